"""Portable SQL over ``dedup_signatures`` shared by the backends (``?`` placeholders)."""

from __future__ import annotations

from typing import Any


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
