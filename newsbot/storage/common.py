"""What the backends share above their connections: the write queue, reads, crawl runs (no Scrapy imports).

A backend subclasses :class:`QueuedStore` and supplies :meth:`QueuedStore.query` (portable SQL,
``?`` placeholders), :meth:`QueuedStore._execute` (one statement committed at once),
:meth:`QueuedStore._insert_run` and :meth:`QueuedStore.flush`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from newsbot.dedup.signatures import StoredSignature
from newsbot.errors import StorageError
from newsbot.storage import runs
from newsbot.storage.articles import KNOWN_ARTICLES, KNOWN_COPIES, TOUCH, now_iso
from newsbot.storage.base import Demotion, StoreResult
from newsbot.storage.known import KnownPage, StoredPages
from newsbot.storage.queue import QueuedCopy, QueuedStatement, Replacement, WriteQueue
from newsbot.storage.signatures.sql import SqlSignatureStore

FINISH_RUN = (
    "UPDATE crawl_runs SET finished_at = ?, finish_reason = ?, stats_json = ?, run_key = COALESCE(run_key, ?),"
    " worker = COALESCE(worker, ?), pages = ?, stored = ?, copies = ? WHERE id = ?"
)


class QueuedStore:
    """The backend-independent half of a store (see the module docstring)."""

    description = "store"
    signatures: SqlSignatureStore  # set by the backend

    def __init__(self, batch_size: int) -> None:
        self.batch_size = max(1, batch_size)
        self._queue = WriteQueue(self.batch_size)
        self.results: Counter[StoreResult] = Counter()
        #: articles left out of a batch because they could not be written: (key, reason)
        self.rejected: list[tuple[str, str]] = []
        #: new articles found at commit to copy a story another worker stored (shared backends)
        self.demoted: list[Demotion] = []
        #: the error that made the store unusable, if any, and how many articles its batch held
        self.failed: StorageError | None = None
        self.lost = 0
        self.run_id: int | None = None
        self.run_key: str | None = None
        self._stored_pages: StoredPages | None = None
        #: a copy is still stored, flagged (dedup ``flag`` mode), set by ``attach_dedup``
        self.keep_copies = False
        #: the exact hashes of the signatures this store object committed, once dedup is attached
        self.committed_hashes: set[str] | None = None

    # -- to be supplied by the backend ----------------------------------------------------
    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def stream(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of a read-only query, a batch at a time (memory does not grow with the result)."""
        raise NotImplementedError

    def read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """A small read-only query that must not wait for a commit (lookups from the reactor thread)."""
        return self.query(sql, params)

    def _execute(self, sql: str, params: tuple[Any, ...], doing: str) -> None:
        raise NotImplementedError

    def _insert_run(self, spider: str, run_key: str | None, worker: str | None) -> int:
        raise NotImplementedError

    def flush(self) -> int:
        raise NotImplementedError

    # -- queued writes --------------------------------------------------------------------
    @property
    def batch_full(self) -> bool:
        """True once ``batch_size`` articles (or as many other writes) wait for a commit."""
        return self._queue.full

    def store_article(self, article: dict[str, Any]) -> None:
        """Queue an article (a plain dict with the item's field names), its links and its signature."""
        self._queue.add_article(article, self.run_id)

    def queue_signature(self, signature: StoredSignature) -> None:
        """Queue a dedup signature; it commits with its article (same key), never without it."""
        self._queue.add_signature(signature)

    @property
    def queued_articles(self) -> int:
        """Articles waiting for the next commit (never committed once the store has failed)."""
        return self._queue.articles

    @property
    def orphan_signatures(self) -> int:
        """Signatures still waiting for an article that was never stored."""
        return self._queue.orphan_signatures

    def record_duplicate(
        self, url: str, duplicate_of: str, similarity: float | None, method: str,
        headline: str | None = None, date_published: str | None = None,
    ) -> None:  # fmt: skip
        """Queue the record of a copy: which stored story it duplicates, how similar, found how."""
        self._queue.add(
            QueuedCopy(url, duplicate_of, similarity, method, headline, date_published, now_iso(), self.run_id)
        )

    def supersede(self, original: str, signature: StoredSignature, similarity: float | None, method: str) -> bool:
        """Make the new story ``original`` a copy of ``signature``'s fuller version, if it is still uncommitted.

        Returns ``False`` (and changes nothing) when ``original`` is committed or being committed.
        See :meth:`newsbot.storage.queue.WriteQueue.supersede`.
        """
        replacement = Replacement(signature.key, similarity, method, now_iso(), self.keep_copies)
        return self._queue.supersede(original, signature, replacement)

    def touch(self, canonical_url: str) -> None:
        """Queue a note that a stored article was checked and found unchanged."""
        self._queue.add(QueuedStatement(TOUCH, (now_iso(), canonical_url)))

    # -- reads ----------------------------------------------------------------------------
    def stored_pages(self) -> StoredPages:
        """Whether a page is stored, looked up page by page (:class:`newsbot.storage.known.StoredPages`),
        one object shared by the crawl's users so that each page is read once."""
        if self._stored_pages is None:
            self._stored_pages = StoredPages.reading(self.read)
        return self._stored_pages

    def known_pages(self) -> dict[str, KnownPage]:
        """Every stored article and every recorded copy, by canonical URL, all in memory (tests and tools;
        a crawl asks :meth:`stored_pages` page by page)."""
        articles = self.query(KNOWN_ARTICLES)
        copies = self.query(KNOWN_COPIES)
        known = {url: KnownPage(seen, etag, modified, original) for url, seen, etag, modified, original in articles}
        for url, seen, original in copies:
            known.setdefault(url, KnownPage(seen, None, None, original))
        return known

    def newest_published(self) -> float | None:
        """The publication time of the newest stored story with a signature, ``None`` if none."""
        return self.signatures.newest_published()

    # -- crawl runs -----------------------------------------------------------------------
    def previous_run(self, spider: str) -> tuple[str | None, str | None] | None:
        """``(finished_at, finish_reason)`` of the spider's last run before this one, ``None`` if none.

        A shared run (several workers) is taken as a whole (:func:`newsbot.storage.runs.previous_run`).
        """
        return runs.previous_run(self.query, spider, self.run_id, self.run_key)

    def start_run(self, spider: str, run_key: str | None = None, worker: str | None = None) -> int:
        """Insert and commit the row of a starting crawl (a worker's part of ``run_key``); later writes carry its id."""
        self.run_id, self.run_key = self._insert_run(spider, run_key, worker), run_key
        return self.run_id

    def finish_run(self, finish_reason: str | None, stats: dict[str, Any]) -> None:
        """Flush (unless the store has failed), then record the end, finish reason and stats of the run.

        The row is written even after a failed batch: it is small, and it tells the operator why.
        """
        if self.failed is None:
            self.flush()
        if self.run_id is None:
            return
        run_key, worker, pages, stored, copies = runs.finish_values(stats)
        stats_json = json.dumps(stats, default=str, sort_keys=True)
        values = (now_iso(), finish_reason, stats_json, run_key, worker, pages, stored, copies, self.run_id)
        self._execute(FINISH_RUN, values, "recording the end of the crawl run in")
