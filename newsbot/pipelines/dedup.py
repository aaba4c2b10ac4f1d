"""DedupPipeline: recognise a story already stored and record the copy instead of storing it."""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem, NotConfigured

from newsbot.cleaning import to_timestamp
from newsbot.dedup import DEFAULT_NUM_PERM, DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS, NearDuplicateIndex
from newsbot.items import ArticleItem
from newsbot.pipelines.shared import acquire_store, release_store
from newsbot.storage import KnownPage, SqliteStore, StorageError

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
    (default 0.68, chosen with ``bench/dedup_quality.py``, see bench/RESULTS.md);
    ``NEWSBOT_DEDUP_NUM_PERM``: MinHash permutations (default 256: with 128 the estimate was too
    noisy to keep 5%-edited copies apart from 30% rewrites);
    ``NEWSBOT_DEDUP_WINDOW_DAYS``: only stories published within this many days of each other
    are compared; signatures older than the window, counted back from the newest stored story
    (not the clock, so a replica or a backfill of old stories is not pruned away), are pruned at
    start (default 7; 0 means no window).
    A page already stored is an update, not a copy (``newsbot/dedup/refetched``), and a page an
    earlier crawl recorded as a copy stays one (``newsbot/dedup/known``), even when the window has
    since pruned the original's signature.
    Stats: ``newsbot/dedup/exact``, ``newsbot/dedup/near``, ``newsbot/dedup/unique``,
    ``newsbot/dedup/refetched``, ``newsbot/dedup/known``, ``newsbot/dedup/loaded`` (signatures
    rebuilt at start).
    """

    def __init__(self, crawler: Crawler, mode: str, index_options: dict[str, float | int | None]) -> None:
        self.crawler = crawler
        self.mode = mode
        self.index_options = index_options
        self.store: SqliteStore | None = None
        self.index: NearDuplicateIndex | None = None
        self.known: dict[str, KnownPage] = {}

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
        self.known = await asyncio.to_thread(self.store.known_at_open)
        newest = await asyncio.to_thread(self.store.signatures.newest_published)
        loaded = await asyncio.to_thread(functools.partial(self.index.load, newest, freeze_gc=True))
        self.crawler.stats.set_value("newsbot/dedup/loaded", loaded)

    def process_item(self, item: object) -> object:
        if not isinstance(item, ArticleItem) or self.index is None or self.store is None or not item.articleBody:
            return item
        key = item.canonicalUrl or item.url
        published = to_timestamp(item.datePublished)
        page = self.known.get(key)
        if page is not None and page.duplicate_of is not None:
            # decided by an earlier crawl: keep it, even if the original has left the window since
            self.crawler.stats.inc_value("newsbot/dedup/known")
            return self._copy(item, page.duplicate_of, None, "known")
        if page is not None:
            # a stored story fetched again (refresh, or incremental crawling off): an update, not a copy
            self.index.add(key, item.articleBody, published, headline=item.headline)
            self.crawler.stats.inc_value("newsbot/dedup/refetched")
            return item
        verdict = self.index.check_and_add(key, item.articleBody, published, headline=item.headline)
        self.crawler.stats.inc_value(f"newsbot/dedup/{verdict.kind}")
        if verdict.duplicate_of is None:
            return item
        self.store.record_duplicate(
            key, verdict.duplicate_of, verdict.similarity, verdict.kind, item.headline, item.datePublished
        )
        return self._copy(item, verdict.duplicate_of, verdict.similarity, verdict.kind)

    def _copy(self, item: ArticleItem, original: str, similarity: float | None, kind: str) -> ArticleItem:
        """Flag the copy (``flag`` mode) or drop it (``drop`` mode)."""
        if self.mode == "flag":
            item.duplicateOf, item.similarity = original, similarity
            return item
        score = f"{similarity:.2f}" if similarity is not None else "n/a"
        raise DropItem(f"duplicate ({kind}, similarity {score}) of {original}: {item.canonicalUrl}", log_level="INFO")

    async def close_spider(self) -> None:
        if self.store is None:
            return
        if self.store.orphan_signatures:
            self.crawler.stats.set_value("newsbot/dedup/unstored_signatures", self.store.orphan_signatures)
        closing = release_store(self.crawler)
        if closing is not None:
            await asyncio.to_thread(closing.close)
