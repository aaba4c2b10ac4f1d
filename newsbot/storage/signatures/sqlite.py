"""The dedup index's signatures in the SQLite store, written in the same transaction as their articles."""

from __future__ import annotations

from newsbot.storage.signatures.sql import SqlSignatureStore, signature_row

__all__ = ["SIGNATURE_UPSERT", "SqliteSignatureStore", "signature_row"]

SIGNATURE_UPSERT = "INSERT OR REPLACE INTO dedup_signatures (key, exact_hash, minhash, published) VALUES (?, ?, ?, ?)"


class SqliteSignatureStore(SqlSignatureStore):
    """Signatures in SQLite: written in ``rowid`` order (a rewrite, ``INSERT OR REPLACE``, is the newest).

    Date ranges are read with the ``dedup_signatures_published`` index, exact-hash lookups with
    ``dedup_signatures_exact`` (both in the schema).
    """

    WRITE_ORDER = "rowid"
    SCAN_ORDER = None
