"""The one SQLite store that the dedup and storage pipelines of a crawl share.

Sharing one store lets a new dedup signature and its article commit in the same transaction.
The store is opened by whichever pipeline asks first and closed when the last one lets go.
"""

from __future__ import annotations

import weakref

from scrapy.crawler import Crawler

from newsbot.storage import SqliteStore

_stores: weakref.WeakKeyDictionary[Crawler, tuple[SqliteStore, list[int]]] = weakref.WeakKeyDictionary()


def acquire_store(crawler: Crawler) -> SqliteStore:
    """The crawl's store, opened on first use (reads ``NEWSBOT_SQLITE_PATH``, ``NEWSBOT_SQLITE_BATCH_SIZE``).

    Raises :class:`~newsbot.storage.StorageError` when the file cannot be opened for writing.
    """
    if crawler in _stores:
        store, users = _stores[crawler]
        users[0] += 1
        return store
    store = SqliteStore(
        crawler.settings.get("NEWSBOT_SQLITE_PATH"),
        batch_size=crawler.settings.getint("NEWSBOT_SQLITE_BATCH_SIZE", 100),
    )
    store.open()
    _stores[crawler] = (store, [1])
    return store


def release_store(crawler: Crawler) -> SqliteStore | None:
    """Let go of the crawl's store; the last user gets it back to close it, others get ``None``."""
    if crawler not in _stores:
        return None
    store, users = _stores[crawler]
    users[0] -= 1
    if users[0] > 0:
        return None
    del _stores[crawler]
    return store
