"""CrawlRunRecorder: finish the crawl-run row with the finish reason and the final stats."""

from __future__ import annotations

import asyncio
import logging
from typing import Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsbot.crawl_store import CrawlStore
from newsbot.errors import StorageError
from newsbot.redaction import redacted_mapping
from newsbot.storage import Store
from newsbot.storage.factory import storage_enabled

logger = logging.getLogger(__name__)


class CrawlRunRecorder:
    """Writes end time, finish reason and stats to the ``crawl_runs`` row when the spider closes.

    The row itself is inserted by the storage pipeline when the crawl starts. Reads
    ``NEWSBOT_DATABASE_URL`` / ``NEWSBOT_SQLITE_PATH`` (both empty: disabled). Holds the shared
    store until the very end, so it is the one that closes it. When the row cannot be written
    (the disk is full), that is logged as one WARNING line and counted as a storage failure.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.crawl_store = CrawlStore.of(crawler)
        self.store: Store | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not storage_enabled(crawler.settings):
            raise NotConfigured("no store: NEWSBOT_DATABASE_URL and NEWSBOT_SQLITE_PATH are empty")
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        try:
            self.store = self.crawl_store.acquire()
        except StorageError:
            self.store = None  # the storage pipeline has already closed the spider with the reason

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.store is None:
            return
        stats = redacted_mapping(self.crawler.stats.get_stats())
        stats.setdefault("finish_reason", reason)
        try:
            await asyncio.to_thread(self.store.finish_run, reason, stats)
        except StorageError as error:
            self.crawl_store.failed(error)
            logger.warning("The end of this crawl could not be recorded in crawl_runs: %s", error)
        closing = self.crawl_store.release()
        if closing is not None:
            try:
                await asyncio.to_thread(closing.close)
            except StorageError as error:
                self.crawl_store.failed(error)
