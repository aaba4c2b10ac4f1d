"""End to end: only what is new (issue 19), ``news`` crawling the dated replica over real HTTP into real SQLite.

The dated replica (:mod:`newsbot.sample_site.dated`) holds two years of articles in three
languages. Expected sets come from the replica's own data, never from what newsbot extracted;
the request log shows what was downloaded.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from crawling import rows, scrapy_crawl
from news_crawling import news_crawl

from newsbot.sample_site.dated import NEWS_SITEMAP_DAYS, DatedArticle, DatedSite
from newsbot.sample_site.model import STORY_SECTIONS
from newsbot.sample_site.second import serve_second
from newsbot.sample_site.server import serve
from newsbot.sample_site.site import FEED_SIZE, HOME_SIZE, SECTION_SIZE, SampleSite

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow


def stored_urls(database: Path) -> set[str]:
    return {url for (url,) in rows(database, "SELECT canonical_url FROM articles")}


def last_stats(database: Path) -> dict[str, Any]:
    (found,) = rows(database, "SELECT stats_json FROM crawl_runs ORDER BY id DESC LIMIT 1")
    return json.loads(found[0])


def fetched_last(database: Path) -> datetime:
    """When the last article stored was fetched (its ``last_seen``)."""
    (found,) = rows(database, "SELECT MAX(last_seen) FROM articles")
    moment = datetime.fromisoformat(found[0])
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def article_requests(site: DatedSite) -> set[str]:
    """Paths of article pages the replica answered (any status)."""
    return {path for path in site.request_log.counts() if path in {a.path for a in site.articles.values()}}


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    database = tmp_path_factory.mktemp("window") / "news.db"
    site = DatedSite()
    with serve_second(site) as server:  # type: ignore[arg-type]
        result = news_crawl(database, f"site={server.base_url}/", "since=7d", command="newsbot")
        requested = article_requests(site)
    assert result.returncode == 0, result.stderr[-3000:]
    return {
        "db": database,
        "site": site,
        "base": server.base_url,
        "requested": requested,
        "log": result.stdout + result.stderr,
    }


def test_since_7d_downloads_no_older_article_page(week: dict[str, Any]) -> None:
    site: DatedSite = week["site"]
    wanted = {a.path for a in site.published_since(site.now - timedelta(days=7))}
    undated = {a.path for a in site.undated()}
    assert len(wanted) == 7 and len(site.dated()) > 70
    assert week["requested"] == wanted | undated


def test_since_7d_stores_exactly_the_weeks_articles_and_the_undated_pages(week: dict[str, Any]) -> None:
    site: DatedSite = week["site"]
    expected = {week["base"] + a.path for a in [*site.published_since(site.now - timedelta(days=7)), *site.undated()]}
    assert stored_urls(week["db"]) == expected


def test_every_skip_is_counted_in_crawl_runs_and_the_summary(week: dict[str, Any]) -> None:
    site: DatedSite = week["site"]
    stats = last_stats(week["db"])
    old = len(site.dated()) - 7
    assert stats["newsbot/skipped/too_old"] == old  # each old page once, whichever sitemap, feed or link named it
    assert stats["newsbot/window/undated"] == len(site.undated())
    assert "newsbot/dropped/too_old" not in stats
    assert f"skipped before download: too_old {old}" in week["log"]


def test_an_article_the_site_dates_after_its_last_fetch_is_refetched_as_revision_2(tmp_path: Path) -> None:
    database = tmp_path / "news.db"
    site = DatedSite()
    with serve_second(site) as server:  # type: ignore[arg-type]
        first = news_crawl(database, f"site={server.base_url}/")
        assert first.returncode == 0, first.stderr[-3000:]
        assert len(stored_urls(database)) == len(site.articles)  # every page stored: none is due again
        # an old article changed after the first crawl fetched it: a newer lastmod
        changed = site.revise(site.dated()[30].id, fetched_last(database) + timedelta(seconds=1))
        site.request_log.reset()
        second = news_crawl(database, f"site={server.base_url}/", command="newsbot")
        requested = article_requests(site)
    assert second.returncode == 0, second.stderr[-3000:]
    assert requested == {changed.path}  # the unchanged ones are not requested
    url = server.base_url + changed.path
    revisions = rows(database, "SELECT revision FROM revisions WHERE canonical_url = ?", (url,))
    assert sorted(n for (n,) in revisions) == [1, 2]
    ((body,),) = rows(database, "SELECT article_body FROM articles WHERE canonical_url = ?", (url,))
    assert changed.paragraphs[-1] in body
    stats = last_stats(database)
    assert stats["newsbot/incremental/refreshed_by_lastmod"] == 1
    assert stats["newsbot/incremental/skipped"] >= len(site.articles) - 1
    assert "newsbot/incremental/refreshed" not in stats  # the age rule (off) had no part in it


def test_a_newer_lastmod_of_an_unchanged_page_costs_a_304_only(tmp_path: Path) -> None:
    database = tmp_path / "news.db"
    site = DatedSite()
    with serve_second(site) as server:  # type: ignore[arg-type]
        assert news_crawl(database, f"site={server.base_url}/").returncode == 0
        # the sitemap dates it after the first crawl, the page is the same: same ETag
        touched = site.touch(site.dated()[20].id, fetched_last(database) + timedelta(seconds=1))
        site.request_log.reset()
        assert news_crawl(database, f"site={server.base_url}/").returncode == 0
        answered = site.request_log.counts(status=304)
    assert list(answered) == [touched.path]
    assert last_stats(database)["newsbot/incremental/not_modified"] == 1


def test_newsbot_languages_de_stores_only_german_and_fetches_nothing_the_sitemap_marks_otherwise(
    tmp_path: Path,
) -> None:
    database = tmp_path / "news.db"
    site = DatedSite()
    with serve_second(site) as server:  # type: ignore[arg-type]
        result = news_crawl(database, f"site={server.base_url}/", extra=("-s", "NEWSBOT_LANGUAGES=de"))
        requested = article_requests(site)
    assert result.returncode == 0, result.stderr[-3000:]
    recent = site.published_since(site.now - timedelta(days=NEWS_SITEMAP_DAYS))
    marked_other = {a.path for a in recent if a.language != "de"}
    assert marked_other and not requested & marked_other
    german = {server.base_url + a.path for a in site.articles.values() if a.language == "de"}
    assert stored_urls(database) == german  # the explainer that declares English but is German included
    stats = last_stats(database)
    assert stats["newsbot/skipped/language"] == len(marked_other)
    # pages the sitemap says nothing of the language of: fetched, then judged by their declaration or text
    others = [a for a in site.articles.values() if a.language != "de" and a.path not in marked_other]
    assert stats["newsbot/dropped/language"] == len(others)
    assert stats["newsbot/languages/from_text"] == 1  # the French explainer declares nothing
    assert stats["newsbot/languages/declared_wrong"] == 1  # the German explainer declares English


def paywalled(site: DatedSite) -> DatedArticle:
    return next(a for a in site.articles.values() if a.paywalled)


def test_a_paywalled_article_is_stored_marked_as_such(week: dict[str, Any]) -> None:
    url = week["base"] + paywalled(week["site"]).path
    ((found,),) = rows(week["db"], "SELECT item_json FROM articles WHERE canonical_url = ?", (url,))
    item = json.loads(found)
    assert item["isAccessibleForFree"] is False and item["metadata"]["partialBody"] == "paywall"
    others = rows(week["db"], "SELECT item_json FROM articles WHERE canonical_url != ?", (url,))
    assert all(json.loads(other)["isAccessibleForFree"] is None for (other,) in others)  # nothing said: not marked
    assert all("partialBody" not in json.loads(other)["metadata"] for (other,) in others)
    assert last_stats(week["db"])["newsbot/access/paywalled"] == 1


def test_newsbot_skip_paywalled_drops_it(tmp_path: Path) -> None:
    database = tmp_path / "news.db"
    site = DatedSite()
    with serve_second(site) as server:  # type: ignore[arg-type]
        result = news_crawl(
            database, f"site={server.base_url}/", "since=7d", extra=("-s", "NEWSBOT_SKIP_PAYWALLED=True")
        )
    assert result.returncode == 0, result.stderr[-3000:]
    expected = {
        server.base_url + a.path for a in [*site.published_since(site.now - timedelta(days=7)), *site.undated()]
    }
    assert stored_urls(database) == expected - {server.base_url + paywalled(site).path}
    assert last_stats(database)["newsbot/dropped/paywalled"] == 1


def test_trtworld_since_skips_old_feed_items_and_drops_old_articles(tmp_path: Path) -> None:
    """The TRT World replica (two years of articles, no dated URLs): its feed's dates skip old items
    before download; an old article reached through a listing or a link is dropped after extraction."""
    site = SampleSite.generate(200)
    feed = site.latest(FEED_SIZE)
    cutoff = feed[FEED_SIZE // 2].published  # half the feed is older
    listed = {a.id for a in site.latest(HOME_SIZE)} | {
        a.id for section in STORY_SECTIONS for a in site.latest(SECTION_SIZE, section=section)
    }
    with serve(site) as server:
        result = scrapy_crawl(server.base_url, tmp_path / "trt.db", "-a", f"since={cutoff.isoformat()}")
        requested = {path.rsplit("/", 1)[-1] for path in site.request_log.counts() if "/article/" in path}
    assert result.returncode == 0, result.stderr[-3000:]
    old = {a.id for a in site.articles.values() if a.published < cutoff}
    stored = {url.rsplit("/", 1)[-1] for url in stored_urls(tmp_path / "trt.db")}
    assert stored and not stored & old
    assert {a.id for a in site.articles.values() if a.id in listed and a.published >= cutoff} <= stored
    stats = last_stats(tmp_path / "trt.db")
    assert stats.get("newsbot/dropped/too_old", 0) == len(requested & old)  # every old page fetched is dropped
    assert stats["newsbot/skipped/too_old"] == len([a for a in feed if a.published < cutoff])  # each counted once
