"""A SQLite copy of a PostgreSQL store's story tables, for tools that read SQLite (``browse``).

Streams ``articles``, ``revisions``, ``links``, ``duplicates`` and ``crawl_runs`` from one read-only
snapshot of the server into a new SQLite file with newsbot's schema (the dedup tables are not
copied: they hold signatures, not stories). Memory stays flat: rows go in batches.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsbot.archive.cursors import Archive
from newsbot.storage.sqlite_schema import migrate

TABLES = ("articles", "revisions", "links", "duplicates", "crawl_runs")
BATCH = 2000


def copy_to_sqlite(archive: Archive, target: Path) -> dict[str, int]:
    """Copy the story tables of ``archive`` into the new SQLite file ``target``; rows copied per table."""
    copied: dict[str, int] = {}
    connection = sqlite3.connect(target)
    try:
        migrate(connection)
        for table in TABLES:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            names = ", ".join(columns)
            insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
            batch: list[tuple[object, ...]] = []
            copied[table] = 0
            for row in archive.rows(f"SELECT {names} FROM {table}"):
                batch.append(tuple(row))
                if len(batch) >= BATCH:
                    connection.executemany(insert, batch)
                    copied[table] += len(batch)
                    batch = []
            connection.executemany(insert, batch)
            copied[table] += len(batch)
        connection.commit()
    finally:
        connection.close()
    return copied
