"""End to end: only what is new (issue 19), ``news`` crawling the dated replica over real HTTP into real SQLite.

The dated replica (:mod:`newsbot.sample_site.dated`) holds two years of articles in three
languages. Expected sets come from the replica's own data, never from what newsbot extracted;
the request log shows what was downloaded.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from crawling import rows
from news_crawling import news_crawl

from newsbot.sample_site.dated import DatedSite
from newsbot.sample_site.second import serve_second

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow


def stored_urls(database: Path) -> set[str]:
    return {url for (url,) in rows(database, "SELECT canonical_url FROM articles")}


def last_stats(database: Path) -> dict[str, Any]:
    (found,) = rows(database, "SELECT stats_json FROM crawl_runs ORDER BY id DESC LIMIT 1")
    return json.loads(found[0])


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
