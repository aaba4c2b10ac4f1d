"""StorePipeline: store cleaned articles and their links (SQLite or PostgreSQL), one row per crawl run."""

from __future__ import annotations

import asyncio
import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem, NotConfigured

from newsbot.config import newsbot_settings
from newsbot.crawl_store import CrawlStore
from newsbot.errors import LockTimeout, StorageError
from newsbot.items import ArticleItem, item_to_dict
from newsbot.storage import Store
from newsbot.storage.factory import storage_enabled
from newsbot.storage.runs import RUN_KEY_STAT, WORKER_STAT

logger = logging.getLogger(__name__)


class StorePipeline:
    """Upserts each article (by canonical URL) and its typed links into the crawl's store.

    Settings: ``NEWSBOT_DATABASE_URL`` (``sqlite:///path`` or ``postgresql://user@host/db``; when
    empty, ``NEWSBOT_SQLITE_PATH`` is the SQLite file; both
    empty turn the pipeline off), ``NEWSBOT_SQLITE_BATCH_SIZE`` (articles per transaction,
    on both backends), ``NEWSBOT_DEDUP_MODE`` (how a copy found at commit is logged). Batches are
    committed off the reactor thread, one at a time: while
    one commits, the next fills, and an article arriving when that one is full waits for the
    commit (so at most two batches are held in memory, and no worker thread sits waiting for the
    database's lock); what is queued is flushed when the spider closes. The crawl-run row is
    started here and finished by :class:`newsbot.extensions.crawl_runs.CrawlRunRecorder`.

    Failures (:mod:`newsbot.crawl_store`): a database that cannot be opened, read or
    written closes the spider with the finish reason ``storage_unavailable`` (``database_in_use``
    when another crawl holds its lock) and one ERROR line. A failed batch is rolled back whole:
    its articles are counted as lost (``newsbot/store/lost``), never as stored, and, not being in
    the database, are fetched again by the next run; so are the articles that reach the pipeline
    after the failure (dropped with the reason ``storage_unavailable``). An article that SQLite
    cannot take for reasons of its own is left out of its batch (``newsbot/dropped/store_rejected``).
    A PostgreSQL batch that waits longer than ``NEWSBOT_LOCK_TIMEOUT_SECONDS`` for a
    lock (the shared dedup lock held by a frozen worker, say) is given up the same way, after one
    WARNING naming the holder: ``newsbot/store/lock_timeout`` counts its articles and
    ``newsbot/store/lock_holder`` says who held the lock.
    With several workers on one PostgreSQL database, a new article that the shared dedup index
    finds at commit to copy a story another worker stored is recorded as its copy instead
    (``newsbot/dedup/shared``, and ``exact``/``near`` as for any copy; one INFO line each).

    Stats: ``newsbot/store/queued``, ``newsbot/store/commits`` and, per committed article,
    ``newsbot/store/new``, ``newsbot/store/revised`` (a changed page: a new revision) or
    ``newsbot/store/unchanged``; ``newsbot/store/lost``, ``newsbot/store/error``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.crawl_store = CrawlStore.of(crawler)
        self.copies_flagged = newsbot_settings(crawler.settings).get("NEWSBOT_DEDUP_MODE") == "flag"
        self.store: Store | None = None
        self._demoted_seen = 0
        self._rejected_seen = 0
        self._counted_failure: StorageError | None = None
        self._committing: asyncio.Future[bool] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not storage_enabled(crawler.settings):
            raise NotConfigured("no store: NEWSBOT_DATABASE_URL and NEWSBOT_SQLITE_PATH are empty")
        return cls(crawler)

    async def open_spider(self) -> None:
        try:
            self.store = self.crawl_store.acquire()
            if self.store.run_id is None:
                stats = self.crawler.stats
                run_key, worker = stats.get_value(RUN_KEY_STAT), stats.get_value(WORKER_STAT)
                await asyncio.to_thread(
                    self.store.start_run,
                    self.crawler.spider.name,
                    None if run_key is None else str(run_key),
                    None if worker is None else str(worker),
                )
        except StorageError as error:
            raise CloseSpider(self.crawl_store.failed(error)) from error

    async def process_item(self, item: object) -> object:
        if not isinstance(item, ArticleItem) or self.store is None:
            return item
        while self.store.batch_full and (committing := self._commit_under_way()) is not None:
            await asyncio.shield(committing)  # a full batch waits for the one committing
        if self.store.failed is not None:
            self.crawler.stats.inc_value("newsbot/store/lost")
            self.crawler.stats.inc_value("newsbot/dropped/storage_unavailable")
            raise DropItem(f"storage_unavailable: {item.canonicalUrl or item.url}", log_level="DEBUG")
        self.store.store_article(item_to_dict(item))
        self.crawler.stats.inc_value("newsbot/store/queued")
        if self.store.batch_full:
            await self._flush(final=False)
        return item

    async def _flush(self, final: bool = True) -> bool:
        """Commit what is queued (``final=False``: only if a full batch is still waiting once the
        commit under way, if any, has ended). One commit at a time; callers share its outcome."""
        assert self.store is not None
        while (committing := self._commit_under_way()) is not None:
            await asyncio.shield(committing)
        if not final and not self.store.batch_full:
            return True
        committing = self._committing = asyncio.ensure_future(self._commit())
        return await asyncio.shield(committing)

    def _commit_under_way(self) -> asyncio.Future[bool] | None:
        committing = self._committing
        return committing if committing is not None and not committing.done() else None

    async def _commit(self) -> bool:
        """Commit the open batch; on failure count what it held as lost and close the crawl."""
        assert self.store is not None
        try:
            if await asyncio.to_thread(self.store.flush):
                self.crawler.stats.inc_value("newsbot/store/commits")
        except StorageError as error:
            if self.store.failed is error and error is not self._counted_failure:
                self._counted_failure = error
                self.crawler.stats.inc_value("newsbot/store/lost", self.store.lost)
                if isinstance(error, LockTimeout):
                    self.crawler.stats.inc_value("newsbot/store/lock_timeout", self.store.lost)
                    self.crawler.stats.set_value("newsbot/store/lock_holder", error.holder or "unknown")
            self.crawl_store.close_crawl(error)
            return False
        finally:
            self._count()
        return True

    def _count(self) -> None:
        assert self.store is not None
        stats = self.crawler.stats
        for result, count in self.store.results.items():
            stats.set_value(f"newsbot/store/{result.value}", count)
        for key, reason in self.store.rejected[self._rejected_seen :]:
            stats.inc_value("newsbot/dropped/store_rejected")
            logger.warning("Not stored %s (store_rejected): %s", key, reason)
            self.crawl_store.rejected(key)
        self._rejected_seen = len(self.store.rejected)
        for demotion in self.store.demoted[self._demoted_seen :]:
            stats.inc_value("newsbot/dedup/shared")
            stats.inc_value(f"newsbot/dedup/{demotion.method}")
            stats.inc_value("newsbot/dedup/unique", -1)
            score = "n/a" if demotion.similarity is None else f"{demotion.similarity:.2f}"
            logger.info(
                "%s: duplicate (%s, similarity %s, found in the shared index at commit) of %s: %s",
                "Flagged" if self.copies_flagged else "Dropped",
                demotion.method, score, demotion.duplicate_of, demotion.key,
            )  # fmt: skip
            self.crawl_store.rejected(demotion.key)
        self._demoted_seen = len(self.store.demoted)

    async def close_spider(self) -> None:
        if self.store is None:
            return
        if self.store.failed is None:
            await self._flush()
        elif unsent := self.store.queued_articles:
            # queued while the failed batch was being written: never committed either
            self.crawler.stats.inc_value("newsbot/store/lost", unsent)
            self.crawler.stats.inc_value("newsbot/dropped/storage_unavailable", unsent)
        if (hashes := self.store.committed_hashes) is not None:  # dedup's stat, final after the last batch
            self.crawler.stats.set_value("newsbot/dedup/stored_hashes", len(hashes))
        closing = self.crawl_store.release()
        if closing is not None:
            try:
                await asyncio.to_thread(closing.close)
            except StorageError as error:
                self.crawl_store.failed(error)


#: the name of the first release, kept for settings that name it
SqlitePipeline = StorePipeline
