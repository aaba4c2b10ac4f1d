"""A short, readable report of a crawl: what was stored, which links, what was dropped and why."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsbot.archive.overview import Overview
from newsbot.archive.text_report import copy_lines
from newsbot.redaction import redact
from newsbot.storage.runs import pages_of

DROP_PREFIXES = ("newsbot/dropped/", "newsbot/errors/")


def drop_reasons(stats: Mapping[str, Any]) -> dict[str, int]:
    """Pages dropped or failed during a crawl, by reason, from its stats."""
    reasons: dict[str, int] = {}
    for key, value in stats.items():
        for prefix in DROP_PREFIXES:
            if key.startswith(prefix):
                reasons[key.removeprefix("newsbot/")] = int(value)
    for kind in ("exact", "near"):
        count = stats.get(f"newsbot/dedup/{kind}")
        if count:
            reasons[f"duplicate/{kind}"] = int(count)
    return dict(sorted(reasons.items()))


def crawl_report(overview: Overview, stats: Mapping[str, Any]) -> str:
    """The demo's report as text: counts from the database (:class:`Overview`), reasons from the crawl's stats."""
    new = int(stats.get("newsbot/store/new", 0)) + int(stats.get("newsbot/store/revised", 0))
    lines = [
        f"Database: {redact(overview.location)}",
        f"Articles stored: {overview.articles} (this run: {new} written, finish reason: {stats.get('finish_reason')})",
        f"Pages downloaded: {pages_of(stats)}, items extracted: {stats.get('newsbot/spider/articles', 0)}",
        "Links by kind: " + (", ".join(f"{kind} {count}" for kind, count in overview.links.items() if count) or "none"),
    ]
    reasons = drop_reasons(stats)
    lines.append("Dropped or failed: " + (", ".join(f"{r} {n}" for r, n in reasons.items()) or "none"))
    lines.append(f"Duplicates recognised: {overview.copies}")
    lines.extend(copy_lines(overview))
    return "\n".join(lines)


def _counts(stats: Mapping[str, Any], prefix: str) -> str:
    found = {k.removeprefix(prefix): int(v) for k, v in stats.items() if k.startswith(prefix) and v}
    found = {name: count for name, count in found.items() if not name.endswith("IgnoreRequest")}
    return ", ".join(f"{name} {count}" for name, count in sorted(found.items())) or "none"


def run_summary(
    stats: Mapping[str, Any],
    checks: list[Any],
    status: str,
    database: str | None = None,
    coverage_fields: tuple[str, ...] = ("headline", "articleBody", "datePublished", "authors"),
) -> str:
    """One screen about a scheduled crawl: status, figures, drops by reason, errors by kind, checks.

    ``checks`` are :class:`newsbot.monitoring.health.CheckResult` objects; ``status`` the first
    line (e.g. ``"OK (exit 0)"``); ``database`` the SQLite file, whose article count is shown;
    ``coverage_fields`` the fields whose coverage is shown.
    """
    from newsbot.extensions.progress import progress_figures
    from newsbot.frontier.budget import bounds_reached
    from newsbot.monitoring.health import coverage_of, failed_downloads

    figures = progress_figures(stats)
    started, finished = stats.get("start_time"), stats.get("finish_time")
    elapsed = stats.get("elapsed_time_seconds")
    lines = [f"newsbot crawl: {status}"]
    when = f"  started {started:%Y-%m-%d %H:%M:%S}" if hasattr(started, "strftime") else "  not started"
    if hasattr(finished, "strftime"):
        when += f", finished {finished:%H:%M:%S}"
    if elapsed is not None:
        when += f" ({float(elapsed):.0f}s)"
    lines.append(f"{when}, finish reason: {stats.get('finish_reason')}")
    valid = int(stats.get("newsbot/validate/ok", 0))
    lines.append(
        f"  pages {figures['pages']} | articles extracted {figures['articles']}, valid {valid} | "
        f"stored {figures['stored']} ({figures['new']} new, {figures['revised']} revised), "
        f"unchanged {int(stats.get('newsbot/store/unchanged', 0))}"
    )
    known = stats.get("newsbot/incremental/skipped", 0)
    lines.append(
        f"  duplicates {figures['duplicates']} (exact {stats.get('newsbot/dedup/exact', 0)}, "
        f"near {stats.get('newsbot/dedup/near', 0)}) | known articles skipped {known}, "
        f"not modified {stats.get('newsbot/incremental/not_modified', 0)}"
    )
    lost = int(stats.get("newsbot/store/lost", 0))
    if lost:
        after = int(stats.get("newsbot/dropped/storage_unavailable", 0))
        batch = "the batch that failed"
        if stats.get("newsbot/store/lock_timeout"):
            holder = stats.get("newsbot/store/lock_holder") or "another worker"
            batch = f"the batch given up after waiting too long for a lock held by {holder}"
        lines.append(
            f"  not stored: {lost} articles ({lost - after} in {batch}, {after} after it);"
            " the next run fetches them again"
        )
    reached = bounds_reached(stats)
    if reached:
        lines.append(f"  bounds reached (the crawl ended normally, some links were not followed): {reached}")
    lines.append(f"  dropped by reason: {_counts(stats, 'newsbot/dropped/')}")
    wanted = _skipped_unwanted(stats)
    if wanted:
        lines.append(f"  skipped before download: {wanted}")
    lines.append(
        f"  requests failed after retries {figures['errors']}: {_counts(stats, 'newsbot/errors/')} | "
        f"downloads {stats.get('downloader/request_count', 0)} (retries included), failed {failed_downloads(stats)}"
    )
    coverage = coverage_of(stats, coverage_fields)
    if coverage.items:
        shares = []
        for name, share in coverage.shares.items():
            usual = coverage.usual.get(name)
            shares.append(f"{name} {share:.0%}" + (f" (usual {usual:.0%})" if usual is not None else ""))
        lines.append(f"  coverage of {coverage.items} items: " + ", ".join(shares))
    for check in checks:
        mark = "ok    " if check.ok else "FAILED"
        lines.append(f"  [{mark}] {check.name}: {check.message}")
    if database:
        from newsbot.storage.factory import redacted

        lines.append(f"  database: {redacted(database)}{_article_total(database)}")
    else:
        lines.append("  database: none (NEWSBOT_SQLITE_PATH is empty: storage, dedup and incremental crawling are off)")
    return "\n".join(lines)


def _skipped_unwanted(stats: Mapping[str, Any]) -> str:
    """The requests not made because the articles were not wanted (:mod:`newsbot.window`,
    :mod:`newsbot.languages`), by reason;
    ``undated`` pages kept too. Empty when there were none."""
    from newsbot.languages import SKIPPED_LANGUAGE
    from newsbot.window import SKIPPED_TOO_OLD, UNDATED

    reasons = (("too_old", SKIPPED_TOO_OLD), ("language", SKIPPED_LANGUAGE))
    counted = ", ".join(f"{name} {int(stats[key])}" for name, key in reasons if stats.get(key))
    undated = f"(undated pages kept {int(stats[UNDATED])})" if stats.get(UNDATED) else ""
    return f"{counted or 'none'} {undated}".rstrip() if counted or undated else ""


def _article_total(database: str) -> str:
    from newsbot.errors import StorageError, StoreMissing
    from newsbot.storage.readonly import read_rows

    try:
        total = read_rows(database, "SELECT COUNT(*) FROM articles", timeout=5)[0][0]
    except StoreMissing:
        return " (missing)"
    except StorageError as error:
        return f" (unreadable: {error})"
    return f" ({total} articles in all)"
