"""Storage backends for cleaned articles, their link graph, duplicates and crawl runs.

No Scrapy imports: pipelines adapt these classes to the engine.
"""

from newsbot.storage.base import DatabaseInUse, StorageError, StoreResult
from newsbot.storage.sqlite import KnownPage, SqliteStore

__all__ = ["DatabaseInUse", "KnownPage", "SqliteStore", "StorageError", "StoreResult"]
