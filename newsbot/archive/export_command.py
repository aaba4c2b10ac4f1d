"""``python -m newsbot export``: the stored archive as JSON Lines, CSV or Parquet, from either backend.

Reads the store named by ``--db`` (default: the project's ``NEWSBOT_DATABASE_URL``, else
``NEWSBOT_SQLITE_PATH`` from ``newsbot/settings.py``); never writes to it and takes no crawl lock.
The file is written beside its destination and renamed when complete, so a failed export leaves
no half file. Progress goes to stderr on a terminal; one closing line says what was written.
Exit codes: 0 written, 2 bad arguments or no such database, 8 database unreadable.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import IO, Any

from newsbot.archive.cli import EXIT_OK, EXIT_STORAGE, EXIT_USAGE, fail, open_for
from newsbot.archive.records import PARTS, Selection, article_records, count_articles
from newsbot.archive.writers import FORMATS, CsvWriter, JsonLinesWriter, ParquetWriter, RecordWriter
from newsbot.errors import CommandFailed, StorageError, UsageError

SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
PROGRESS_EVERY = 0.5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the ``export`` command."""
    parser.add_argument("--db", help="store URL (sqlite:///path, postgresql://...) or a SQLite file path")
    parser.add_argument("-o", "--output", default="-", help="file to write, '-' for stdout (default)")
    parser.add_argument("--format", choices=FORMATS, help="default: from the output's suffix, else jsonl")
    parser.add_argument("--site", action="append", default=[], metavar="HOST", help="only this site (repeatable)")
    parser.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="published on or after this day")
    parser.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="published on or before this day")
    parser.add_argument("--language", action="append", default=[], metavar="CODE", help="e.g. en, de (repeatable)")
    parser.add_argument("--run", type=int, metavar="ID", help="only articles stored or changed by this crawl run")
    parser.add_argument(
        "--with", dest="parts", default="", metavar="PARTS",
        help=f"add {', '.join(PARTS)} (comma-separated, or 'all') to each article",
    )  # fmt: skip
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress and no closing line")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day (YYYY-MM-DD): {text!r}") from None


def _parts(text: str) -> frozenset[str]:
    names = {name.strip().lower() for name in text.split(",") if name.strip()}
    if "all" in names:
        return frozenset(PARTS)
    unknown = sorted(names - set(PARTS))
    if unknown:
        raise UsageError(f"--with takes {', '.join(PARTS)} or all, not {', '.join(unknown)}")
    return frozenset(names)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        chosen = args.format
    elif args.output == "-":
        chosen = "jsonl"
    else:
        suffix = Path(args.output).suffix.lower()
        if suffix not in SUFFIXES:
            raise UsageError(f"cannot tell the format of {args.output!r}: give --format ({', '.join(FORMATS)})")
        chosen = SUFFIXES[suffix]
    if chosen == "parquet" and args.output == "-":
        raise UsageError("Parquet cannot go to stdout: give -o FILE.parquet")
    return chosen


def selection_of(args: argparse.Namespace) -> Selection:
    """The articles and parts the arguments select."""
    if args.since and args.until and args.since > args.until:
        raise UsageError(f"--since {args.since} is after --until {args.until}")
    return Selection(
        sites=tuple(site.strip().lower() for site in args.site if site.strip()),
        since=args.since,
        until=args.until,
        languages=tuple(code.strip().lower() for code in args.language if code.strip()),
        run_id=args.run,
        parts=_parts(args.parts),
    )


def run(args: argparse.Namespace) -> int:
    """Export as the arguments say; the exit code."""
    try:
        selection = selection_of(args)
        chosen = _format(args)
        archive = open_for(args.db)
    except UsageError as error:
        return fail("export", EXIT_USAGE, str(error))
    except CommandFailed as error:
        return fail("export", error.code, str(error))
    try:
        total = count_articles(archive, selection)
        written = _write(archive, selection, chosen, args.output, total, quiet=args.quiet)
    except StorageError as error:
        return fail("export", EXIT_STORAGE, str(error))
    except (OSError, RuntimeError) as error:
        return fail("export", EXIT_STORAGE if isinstance(error, OSError) else EXIT_USAGE, f"export failed: {error}")
    finally:
        archive.close()
    if not args.quiet:
        where = "stdout" if args.output == "-" else args.output
        extra = f" with {', '.join(sorted(selection.parts))}" if selection.parts else ""
        none = " (no stored article matches the selection)" if written == 0 else ""
        print(f"exported {written} articles{extra} as {chosen} to {where}{none}", file=sys.stderr)
    return EXIT_OK


def _write(archive: Any, selection: Selection, chosen: str, output: str, total: int, *, quiet: bool) -> int:
    progress = Progress(total, enabled=not quiet and sys.stderr.isatty())
    if output == "-":
        writer = _writer(chosen, sys.stdout, selection)
        return _copy(archive, selection, writer, progress)
    destination = Path(output)
    partial = destination.with_name(f".{destination.name}.part")
    try:
        if chosen == "parquet":
            written = _copy(archive, selection, ParquetWriter(str(partial), selection.parts), progress)
        else:
            with open(partial, "w", encoding="utf-8", newline="") as stream:
                written = _copy(archive, selection, _writer(chosen, stream, selection), progress)
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)
    return written


def _writer(chosen: str, stream: IO[str], selection: Selection) -> RecordWriter:
    if chosen == "csv":
        return CsvWriter(stream, selection.parts)
    return JsonLinesWriter(stream)


def _copy(archive: Any, selection: Selection, writer: RecordWriter, progress: Progress) -> int:
    written = 0
    for record in article_records(archive, selection):
        writer.write(record)
        written += 1
        progress.update(written)
    writer.close()
    progress.done()
    return written


class Progress:
    """``exported N of M articles`` rewritten in place on a terminal, at most twice a second."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total, self.enabled = total, enabled
        self._shown = 0.0

    def update(self, written: int) -> None:
        now = time.monotonic()
        if self.enabled and now - self._shown >= PROGRESS_EVERY:
            self._shown = now
            print(f"\rexported {written} of {self.total} articles", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.enabled and self._shown:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
