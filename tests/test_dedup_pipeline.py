"""DedupPipeline against a real SQLite file: what it holds at start, reads later, and storage faults."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsbot.cleaning import to_timestamp
from newsbot.crawl_store import CrawlStore
from newsbot.dedup import NearDuplicateIndex
from newsbot.errors import StorageError
from newsbot.items import ArticleItem
from newsbot.pipelines.dedup import DedupPipeline
from newsbot.spiders.trtworld import TrtWorldSpider
from newsbot.storage import SqliteStore

BASE = "http://127.0.0.1:8765"
BODIES = [
    " ".join(f"{topic} report {n} said the {word} council met on day {n} to discuss item {i}." for i in range(12))
    for n, (topic, word) in enumerate([("harbour", "coastal"), ("rail", "northern"), ("school", "city")])
]
DATES = ["2025-01-10T08:00:00+00:00", "2025-06-10T08:00:00+00:00", "2025-12-10T08:00:00+00:00"]


def make_crawler(tmp_path: Path, **settings: Any) -> Crawler:
    values = {"NEWSBOT_BASE_URL": BASE, "NEWSBOT_SQLITE_PATH": str(tmp_path / "news.db"), **settings}
    crawler = get_crawler(TrtWorldSpider, values)
    crawler.spider = crawler._create_spider()
    return crawler


def item(article_id: str, body: str, date: str) -> ArticleItem:
    url = f"{BASE}/article/{article_id}"
    return ArticleItem(url=url, canonicalUrl=url, headline=f"Story {article_id}", articleBody=body, datePublished=date)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """Three stories five months apart, stored by an earlier crawl."""
    path = tmp_path / "news.db"
    with SqliteStore(path) as store:
        index = NearDuplicateIndex(store.signatures, window_days=None)
        for n, (body, date) in enumerate(zip(BODIES, DATES, strict=True)):
            key = f"{BASE}/article/00000000000{n}"
            index.check_and_add(key, body, to_timestamp(date))
            store.store_article({"url": key, "canonicalUrl": key, "headline": "h", "articleBody": body,
                                 "relatedLinks": []})  # fmt: skip
    return path


def run(pipeline: DedupPipeline, *items: ArticleItem) -> list[object]:
    async def go() -> list[object]:
        await pipeline.open_spider()
        results = []
        for one in items:
            try:
                results.append(await pipeline.process_item(one))
            except DropItem as drop:
                results.append(str(drop))
        await pipeline.close_spider()
        return results

    return asyncio.run(go())


def test_copies_of_stories_outside_the_held_window_are_found(database: Path, tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path)
    pipeline = build_from_crawler(DedupPipeline, crawler)
    near_copy = BODIES[0].replace("coastal", "seaside", 2)
    results = run(
        pipeline,
        item("aaaaaaaaaaaa", near_copy, "2025-01-12T08:00:00+00:00"),  # two days after the first story
        item("bbbbbbbbbbbb", BODIES[1], "2026-02-01T08:00:00+00:00"),  # the second, word for word, much later
    )
    assert "duplicate (near" in results[0] and f"of {BASE}/article/000000000000" in results[0]
    assert "duplicate (exact" in results[1] and f"of {BASE}/article/000000000001" in results[1]
    stats = crawler.stats
    assert stats.get_value("newsbot/dedup/loaded") == 1  # the newest story's window only
    assert stats.get_value("newsbot/dedup/stored_hashes") is None  # the store pipeline's, after its last batch
    assert stats.get_value("newsbot/dedup/range_loads") == 1 and stats.get_value("newsbot/dedup/range_loaded") == 1
    assert stats.get_value("newsbot/dedup/held") == 2


class Engine:
    """Stands in for the engine: records why the spider was asked to close."""

    def __init__(self, spider: object) -> None:
        self.spider = spider
        self.reasons: list[str] = []

    async def close_spider_async(self, reason: str) -> None:
        self.reasons.append(reason)


def test_a_storage_error_while_reading_signatures_closes_the_crawl(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crawler = make_crawler(tmp_path)
    crawler.engine = engine = Engine(crawler.spider)
    pipeline = build_from_crawler(DedupPipeline, crawler)

    async def go() -> str:
        await pipeline.open_spider()
        assert pipeline.store is not None

        def broken(*args: object, **kwargs: object) -> list[object]:
            raise StorageError("reading SQLite database 'news.db' failed: disk I/O error")

        monkeypatch.setattr(pipeline.store.signatures, "load", broken)
        with pytest.raises(DropItem, match="storage_unavailable") as dropped:
            await pipeline.process_item(item("aaaaaaaaaaaa", BODIES[0] + " More.", "2025-01-12T08:00:00+00:00"))
        await asyncio.sleep(0)  # the close is scheduled, not awaited
        CrawlStore.of(crawler).release()
        return str(dropped.value)

    assert "aaaaaaaaaaaa" in asyncio.run(go())
    assert engine.reasons == ["storage_unavailable"]
    assert crawler.stats.get_value("newsbot/dropped/storage_unavailable") == 1
    assert "disk I/O error" in crawler.stats.get_value("newsbot/store/error")


def test_a_storage_error_while_loading_closes_the_spider_at_start(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: object, *args: object, **kwargs: object) -> list[str]:
        raise StorageError("reading SQLite database 'news.db' failed: database disk image is malformed")

    # the window's signatures are what loading reads (the exact layer asks the store later, on demand)
    monkeypatch.setattr("newsbot.storage.sqlite.SqliteSignatureStore.load", broken)
    crawler = make_crawler(tmp_path)
    pipeline = build_from_crawler(DedupPipeline, crawler)
    with pytest.raises(CloseSpider) as closed:
        asyncio.run(pipeline.open_spider())
    assert closed.value.reason == "storage_unavailable"
    assert "malformed" in crawler.stats.get_value("newsbot/store/error")
    CrawlStore.of(crawler).release()


def test_a_storage_error_while_asking_for_an_exact_copy_closes_the_crawl(database: Path, tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path)
    crawler.engine = engine = Engine(crawler.spider)
    pipeline = build_from_crawler(DedupPipeline, crawler)

    async def go() -> str:
        await pipeline.open_spider()
        with sqlite3.connect(database) as other:  # the table goes away under the crawl: a real read error
            other.execute("DROP TABLE dedup_signatures")
        # dated inside the held window: the exact layer's question is the only read of the store
        new = item("cccccccccccc", BODIES[2].replace("school", "museum"), "2025-12-11T08:00:00+00:00")
        with pytest.raises(DropItem, match="storage_unavailable") as dropped:
            await pipeline.process_item(new)
        await asyncio.sleep(0)  # the close is scheduled, not awaited
        CrawlStore.of(crawler).release()
        return str(dropped.value)

    assert "cccccccccccc" in asyncio.run(go())
    assert engine.reasons == ["storage_unavailable"]
    assert crawler.stats.get_value("newsbot/dedup/unique") is None  # never a silent "new"
    assert "no such table" in crawler.stats.get_value("newsbot/store/error")
