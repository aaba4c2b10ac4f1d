"""SQLite storage: one file, WAL mode, writes batched in transactions.

Tables: ``articles`` (keyed by canonical URL, upserted; the row shows the latest revision),
``revisions`` (every stored version of an article), ``links`` (the Related / RECOMMENDED /
Explore graph), ``duplicates`` (copies recognised by dedup), ``dedup_signatures`` (the dedup
index, written in the same transaction as the articles) and ``crawl_runs`` (one row per crawl).

Writes are queued in memory and applied by :meth:`SqliteStore.flush` in one transaction, so a
killed crawl loses at most the open batch, never a committed one. The connection is shared
between threads under a lock, so callers may flush from a worker thread.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsbot.errors import DatabaseInUse, LockHeld, StorageError
from newsbot.locking import SharedLock, database_lock_path, hold_lock
from newsbot.storage.articles import DUPLICATE_UPSERT, now_iso, write_article
from newsbot.storage.base import StoreResult
from newsbot.storage.common import QueuedStore
from newsbot.storage.queue import QueuedArticle, QueuedCopy, article_count
from newsbot.storage.signatures.sqlite import SIGNATURE_UPSERT, SqliteSignatureStore, signature_row
from newsbot.storage.sqlite_check import open_check
from newsbot.storage.sqlite_schema import PAGE_SIZE, WAL_CHECKPOINT_BYTES, migrate


class SqliteStore(QueuedStore):
    """Articles, links, duplicates, dedup signatures and crawl runs in one SQLite file.

    ``path`` is the database file (created with its folder if missing); ``batch_size`` is how
    many queued articles make :attr:`batch_full` true (the caller then flushes); ``exclusive``
    takes the database lock (:mod:`newsbot.locking`, ``<path>.lock``) while the store is open,
    so that two crawls never write to one database (the crawl's store does; readers don't).

    Every failure of the file or the database surfaces as a :class:`StorageError`. A batch is
    one transaction: when a write fails, the whole batch is rolled back, the store is marked
    :attr:`failed` and refuses further writes (nothing it reports as stored was lost). An
    article that cannot be written for reasons of its own (a value SQLite cannot take) is left
    out of its batch and recorded in :attr:`rejected`; the rest of the batch commits.
    """

    def __init__(self, path: str | Path, batch_size: int = 100, *, exclusive: bool = False) -> None:
        super().__init__(batch_size)
        self.path = Path(path)
        self.exclusive = exclusive
        self._connection: sqlite3.Connection | None = None
        self._lock: SharedLock | None = None
        self._db_lock = threading.RLock()
        self._reader: sqlite3.Connection | None = None
        self._reader_lock = threading.Lock()
        self.signatures = SqliteSignatureStore(self)

    @property
    def description(self) -> str:
        """The database, as messages name it."""
        return f"SQLite database {str(self.path)!r}"

    @property
    def location(self) -> str:
        """Where the database is, as a report shows it: the file's path."""
        return str(self.path)

    # -- life cycle -----------------------------------------------------------------------
    def open(self) -> None:
        """Open (or create) the database and prove that it can be read and written.

        Takes the database lock first when ``exclusive`` (:class:`DatabaseInUse` when another
        process holds it), then checks the file in bounded time (:func:`open_check`: the schema,
        the small tables, the edges of the story tables) and makes a real write that is rolled
        back (a read-only file or folder fails here, not mid-crawl).
        """
        if self.exclusive:
            self._take_lock()
        connection = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            connection.execute("PRAGMA busy_timeout=10000")
            connection.execute(f"PRAGMA page_size={PAGE_SIZE}")  # a new file's pages; an existing file keeps its own
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            page_size = connection.execute("PRAGMA page_size").fetchone()[0]
            connection.execute(f"PRAGMA wal_autocheckpoint={max(1, WAL_CHECKPOINT_BYTES // page_size)}")
            migrate(connection)
            problems = open_check(connection)
            if problems:
                raise StorageError(
                    f"SQLite database {str(self.path)!r} is damaged ({'; '.join(problems[:3])}); "
                    "python -m newsbot db check reads the whole file"
                )
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.execute("INSERT INTO crawl_runs (spider, started_at) VALUES ('open check', ?)", (now_iso(),))
            finally:
                connection.execute("ROLLBACK")
        except (OSError, sqlite3.Error, StorageError) as error:
            if connection is not None:
                connection.close()
            self._release_lock()
            if isinstance(error, StorageError):
                raise
            raise StorageError(f"cannot open SQLite database {str(self.path)!r} for writing: {error}") from error
        self._connection = connection

    def _take_lock(self) -> None:
        lock_path = database_lock_path(self.path)
        try:
            self._lock = hold_lock(lock_path, f"crawl writing to {self.path}")
        except LockHeld as held:
            raise DatabaseInUse(
                f"SQLite database {str(self.path)!r} is in use by another crawl (lock {lock_path} held by {held})"
            ) from held
        except OSError as error:
            raise StorageError(
                f"cannot open SQLite database {str(self.path)!r} for writing: cannot create its lock file: {error}"
            ) from error

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def close(self) -> None:
        """Flush what is queued (unless the store has failed) and close the file."""
        if self._connection is None:
            self._release_lock()
            return
        try:
            if self.failed is None:
                self.flush()
        finally:
            with self._reader_lock:  # first: the last connection to close checkpoints and removes the log
                if self._reader is not None:
                    self._reader.close()
                    self._reader = None
            with self._db_lock:
                self._connection.close()
                self._connection = None
            self._release_lock()

    def __enter__(self) -> SqliteStore:
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            raise StorageError(f"SQLite database {str(self.path)!r} is not open")
        return self._connection

    # -- writes ---------------------------------------------------------------------------
    def flush(self) -> int:
        """Apply every queued write in one transaction; return how many were applied.

        Raises :class:`StorageError` when the batch could not be committed (it is rolled back
        whole, and the store refuses further writes) or when the store has already failed.
        """
        with self._db_lock:
            if self.failed is not None:
                raise self.failed
            queue = self._queue.take()
            if not queue:
                return 0
            results: Counter[StoreResult] = Counter()
            rejected: list[tuple[str, str]] = []
            hashes: set[str] = set()
            try:
                connection = self.connection
                connection.execute("BEGIN IMMEDIATE")
                for entry in queue:
                    if isinstance(entry, QueuedArticle):
                        outcome = self._write_isolated(entry)
                        if isinstance(outcome, StoreResult):
                            results[outcome] += 1
                            if entry.signature is not None:
                                hashes.add(entry.signature.exact_hash)
                        else:
                            rejected.append((entry.key, outcome))
                    elif isinstance(entry, QueuedCopy):
                        connection.execute(DUPLICATE_UPSERT, entry.row())
                    else:
                        connection.execute(entry.sql, entry.params)
                connection.execute("COMMIT")
            except (KeyboardInterrupt, SystemExit):  # the crawl is being stopped, the storage did not fail
                self._rollback()  # the batch is not committed, so nothing of it is counted as stored
                raise
            except Exception as error:
                self._rollback()
                articles = self.lost = article_count(queue)
                self.failed = StorageError(
                    f"writing a batch of {articles} articles to {str(self.path)!r} failed, nothing of it was"
                    f" committed: {type(error).__name__}: {error}"
                )
                raise self.failed from error
            self.results.update(results)
            self.rejected.extend(rejected)
            if self.committed_hashes is not None:
                self.committed_hashes |= hashes
            return len(queue)

    def _rollback(self) -> None:
        connection = self._connection
        if connection is None or not connection.in_transaction:
            return
        with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back on its own (SQLITE_FULL)
            connection.execute("ROLLBACK")

    def _write_isolated(self, entry: QueuedArticle) -> StoreResult | str:
        """Write one article inside a savepoint; a value it alone cannot store rejects only it.

        Returns the :class:`StoreResult`, or the reason the article was left out. Errors of the
        database itself (full, read-only, damaged, locked) propagate and fail the batch.
        """
        connection = self.connection
        connection.execute("SAVEPOINT article")
        try:
            result = write_article(connection, entry.key, entry.article, entry.run_id)
            if entry.signature is not None:
                connection.execute(SIGNATURE_UPSERT, signature_row(entry.signature))
        except _ITEM_ERRORS as error:
            connection.execute("ROLLBACK TO SAVEPOINT article")
            connection.execute("RELEASE SAVEPOINT article")
            return f"{type(error).__name__}: {error}"
        connection.execute("RELEASE SAVEPOINT article")
        return result

    # -- reads ----------------------------------------------------------------------------
    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query (reports, tests); a database error becomes a :class:`StorageError`."""
        with self._db_lock, self._errors("reading"):
            return self.connection.execute(sql, params).fetchall()

    def read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """A small read-only query on a reader connection of its own: it never waits for a commit (WAL)."""
        with self._reader_lock, self._errors("reading"):
            if self._reader is None:
                self._reader = sqlite3.connect(
                    f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=10, check_same_thread=False
                )
            return self._reader.execute(sql, params).fetchall()

    def stream(self, sql: str, params: tuple[Any, ...] = (), batch: int = 5000) -> Iterator[tuple[Any, ...]]:
        """The rows of a read-only query on a connection of its own, ``batch`` rows at a time (WAL: writers go on)."""
        with self._errors("reading"):
            reader = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            with self._errors("reading"):
                cursor = reader.execute(sql, params)
                while rows := cursor.fetchmany(batch):
                    yield from rows
        finally:
            reader.close()

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise StorageError(f"{doing} SQLite database {str(self.path)!r} failed: {error}") from error

    # -- crawl runs -----------------------------------------------------------------------
    def _insert_run(self, spider: str, run_key: str | None, worker: str | None) -> int:
        with self._db_lock, self._errors("recording the crawl run in"):
            cursor = self.connection.execute(
                "INSERT INTO crawl_runs (spider, started_at, run_key, worker) VALUES (?, ?, ?, ?)",
                (spider, now_iso(), run_key, worker),
            )
        return int(cursor.lastrowid or 0)

    def _execute(self, sql: str, params: tuple[Any, ...], doing: str) -> None:
        with self._db_lock, self._errors(doing):
            self.connection.execute(sql, params)

    # -- dedup ----------------------------------------------------------------------------
    def attach_dedup(self, index: Any, *, keep_copies: bool) -> None:
        """Note the dedup mode and count the bodies stored from now on (:attr:`committed_hashes`); nothing
        else: a SQLite database has one writer, whose index judged every story."""
        self.keep_copies = keep_copies
        self.committed_hashes = set()


# Errors that come from one article's values, not from the database: they reject that article only.
_ITEM_ERRORS = (
    UnicodeError, ValueError, TypeError, OverflowError,
    sqlite3.InterfaceError, sqlite3.DataError, sqlite3.IntegrityError, sqlite3.ProgrammingError,
)  # fmt: skip
