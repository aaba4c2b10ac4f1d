"""The data step of schema version 3 on either backend: each text of an older store kept once.

Before version 3 an article's body was in ``articles.article_body`` and again in ``item_json``,
its links in ``links`` and again in ``item_json``'s ``relatedLinks``, and the current version's
whole item once more in ``revisions.item_json``. :func:`store_texts_once` rewrites the rows into
the layout of :mod:`newsbot.storage.item_layout`, so that every reader gets the same items back.
A part whose copies disagree (a column that does not hold the item's text, a link the table lost or
holds under another headline) stays in ``item_json``, as it was. Runs inside the caller's transaction,
with portable SQL (``?`` placeholders), in batches of articles in key order.
"""

from __future__ import annotations

import json
from typing import Any

from newsbot.storage.articles import SqlConnection
from newsbot.storage.item_layout import COLUMN_FIELDS, LINKS, STORED_COLUMNS, dumps, split_item

BATCH = 500


def store_texts_once(connection: SqlConnection) -> int:
    """Rewrite an older store's articles and revisions into the version 3 layout; the articles rewritten."""
    connection.execute(
        "UPDATE revisions SET item_json = NULL WHERE EXISTS (SELECT 1 FROM articles a"
        " WHERE a.canonical_url = revisions.canonical_url AND a.revision = revisions.revision"
        " AND a.item_json = revisions.item_json)"
    )
    rewritten, last = 0, ""
    while True:
        rows = connection.execute(
            f"SELECT canonical_url, item_json, {STORED_COLUMNS} FROM articles"
            " WHERE canonical_url > ? AND links_count IS NULL ORDER BY canonical_url LIMIT ?",
            (last, BATCH),
        ).fetchall()
        if not rows:
            return rewritten
        for key, item_json, *columns in rows:
            rewritten += _rewrite(connection, key, item_json, columns)
        last = rows[-1][0]


def _rewrite(connection: SqlConnection, key: str, item_json: str | None, columns: list[Any]) -> int:
    try:
        item = json.loads(item_json or "")
    except ValueError:
        return 0
    if not isinstance(item, dict):
        return 0
    parts = split_item(item)
    rest = dict(item)
    for (name, _), value in zip(COLUMN_FIELDS, columns, strict=True):
        if isinstance(item.get(name), str) and item[name] == value:  # the column holds the same text
            del rest[name]
    links_count = None
    if parts.links is not None and _table_holds(connection, key, parts.links):
        del rest[LINKS]
        links_count = len(parts.links)
        connection.executemany(
            "UPDATE links SET item_order = ? WHERE from_url = ? AND to_url = ? AND kind = ?",
            [(place, key, url, kind) for place, (url, kind, _) in enumerate(parts.links)],
        )
    if len(rest) == len(item):
        return 0
    connection.execute(
        "UPDATE articles SET item_json = ?, links_count = ? WHERE canonical_url = ?", (dumps(rest), links_count, key)
    )
    return 1


def _table_holds(connection: SqlConnection, key: str, links: list[tuple[str, str, str | None]]) -> bool:
    """Whether the ``links`` table has each of these links of ``key`` under the same headline."""
    stored = {
        (url, kind): headline
        for url, kind, headline in connection.execute(
            "SELECT to_url, kind, headline FROM links WHERE from_url = ?", (key,)
        ).fetchall()
    }
    return all((url, kind) in stored and stored[(url, kind)] == headline for url, kind, headline in links)
