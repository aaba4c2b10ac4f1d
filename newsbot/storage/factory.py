"""The crawl's store from its URL: ``sqlite:///path`` (the embedded default) or ``postgresql://...``.

Settings: ``NEWSBOT_DATABASE_URL`` (wins when set), else ``NEWSBOT_SQLITE_PATH`` (a file path;
empty: no storage); ``NEWSBOT_SQLITE_BATCH_SIZE`` (articles per transaction, both backends);
``NEWSBOT_POSTGRES_POOL_SIZE`` (connections per process); ``NEWSBOT_LOCK_TIMEOUT_SECONDS`` (how
long a PostgreSQL batch waits for a lock); ``NEWSBOT_REDIS_URL`` (workers of a shared run take
no PostgreSQL crawl lock). Callers never name a backend class.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsbot.config import default, newsbot_settings
from newsbot.errors import StorageError
from newsbot.redaction import redact
from newsbot.storage.base import Store

SCHEMES = ("sqlite", "postgresql", "postgres")


def database_url(settings: Mapping[str, Any] | Any) -> str | None:
    """The store URL: ``NEWSBOT_DATABASE_URL``, else ``sqlite:///NEWSBOT_SQLITE_PATH``, else ``None``."""
    settings = newsbot_settings(settings)
    url = (settings.get("NEWSBOT_DATABASE_URL") or "").strip()
    if url:
        return url
    path = settings.get("NEWSBOT_SQLITE_PATH")
    return f"sqlite:///{path}" if path else None


def storage_enabled(settings: Mapping[str, Any] | Any) -> bool:
    """Whether the crawl has a store at all (storage, dedup, incremental crawling and crawl runs need one)."""
    return database_url(settings) is not None


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot name a store, or ``None`` if it can."""
    try:
        parts = urlsplit(url)
    except ValueError as error:  # postgresql://u:pw@[::1/db: an unclosed IPv6 host
        return f"not a valid URL ({error})"
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        return f"must start with sqlite:/// or postgresql:// (got scheme {scheme or 'none'!r})"
    if scheme != "sqlite" and any(not char.isprintable() or char.isspace() for char in url.strip()):
        return "holds a space or a control character (percent-encode it: %20)"  # a file path may hold a space
    if scheme == "sqlite" and sqlite_path(url) is None:
        return "sqlite:/// needs a file path (sqlite:///data/news.sqlite3, or sqlite:////abs/path for an absolute one)"
    return None


def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///relative`` or ``sqlite:////absolute`` URL (``None`` for another scheme or no path)."""
    if not url.lower().startswith("sqlite:///"):
        return None
    path = url[len("sqlite:///") :]
    return Path(path) if path else None


def is_shared(url: str | None) -> bool:
    """Whether the store is a server several processes write to (PostgreSQL)."""
    return url is not None and urlsplit(url).scheme.lower() in ("postgresql", "postgres")


def redacted(url: str) -> str:
    """``url`` without its credentials, for messages and logs (:func:`newsbot.redaction.redact`)."""
    return redact(url)


def make_store(
    url: str, batch_size: int = default("NEWSBOT_SQLITE_BATCH_SIZE"), *, exclusive: bool = False,
    pool_size: int = default("NEWSBOT_POSTGRES_POOL_SIZE"),
    lock_timeout: float = default("NEWSBOT_LOCK_TIMEOUT_SECONDS"), spider: str | None = None,
) -> Store:  # fmt: skip
    """A store for ``url``, not opened yet.

    ``exclusive``: hold the database's crawl lock while open (a SQLite file's lock file; in
    PostgreSQL, ``spider``'s advisory lock, :mod:`newsbot.storage.pg_crawl_lock`, when ``spider``
    is given); ``lock_timeout``: seconds a PostgreSQL batch waits for a lock.
    """
    problem = url_problem(url)
    if problem is not None:
        raise StorageError(f"NEWSBOT_DATABASE_URL {redacted(url)!r} {problem}")
    path = sqlite_path(url)
    if path is not None:
        from newsbot.storage.sqlite import SqliteStore

        return SqliteStore(path, batch_size, exclusive=exclusive)
    from newsbot.storage.postgres import PostgresStore

    crawl_lock = spider if exclusive else None
    return PostgresStore(url, batch_size, pool_size=pool_size, lock_timeout=lock_timeout, crawl_lock=crawl_lock)


def store_from_settings(settings: Any, *, exclusive: bool = True, spider: str | None = None) -> Store:
    """The crawl's store as the settings describe it (not opened yet).

    ``exclusive`` takes the crawl lock (:func:`make_store`), except in PostgreSQL for the workers of
    a shared run (``NEWSBOT_REDIS_URL`` set), which write side by side.
    """
    url, settings = database_url(settings), newsbot_settings(settings)
    if url is None:
        raise StorageError("no store configured (NEWSBOT_DATABASE_URL and NEWSBOT_SQLITE_PATH are empty)")
    if is_shared(url) and settings.get("NEWSBOT_REDIS_URL"):
        exclusive = False
    return make_store(
        url,
        settings.getint("NEWSBOT_SQLITE_BATCH_SIZE"),
        exclusive=exclusive,
        pool_size=settings.getint("NEWSBOT_POSTGRES_POOL_SIZE"),
        lock_timeout=settings.getfloat("NEWSBOT_LOCK_TIMEOUT_SECONDS"),
        spider=spider,
    )
