"""PostgreSQL storage (psycopg 3 with a connection pool): the SQLite store's tables and semantics, for many workers.

Same tables, same upsert by canonical URL, revisions, links, duplicates, crawl runs and
signatures committed with their articles (:mod:`newsbot.storage.postgres_schema`). Writes are
queued in memory and committed by :meth:`PostgresStore.flush` in one transaction, from a worker
thread; each article in its own savepoint, so a value PostgreSQL refuses rejects that article
only. Several processes may write at once: before a batch commits, its new stories are checked
against what the others stored (:mod:`newsbot.storage.shared_dedup`), under advisory locks, so
two copies of one story are never both stored. A batch that meets a deadlock or a serialization
failure is retried whole (``RETRIES`` times); any other failure rolls it back, marks the store
:attr:`~newsbot.storage.common.QueuedStore.failed` and ends its writes, as in SQLite.
"""

from __future__ import annotations

import functools
import threading
from collections import Counter
from typing import Any

import psycopg
from psycopg import errors
from psycopg_pool import ConnectionPool, PoolTimeout

from newsbot.dedup.shared import SharedJudge
from newsbot.storage.articles import DUPLICATE_UPSERT, now_iso, write_article
from newsbot.storage.base import Demotion, StorageError, StoreResult
from newsbot.storage.common import QueuedStore
from newsbot.storage.factory import redacted
from newsbot.storage.postgres_schema import migrate
from newsbot.storage.postgres_signatures import SIGNATURE_UPSERT, PostgresSignatureStore, signature_row
from newsbot.storage.queue import QueuedArticle, QueuedCopy, QueuedWrite, article_count
from newsbot.storage.shared_dedup import band_rows, demotions

RETRIES = 3
BAND_COPY = "COPY dedup_bands (band_key, key) FROM STDIN"
# Errors that come from one article's values, not from the database: they reject that article only.
_ITEM_ERRORS = (UnicodeError, ValueError, TypeError, OverflowError, psycopg.DataError, psycopg.IntegrityError)
_RETRYABLE = (errors.DeadlockDetected, errors.SerializationFailure)


@functools.lru_cache(maxsize=256)
def to_psycopg(sql: str) -> str:
    """Portable SQL (``?`` placeholders, no literal ``?`` or ``%``) in psycopg's ``%s`` style."""
    return sql.replace("?", "%s")


class PortableConnection:
    """A psycopg connection that takes the portable statements of :mod:`newsbot.storage.articles`."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self._connection = connection

    def execute(self, sql: str, parameters: Any = ()) -> psycopg.Cursor[Any]:
        return self._connection.execute(to_psycopg(sql), parameters)

    def executemany(self, sql: str, parameters: Any) -> None:
        rows = list(parameters)
        if rows:
            with self._connection.cursor() as cursor:
                cursor.executemany(to_psycopg(sql), rows)


class PostgresStore(QueuedStore):
    """Articles, links, duplicates, dedup signatures and crawl runs in a PostgreSQL database.

    ``url`` is a libpq URL (``postgresql://user@host:5432/db``); ``pool_size`` the most
    connections this process opens; ``timeout`` seconds to connect or to get a connection.
    Every failure of the server surfaces as a :class:`~newsbot.storage.StorageError` whose
    message names the server (without its password).
    """

    def __init__(self, url: str, batch_size: int = 100, *, pool_size: int = 4, timeout: float = 10.0) -> None:
        super().__init__(batch_size)
        self.url = url
        self.description = f"PostgreSQL database {redacted(url)}"
        self.location = redacted(url)
        self.pool_size = max(2, pool_size)
        self.timeout = timeout
        self._pool: ConnectionPool | None = None
        self._flush_lock = threading.Lock()
        self._judge: SharedJudge | None = None
        self.keep_copies = False
        #: demoted article -> the story it copies, so that later copies of it point to the original
        self._redirects: dict[str, str] = {}
        self.signatures = PostgresSignatureStore(self)

    # -- life cycle -----------------------------------------------------------------------
    def open(self) -> None:
        """Connect, create or migrate the schema, prove a write works (rolled back), then open the pool."""
        try:
            with psycopg.connect(self.url, connect_timeout=max(1, int(self.timeout)), autocommit=True) as connection:
                migrate(connection)
                with connection.transaction(force_rollback=True):
                    connection.execute(
                        "INSERT INTO crawl_runs (spider, started_at) VALUES ('open check', %s)", (now_iso(),)
                    )
            pool = ConnectionPool(
                self.url, min_size=1, max_size=self.pool_size, open=False, timeout=self.timeout,
                kwargs={"connect_timeout": max(1, int(self.timeout))}, name="newsbot",
            )  # fmt: skip
            pool.open(wait=True, timeout=self.timeout)
        except (psycopg.Error, PoolTimeout, OSError) as error:
            raise StorageError(f"cannot open {self.description} for writing: {_first_line(error)}") from error
        self._pool = pool

    def close(self) -> None:
        """Flush what is queued (unless the store has failed) and close the pool."""
        if self._pool is None:
            return
        try:
            if self.failed is None:
                self.flush()
        finally:
            self._pool.close()
            self._pool = None

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

        ``keep_copies``: a story found to be a copy is still stored, flagged (dedup ``flag`` mode).
        """
        self._judge = SharedJudge(index)
        self.keep_copies = keep_copies

    # -- reads and single statements ------------------------------------------------------
    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query (portable SQL, ``?`` placeholders); errors become :class:`StorageError`."""
        try:
            with self.pool.connection() as connection:
                return connection.execute(to_psycopg(sql), params).fetchall()
        except (psycopg.Error, PoolTimeout) as error:
            raise StorageError(f"reading {self.description} failed: {_first_line(error)}") from error

    def _execute(self, sql: str, params: tuple[Any, ...], doing: str) -> None:
        try:
            with self.pool.connection() as connection:
                connection.execute(to_psycopg(sql), params)
        except (psycopg.Error, PoolTimeout) as error:
            raise StorageError(f"{doing} {self.description} failed: {_first_line(error)}") from error

    def _insert_run(self, spider: str, run_key: str | None, worker: str | None) -> int:
        try:
            with self.pool.connection() as connection:
                row = connection.execute(
                    "INSERT INTO crawl_runs (spider, started_at, run_key, worker) VALUES (%s, %s, %s, %s) RETURNING id",
                    (spider, now_iso(), run_key, worker),
                ).fetchone()
        except (psycopg.Error, PoolTimeout) as error:
            raise StorageError(f"recording the crawl run in {self.description} failed: {_first_line(error)}") from error
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
                        outcome = _Batch(self, connection).write(queue)
                    break
                except _RETRYABLE as error:
                    if attempt == RETRIES:
                        self._fail(queue, error)
                except Exception as error:  # KeyboardInterrupt/SystemExit stop the crawl (rolled back), not the store
                    self._fail(queue, error)
            results, rejected, demoted, redirects = outcome
            self.results.update(results)
            self.rejected.extend(rejected)
            self.demoted.extend(demoted)
            self._redirects = redirects
            return len(queue)

    def _fail(self, queue: list[QueuedWrite], error: BaseException) -> None:
        articles = self.lost = article_count(queue)
        self.failed = StorageError(
            f"writing a batch of {articles} articles to {self.description} failed, nothing of it was committed:"
            f" {type(error).__name__}: {_first_line(error)}"
        )
        raise self.failed from error


class _Batch:
    """One batch written inside an open transaction: the shared dedup step, then every queued write."""

    def __init__(self, store: PostgresStore, connection: psycopg.Connection[Any]) -> None:
        self.store = store
        self.connection = connection
        self.portable = PortableConnection(connection)
        self.redirects = dict(store._redirects)
        self.new_keys: set[str] = set()
        self.band_rows: dict[str, list[tuple[int, str]]] = {}  # by story: the last signature written wins
        self.rewritten: list[str] = []

    def write(
        self, queue: list[QueuedWrite]
    ) -> tuple[Counter[StoreResult], list[tuple[str, str]], list[Demotion], dict[str, str]]:
        judge = self.store._judge
        signatures = [e.signature for e in queue if isinstance(e, QueuedArticle) and e.signature is not None]
        verdicts, self.new_keys = demotions(self.connection, judge, signatures) if judge and signatures else ({}, set())
        for key, verdict in verdicts.items():
            self.redirects[key] = str(verdict.duplicate_of)
        results: Counter[StoreResult] = Counter()
        rejected: list[tuple[str, str]] = []
        demoted: list[Demotion] = []
        for entry in queue:
            if isinstance(entry, QueuedCopy):
                self.connection.execute(to_psycopg(DUPLICATE_UPSERT), entry.row(self._original(entry.duplicate_of)))
            elif not isinstance(entry, QueuedArticle):
                self.portable.execute(entry.sql, entry.params)
            else:
                article, signature = entry.article, entry.signature
                verdict = verdicts.get(entry.key)
                if verdict is not None:
                    original = str(verdict.duplicate_of)
                    demoted.append(Demotion(entry.key, original, verdict.similarity, verdict.kind))
                    copy = QueuedCopy(
                        entry.key, original, verdict.similarity, verdict.kind, article.get("headline"),
                        article.get("datePublished"), now_iso(), entry.run_id,
                    )  # fmt: skip
                    self.connection.execute(to_psycopg(DUPLICATE_UPSERT), copy.row())
                    if not self.store.keep_copies:
                        continue
                    article = {**article, "duplicateOf": original, "similarity": verdict.similarity}
                    signature = None
                elif article.get("duplicateOf") in self.redirects:
                    article = {**article, "duplicateOf": self._original(article["duplicateOf"])}
                outcome = self._write_isolated(entry, article, signature)
                if isinstance(outcome, StoreResult):
                    results[outcome] += 1
                else:
                    rejected.append((entry.key, outcome))
        self._write_bands()
        return results, rejected, demoted, self.redirects

    def _write_bands(self) -> None:
        """The band rows of every signature written, in one COPY (a rewritten story's old rows go first)."""
        if self.rewritten:
            self.connection.execute("DELETE FROM dedup_bands WHERE key = ANY(%s)", (self.rewritten,))
        if self.band_rows:
            with self.connection.cursor() as cursor, cursor.copy(BAND_COPY) as copy:
                for rows in self.band_rows.values():
                    for row in rows:
                        copy.write_row(row)

    def _original(self, key: str) -> str:
        """The story a copy points to, following demotions (a demoted story's copies point to its original)."""
        for _ in range(16):
            if key not in self.redirects:
                break
            key = self.redirects[key]
        return key

    def _write_isolated(self, entry: QueuedArticle, article: dict[str, Any], signature: Any) -> StoreResult | str:
        """Write one article (and its signature and band rows) in a savepoint; a bad value rejects only it."""
        try:
            with self.connection.transaction():
                result = write_article(self.portable, entry.key, article, entry.run_id)
                if signature is not None:
                    self.connection.execute(SIGNATURE_UPSERT, signature_row(signature))
        except _ITEM_ERRORS as error:
            return f"{type(error).__name__}: {_first_line(error)}"
        judge = self.store._judge
        if signature is not None and judge is not None:
            self.band_rows[entry.key] = band_rows(judge, signature)
            if entry.key not in self.new_keys:
                self.rewritten.append(entry.key)
        return result


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
