"""Scrapy's own settings checked before a crawl: values Scrapy cannot read, names it does not know.

:func:`value_problems` reads every Scrapy setting whose default (``scrapy.settings.default_settings``)
is a boolean, a number or a dict the way Scrapy reads it (``getbool``, ``getint``, ``getfloat``,
``getdict``; :data:`READ_AS` for the few whose default's type is not how Scrapy reads them, e.g.
``DOWNLOAD_DELAY``, an ``int`` read with ``getfloat``). A value it cannot read
(``-s DOWNLOAD_DELAY=abc``, ``-s CONCURRENT_REQUESTS=x``, ``-s ROBOTSTXT_OBEY=yes``) is a problem
line naming the setting, its value and what is expected: a usage error (exit code 2) in the
commands, as for a bad ``NEWSBOT_*`` value (:func:`newsbot.settings_check.validate_settings` calls it).

:func:`misspelt_names` finds names that are not settings of Scrapy (nor ``NEWSBOT_*``, nor of the
plugins newsbot runs: Spidermon's ``SPIDERMON_*``, scrapy-redis's :data:`PLUGIN_NAMES`) but are
close to one of Scrapy's (``DOWNLAOD_DELAY``, ``ROBOTS_OBEY``): Scrapy itself ignores such a name in
silence. They are warnings, not errors, since other plugins have settings of their own; a name
close to no Scrapy setting is taken for one of those and left alone.
:class:`newsbot.settings_check.SettingsCheck` logs one WARNING line per name.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from scrapy.settings import BaseSettings, default_settings

#: Every setting Scrapy defines, by name, with its default.
DEFAULTS: dict[str, Any] = {name: value for name, value in vars(default_settings).items() if name.isupper()}

#: Settings whose default's type is not how Scrapy reads them (found in Scrapy's source; a test keeps it true).
READ_AS: dict[str, str] = {
    "DNS_TIMEOUT": "float",
    "DOWNLOAD_DELAY": "float",
    "DOWNLOAD_TIMEOUT": "float",
    "TELNETCONSOLE_ENABLED": "bool",
    "AWS_MAX_POOL_CONNECTIONS": "int",
}

#: Names Scrapy reads without a default, and names set by Scrapy's command line.
SCRAPY_EXTRA_NAMES = frozenset({"CONCURRENT_REQUESTS_PER_IP", "META_COPY_WARN_SKIP_KEYS", "SETTINGS_MODULE", "EDITOR"})

#: Settings of the plugins newsbot runs that are not Scrapy's: scrapy-redis (the shared frontier).
PLUGIN_NAMES = frozenset(
    {
        "SCHEDULER_PERSIST",
        "SCHEDULER_FLUSH_ON_START",
        "SCHEDULER_IDLE_BEFORE_CLOSE",
        "SCHEDULER_QUEUE_CLASS",
        "SCHEDULER_QUEUE_KEY",
        "SCHEDULER_DUPEFILTER_KEY",
        "SCHEDULER_DUPEFILTER_CLASS",
        "SCHEDULER_SERIALIZER",
        "DUPEFILTER_KEY",
    }
)
#: Prefixes of setting names that belong to newsbot (checked by :mod:`newsbot.config`) or to a plugin.
PLUGIN_PREFIXES = ("NEWSBOT_", "SPIDERMON_", "REDIS_")

EXPECTED = {
    "bool": "True or False (also 1/0, true/false)",
    "int": "an integer",
    "float": "a number",
    "dict": "a dict (JSON text on the command line)",
}


def _kind(name: str) -> str | None:
    if name in READ_AS:
        return READ_AS[name]
    default = DEFAULTS.get(name)
    if isinstance(default, bool):
        return "bool"
    if isinstance(default, int):
        return "int"
    if isinstance(default, float):
        return "float"
    if isinstance(default, dict):
        return "dict"
    return None


def _reader(settings: BaseSettings, kind: str) -> Callable[[str], Any]:
    return {
        "bool": settings.getbool,
        "int": settings.getint,
        "float": settings.getfloat,
        "dict": settings.getdict,
    }[kind]


def value_problems(settings: BaseSettings) -> list[str]:
    """One line per Scrapy setting in ``settings`` whose value Scrapy cannot read (empty: none)."""
    problems = []
    for name in sorted(key for key in settings if isinstance(key, str)):
        kind = _kind(name)
        if kind is None or settings.get(name) is None:
            continue
        try:
            _reader(settings, kind)(name)
        except (TypeError, ValueError, OverflowError):
            problems.append(f"{name}={settings.get(name)!r}: expected {EXPECTED[kind]} (a Scrapy setting)")
    return problems


def is_known(name: str) -> bool:
    """Whether ``name`` is a setting of Scrapy, of newsbot or of a plugin newsbot runs."""
    return name in DEFAULTS or name in SCRAPY_EXTRA_NAMES or name in PLUGIN_NAMES or name.startswith(PLUGIN_PREFIXES)


def nearest_scrapy_name(name: str) -> str | None:
    """The Scrapy setting ``name`` is probably a misspelling of, or ``None``."""
    close = difflib.get_close_matches(name.upper(), list(DEFAULTS), n=1, cutoff=0.8)
    return close[0] if close else None


def misspelt_names(settings: BaseSettings) -> list[str]:
    """One line per unknown setting name in ``settings`` that is close to a Scrapy setting (empty: none)."""
    warnings = []
    for name in sorted(key for key in settings if isinstance(key, str)):
        if is_known(name):
            continue
        nearest = nearest_scrapy_name(name)
        if nearest is not None:
            warnings.append(
                f"{name}={settings.get(name)!r}: not a Scrapy setting, ignored by Scrapy; did you mean {nearest}?"
            )
    return warnings
