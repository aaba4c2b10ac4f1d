"""The one registry of every ``NEWSBOT_*`` setting: its default, what it must be, what it does.

**Defaults.** Each :class:`Setting` of :data:`SETTINGS` holds the setting's one default.
``newsbot/settings.py`` sets every ``NEWSBOT_*`` setting from it (:func:`defaults`), and README.md's
"Settings" and "Health checks" tables are written from it (``python -m newsbot.config --readme``;
``--markdown`` prints them; ``tests/test_config_registry.py`` fails while README.md differs).
Components read a setting with no fallback at the call site, through :func:`newsbot_settings`:
``newsbot_settings(crawler.settings).getint("NEWSBOT_FOLLOW_DEPTH")``. The project's settings hold
every name already; a crawler built on a bare ``Settings()`` (tests, ``get_crawler``, user code
without the project) gets each missing name at its registry default, so it reads what a crawl of
the project reads. A constructor takes the value its component reads, with no default of its own.

**Validation** (:mod:`newsbot.settings_check`, which reads this registry).
:func:`~newsbot.settings_check.crawl_problems` is the one check: every ``NEWSBOT_*`` name in a crawl's
settings against the registry, with the conversions the components use (Scrapy's ``getint``,
``getfloat``, ``getbool``, ``getlist``), so a value that passes is a value every component can
read; a ``NEWSBOT_*`` name that is not registered (a misspelt name would otherwise be ignored in
silence) with the nearest known name; the values of Scrapy's own settings
(:func:`newsbot.scrapy_settings.value_problems`); and the spider arguments. Its one entry in a
crawl is the add-on :class:`newsbot.settings_check.SettingsCheck` (``ADDONS``), which every crawl
of the project passes through: ``scrapy crawl`` and so Scrapyd, the debug commands, ``python -m
newsbot crawl`` and crawlers built in code. The commands (:mod:`newsbot.commands`,
:func:`newsbot.schedule.run`) call it once more, first, since they must fail
before anything starts (the log file, the lock, the database) and with a usage error (one
``error:`` line per problem, exit code 2) rather than a traceback.

A new ``NEWSBOT_*`` setting is one entry in :data:`SETTINGS` (``tests/test_settings_validation.py``
fails while a name used in the source is not registered), then ``python -m newsbot.config --readme``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from scrapy.settings import BaseSettings

from newsbot.items import ArticleItem

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
    ``default`` is the setting's one default (a tuple for a list); ``description`` is the short
    meaning quoted by a problem line, ``doc`` the longer one of README.md's table (``description``
    when empty).
    """

    name: str
    kind: Kind
    default: Any
    description: str
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    choices: tuple[str, ...] = ()
    item: Literal["text", "int"] = "text"
    item_choices: tuple[str, ...] = ()
    max_items: int | None = None
    doc: str = ""

    def value(self) -> Any:
        """The default as ``settings.py`` gives it: a new list for a ``list`` setting (tuples here, never shared)."""
        return list(self.default) if self.kind == "list" else self.default

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
    Setting(
        "NEWSBOT_BASE_URL",
        "url",
        "https://www.trtworld.com",
        "the site to crawl, or the replica's URL",
        doc="the site to crawl; the replica's URL (e.g. `http://127.0.0.1:8765`) to crawl it instead",
    ),
    Setting(
        "NEWSBOT_FOLLOW_DEPTH",
        "int",
        2,
        "Related/RECOMMENDED/Explore hops followed from a start article",
        minimum=0,
        doc="Related / RECOMMENDED / Explore hops followed from an article found on a start page",
    ),
    Setting(
        "NEWSBOT_MAX_PAGES_PER_SITE",
        "int",
        5000,
        "requests scheduled per site in one run; 0: no budget",
        minimum=0,
        doc=(
            "the page budget: pages requested per site in one run, of every kind (start pages, sitemaps, feeds, "
            "listings, articles; not Scrapy's own `robots.txt` fetch, not stored articles the incremental check "
            "skips, not retries or redirects). Then the site's links are not followed "
            "(`newsbot/skipped/page_budget`), its queued pages are still fetched and the crawl finishes normally "
            "(exit 0). Per site: in a `news` crawl one site's budget takes nothing from another's; with a shared "
            "frontier, one budget for all workers of the run. 0: no budget"
        ),
    ),
    Setting(
        "NEWSBOT_MAX_PENDING_REQUESTS",
        "int",
        100000,
        "pending requests held at most; 0: no bound",
        minimum=0,
        doc=(
            "while the scheduler holds this many requests, new article links are not queued "
            "(`newsbot/skipped/queue_full`; start, sitemap, feed and home pages always are); with a shared "
            "frontier, the shared queue's length. 0: no bound"
        ),
    ),
    # storage and the shared frontier (newsbot.frontier)
    Setting(
        "NEWSBOT_DATABASE_URL",
        "text",
        "",
        "the store: sqlite:///path or postgresql://user@host:port/db; empty: NEWSBOT_SQLITE_PATH",
        doc=(
            "the store: `sqlite:///relative/path`, `sqlite:////absolute/path` or "
            '`postgresql://user[:password]@host:5432/db` (credentials never printed: see "Secrets in output"); '
            "empty: `NEWSBOT_SQLITE_PATH`"
        ),
    ),
    Setting(
        "NEWSBOT_POSTGRES_POOL_SIZE",
        "int",
        4,
        "PostgreSQL connections per crawl process",
        minimum=2,
        doc="PostgreSQL connections a crawl process opens at most",
    ),
    Setting(
        "NEWSBOT_LOCK_TIMEOUT_SECONDS",
        "float",
        60.0,
        "a PostgreSQL batch waiting longer for a lock is given up",
        minimum=0,
        exclusive_minimum=True,
        doc=(
            "how long a PostgreSQL batch waits for a lock (the shared dedup lock, a row another worker writes); a "
            "WARNING names the holder halfway, then the batch is given up: nothing of it stored, the crawl ends "
            "with exit 8 and the next run fetches it again"
        ),
    ),
    Setting(
        "NEWSBOT_REDIS_URL",
        "redis_url",
        "",
        "Redis of the shared frontier; empty: this process's own queue",
        doc=(
            "the shared frontier's Redis (`redis://[user:password@]host:port/db`, credentials never printed); "
            'empty: each process has its own queue ("Scaling out")'
        ),
    ),
    Setting(
        "NEWSBOT_REDIS_KEY_PREFIX",
        "text",
        "newsbot",
        "prefix of the shared frontier's Redis keys",
        doc="prefix of the frontier's Redis keys; two deployments sharing one Redis use two prefixes",
    ),
    Setting(
        "NEWSBOT_REDIS_IDLE_SECONDS",
        "float",
        60,
        "a worker leaves once the shared queue stayed empty this long",
        minimum=0,
        doc="a worker leaves once the shared queue has stayed empty (no new request) this long",
    ),
    Setting(
        "NEWSBOT_REDIS_LEASE_SECONDS",
        "float",
        60,
        "a worker silent this long counts as dead in its run",
        minimum=1,
        doc="a worker that has not renewed its lease this long counts as dead; a dead run's keys expire after it",
    ),
    Setting(
        "NEWSBOT_SQLITE_PATH",
        "path",
        "data/newsbot.sqlite3",
        "the SQLite database; empty: no storage, dedup or incremental crawling",
        doc=(
            "the database (created with its folder); empty turns storage, dedup and incremental crawling off: "
            "items go only to `-O`/`FEEDS` exports, the summary says `database: none` and the exit code comes "
            "from the other checks (0 when healthy)"
        ),
    ),
    Setting(
        "NEWSBOT_SQLITE_BATCH_SIZE",
        "int",
        100,
        "articles written per transaction",
        minimum=1,
        doc=(
            "articles (with their links, signatures and copies) per transaction, on either backend; a kill loses "
            "at most one batch"
        ),
    ),
    # discovery of the `news` spider, per site
    Setting(
        "NEWSBOT_SITEMAP_MAX_FILES",
        "int",
        20,
        "sitemaps fetched per site, indexes included",
        minimum=0,
        doc="sitemaps fetched per site by `news`, indexes included",
    ),
    Setting("NEWSBOT_SITEMAP_MAX_URLS", "int", 1000, "entries read from one sitemap (the newest)", minimum=1),
    Setting(
        "NEWSBOT_SITEMAP_MAX_BYTES",
        "int",
        10 * 1024 * 1024,
        "a larger sitemap (decompressed) is not read",
        minimum=1024,
        doc="a larger sitemap (decompressed) is reported, not read",
    ),
    Setting(
        "NEWSBOT_FEED_MAX_FEEDS",
        "int",
        5,
        "feeds read per site (home page autodiscovery)",
        minimum=0,
        doc="feeds read per site (announced by the home page)",
    ),
    Setting("NEWSBOT_FEED_MAX_ITEMS", "int", 100, "items read from one feed", minimum=1),
    Setting(
        "NEWSBOT_HOME_MAX_LINKS",
        "int",
        500,
        "same-site links of a home page considered",
        minimum=0,
        doc="same-site links of the home page considered",
    ),
    Setting(
        "NEWSBOT_PATTERN_MIN_SUPPORT",
        "int",
        3,
        "sitemap URLs of one shape before it is an article shape",
        minimum=1,
        doc="sitemap URLs of one shape before it is taken for article URLs",
    ),
    Setting(
        "NEWSBOT_ARTICLE_MIN_SCORE",
        "float",
        0.75,
        "content score a page without article data needs",
        minimum=0,
        maximum=1,
        doc=(
            "content score (0 to 1) a page without article structured data or a learnt URL shape needs to be an "
            "article (`metadata.contentScore`); 1.0: such pages are dropped"
        ),
    ),
    # validation of items
    Setting(
        "NEWSBOT_REQUIRED_FIELDS",
        "list",
        ("url", "headline", "articleBody"),
        "an item without one of these fields is dropped",
        item_choices=ITEM_FIELDS,
        doc="an item without one of these is dropped (`newsbot/dropped/missing_<field>`)",
    ),
    Setting(
        "NEWSBOT_MIN_BODY_CHARS",
        "int",
        200,
        "a shorter article body is dropped; 0: no check",
        minimum=0,
        doc="a shorter body is dropped (`newsbot/dropped/body_too_short`); 0: no check",
    ),
    Setting(
        "NEWSBOT_MAX_HEADLINE_CHARS",
        "int",
        1000,
        "a longer headline drops the article",
        minimum=1,
        doc=(
            "a longer headline drops the item (`newsbot/dropped/headline_too_long`; real headlines: 175 "
            "characters at most in the shared corpus)"
        ),
    ),
    Setting(
        "NEWSBOT_MAX_BODY_CHARS",
        "int",
        500000,
        "a longer article body drops the article",
        minimum=1,
        doc="a longer body drops the item (`newsbot/dropped/body_too_long`; real bodies: 38,000 at most)",
    ),
    Setting(
        "NEWSBOT_MAX_TEXT_CHARS",
        "int",
        5000,
        "other text fields are truncated to this length",
        minimum=1,
        doc=(
            "other text fields (standfirst, names, captions, link titles) are cut to this length "
            "(`newsbot/validate/truncated/<field>`)"
        ),
    ),
    Setting(
        "NEWSBOT_MAX_LIST_ITEMS",
        "int",
        500,
        "authors, keywords and related links are cut to this many",
        minimum=1,
        doc="authors, keywords and related links beyond this many are cut (`newsbot/validate/truncated/<field>`)",
    ),
    # near-duplicate removal
    Setting("NEWSBOT_DEDUP_ENABLED", "bool", True, "near-duplicate removal on or off"),
    Setting(
        "NEWSBOT_DEDUP_MODE",
        "choice",
        "drop",
        "drop: copies are only recorded; flag: also stored, marked",
        choices=("drop", "flag"),
        doc="`drop`: a copy is recorded in `duplicates` only; `flag`: also stored, with `duplicateOf` and `similarity`",
    ),
    Setting(
        "NEWSBOT_DEDUP_THRESHOLD",
        "float",
        0.68,
        "estimated Jaccard similarity that makes a near duplicate",
        minimum=0,
        maximum=1,
        exclusive_minimum=True,
        doc="estimated Jaccard similarity (word 3-grams) that makes a near duplicate",
    ),
    Setting(
        "NEWSBOT_DEDUP_CONTAINMENT",
        "float",
        0.85,
        "estimated share of the shorter story in the longer that makes a trimmed copy; 0: off",
        minimum=0,
        maximum=1,
        doc=(
            "a story below the Jaccard threshold is still a (trimmed) copy when this estimated share of the "
            "shorter one's word 3-grams is in the longer one and the shorter is at least 60% as long; 0: off "
            '("Near-duplicate stories")'
        ),
    ),
    Setting(
        "NEWSBOT_DEDUP_NUM_PERM",
        "int",
        256,
        "MinHash permutations",
        minimum=4,
        doc="MinHash permutations (changing it makes stored signatures usable by the exact layer only)",
    ),
    Setting(
        "NEWSBOT_DEDUP_WINDOW_DAYS",
        "float",
        7,
        "near duplicates: only stories published this close are compared (exact copies: any age); 0: no window",
        minimum=0,
        doc=(
            "near duplicates are looked for only among stories published within this many days of each other; the "
            "exact layer (same normalised body) compares every stored story whatever its age. The window also "
            "bounds what is held in memory: at start the window before the newest stored story and every undated "
            "signature; another period is read from the database when a story needs it. No signature is ever "
            "deleted; 0: no window (every signature held in memory)"
        ),
    ),
    # incremental crawling and the date window (newsbot.window, newsbot.languages)
    Setting("NEWSBOT_INCREMENTAL_ENABLED", "bool", True, "skip article pages already stored"),
    Setting(
        "NEWSBOT_REFRESH_AFTER_HOURS",
        "float",
        0,
        "re-fetch stored articles older than this; 0: never",
        minimum=0,
        doc="> 0: re-fetch (conditionally) stored articles last fetched longer ago than this",
    ),
    Setting(
        "NEWSBOT_SINCE",
        "text",
        "",
        "articles published before this are skipped: a day, a moment or a duration",
        doc=(
            "skip articles published before this: a day `2026-12-01`, a moment, or a duration `12h`/`3d`/`2w` "
            'back from now; `-a since=` overrides it ("Only what is new and wanted")'
        ),
    ),
    Setting(
        "NEWSBOT_LANGUAGES",
        "list",
        (),
        "language tags of the articles kept (en, de...); empty: every language",
        doc=(
            "keep only articles in these languages, e.g. `en,de` (sitemap `news:language` skips before download; "
            "the page's declaration or text after); empty: every language"
        ),
    ),
    Setting(
        "NEWSBOT_SKIP_PAYWALLED",
        "bool",
        False,
        "drop articles whose structured data says isAccessibleForFree: false",
        doc=(
            "drop stories whose structured data says `isAccessibleForFree: false` (kept, with "
            "`metadata.partialBody`, otherwise)"
        ),
    ),
    Setting(
        "NEWSBOT_MAX_AGE_DAYS",
        "float",
        0,
        "articles published more than this many days ago are skipped; 0: off",
        minimum=0,
        doc="> 0: skip articles published more than this many days ago (with `NEWSBOT_SINCE`, the later cutoff holds)",
    ),
    # politeness, memory, progress, resuming
    Setting(
        "NEWSBOT_CONTACT",
        "text",
        "https://github.com/newsbot/newsbot",
        "contact put in the User-Agent; empty: Scrapy's USER_AGENT unchanged",
        doc="contact put in the User-Agent `newsbot/<version> (+<contact>)`",
    ),
    Setting(
        "NEWSBOT_GC_THRESHOLD",
        "list",
        (50000, 50, 100),
        "Python's cyclic GC thresholds during a crawl; empty: Python's own",
        minimum=0,
        item="int",
        max_items=3,
        doc=(
            "Python's cyclic GC thresholds during a crawl (the default 700 made the collector take a tenth of the "
            "crawl's time); `[]` keeps Python's"
        ),
    ),
    Setting(
        "NEWSBOT_PROGRESS_INTERVAL",
        "float",
        30,
        "seconds between two progress lines; 0: off",
        minimum=0,
        doc="seconds between progress lines; 0: off",
    ),
    Setting(
        "NEWSBOT_JOBDIR_RESET_WHEN_FINISHED",
        "bool",
        True,
        "a finished crawl empties its JOBDIR",
        doc="a finished crawl empties its `JOBDIR`",
    ),
    # health checks (README.md, "Health checks")
    Setting(
        "NEWSBOT_MONITOR_MIN_ARTICLES",
        "int",
        1,
        "fewer articles extracted: exit code 4",
        minimum=0,
        doc="articles (4): valid articles extracted + known articles skipped must reach this",
    ),
    Setting("NEWSBOT_MONITOR_ARTICLE_STATS", "list", ("newsbot/validate/ok",), "stats counted as extracted articles"),
    Setting(
        "NEWSBOT_MONITOR_KNOWN_STATS",
        "list",
        (
            "newsbot/incremental/skipped",
            "newsbot/incremental/not_modified",
            "newsbot/skipped/too_old",
            "newsbot/skipped/language",
        ),
        "stats counted as known articles skipped",
        doc=(
            "stats counted as known articles (an incremental run with nothing new is fine, and so is a `since=1h` "
            "run that found only older articles)"
        ),
    ),
    Setting(
        "NEWSBOT_MONITOR_MAX_ERROR_RATE",
        "float",
        0.2,
        "failed downloads / downloads above this: exit code 6",
        minimum=0,
        maximum=1,
        doc=(
            "errors (6): failed downloads / downloads (exceptions and statuses >= 400, retries included, "
            "`IgnoreRequest` excluded)"
        ),
    ),
    Setting("NEWSBOT_MONITOR_MIN_REQUESTS", "int", 5, "fewer downloads: too few to judge the error rate", minimum=0),
    Setting(
        "NEWSBOT_MONITOR_COVERAGE_FIELDS",
        "list",
        ("headline", "articleBody", "datePublished", "authors"),
        "fields whose share of items is checked",
        item_choices=ITEM_FIELDS,
        doc="coverage (5): fields whose share of items is checked",
    ),
    Setting(
        "NEWSBOT_MONITOR_COVERAGE_MAX_DROP",
        "float",
        0.3,
        "how far a field's share may fall below its usual share",
        minimum=0,
        maximum=1,
        doc=(
            "a field fails when its share is more than this below its usual share (e.g. authors usually 85%: "
            "fails under 55%)"
        ),
    ),
    Setting(
        "NEWSBOT_MONITOR_COVERAGE_FLOOR",
        "float",
        0.0,
        "the lowest share a field may have",
        minimum=0,
        maximum=1,
        doc="...or below this share, with or without history (e.g. 0.9 for a site that always has all four)",
    ),
    Setting(
        "NEWSBOT_MONITOR_COVERAGE_MIN_ITEMS",
        "int",
        5,
        "fewer items: coverage not judged",
        minimum=0,
        doc="fewer items in this run: coverage not judged; an earlier run with fewer does not count as history",
    ),
    Setting(
        "NEWSBOT_MONITOR_COVERAGE_HISTORY",
        "int",
        10,
        "earlier runs whose median share is the usual; 0: none",
        minimum=0,
        doc='"the usual" = the median share over this many earlier finished runs of the spider (0: no history)',
    ),
    Setting(
        "NEWSBOT_MONITOR_COVERAGE_ENABLED",
        "bool",
        True,
        "count field coverage (CoveragePipeline)",
        doc="the `CoveragePipeline` (order 150, right after cleaning) that counts `newsbot/coverage/<field>`",
    ),
)

REGISTRY: dict[str, Setting] = {setting.name: setting for setting in SETTINGS}


def default(name: str) -> Any:
    """The default of the ``NEWSBOT_*`` setting ``name`` (``KeyError`` for a name not registered)."""
    return REGISTRY[name].value()


def defaults() -> dict[str, Any]:
    """Every ``NEWSBOT_*`` setting at its default, as ``newsbot/settings.py`` sets them."""
    return {setting.name: setting.value() for setting in SETTINGS}


def newsbot_settings(settings: BaseSettings | Mapping[str, Any]) -> BaseSettings:
    """``settings`` where every ``NEWSBOT_*`` setting it lacks reads as its registry default.

    Components read ``crawler.settings`` through this, then with no fallback at the call site
    (``newsbot_settings(crawler.settings).getint("NEWSBOT_FOLLOW_DEPTH")``). The project's
    settings hold every name already and come back as they are; a crawler built on a bare
    ``Settings()`` (a test, ``scrapy.utils.test.get_crawler``, user code without the project) or a
    plain mapping gets a copy with the missing names added at ``default`` priority, so it reads
    the same defaults as a crawl of the project.
    """
    missing = {setting.name: setting.value() for setting in SETTINGS if setting.name not in settings}
    if not missing and isinstance(settings, BaseSettings):
        return settings
    filled = BaseSettings(missing, priority="default")
    filled.update(settings)  # keeps each value's own priority
    return filled


# -- README.md's settings tables, written from the registry -------------------------------------

#: The settings of the health checks, which README.md lists in a table of their own.
HEALTH_PREFIX = "NEWSBOT_MONITOR_"
README = Path(__file__).resolve().parent.parent / "README.md"
_MIB = 1024 * 1024


def default_text(setting: Setting) -> str:
    """The default of ``setting`` as README.md shows it."""
    value = setting.default
    if value in ("", ()):
        return "empty"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return f"`{value}`"
    if isinstance(value, tuple):
        return f"`{json.dumps(list(value))}`"
    if isinstance(value, int) and setting.name.endswith("_BYTES") and value % _MIB == 0:
        return f"{value // _MIB} MiB"
    return f"{value:g}" if isinstance(value, float) else str(value)


def markdown_table(table: Literal["settings", "health"]) -> str:
    """README.md's table ``settings`` (every ``NEWSBOT_*`` setting but the health checks') or ``health``."""
    heading = "check (exit code)" if table == "health" else "what it does"
    rows = [f"| setting | default | {heading} |", "|---|---|---|"]
    for setting in SETTINGS:
        if setting.name.startswith(HEALTH_PREFIX) == (table == "health"):
            rows.append(f"| `{setting.name}` | {default_text(setting)} | {setting.doc or setting.description} |")
    if table == "settings":
        rows.append(f'| `{HEALTH_PREFIX}*` | see "Health checks" | thresholds of the health checks and exit codes |')
    return "\n".join(rows) + "\n"


def _markers(table: str) -> tuple[str, str]:
    return (
        f"<!-- {table} table: written by `python -m newsbot.config --readme` from newsbot/config.py -->\n",
        f"<!-- end of the {table} table -->\n",
    )


def with_tables(text: str) -> str:
    """README.md's ``text`` with each settings table between its markers written anew from the registry."""
    for table in ("settings", "health"):
        begin, end = _markers(table)
        start, stop = text.find(begin), text.find(end)
        if start < 0 or stop < start:
            raise ValueError(f"README.md has no {begin.strip()} ... {end.strip()} markers")
        text = text[: start + len(begin)] + markdown_table(table) + text[stop:]  # type: ignore[arg-type]
    return text


def main(argv: list[str] | None = None) -> int:
    """``python -m newsbot.config --markdown`` prints the tables; ``--readme`` writes them into README.md."""
    parser = argparse.ArgumentParser(prog="python -m newsbot.config", description=main.__doc__)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--markdown", action="store_true", help="print README.md's settings tables")
    action.add_argument("--readme", action="store_true", help="write the tables into README.md")
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown_table("settings") + "\n" + markdown_table("health"), end="")
        return 0
    README.write_text(with_tables(README.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
