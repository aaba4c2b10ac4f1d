"""Schema version 5 on PostgreSQL: narrower band rows, a hash index of link targets, LZ4 for the texts.

Where version 4's bytes went on PostgreSQL (bench/RESULTS.md, "disk per story on PostgreSQL"): the
shared dedup index's ~40 ``dedup_bands`` rows a story, each a 24-byte tuple header and two ``BIGINT``
(the band keys are 32-bit: :func:`newsbot.dedup.bands.band_keys`), and the ``links_to`` b-tree, which
repeats each link's target URL. Version 5:

- ``dedup_bands`` holds ``INTEGER`` columns: the band key shifted into the signed range
  (:func:`stored_band_key`) and the story's ``articles.id`` (numbers up to 2**31 - 1: ~2,000 years of a
  million stories a year). 8 bytes a row less in the table and in its primary key.
- ``links_to`` is a hash index: 4 bytes of hash a link instead of the URL; inbound links are asked
  by equality (``to_url = ?``, ``IN``), which is all a hash index answers.
- the texts (``articles.article_body``, ``item_json``, ``revisions.item_json``) are compressed with
  LZ4 when the server has it (new values only; older ones stay readable as they are).

:func:`narrow_rows` runs inside the caller's migration transaction and leaves a store already in
version 5 as it is.
"""

from __future__ import annotations

from typing import Any

#: band keys are unsigned 32-bit; ``dedup_bands.band_key`` is a signed ``INTEGER``
BAND_KEY_OFFSET = 2**31

BANDS_V5 = """CREATE TABLE dedup_bands_v5 (
    band_key    INTEGER NOT NULL,
    story       INTEGER NOT NULL,
    PRIMARY KEY (band_key, story)
)"""
#: the text columns compressed with LZ4 (when the server was built with it)
LZ4_COLUMNS = (("articles", "article_body"), ("articles", "item_json"), ("revisions", "item_json"))


def stored_band_key(key: int) -> int:
    """A band key (``0 <= key < 2**32``) as ``dedup_bands.band_key`` holds it."""
    return key - BAND_KEY_OFFSET


def narrow_rows(connection: Any) -> None:
    """Bring a version 4 PostgreSQL store's band rows, ``links_to`` and text compression to version 5.

    ``connection``: a psycopg connection inside the migration's transaction.
    """
    if _column_type(connection, "dedup_bands", "band_key") != "integer":
        _narrow_bands(connection)
    method = connection.execute(
        "SELECT am.amname FROM pg_class i JOIN pg_am am ON am.oid = i.relam WHERE i.oid = to_regclass('links_to')"
    ).fetchone()
    if method is None or method[0] != "hash":
        connection.execute("DROP INDEX IF EXISTS links_to")
        connection.execute("CREATE INDEX links_to ON links USING hash (to_url)")
    if has_lz4(connection):
        for table, column in LZ4_COLUMNS:
            connection.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION lz4")


def has_lz4(connection: Any) -> bool:
    """Whether the server can compress values with LZ4 (built ``--with-lz4``)."""
    row = connection.execute(
        "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
    ).fetchone()
    return bool(row and row[0])


def _column_type(connection: Any, table: str, column: str) -> str | None:
    row = connection.execute(
        "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = %s AND column_name = %s",
        (table, column),
    ).fetchone()
    return None if row is None else row[0]


def _narrow_bands(connection: Any) -> None:
    """Copy the band rows into ``INTEGER`` columns, in key order, and swap the table in.

    A row whose key is not a 32-bit band key, or whose story number does not fit, matches no band
    key newsbot computes and is not kept.
    """
    connection.execute(BANDS_V5)
    connection.execute(
        f"INSERT INTO dedup_bands_v5 (band_key, story) SELECT band_key - {BAND_KEY_OFFSET}, story FROM dedup_bands"
        f" WHERE band_key >= 0 AND band_key < {2 * BAND_KEY_OFFSET} AND story < {BAND_KEY_OFFSET} ORDER BY 1, 2"
    )
    connection.execute("DROP TABLE dedup_bands")
    connection.execute("ALTER TABLE dedup_bands_v5 RENAME TO dedup_bands")
    connection.execute("ALTER TABLE dedup_bands RENAME CONSTRAINT dedup_bands_v5_pkey TO dedup_bands_pkey")
    connection.execute("CREATE INDEX dedup_bands_story ON dedup_bands (story)")
