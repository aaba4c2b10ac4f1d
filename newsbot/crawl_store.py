"""CrawlStore: the crawl's store, shared by every component that reads or writes it, and what a storage failure does.

Sharing one store lets a new dedup signature and its article commit in the same transaction.
The store is opened by whichever component asks first (taking the database lock for the crawl,
:mod:`newsbot.locking`) and closed when the last one lets go. The crawler holds its
:class:`CrawlStore` (:meth:`CrawlStore.of`): pipelines, middlewares, extensions and schedulers of
one crawl reach the same one, and it goes when the crawler goes.

A storage failure ends the crawl the same way wherever it happens: the first one is logged as
one ERROR line and recorded in the ``newsbot/store/error`` stat (the storage health check, exit
code 8), and the spider is closed with the finish reason ``storage_unavailable`` (or
``database_in_use`` when another crawl holds the database lock). Later failures of the same
crawl are counted, not logged again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any, Self

from scrapy.crawler import Crawler

from newsbot.errors import DatabaseInUse, StorageError
from newsbot.storage import Store
from newsbot.storage.factory import store_from_settings

logger = logging.getLogger(__name__)

STORAGE_UNAVAILABLE = "storage_unavailable"
DATABASE_IN_USE = "database_in_use"


class CrawlStore:
    """The store of one crawl, who uses it, and its storage failures (module docstring).

    One per crawler, made by the first component that asks (:meth:`of`). Reads the storage
    settings of :mod:`newsbot.storage.factory` when the store is first opened. Stats:
    ``newsbot/store/error`` (the first failure's message), ``newsbot/store/failures``.
    """

    #: The crawler's attribute that holds its CrawlStore.
    ATTRIBUTE = "newsbot_crawl_store"

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.store: Store | None = None
        self.users = 0
        self.error: StorageError | None = None
        self._closing: Any = None
        self._rejection_listeners: list[Callable[[str], None]] = []

    @classmethod
    def of(cls, crawler: Crawler) -> Self:
        """The CrawlStore of ``crawler``, made (with no store open yet) on the first call."""
        found = getattr(crawler, cls.ATTRIBUTE, None)
        if not isinstance(found, cls):
            found = cls(crawler)
            setattr(crawler, cls.ATTRIBUTE, found)
        return found

    def acquire(self) -> Store:
        """The crawl's store, opened on first use (:mod:`newsbot.storage.factory` reads its settings).

        Raises :class:`~newsbot.storage.StorageError` when the database cannot be opened for
        writing, and again (the same error) for every later caller of the same crawl.
        """
        if self.error is not None and self.store is None:
            raise self.error
        if self.store is None:
            crawler = self.crawler
            try:
                store = store_from_settings(crawler.settings, exclusive=True, spider=crawler.spidercls.name)
                store.open()
            except StorageError as error:
                self.error = error
                raise
            self.store = store
        self.users += 1
        return self.store

    def release(self) -> Store | None:
        """Let go of the crawl's store; the last user gets it back to close it, others get ``None``."""
        if self.store is None:
            return None
        self.users -= 1
        if self.users > 0:
            return None
        store, self.store = self.store, None
        return store

    def failed(self, error: StorageError) -> str:
        """Record a storage failure (logged once per crawl) and return the finish reason it calls for."""
        stats = self.crawler.stats
        stats.inc_value("newsbot/store/failures")
        reason = DATABASE_IN_USE if isinstance(error, DatabaseInUse) else STORAGE_UNAVAILABLE
        self.error = self.error or error
        if stats.get_value("newsbot/store/error") is None:
            stats.set_value("newsbot/store/error", str(error))
            logger.error("Storage unavailable, closing the crawl (%s): %s", reason, error)
        return reason

    def close_crawl(self, error: StorageError) -> str:
        """:meth:`failed`, then close the running spider with that reason (once)."""
        reason = self.failed(error)
        try:
            engine = self.crawler.engine
        except RuntimeError:  # no engine yet: the crawl has not started, nothing to close
            return reason
        if self._closing is None and engine is not None and engine.spider is not None:
            self._closing = asyncio.ensure_future(engine.close_spider_async(reason=reason))
        return reason

    def on_rejected(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(canonical_url)`` for each article the store leaves out of its batch.

        The dedup pipeline forgets such an article, so that a later copy of it is stored, not
        recorded as the copy of a story the database never received.
        """
        self._rejection_listeners.append(listener)

    def rejected(self, key: str) -> None:
        """Tell the listeners that the store left the article ``key`` out."""
        for listener in self._rejection_listeners:
            listener(key)
