"""DedupPipeline: recognise a story already stored and record the copy instead of storing it."""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem, NotConfigured

from newsbot.cleaning import to_timestamp
from newsbot.config import newsbot_settings
from newsbot.crawl_store import CrawlStore
from newsbot.dedup import (
    NearDuplicateIndex,
    Verdict,
)
from newsbot.dedup.index import PreparedText
from newsbot.errors import StorageError
from newsbot.items import ArticleItem
from newsbot.storage import Store
from newsbot.storage.factory import storage_enabled
from newsbot.storage.known import StoredPages

logger = logging.getLogger(__name__)
MODES = ("drop", "flag")


class DedupPipeline:
    """Near-duplicate removal with an exact layer and MinHash + LSH (:mod:`newsbot.dedup`).

    The index lives in the crawl's store (table ``dedup_signatures``, one row per stored story,
    never deleted, committed with its article) and is rebuilt in memory when the spider opens, so
    a copy of a story stored by an earlier crawl is recognised. Workers sharing a PostgreSQL
    store share the index: what other workers stored since this one started is checked when
    each batch commits, atomically (:mod:`newsbot.storage.signatures.across_workers`). A copy is
    recorded in the ``duplicates`` table (which story it duplicates, the similarity, ``exact`` or
    ``near``) and counted.

    Which version is the original: the first one committed keeps its id (across batches, runs
    and workers a committed story is never replaced). Within the open batch (not committed
    yet) the fuller version wins: a near copy with 10% more distinct word 3-grams than its
    original, when that original is a new story of this crawl still in the batch, takes its
    place; the earlier one becomes its copy (with the copies recorded of it), counted under
    ``newsbot/dedup/replaced`` and logged at INFO. The earlier version has already left the
    pipelines by then: a ``-O``/``FEEDS`` export keeps it, the database records it as a copy. A
    resumed, split or incremental crawl decides which stories are copies as one uninterrupted
    crawl would (what is held in memory never changes that); which version of a story is the
    original may differ where a batch boundary falls between two versions.

    Settings:
    ``NEWSBOT_DEDUP_ENABLED``;
    ``NEWSBOT_DEDUP_MODE``: ``"drop"`` (the copy is not stored as an article) or
    ``"flag"`` (stored with ``duplicateOf`` and ``similarity`` set);
    ``NEWSBOT_DEDUP_THRESHOLD``: estimated Jaccard of word 3-grams that makes a near duplicate
    (chosen with ``bench/dedup_quality.py``, see bench/RESULTS.md);
    ``NEWSBOT_DEDUP_CONTAINMENT``: below that Jaccard, a story is still a (trimmed) copy when this
    estimated share of the shorter one's 3-grams is in the longer one, and the
    shorter is at least 60% of the longer (a short story quoted whole in a long one is no copy);
    0 turns the containment rule off;
    ``NEWSBOT_DEDUP_NUM_PERM``: MinHash permutations (with 128 the estimate was too
    noisy to keep 5%-edited copies apart from 30% rewrites);
    ``NEWSBOT_DEDUP_WINDOW_DAYS``: the near layer compares only stories published within this
    many days of each other (0 means no window); the exact layer (same normalised
    body) compares every stored story whatever its age, so a story republished months later
    under a new id is a copy. The window also bounds what is held in memory: at start, the
    signatures published within the window before the newest stored story and every undated one
    (the exact layer asks the database about each new body: one indexed read); a story from
    another period makes the index read the signatures of its own window from the database (off
    the reactor thread).
    A page already stored is an update, not a copy (``newsbot/dedup/refetched``), and a page an
    earlier crawl recorded as a copy stays one (``newsbot/dedup/known``).
    A database error while loading or reading signatures closes the crawl with the finish
    reason ``storage_unavailable`` (:mod:`newsbot.crawl_store`).
    Stats: ``newsbot/dedup/exact``, ``newsbot/dedup/near``, ``newsbot/dedup/unique``,
    ``newsbot/dedup/refetched``, ``newsbot/dedup/known``, ``newsbot/dedup/replaced`` (stories of the
    open batch replaced by a fuller version), ``newsbot/dedup/loaded`` (signatures held at start),
    ``newsbot/dedup/stored_hashes`` (distinct bodies whose signatures this crawl stored, counted as its
    batches commit; set by the store pipeline after its last batch),
    ``newsbot/dedup/exact_lookups`` (bodies the exact layer asked the database about),
    ``newsbot/dedup/range_loads`` and ``newsbot/dedup/range_loaded`` (reads of another period's
    signatures and how many they brought), ``newsbot/dedup/held`` (signatures in memory at close),
    ``newsbot/dedup/forgotten`` (new stories the store turned away, dropped from memory so that a
    later copy is stored).
    """

    def __init__(self, crawler: Crawler, mode: str, index_options: dict[str, float | int | None]) -> None:
        self.crawler = crawler
        self.crawl_store = CrawlStore.of(crawler)
        self.mode = mode
        self.index_options = index_options
        self.store: Store | None = None
        self.index: NearDuplicateIndex | None = None
        self.known: StoredPages = StoredPages.of_pages({})

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = newsbot_settings(crawler.settings)
        if not settings.getbool("NEWSBOT_DEDUP_ENABLED"):
            raise NotConfigured("NEWSBOT_DEDUP_ENABLED is off")
        if not storage_enabled(settings):
            raise NotConfigured("dedup keeps its index in the store, and none is configured")
        mode = settings.get("NEWSBOT_DEDUP_MODE")
        if mode not in MODES:
            raise ValueError(f"NEWSBOT_DEDUP_MODE must be one of {MODES}, not {mode!r}")
        window = settings.getfloat("NEWSBOT_DEDUP_WINDOW_DAYS")
        options = {
            "threshold": settings.getfloat("NEWSBOT_DEDUP_THRESHOLD"),
            "containment_threshold": settings.getfloat("NEWSBOT_DEDUP_CONTAINMENT") or None,
            "num_perm": settings.getint("NEWSBOT_DEDUP_NUM_PERM"),
            "window_days": window if window > 0 else None,
        }
        return cls(crawler, mode, options)

    async def open_spider(self) -> None:
        try:
            self.store = self.crawl_store.acquire()
        except StorageError as error:
            raise CloseSpider(self.crawl_store.failed(error)) from error
        index = NearDuplicateIndex(self.store.signatures, **self.index_options, exact_on_demand=True)
        try:
            self.known = self.store.stored_pages()
            newest = await asyncio.to_thread(self.store.newest_published)
            loaded = await asyncio.to_thread(functools.partial(index.load, newest, freeze_gc=True))
        except StorageError as error:
            raise CloseSpider(self.crawl_store.failed(error)) from error
        self.index = index
        self.store.attach_dedup(index, keep_copies=self.mode == "flag")
        self.crawl_store.on_rejected(self._forget)
        self.crawler.stats.set_value("newsbot/dedup/loaded", loaded)

    def _forget(self, key: str) -> None:
        """The store left a new article out: its signature must not make a later copy of it a duplicate."""
        if self.index is not None and key not in self.known and self.index.discard(key):
            self.crawler.stats.inc_value("newsbot/dedup/forgotten")

    async def process_item(self, item: object) -> object:
        if not isinstance(item, ArticleItem) or self.index is None or self.store is None or not item.articleBody:
            return item
        key = item.canonicalUrl or item.url
        published = to_timestamp(item.datePublished)
        # remembered: the incremental check asked for this page when its request was sent (else one
        # indexed read here, as that check makes for every article request)
        page = self.known.get(key)
        if page is not None and page.duplicate_of is not None:
            # decided by an earlier crawl: that decision stands
            self.crawler.stats.inc_value("newsbot/dedup/known")
            return self._copy(item, page.duplicate_of, None, "known")
        if page is not None:
            # a stored story fetched again (refresh, or incremental crawling off): an update, not a copy;
            # off the reactor thread, as the index's lock may be held by a read of another period
            await asyncio.to_thread(functools.partial(self.index.add, key, item.articleBody, published,
                                                      headline=item.headline))  # fmt: skip
            self.crawler.stats.inc_value("newsbot/dedup/refetched")
            return item
        prepared = self.index.prepare(key, item.articleBody, published, headline=item.headline)
        try:
            # in memory on the reactor thread when it can be; a read of another period's signatures
            # (or of a probable exact copy) from the database goes off the reactor thread
            verdict = self.index.decide_in_memory(prepared) or await asyncio.to_thread(self.index.decide, prepared)
        except StorageError as error:
            self.crawl_store.close_crawl(error)
            self.crawler.stats.inc_value("newsbot/store/lost")
            self.crawler.stats.inc_value("newsbot/dropped/storage_unavailable")
            raise DropItem(f"storage_unavailable: {key}", log_level="DEBUG") from error
        if verdict.fuller and await self._replace(key, prepared, verdict):
            return item
        self.crawler.stats.inc_value(f"newsbot/dedup/{verdict.kind}")
        if verdict.duplicate_of is None:
            return item
        self.store.record_duplicate(
            key, verdict.duplicate_of, verdict.similarity, verdict.kind, item.headline, item.datePublished
        )
        return self._copy(item, verdict.duplicate_of, verdict.similarity, verdict.kind)

    async def _replace(self, key: str, prepared: PreparedText, verdict: Verdict) -> bool:
        """Make this fuller version the original in place of its uncommitted one; return whether it did."""
        assert self.index is not None and self.store is not None and verdict.duplicate_of is not None
        original, store = verdict.duplicate_of, self.store
        if original in self.known:  # stored before this crawl: it keeps its id
            return False

        def undo() -> bool:
            return store.supersede(original, prepared.signature, verdict.similarity, verdict.kind)

        # off the reactor thread: the index's lock may be held by a read of another period
        if not await asyncio.to_thread(self.index.supersede, original, prepared, undo):
            return False
        stats = self.crawler.stats
        stats.inc_value("newsbot/dedup/replaced")
        stats.inc_value(f"newsbot/dedup/{verdict.kind}")  # the earlier version, counted unique before
        score = f"{verdict.similarity:.2f}" if verdict.similarity is not None else "n/a"
        logger.info(
            "Replaced by a fuller version of the same story in the same batch (%s, similarity %s): %s is a copy of %s",
            verdict.kind, score, original, key,
        )  # fmt: skip
        return True

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
        if self.index is not None:
            stats = self.crawler.stats
            stats.set_value("newsbot/dedup/held", len(self.index))
            stats.set_value("newsbot/dedup/range_loads", self.index.range_loads)
            stats.set_value("newsbot/dedup/range_loaded", self.index.range_loaded)
            stats.set_value("newsbot/dedup/exact_lookups", self.index.exact_lookups)
        if self.store.orphan_signatures:
            self.crawler.stats.set_value("newsbot/dedup/unstored_signatures", self.store.orphan_signatures)
        closing = self.crawl_store.release()
        if closing is not None:
            await asyncio.to_thread(closing.close)
