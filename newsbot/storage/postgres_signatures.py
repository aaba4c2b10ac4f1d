"""The dedup index's signatures in the PostgreSQL store, written in the same transaction as their articles."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from newsbot.dedup.store import StoredSignature
from newsbot.storage.signature_sql import range_query

if TYPE_CHECKING:
    from newsbot.storage.postgres import PostgresStore

SIGNATURE_UPSERT = (
    "INSERT INTO dedup_signatures (key, exact_hash, minhash, published) VALUES (%s, %s, %s, %s)"
    " ON CONFLICT (key) DO UPDATE SET exact_hash = excluded.exact_hash, minhash = excluded.minhash,"
    " published = excluded.published, seq = DEFAULT"
)


def signature_row(signature: StoredSignature) -> tuple[Any, ...]:
    return (signature.key, signature.exact_hash, signature.minhash, signature.published)


class PostgresSignatureStore:
    """The dedup index's :class:`~newsbot.dedup.store.SignatureStore` inside a :class:`PostgresStore`.

    As in SQLite, a new signature waits for its article and commits with it; a rewrite counts as
    the newest write (``seq``); nothing is ever deleted.
    """

    def __init__(self, store: PostgresStore) -> None:
        self._store = store

    def load(
        self, since: float | None = None, until: float | None = None, *, undated: bool = True
    ) -> Iterator[StoredSignature]:
        """The signatures published in ``[since, until]`` (open ends when ``None``), and undated ones if asked."""
        sql, params = range_query(since, until, undated, "seq")
        for key, exact_hash, minhash, published in self._store.query(sql, params):
            yield StoredSignature(key, exact_hash, None if minhash is None else bytes(minhash), published)

    def add(self, signature: StoredSignature) -> None:
        self._store.queue_signature(signature)

    def exact_hashes(self) -> Iterator[str]:
        for (exact_hash,) in self._store.query("SELECT exact_hash FROM dedup_signatures"):
            yield exact_hash

    def keys_with_exact_hash(self, exact_hash: str) -> list[str]:
        sql = "SELECT key FROM dedup_signatures WHERE exact_hash = ? ORDER BY seq"
        return [key for (key,) in self._store.query(sql, (exact_hash,))]

    def newest_published(self) -> float | None:
        return self._store.query("SELECT MAX(published) FROM dedup_signatures")[0][0]
