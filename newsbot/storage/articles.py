"""Writing one article in portable SQL: its row (upserted by canonical URL), its links (by its number), its revision.

The statements use ``?`` placeholders and ``ON CONFLICT ... DO UPDATE``, which SQLite and
PostgreSQL both take (:class:`newsbot.storage.postgres.PortableConnection` turns the
placeholders into psycopg's). The other portable statements of the store are here too.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

from newsbot.storage.base import StoreResult, content_hash
from newsbot.storage.item_layout import POSITIONED_LINKS, STORED_COLUMNS, dumps, join_item, split_item


class SqlConnection(Protocol):
    """What the portable writers need of a connection: ``execute`` and ``executemany`` with ``?`` placeholders."""

    def execute(self, sql: str, parameters: Any = ...) -> Any: ...
    def executemany(self, sql: str, parameters: Any) -> Any: ...


DUPLICATE_UPSERT = (
    "INSERT INTO duplicates (url, duplicate_of, similarity, method, headline, date_published, seen_at, run_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET duplicate_of = excluded.duplicate_of,"
    " similarity = excluded.similarity, method = excluded.method, seen_at = excluded.seen_at,"
    " run_id = excluded.run_id"
)
TOUCH = "UPDATE articles SET last_seen = ? WHERE canonical_url = ?"
KNOWN_ARTICLES = "SELECT canonical_url, last_seen, etag, last_modified, duplicate_of FROM articles"
KNOWN_COPIES = "SELECT url, seen_at, duplicate_of FROM duplicates"


def now_iso() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def write_article(connection: SqlConnection, key: str, article: dict[str, Any], run_id: int | None) -> StoreResult:
    """Upsert one article (a dict with the item's field names) and its links; a changed one gets a revision.

    The texts are stored once (:mod:`newsbot.storage.item_layout`): the revision row of the current
    version holds no item (the article row does); when a new version comes, the one it supersedes
    gets its whole item back in its revision row. An unchanged article only adds links it did not
    have yet (outside the stored version's list).
    """
    fingerprint = content_hash(article)
    row = connection.execute(
        f"SELECT id, content_hash, revision, item_json, links_count, {STORED_COLUMNS} FROM articles"
        " WHERE canonical_url = ?",
        (key,),
    ).fetchone()
    now = now_iso()
    metadata = article.get("metadata") or {}
    etag, last_modified = metadata.get("etag"), metadata.get("lastModified")
    if row is not None and row[1] == fingerprint:
        connection.executemany(
            "INSERT INTO links (from_id, to_url, kind, headline) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(row[0], link["url"], link["kind"], link.get("headline")) for link in article.get("relatedLinks") or []],
        )
        connection.execute(
            "UPDATE articles SET last_seen = ?, etag = ?, last_modified = ? WHERE canonical_url = ?",
            (now, etag, last_modified, key),
        )
        return StoreResult.UNCHANGED
    if row is not None:
        _keep_superseded(connection, key, row)
    parts = split_item(article)
    revision = 1 if row is None else row[2] + 1
    links_count = None if parts.links is None else len(parts.links)
    values = (
        key, *parts.columns.values(), article.get("duplicateOf"),
        article.get("similarity"), fingerprint, revision, parts.item_json, links_count, etag, last_modified, now, now,
        run_id,
    )  # fmt: skip
    (number,) = connection.execute(
        f"INSERT INTO articles (canonical_url, {STORED_COLUMNS}, duplicate_of, similarity, content_hash, revision,"
        " item_json, links_count, etag, last_modified, first_seen, last_seen, run_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (canonical_url) DO UPDATE SET url = excluded.url, headline = excluded.headline,"
        " description = excluded.description, article_body = excluded.article_body,"
        " date_published = excluded.date_published, date_modified = excluded.date_modified,"
        " section = excluded.section, language = excluded.language, source_credit = excluded.source_credit,"
        " duplicate_of = excluded.duplicate_of, similarity = excluded.similarity,"
        " content_hash = excluded.content_hash, revision = excluded.revision, item_json = excluded.item_json,"
        " links_count = excluded.links_count, etag = excluded.etag, last_modified = excluded.last_modified,"
        " last_seen = excluded.last_seen, run_id = excluded.run_id RETURNING id",
        values,
    ).fetchone()
    if parts.links is not None:
        links = [(number, url, kind, headline, place) for place, (url, kind, headline) in enumerate(parts.links)]
    else:
        given = article.get("relatedLinks") or []
        links = [(number, link["url"], link["kind"], link.get("headline"), None) for link in given]
    connection.executemany(
        "INSERT INTO links (from_id, to_url, kind, headline, item_order) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (from_id, to_url, kind) DO UPDATE SET headline = excluded.headline,"
        " item_order = excluded.item_order",
        links,
    )
    connection.execute(
        "INSERT INTO revisions (canonical_url, revision, date_modified, content_hash, item_json, stored_at, run_id)"
        " VALUES (?, ?, ?, ?, NULL, ?, ?) ON CONFLICT (canonical_url, revision) DO UPDATE SET"
        " date_modified = excluded.date_modified, content_hash = excluded.content_hash,"
        " item_json = NULL, stored_at = excluded.stored_at, run_id = excluded.run_id",
        (key, revision, article.get("dateModified"), fingerprint, now, run_id),
    )
    return StoreResult.NEW if row is None else StoreResult.REVISED


def _keep_superseded(connection: SqlConnection, key: str, row: tuple[Any, ...]) -> None:
    """Give the version about to be superseded its whole item in its revision row; free its link places."""
    number, _, revision, item_json, links_count, *columns = row
    positioned = connection.execute(POSITIONED_LINKS, (number,)).fetchall() if links_count is not None else []
    try:
        whole = dumps(join_item(item_json, columns, links_count, positioned))
    except ValueError:
        whole = item_json
    connection.execute(
        "UPDATE revisions SET item_json = ? WHERE canonical_url = ? AND revision = ? AND item_json IS NULL",
        (whole, key, revision),
    )
    connection.execute("UPDATE links SET item_order = NULL WHERE from_id = ? AND item_order IS NOT NULL", (number,))
