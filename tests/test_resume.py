"""JOBDIR resume for real: a crawl of a 300-article replica is killed (early, midway or late) or
stopped, and run again with the same ``--jobdir``, with the default settings (dedup window included).

After the second run every reachable article must be stored exactly once: nothing lost (the
same articles and recorded copies as an uninterrupted crawl, which itself stored the site's
article list minus its counted drops), nothing stored twice (one row and one revision per URL,
one stored article per story of the replica), the same decisions at the story level as the
uninterrupted crawl (which story was stored, how many of its copies were recorded), and a dedup
signature for every stored article.
"""

from __future__ import annotations

import json
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from dedup_outcome import Outcome, story_of
from schedule_support import LOCAL, count_articles, rows, run_crawl, start_crawl, stop, wait_for

from newsbot.frontier.local_scheduler import MARKER
from newsbot.sample_site import RunningServer, SampleSite, serve

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

ARTICLES = 300
#: Stories republished under new ids at the end of the site's time: copies months after their originals.
REPUBLISHED = 8
TOTAL = ARTICLES + REPUBLISHED
#: Slow enough to be interrupted (a few seconds), with small batches so that the kill loses one.
PACE = ["-s", "CONCURRENT_REQUESTS=2", "-s", "DOWNLOAD_DELAY=0.02", "-s", "NEWSBOT_SQLITE_BATCH_SIZE=20"]
#: Stored articles at which a crawl is killed: early, midway, late (of 308 articles, 15 of them copies).
KILL_POINTS = {"early": 30, "midway": 140, "late": 240}
STOP_AFTER = 60  # stored articles, for SIGTERM


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    site = SampleSite.generate(articles=ARTICLES, seed=7)
    originals = [article_id for article_id in site.articles if article_id not in site.wire_copies]
    by_date = sorted(originals, key=lambda article_id: site.articles[article_id].published)
    for original in by_date[:: ARTICLES // REPUBLISHED][:REPUBLISHED]:
        site.republish(original)
    with serve(site) as running:
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


def dropped(db: Path) -> int:
    """The drops counted by all finished runs."""
    count = 0
    for (stats_json,) in rows(db, "SELECT stats_json FROM crawl_runs WHERE stats_json IS NOT NULL"):
        count += sum(v for k, v in json.loads(stats_json).items() if k.startswith("newsbot/dropped/"))
    return count


def assert_stored_once(db: Path) -> None:
    assert rows(db, "SELECT canonical_url FROM revisions GROUP BY canonical_url HAVING COUNT(*) > 1") == []
    assert rows(db, "SELECT COUNT(*) FROM revisions") == rows(db, "SELECT COUNT(*) FROM articles")
    assert rows(db, "SELECT MAX(revision) FROM articles") == [(1,)]


@pytest.fixture(scope="module")
def stories(server: RunningServer) -> dict[str, str]:
    story = story_of(server.site, server.base_url)
    assert len(set(story.values())) < len(story) - 5  # the replica has wire copies to decide about
    return story


@pytest.fixture(scope="module")
def reference(server: RunningServer, stories: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """What an uninterrupted crawl stores: the site's article list minus the counted drops."""
    db = tmp_path_factory.mktemp("reference") / "news.db"
    done = run_crawl(*command(server, db), timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    result = Outcome.read(db)
    expected = reachable(server)
    assert len(expected) == TOTAL
    assert result.seen <= expected
    assert len(expected - result.seen) <= dropped(db)
    assert result.problems(stories) == []
    assert_stored_once(db)
    return result


def assert_decided_as(reference: Outcome, db: Path, stories: dict[str, str]) -> None:
    """The same articles and copies as the uninterrupted crawl, story by story; nothing twice."""
    result = Outcome.read(db)
    assert result.problems(stories) == []  # each story once, every copy of its own story, signed
    assert result.seen == reference.seen  # nothing lost
    assert result.by_story(stories) == reference.by_story(stories)
    assert len(result.stored) == len(reference.stored)
    assert_stored_once(db)


def interrupt(server: RunningServer, db: Path, jobdir: Path, sig: int, log: Path, after: int) -> int:
    """Start a crawl, send ``sig`` once it stored ``after`` articles; returns its exit code."""
    with log.open("w") as stderr:
        crawl = start_crawl(*command(server, db), "--jobdir", str(jobdir), stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            assert wait_for(lambda: count_articles(db) >= after or crawl.poll() is not None, timeout=120, interval=0.05)
            assert crawl.poll() is None, "the crawl ended before it could be interrupted"
        finally:
            code = stop(crawl, sig)
    stored = count_articles(db)
    assert after <= stored < TOTAL, stored
    return code


@pytest.mark.parametrize("after", KILL_POINTS.values(), ids=KILL_POINTS.keys())
def test_a_killed_crawl_resumes_and_decides_as_one_crawl(
    server: RunningServer, reference: Outcome, stories: dict[str, str], tmp_path: Path, after: int
) -> None:
    db, jobdir = tmp_path / "news.db", tmp_path / "job"
    assert interrupt(server, db, jobdir, signal.SIGKILL, tmp_path / "first.log", after) == -signal.SIGKILL
    assert (jobdir / MARKER).exists()  # the mark of a crawl that did not close
    signed = rows(db, "SELECT COUNT(*) FROM dedup_signatures")[0][0]
    again = run_crawl(*command(server, db), "--jobdir", str(jobdir), timeout=180)
    assert again.returncode == 0, again.stdout + again.stderr[-3000:]
    assert "recovery run" in again.stderr and "was killed, not stopped" in again.stderr
    assert rows(db, "SELECT COUNT(*) FROM dedup_signatures")[0][0] >= signed  # none deleted
    assert_decided_as(reference, db, stories)
    assert not (jobdir / MARKER).exists() and not (jobdir / "requests.seen").exists()  # finished: nothing to resume


def test_a_stopped_crawl_resumes_from_its_queue(
    server: RunningServer, reference: Outcome, stories: dict[str, str], tmp_path: Path
) -> None:
    db, jobdir = tmp_path / "news.db", tmp_path / "job"
    code = interrupt(server, db, jobdir, signal.SIGTERM, tmp_path / "first.log", STOP_AFTER)
    assert code == 7  # finish reason: shutdown
    assert not (jobdir / MARKER).exists() and (jobdir / "requests.queue" / "active.json").exists()
    again = run_crawl(*command(server, db), "--jobdir", str(jobdir), timeout=180)
    assert again.returncode == 0, again.stdout + again.stderr[-3000:]
    assert "Resuming crawl (" in again.stderr and "recovery run" not in again.stderr
    assert_decided_as(reference, db, stories)
