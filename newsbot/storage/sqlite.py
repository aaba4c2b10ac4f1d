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

import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsbot.dedup.store import StoredSignature
from newsbot.storage.base import StorageError, StoreResult, content_hash

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    canonical_url   TEXT PRIMARY KEY,
    url             TEXT NOT NULL,
    headline        TEXT,
    description     TEXT,
    article_body    TEXT,
    date_published  TEXT,
    date_modified   TEXT,
    section         TEXT,
    language        TEXT,
    source_credit   TEXT,
    duplicate_of    TEXT,
    similarity      REAL,
    content_hash    TEXT NOT NULL,
    revision        INTEGER NOT NULL DEFAULT 1,
    item_json       TEXT NOT NULL,
    etag            TEXT,
    last_modified   TEXT,
    first_seen      TEXT NOT NULL,
    last_seen       TEXT NOT NULL,
    run_id          INTEGER
);
CREATE TABLE IF NOT EXISTS revisions (
    canonical_url   TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    date_modified   TEXT,
    content_hash    TEXT NOT NULL,
    item_json       TEXT NOT NULL,
    stored_at       TEXT NOT NULL,
    run_id          INTEGER,
    PRIMARY KEY (canonical_url, revision)
);
CREATE TABLE IF NOT EXISTS links (
    from_url    TEXT NOT NULL,
    to_url      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    headline    TEXT,
    PRIMARY KEY (from_url, to_url, kind)
);
CREATE INDEX IF NOT EXISTS links_to ON links (to_url);
CREATE TABLE IF NOT EXISTS duplicates (
    url             TEXT PRIMARY KEY,
    duplicate_of    TEXT NOT NULL,
    similarity      REAL,
    method          TEXT NOT NULL,
    headline        TEXT,
    date_published  TEXT,
    seen_at         TEXT NOT NULL,
    run_id          INTEGER
);
CREATE TABLE IF NOT EXISTS dedup_signatures (
    key         TEXT PRIMARY KEY,
    exact_hash  TEXT NOT NULL,
    minhash     BLOB,
    published   REAL
);
CREATE INDEX IF NOT EXISTS dedup_signatures_published ON dedup_signatures (published);
CREATE TABLE IF NOT EXISTS crawl_runs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    spider          TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    finish_reason   TEXT,
    stats_json      TEXT
);
"""


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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SqliteStore:
    """Articles, links, duplicates, dedup signatures and crawl runs in one SQLite file.

    ``path`` is the database file (created with its folder if missing); ``batch_size`` is how
    many queued articles make :attr:`batch_full` true (the caller then flushes).
    """

    def __init__(self, path: str | Path, batch_size: int = 100) -> None:
        self.path = Path(path)
        self.batch_size = max(1, batch_size)
        self._connection: sqlite3.Connection | None = None
        # two locks, so that queueing an item never waits for a batch being written
        self._queue_lock = threading.Lock()
        self._db_lock = threading.RLock()
        self._queue: list[_QueuedArticle | tuple[str, tuple[Any, ...]]] = []
        self._queued_articles: set[str] = set()
        self._waiting_signatures: dict[str, StoredSignature] = {}
        self.results: Counter[StoreResult] = Counter()
        self._known_at_open: dict[str, KnownPage] | None = None
        self.run_id: int | None = None
        self.signatures = SqliteSignatureStore(self)

    # -- life cycle -----------------------------------------------------------------------
    def open(self) -> None:
        """Open (or create) the database and check that it can be written."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA busy_timeout=10000")
            connection.executescript(SCHEMA)
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("COMMIT")
        except (OSError, sqlite3.Error) as error:
            raise StorageError(f"cannot open SQLite database {str(self.path)!r} for writing: {error}") from error
        self._connection = connection

    def close(self) -> None:
        """Flush what is queued and close the file."""
        if self._connection is None:
            return
        try:
            self.flush()
        finally:
            with self._db_lock:
                self._connection.close()
                self._connection = None

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
        """Apply every queued write in one transaction; return how many were applied."""
        with self._db_lock:
            with self._queue_lock:
                queue, self._queue = self._queue, []
                self._queued_articles = set()
            if not queue:
                return 0
            connection = self.connection
            results: Counter[StoreResult] = Counter()
            try:
                connection.execute("BEGIN IMMEDIATE")
                for entry in queue:
                    if isinstance(entry, _QueuedArticle):
                        results[self._write_article(entry.key, entry.article, entry.run_id)] += 1
                    else:
                        connection.execute(*entry)
                connection.execute("COMMIT")
            except sqlite3.Error as error:
                connection.execute("ROLLBACK")
                raise StorageError(f"writing {len(queue)} queued rows to {str(self.path)!r} failed: {error}") from error
            self.results.update(results)
            return len(queue)

    def store_article(self, article: dict[str, Any]) -> None:
        """Queue an article (a plain dict with the item's field names) and its links."""
        key = article.get("canonicalUrl") or article["url"]
        with self._queue_lock:
            self._queue.append(_QueuedArticle(key, article, self.run_id))
            self._queued_articles.add(key)
            signature = self._waiting_signatures.pop(key, None)
            if signature is not None:
                self._queue.append((_SIGNATURE, _signature_row(signature)))

    def _write_article(self, key: str, article: dict[str, Any], run_id: int | None) -> StoreResult:
        connection = self.connection
        connection.executemany(
            "INSERT INTO links (from_url, to_url, kind, headline) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (from_url, to_url, kind) DO UPDATE SET headline = excluded.headline",
            [(key, link["url"], link["kind"], link.get("headline")) for link in article.get("relatedLinks") or []],
        )
        fingerprint = content_hash(article)
        row = connection.execute(
            "SELECT content_hash, revision FROM articles WHERE canonical_url = ?", (key,)
        ).fetchone()
        now = _now()
        item_json = json.dumps(article, ensure_ascii=False, sort_keys=True)
        metadata = article.get("metadata") or {}
        etag, last_modified = metadata.get("etag"), metadata.get("lastModified")
        if row is not None and row[0] == fingerprint:
            connection.execute(
                "UPDATE articles SET last_seen = ?, etag = ?, last_modified = ? WHERE canonical_url = ?",
                (now, etag, last_modified, key),
            )
            return StoreResult.UNCHANGED
        revision = 1 if row is None else row[1] + 1
        values = (
            key, article["url"], article.get("headline"), article.get("description"), article.get("articleBody"),
            article.get("datePublished"), article.get("dateModified"), article.get("articleSection"),
            article.get("inLanguage"), article.get("sourceCredit"), article.get("duplicateOf"),
            article.get("similarity"), fingerprint, revision, item_json, etag, last_modified, now, now, run_id,
        )  # fmt: skip
        connection.execute(
            "INSERT INTO articles (canonical_url, url, headline, description, article_body, date_published,"
            " date_modified, section, language, source_credit, duplicate_of, similarity, content_hash, revision,"
            " item_json, etag, last_modified, first_seen, last_seen, run_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (canonical_url) DO UPDATE SET url = excluded.url, headline = excluded.headline,"
            " description = excluded.description, article_body = excluded.article_body,"
            " date_published = excluded.date_published, date_modified = excluded.date_modified,"
            " section = excluded.section, language = excluded.language, source_credit = excluded.source_credit,"
            " duplicate_of = excluded.duplicate_of, similarity = excluded.similarity,"
            " content_hash = excluded.content_hash, revision = excluded.revision, item_json = excluded.item_json,"
            " etag = excluded.etag, last_modified = excluded.last_modified, last_seen = excluded.last_seen,"
            " run_id = excluded.run_id",
            values,
        )
        connection.execute(
            "INSERT OR REPLACE INTO revisions (canonical_url, revision, date_modified, content_hash, item_json,"
            " stored_at, run_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (key, revision, article.get("dateModified"), fingerprint, item_json, now, run_id),
        )
        return StoreResult.NEW if row is None else StoreResult.REVISED

    def _add_signature(self, signature: StoredSignature) -> None:
        with self._queue_lock:
            if signature.key in self._queued_articles:
                self._queue.append((_SIGNATURE, _signature_row(signature)))
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
            (url, duplicate_of, similarity, method, headline, date_published, _now(), self.run_id),
        )

    # -- reads ----------------------------------------------------------------------------
    def touch(self, canonical_url: str) -> None:
        """Queue a note that a stored article was checked and found unchanged."""
        self._enqueue("UPDATE articles SET last_seen = ? WHERE canonical_url = ?", (_now(), canonical_url))

    def known_at_open(self) -> dict[str, KnownPage]:
        """:meth:`known_pages` as it was when first asked (the crawl's start), read once for all its users."""
        with self._db_lock:
            if self._known_at_open is None:
                self._known_at_open = self.known_pages()
            return self._known_at_open

    def known_pages(self) -> dict[str, KnownPage]:
        """Every stored article and every recorded copy, by canonical URL (for incremental crawls)."""
        with self._db_lock:
            articles = self.connection.execute(
                "SELECT canonical_url, last_seen, etag, last_modified, duplicate_of FROM articles"
            ).fetchall()
            copies = self.connection.execute("SELECT url, seen_at, duplicate_of FROM duplicates").fetchall()
        known = {url: KnownPage(seen, etag, modified, original) for url, seen, etag, modified, original in articles}
        for url, seen, original in copies:
            known.setdefault(url, KnownPage(seen, None, None, original))
        return known

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query (reports, tests)."""
        with self._db_lock:
            return self.connection.execute(sql, params).fetchall()

    # -- crawl runs -----------------------------------------------------------------------
    def start_run(self, spider: str) -> int:
        """Insert and commit the row of a starting crawl; later writes carry its id."""
        with self._db_lock:
            cursor = self.connection.execute(
                "INSERT INTO crawl_runs (spider, started_at) VALUES (?, ?)", (spider, _now())
            )
        self.run_id = int(cursor.lastrowid or 0)
        return self.run_id

    def finish_run(self, finish_reason: str | None, stats: dict[str, Any]) -> None:
        """Flush, then record the end, finish reason and stats of the current run."""
        self.flush()
        if self.run_id is None:
            return
        with self._db_lock:
            self.connection.execute(
                "UPDATE crawl_runs SET finished_at = ?, finish_reason = ?, stats_json = ? WHERE id = ?",
                (_now(), finish_reason, json.dumps(stats, default=str, sort_keys=True), self.run_id),
            )


@dataclass(frozen=True)
class _QueuedArticle:
    """An article waiting in the queue; its upsert, revision and links are written together."""

    key: str
    article: dict[str, Any]
    run_id: int | None


_SIGNATURE = "INSERT OR REPLACE INTO dedup_signatures (key, exact_hash, minhash, published) VALUES (?, ?, ?, ?)"


def _signature_row(signature: StoredSignature) -> tuple[Any, ...]:
    return (signature.key, signature.exact_hash, signature.minhash, signature.published)


class SqliteSignatureStore:
    """The dedup index's :class:`~newsbot.dedup.store.SignatureStore` inside a :class:`SqliteStore`.

    A new signature waits for its article (same key): :meth:`SqliteStore.store_article` queues
    both together, so they always commit in the same transaction. A signature whose article is
    never stored is never written (:attr:`SqliteStore.orphan_signatures` counts them at close).
    Signatures of keys that are already stored are queued at once (re-indexing). No signature is
    ever deleted: the dedup window bounds what the index holds in memory, not what is stored.
    Date ranges are read with the ``dedup_signatures_published`` index; exact-hash lookups with
    ``dedup_signatures_exact``, created here on first use.
    """

    def __init__(self, store: SqliteStore) -> None:
        self._store = store
        self._exact_indexed = False

    def load(
        self, since: float | None = None, until: float | None = None, *, undated: bool = True
    ) -> Iterator[StoredSignature]:
        """The signatures published in ``[since, until]`` (open ends when ``None``), and undated ones if asked."""
        dated, params = ["published IS NOT NULL"], []
        if since is not None:
            dated.append("published >= ?")
            params.append(since)
        if until is not None:
            dated.append("published <= ?")
            params.append(until)
        where = f"({' AND '.join(dated)})" + (" OR published IS NULL" if undated else "")
        sql = f"SELECT key, exact_hash, minhash, published FROM dedup_signatures WHERE {where}"
        for key, exact_hash, minhash, published in self._store.query(sql, tuple(params)):
            yield StoredSignature(key=key, exact_hash=exact_hash, minhash=minhash, published=published)

    def add(self, signature: StoredSignature) -> None:
        self._store._add_signature(signature)

    def exact_hashes(self) -> Iterator[str]:
        """The exact hash of every stored signature (for the exact layer's digests)."""
        self._index_exact_hashes()
        for (exact_hash,) in self._store.query("SELECT exact_hash FROM dedup_signatures"):
            yield exact_hash

    def keys_with_exact_hash(self, exact_hash: str) -> list[str]:
        """Keys of the committed signatures with this exact hash, oldest write first."""
        self._index_exact_hashes()
        sql = "SELECT key FROM dedup_signatures WHERE exact_hash = ? ORDER BY rowid"
        return [key for (key,) in self._store.query(sql, (exact_hash,))]

    def _index_exact_hashes(self) -> None:
        if self._exact_indexed:
            return
        try:
            with self._store._db_lock:
                self._store.connection.execute(
                    "CREATE INDEX IF NOT EXISTS dedup_signatures_exact ON dedup_signatures (exact_hash)"
                )
        except sqlite3.Error as error:
            raise StorageError(f"indexing dedup signatures in {str(self._store.path)!r} failed: {error}") from error
        self._exact_indexed = True

    def newest_published(self) -> float | None:
        """The publication time of the newest stored story, ``None`` if none has one."""
        return self._store.query("SELECT MAX(published) FROM dedup_signatures")[0][0]
