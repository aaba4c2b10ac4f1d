"""The one registry of every ``NEWSBOT_*`` setting, and its validation.

Each :class:`Setting` says what a value must be (type, range or choices) and what the setting
does. :func:`validate_settings` checks every ``NEWSBOT_*`` name found in a crawl's settings
against the registry, with the same conversions the components use (Scrapy's ``getint``,
``getfloat``, ``getbool``, ``getlist``), so a value that passes is a value every component can
read. A ``NEWSBOT_*`` name that is not registered is a problem too (a misspelt name would
otherwise be ignored in silence), reported with the nearest known name.

Validation runs before anything starts: in ``python -m newsbot crawl`` (:mod:`newsbot.schedule`),
in the project's Scrapy commands (:mod:`newsbot.commands`: ``scrapy crawl``, hence Scrapyd, and
the debug commands) and, for code that builds a crawler itself, first thing in a crawl
(:class:`newsbot.extensions.settings_check.SettingsCheck` and the spiders' ``from_crawler``).

A new ``NEWSBOT_*`` setting gets its default in ``newsbot/settings.py`` and one entry in
:data:`SETTINGS` (``tests/test_settings_validation.py`` fails while one is missing).
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from scrapy.settings import BaseSettings

from newsbot.errors import SettingsError
from newsbot.items import ArticleItem
from newsbot.redaction import redact
from newsbot.scrapy_settings import value_problems

PREFIX = "NEWSBOT_"

Kind = Literal["int", "float", "bool", "text", "path", "url", "redis_url", "choice", "list"]

#: Field names of :class:`~newsbot.items.ArticleItem`, for settings that name fields.
ITEM_FIELDS: tuple[str, ...] = tuple(field.name for field in dataclasses.fields(ArticleItem))


@dataclass(frozen=True)
class Setting:
    """One ``NEWSBOT_*`` setting: what its value must be and what it does.

    ``kind`` is how components read it: ``int``/``float``/``bool`` (Scrapy's ``getint``,
    ``getfloat``, ``getbool``), ``text`` (any string), ``path`` (a file path; empty turns
    something off), ``url`` (an http(s) URL with a host), ``choice`` (one of ``choices``),
    ``list`` (``getlist``: a list, or comma-separated text; each entry an ``item`` of
    ``item_choices`` when given, at most ``max_items`` entries). ``minimum``/``maximum`` bound
    numbers (and list entries of kind ``int``); ``exclusive_minimum`` makes the minimum itself invalid.
    """

    name: str
    kind: Kind
    description: str
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    choices: tuple[str, ...] = ()
    item: Literal["text", "int"] = "text"
    item_choices: tuple[str, ...] = ()
    max_items: int | None = None

    def expected(self) -> str:
        """What a valid value looks like, in words."""
        if self.kind == "bool":
            return "True or False (also 1/0, true/false)"
        if self.kind == "text":
            return "text"
        if self.kind == "path":
            return "a file path, or empty"
        if self.kind == "url":
            return "an http:// or https:// URL with a host name, e.g. https://www.trtworld.com"
        if self.kind == "redis_url":
            return "empty, or a redis://, rediss:// or unix:// URL, e.g. redis://127.0.0.1:6379/0"
        if self.kind == "choice":
            return "one of " + ", ".join(repr(choice) for choice in self.choices)
        if self.kind == "list":
            entries = "integers" + self._bounds() if self.item == "int" else "names"
            if self.item_choices:
                entries = "names among " + ", ".join(self.item_choices)
            size = f"up to {self.max_items} " if self.max_items else ""
            return f"a list of {size}{entries}, comma-separated on the command line"
        noun = "an integer" if self.kind == "int" else "a number"
        return noun + self._bounds()

    def _bounds(self) -> str:
        low, high = _number_text(self.minimum), _number_text(self.maximum)
        if self.minimum is not None and self.maximum is not None and not self.exclusive_minimum:
            return f" from {low} to {high}"
        parts = []
        if self.minimum is not None:
            parts.append(f"{'>' if self.exclusive_minimum else '>='} {low}")
        if self.maximum is not None:
            parts.append(f"<= {high}")
        return " " + " and ".join(parts) if parts else ""

    def problem(self, settings: BaseSettings) -> str | None:
        """Why the value of this setting in ``settings`` is not valid, or ``None``."""
        try:
            valid = self._valid(settings)
        except (TypeError, ValueError, OverflowError):
            valid = False
        if valid:
            return None
        return f"{shown(self.name, settings.get(self.name))}: expected {self.expected()} ({self.description})"

    def _valid(self, settings: BaseSettings) -> bool:
        value = settings.get(self.name)
        if self.kind == "bool":
            settings.getbool(self.name)
            return True
        if self.kind == "int":
            return self._in_range(settings.getint(self.name))
        if self.kind == "float":
            return self._in_range(settings.getfloat(self.name))
        if self.kind == "text":
            return value is None or isinstance(value, str)
        if self.kind == "path":
            return value is None or isinstance(value, str | os.PathLike)
        if self.kind == "url":
            return isinstance(value, str) and _is_web_url(value)
        if self.kind == "redis_url":
            return value is None or (isinstance(value, str) and (not value or _is_redis_url(value)))
        if self.kind == "choice":
            return value in self.choices
        return self._valid_list(settings.getlist(self.name))

    def _valid_list(self, entries: list[Any]) -> bool:
        if self.max_items is not None and len(entries) > self.max_items:
            return False
        for entry in entries:
            if self.item == "int":
                if isinstance(entry, float | bool) or not self._in_range(int(entry)):
                    return False
            elif not isinstance(entry, str) or not entry:
                return False
            if self.item_choices and entry not in self.item_choices:
                return False
        return True

    def _in_range(self, number: float) -> bool:
        if not math.isfinite(number):
            return False
        if self.minimum is not None and (number <= self.minimum if self.exclusive_minimum else number < self.minimum):
            return False
        return self.maximum is None or number <= self.maximum


def shown(name: str, value: Any) -> str:
    """``NAME='value'`` for a problem line (redacted later), or ``NAME`` alone when the value is a URL
    with a space or control character inside: no redaction can tell where its password ends."""
    if isinstance(value, str) and "://" in value and _has_space(value):
        return f"{name} (value not shown: a URL with a space or control character; percent-encode it, e.g. %20)"
    return f"{name}={value!r}"


def _number_text(number: float | None) -> str:
    return "" if number is None else f"{number:g}"


def _has_space(value: str) -> bool:
    return any(not char.isprintable() or char.isspace() for char in value.strip())


def _is_redis_url(value: str) -> bool:
    if _has_space(value):  # redis-py would take "redis://u:two words@h/0" and fail at connection time
        return False
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 (raises ValueError for a bad port)
    except ValueError:
        return False
    if parts.scheme == "unix":
        if not parts.path:
            return False
    else:
        database = parts.path.strip("/")
        if parts.scheme not in ("redis", "rediss") or not parts.hostname or (database and not database.isdigit()):
            return False
    from redis.connection import parse_url  # imported only when a Redis URL is set: its query values too

    try:
        parse_url(value.strip())
    except ValueError:
        return False
    return True


def _is_web_url(value: str) -> bool:
    if _has_space(value):
        return False
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


SETTINGS: tuple[Setting, ...] = (
    # the site and the crawl
    Setting("NEWSBOT_BASE_URL", "url", "the site to crawl, or the replica's URL"),
    Setting("NEWSBOT_FOLLOW_DEPTH", "int", "Related/RECOMMENDED/Explore hops followed from a start article", minimum=0),
    Setting("NEWSBOT_MAX_PAGES_PER_SITE", "int", "requests scheduled per site in one run; 0: no budget", minimum=0),
    Setting("NEWSBOT_MAX_PENDING_REQUESTS", "int", "pending requests held at most; 0: no bound", minimum=0),
    Setting("NEWSBOT_CONTACT", "text", "contact put in the User-Agent; empty: Scrapy's USER_AGENT unchanged"),
    Setting("NEWSBOT_PROGRESS_INTERVAL", "float", "seconds between two progress lines; 0: off", minimum=0),
    Setting(
        "NEWSBOT_GC_THRESHOLD",
        "list",
        "Python's cyclic GC thresholds during a crawl; empty: Python's own",
        item="int",
        minimum=0,
        max_items=3,
    ),
    Setting("NEWSBOT_JOBDIR_RESET_WHEN_FINISHED", "bool", "a finished crawl empties its JOBDIR"),
    # shared frontier (newsbot.frontier)
    Setting("NEWSBOT_REDIS_URL", "redis_url", "Redis of the shared frontier; empty: this process's own queue"),
    Setting("NEWSBOT_REDIS_KEY_PREFIX", "text", "prefix of the shared frontier's Redis keys"),
    Setting(
        "NEWSBOT_REDIS_IDLE_SECONDS", "float", "a worker leaves once the shared queue stayed empty this long", minimum=0
    ),
    Setting("NEWSBOT_REDIS_LEASE_SECONDS", "float", "a worker silent this long counts as dead in its run", minimum=1),
    # discovery of the `news` spider, per site
    Setting("NEWSBOT_SITEMAP_MAX_FILES", "int", "sitemaps fetched per site, indexes included", minimum=0),
    Setting("NEWSBOT_SITEMAP_MAX_URLS", "int", "entries read from one sitemap (the newest)", minimum=1),
    Setting("NEWSBOT_SITEMAP_MAX_BYTES", "int", "a larger sitemap (decompressed) is not read", minimum=1024),
    Setting("NEWSBOT_FEED_MAX_FEEDS", "int", "feeds read per site (home page autodiscovery)", minimum=0),
    Setting("NEWSBOT_FEED_MAX_ITEMS", "int", "items read from one feed", minimum=1),
    Setting("NEWSBOT_HOME_MAX_LINKS", "int", "same-site links of a home page considered", minimum=0),
    Setting("NEWSBOT_PATTERN_MIN_SUPPORT", "int", "sitemap URLs of one shape before it is an article shape", minimum=1),
    Setting(
        "NEWSBOT_ARTICLE_MIN_SCORE", "float", "content score a page without article data needs", minimum=0, maximum=1
    ),
    # storage
    Setting(
        "NEWSBOT_DATABASE_URL",
        "text",
        "the store: sqlite:///path or postgresql://user@host:port/db; empty: NEWSBOT_SQLITE_PATH",
    ),
    Setting("NEWSBOT_POSTGRES_POOL_SIZE", "int", "PostgreSQL connections per crawl process", minimum=2),
    Setting(
        "NEWSBOT_LOCK_TIMEOUT_SECONDS",
        "float",
        "a PostgreSQL batch waiting longer for a lock is given up",
        minimum=0,
        exclusive_minimum=True,
    ),
    Setting("NEWSBOT_SQLITE_PATH", "path", "the SQLite database; empty: no storage, dedup or incremental crawling"),
    Setting("NEWSBOT_SQLITE_BATCH_SIZE", "int", "articles written per transaction", minimum=1),
    # validation
    Setting(
        "NEWSBOT_REQUIRED_FIELDS", "list", "an item without one of these fields is dropped", item_choices=ITEM_FIELDS
    ),
    Setting("NEWSBOT_MIN_BODY_CHARS", "int", "a shorter article body is dropped; 0: no check", minimum=0),
    Setting("NEWSBOT_MAX_HEADLINE_CHARS", "int", "a longer headline drops the article", minimum=1),
    Setting("NEWSBOT_MAX_BODY_CHARS", "int", "a longer article body drops the article", minimum=1),
    Setting("NEWSBOT_MAX_TEXT_CHARS", "int", "other text fields are truncated to this length", minimum=1),
    Setting("NEWSBOT_MAX_LIST_ITEMS", "int", "authors, keywords and related links are cut to this many", minimum=1),
    # near-duplicate removal
    Setting("NEWSBOT_DEDUP_ENABLED", "bool", "near-duplicate removal on or off"),
    Setting(
        "NEWSBOT_DEDUP_MODE",
        "choice",
        "drop: copies are only recorded; flag: also stored, marked",
        choices=("drop", "flag"),
    ),
    Setting(
        "NEWSBOT_DEDUP_THRESHOLD",
        "float",
        "estimated Jaccard similarity that makes a near duplicate",
        minimum=0,
        exclusive_minimum=True,
        maximum=1,
    ),
    Setting(
        "NEWSBOT_DEDUP_CONTAINMENT",
        "float",
        "estimated share of the shorter story in the longer that makes a trimmed copy; 0: off",
        minimum=0,
        maximum=1,
    ),
    Setting("NEWSBOT_DEDUP_NUM_PERM", "int", "MinHash permutations", minimum=4),
    Setting(
        "NEWSBOT_DEDUP_WINDOW_DAYS",
        "float",
        "near duplicates: only stories published this close are compared (exact copies: any age); 0: no window",
        minimum=0,
    ),
    # incremental crawling
    Setting("NEWSBOT_INCREMENTAL_ENABLED", "bool", "skip article pages already stored"),
    Setting("NEWSBOT_REFRESH_AFTER_HOURS", "float", "re-fetch stored articles older than this; 0: never", minimum=0),
    # the date window (newsbot.window)
    Setting("NEWSBOT_SINCE", "text", "articles published before this are skipped: a day, a moment or a duration"),
    Setting(
        "NEWSBOT_MAX_AGE_DAYS",
        "float",
        "articles published more than this many days ago are skipped; 0: off",
        minimum=0,
    ),
    Setting("NEWSBOT_SKIP_PAYWALLED", "bool", "drop articles whose structured data says isAccessibleForFree: false"),
    Setting("NEWSBOT_LANGUAGES", "list", "language tags of the articles kept (en, de...); empty: every language"),
    # health checks
    Setting("NEWSBOT_MONITOR_MIN_ARTICLES", "int", "fewer articles extracted: exit code 4", minimum=0),
    Setting("NEWSBOT_MONITOR_ARTICLE_STATS", "list", "stats counted as extracted articles"),
    Setting("NEWSBOT_MONITOR_KNOWN_STATS", "list", "stats counted as known articles skipped"),
    Setting(
        "NEWSBOT_MONITOR_MAX_ERROR_RATE",
        "float",
        "failed downloads / downloads above this: exit code 6",
        minimum=0,
        maximum=1,
    ),
    Setting("NEWSBOT_MONITOR_MIN_REQUESTS", "int", "fewer downloads: too few to judge the error rate", minimum=0),
    Setting("NEWSBOT_MONITOR_COVERAGE_ENABLED", "bool", "count field coverage (CoveragePipeline)"),
    Setting(
        "NEWSBOT_MONITOR_COVERAGE_FIELDS", "list", "fields whose share of items is checked", item_choices=ITEM_FIELDS
    ),
    Setting(
        "NEWSBOT_MONITOR_COVERAGE_MAX_DROP",
        "float",
        "how far a field's share may fall below its usual share",
        minimum=0,
        maximum=1,
    ),
    Setting("NEWSBOT_MONITOR_COVERAGE_FLOOR", "float", "the lowest share a field may have", minimum=0, maximum=1),
    Setting("NEWSBOT_MONITOR_COVERAGE_MIN_ITEMS", "int", "fewer items: coverage not judged", minimum=0),
    Setting(
        "NEWSBOT_MONITOR_COVERAGE_HISTORY", "int", "earlier runs whose median share is the usual; 0: none", minimum=0
    ),
)

REGISTRY: dict[str, Setting] = {setting.name: setting for setting in SETTINGS}


def validate_settings(settings: BaseSettings | Mapping[str, Any]) -> list[str]:
    """Every problem of the ``NEWSBOT_*`` settings in ``settings`` (empty: all valid).

    Each problem is one line naming the setting, its value (redacted) and what is expected; an
    unknown ``NEWSBOT_*`` name is reported with the nearest registered name when there is one. A
    value of one of Scrapy's own settings that Scrapy cannot read is a problem too
    (:func:`newsbot.scrapy_settings.value_problems`).
    """
    if not isinstance(settings, BaseSettings):
        settings = BaseSettings(dict(settings))
    problems = []
    for name in sorted(key for key in settings if isinstance(key, str) and key.startswith(PREFIX)):
        setting = REGISTRY.get(name)
        problem = setting.problem(settings) if setting else unknown(name, settings.get(name))
        if problem:
            problems.append(problem)
    problems.extend(_store_problems(settings))
    problems.extend(_window_problems(settings))
    if settings.get("NEWSBOT_REDIS_URL") and settings.get("JOBDIR"):
        problems.append(
            f"JOBDIR={settings.get('JOBDIR')!r} with NEWSBOT_REDIS_URL set: the shared frontier keeps the queue and"
            " seen-set in Redis, a JOBDIR would keep a second, private one; drop --jobdir/JOBDIR"
        )
    problems.extend(value_problems(settings))  # Scrapy's own settings: a value Scrapy cannot read
    return [redact(problem) for problem in problems]  # a problem line quotes values: never a password


def _window_problems(settings: BaseSettings) -> list[str]:
    """``NEWSBOT_SINCE`` when it is not a day, a moment or a duration (:func:`newsbot.window.parse_since`),
    ``NEWSBOT_LANGUAGES`` when an entry is not a language tag."""
    from newsbot.languages import language_filter
    from newsbot.window import window_from

    if REGISTRY["NEWSBOT_LANGUAGES"].problem(settings) is None:
        try:
            language_filter(settings.getlist("NEWSBOT_LANGUAGES"))
        except ValueError as error:
            return [f"NEWSBOT_LANGUAGES={settings.get('NEWSBOT_LANGUAGES')!r}: {error}"]

    if not isinstance(settings.get("NEWSBOT_SINCE") or "", str):
        return []  # the registry's own problem line names it
    try:
        window_from(BaseSettings({"NEWSBOT_SINCE": settings.get("NEWSBOT_SINCE")}))
    except ValueError as error:
        return [str(error)]
    return []


def _store_problems(settings: BaseSettings) -> list[str]:
    """A store URL that names no backend, and a shared frontier whose workers could not share the store."""
    from newsbot.storage.factory import database_url, is_shared, redacted, url_problem

    url = (settings.get("NEWSBOT_DATABASE_URL") or "").strip()
    if url and (problem := url_problem(url)):
        return [f"{shown('NEWSBOT_DATABASE_URL', redacted(url))}: {problem}"]
    store = database_url(settings)
    redis_valid = REGISTRY["NEWSBOT_REDIS_URL"].problem(settings) is None  # an invalid one is its own problem
    if settings.get("NEWSBOT_REDIS_URL") and redis_valid and store is not None and not is_shared(store):
        return [
            f"NEWSBOT_REDIS_URL is set but the store is the SQLite file of one process ({redacted(store)}):"
            " workers of a shared frontier need NEWSBOT_DATABASE_URL=postgresql://..."
            " (or NEWSBOT_SQLITE_PATH= empty, to store nothing)"
        ]
    return []


def unknown(name: str, value: Any, known: Iterable[str] = REGISTRY) -> str:
    """The problem line of a ``NEWSBOT_*`` name that is not registered, with the nearest known name."""
    # compared without the shared prefix, which would make every pair look alike
    suffixes = {known_name.removeprefix(PREFIX): known_name for known_name in known}
    nearest = difflib.get_close_matches(name.removeprefix(PREFIX), list(suffixes), n=1, cutoff=0.6)
    hint = f"did you mean {suffixes[nearest[0]]}?" if nearest else "the known ones are in README.md, Settings"
    return f"{shown(name, value)}: not a newsbot setting; {hint}"


def check_settings(settings: BaseSettings | Mapping[str, Any]) -> None:
    """Raise :class:`SettingsError` naming every invalid ``NEWSBOT_*`` setting."""
    problems = validate_settings(settings)
    if problems:
        raise SettingsError(problems)


def crawl_problems(
    settings: BaseSettings, spidercls: type | None = None, spider_kwargs: Mapping[str, Any] | None = None
) -> list[str]:
    """What is wrong with starting ``spidercls`` with ``settings`` and ``spider_kwargs`` (empty: nothing).

    The settings are checked as the crawl will see them (the spider's ``custom_settings``
    applied); when they are valid, the spider's ``check_arguments(settings, **spider_kwargs)``
    classmethod, if it has one, checks the spider arguments (a ``ValueError`` is a problem).
    """
    effective = settings.copy()
    if spidercls is not None:
        try:
            spidercls.update_settings(effective)
        except SettingsError as error:
            return list(error.problems)
    problems = validate_settings(effective)
    check_arguments = getattr(spidercls, "check_arguments", None)
    if not problems and check_arguments is not None:
        try:
            check_arguments(effective, **(spider_kwargs or {}))
        except ValueError as error:
            problems.append(f"spider argument: {error}")
    return problems
