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
import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsbot.dedup.store import StoredSignature
from newsbot.locking import LockHeld, SharedLock, database_lock_path, hold_lock
from newsbot.storage.base import DatabaseInUse, StorageError, StoreResult
from newsbot.storage.sqlite_articles import now_iso, write_article
from newsbot.storage.sqlite_schema import SCHEMA
from newsbot.storage.sqlite_signatures import SIGNATURE_UPSERT, SqliteSignatureStore, signature_row


@dataclass(frozen=True)
class KnownPage:
    """What the store knows of a page already fetched: when, its HTTP validators, whose copy it is."""

    last_seen: str
    etag: str | None
    last_modified: str | None
    duplicate_of: str | None = None

    @property
    def is_duplicate(self) -> bool:
        return self.duplicate_of is not None


class SqliteStore:
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
        self.path = Path(path)
        self.batch_size = max(1, batch_size)
        self.exclusive = exclusive
        self._connection: sqlite3.Connection | None = None
        self._lock: SharedLock | None = None
        # two locks, so that queueing an item never waits for a batch being written
        self._queue_lock = threading.Lock()
        self._db_lock = threading.RLock()
        self._queue: list[_QueuedArticle | tuple[str, tuple[Any, ...]]] = []
        self._queued_articles: dict[str, _QueuedArticle] = {}
        self._waiting_signatures: dict[str, StoredSignature] = {}
        self.results: Counter[StoreResult] = Counter()
        #: articles left out of a batch because they could not be written: (key, reason)
        self.rejected: list[tuple[str, str]] = []
        #: the error that made the store unusable, if any, and how many articles its batch held
        self.failed: StorageError | None = None
        self.lost = 0
        self._known_at_open: dict[str, KnownPage] | None = None
        self.run_id: int | None = None
        self.signatures = SqliteSignatureStore(self)

    # -- life cycle -----------------------------------------------------------------------
    def open(self) -> None:
        """Open (or create) the database and prove that it can be read and written.

        Takes the database lock first when ``exclusive`` (:class:`DatabaseInUse` when another
        process holds it), then checks the file's integrity (``PRAGMA quick_check``) and makes a
        real write that is rolled back (a read-only file or folder fails here, not mid-crawl).
        """
        if self.exclusive:
            self._take_lock()
        connection = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            connection.execute("PRAGMA busy_timeout=10000")
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.executescript(SCHEMA)
            problems = [row[0] for row in connection.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                raise StorageError(
                    f"SQLite database {str(self.path)!r} is damaged (PRAGMA quick_check: {'; '.join(problems[:3])})"
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

    # -- queued writes --------------------------------------------------------------------
    @property
    def batch_full(self) -> bool:
        """True once ``batch_size`` articles (or as many other writes) wait for a commit."""
        return len(self._queued_articles) >= self.batch_size or len(self._queue) >= 4 * self.batch_size

    def _enqueue(self, sql: str, params: tuple[Any, ...]) -> None:
        with self._queue_lock:
            self._queue.append((sql, params))

    def flush(self) -> int:
        """Apply every queued write in one transaction; return how many were applied.

        Raises :class:`StorageError` when the batch could not be committed (it is rolled back
        whole, and the store refuses further writes) or when the store has already failed.
        """
        with self._db_lock:
            if self.failed is not None:
                raise self.failed
            with self._queue_lock:
                queue, self._queue = self._queue, []
                self._queued_articles = {}
            if not queue:
                return 0
            results: Counter[StoreResult] = Counter()
            rejected: list[tuple[str, str]] = []
            try:
                connection = self.connection
                connection.execute("BEGIN IMMEDIATE")
                for entry in queue:
                    if isinstance(entry, _QueuedArticle):
                        outcome = self._write_isolated(entry)
                        if isinstance(outcome, StoreResult):
                            results[outcome] += 1
                        else:
                            rejected.append((entry.key, outcome))
                    else:
                        connection.execute(*entry)
                connection.execute("COMMIT")
            except BaseException as error:
                self._rollback()
                articles = self.lost = sum(isinstance(entry, _QueuedArticle) for entry in queue)
                self.failed = StorageError(
                    f"writing a batch of {articles} articles to {str(self.path)!r} failed, nothing of it was"
                    f" committed: {type(error).__name__}: {error}"
                )
                raise self.failed from error
            self.results.update(results)
            self.rejected.extend(rejected)
            return len(queue)

    def _rollback(self) -> None:
        connection = self._connection
        if connection is None or not connection.in_transaction:
            return
        with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back on its own (SQLITE_FULL)
            connection.execute("ROLLBACK")

    def _write_isolated(self, entry: _QueuedArticle) -> StoreResult | str:
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

    def store_article(self, article: dict[str, Any]) -> None:
        """Queue an article (a plain dict with the item's field names), its links and its signature."""
        key = article.get("canonicalUrl") or article["url"]
        with self._queue_lock:
            entry = _QueuedArticle(key, article, self.run_id, self._waiting_signatures.pop(key, None))
            self._queue.append(entry)
            self._queued_articles[key] = entry

    def _add_signature(self, signature: StoredSignature) -> None:
        with self._queue_lock:
            entry = self._queued_articles.get(signature.key)
            if entry is not None:
                entry.signature = signature
            else:
                self._waiting_signatures[signature.key] = signature

    @property
    def orphan_signatures(self) -> int:
        """Signatures still waiting for an article that was never stored."""
        return len(self._waiting_signatures)

    def record_duplicate(
        self, url: str, duplicate_of: str, similarity: float | None, method: str,
        headline: str | None = None, date_published: str | None = None,
    ) -> None:  # fmt: skip
        """Queue the record of a copy: which stored story it duplicates, how similar, found how."""
        self._enqueue(
            "INSERT INTO duplicates (url, duplicate_of, similarity, method, headline, date_published, seen_at, run_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET duplicate_of = excluded.duplicate_of,"
            " similarity = excluded.similarity, method = excluded.method, seen_at = excluded.seen_at,"
            " run_id = excluded.run_id",
            (url, duplicate_of, similarity, method, headline, date_published, now_iso(), self.run_id),
        )

    # -- reads ----------------------------------------------------------------------------
    def touch(self, canonical_url: str) -> None:
        """Queue a note that a stored article was checked and found unchanged."""
        self._enqueue("UPDATE articles SET last_seen = ? WHERE canonical_url = ?", (now_iso(), canonical_url))

    def known_at_open(self) -> dict[str, KnownPage]:
        """:meth:`known_pages` as it was when first asked (the crawl's start), read once for all its users."""
        with self._db_lock:
            if self._known_at_open is None:
                self._known_at_open = self.known_pages()
            return self._known_at_open

    def known_pages(self) -> dict[str, KnownPage]:
        """Every stored article and every recorded copy, by canonical URL (for incremental crawls)."""
        articles = self.query("SELECT canonical_url, last_seen, etag, last_modified, duplicate_of FROM articles")
        copies = self.query("SELECT url, seen_at, duplicate_of FROM duplicates")
        known = {url: KnownPage(seen, etag, modified, original) for url, seen, etag, modified, original in articles}
        for url, seen, original in copies:
            known.setdefault(url, KnownPage(seen, None, None, original))
        return known

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query (reports, tests); a database error becomes a :class:`StorageError`."""
        with self._db_lock, self._errors("reading"):
            return self.connection.execute(sql, params).fetchall()

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise StorageError(f"{doing} SQLite database {str(self.path)!r} failed: {error}") from error

    # -- crawl runs -----------------------------------------------------------------------
    def previous_run(self, spider: str) -> tuple[str | None, str | None] | None:
        """``(finished_at, finish_reason)`` of the spider's last run before this one, ``None`` if none."""
        sql = "SELECT finished_at, finish_reason FROM crawl_runs WHERE spider = ?"
        params: tuple[Any, ...] = (spider,)
        if self.run_id is not None:
            sql += " AND id < ?"
            params += (self.run_id,)
        found = self.query(sql + " ORDER BY id DESC LIMIT 1", params)
        return (found[0][0], found[0][1]) if found else None

    def start_run(self, spider: str) -> int:
        """Insert and commit the row of a starting crawl; later writes carry its id."""
        with self._db_lock, self._errors("recording the crawl run in"):
            cursor = self.connection.execute(
                "INSERT INTO crawl_runs (spider, started_at) VALUES (?, ?)", (spider, now_iso())
            )
        self.run_id = int(cursor.lastrowid or 0)
        return self.run_id

    def finish_run(self, finish_reason: str | None, stats: dict[str, Any]) -> None:
        """Flush (unless the store has failed), then record the end, finish reason and stats of the run.

        The row is written even after a failed batch: it is small, and it tells the operator why.
        """
        if self.failed is None:
            self.flush()
        if self.run_id is None:
            return
        with self._db_lock, self._errors("recording the end of the crawl run in"):
            self.connection.execute(
                "UPDATE crawl_runs SET finished_at = ?, finish_reason = ?, stats_json = ? WHERE id = ?",
                (now_iso(), finish_reason, json.dumps(stats, default=str, sort_keys=True), self.run_id),
            )


@dataclass(slots=True)
class _QueuedArticle:
    """An article waiting in the queue; its upsert, revision, links and signature are written together."""

    key: str
    article: dict[str, Any]
    run_id: int | None
    signature: StoredSignature | None = None


# Errors that come from one article's values, not from the database: they reject that article only.
_ITEM_ERRORS = (
    UnicodeError, ValueError, TypeError, OverflowError,
    sqlite3.InterfaceError, sqlite3.DataError, sqlite3.IntegrityError, sqlite3.ProgrammingError,
)  # fmt: skip
