"""The tables both backends share, as one template: SQLite and PostgreSQL differ in two type names and a clause.

``{real}`` is a floating-point column (SQLite ``REAL``, PostgreSQL ``DOUBLE PRECISION``),
``{bigint}`` a crawl-run id (SQLite ``INTEGER``, PostgreSQL ``BIGINT``), ``{article_id}`` the
article's number (SQLite ``INTEGER PRIMARY KEY``: the rowid, kept by ``VACUUM``; PostgreSQL a
``BIGSERIAL`` with a unique index) and ``{url_key}`` how the canonical URL is unique, ``{without_rowid}``
SQLite's ``WITHOUT ROWID`` (the primary key is the row: no second copy of the key in an index), ``{links_to}``
what the ``links_to`` index (inbound links) holds: SQLite the target URL; PostgreSQL its 32-bit
``hashtext`` (:data:`POSTGRES_LINKS_TO`, :mod:`newsbot.storage.narrow_rows`).
Each backend's schema module adds what is its own (ids, the signature tables, the version table).
How an item is spread over ``articles``, ``links`` and ``revisions``: :mod:`newsbot.storage.item_layout`.
"""

ARTICLES = """CREATE TABLE {exists}{name} (
    id              {article_id},
    canonical_url   TEXT {url_key},
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
"""
STORY_TABLES = """
{articles}{revisions}{links}CREATE INDEX IF NOT EXISTS links_to ON links {links_to};
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
    from_id     {bigint} NOT NULL,
    to_url      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    headline    TEXT,
    item_order  INTEGER,
    PRIMARY KEY (from_id, to_url, kind)
){without_rowid};
"""
#: SQLite's and PostgreSQL's ``articles.id`` and ``canonical_url`` key: ``{article_id}``, ``{url_key}``
SQLITE_ARTICLE_KEYS = {"article_id": "INTEGER PRIMARY KEY", "url_key": "NOT NULL UNIQUE"}
POSTGRES_ARTICLE_KEYS = {"article_id": "BIGSERIAL UNIQUE", "url_key": "PRIMARY KEY"}
#: the ``links_to`` index: SQLite's b-tree of the target URL, PostgreSQL's of its hash (version 5)
SQLITE_LINKS_TO = "(to_url)"
POSTGRES_LINKS_TO = "(hashtext(to_url))"


def revisions_table(name: str, bigint: str, without_rowid: str = "", exists: str = "") -> str:
    """The ``revisions`` table under ``name`` (``item_json``: the whole item of a superseded version only)."""
    return REVISIONS.format(name=name, bigint=bigint, without_rowid=without_rowid, exists=exists)


def articles_table(name: str, real: str, bigint: str, keys: dict[str, str], exists: str = "") -> str:
    """The ``articles`` table under ``name``; ``keys``: :data:`SQLITE_ARTICLE_KEYS` or :data:`POSTGRES_ARTICLE_KEYS`."""
    return ARTICLES.format(name=name, real=real, bigint=bigint, exists=exists, **keys)


def links_table(name: str, bigint: str, without_rowid: str = "", exists: str = "") -> str:
    """The ``links`` table under ``name``: keyed by the source article's ``articles.id`` (``from_id``; the
    target stays a URL, most targets are not stored), ``item_order`` the place in the current version's list."""
    return LINKS.format(name=name, bigint=bigint, without_rowid=without_rowid, exists=exists)


def story_tables(
    real: str, bigint: str, keys: dict[str, str], without_rowid: str = "", links_to: str = SQLITE_LINKS_TO
) -> str:
    """The shared tables (articles, revisions, links, duplicates) with the backend's type names."""
    exists = "IF NOT EXISTS "
    return STORY_TABLES.format(
        real=real,
        bigint=bigint,
        links_to=links_to,
        articles=articles_table("articles", real, bigint, keys, exists),
        revisions=revisions_table("revisions", bigint, without_rowid, exists),
        links=links_table("links", bigint, without_rowid, exists),
    )
