"""Checking a SQLite store: bounded when a crawl opens it, whole on request (``python -m newsbot db check``).

The open check costs the same for ten stories or ten million: it reads the schema, runs
``PRAGMA quick_check`` on the small tables only (the schema version and ``crawl_runs``: one row
per crawl) and reads the first and the last row of every story table (the two edges of each
b-tree). Damage elsewhere in a big table surfaces when a batch touches it: the batch is rolled
back whole and the crawl ends with ``storage_unavailable`` (exit 8), as for any write failure.
The full check (:func:`full_check`) is ``PRAGMA integrity_check`` of the whole file.
"""

from __future__ import annotations

import sqlite3

SMALL_TABLES = ("newsbot_schema", "crawl_runs")
STORY_TABLES = ("articles", "revisions", "links", "duplicates", "dedup_signatures")
#: the key that orders a table's b-tree: the rowid, or the primary key of a table without one
BTREE_KEYS = {"revisions": ("canonical_url", "revision"), "links": ("from_id", "to_url", "kind")}


def open_check(connection: sqlite3.Connection) -> list[str]:
    """Problems found by the bounded check (an empty list: none)."""
    problems: list[str] = []
    for table in SMALL_TABLES:
        found = [row[0] for row in connection.execute(f"PRAGMA quick_check({table})").fetchall()]
        problems.extend(problem for problem in found if problem != "ok")
    for table in STORY_TABLES:
        without_rowid = "WITHOUT ROWID" in _table_sql(connection, table).upper()
        for order in ("ASC", "DESC"):
            keys = BTREE_KEYS.get(table, ("rowid",)) if without_rowid else ("rowid",)
            sort = ", ".join(f"{key} {order}" for key in keys)
            connection.execute(f"SELECT * FROM {table} ORDER BY {sort} LIMIT 1").fetchall()
    return problems


def _table_sql(connection: sqlite3.Connection, table: str) -> str:
    row = connection.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
    return row[0] if row else ""


def full_check(connection: sqlite3.Connection, limit: int = 20) -> list[str]:
    """Problems found by ``PRAGMA integrity_check`` over the whole file (at most ``limit``)."""
    found = [row[0] for row in connection.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()]
    return [problem for problem in found if problem != "ok"]
