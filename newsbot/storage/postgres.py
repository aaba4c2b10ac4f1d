"""PostgreSQL storage (psycopg 3 with a connection pool): the SQLite store's tables and semantics, for many workers.

Same tables, same upsert by canonical URL, revisions, links, duplicates, crawl runs and
signatures committed with their articles (:mod:`newsbot.storage.postgres_schema`). Writes are
queued in memory and committed by :meth:`PostgresStore.flush` in one transaction, from a worker
thread (:mod:`newsbot.storage.postgres_batch`); each article in its own savepoint, so a value
PostgreSQL refuses rejects that article only. Several processes may write at once: before a
batch commits, its new stories are checked against what the others stored
(:mod:`newsbot.storage.signatures.across_workers`), under advisory locks, so two copies of one story are
never both stored. A batch that meets a deadlock or a serialization failure is retried whole
(``RETRIES`` times); any other failure rolls it back, marks the store
:attr:`~newsbot.storage.common.QueuedStore.failed` and ends its writes, as in SQLite.

Every lock wait is bounded by ``lock_timeout`` seconds (PostgreSQL's own ``lock_timeout`` on
every connection, and :func:`newsbot.storage.pg_locks.take_xact_lock` for the dedup step, which
logs a WARNING naming the holder halfway). While a batch is written, its session
names the worker (``application_name`` = ``newsbot <host>:<pid> run <run>``) so that a waiting
worker can say who holds the lock. A batch that waits too long is given up like any failed
batch (:class:`~newsbot.errors.LockTimeout`): rolled back whole, nothing of it stored or
marked seen, so the next run fetches it again.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import psycopg
from psycopg import errors
from psycopg_pool import ConnectionPool, PoolTimeout

from newsbot.dedup.judge import SharedJudge
from newsbot.errors import DatabaseInUse, LockHeld, LockTimeout, LockWaitTimeout, StorageError
from newsbot.locking import SharedLock, hold_lock
from newsbot.redaction import redact
from newsbot.storage.articles import now_iso
from newsbot.storage.base import first_line
from newsbot.storage.common import QueuedStore
from newsbot.storage.pg_locks import schema_key, session_label, this_process
from newsbot.storage.postgres_batch import Batch, to_psycopg
from newsbot.storage.postgres_schema import migrate
from newsbot.storage.queue import QueuedWrite, article_count
from newsbot.storage.signatures.across_workers import DEDUP_PURPOSE, DedupLock
from newsbot.storage.signatures.postgres import PostgresSignatureStore

RETRIES = 3
_RETRYABLE = (errors.DeadlockDetected, errors.SerializationFailure)
BATCH_SESSION = "SELECT set_config('application_name', %s, true)"


class PostgresStore(QueuedStore):
    """Articles, links, duplicates, dedup signatures and crawl runs in a PostgreSQL database.

    ``url`` is a libpq URL (``postgresql://user@host:5432/db``); ``pool_size`` the most
    connections this process opens; ``timeout`` seconds to connect or to get a connection;
    ``lock_timeout`` seconds a batch waits for a lock (module docstring); ``crawl_lock``: a
    spider whose crawl lock (:class:`~newsbot.storage.pg_crawl_lock.PostgresCrawlLock`) the store
    holds while open (:class:`~newsbot.errors.DatabaseInUse` when another crawl holds it).
    Every failure of the server surfaces as a :class:`~newsbot.errors.StorageError` whose
    message names the server (without its password).
    """

    def __init__(
        self, url: str, batch_size: int = 100, *, pool_size: int = 4, timeout: float = 10.0,
        lock_timeout: float = 60.0, crawl_lock: str | None = None,
    ) -> None:  # fmt: skip
        super().__init__(batch_size)
        self.url = url
        self.description = f"PostgreSQL database {redact(url)}"
        self.location = redact(url)
        self.pool_size = max(2, pool_size)
        self.timeout = timeout
        self.lock_timeout = lock_timeout
        self.worker = this_process()
        self.dedup_lock: DedupLock | None = None
        self.crawl_lock = crawl_lock
        self._held: SharedLock | None = None
        self._pool: ConnectionPool | None = None
        self._flush_lock = threading.Lock()
        self.judge: SharedJudge | None = None
        self.keep_copies = False
        #: demoted article -> the story it copies, so that later copies of it point to the original
        self.redirects_of_demoted: dict[str, str] = {}
        self.signatures = PostgresSignatureStore(self)

    # -- life cycle -----------------------------------------------------------------------
    def open(self) -> None:
        """Take the crawl lock (if asked), connect, create or migrate the schema, prove a write works
        (rolled back), then open the pool."""
        if self.crawl_lock is not None:
            self._take_crawl_lock(self.crawl_lock)
        try:
            with psycopg.connect(self.url, connect_timeout=max(1, int(self.timeout)), autocommit=True) as connection:
                self._configure(connection)
                migrate(connection)
                key = schema_key(connection, DEDUP_PURPOSE)
                self.dedup_lock = DedupLock(key, self.lock_timeout, "the shared dedup lock")
                with connection.transaction(force_rollback=True):
                    connection.execute(
                        "INSERT INTO crawl_runs (spider, started_at) VALUES ('open check', %s)", (now_iso(),)
                    )
            pool = ConnectionPool(
                self.url, min_size=1, max_size=self.pool_size, open=False, timeout=self.timeout,
                kwargs={"connect_timeout": max(1, int(self.timeout))}, name="newsbot", configure=self._configure,
            )  # fmt: skip
            pool.open(wait=True, timeout=self.timeout)
        except (psycopg.Error, PoolTimeout, OSError) as error:
            self._release_crawl_lock()
            raise StorageError(f"cannot open {self.description} for writing: {first_line(error)}") from error
        self._pool = pool

    def _configure(self, connection: psycopg.Connection[Any]) -> None:
        """Bound every lock wait of a connection (``lock_timeout``); it is left idle, as the pool wants it."""
        connection.execute("SELECT set_config('lock_timeout', %s, false)", (self._lock_timeout_value(),))
        if not connection.autocommit:
            connection.commit()

    def _lock_timeout_value(self) -> str:
        return f"{max(1, round(self.lock_timeout * 1000))}ms"

    def _take_crawl_lock(self, spider: str) -> None:
        from newsbot.storage.pg_crawl_lock import PostgresCrawlLock

        lock = PostgresCrawlLock(self.url, spider, self.timeout)
        try:
            self._held = hold_lock(lock)
        except StorageError as error:  # the server cannot be reached: said as any other failure to open
            raise StorageError(
                f"cannot open {self.description} for writing: {first_line(error.__cause__ or error)}"
            ) from error
        except LockHeld as held:
            raise DatabaseInUse(
                f"{self.description} is in use by another crawl of {spider} ({lock.description} held by {held})"
            ) from held

    def _release_crawl_lock(self) -> None:
        if self._held is not None:
            self._held.release()
            self._held = None

    def close(self) -> None:
        """Flush what is queued (unless the store has failed) and close the pool."""
        if self._pool is None:
            self._release_crawl_lock()
            return
        try:
            if self.failed is None:
                self.flush()
        finally:
            self._pool.close()
            self._pool = None
            self._release_crawl_lock()

    def __enter__(self) -> PostgresStore:
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def pool(self) -> ConnectionPool:
        if self._pool is None:
            raise StorageError(f"{self.description} is not open")
        return self._pool

    def attach_dedup(self, index: Any, *, keep_copies: bool) -> None:
        """Check each batch's new stories against what other workers stored, with ``index``'s rules.

        ``keep_copies``: a story found to be a copy is still stored, flagged (dedup ``flag`` mode). The
        bodies stored from now on are counted (:attr:`committed_hashes`).
        """
        self.judge = SharedJudge(index)
        self.keep_copies = keep_copies
        self.committed_hashes = set()

    # -- reads and single statements ------------------------------------------------------
    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query (portable SQL, ``?`` placeholders); errors become :class:`StorageError`."""
        try:
            with self.pool.connection() as connection:
                return connection.execute(to_psycopg(sql), params).fetchall()
        except (psycopg.Error, PoolTimeout) as error:
            raise StorageError(f"reading {self.description} failed: {first_line(error)}") from error

    def stream(self, sql: str, params: tuple[Any, ...] = (), batch: int = 5000) -> Iterator[tuple[Any, ...]]:
        """The rows of a read-only query through a server-side cursor, ``batch`` rows at a time."""
        try:
            with self.pool.connection() as connection, connection.cursor(name="newsbot_stream") as cursor:
                cursor.itersize = batch
                cursor.execute(to_psycopg(sql), params)
                yield from cursor
        except (psycopg.Error, PoolTimeout) as error:
            raise StorageError(f"reading {self.description} failed: {first_line(error)}") from error

    def _execute(self, sql: str, params: tuple[Any, ...], doing: str) -> None:
        try:
            with self.pool.connection() as connection:
                connection.execute(to_psycopg(sql), params)
        except (psycopg.Error, PoolTimeout) as error:
            raise StorageError(f"{doing} {self.description} failed: {first_line(error)}") from error

    def _insert_run(self, spider: str, run_key: str | None, worker: str | None) -> int:
        try:
            with self.pool.connection() as connection:
                row = connection.execute(
                    "INSERT INTO crawl_runs (spider, started_at, run_key, worker) VALUES (%s, %s, %s, %s) RETURNING id",
                    (spider, now_iso(), run_key, worker),
                ).fetchone()
        except (psycopg.Error, PoolTimeout) as error:
            raise StorageError(f"recording the crawl run in {self.description} failed: {first_line(error)}") from error
        return int(row[0]) if row else 0

    # -- the batch ------------------------------------------------------------------------
    def flush(self) -> int:
        """Commit every queued write in one transaction; return how many were applied.

        Raises :class:`StorageError` when the batch could not be committed (it is rolled back
        whole, and the store refuses further writes) or when the store has already failed.
        """
        with self._flush_lock:
            if self.failed is not None:
                raise self.failed
            queue = self._queue.take()
            if not queue:
                return 0
            for attempt in range(1, RETRIES + 1):
                try:
                    with self.pool.connection() as connection, connection.transaction():
                        connection.execute(BATCH_SESSION, (self._session_label(),))
                        batch = Batch(self, connection)
                        outcome = batch.write(queue)
                    break
                except _RETRYABLE as error:
                    if attempt == RETRIES:
                        self._fail(queue, error)
                except (LockWaitTimeout, errors.LockNotAvailable) as error:
                    self._give_up(queue, error)
                except Exception as error:  # KeyboardInterrupt/SystemExit stop the crawl (rolled back), not the store
                    self._fail(queue, error)
            results, rejected, demoted, redirects = outcome
            self.results.update(results)
            self.rejected.extend(rejected)
            self.demoted.extend(demoted)
            self.redirects_of_demoted = redirects
            if self.committed_hashes is not None:
                self.committed_hashes |= batch.written_hashes
            return len(queue)

    def _session_label(self) -> str:
        """Who writes this batch, as its session's ``application_name``: ``newsbot host:pid run <run>``."""
        run = self.run_key or (f"#{self.run_id}" if self.run_id is not None else "none")
        return session_label(self.worker, f"run {run}")

    def _give_up(self, queue: list[QueuedWrite], error: Exception) -> None:
        """The batch waited too long for a lock: rolled back, nothing stored; the store fails (:class:`LockTimeout`)."""
        articles = self.lost = article_count(queue)
        if isinstance(error, LockWaitTimeout):
            holder: str | None = error.holder
            waited = f"waited {error.waited:g} s for {error.what}, held by {holder}"
        else:
            holder = None
            waited = f"a lock wait took longer than {self.lock_timeout:g} s ({first_line(error)})"
        self.failed = LockTimeout(
            f"gave up a batch of {articles} articles to {self.description}: {waited} (NEWSBOT_LOCK_TIMEOUT_SECONDS);"
            " nothing of it was committed, the next run fetches it again",
            holder,
        )
        raise self.failed from error

    def _fail(self, queue: list[QueuedWrite], error: Exception) -> None:
        articles = self.lost = article_count(queue)
        self.failed = StorageError(
            f"writing a batch of {articles} articles to {self.description} failed, nothing of it was committed:"
            f" {type(error).__name__}: {first_line(error)}"
        )
        raise self.failed from error
