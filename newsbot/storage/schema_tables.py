"""The tables both backends share, as one template: SQLite and PostgreSQL differ in two type names and a clause.

``{real}`` is a floating-point column (SQLite ``REAL``, PostgreSQL ``DOUBLE PRECISION``),
``{bigint}`` a crawl-run id (SQLite ``INTEGER``, PostgreSQL ``BIGINT``), ``{without_rowid}``
SQLite's ``WITHOUT ROWID`` (the primary key is the row: no second copy of the key in an index).
Each backend's schema module adds what is its own (ids, the signature tables, the version table).
How an item is spread over ``articles``, ``links`` and ``revisions``: :mod:`newsbot.storage.item_layout`.
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
    run_id          {bigint},
    links_count     INTEGER
);
{revisions}{links}CREATE INDEX IF NOT EXISTS links_to ON links (to_url);
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


REVISIONS = """CREATE TABLE {exists}{name} (
    canonical_url   TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    date_modified   TEXT,
    content_hash    TEXT NOT NULL,
    item_json       TEXT,
    stored_at       TEXT NOT NULL,
    run_id          {bigint},
    PRIMARY KEY (canonical_url, revision)
){without_rowid};
"""
LINKS = """CREATE TABLE {exists}{name} (
    from_url    TEXT NOT NULL,
    to_url      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    headline    TEXT,
    item_order  INTEGER,
    PRIMARY KEY (from_url, to_url, kind)
){without_rowid};
"""


def revisions_table(name: str, bigint: str, without_rowid: str = "", exists: str = "") -> str:
    """The ``revisions`` table under ``name`` (``item_json``: the whole item of a superseded version only)."""
    return REVISIONS.format(name=name, bigint=bigint, without_rowid=without_rowid, exists=exists)


def links_table(name: str, without_rowid: str = "", exists: str = "") -> str:
    """The ``links`` table under ``name`` (``item_order``: the place in the current version's list)."""
    return LINKS.format(name=name, without_rowid=without_rowid, exists=exists)


def story_tables(real: str, bigint: str, without_rowid: str = "") -> str:
    """The shared tables (articles, revisions, links, duplicates) with the backend's type names."""
    exists = "IF NOT EXISTS "
    return STORY_TABLES.format(
        real=real,
        bigint=bigint,
        revisions=revisions_table("revisions", bigint, without_rowid, exists),
        links=links_table("links", without_rowid, exists),
    )
