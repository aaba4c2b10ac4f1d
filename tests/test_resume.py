"""JOBDIR resume for real: a crawl of a 300-article replica is killed (or stopped) mid-way and run again.

After the second run every reachable article must be stored exactly once: nothing lost (the
same articles and recorded copies as an uninterrupted crawl, which itself stored the site's
article list minus its counted drops), nothing stored twice (one row and one revision per URL).
"""

from __future__ import annotations

import json
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from schedule_support import LOCAL, count_articles, rows, run_crawl, start_crawl, stop, wait_for

from newsbot.resume import MARKER
from newsbot.sample_site import RunningServer, SampleSite, serve

ARTICLES = 300
#: Slow enough to be interrupted (a few seconds), with small batches so that the kill loses one.
PACE = ["-s", "CONCURRENT_REQUESTS=2", "-s", "DOWNLOAD_DELAY=0.02", "-s", "NEWSBOT_SQLITE_BATCH_SIZE=20"]
# The generated stories span two years; with a dedup window, the signatures a resumed run loads are
# pruned back from the newest story, while a single crawl compares everything it meets in memory.
# Without a window both see the same pairs, so the resumed crawl can be compared with the reference.
PACE += ["-s", "NEWSBOT_DEDUP_WINDOW_DAYS=0"]
STOP_AFTER = 60  # stored articles


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with serve(SampleSite.generate(articles=ARTICLES, seed=7)) as running:
        yield running


def command(server: RunningServer, db: Path, *extra: str) -> list[str]:
    return ["-s", f"NEWSBOT_BASE_URL={server.base_url}", "-s", f"NEWSBOT_SQLITE_PATH={db}", *LOCAL, *PACE, *extra]


def reachable(server: RunningServer, follow_depth: int = 2) -> set[str]:
    """Canonical URLs of the articles the spider can reach (start pages are at site depth 1)."""
    site = server.site
    return {
        site.expected(article_id, server.base_url)["canonicalUrl"]
        for article_id, depth in site.depths().items()
        if depth <= follow_depth + 1
    }


def outcome(db: Path) -> tuple[set[str], set[str], int]:
    """Stored articles, recorded copies, and the drops counted by all finished runs."""
    stored = {url for (url,) in rows(db, "SELECT canonical_url FROM articles")}
    copies = {url for (url,) in rows(db, "SELECT url FROM duplicates")}
    dropped = 0
    for (stats_json,) in rows(db, "SELECT stats_json FROM crawl_runs WHERE stats_json IS NOT NULL"):
        dropped += sum(v for k, v in json.loads(stats_json).items() if k.startswith("newsbot/dropped/"))
    return stored, copies, dropped


def assert_stored_once(db: Path) -> None:
    assert rows(db, "SELECT canonical_url FROM revisions GROUP BY canonical_url HAVING COUNT(*) > 1") == []
    assert rows(db, "SELECT COUNT(*) FROM revisions") == rows(db, "SELECT COUNT(*) FROM articles")
    assert rows(db, "SELECT MAX(revision) FROM articles") == [(1,)]


@pytest.fixture(scope="module")
def reference(server: RunningServer, tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], set[str]]:
    """What an uninterrupted crawl stores: the site's article list minus the counted drops."""
    db = tmp_path_factory.mktemp("reference") / "news.db"
    done = run_crawl(*command(server, db), timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    stored, copies, dropped = outcome(db)
    expected = reachable(server)
    assert len(expected) == ARTICLES
    assert stored | copies <= expected
    assert len(expected - stored - copies) <= dropped
    assert_stored_once(db)
    return stored, copies


def interrupt(server: RunningServer, db: Path, jobdir: Path, sig: int, log: Path) -> int:
    """Start a crawl, send ``sig`` once it stored some articles; returns its exit code."""
    with log.open("w") as stderr:
        crawl = start_crawl(*command(server, db), "--jobdir", str(jobdir), stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            assert wait_for(lambda: count_articles(db) >= STOP_AFTER or crawl.poll() is not None, timeout=120)
            assert crawl.poll() is None, "the crawl ended before it could be interrupted"
        finally:
            code = stop(crawl, sig)
    stored = count_articles(db)
    assert STOP_AFTER <= stored < ARTICLES, stored
    return code


def test_a_killed_crawl_resumes_and_loses_nothing(
    server: RunningServer, reference: tuple[set[str], set[str]], tmp_path: Path
) -> None:
    db, jobdir = tmp_path / "news.db", tmp_path / "job"
    assert interrupt(server, db, jobdir, signal.SIGKILL, tmp_path / "first.log") == -signal.SIGKILL
    assert (jobdir / MARKER).exists()  # the mark of a crawl that did not close
    again = run_crawl(*command(server, db), "--jobdir", str(jobdir), timeout=180)
    assert again.returncode == 0, again.stdout + again.stderr[-3000:]
    assert "recovery run" in again.stderr and "was killed, not stopped" in again.stderr
    stored, copies, _ = outcome(db)
    ref_stored, ref_copies = reference
    assert stored | copies == ref_stored | ref_copies  # nothing lost
    assert len(stored) == len(ref_stored) and not stored & copies  # each story once
    assert_stored_once(db)
    assert not (jobdir / MARKER).exists() and not (jobdir / "requests.seen").exists()  # finished: nothing to resume


def test_a_stopped_crawl_resumes_from_its_queue(
    server: RunningServer, reference: tuple[set[str], set[str]], tmp_path: Path
) -> None:
    db, jobdir = tmp_path / "news.db", tmp_path / "job"
    assert interrupt(server, db, jobdir, signal.SIGTERM, tmp_path / "first.log") == 7  # finish reason: shutdown
    assert not (jobdir / MARKER).exists() and (jobdir / "requests.queue" / "active.json").exists()
    again = run_crawl(*command(server, db), "--jobdir", str(jobdir), timeout=180)
    assert again.returncode == 0, again.stdout + again.stderr[-3000:]
    assert "Resuming crawl (" in again.stderr and "recovery run" not in again.stderr
    stored, copies, _ = outcome(db)
    ref_stored, ref_copies = reference
    assert stored | copies == ref_stored | ref_copies
    assert len(stored) == len(ref_stored) and not stored & copies
    assert_stored_once(db)
