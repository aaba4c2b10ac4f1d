"""The tables both backends share, as one template: SQLite and PostgreSQL differ only in two type names.

``{real}`` is a floating-point column (SQLite ``REAL``, PostgreSQL ``DOUBLE PRECISION``),
``{bigint}`` a crawl-run id (SQLite ``INTEGER``, PostgreSQL ``BIGINT``). Each backend's schema
module adds what is its own (ids, the signature tables, the version table).
"""

STORY_TABLES = """
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
    similarity      {real},
    content_hash    TEXT NOT NULL,
    revision        INTEGER NOT NULL DEFAULT 1,
    item_json       TEXT NOT NULL,
    etag            TEXT,
    last_modified   TEXT,
    first_seen      TEXT NOT NULL,
    last_seen       TEXT NOT NULL,
    run_id          {bigint}
);
CREATE TABLE IF NOT EXISTS revisions (
    canonical_url   TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    date_modified   TEXT,
    content_hash    TEXT NOT NULL,
    item_json       TEXT NOT NULL,
    stored_at       TEXT NOT NULL,
    run_id          {bigint},
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
    similarity      {real},
    method          TEXT NOT NULL,
    headline        TEXT,
    date_published  TEXT,
    seen_at         TEXT NOT NULL,
    run_id          {bigint}
);
"""


def story_tables(real: str, bigint: str) -> str:
    """The shared tables (articles, revisions, links, duplicates) with the backend's type names."""
    return STORY_TABLES.format(real=real, bigint=bigint)
