"""``-O`` and ``export`` after real crawls of the replica: an empty feed says why, ``export`` writes the archive.

Each test serves its own replica on 127.0.0.1 and crawls it with the project's defaults.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from crawling import ROOT, rows, scrapy_crawl

from newsbot.sample_site import SampleSite, serve
from newsbot.sample_site.server import RunningServer

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

HINT = "The feed export wrote 0 items"


@pytest.fixture()
def server() -> Iterator[RunningServer]:
    with serve(SampleSite.demo()) as running:
        yield running


def test_an_empty_feed_after_a_first_crawl_says_why_and_export_writes_the_archive(
    server: RunningServer, tmp_path: Path
) -> None:
    database, feed = tmp_path / "news.db", tmp_path / "items.jsonl"
    first = scrapy_crawl(server.base_url, database, "-O", str(feed))
    assert first.returncode == 0, first.stderr[-3000:]
    assert feed.read_text(encoding="utf-8").strip() and HINT not in first.stderr  # a feed with items: no hint
    second = scrapy_crawl(server.base_url, database, "-O", str(feed))
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
