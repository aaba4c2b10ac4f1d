"""``python -m newsbot report``: what the store holds and what its crawls did, as text or one HTML file.

Reads the store named by ``--db`` (default: the project's database), read-only. ``--html FILE``
writes a self-contained page (inline SVG charts, opens offline); without it the same figures are
printed as text. Exit codes: 0 written, 2 bad arguments or no such database, 8 database unreadable.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from newsbot.archive.cli import EXIT_OK, EXIT_STORAGE, fail, open_for
from newsbot.archive.html_report import render_html
from newsbot.archive.overview import read_overview
from newsbot.archive.text_report import archive_report
from newsbot.errors import CommandFailed, StorageError


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expects a whole number of 1 or more, got {text!r}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the ``report`` command."""
    parser.add_argument("--db", help="store URL (sqlite:///path, postgresql://...) or a SQLite file path")
    parser.add_argument("--html", type=Path, metavar="FILE", help="write the report as one HTML file")
    parser.add_argument("--runs", type=_positive, default=20, help="crawl runs shown (default 20, newest)")
    parser.add_argument("--days", type=_positive, default=60, help="days of the stored-per-day chart (default 60)")


def run(args: argparse.Namespace) -> int:
    """Report as the arguments say; the exit code."""
    try:
        archive = open_for(args.db)
    except CommandFailed as error:
        return fail("report", error.code, str(error))
    try:
        overview = read_overview(archive, runs=args.runs, days=args.days)
    except StorageError as error:
        return fail("report", EXIT_STORAGE, str(error))
    finally:
        archive.close()
    if args.html is None:
        print(archive_report(overview))
        return EXIT_OK
    partial = args.html.with_name(f".{args.html.name}.part")
    try:
        partial.write_text(render_html(overview), encoding="utf-8")
        os.replace(partial, args.html)
    except OSError as error:
        partial.unlink(missing_ok=True)
        return fail("report", EXIT_STORAGE, f"writing {args.html} failed: {error}")
    print(f"report of {overview.articles} articles and {len(overview.runs)} crawl runs written to {args.html}")
    return EXIT_OK
