"""Real crawls of the replica, then what reads the archive: ``-O`` and ``export``, the pages of a run, the demo.

Each test serves its own replica on 127.0.0.1 and crawls it with the project's defaults.
"""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from crawling import LOCAL, ROOT, rows, scrapy_crawl
from schedule_support import run_crawl

from newsbot.demo import run_demo
from newsbot.sample_site.server import RunningServer

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

HINT = "The feed export wrote 0 items"


def test_an_empty_feed_after_a_first_crawl_says_why_and_export_writes_the_archive(
    replica: RunningServer, tmp_path: Path
) -> None:
    database, feed = tmp_path / "news.db", tmp_path / "items.jsonl"
    first = scrapy_crawl(replica.base_url, database, "-O", str(feed))
    assert first.returncode == 0, first.stderr[-3000:]
    assert feed.read_text(encoding="utf-8").strip() and HINT not in first.stderr  # a feed with items: no hint
    second = scrapy_crawl(replica.base_url, database, "-O", str(feed))
    assert second.returncode == 0, second.stderr[-3000:]
    assert feed.read_text(encoding="utf-8") == ""
    hints = [line for line in second.stderr.splitlines() if HINT in line]
    assert len(hints) == 1 and "python -m newsbot export -o FILE.jsonl" in hints[0]
    skipped = json.loads(rows(database, "SELECT stats_json FROM crawl_runs ORDER BY id DESC LIMIT 1")[0][0])
    assert f"the {skipped['newsbot/incremental/skipped']} article pages found are already stored" in hints[0]

    archive = tmp_path / "archive.jsonl"
    export = subprocess.run(
        [sys.executable, "-m", "newsbot", "export", "--db", str(database), "-o", str(archive), "--with", "all"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert export.returncode == 0, export.stderr
    exported = [json.loads(line) for line in archive.read_text(encoding="utf-8").splitlines()]
    stored = rows(database, "SELECT canonical_url FROM articles")
    assert sorted(record["id"] for record in exported) == sorted(url for (url,) in stored)
    assert sum(len(record["copies"]) for record in exported) == rows(database, "SELECT COUNT(*) FROM duplicates")[0][0]


def test_pages_of_a_run_agree_in_the_summary_crawl_runs_and_the_report(replica: RunningServer, tmp_path: Path) -> None:
    """A run whose stored pages answer 304 counts them as pages everywhere (they were fetched)."""
    database = tmp_path / "news.db"
    settings = {**LOCAL, "NEWSBOT_BASE_URL": replica.base_url, "NEWSBOT_SQLITE_PATH": str(database)}
    arguments = [part for name, value in settings.items() for part in ("-s", f"{name}={value}")]
    first = run_crawl(*arguments)
    assert first.returncode == 0, first.stderr[-3000:]
    two_days_ago = (datetime.now(UTC) - timedelta(days=2)).isoformat(timespec="seconds")
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE articles SET last_seen = ?", (two_days_ago,))
    second = run_crawl(*arguments, "-s", "NEWSBOT_REFRESH_AFTER_HOURS=24")
    assert second.returncode == 0, second.stderr[-3000:]
    stats = json.loads(rows(database, "SELECT stats_json FROM crawl_runs ORDER BY id DESC LIMIT 1")[0][0])
    assert stats["newsbot/incremental/not_modified"] > 0  # the run this test is about
    (pages,) = rows(database, "SELECT pages FROM crawl_runs ORDER BY id DESC LIMIT 1")[0]
    summary = re.search(r"\bpages (\d+) \|", second.stdout + second.stderr)
    assert summary and int(summary.group(1)) == pages
    report = subprocess.run(
        [sys.executable, "-m", "newsbot", "report", "--db", str(database)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert report.returncode == 0, report.stderr
    run_lines = [line for line in report.stdout.splitlines() if " trtworld started " in line]
    assert f": pages {pages}, " in run_lines[0]  # newest first


def test_demo_keep_refuses_a_busy_port_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "demo.sqlite3"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert run_demo(database, keep=True, port=port) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1
    assert captured.err.startswith(f"demo --keep: port {port} is not free") and "--port" in captured.err
    assert not database.exists()
