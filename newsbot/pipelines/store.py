"""SqlitePipeline: store cleaned articles and their links, one row per crawl run."""

from __future__ import annotations

import asyncio
import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, NotConfigured

from newsbot.items import ArticleItem, item_to_dict
from newsbot.pipelines.shared import acquire_store, release_store
from newsbot.storage import SqliteStore, StorageError

logger = logging.getLogger(__name__)


class SqlitePipeline:
    """Upserts each article (by canonical URL) and its typed links into SQLite.

    Settings: ``NEWSBOT_SQLITE_PATH`` (the database file; empty turns the pipeline off,
    default ``data/newsbot.sqlite3``), ``NEWSBOT_SQLITE_BATCH_SIZE`` (articles per transaction,
    default 100). Batches are committed off the reactor thread; what is queued is flushed when the
    spider closes. The crawl-run row is started here and finished by
    :class:`newsbot.extensions.crawl_runs.CrawlRunRecorder`. An unwritable path closes the spider
    at start with the reason (finish reason ``storage_unavailable``). Stats: ``newsbot/store/queued``,
    ``newsbot/store/commits`` and, per committed article, ``newsbot/store/new``,
    ``newsbot/store/revised`` (a changed page: a new revision) or ``newsbot/store/unchanged``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.store: SqliteStore | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.get("NEWSBOT_SQLITE_PATH"):
            raise NotConfigured("NEWSBOT_SQLITE_PATH is empty")
        return cls(crawler)

    def open_spider(self) -> None:
        try:
            self.store = acquire_store(self.crawler)
        except StorageError as error:
            self.crawler.stats.set_value("newsbot/store/error", str(error))
            logger.error("Cannot store items, closing the spider: %s", error)
            raise CloseSpider("storage_unavailable") from error
        if self.store.run_id is None:
            self.store.start_run(self.crawler.spider.name)

    async def process_item(self, item: object) -> object:
        if not isinstance(item, ArticleItem) or self.store is None:
            return item
        self.store.store_article(item_to_dict(item))
        self.crawler.stats.inc_value("newsbot/store/queued")
        if self.store.batch_full:
            await self._flush()
        return item

    async def _flush(self) -> None:
        assert self.store is not None
        if await asyncio.to_thread(self.store.flush):
            self.crawler.stats.inc_value("newsbot/store/commits")
        for result, count in self.store.results.items():
            self.crawler.stats.set_value(f"newsbot/store/{result.value}", count)

    async def close_spider(self) -> None:
        if self.store is None:
            return
        await self._flush()
        closing = release_store(self.crawler)
        if closing is not None:
            await asyncio.to_thread(closing.close)
