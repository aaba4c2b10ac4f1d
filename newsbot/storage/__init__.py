"""Storage backends for cleaned articles, their link graph, duplicates and crawl runs.

No Scrapy imports: pipelines adapt these classes to the engine.
"""

from newsbot.storage.base import (
    DatabaseInUse,
    Demotion,
    LockTimeout,
    StorageError,
    Store,
    StoreResult,
)
from newsbot.storage.known import KnownPage
from newsbot.storage.sqlite import SqliteStore

__all__ = [
    "DatabaseInUse",
    "Demotion",
    "KnownPage",
    "LockTimeout",
    "SqliteStore",
    "StorageError",
    "Store",
    "StoreResult",
]
