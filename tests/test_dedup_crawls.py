"""Copies are decided the same whether a site is crawled in one run or several (default settings).

A split crawl (the first run stops at an item limit, the second resumes its queue; or a first run
from one article, then a full one) and an incremental crawl (a second run after the replica
published new stories and republished old ones under new ids) must end with the decisions of one
crawl: each story of the replica stored once, every copy recorded against the stored article of
its own story, a dedup signature for every stored article. The ground truth is the replica's own
list of copies (``SampleSite.wire_copies``), never newsbot's code.
"""

from __future__ import annotations

import json
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from dedup_outcome import Outcome, story_of
from schedule_support import LOCAL, rows, run_crawl

from newsbot.sample_site import RunningServer, SampleSite, serve

ARTICLES = 300
SEED = 11  # 9 wire copies, each published within three days of its original
#: Subprocess crawls and servers (a quick pass skips them: `pytest -m "not slow"`); the size of generated_replica.
pytestmark = [pytest.mark.slow, pytest.mark.replica(articles=ARTICLES, seed=SEED)]
WINDOW = timedelta(days=7)  # NEWSBOT_DEDUP_WINDOW_DAYS, the default


def command(server: RunningServer, db: Path, *extra: str) -> list[str]:
    return ["-s", f"NEWSBOT_BASE_URL={server.base_url}", "-s", f"NEWSBOT_SQLITE_PATH={db}", *LOCAL, *extra]


def last_run_stats(db: Path) -> dict[str, object]:
    (stats_json,) = rows(db, "SELECT stats_json FROM crawl_runs ORDER BY id DESC LIMIT 1")[0]
    return json.loads(stats_json)


def crawl(server: RunningServer, db: Path, *extra: str, expect: tuple[int, ...] = (0,)) -> dict[str, object]:
    done = run_crawl(*command(server, db, *extra), timeout=180)
    assert done.returncode in expect, done.stdout + done.stderr[-3000:]
    return last_run_stats(db)


@pytest.fixture(scope="module")
def stories(generated_replica: RunningServer) -> dict[str, str]:
    return story_of(generated_replica.site, generated_replica.base_url)


@pytest.fixture(scope="module")
def one_crawl(
    generated_replica: RunningServer, stories: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Outcome:
    db = tmp_path_factory.mktemp("one") / "news.db"
    crawl(generated_replica, db)
    result = Outcome.read(db)
    assert result.problems(stories) == []
    assert len(result.copies) == len(generated_replica.site.wire_copies)  # every copy of the replica recognised
    return result


def test_a_crawl_split_by_an_item_limit_decides_as_one_crawl(
    generated_replica: RunningServer, stories: dict[str, str], one_crawl: Outcome, tmp_path: Path
) -> None:
    db, jobdir = tmp_path / "news.db", str(tmp_path / "job")
    first = crawl(generated_replica, db, "-s", "CLOSESPIDER_ITEMCOUNT=120", "--jobdir", jobdir, expect=(7,))
    assert first["finish_reason"] == "closespider_itemcount"
    span = rows(db, "SELECT MAX(published) - MIN(published) FROM dedup_signatures")[0][0]
    assert span > 10 * WINDOW.total_seconds()  # the first part reaches far beyond one window
    crawl(generated_replica, db, "--jobdir", jobdir)
    result = Outcome.read(db)
    assert result.problems(stories) == []
    assert result.seen == one_crawl.seen
    assert result.by_story(stories) == one_crawl.by_story(stories)


def test_a_crawl_from_one_article_then_a_full_crawl_decide_as_one_crawl(
    generated_replica: RunningServer, stories: dict[str, str], one_crawl: Outcome, tmp_path: Path
) -> None:
    site, db = generated_replica.site, tmp_path / "news.db"
    oldest = min(site.wire_copies.values(), key=lambda article_id: site.articles[article_id].published)
    start = site.expected(oldest, generated_replica.base_url)["canonicalUrl"]
    crawl(generated_replica, db, "-a", f"url={start}")
    first = Outcome.read(db)
    assert start in first.stored and len(first.seen) > 50
    crawl(generated_replica, db)
    result = Outcome.read(db)
    assert result.problems(stories) == []
    assert len(result.seen) > len(first.seen)
    # story by story, wherever both saw every URL of the story, the same decision
    complete = {
        story
        for story in set(stories.values())
        if all(url in result.seen and url in one_crawl.seen for url, s in stories.items() if s == story)
    }
    mine, reference = result.by_story(stories), one_crawl.by_story(stories)
    assert {s: mine[s] for s in complete} == {s: reference[s] for s in complete}
    assert sum(copies for _stored, copies in (mine[s] for s in complete)) >= 5


def post(server: RunningServer, path: str) -> dict[str, object]:
    request = urllib.request.Request(server.url(path), data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.load(reply)


def test_an_incremental_crawl_recognises_stories_republished_months_later(tmp_path: Path) -> None:
    """The second crawl asks the index (new ids), for originals far older than the window."""
    with serve(SampleSite.generate(articles=150, seed=5)) as server:
        site, db = server.site, tmp_path / "news.db"
        crawl(server, db)
        before = Outcome.read(db)
        ids = {site.expected(article_id, server.base_url)["canonicalUrl"]: article_id for article_id in site.articles}
        by_date = [ids[key] for (key,) in rows(db, "SELECT key FROM dedup_signatures ORDER BY published")]
        chosen = (by_date[0], by_date[len(by_date) // 2], by_date[-1])
        republished = {post(server, f"/_control/republish/{original}")["republished"]: original for original in chosen}
        published = post(server, "/_control/publish?count=3")["published"]
        for copy, original in republished.items():
            assert site.wire_copies[copy] == original
        ages = [
            site.articles[copy].published - site.articles[original].published for copy, original in republished.items()
        ]
        assert max(ages) > 10 * WINDOW and min(ages) < WINDOW  # far older than the window, and within it

        # republished copies have no author: on six items the coverage check may fail (exit 5)
        stats = crawl(server, db, expect=(0, 5))
        assert stats["newsbot/dedup/exact"] == 3 and stats["newsbot/dedup/unique"] == 3
        assert stats["newsbot/incremental/skipped"] > 0  # an incremental run: stored pages not fetched again
        stories = story_of(site, server.base_url)
        result = Outcome.read(db)
        assert result.problems(stories) == []
        url = {article_id: site.expected(article_id, server.base_url)["canonicalUrl"] for article_id in site.articles}
        assert result.stored == before.stored | {url[article_id] for article_id in published}
        assert {url[copy]: result.copies[url[copy]] for copy in republished} == {
            url[copy]: url[original] for copy, original in republished.items()
        }

        # one crawl of the site as it is now decides the same, story by story
        once = tmp_path / "once.db"
        crawl(server, once)
        assert Outcome.read(once).by_story(stories) == result.by_story(stories)
