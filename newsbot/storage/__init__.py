"""Storage backends for cleaned articles, their link graph, duplicates and crawl runs.

No Scrapy imports: pipelines adapt these classes to the engine. Their errors are in
:mod:`newsbot.errors` (``StorageError`` and below).
"""

from newsbot.storage.base import Demotion, Store, StoreResult
from newsbot.storage.known import KnownPage
from newsbot.storage.sqlite import SqliteStore

__all__ = [
    "Demotion",
    "KnownPage",
    "SqliteStore",
    "Store",
    "StoreResult",
]
