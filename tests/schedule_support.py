"""Helpers for the tests that run ``python -m newsbot crawl`` as a subprocess (not a test module)."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from services import assert_no_secret

if TYPE_CHECKING:
    from newsbot.sample_site import SampleSite

ROOT = Path(__file__).resolve().parents[1]
#: The replica runs on this machine: no politeness delays, no progress noise unless asked.
LOCAL = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=INFO",
         "-s", "NEWSBOT_PROGRESS_INTERVAL=0"]  # fmt: skip


def crawl_command(*args: str, spider: str = "trtworld") -> list[str]:
    return [sys.executable, "-m", "newsbot", "crawl", spider, *args]


def run_crawl(*args: str, timeout: float = 120, spider: str = "trtworld") -> subprocess.CompletedProcess[str]:
    """Run one crawl to its end (bounded by ``timeout``)."""
    command = crawl_command(*args, spider=spider)
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert_no_secret(result.stdout, result.stderr)
    return result


def start_crawl(
    *args: str, stdout: Any = subprocess.PIPE, stderr: Any = subprocess.PIPE, spider: str = "trtworld"
) -> subprocess.Popen[str]:
    return subprocess.Popen(crawl_command(*args, spider=spider), cwd=ROOT, stdout=stdout, stderr=stderr, text=True)


def stop(process: subprocess.Popen[str], sig: int = signal.SIGTERM, timeout: float = 60) -> int:
    """Send ``sig`` (if still running) and wait; SIGKILL if it does not exit in time."""
    if process.poll() is None:
        os.kill(process.pid, sig)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait(timeout=10)


def wait_for(condition: Callable[[], bool], timeout: float = 60, interval: float = 0.1) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


def rows(database: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read ``database`` (another process may be writing it; WAL lets us read)."""
    connection = sqlite3.connect(database, timeout=10)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def count_articles(database: Path) -> int:
    try:
        return rows(database, "SELECT COUNT(*) FROM articles")[0][0]
    except sqlite3.Error:
        return 0


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (just closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def article_id(url: str) -> str:
    """The replica's article id at the end of a stored canonical URL."""
    return url.rstrip("/").rsplit("/", 1)[1]


def wire_clusters(site: SampleSite) -> list[set[str]]:
    """Each wire story with its copies, from the replica's own record (``SampleSite.wire_copies``).

    Which page of a cluster is stored first depends on crawl order; the others are its copies.
    """
    clusters: dict[str, set[str]] = {}
    for copy, original in site.wire_copies.items():
        clusters.setdefault(original, {original}).add(copy)
    return list(clusters.values())


def check_each_story_stored_once(site: SampleSite, stored: set[str], copies: dict[str, str]) -> None:
    """Story-level truth of a whole crawl of ``site``: every story it serves whole is stored once.

    ``stored`` holds the ids of the stored articles, ``copies`` maps the id of each recorded copy
    to the id of the story it copies. A truncated page is never stored; of a wire story and its
    copies exactly one is stored and the others are recorded as copies of that one.
    """
    clusters = wire_clusters(site)
    in_clusters = set().union(*clusters)
    truncated = {a.id for a in site.articles.values() if a.truncated}
    assert stored - in_clusters == set(site.articles) - in_clusters - truncated
    for cluster in clusters:
        kept = cluster & stored
        assert len(kept) == 1, f"wire story {sorted(cluster)} stored as {sorted(kept)}"
        assert {c: copies.get(c) for c in cluster - kept} == dict.fromkeys(cluster - kept, kept.pop())
    assert set(copies) == in_clusters - stored


def stored_stories(database: Path) -> tuple[set[str], dict[str, str]]:
    """Ids of the stored articles, and copy id -> original id of the recorded copies."""
    stored = {article_id(url) for (url,) in rows(database, "SELECT canonical_url FROM articles")}
    copies = {article_id(u): article_id(o) for u, o in rows(database, "SELECT url, duplicate_of FROM duplicates")}
    return stored, copies
