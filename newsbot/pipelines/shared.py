"""The crawl's store, shared by every component that reads or writes it, and what a storage failure does.

Sharing one store lets a new dedup signature and its article commit in the same transaction.
The store is opened by whichever component asks first (taking the database lock for the crawl,
:mod:`newsbot.locking`) and closed when the last one lets go.

A storage failure ends the crawl the same way wherever it happens: the first one is logged as
one ERROR line and recorded in the ``newsbot/store/error`` stat (the storage health check, exit
code 8), and the spider is closed with the finish reason ``storage_unavailable`` (or
``database_in_use`` when another crawl holds the database lock). Later failures of the same
crawl are counted, not logged again.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import Crawler

from newsbot.errors import DatabaseInUse, StorageError
from newsbot.storage import Store
from newsbot.storage.factory import store_from_settings

logger = logging.getLogger(__name__)

STORAGE_UNAVAILABLE = "storage_unavailable"
DATABASE_IN_USE = "database_in_use"


@dataclass
class _CrawlStore:
    store: Store | None = None
    users: int = 0
    error: StorageError | None = None
    closing: Any = None
    rejection_listeners: list[Callable[[str], None]] = field(default_factory=list)


_crawls: weakref.WeakKeyDictionary[Crawler, _CrawlStore] = weakref.WeakKeyDictionary()


def acquire_store(crawler: Crawler) -> Store:
    """The crawl's store, opened on first use (:mod:`newsbot.storage.factory` reads its settings).

    Raises :class:`~newsbot.errors.StorageError` when the database cannot be opened for
    writing, and again (the same error) for every later caller of the same crawl.
    """
    state = _crawls.setdefault(crawler, _CrawlStore())
    if state.error is not None and state.store is None:
        raise state.error
    if state.store is None:
        try:
            store = store_from_settings(crawler.settings, exclusive=True, spider=crawler.spidercls.name)
            store.open()
        except StorageError as error:
            state.error = error
            raise
        state.store = store
    state.users += 1
    return state.store


def release_store(crawler: Crawler) -> Store | None:
    """Let go of the crawl's store; the last user gets it back to close it, others get ``None``."""
    state = _crawls.get(crawler)
    if state is None or state.store is None:
        return None
    state.users -= 1
    if state.users > 0:
        return None
    store, state.store = state.store, None
    return store


def storage_failed(crawler: Crawler, error: StorageError) -> str:
    """Record a storage failure (logged once per crawl) and return the finish reason it calls for.

    Stats: ``newsbot/store/error`` (the first failure's message), ``newsbot/store/failures``.
    """
    state = _crawls.setdefault(crawler, _CrawlStore())
    crawler.stats.inc_value("newsbot/store/failures")
    reason = DATABASE_IN_USE if isinstance(error, DatabaseInUse) else STORAGE_UNAVAILABLE
    state.error = state.error or error
    if crawler.stats.get_value("newsbot/store/error") is None:
        crawler.stats.set_value("newsbot/store/error", str(error))
        logger.error("Storage unavailable, closing the crawl (%s): %s", reason, error)
    return reason


def close_for_storage(crawler: Crawler, error: StorageError) -> str:
    """:func:`storage_failed`, then close the running spider with that reason (once)."""
    reason = storage_failed(crawler, error)
    state = _crawls[crawler]
    try:
        engine = crawler.engine
    except RuntimeError:  # no engine yet: the crawl has not started, nothing to close
        return reason
    if state.closing is None and engine is not None and engine.spider is not None:
        state.closing = asyncio.ensure_future(engine.close_spider_async(reason=reason))
    return reason


def on_rejected(crawler: Crawler, listener: Callable[[str], None]) -> None:
    """Call ``listener(canonical_url)`` for each article the store leaves out of its batch.

    The dedup pipeline forgets such an article, so that a later copy of it is stored, not
    recorded as the copy of a story the database never received.
    """
    _crawls.setdefault(crawler, _CrawlStore()).rejection_listeners.append(listener)


def article_rejected(crawler: Crawler, key: str) -> None:
    """Tell the listeners that the store left the article ``key`` out."""
    state = _crawls.get(crawler)
    for listener in state.rejection_listeners if state else ():
        listener(key)
