"""The one validation of a crawl's settings (:func:`crawl_problems`) and the add-on running it in every crawl.

The settings are checked against the registry of :mod:`newsbot.config` (each ``NEWSBOT_*`` name, its
type and range), together with what one setting alone cannot say: a store URL that names no
backend, a shared frontier with a one-process store, a date window or language list that cannot be
read, a JOBDIR beside a shared frontier, and the values of Scrapy's own settings
(:func:`newsbot.scrapy_settings.value_problems`).
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from scrapy.settings import BaseSettings

from newsbot.config import PREFIX, REGISTRY, shown
from newsbot.errors import SettingsError
from newsbot.languages import language_filter
from newsbot.redaction import redact
from newsbot.scrapy_settings import misspelt_names, value_problems
from newsbot.storage.factory import database_url, is_shared, redacted, url_problem
from newsbot.window import window_from

logger = logging.getLogger(__name__)


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
    url = (settings.get("NEWSBOT_DATABASE_URL") or "").strip()
    if url and (problem := url_problem(url)):
        return [f"{shown('NEWSBOT_DATABASE_URL', redacted(url))}: {problem}"]
    # the store these settings name: a mapping checked alone (no NEWSBOT_SQLITE_PATH) names none
    store = database_url(
        BaseSettings({name: settings.get(name) for name in ("NEWSBOT_DATABASE_URL", "NEWSBOT_SQLITE_PATH")})
    )
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
    """Raise :class:`SettingsError` naming every problem :func:`crawl_problems` finds in ``settings``."""
    problems = crawl_problems(settings)
    if problems:
        raise SettingsError(problems)


def crawl_problems(
    settings: BaseSettings | Mapping[str, Any],
    spidercls: type | None = None,
    spider_kwargs: Mapping[str, Any] | None = None,
) -> list[str]:
    """What is wrong with starting ``spidercls`` with ``settings`` and ``spider_kwargs`` (empty: nothing).

    The one validation of a crawl: every caller (module docstring) goes through it. The settings
    are checked as the crawl will see them (the spider's ``custom_settings`` applied); when they
    are valid, the spider's ``check_arguments(settings, **spider_kwargs)`` classmethod, if it has
    one, checks the spider arguments (a ``ValueError`` is a problem).
    """
    effective = settings.copy() if isinstance(settings, BaseSettings) else BaseSettings(dict(settings))
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


class SettingsCheck:
    """Add-on (``ADDONS``, first): a crawl with an invalid setting fails before it starts, naming the setting.

    Both hooks call :func:`check_settings` (every ``NEWSBOT_*`` setting against the
    registry, and the values of Scrapy's own settings), which raises
    :class:`~newsbot.errors.SettingsError` naming each setting, its value and what is expected:

    - ``update_pre_crawler_settings``, when a crawler process or runner is created from the
      project's settings (``scrapy crawl`` and so Scrapyd, the debug commands, ``python -m newsbot
      crawl``, ``AsyncCrawlerProcess``/``CrawlerRunner`` in code): before the log file, the
      reactor, the spider loader or any spider exists. A spider's ``from_crawler`` runs before the
      add-ons of its crawler, so this is the check that comes first for a newsbot spider that reads
      a setting there.
    - ``update_settings``, when a crawler applies its add-ons: the settings as that crawl sees them
      (a spider's ``custom_settings`` included), before every extension, middleware, pipeline and
      the scheduler, and before the other add-ons (the shared frontier reads ``NEWSBOT_REDIS_URL``).
      It also logs one WARNING per setting name that is close to a Scrapy setting's but is none
      (``DOWNLAOD_DELAY``: Scrapy would ignore it in silence; :func:`newsbot.scrapy_settings.misspelt_names`);
      the crawl goes on, since plugins have settings of their own.

    The commands check the same way first (:mod:`newsbot.commands`, :mod:`newsbot.schedule`) to
    turn a problem into a usage error line and exit code 2. Reads every setting; does nothing once
    they are valid.
    """

    @classmethod
    def update_pre_crawler_settings(cls, settings: BaseSettings) -> None:
        check_settings(settings)

    def update_settings(self, settings: BaseSettings) -> None:
        check_settings(settings)
        for warning in misspelt_names(settings):
            logger.warning("%s", redact(warning))
