"""The health checks of a finished crawl, as plain functions over its stats (no Scrapy imports).

Each check has an exit code (see :mod:`newsbot.schedule`); when several fail, the crawl's exit
code is the most specific one, in the order of :data:`SPECIFICITY`:

============  ====  ===========================================================================
check         code  fails when
============  ====  ===========================================================================
storage       8     the database could not be opened or written (finish reason
                    ``storage_unavailable`` or a ``newsbot/store/error`` stat)
finish        7     the finish reason is not ``finished`` (shutdown, timeout, crash...)
errors        6     failed downloads / downloads > ``NEWSBOT_MONITOR_MAX_ERROR_RATE``
coverage      5     a field's share of items fell more than ``NEWSBOT_MONITOR_COVERAGE_MAX_DROP``
                    below its usual share, or below ``NEWSBOT_MONITOR_COVERAGE_FLOOR``
articles      4     fewer than ``NEWSBOT_MONITOR_MIN_ARTICLES`` articles were extracted (valid ones,
                    ``NEWSBOT_MONITOR_ARTICLE_STATS``) or found already stored and skipped by an
                    incremental crawl (``NEWSBOT_MONITOR_KNOWN_STATS``)
============  ====  ===========================================================================

A failed download is an exception (refused connection, timeout, DNS) or a response with status
400 or more, counted by Scrapy's downloader stats (``downloader/exception_count``,
``downloader/response_status_count/<status>``) over ``downloader/request_count`` (retries
included on both sides). ``IgnoreRequest`` (a request skipped on purpose, e.g. by the
incremental middleware or robots.txt) is not a failure.

Field coverage comes from the ``newsbot/coverage/*`` stats of
:class:`newsbot.pipelines.coverage.CoveragePipeline`: ``items``, one counter per field, and
``usual/<field>``, the median share over earlier finished runs of the same spider.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: Exit codes, most specific first.
SPECIFICITY: tuple[tuple[str, int], ...] = (
    ("storage", 8),
    ("finish", 7),
    ("errors", 6),
    ("coverage", 5),
    ("articles", 4),
)
EXIT_CODES: dict[str, int] = dict(SPECIFICITY)
#: The stats key a check's result is recorded under: ``ok: <measured>`` or ``FAILED: <why>``.
RESULT_KEY = "newsbot/health/{}"
STORAGE_FINISH_REASON = "storage_unavailable"
COVERAGE_PREFIX = "newsbot/coverage/"


def _registry_default(name: str) -> Any:
    """The default of setting ``name``, from the registry (:mod:`newsbot.config`, imported when
    first needed: it imports Scrapy, which the checks themselves do without)."""
    from newsbot.config import REGISTRY

    return REGISTRY[name].default


def _setting(name: str) -> Any:
    return field(default_factory=lambda: _registry_default(name))


@dataclass(frozen=True)
class Thresholds:
    """The limits of the checks; each defaults to its ``NEWSBOT_MONITOR_*`` setting's default, and
    :meth:`from_settings` reads them from the settings."""

    min_articles: int = _setting("NEWSBOT_MONITOR_MIN_ARTICLES")
    article_stats: tuple[str, ...] = _setting("NEWSBOT_MONITOR_ARTICLE_STATS")
    # known_stats: found, and left out on purpose (newsbot.window, newsbot.languages) or stored already
    known_stats: tuple[str, ...] = _setting("NEWSBOT_MONITOR_KNOWN_STATS")
    max_error_rate: float = _setting("NEWSBOT_MONITOR_MAX_ERROR_RATE")
    min_requests: int = _setting("NEWSBOT_MONITOR_MIN_REQUESTS")
    coverage_fields: tuple[str, ...] = _setting("NEWSBOT_MONITOR_COVERAGE_FIELDS")
    coverage_max_drop: float = _setting("NEWSBOT_MONITOR_COVERAGE_MAX_DROP")
    coverage_floor: float = _setting("NEWSBOT_MONITOR_COVERAGE_FLOOR")
    coverage_min_items: int = _setting("NEWSBOT_MONITOR_COVERAGE_MIN_ITEMS")

    @classmethod
    def from_settings(cls, settings: Any) -> Thresholds:
        """Read the thresholds from Scrapy settings or a plain mapping (a name not given: its default)."""
        from newsbot.config import newsbot_settings

        settings = newsbot_settings(settings)
        return cls(
            min_articles=settings.getint("NEWSBOT_MONITOR_MIN_ARTICLES"),
            article_stats=tuple(settings.getlist("NEWSBOT_MONITOR_ARTICLE_STATS")),
            known_stats=tuple(settings.getlist("NEWSBOT_MONITOR_KNOWN_STATS")),
            max_error_rate=settings.getfloat("NEWSBOT_MONITOR_MAX_ERROR_RATE"),
            min_requests=settings.getint("NEWSBOT_MONITOR_MIN_REQUESTS"),
            coverage_fields=tuple(settings.getlist("NEWSBOT_MONITOR_COVERAGE_FIELDS")),
            coverage_max_drop=settings.getfloat("NEWSBOT_MONITOR_COVERAGE_MAX_DROP"),
            coverage_floor=settings.getfloat("NEWSBOT_MONITOR_COVERAGE_FLOOR"),
            coverage_min_items=settings.getint("NEWSBOT_MONITOR_COVERAGE_MIN_ITEMS"),
        )


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: ``message`` says what was measured, and why it failed if it did."""

    name: str
    ok: bool
    message: str
    skipped: bool = False

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else EXIT_CODES[self.name]

    def as_stat(self) -> str:
        return f"ok: {self.message}" if self.ok else f"FAILED: {self.message}"


@dataclass
class Coverage:
    """Field coverage of one crawl: items counted, share of items per field, usual share per field."""

    items: int = 0
    shares: dict[str, float] = field(default_factory=dict)
    usual: dict[str, float] = field(default_factory=dict)
    history_runs: int = 0


def _int(stats: Mapping[str, Any], key: str) -> int:
    try:
        return int(stats.get(key) or 0)
    except (TypeError, ValueError):
        return 0


def sum_prefix(stats: Mapping[str, Any], prefix: str, skip: tuple[str, ...] = ()) -> int:
    """The sum of every numeric stat whose key starts with ``prefix`` (minus the keys ``prefix + skip``)."""
    return sum(
        int(v) for k, v in stats.items()
        if k.startswith(prefix) and isinstance(v, int | float) and k.removeprefix(prefix) not in skip
    )  # fmt: skip


IGNORED = "IgnoreRequest"


def failed_downloads(stats: Mapping[str, Any]) -> int:
    """Downloads that ended in an exception (not ``IgnoreRequest``) or a status >= 400 (each retry counts).

    A robots.txt or a guessed sitemap answered ``404``/``410`` is not a failure (``newsbot/probes/missing``,
    :class:`newsbot.middlewares.probes.ProbeMisses`).
    """
    failed = _int(stats, "downloader/exception_count")
    failed -= sum(int(v) for k, v in stats.items() if k.startswith("downloader/exception_type_count/")
                  and k.endswith(f".{IGNORED}"))  # fmt: skip
    prefix = "downloader/response_status_count/"
    for key, value in stats.items():
        if key.startswith(prefix) and key.removeprefix(prefix).isdigit() and int(key.removeprefix(prefix)) >= 400:
            failed += int(value)
    return max(0, failed - _int(stats, "newsbot/probes/missing"))


def coverage_of(stats: Mapping[str, Any], fields: tuple[str, ...]) -> Coverage:
    """Coverage figures of a crawl from its ``newsbot/coverage/*`` stats."""
    items = _int(stats, f"{COVERAGE_PREFIX}items")
    coverage = Coverage(items=items, history_runs=_int(stats, f"{COVERAGE_PREFIX}history_runs"))
    for name in fields:
        if items:
            coverage.shares[name] = _int(stats, f"{COVERAGE_PREFIX}{name}") / items
        usual = stats.get(f"{COVERAGE_PREFIX}usual/{name}")
        if isinstance(usual, int | float):
            coverage.usual[name] = float(usual)
    return coverage


def check_storage(stats: Mapping[str, Any], thresholds: Thresholds) -> CheckResult:
    error = stats.get("newsbot/store/error")
    if stats.get("finish_reason") == STORAGE_FINISH_REASON or error:
        return CheckResult("storage", False, f"storage unavailable: {error or 'the database could not be opened'}")
    return CheckResult("storage", True, "no storage error")


def check_finish(stats: Mapping[str, Any], thresholds: Thresholds) -> CheckResult:
    reason = stats.get("finish_reason")
    if reason == "finished":
        return CheckResult("finish", True, "finish reason: finished")
    return CheckResult("finish", False, f"finish reason is {reason!r}, not 'finished'")


def check_errors(stats: Mapping[str, Any], thresholds: Thresholds) -> CheckResult:
    requests = _int(stats, "downloader/request_count")
    failed = failed_downloads(stats)
    rate = failed / requests if requests else 0.0
    message = f"{failed} of {requests} downloads failed ({rate:.0%}; at most {thresholds.max_error_rate:.0%})"
    if requests < thresholds.min_requests:
        return CheckResult("errors", True, f"{message}; too few requests to judge", skipped=True)
    return CheckResult("errors", rate <= thresholds.max_error_rate, message)


def check_coverage(stats: Mapping[str, Any], thresholds: Thresholds) -> CheckResult:
    coverage = coverage_of(stats, thresholds.coverage_fields)
    if coverage.items < max(1, thresholds.coverage_min_items):
        return CheckResult(
            "coverage", True, f"{coverage.items} items: too few to judge coverage "
            f"(NEWSBOT_MONITOR_COVERAGE_MIN_ITEMS={thresholds.coverage_min_items})", skipped=True,
        )  # fmt: skip
    low: list[str] = []
    for name in thresholds.coverage_fields:
        share = coverage.shares.get(name, 0.0)
        usual = coverage.usual.get(name)
        minimum = thresholds.coverage_floor
        if usual is not None:
            minimum = max(minimum, usual - thresholds.coverage_max_drop)
        if share < minimum:
            usual_text = f", usually {usual:.0%}" if usual is not None else ""
            low.append(f"{name} {share:.0%} (minimum {minimum:.0%}{usual_text})")
    basis = f"{coverage.items} items, usual from {coverage.history_runs} earlier runs"
    if low:
        return CheckResult("coverage", False, "field coverage far below the usual (site layout changed?): "
                           + "; ".join(low) + f" [{basis}]")  # fmt: skip
    shares = ", ".join(f"{n} {coverage.shares.get(n, 0.0):.0%}" for n in thresholds.coverage_fields)
    return CheckResult("coverage", True, f"{shares} [{basis}]")


def check_articles(stats: Mapping[str, Any], thresholds: Thresholds) -> CheckResult:
    """Enough articles extracted, counting the known ones an incremental crawl skipped.

    An incremental crawl of a site that published nothing new extracts nothing: that is fine
    when it found articles it had already stored, or left out on purpose as too old or in another
    language (``thresholds.known_stats``).
    """
    found = sum(_int(stats, key) for key in thresholds.article_stats)
    known = sum(_int(stats, key) for key in thresholds.known_stats)
    message = f"{found} valid articles extracted"
    if known:
        message += f" and {known} known or unwanted ones skipped"
    message += f" (at least {thresholds.min_articles})"
    return CheckResult("articles", found + known >= thresholds.min_articles, message)


CHECKS = {
    "storage": check_storage,
    "finish": check_finish,
    "errors": check_errors,
    "coverage": check_coverage,
    "articles": check_articles,
}


def run_check(name: str, stats: Mapping[str, Any], thresholds: Thresholds) -> CheckResult:
    """Run one check by name (a key of :data:`CHECKS`)."""
    return CHECKS[name](stats, thresholds)


def run_checks(stats: Mapping[str, Any], thresholds: Thresholds | None = None) -> list[CheckResult]:
    """Every check, most specific first."""
    thresholds = thresholds or Thresholds()
    return [run_check(name, stats, thresholds) for name, _ in SPECIFICITY]


def recorded_results(stats: Mapping[str, Any]) -> list[CheckResult] | None:
    """The results the monitors recorded in the stats (``newsbot/health/<check>``), if all are there."""
    results = []
    for name, _ in SPECIFICITY:
        value = stats.get(RESULT_KEY.format(name))
        if not isinstance(value, str):
            return None
        ok = not value.startswith("FAILED")
        results.append(CheckResult(name, ok, value.removeprefix("FAILED: ").removeprefix("ok: ")))
    return results


def exit_code(results: list[CheckResult]) -> int:
    """The most specific exit code of the failed checks, 0 when all passed."""
    failed = {result.name for result in results if not result.ok}
    for name, code in SPECIFICITY:
        if name in failed:
            return code
    return 0
