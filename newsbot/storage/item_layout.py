"""How a stored article's item is split over the store's columns and tables, and put back together.

Each text is stored once (schema version 3). The body, headline, standfirst and the other fields
that have an ``articles`` column of their own (:data:`COLUMN_FIELDS`) live in that column only, the
item's ``relatedLinks`` in the ``links`` table only (keyed by ``articles.id`` since version 4;
``item_order`` numbers the current version's links, ``articles.links_count`` says how many there
are); ``articles.item_json`` holds the rest of the item. :func:`split_item` decides what moves
out, :func:`join_item` rebuilds the item exactly as it was given (keys sorted, as ``item_json``
always was). What the layout can't give back exactly stays in ``item_json``: a field whose value
is not a string (``null`` included), links with other fields or the same (URL, kind) twice.
``revisions.item_json`` holds the whole item of superseded versions only (the current one is the
article row); an ``item_json`` written before version 3 is whole, and reads as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

BODY = "articleBody"
LINKS = "relatedLinks"
#: item fields kept only in their own ``articles`` column when they are text: (field, column)
COLUMN_FIELDS = (
    ("url", "url"), ("headline", "headline"), ("description", "description"), (BODY, "article_body"),
    ("datePublished", "date_published"), ("dateModified", "date_modified"), ("articleSection", "section"),
    ("inLanguage", "language"), ("sourceCredit", "source_credit"),
)  # fmt: skip
#: those columns, in :data:`COLUMN_FIELDS` order, for a SELECT list
STORED_COLUMNS = ", ".join(column for _, column in COLUMN_FIELDS)
_LINK_FIELDS = frozenset(("url", "headline", "kind"))

#: the current version's links of one article (by its ``articles.id``), in the item's order
POSITIONED_LINKS = (
    "SELECT to_url, kind, headline FROM links WHERE from_id = ? AND item_order IS NOT NULL ORDER BY item_order"
)


@dataclass(frozen=True)
class StoredParts:
    """One item as stored: ``item_json`` (what is left), the columns' values, the links with their place.

    ``columns``: the value of each column of :data:`COLUMN_FIELDS` (``None`` for a missing field);
    ``links`` is ``None`` when the item's ``relatedLinks`` stay in ``item_json`` (or it has none).
    """

    item_json: str
    columns: dict[str, Any]
    links: list[tuple[str, str, str | None]] | None


def dumps(item: dict[str, Any]) -> str:
    """An item as the store writes JSON: keys sorted, text kept as it is (not ``\\u`` escaped)."""
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def split_item(article: dict[str, Any]) -> StoredParts:
    """Split ``article`` into what ``item_json``, ``article_body`` and the positioned links hold."""
    rest = dict(article)
    columns = {}
    for name, column in COLUMN_FIELDS:
        columns[column] = article.get(name)
        if isinstance(columns[column], str):
            del rest[name]
    links = _positioned(article[LINKS]) if LINKS in article else None
    if links is not None:
        del rest[LINKS]
    return StoredParts(dumps(rest), columns, links)


def _positioned(links: Any) -> list[tuple[str, str, str | None]] | None:
    if not isinstance(links, list):
        return None
    rows: list[tuple[str, str, str | None]] = []
    seen: set[tuple[str, str]] = set()
    for link in links:
        if not isinstance(link, dict) or link.keys() != _LINK_FIELDS:
            return None
        url, kind, headline = link["url"], link["kind"], link["headline"]
        if not isinstance(url, str) or not isinstance(kind, str) or not isinstance(headline, str | None):
            return None
        if (url, kind) in seen:
            return None
        seen.add((url, kind))
        rows.append((url, kind, headline))
    return rows


def join_item(
    item_json: str | None,
    columns: Sequence[Any],
    links_count: int | None,
    links: Iterable[tuple[Any, ...]] = (),
) -> dict[str, Any]:
    """The item as it was given to the store, from an article row and its positioned links.

    ``columns``: the row's :data:`STORED_COLUMNS`, in that order; ``links``: ``(to_url, kind,
    headline)`` rows in ``item_order`` (read only when ``links_count`` is not ``None``). Raises
    ``ValueError`` when ``item_json`` is not a JSON object.
    """
    item = json.loads(item_json or "{}")
    if not isinstance(item, dict):
        raise ValueError("stored item_json is not an object")
    for (name, _), value in zip(COLUMN_FIELDS, columns, strict=True):
        if name not in item and value is not None:
            item[name] = value
    if links_count is not None and LINKS not in item:
        item[LINKS] = [{"headline": headline, "kind": kind, "url": url} for url, kind, headline in links]
    return dict(sorted(item.items()))
