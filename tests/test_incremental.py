"""Scheduled crawls pick up only what is new: two crawls of a replica that moves on in between."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from crawling import rows, scrapy_crawl

from newsbot.sample_site import SampleSite, serve
from newsbot.sample_site.server import RunningServer


@pytest.fixture()
def server() -> Iterator[RunningServer]:
    with serve(SampleSite.demo()) as running:
        yield running


def article_requests(server: RunningServer, status: int | None = None) -> dict[str, int]:
    return {path: n for path, n in server.request_counts(status).items() if "/article/" in path}


def last_stats(database: Path) -> dict:
    return json.loads(rows(database, "SELECT stats_json FROM crawl_runs ORDER BY id DESC LIMIT 1")[0][0])


def stored(database: Path) -> set[str]:
    return {url.rsplit("/", 1)[1] for (url,) in rows(database, "SELECT canonical_url FROM articles")}


def test_second_run_fetches_only_new_pages(server: RunningServer, tmp_path: Path) -> None:
    site, database = server.site, tmp_path / "news.db"
    assert scrapy_crawl(server.base_url, database).returncode == 0
    before = stored(database)
    first_requests = sum(server.request_counts().values())

    new_ids = site.publish_new(3)
    updated = next(iter(sorted(before)))
    site.update_article(updated)
    # a wire story republished within the dedup window (7 days) of the original: the newest stored one
    original = next(a.id for a in site.latest(10) if a.id in before)
    copy = site.republish(original)
    site.request_log.reset()

    result = scrapy_crawl(server.base_url, database)
    assert result.returncode == 0, result.stderr[-3000:]
    fetched = article_requests(server, status=200)
    # pages that never made it into storage are tried again; nothing stored is downloaded again
    retried = {f"/article/{site.cases['broken']}"}
    assert set(fetched) - retried == {f"/article/{i}" for i in [*new_ids, copy]}
    assert sum(server.request_counts().values()) < first_requests / 3
    assert stored(database) == before | set(new_ids)
    assert rows(database, "SELECT duplicate_of FROM duplicates WHERE url LIKE ?", (f"%{copy}",)) == [
        (f"{server.base_url}/article/{original}",)
    ]
    stats = last_stats(database)
    assert stats["newsbot/incremental/skipped"] >= 20
    assert stats["newsbot/store/new"] == 3
    assert not [key for key in stats if key.startswith("newsbot/errors/") and "404" not in key]


def test_refresh_stores_a_revision_only_for_a_changed_page(server: RunningServer, tmp_path: Path) -> None:
    site, database = server.site, tmp_path / "news.db"
    assert scrapy_crawl(server.base_url, database).returncode == 0
    updated = site.cases["multi_author"]
    site.update_article(updated)
    site.request_log.reset()

    result = scrapy_crawl(server.base_url, database, settings={"NEWSBOT_REFRESH_AFTER_HOURS": "0.00001"})
    assert result.returncode == 0, result.stderr[-3000:]
    # unchanged pages answer 304 to the conditional request: only the updated one is downloaded
    downloaded = set(article_requests(server, status=200)) - {f"/article/{site.cases['broken']}"}
    assert downloaded == {f"/article/{updated}"}
    assert len(article_requests(server, status=304)) >= 25
    revisions = dict(rows(database, "SELECT canonical_url, MAX(revision) FROM revisions GROUP BY canonical_url"))
    assert revisions.pop(f"{server.base_url}/article/{updated}") == 2
    assert set(revisions.values()) == {1}
    (modified,) = rows(database, "SELECT date_modified FROM articles WHERE canonical_url LIKE ?", (f"%{updated}",))[0]
    assert modified == site.expected(updated)["dateModified"]
    stats = last_stats(database)
    assert stats["newsbot/store/revised"] == 1
    assert stats["newsbot/incremental/not_modified"] >= 25
