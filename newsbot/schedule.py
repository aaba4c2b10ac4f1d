"""``python -m newsbot crawl SPIDER``: one crawl for cron, systemd timers and other schedulers.

Usage::

    python -m newsbot crawl trtworld [-s NAME=VALUE ...] [-a NAME=VALUE ...] [--lock-file PATH] [--jobdir DIR]

Runs one crawl in this process (:func:`newsbot.runner.run_crawl`, project settings updated by
the ``-s`` options at command-line priority, spider arguments from ``-a``), while holding the
database's crawl lock: an exclusive ``fcntl.flock`` on ``<NEWSBOT_SQLITE_PATH>.lock`` next to a
SQLite database, an advisory lock in a PostgreSQL database (one crawl of the spider per database
and schema, :mod:`newsbot.storage.pg_crawl_lock`), a lock file of the spider in the temporary
directory when there is no database, or ``--lock-file``: a second crawl started while the first
one runs exits at once with code 3.
The crawl-run row (table ``crawl_runs``) is written by the storage pipeline and
:class:`~newsbot.extensions.crawl_runs.CrawlRunRecorder`; the Spidermon close monitors
(:mod:`newsbot.monitoring.monitors`) record their results in the stats, and this command turns
them into the exit code and prints a one-screen summary on stdout (logs go to stderr, or to
``-s LOG_FILE=...``).

``--jobdir DIR`` (``-s JOBDIR=DIR``) makes the crawl resumable: run the same command again after
a stop or a kill and it continues (:mod:`newsbot.frontier.local_scheduler`). After a kill the run is a recovery
run: it discovers again from the start pages, and the incremental middleware skips nothing for
that run, so that the links of articles already stored are followed again and no article queued
by the killed crawl is lost (the same holds under ``scrapy crawl`` and Scrapyd).

Exit codes (when several apply, the most specific, i.e. the first in this list, wins among 4-8):

=  =========================================================================================
0  the crawl finished and every health check passed
2  usage error: unknown option or spider, ``-s``/``-a`` without ``=``, a bad NEWSBOT_* setting, a Scrapy
   setting Scrapy cannot read, a spider argument refused or unknown, a ``LOG_FILE`` that cannot be written
3  another crawl holds the lock (nothing was crawled)
8  storage unavailable: the database (or the lock file next to it) cannot be created or written,
   or a batch gave up waiting for a lock (``NEWSBOT_LOCK_TIMEOUT_SECONDS``)
7  the finish reason is not ``finished`` (SIGTERM/shutdown, CLOSESPIDER_* limit, crash; a spent
   page budget or a full pending queue is not: that crawl finished, see :mod:`newsbot.frontier.budget`)
6  too many failed downloads (``NEWSBOT_MONITOR_MAX_ERROR_RATE``)
5  field coverage far below the usual: the site's layout probably changed
4  no article extracted (and not merely nothing new)
=  =========================================================================================

A usage error is one ``python -m newsbot crawl: error: ...`` line per problem on stderr (redacted:
:func:`newsbot.redaction.redact`), no traceback. ``scrapy crawl`` exits with the same codes
(:func:`crawl_exit_code`, shared by :mod:`newsbot.commands.crawl`).

Settings read here: ``LOG_FILE`` (its folder created, :mod:`newsbot.logfile`),
``NEWSBOT_DATABASE_URL``/``NEWSBOT_SQLITE_PATH`` (the database, and its lock), ``JOBDIR``, the
``NEWSBOT_MONITOR_*`` thresholds
(:class:`~newsbot.monitoring.health.Thresholds`; used directly only when the monitors did not
run, e.g. ``SPIDERMON_ENABLED=False``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from newsbot.errors import LockHeld, StorageError, UsageError
from newsbot.locking import CrawlLock, ExclusiveLock, database_lock_path
from newsbot.logfile import prepare_log_file
from newsbot.redaction import redact
from newsbot.storage.factory import database_url, is_shared, sqlite_path

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_LOCKED = 3
EXIT_NO_ARTICLES = 4
EXIT_COVERAGE = 5
EXIT_ERRORS = 6
EXIT_NOT_FINISHED = 7
EXIT_STORAGE = 8

MEANINGS = {
    EXIT_OK: "ok",
    EXIT_USAGE: "usage error",
    EXIT_LOCKED: "another crawl holds the lock",
    EXIT_NO_ARTICLES: "no article extracted",
    EXIT_COVERAGE: "field coverage far below the usual (site layout changed?)",
    EXIT_ERRORS: "too many failed downloads",
    EXIT_NOT_FINISHED: "the crawl did not finish",
    EXIT_STORAGE: "storage unavailable",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the ``crawl`` command."""
    parser.add_argument("spider", help="the spider to run, e.g. trtworld")
    parser.add_argument(
        "-s", "--set", dest="settings", action="append", default=[], metavar="NAME=VALUE",
        help="set a Scrapy setting (repeatable), e.g. -s NEWSBOT_SQLITE_PATH=/var/lib/newsbot/news.sqlite3",
    )  # fmt: skip
    parser.add_argument(
        "-a", dest="spider_args", action="append", default=[], metavar="NAME=VALUE",
        help="spider argument (repeatable), e.g. -a url=https://www.trtworld.com/article/...",
    )  # fmt: skip
    parser.add_argument("--lock-file", type=Path, help="lock file (default: <NEWSBOT_SQLITE_PATH>.lock)")
    parser.add_argument("--jobdir", help="JOBDIR: keep the crawl state there, to resume after a stop or a kill")


def _pairs(values: list[str], option: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"{option} expects NAME=VALUE, got {value!r}")
        pairs[name.strip()] = setting
    return pairs


def default_lock_file(database: str | None, spider: str) -> Path:
    """``<database file>.lock`` for SQLite, else (no database) a file of the spider in the temporary directory."""
    path = sqlite_path(database) if database and "://" in database else (Path(database) if database else None)
    if path is not None:
        return database_lock_path(path)
    return Path(tempfile.gettempdir(), f"newsbot-{spider}.lock")


def crawl_lock(lock_file: Path | None, database: str | None, spider: str) -> ExclusiveLock:
    """The lock this crawl holds: ``--lock-file``, else the database's (PostgreSQL: an advisory lock in it)."""
    if lock_file is None and is_shared(database):
        from newsbot.storage.pg_crawl_lock import PostgresCrawlLock

        assert database is not None
        return PostgresCrawlLock(database, spider)
    return CrawlLock(lock_file or default_lock_file(database, spider), f"crawl {spider}")


def project_settings(overrides: dict[str, Any]) -> Any:
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    for name, value in overrides.items():
        try:
            settings.set(name, value, priority="cmdline")
        except ValueError as error:  # Scrapy reads the text of a dict setting as JSON
            raise UsageError(f"{name}={value!r}: expected a dict as JSON text ({error})") from None
    return settings


def find_spider(name: str, settings: Any) -> type:
    """The project's spider class ``name``; :class:`UsageError` when it is unknown or the spiders cannot be imported."""
    from scrapy.spiderloader import get_spider_loader

    try:
        loader = get_spider_loader(settings)
    except ImportError as error:  # -s SPIDER_MODULES=... naming a module that is not there
        modules = settings.getlist("SPIDER_MODULES")
        raise UsageError(f"SPIDER_MODULES={modules!r}: cannot import the spiders ({error})") from None
    known = loader.list()
    if name not in known:
        raise UsageError(f"unknown spider {name!r} (known: {', '.join(sorted(known)) or 'none'})")
    return loader.load(name)


def health_results(stats: dict[str, Any], settings: Any) -> tuple[list[Any], bool]:
    """The monitors' results from the stats, or the same checks run here; and whether the monitors ran."""
    from newsbot.monitoring.health import Thresholds, recorded_results, run_checks

    recorded = recorded_results(stats)
    if recorded is not None:
        return recorded, True
    return run_checks(stats, Thresholds.from_settings(settings)), False


def crawl_exit_code(stats: dict[str, Any], settings: Any, error: str | None) -> tuple[int, list[Any], bool]:
    """The exit code of a finished crawl, the check results it comes from, and whether the monitors ran.

    The one rule for ``python -m newsbot crawl`` and ``scrapy crawl`` (:mod:`newsbot.commands.crawl`):
    the most specific failed health check (:func:`newsbot.monitoring.health.exit_code`); a crawl
    that raised with every check passed is 7; a crawl closed because another holds the database
    (finish reason ``database_in_use``) is 3.
    """
    from newsbot.monitoring.health import exit_code

    checks, monitored = health_results(stats, settings)
    code = exit_code(checks)
    if error and code == EXIT_OK:
        code = EXIT_NOT_FINISHED
    if stats.get("finish_reason") == "database_in_use":  # the database's own lock, held by another crawl
        code = EXIT_LOCKED
    return code, checks, monitored


def run(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the ``crawl`` command; returns the exit code.

    The settings and spider arguments are checked first (:func:`newsbot.settings_check.crawl_problems`, the
    function the :class:`~newsbot.settings_check.SettingsCheck` add-on calls in the crawl): here, to
    refuse with one ``error:`` line each and exit code 2 before the lock, the database or the log file.
    """
    from newsbot.settings_check import crawl_problems

    try:
        overrides: dict[str, Any] = _pairs(args.settings, "-s")
        spider_args = _pairs(args.spider_args, "-a")
        if args.jobdir:
            overrides["JOBDIR"] = args.jobdir
        settings = project_settings(overrides)
        problems = crawl_problems(settings, find_spider(args.spider, settings), spider_args)
    except UsageError as error:
        problems = [str(error)]
    if not problems and (log_problem := prepare_log_file(settings)):
        problems = [log_problem]
    if problems:  # settings and spider arguments are checked before the lock, the database or a request
        for problem in problems:
            print(redact(f"python -m newsbot crawl: error: {problem}"), file=err)
        return EXIT_USAGE

    database = database_url(settings)
    if settings.get("NEWSBOT_REDIS_URL") and not args.lock_file:
        # workers of a shared frontier (newsbot.frontier) run side by side; a database still takes its own lock
        return _crawl(args, overrides, spider_args, settings, database, out, err)
    lock = crawl_lock(args.lock_file, database, args.spider)
    try:
        lock.acquire()
    except LockHeld as held:
        print(redact(
            f"newsbot crawl {args.spider}: another crawl is running ({lock.description} held by {held}); "
            f"not starting a second one (exit {EXIT_LOCKED})."), file=err,
        )  # fmt: skip
        return EXIT_LOCKED
    except StorageError as error:
        print(redact(f"newsbot crawl {args.spider}: storage unavailable: {error} (exit {EXIT_STORAGE})."), file=err)
        return EXIT_STORAGE
    except OSError as error:
        print(
            f"newsbot crawl {args.spider}: storage unavailable: cannot create the lock file "
            f"{getattr(lock, 'path', '')}: {error} (exit {EXIT_STORAGE}).", file=err,
        )  # fmt: skip
        return EXIT_STORAGE
    try:
        return _crawl(args, overrides, spider_args, settings, database, out, err)
    finally:
        lock.release()


def _crawl(
    args: argparse.Namespace, overrides: dict[str, Any], spider_args: dict[str, str], settings: Any,
    database: str | None, out: TextIO, err: TextIO,
) -> int:  # fmt: skip
    from newsbot.frontier.local_scheduler import was_killed
    from newsbot.report import run_summary
    from newsbot.runner import run_crawl

    jobdir = settings.get("JOBDIR")
    if jobdir and was_killed(jobdir):
        print(
            f"newsbot crawl {args.spider}: the previous crawl in {jobdir} was killed; recovery run: discovering "
            "again from the start pages, stored articles are fetched again (not skipped) so none is lost.", file=err,
        )  # fmt: skip
    outcome = run_crawl(args.spider, overrides, **spider_args)
    stats = outcome.stats
    code, checks, monitored = crawl_exit_code(stats, settings, outcome.error)
    status = "OK" if code == EXIT_OK else "FAILED"
    status = f"{status} (exit {code}: {MEANINGS[code]})"
    if outcome.error:
        status += f"; error: {outcome.error}"
    if not monitored:
        status += " [checks run by the command: the Spidermon monitors did not record results]"
    fields = tuple(settings.getlist("NEWSBOT_MONITOR_COVERAGE_FIELDS") or ())
    print(redact(run_summary(stats, checks, f"{args.spider} {status}", database, fields or ("headline",))), file=out)
    out.flush()
    return code
