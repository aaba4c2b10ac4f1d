"""The dedup index's signatures in the SQLite store, written in the same transaction as their articles."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from newsbot.dedup.store import StoredSignature
from newsbot.storage.signature_sql import range_query

if TYPE_CHECKING:
    from newsbot.storage.sqlite import SqliteStore

SIGNATURE_UPSERT = "INSERT OR REPLACE INTO dedup_signatures (key, exact_hash, minhash, published) VALUES (?, ?, ?, ?)"


def signature_row(signature: StoredSignature) -> tuple[Any, ...]:
    return (signature.key, signature.exact_hash, signature.minhash, signature.published)


class SqliteSignatureStore:
    """The dedup index's :class:`~newsbot.dedup.store.SignatureStore` inside a :class:`SqliteStore`.

    A new signature waits for its article (same key): :meth:`SqliteStore.store_article` queues
    both together, so they always commit in the same transaction. A signature whose article is
    never stored is never written (:attr:`SqliteStore.orphan_signatures` counts them at close);
    one added after its article was queued joins it. No signature is ever deleted: the dedup
    window bounds what the index holds in memory, not what is stored.
    Date ranges are read with the ``dedup_signatures_published`` index, exact-hash lookups with
    ``dedup_signatures_exact`` (both in the schema).
    """

    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def load(
        self, since: float | None = None, until: float | None = None, *, undated: bool = True
    ) -> Iterator[StoredSignature]:
        """The signatures published in ``[since, until]`` (open ends when ``None``), and undated ones if asked."""
        sql, params = range_query(since, until, undated)
        for key, exact_hash, minhash, published in self._store.query(sql, params):
            yield StoredSignature(key=key, exact_hash=exact_hash, minhash=minhash, published=published)

    def add(self, signature: StoredSignature) -> None:
        self._store.queue_signature(signature)

    def exact_hashes(self) -> Iterator[str]:
        """The exact hash of every stored signature (for the exact layer's digests)."""
        for (exact_hash,) in self._store.query("SELECT exact_hash FROM dedup_signatures"):
            yield exact_hash

    def keys_with_exact_hash(self, exact_hash: str) -> list[str]:
        """Keys of the committed signatures with this exact hash, oldest write first."""
        sql = "SELECT key FROM dedup_signatures WHERE exact_hash = ? ORDER BY rowid"
        return [key for (key,) in self._store.query(sql, (exact_hash,))]

    def newest_published(self) -> float | None:
        """The publication time of the newest stored story, ``None`` if none has one."""
        return self._store.query("SELECT MAX(published) FROM dedup_signatures")[0][0]
