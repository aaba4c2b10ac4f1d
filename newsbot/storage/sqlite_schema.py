"""The SQLite schema of newsbot's store: every table and index, and the migrations of older files.

``newsbot_schema`` holds the schema version. Version 1 (the first release, no version table) had
``crawl_runs`` without the columns of shared runs; :func:`migrate` brings any file to
:data:`SCHEMA_VERSION` in one transaction, so a file written by an older newsbot keeps working.
"""

import sqlite3

from newsbot.storage.runs import CRAWL_RUN_COLUMNS, CRAWL_RUN_TOTALS_VIEW
from newsbot.storage.schema_tables import story_tables

SCHEMA_VERSION = 2

SCHEMA = (
    story_tables("REAL", "INTEGER")
    + """
CREATE TABLE IF NOT EXISTS dedup_signatures (
    key         TEXT PRIMARY KEY,
    exact_hash  TEXT NOT NULL,
    minhash     BLOB,
    published   REAL
);
CREATE INDEX IF NOT EXISTS dedup_signatures_published ON dedup_signatures (published);
CREATE INDEX IF NOT EXISTS dedup_signatures_exact ON dedup_signatures (exact_hash);
CREATE TABLE IF NOT EXISTS crawl_runs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    spider          TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    finish_reason   TEXT,
    stats_json      TEXT
);
CREATE TABLE IF NOT EXISTS newsbot_schema (
    version         INTEGER NOT NULL
);
"""
)


def migrate(connection: sqlite3.Connection) -> int:
    """Create what is missing and bring the schema to :data:`SCHEMA_VERSION`; return the version found."""
    connection.executescript(SCHEMA)
    row = connection.execute("SELECT MAX(version) FROM newsbot_schema").fetchone()
    found = int(row[0] or 1)
    if found >= SCHEMA_VERSION:
        return found
    connection.execute("BEGIN IMMEDIATE")
    try:
        present = {column[1] for column in connection.execute("PRAGMA table_info(crawl_runs)")}
        for name, sql_type in CRAWL_RUN_COLUMNS:
            if name not in present:
                connection.execute(f"ALTER TABLE crawl_runs ADD COLUMN {name} {sql_type}")
        connection.execute("DROP VIEW IF EXISTS crawl_run_totals")
        connection.execute(CRAWL_RUN_TOTALS_VIEW)
        connection.execute("DELETE FROM newsbot_schema")
        connection.execute("INSERT INTO newsbot_schema (version) VALUES (?)", (SCHEMA_VERSION,))
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return found
