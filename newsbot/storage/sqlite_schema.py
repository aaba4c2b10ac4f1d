"""The SQLite schema of newsbot's store: every table and index, and the migrations of older files.

``newsbot_schema`` holds the schema version. Version 1 (the first release, no version table) had
``crawl_runs`` without the columns of shared runs; version 2 stored each text up to three times
(the body and links inside ``item_json`` too, the current item again in ``revisions``), in rowid
tables for ``links`` and ``revisions``; version 3 kept each text once and keyed ``links`` by the
source's URL (:mod:`newsbot.storage.article_keys` gives version 4 its article numbers); version 5
changed PostgreSQL's tables only (:mod:`newsbot.storage.narrow_rows`).
:func:`migrate` brings any file to :data:`SCHEMA_VERSION`
in one transaction, so a file written by an older newsbot keeps working (the space the old copies
took is reused by new rows; ``python -m newsbot db vacuum`` gives it back to the disk).
"""

import sqlite3

from newsbot.storage.article_keys import key_links_by_article
from newsbot.storage.layout_migration import store_texts_once
from newsbot.storage.runs import CRAWL_RUN_COLUMNS, CRAWL_RUN_TOTALS_VIEW
from newsbot.storage.schema_tables import SQLITE_ARTICLE_KEYS, revisions_table, story_tables

SCHEMA_VERSION = 5
#: the page size of a new file (SQLite's default is 4 KiB): an article row of 3-6 KB overflows a 4 KiB page
#: into a second one and left ~1 KB a story unused there (``dbstat``); ``db vacuum`` gives an older file
#: these pages too (bench/RESULTS.md, "disk per story on PostgreSQL, and SQLite's page size")
PAGE_SIZE = 16384
#: the write-ahead log is checkpointed when it holds this many bytes of pages (SQLite's default, 1,000 pages,
#: is 4 MiB of 4 KiB pages and would be 16 MiB of 16 KiB ones, left on disk after a crawl)
WAL_CHECKPOINT_BYTES = 4 * 2**20
WITHOUT_ROWID = " WITHOUT ROWID"
TABLE_SQL = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"

SCHEMA = (
    story_tables("REAL", "INTEGER", SQLITE_ARTICLE_KEYS, WITHOUT_ROWID)
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
    try:  # whatever stops the migration (an error, Ctrl-C) leaves the file as it was
        present = {column[1] for column in connection.execute("PRAGMA table_info(crawl_runs)")}
        for name, sql_type in CRAWL_RUN_COLUMNS:
            if name not in present:
                connection.execute(f"ALTER TABLE crawl_runs ADD COLUMN {name} {sql_type}")
        connection.execute("DROP VIEW IF EXISTS crawl_run_totals")
        connection.execute(CRAWL_RUN_TOTALS_VIEW)
        if found < 3:
            _store_texts_once(connection)
        key_links_by_article(connection, "sqlite")
        connection.execute("DELETE FROM newsbot_schema")
        connection.execute("INSERT INTO newsbot_schema (version) VALUES (?)", (SCHEMA_VERSION,))
        connection.execute("COMMIT")
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    return found


#: version 3's ``links``, keyed by the source's URL (version 4 keys it by the article's number)
LINKS_V3 = """CREATE TABLE links_v3 (
    from_url TEXT NOT NULL, to_url TEXT NOT NULL, kind TEXT NOT NULL, headline TEXT, item_order INTEGER,
    PRIMARY KEY (from_url, to_url, kind)
) WITHOUT ROWID"""


def _store_texts_once(connection: sqlite3.Connection) -> None:
    """Version 3: ``links`` and ``revisions`` rebuilt without rowid (with ``item_order``, a nullable
    ``item_json``), ``articles.links_count`` added, then each text kept once (:mod:`.layout_migration`)."""
    if "links_count" not in {column[1] for column in connection.execute("PRAGMA table_info(articles)")}:
        connection.execute("ALTER TABLE articles ADD COLUMN links_count INTEGER")
    rebuilt = (
        ("revisions", revisions_table("revisions_v3", "INTEGER", WITHOUT_ROWID),
         "canonical_url, revision, date_modified, content_hash, item_json, stored_at, run_id"),
        ("links", LINKS_V3, "from_url, to_url, kind, headline"),
    )  # fmt: skip
    for table, create, columns in rebuilt:
        (sql,) = connection.execute(TABLE_SQL, (table,)).fetchone()
        if "WITHOUT ROWID" in sql.upper():
            continue
        connection.execute(create)
        connection.execute(f"INSERT INTO {table}_v3 ({columns}) SELECT {columns} FROM {table}")
        connection.execute(f"DROP TABLE {table}")
        connection.execute(f"ALTER TABLE {table}_v3 RENAME TO {table}")
    connection.execute("CREATE INDEX IF NOT EXISTS links_to ON links (to_url)")
    store_texts_once(connection)
