"""Schema version 5 on PostgreSQL: narrower band rows and a small index of link targets.

Where version 4's bytes went on PostgreSQL (bench/RESULTS.md, "disk per story on PostgreSQL"): the
shared dedup index's ~40 ``dedup_bands`` rows a story, each a 24-byte tuple header and two ``BIGINT``
(the band keys are 32-bit: :func:`newsbot.dedup.bands.band_keys`) under a primary key and a b-tree
of the story, and the ``links_to`` b-tree, which repeats each link's target URL. Version 5:

- ``dedup_bands`` holds ``INTEGER`` columns: the band key shifted into the signed range
  (:func:`stored_band_key`) and the story's ``articles.id`` (numbers up to 2**31 - 1: ~2,000 years of a
  million stories a year); 8 bytes a row less in the table and in its primary key. The rows of one
  story are written together, in story order, so the index of the story (to delete a rewritten
  story's rows) is a BRIN index (:data:`BANDS_STORY`): a few pages for the whole table.
- ``links_to`` indexes the 32-bit ``hashtext(to_url)`` instead of the URL (:data:`POSTGRES_LINKS_TO`). An
  inbound-links lookup names both: ``WHERE hashtext(to_url) = hashtext(%s) AND to_url = %s``
  (:data:`INBOUND_LINKS`). A hash index of the URL was measured too: larger than the b-tree of URLs
  when kept up link by link (bench/RESULTS.md).

:func:`narrow_rows` runs inside the caller's migration transaction and leaves a store already in
version 5 as it is.
"""

from __future__ import annotations

from typing import Any

from newsbot.storage.schema_tables import POSTGRES_LINKS_TO

#: band keys are unsigned 32-bit; ``dedup_bands.band_key`` is a signed ``INTEGER``
BAND_KEY_OFFSET = 2**31

BANDS_V5 = """CREATE TABLE dedup_bands_v5 (
    band_key    INTEGER NOT NULL,
    story       INTEGER NOT NULL,
    PRIMARY KEY (band_key, story)
)"""
#: the index of ``dedup_bands.story``: block ranges (rows arrive in story order), summarised as they fill
BANDS_STORY = (
    "CREATE INDEX IF NOT EXISTS dedup_bands_story ON dedup_bands USING brin (story int4_minmax_multi_ops)"
    " WITH (pages_per_range = 16, autosummarize = on)"
)
#: the links into a URL, by ``links_to``: parameters ``(url, url)``
INBOUND_LINKS = (
    "SELECT from_id, to_url, kind, headline FROM links WHERE hashtext(to_url) = hashtext(%s) AND to_url = %s"
)


def stored_band_key(key: int) -> int:
    """A band key (``0 <= key < 2**32``) as ``dedup_bands.band_key`` holds it."""
    return key - BAND_KEY_OFFSET


def narrow_rows(connection: Any) -> None:
    """Bring a PostgreSQL store's band rows and ``links_to`` to version 5 (a new store's tables too).

    ``connection``: a psycopg connection inside the migration's transaction.
    """
    if _column_type(connection, "dedup_bands", "band_key") != "integer":
        _narrow_bands(connection)
    if "brin" not in _index_definition(connection, "dedup_bands_story"):
        connection.execute("DROP INDEX IF EXISTS dedup_bands_story")
        connection.execute(BANDS_STORY)
    if "hashtext" not in _index_definition(connection, "links_to"):
        connection.execute("DROP INDEX IF EXISTS links_to")
        connection.execute(f"CREATE INDEX links_to ON links {POSTGRES_LINKS_TO}")


def _index_definition(connection: Any, name: str) -> str:
    row = connection.execute(
        "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = %s", (name,)
    ).fetchone()
    return "" if row is None else row[0]


def _column_type(connection: Any, table: str, column: str) -> str | None:
    row = connection.execute(
        "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = %s AND column_name = %s",
        (table, column),
    ).fetchone()
    return None if row is None else row[0]


def _narrow_bands(connection: Any) -> None:
    """Copy the band rows into ``INTEGER`` columns, in story order, and swap the table in.

    A row whose key is not a 32-bit band key, or whose story number does not fit, matches no band
    key newsbot computes and is not kept.
    """
    connection.execute(BANDS_V5)
    connection.execute(
        f"INSERT INTO dedup_bands_v5 (band_key, story) SELECT band_key - {BAND_KEY_OFFSET}, story FROM dedup_bands"
        f" WHERE band_key >= 0 AND band_key < {2 * BAND_KEY_OFFSET} AND story < {BAND_KEY_OFFSET} ORDER BY 2, 1"
    )
    connection.execute("DROP TABLE dedup_bands")
    connection.execute("ALTER TABLE dedup_bands_v5 RENAME TO dedup_bands")
    connection.execute("ALTER TABLE dedup_bands RENAME CONSTRAINT dedup_bands_v5_pkey TO dedup_bands_pkey")
