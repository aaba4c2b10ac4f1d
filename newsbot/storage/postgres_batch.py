"""One batch of a PostgreSQL store, written inside its open transaction: the shared dedup step, then every write.

Portable SQL (``?`` placeholders, shared with SQLite in :mod:`newsbot.storage.articles`) runs
through :class:`PortableConnection`. Each article is written in its own savepoint, so a value
PostgreSQL refuses rejects that article only; band rows of the stored signatures go in one COPY.
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import Any, Protocol

import psycopg

from newsbot.dedup.judge import SharedJudge
from newsbot.storage.articles import DUPLICATE_UPSERT, now_iso, write_article
from newsbot.storage.base import Demotion, StoreResult, first_line
from newsbot.storage.queue import QueuedArticle, QueuedCopy, QueuedWrite
from newsbot.storage.signatures.across_workers import DedupLock, band_keys, demotions
from newsbot.storage.signatures.postgres import SIGNATURE_UPSERT, signature_row

BAND_COPY = "COPY dedup_bands (band_key, story) FROM STDIN"
# Errors that come from one article's values, not from the database: they reject that article only.
_ITEM_ERRORS = (UnicodeError, ValueError, TypeError, OverflowError, psycopg.DataError, psycopg.IntegrityError)


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


class BatchOwner(Protocol):
    """What a batch reads of its store (:class:`~newsbot.storage.postgres.PostgresStore`)."""

    judge: SharedJudge | None
    dedup_lock: DedupLock | None
    keep_copies: bool
    #: demoted article -> the story it copies
    redirects_of_demoted: dict[str, str]


class Batch:
    """One batch written inside an open transaction: the shared dedup step, then every queued write."""

    def __init__(self, store: BatchOwner, connection: psycopg.Connection[Any]) -> None:
        self.store = store
        self.connection = connection
        self.portable = PortableConnection(connection)
        self.redirects = dict(store.redirects_of_demoted)
        self.new_keys: set[str] = set()
        self.band_keys: dict[str, list[int]] = {}  # by story: the last signature written wins
        self.rewritten: list[str] = []
        self.written_hashes: set[str] = set()  # the exact hashes of the signatures written

    def write(
        self, queue: list[QueuedWrite]
    ) -> tuple[Counter[StoreResult], list[tuple[str, str]], list[Demotion], dict[str, str]]:
        judge = self.store.judge
        signatures = [e.signature for e in queue if isinstance(e, QueuedArticle) and e.signature is not None]
        lock = self.store.dedup_lock
        if judge and signatures and lock:
            verdicts, self.new_keys = demotions(self.connection, judge, signatures, lock)
        else:
            verdicts, self.new_keys = {}, set()
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
        """The band rows of every signature written, in one COPY (a rewritten story's old rows go first).

        A row names its story by ``articles.id``, read here for the whole batch in one query."""
        if self.rewritten:  # the numbers first: a list of them is what the BRIN index of the story answers
            stories = [
                number
                for (number,) in self.connection.execute(
                    "SELECT id FROM articles WHERE canonical_url = ANY(%s)", (self.rewritten,)
                )
            ]
            self.connection.execute("DELETE FROM dedup_bands WHERE story = ANY(%s::integer[])", (stories,))
        if self.band_keys:
            numbers = dict(
                self.connection.execute(
                    "SELECT canonical_url, id FROM articles WHERE canonical_url = ANY(%s)", (list(self.band_keys),)
                ).fetchall()
            )
            with self.connection.cursor() as cursor, cursor.copy(BAND_COPY) as copy:
                for key, bands in self.band_keys.items():
                    for band in bands:
                        copy.write_row((band, numbers[key]))

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
            return f"{type(error).__name__}: {first_line(error)}"
        if signature is not None:
            self.written_hashes.add(signature.exact_hash)
        judge = self.store.judge
        if signature is not None and judge is not None:
            self.band_keys[entry.key] = band_keys(judge, signature)
            if entry.key not in self.new_keys:
                self.rewritten.append(entry.key)
        return result
