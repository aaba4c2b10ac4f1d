"""The dedup index's signatures in a SQL store, in portable SQL shared by the backends (``?`` placeholders)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from newsbot.dedup.signatures import StoredSignature


def signature_row(signature: StoredSignature) -> tuple[Any, ...]:
    """The parameters of a backend's signature upsert: key, exact hash, MinHash bytes, publication time."""
    return (signature.key, signature.exact_hash, signature.minhash, signature.published)


def range_query(
    since: float | None, until: float | None, undated: bool, order: str | None = None
) -> tuple[str, tuple[Any, ...]]:
    """The query of :meth:`SignatureStore.load`: published in ``[since, until]``, undated ones if asked.

    ``order``: a column to sort by (PostgreSQL's ``seq``, the write order; SQLite's table scan is
    already in ``rowid`` order).
    """
    dated, params = ["published IS NOT NULL"], []
    if since is not None:
        dated.append("published >= ?")
        params.append(since)
    if until is not None:
        dated.append("published <= ?")
        params.append(until)
    where = f"({' AND '.join(dated)})" + (" OR published IS NULL" if undated else "")
    sql = f"SELECT key, exact_hash, minhash, published FROM dedup_signatures WHERE {where}"
    return (sql + f" ORDER BY {order}" if order else sql), tuple(params)


class SqlSignatureStore:
    """The dedup index's :class:`~newsbot.dedup.signatures.SignatureStore` inside a SQL store.

    A new signature waits for its article (same key): the store's write queue commits both in the
    same transaction. A signature whose article is never stored is never written (the store's
    ``orphan_signatures`` counts them at close); one added after its article was queued joins it.
    No signature is ever deleted: the dedup window bounds what the index holds in memory, not
    what is stored. ``store`` is a :class:`~newsbot.storage.common.QueuedStore`; a backend sets
    :attr:`WRITE_ORDER` (the column that orders writes) and :attr:`SCAN_ORDER` (``None`` when a
    plain scan is already in that order).
    """

    WRITE_ORDER: ClassVar[str] = "rowid"
    SCAN_ORDER: ClassVar[str | None] = None

    def __init__(self, store: Any) -> None:
        self._store = store

    def load(
        self, since: float | None = None, until: float | None = None, *, undated: bool = True
    ) -> Iterator[StoredSignature]:
        """The signatures published in ``[since, until]`` (open ends when ``None``), and undated ones if asked."""
        sql, params = range_query(since, until, undated, self.SCAN_ORDER)
        for key, exact_hash, minhash, published in self._store.query(sql, params):
            yield StoredSignature(key, exact_hash, None if minhash is None else bytes(minhash), published)

    def add(self, signature: StoredSignature) -> None:
        self._store.queue_signature(signature)

    def exact_hashes(self) -> Iterator[str]:
        """The exact hash of every stored signature (for the exact layer's digests), streamed: the rows
        are never all in memory at once, whatever the archive's size."""
        for (exact_hash,) in self._store.stream("SELECT exact_hash FROM dedup_signatures"):
            yield exact_hash

    def keys_with_exact_hash(self, exact_hash: str) -> list[str]:
        """Keys of the committed signatures with this exact hash, oldest write first.

        One read of the ``dedup_signatures_exact`` index, on the store's reader connection (it never
        waits for a commit): the dedup index asks this for every new text (``exact_on_demand``).
        """
        sql = f"SELECT key FROM dedup_signatures WHERE exact_hash = ? ORDER BY {self.WRITE_ORDER}"
        return [key for (key,) in self._store.read(sql, (exact_hash,))]

    def newest_published(self) -> float | None:
        """The publication time of the newest stored story, ``None`` if none has one."""
        return self._store.query("SELECT MAX(published) FROM dedup_signatures")[0][0]
