"""``python -m newsbot browse``: the stored archive in a web page, served by Datasette on 127.0.0.1.

A SQLite store is served as it is (Datasette opens it read-only, so a crawl can write meanwhile);
a PostgreSQL store is first copied into a SQLite snapshot in a temporary directory
(:mod:`newsbot.archive.snapshot`), deleted when the server stops. Datasette gets newsbot's
metadata and canned queries (:mod:`newsbot.archive.browse_queries`). Needs ``datasette``
(``pip install -r requirements-browse.txt``). Exit codes: 0 stopped, 2 bad arguments, no such
database, a busy port or no Datasette, 8 database unreadable.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from newsbot.archive.cli import EXIT_STORAGE, EXIT_USAGE, fail, open_for
from newsbot.archive.cursors import SqliteArchive
from newsbot.archive.snapshot import copy_to_sqlite
from newsbot.errors import CommandFailed, StorageError

SETTINGS = {"sql_time_limit_ms": "5000", "default_page_size": "50", "max_returned_rows": "2000"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the ``browse`` command."""
    parser.add_argument("--db", help="store URL (sqlite:///path, postgresql://...) or a SQLite file path")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine)")
    parser.add_argument("--port", type=int, default=8001, help="port (default 8001)")


def port_problem(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on, or ``None``."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
            probe.bind((host, port))
    except OSError as error:
        return f"cannot listen on {host}:{port} ({error.strerror or error}): give another --port"
    return None


def datasette_command(database: Path, metadata: Path, host: str, port: int, *, immutable: bool) -> list[str]:
    """The Datasette command line serving ``database`` with ``metadata``."""
    command = [sys.executable, "-m", "datasette", "serve", "--host", host, "--port", str(port), "--metadata",
               str(metadata)]  # fmt: skip
    command += ["--immutable", str(database)] if immutable else [str(database)]
    for name, value in SETTINGS.items():
        command += ["--setting", name, value]
    return command


def run(args: argparse.Namespace) -> int:
    """Serve the archive until interrupted; the exit code."""
    from newsbot.archive.browse_queries import metadata

    if importlib.util.find_spec("datasette") is None:
        return fail("browse", EXIT_USAGE, "browse needs Datasette: pip install -r requirements-browse.txt")
    problem = port_problem(args.host, args.port)
    if problem:
        return fail("browse", EXIT_USAGE, problem)
    try:
        archive = open_for(args.db)
    except CommandFailed as error:
        return fail("browse", error.code, str(error))
    with tempfile.TemporaryDirectory(prefix="newsbot-browse-") as scratch:
        try:
            links_by_article = True  # a snapshot has the current schema
            if isinstance(archive, SqliteArchive):
                database, immutable, title = Path(archive.location), False, f"newsbot: {archive.location}"
                links_by_article = archive.has_column("links", "from_id")
            else:
                database, immutable = Path(scratch, "newsbot.sqlite3"), True
                copied = copy_to_sqlite(archive, database)
                title = f"newsbot: snapshot of {archive.location}"
                print(f"Snapshot of {archive.location}: {copied['articles']} articles, {copied['duplicates']} copies")
        except StorageError as error:
            return fail("browse", EXIT_STORAGE, str(error))
        finally:
            archive.close()
        meta = Path(scratch, "metadata.json")
        described = metadata(database.stem, title=title, links_by_article=links_by_article)
        meta.write_text(json.dumps(described), encoding="utf-8")
        print(f"Browse the archive at http://{args.host}:{args.port}/{database.stem} (Ctrl-C stops)", flush=True)
        return serve_until_stopped(datasette_command(database, meta, args.host, args.port, immutable=immutable))


def serve_until_stopped(command: list[str]) -> int:
    """Run the server until it exits; SIGTERM or Ctrl-C stop it too (no server is left behind)."""
    process = subprocess.Popen(command)
    previous = signal.signal(signal.SIGTERM, lambda *_: process.terminate())
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=30)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
