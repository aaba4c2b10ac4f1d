"""The PostgreSQL schema of newsbot's store: the SQLite tables with PostgreSQL types, plus the band table.

The tables and columns are those of :mod:`newsbot.storage.sqlite_schema` (same names, same
meaning), so reports and exports read either. Two things exist only here: ``dedup_signatures.seq``
(the write order, which SQLite keeps in its ``rowid``) and ``dedup_bands``, the LSH band keys of
every stored signature, through which a worker finds the stories other workers stored
(:mod:`newsbot.storage.signatures.across_workers`), each row naming its story by ``articles.id``
(``story``; by URL before version 4; ``INTEGER`` columns since version 5: :mod:`newsbot.storage.narrow_rows`).
``newsbot_schema`` holds the version; :func:`migrate` runs
under an advisory lock, so workers starting together create the schema once.
"""

from __future__ import annotations

from typing import Any

from newsbot.storage.article_keys import key_bands_by_article, key_links_by_article
from newsbot.storage.layout_migration import store_texts_once
from newsbot.storage.narrow_rows import narrow_rows
from newsbot.storage.postgres_batch import PortableConnection
from newsbot.storage.runs import CRAWL_RUN_TOTALS_VIEW
from newsbot.storage.schema_tables import POSTGRES_ARTICLE_KEYS, POSTGRES_LINKS_TO, story_tables
from newsbot.storage.sqlite_schema import SCHEMA_VERSION

#: advisory lock key (pg_advisory_lock) held while the schema is created or migrated
SCHEMA_LOCK = 0x6E657773626F74  # "newsbot"

TABLES = (
    story_tables("DOUBLE PRECISION", "BIGINT", POSTGRES_ARTICLE_KEYS, links_to=POSTGRES_LINKS_TO)
    + """
CREATE TABLE IF NOT EXISTS dedup_signatures (
    key         TEXT PRIMARY KEY,
    exact_hash  TEXT NOT NULL,
    minhash     BYTEA,
    published   DOUBLE PRECISION,
    seq         BIGSERIAL
);
CREATE INDEX IF NOT EXISTS dedup_signatures_published ON dedup_signatures (published);
CREATE INDEX IF NOT EXISTS dedup_signatures_exact ON dedup_signatures (exact_hash);
CREATE TABLE IF NOT EXISTS dedup_bands (
    band_key    INTEGER NOT NULL,
    story       INTEGER NOT NULL,
    PRIMARY KEY (band_key, story)
);
CREATE TABLE IF NOT EXISTS crawl_runs (
    id              BIGSERIAL PRIMARY KEY,
    spider          TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    finish_reason   TEXT,
    stats_json      TEXT,
    run_key         TEXT,
    worker          TEXT,
    pages           INTEGER,
    stored          INTEGER,
    copies          INTEGER
);
CREATE TABLE IF NOT EXISTS newsbot_schema (
    version         INTEGER NOT NULL
);
"""
)


VERSION_3 = (
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS links_count INTEGER",
    "ALTER TABLE links ADD COLUMN IF NOT EXISTS item_order INTEGER",
    "ALTER TABLE revisions ALTER COLUMN item_json DROP NOT NULL",
)


def migrate(connection: Any) -> int:
    """Create what is missing and record :data:`SCHEMA_VERSION`; return the version found (0: new database).

    ``connection`` is a psycopg connection outside a transaction; the work is committed here.
    """
    with connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
        exists = connection.execute("SELECT to_regclass('newsbot_schema') IS NOT NULL").fetchone()[0]
        found = 0
        if exists:
            found = int(connection.execute("SELECT COALESCE(MAX(version), 0) FROM newsbot_schema").fetchone()[0])
        if found >= SCHEMA_VERSION:
            return found
        for statement in TABLES.split(";"):
            if statement.strip():
                connection.execute(statement)
        connection.execute("DROP VIEW IF EXISTS crawl_run_totals")
        connection.execute(CRAWL_RUN_TOTALS_VIEW)
        if found < 3:  # an older store's tables: each text kept once
            for statement in VERSION_3:
                connection.execute(statement)
            store_texts_once(PortableConnection(connection))
        key_links_by_article(connection, "postgresql")  # version 4: links and band rows by the article's number
        key_bands_by_article(connection)
        narrow_rows(connection)  # version 5: INTEGER band rows, a hash index of link targets, LZ4 texts
        connection.execute("DELETE FROM newsbot_schema")
        connection.execute("INSERT INTO newsbot_schema (version) VALUES (%s)", (SCHEMA_VERSION,))
    return found
