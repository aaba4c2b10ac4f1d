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
import importlib
import sys
from pathlib import Path
from typing import NoReturn


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one line on stderr (redacted), exit code 2."""

    def error(self, message: str) -> NoReturn:
        from newsbot.redaction import redact

        self.exit(2, redact(f"{self.prog}: error: {message} (see {self.prog} --help)") + "\n")


#: commands that read or look after a store: (name, module with ``add_arguments`` and ``run``, help)
ARCHIVE_COMMANDS = (
    ("export", "newsbot.archive.export_command", "write the stored articles as JSON Lines, CSV or Parquet (streamed)"),
    ("report", "newsbot.archive.report_command", "what the store holds and what its crawls did: text, or HTML"),
    ("browse", "newsbot.archive.browse", "the stored archive in a web page, with canned queries (Datasette)"),
    ("db", "newsbot.db_command", "maintenance outside crawls: check the whole store, vacuum it, show its sizes"),
)


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
    modules = {}
    for name, module_name, summary in ARCHIVE_COMMANDS:
        module = importlib.import_module(module_name)
        description = module.__doc__.split("\n\n")[0] if module.__doc__ else None
        module.add_arguments(commands.add_parser(name, help=summary, description=description))
        modules[name] = module
    args = parser.parse_args(argv)
    if args.command == "demo":
        from newsbot.demo import run_demo

        return run_demo(args.db, keep=args.keep, log_level=args.log_level, port=args.port)
    if args.command == "crawl":
        return schedule.run(args)
    if args.command in modules:
        return int(modules[args.command].run(args))
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
