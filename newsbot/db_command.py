"""``python -m newsbot db check|vacuum|stats``: maintenance of a store outside crawls.

``check`` reads the whole store (SQLite ``PRAGMA integrity_check``, and on both backends the
consistency of articles, revisions, links and copies); a crawl's own check at start is bounded
(:mod:`newsbot.storage.sqlite_check`). ``vacuum`` gives free space back (SQLite: under the crawl
lock). ``stats`` shows rows and bytes per table and the bytes on disk per stored story.
Exit codes: 0 done (check: sound), 1 check found problems, 2 bad arguments or no such file,
3 a crawl holds the database (vacuum), 8 database unreadable.
"""

from __future__ import annotations

import argparse

from newsbot.archive.cli import EXIT_OK, EXIT_STORAGE, EXIT_USAGE, default_database, fail
from newsbot.errors import DatabaseInUse, StorageError, UsageError
from newsbot.storage.maintenance import Maintenance, StoreFigures

EXIT_PROBLEMS, EXIT_LOCKED = 1, 3
ACTIONS = ("check", "vacuum", "stats")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the ``db`` command."""
    parser.add_argument("action", choices=ACTIONS, help="check: read everything; vacuum: free space; stats: sizes")
    parser.add_argument("--db", help="store URL (sqlite:///path, postgresql://...) or a SQLite file path")


def run(args: argparse.Namespace) -> int:
    """Run the action; the exit code."""
    try:
        url = args.db or default_database()
    except UsageError as error:
        return fail("db", EXIT_USAGE, str(error))
    try:
        with Maintenance(url) as store:
            if args.action == "check":
                problems = store.check()
                for problem in problems:
                    print(f"problem: {problem}")
                print(f"{store.description}: {'damaged or inconsistent' if problems else 'sound'}")
                return EXIT_PROBLEMS if problems else EXIT_OK
            if args.action == "vacuum":
                before, after = store.vacuum()
                print(f"{store.description}: {_mib(before)} before, {_mib(after)} after vacuum")
                return EXIT_OK
            print(describe(store.stats()))
            return EXIT_OK
    except FileNotFoundError as error:
        return fail("db", EXIT_USAGE, f"{error} (crawl first, or give --db)")
    except DatabaseInUse as error:
        return fail("db", EXIT_LOCKED, str(error))
    except StorageError as error:
        return fail("db", EXIT_STORAGE, str(error))


def _mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def describe(figures: StoreFigures) -> str:
    """``db stats`` as text: one line per table, then the totals per stored story."""
    lines = [f"{figures.location}: {_mib(figures.total_bytes)} in all"]
    for table in figures.tables:
        size = "" if table.bytes is None else f", {_mib(table.bytes)}"
        lines.append(f"  {table.name}: {table.rows} rows{size}")
    if figures.articles:
        per_story = figures.total_bytes / figures.articles
        text = figures.text_bytes / figures.articles
        lines.append(
            f"  per stored story: {per_story / 1024:.1f} KiB on disk for {text / 1024:.1f} KiB of item JSON"
            f" ({per_story / text:.2f}x)"
            if text
            else f"  per stored story: {per_story / 1024:.1f} KiB on disk"
        )
    return "\n".join(lines)
