"""The SQLite schema of newsbot's store: every table and index, created if missing."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    canonical_url   TEXT PRIMARY KEY,
    url             TEXT NOT NULL,
    headline        TEXT,
    description     TEXT,
    article_body    TEXT,
    date_published  TEXT,
    date_modified   TEXT,
    section         TEXT,
    language        TEXT,
    source_credit   TEXT,
    duplicate_of    TEXT,
    similarity      REAL,
    content_hash    TEXT NOT NULL,
    revision        INTEGER NOT NULL DEFAULT 1,
    item_json       TEXT NOT NULL,
    etag            TEXT,
    last_modified   TEXT,
    first_seen      TEXT NOT NULL,
    last_seen       TEXT NOT NULL,
    run_id          INTEGER
);
CREATE TABLE IF NOT EXISTS revisions (
    canonical_url   TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    date_modified   TEXT,
    content_hash    TEXT NOT NULL,
    item_json       TEXT NOT NULL,
    stored_at       TEXT NOT NULL,
    run_id          INTEGER,
    PRIMARY KEY (canonical_url, revision)
);
CREATE TABLE IF NOT EXISTS links (
    from_url    TEXT NOT NULL,
    to_url      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    headline    TEXT,
    PRIMARY KEY (from_url, to_url, kind)
);
CREATE INDEX IF NOT EXISTS links_to ON links (to_url);
CREATE TABLE IF NOT EXISTS duplicates (
    url             TEXT PRIMARY KEY,
    duplicate_of    TEXT NOT NULL,
    similarity      REAL,
    method          TEXT NOT NULL,
    headline        TEXT,
    date_published  TEXT,
    seen_at         TEXT NOT NULL,
    run_id          INTEGER
);
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
"""
