"""Schema version 4 on either backend: ``links`` keyed by the source article's number, not its URL.

Up to version 3 every ``links`` row repeated its source's canonical URL (45-100 bytes) and the
``links_to`` index repeated it again, for ~17 links a story. Version 4 gives each article a number
(``articles.id``: SQLite's rowid as an ``INTEGER PRIMARY KEY``, so ``VACUUM`` keeps it;
PostgreSQL's ``BIGSERIAL`` under a unique index) and keys ``links`` by it (``from_id``). The target
stays a URL: most targets are not stored. :func:`key_links_by_article` rewrites an older store
inside the caller's transaction; a store already in version 4 is left as it is. A link whose source
is not stored (the consistency check counts those) has no number and is not kept.
"""

from __future__ import annotations

from typing import Any, Literal

from newsbot.storage.schema_tables import (
    POSTGRES_LINKS_TO,
    SQLITE_ARTICLE_KEYS,
    SQLITE_LINKS_TO,
    articles_table,
    links_table,
)

Backend = Literal["sqlite", "postgresql"]


def key_links_by_article(connection: Any, backend: Backend) -> None:
    """Give ``articles`` its ``id`` and rebuild ``links`` keyed by it, if the store predates version 4.

    ``connection``: a ``sqlite3`` connection, or a psycopg one (its own placeholders; none are used).
    """
    if "id" not in _columns(connection, backend, "articles"):
        _number_articles(connection, backend)
    if "from_url" in _columns(connection, backend, "links"):
        _rebuild_links(connection, backend)


def _columns(connection: Any, backend: Backend, table: str) -> list[str]:
    if backend == "sqlite":
        return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
    rows = connection.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
        f" AND table_name = '{table}' ORDER BY ordinal_position"
    ).fetchall()
    return [row[0] for row in rows]


def _number_articles(connection: Any, backend: Backend) -> None:
    """SQLite: the table rebuilt with ``id INTEGER PRIMARY KEY`` = the old rowid; PostgreSQL: a column added."""
    if backend == "postgresql":
        connection.execute("ALTER TABLE articles ADD COLUMN id BIGSERIAL")
        connection.execute("ALTER TABLE articles ADD CONSTRAINT articles_id_key UNIQUE (id)")
        return
    connection.execute(articles_table("articles_v4", "REAL", "INTEGER", SQLITE_ARTICLE_KEYS))
    wanted = set(_columns(connection, backend, "articles_v4"))
    names = ", ".join(name for name in _columns(connection, backend, "articles") if name in wanted)
    connection.execute(f"INSERT INTO articles_v4 (id, {names}) SELECT rowid, {names} FROM articles ORDER BY rowid")
    connection.execute("DROP TABLE articles")
    connection.execute("ALTER TABLE articles_v4 RENAME TO articles")


def _rebuild_links(connection: Any, backend: Backend) -> None:
    """Copy the links whose source is stored into a table keyed by ``from_id``, in key order, and swap it in."""
    bigint, without_rowid = ("INTEGER", " WITHOUT ROWID") if backend == "sqlite" else ("BIGINT", "")
    connection.execute(links_table("links_v4", bigint, without_rowid))
    connection.execute(
        "INSERT INTO links_v4 (from_id, to_url, kind, headline, item_order)"
        " SELECT a.id, l.to_url, l.kind, l.headline, l.item_order FROM links l"
        " JOIN articles a ON a.canonical_url = l.from_url ORDER BY a.id, l.to_url, l.kind"
    )
    connection.execute("DROP TABLE links")
    connection.execute("ALTER TABLE links_v4 RENAME TO links")
    if backend == "postgresql":
        connection.execute("ALTER TABLE links RENAME CONSTRAINT links_v4_pkey TO links_pkey")
    links_to = SQLITE_LINKS_TO if backend == "sqlite" else POSTGRES_LINKS_TO
    connection.execute(f"CREATE INDEX IF NOT EXISTS links_to ON links {links_to}")


BANDS_V4 = """CREATE TABLE dedup_bands_v4 (
    band_key    BIGINT NOT NULL,
    story       BIGINT NOT NULL,
    PRIMARY KEY (band_key, story)
)"""


def key_bands_by_article(connection: Any) -> None:
    """PostgreSQL: rebuild ``dedup_bands`` keyed by ``articles.id`` (``story``) if it holds URLs (``key``).

    Each story has ~40 band rows; before version 4 each repeated the story's URL, in the table and in
    both indexes. A band row whose story is not stored is not kept (its signature is not either).
    """
    if "key" in _columns(connection, "postgresql", "dedup_bands"):
        connection.execute(BANDS_V4)
        connection.execute(
            "INSERT INTO dedup_bands_v4 (band_key, story) SELECT b.band_key, a.id FROM dedup_bands b"
            " JOIN articles a ON a.canonical_url = b.key ORDER BY 1, 2"
        )
        connection.execute("DROP TABLE dedup_bands")
        connection.execute("ALTER TABLE dedup_bands_v4 RENAME TO dedup_bands")
        connection.execute("ALTER TABLE dedup_bands RENAME CONSTRAINT dedup_bands_v4_pkey TO dedup_bands_pkey")
    connection.execute("CREATE INDEX IF NOT EXISTS dedup_bands_story ON dedup_bands (story)")


def link_source(article: str, keyed_by_article: bool) -> str:
    """The join condition of a ``links`` row aliased ``l`` and its source, the ``articles`` row aliased ``article``."""
    return f"{article}.id = l.from_id" if keyed_by_article else f"{article}.canonical_url = l.from_url"


def links_by_source_url(keyed_by_article: bool) -> str:
    """A table expression (give it an alias) of ``links`` with each row's source URL as ``from_url``.

    Version 4 (``keyed_by_article``) joins the source's ``articles`` row; an older store, read as it
    is (exports, reports), has the column itself. Columns: from_url, to_url, kind, headline, item_order.
    """
    if not keyed_by_article:
        return "links"
    return (
        "(SELECT s.canonical_url AS from_url, k.to_url, k.kind, k.headline, k.item_order"
        " FROM links k JOIN articles s ON s.id = k.from_id)"
    )
