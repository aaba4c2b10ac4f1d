"""DedupPipeline: recognise a story already stored and record the copy instead of storing it."""

from __future__ import annotations

import asyncio
import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem, NotConfigured

from newsbot.cleaning import to_timestamp
from newsbot.dedup import DEFAULT_NUM_PERM, DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS, NearDuplicateIndex
from newsbot.items import ArticleItem
from newsbot.pipelines.shared import acquire_store, release_store
from newsbot.storage import SqliteStore, StorageError

logger = logging.getLogger(__name__)
MODES = ("drop", "flag")


class DedupPipeline:
    """Near-duplicate removal with an exact layer and MinHash + LSH (:mod:`newsbot.dedup`).

    The index lives in the crawl's SQLite database (table ``dedup_signatures``) and is rebuilt in
    memory when the spider opens, so a copy of a story stored by an earlier crawl is recognised.
    A copy is recorded in the ``duplicates`` table (which story it duplicates, the similarity,
    ``exact`` or ``near``) and counted; the first story stored keeps its id.

    Settings:
    ``NEWSBOT_DEDUP_ENABLED`` (default True);
    ``NEWSBOT_DEDUP_MODE``: ``"drop"`` (default: the copy is not stored as an article) or
    ``"flag"`` (stored with ``duplicateOf`` and ``similarity`` set);
    ``NEWSBOT_DEDUP_THRESHOLD``: estimated Jaccard of word 3-grams that makes a near duplicate
    (default from ``bench/dedup_quality.py``, see bench/RESULTS.md);
    ``NEWSBOT_DEDUP_NUM_PERM``: MinHash permutations (default 128);
    ``NEWSBOT_DEDUP_WINDOW_DAYS``: only stories published within this many days of each other
    are compared; signatures older than the window, counted back from the newest stored story
    (not the clock, so a replica or a backfill of old stories is not pruned away), are pruned at
    start (default 7; 0 means no window).
    Stats: ``newsbot/dedup/exact``, ``newsbot/dedup/near``, ``newsbot/dedup/unique``,
    ``newsbot/dedup/loaded`` (signatures rebuilt at start).
    """

    def __init__(self, crawler: Crawler, mode: str, index_options: dict[str, float | int | None]) -> None:
        self.crawler = crawler
        self.mode = mode
        self.index_options = index_options
        self.store: SqliteStore | None = None
        self.index: NearDuplicateIndex | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("NEWSBOT_DEDUP_ENABLED", True):
            raise NotConfigured("NEWSBOT_DEDUP_ENABLED is off")
        if not settings.get("NEWSBOT_SQLITE_PATH"):
            raise NotConfigured("dedup keeps its index in SQLite and NEWSBOT_SQLITE_PATH is empty")
        mode = settings.get("NEWSBOT_DEDUP_MODE", "drop")
        if mode not in MODES:
            raise ValueError(f"NEWSBOT_DEDUP_MODE must be one of {MODES}, not {mode!r}")
        window = settings.getfloat("NEWSBOT_DEDUP_WINDOW_DAYS", DEFAULT_WINDOW_DAYS or 0)
        options = {
            "threshold": settings.getfloat("NEWSBOT_DEDUP_THRESHOLD", DEFAULT_THRESHOLD),
            "num_perm": settings.getint("NEWSBOT_DEDUP_NUM_PERM", DEFAULT_NUM_PERM),
            "window_days": window if window > 0 else None,
        }
        return cls(crawler, mode, options)

    async def open_spider(self) -> None:
        try:
            self.store = acquire_store(self.crawler)
        except StorageError as error:
            logger.error("Cannot store items, closing the spider: %s", error)
            raise CloseSpider("storage_unavailable") from error
        self.index = NearDuplicateIndex(self.store.signatures, **self.index_options)
        newest = await asyncio.to_thread(self.store.signatures.newest_published)
        loaded = await asyncio.to_thread(self.index.load, newest)
        self.crawler.stats.set_value("newsbot/dedup/loaded", loaded)

    def process_item(self, item: object) -> object:
        if not isinstance(item, ArticleItem) or self.index is None or self.store is None or not item.articleBody:
            return item
        key = item.canonicalUrl or item.url
        verdict = self.index.check_and_add(
            key, item.articleBody, to_timestamp(item.datePublished), headline=item.headline
        )
        self.crawler.stats.inc_value(f"newsbot/dedup/{verdict.kind}")
        if verdict.duplicate_of is None:
            return item
        self.store.record_duplicate(
            key, verdict.duplicate_of, verdict.similarity, verdict.kind, item.headline, item.datePublished
        )
        if self.mode == "flag":
            item.duplicateOf, item.similarity = verdict.duplicate_of, verdict.similarity
            return item
        similarity = f"{verdict.similarity:.2f}" if verdict.similarity is not None else "n/a"
        raise DropItem(
            f"duplicate ({verdict.kind}, similarity {similarity}) of {verdict.duplicate_of}: {key}",
            log_level="INFO",
        )

    async def close_spider(self) -> None:
        if self.store is None:
            return
        if self.store.orphan_signatures:
            self.crawler.stats.set_value("newsbot/dedup/unstored_signatures", self.store.orphan_signatures)
        closing = release_store(self.crawler)
        if closing is not None:
            await asyncio.to_thread(closing.close)
