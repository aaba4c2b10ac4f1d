"""The dedup index's signatures in the PostgreSQL store, written in the same transaction as their articles."""

from __future__ import annotations

from newsbot.storage.signatures.sql import SqlSignatureStore, signature_row

__all__ = ["SIGNATURE_UPSERT", "PostgresSignatureStore", "signature_row"]

SIGNATURE_UPSERT = (
    "INSERT INTO dedup_signatures (key, exact_hash, minhash, published) VALUES (%s, %s, %s, %s)"
    " ON CONFLICT (key) DO UPDATE SET exact_hash = excluded.exact_hash, minhash = excluded.minhash,"
    " published = excluded.published, seq = DEFAULT"
)


class PostgresSignatureStore(SqlSignatureStore):
    """Signatures in PostgreSQL: ``seq`` orders the writes (a rewrite takes a new one)."""

    WRITE_ORDER = "seq"
    SCAN_ORDER = "seq"
