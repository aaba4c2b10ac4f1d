"""``python -m newsbot``: the demo and the commands for schedulers.

python -m newsbot demo                 serve the replica site, crawl it, print a report
python -m newsbot crawl trtworld       one scheduled crawl (see ``crawl --help``)
python -m newsbot export -o news.jsonl the stored archive as JSON Lines, CSV or Parquet (see ``export --help``)
python -m newsbot report --html r.html what was stored and what the crawls did, charts included
python -m newsbot browse               the archive in a web page (Datasette on 127.0.0.1)
python -m newsbot db check|vacuum|stats maintenance of the store outside crawls
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one line on stderr (redacted), exit code 2."""

    def error(self, message: str) -> NoReturn:
        from newsbot.redaction import redact

        self.exit(2, redact(f"{self.prog}: error: {message} (see {self.prog} --help)") + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python -m newsbot", description="newsbot: crawl, dedup and store news.")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="crawl the offline replica site into SQLite and print a report")
    demo.add_argument("--db", type=Path, default=Path("data/demo.sqlite3"), help="database file (emptied first)")
    demo.add_argument("--keep", action="store_true", help="keep the database of an earlier demo")
    demo.add_argument("--log-level", default="WARNING", help="Scrapy log level (default WARNING)")
    demo.add_argument(
        "--port", type=int, default=8765,
        help="port of the replica on 127.0.0.1 (default 8765, another free one if taken; with --keep use the same "
        "port every time, the stored URLs include it)",
    )  # fmt: skip
    from newsbot import schedule

    crawl = commands.add_parser(
        "crawl",
        help="one crawl for cron/systemd/Scrapyd: lock, crawl, health checks, summary, exit code",
        description=schedule.__doc__.split("\n\n")[0] if schedule.__doc__ else None,
        epilog="exit codes: " + ", ".join(f"{code} {meaning}" for code, meaning in schedule.MEANINGS.items()),
    )
    schedule.add_arguments(crawl)
    from newsbot.archive import export_command

    export = commands.add_parser(
        "export",
        help="write the stored articles as JSON Lines, CSV or Parquet (either backend, streamed)",
        description=export_command.__doc__.split("\n\n")[0] if export_command.__doc__ else None,
    )
    export_command.add_arguments(export)
    from newsbot.archive import report_command

    report = commands.add_parser(
        "report",
        help="what the store holds and what its crawls did: text, or one HTML file with charts",
        description=report_command.__doc__.split("\n\n")[0] if report_command.__doc__ else None,
    )
    report_command.add_arguments(report)
    from newsbot.archive import browse

    browser = commands.add_parser(
        "browse",
        help="the stored archive in a web page, with canned queries (Datasette on 127.0.0.1)",
        description=browse.__doc__.split("\n\n")[0] if browse.__doc__ else None,
    )
    browse.add_arguments(browser)
    from newsbot import db_command

    database = commands.add_parser(
        "db",
        help="maintenance outside crawls: check the whole store, vacuum it, show its sizes",
        description=db_command.__doc__.split("\n\n")[0] if db_command.__doc__ else None,
    )
    db_command.add_arguments(database)
    args = parser.parse_args(argv)
    if args.command == "demo":
        from newsbot.demo import run_demo

        return run_demo(args.db, keep=args.keep, log_level=args.log_level, port=args.port)
    if args.command == "crawl":
        return schedule.run(args)
    if args.command == "export":
        return export_command.run(args)
    if args.command == "report":
        return report_command.run(args)
    if args.command == "browse":
        return browse.run(args)
    if args.command == "db":
        return db_command.run(args)
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
