"""The crawl lock of a PostgreSQL store: a session advisory lock in the database itself (no Scrapy imports).

A SQLite store's crawl lock is a file beside the database (:mod:`newsbot.locking`). A
PostgreSQL database has no such file, and a lock file on one machine would neither stop a crawl
started on another machine nor let two crawls into two different databases run side by side.
So the lock lives in the server: ``pg_try_advisory_lock`` on a key derived from the spider, the
database and the schema (:func:`newsbot.storage.pg_locks.lock_key`), held by one connection for
the whole crawl. What it protects: one crawl of a spider at a time in a database (a cron overlap
exits 3); PostgreSQL itself takes several writers, so crawls of other spiders, or workers of one
shared run (``NEWSBOT_REDIS_URL``, which take no crawl lock), write side by side. The server
drops the lock when the holder's connection ends, however the crawl ended (SIGKILL included).
"""

from __future__ import annotations

import contextlib
from typing import Any

import psycopg

from newsbot.errors import LockHeld, StorageError
from newsbot.locking import register_held, unregister_held
from newsbot.redaction import redact
from newsbot.storage.base import first_line
from newsbot.storage.pg_locks import holder_of, schema_key, session_label, this_process


class PostgresCrawlLock:
    """The advisory lock of ``spider``'s crawls in the database and schema of ``url`` (module docstring).

    :meth:`acquire` raises :class:`~newsbot.errors.LockHeld` (naming the holder: host, pid,
    since when) when another session holds it, :class:`~newsbot.errors.StorageError` when the
    server cannot be reached. ``timeout``: seconds to connect.
    """

    def __init__(self, url: str, spider: str, timeout: float = 10.0) -> None:
        self.url = url
        self.spider = spider
        self.timeout = timeout
        self.identity = f"postgresql crawl lock of {spider} in {url}"
        self.description = f"the crawl lock of {spider} in PostgreSQL database {redact(url)}"
        self._connection: Any = None
        self._key: int | None = None

    def acquire(self) -> None:
        try:
            connection = psycopg.connect(
                self.url, autocommit=True, connect_timeout=max(1, int(self.timeout)),
                application_name=session_label(this_process(), f"crawl {self.spider}"),
            )  # fmt: skip
        except psycopg.Error as error:
            raise StorageError(f"cannot take {self.description}: {redact(first_line(error))}") from error
        try:
            key = schema_key(connection, f"crawl {self.spider}")
            taken = connection.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()[0]
            holder = None if taken else holder_of(connection, key)
        except psycopg.Error as error:
            connection.close()
            raise StorageError(f"cannot take {self.description}: {redact(first_line(error))}") from error
        if not taken:
            connection.close()
            raise LockHeld(holder or "unknown holder")
        self._connection, self._key = connection, key
        register_held(self)

    def release(self) -> None:
        if self._connection is None:
            return
        unregister_held(self)
        connection, self._connection = self._connection, None
        with contextlib.suppress(psycopg.Error):
            connection.execute("SELECT pg_advisory_unlock(%s)", (self._key,))
        with contextlib.suppress(psycopg.Error):
            connection.close()

    def __enter__(self) -> PostgresCrawlLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()
