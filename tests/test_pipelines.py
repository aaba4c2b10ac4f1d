"""The pipelines, each alone and together, on a real SQLite file (no crawl, no network)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem, NotConfigured
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsbot.extensions.crawl_runs import CrawlRunRecorder
from newsbot.items import ArticleItem, Link
from newsbot.pipelines.clean import CleanPipeline
from newsbot.pipelines.dedup import DedupPipeline
from newsbot.pipelines.store import SqlitePipeline
from newsbot.pipelines.validate import ValidatePipeline
from newsbot.spiders.trtworld import TrtWorldSpider

BASE = "http://127.0.0.1:8765"
WIRE = (
    "Officials in the coastal province said on Tuesday that the new harbour wall would be finished before the "
    "winter storms, after engineers found cracks in the old one during a survey in the spring. The project, paid "
    "for by the regional budget and a development bank loan, employs about four hundred workers from nearby towns. "
    "Fishing cooperatives welcomed the work but asked for compensation for the months in which boats cannot use "
    "the northern quay. The governor told reporters that the harbour handles most of the province's fish exports "
    "and that a failure of the wall would cost far more than the repairs. Environmental groups asked the ministry "
    "to publish the full assessment of the effects on the seagrass meadows south of the port."
)


def make_crawler(tmp_path: Path, **settings: Any) -> Crawler:
    values = {"NEWSBOT_BASE_URL": BASE, "NEWSBOT_SQLITE_PATH": str(tmp_path / "news.db"), **settings}
    crawler = get_crawler(TrtWorldSpider, values)
    crawler.spider = crawler._create_spider()
    return crawler


def article(article_id: str, body: str = WIRE, **fields: Any) -> ArticleItem:
    values: dict[str, Any] = {
        "url": f"{BASE}/article/{article_id}?utm_source=feed",
        "headline": f"Harbour wall story {article_id}",
        "articleBody": body,
        "datePublishedRaw": "2025-03-04T10:15:00+03:00",
        "relatedLinks": [Link(f"{BASE}/world/article/00000000000f", "Other", "related")],
    }
    values.update(fields)
    return ArticleItem(**values)


class Chain:
    """Clean -> Validate -> Dedup -> Store over one crawler, as the engine runs them."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stages = [
            build_from_crawler(cls, crawler) for cls in (CleanPipeline, ValidatePipeline, DedupPipeline, SqlitePipeline)
        ]
        self.recorder = build_from_crawler(CrawlRunRecorder, crawler)

    @classmethod
    def without_dedup(cls, crawler: Crawler) -> Chain:
        """Clean -> Validate -> Store (dedup turned off)."""
        chain = cls.__new__(cls)
        chain.crawler = crawler
        chain.stages = [
            build_from_crawler(stage, crawler) for stage in (CleanPipeline, ValidatePipeline, SqlitePipeline)
        ]
        chain.recorder = build_from_crawler(CrawlRunRecorder, crawler)
        return chain

    async def _open(self) -> None:
        for stage in self.stages:
            opened = getattr(stage, "open_spider", None)
            if opened is not None and asyncio.iscoroutine(result := opened()):
                await result
        self.recorder.spider_opened(self.crawler.spider)

    async def _process(self, item: ArticleItem) -> ArticleItem | str:
        try:
            for stage in self.stages:
                item = stage.process_item(item)
                if asyncio.iscoroutine(item):
                    item = await item
        except DropItem as drop:
            return str(drop)
        return item

    async def _close(self) -> None:
        for stage in self.stages:
            closed = getattr(stage, "close_spider", None)
            if closed is not None and asyncio.iscoroutine(result := closed()):
                await result
        await self.recorder.spider_closed(self.crawler.spider, "finished")

    def run(self, items: list[ArticleItem]) -> list[ArticleItem | str]:
        async def go() -> list[ArticleItem | str]:
            await self._open()
            results = [await self._process(item) for item in items]
            await self._close()
            return results

        return asyncio.run(go())


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


def test_clean_pipeline_canonicalises_with_the_spiders_base_url(tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path)
    cleaned = build_from_crawler(CleanPipeline, crawler).process_item(article("0123456789ab"))
    assert cleaned.canonicalUrl == f"{BASE}/article/0123456789ab"
    assert cleaned.relatedLinks[0].url == f"{BASE}/article/00000000000f"
    assert cleaned.datePublished == "2025-03-04T10:15:00+03:00"


@pytest.mark.parametrize(
    ("fields", "reason"),
    [({"headline": None}, "missing_headline"), ({"articleBody": ""}, "missing_articleBody"),
     ({"articleBody": "Too short."}, "body_too_short")],
)  # fmt: skip
def test_validate_drops_with_a_counted_reason(tmp_path: Path, fields: dict[str, Any], reason: str) -> None:
    crawler = make_crawler(tmp_path)
    with pytest.raises(DropItem, match=reason):
        build_from_crawler(ValidatePipeline, crawler).process_item(article("0123456789ab", **fields))
    assert crawler.stats.get_value(f"newsbot/dropped/{reason}") == 1


def test_chain_stores_once_and_records_the_copy(tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path)
    copy_body = WIRE.replace("Tuesday", "Wednesday").replace("about four hundred", "nearly 400")
    results = Chain(crawler).run(
        [article("0123456789ab"), article("0123456789ab"), article("aaaaaaaaaaaa", body=copy_body),
         article("bbbbbbbbbbbb", body=WIRE + " Extra line.", headline="A new headline")]
    )  # fmt: skip
    assert isinstance(results[0], ArticleItem)
    assert isinstance(results[1], ArticleItem)  # the same URL again is an update, not a copy of itself
    for copy, result in (("aaaaaaaaaaaa", results[2]), ("bbbbbbbbbbbb", results[3])):
        assert result.startswith("duplicate (near, similarity "), result
        assert result.endswith(f" of {BASE}/article/0123456789ab: {BASE}/article/{copy}"), result
    db = tmp_path / "news.db"
    assert rows(db, "SELECT canonical_url FROM articles") == [(f"{BASE}/article/0123456789ab",)]
    duplicates = rows(db, "SELECT url, duplicate_of, method FROM duplicates ORDER BY url")
    assert [(u.rsplit("/", 1)[1], d.rsplit("/", 1)[1], m) for u, d, m in duplicates] == [
        ("aaaaaaaaaaaa", "0123456789ab", "near"), ("bbbbbbbbbbbb", "0123456789ab", "near")]  # fmt: skip
    assert rows(db, "SELECT to_url, kind FROM links") == [(f"{BASE}/article/00000000000f", "related")]
    assert rows(db, "SELECT COUNT(*) FROM dedup_signatures") == [(1,)]
    assert rows(db, "SELECT finish_reason FROM crawl_runs") == [("finished",)]
    assert crawler.stats.get_value("newsbot/dedup/unique") == 2


def test_flag_mode_stores_the_copy_with_its_original(tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path, NEWSBOT_DEDUP_MODE="flag")
    results = Chain(crawler).run([article("0123456789ab"), article("aaaaaaaaaaaa")])
    flagged = results[1]
    assert isinstance(flagged, ArticleItem)
    assert flagged.duplicateOf == f"{BASE}/article/0123456789ab" and flagged.similarity == 1.0
    db = tmp_path / "news.db"
    assert rows(db, "SELECT canonical_url, duplicate_of FROM articles ORDER BY canonical_url") == [
        (f"{BASE}/article/0123456789ab", None),
        (f"{BASE}/article/aaaaaaaaaaaa", f"{BASE}/article/0123456789ab"),
    ]
    assert crawler.stats.get_value("newsbot/dedup/exact") == 1


def test_the_index_outlives_the_crawl(tmp_path: Path) -> None:
    Chain(make_crawler(tmp_path)).run([article("0123456789ab")])
    tomorrow = make_crawler(tmp_path)
    results = Chain(tomorrow).run([article("cccccccccccc", headline="Republished")])
    assert "duplicate (exact" in results[0]
    assert tomorrow.stats.get_value("newsbot/dedup/loaded") == 1


def test_dedup_can_be_turned_off(tmp_path: Path) -> None:
    with pytest.raises(NotConfigured):
        build_from_crawler(DedupPipeline, make_crawler(tmp_path, NEWSBOT_DEDUP_ENABLED=False))


def test_unwritable_database_closes_the_spider_with_the_reason(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "file").write_text("x")
    crawler = make_crawler(tmp_path, NEWSBOT_SQLITE_PATH=str(tmp_path / "file" / "news.db"))
    with pytest.raises(CloseSpider) as closed:
        asyncio.run(build_from_crawler(SqlitePipeline, crawler).open_spider())
    assert closed.value.reason == "storage_unavailable"
    assert "cannot open SQLite database" in caplog.text and "file/news.db" in caplog.text


OTHER = (
    "The city council voted on Monday to extend the night bus network to the eastern districts from next spring, "
    "after a two-year trial on three lines carried more passengers than planned. Drivers' unions asked for more "
    "staff before the new routes open, and shop owners in the old market hoped for longer evening trade. The "
    "mayor said the cost would be covered by parking fees and a grant from the transport ministry."
)


def test_stored_hashes_counts_the_distinct_bodies_each_crawl_stored(tmp_path: Path) -> None:
    """``newsbot/dedup/stored_hashes``: the bodies a crawl added to the store (counted as its batches commit,
    not by reading the archive), the final batch included, copies not."""
    third = (
        "Farmers in the upper valley began the grape harvest a fortnight early this year after a dry and hot "
        "August, the growers' association said. Pickers from three neighbouring villages joined the family "
        "estates, and the cooperative press ran through the weekend. Prices for the first loads were higher "
        "than last season, though the association warned that hail in the lower terraces cut yields there."
    )

    def distinct_bodies() -> int:
        return rows(tmp_path / "news.db", "SELECT COUNT(DISTINCT exact_hash) FROM dedup_signatures")[0][0]

    first = make_crawler(tmp_path)
    results = Chain(first).run([article("0123456789ab"), article("aaaaaaaaaaaa", body=OTHER),
                                article("bbbbbbbbbbbb", headline="Same wire")])  # fmt: skip
    assert "duplicate (exact" in results[2]
    assert first.stats.get_value("newsbot/dedup/stored_hashes") == 2 == distinct_bodies()
    second = make_crawler(tmp_path)
    results = Chain(second).run([article("cccccccccccc", body=third), article("dddddddddddd", body=OTHER)])
    assert not isinstance(results[0], str) and "duplicate (exact" in results[1]
    assert second.stats.get_value("newsbot/dedup/stored_hashes") == 1 and distinct_bodies() == 3
    turned_off = make_crawler(tmp_path, NEWSBOT_DEDUP_ENABLED=False)
    Chain.without_dedup(turned_off).run([article("eeeeeeeeeeee", body=third + " Update.")])
    assert turned_off.stats.get_value("newsbot/dedup/stored_hashes") is None  # dedup's stat, not the store's


def test_decisions_of_earlier_crawls_stand(tmp_path: Path) -> None:
    original, copy, later, republished = (f"{BASE}/article/{i}" for i in ("0123456789ab", "aaaaaaaaaaaa",
                                                                          "bbbbbbbbbbbb", "cccccccccccc"))  # fmt: skip
    for mode in ("flag", "drop"):
        folder = tmp_path / mode
        folder.mkdir()
        first = [article("0123456789ab"), article("aaaaaaaaaaaa", datePublishedRaw="2025-03-04T11:15:00+03:00"),
                 article("bbbbbbbbbbbb", body=OTHER, datePublishedRaw="2025-04-20T09:00:00+03:00")]  # fmt: skip
        Chain(make_crawler(folder, NEWSBOT_DEDUP_MODE=mode)).run(first)
        # the default window (7 days) back from the newest story (20 April) leaves the original (4 March) out
        again = make_crawler(folder, NEWSBOT_DEDUP_MODE=mode)
        results = Chain(again).run(
            [article("aaaaaaaaaaaa", datePublishedRaw="2025-03-04T11:15:00+03:00"),
             article("cccccccccccc", datePublishedRaw="2025-05-02T08:00:00+03:00", headline="Republished"),
             article("0123456789ab")]
        )  # fmt: skip
        assert again.stats.get_value("newsbot/dedup/loaded") == 1  # held at start: the 20 April story only
        assert again.stats.get_value("newsbot/dedup/known") == 1  # the copy decided by the first crawl
        assert again.stats.get_value("newsbot/dedup/exact") == 1  # republished months later: still a copy
        assert again.stats.get_value("newsbot/dedup/refetched") == 1
        for result in results[:2]:
            assert result.duplicateOf == original if mode == "flag" else f"of {original}:" in result
        db = folder / "news.db"
        assert rows(db, "SELECT canonical_url FROM articles WHERE duplicate_of IS NULL ORDER BY 1") == [
            (original,), (later,)]  # fmt: skip
        assert rows(db, "SELECT url, duplicate_of FROM duplicates ORDER BY 1") == [
            (copy, original), (republished, original)]  # fmt: skip
        assert rows(db, "SELECT key FROM dedup_signatures ORDER BY 1") == [(original,), (later,)]


def test_an_article_the_store_rejects_is_forgotten_by_dedup(tmp_path: Path) -> None:
    # metadata SQLite's JSON cannot hold: the store leaves this one article out of its batch
    rejected = article("0123456789ab", metadata={"unserialisable": {1, 2}})
    copy = article("cccccccccccc", headline="The same story again")
    crawler = make_crawler(tmp_path, NEWSBOT_SQLITE_BATCH_SIZE=1)
    results = Chain(crawler).run([rejected, copy])
    assert isinstance(results[1], ArticleItem)  # stored, not recorded as the copy of a story never stored
    assert rows(tmp_path / "news.db", "SELECT canonical_url FROM articles") == [(f"{BASE}/article/cccccccccccc",)]
    assert rows(tmp_path / "news.db", "SELECT COUNT(*) FROM duplicates") == [(0,)]
    assert crawler.stats.get_value("newsbot/dropped/store_rejected") == 1
    assert crawler.stats.get_value("newsbot/dedup/forgotten") == 1
