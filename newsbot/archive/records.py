"""One record per stored article, streamed in key order, with its links, copies and revisions joined on.

The article rows and each joined table are read as streams ordered by the article's key (its
canonical URL) and merged here, so an export of any size holds one article's parts in memory.
A record is the stored item (the item's field names, authors included; its columns and links put
back as :mod:`newsbot.storage.item_layout` says) plus where and when it was
stored (``id``, ``revision``, ``firstSeen``, ``lastSeen``, ``runId``) and, when asked for:
``links`` by kind (each with ``original``: the stored article a link to a copy stands for),
``copies`` (pages recorded as copies of this one) and ``revisions`` (when each version was stored).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from newsbot.archive.cursors import Archive
from newsbot.items import LINK_KINDS
from newsbot.storage.article_keys import links_by_source_url
from newsbot.storage.item_layout import STORED_COLUMNS, join_item

PARTS = ("links", "copies", "revisions")


@dataclass(frozen=True)
class Selection:
    """Which articles to export: by site (host, ``www.`` or not), publication day, language and crawl run."""

    sites: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    languages: tuple[str, ...] = ()
    run_id: int | None = None
    parts: frozenset[str] = field(default_factory=frozenset)

    def where(self) -> tuple[str, tuple[Any, ...]]:
        """The SQL condition on ``articles`` (portable, ``?`` placeholders) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.sites:
            patterns = [f"%://{_like_escaped(name)}%" for host in self.sites for name in _host_names(host)]
            clauses.append("(" + " OR ".join("canonical_url LIKE ? ESCAPE '\\'" for _ in patterns) + ")")
            params.extend(patterns)
        if self.since is not None:
            clauses.append("substr(date_published, 1, 10) >= ?")
            params.append(self.since.isoformat())
        if self.until is not None:
            clauses.append("substr(date_published, 1, 10) <= ?")
            params.append(self.until.isoformat())
        if self.languages:
            tests = ["lower(language) = ? OR lower(language) LIKE ?"] * len(self.languages)
            clauses.append("(" + " OR ".join(tests) + ")")
            for language in self.languages:
                params.extend([language.lower(), f"{language.lower()}-%"])
        if self.run_id is not None:
            clauses.append("run_id = ?")
            params.append(self.run_id)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)

    def takes_host(self, url: str) -> bool:
        """Whether ``url``'s host is one of the selected sites (LIKE only narrows; this decides)."""
        if not self.sites:
            return True
        host = (urlsplit(url).hostname or "").lower()
        return any(host in _host_names(site) for site in self.sites)


def _host_names(site: str) -> tuple[str, str]:
    host = site.lower().removeprefix("www.")
    return host, f"www.{host}"


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class KeyedStream:
    """Rows ordered by their first column, handed out in groups for keys asked in ascending order."""

    def __init__(self, rows: Iterable[tuple[Any, ...]]) -> None:
        self._rows = iter(rows)
        self._next = next(self._rows, None)

    def group(self, key: str) -> list[tuple[Any, ...]]:
        """The rows whose first column is ``key``; rows of smaller keys (not selected) are passed over."""
        while self._next is not None and self._next[0] < key:
            self._next = next(self._rows, None)
        found = []
        while self._next is not None and self._next[0] == key:
            found.append(self._next)
            self._next = next(self._rows, None)
        return found


def count_articles(archive: Archive, selection: Selection) -> int:
    """How many article rows the selection's SQL condition matches (the export's progress total)."""
    where, params = selection.where()
    for (total,) in archive.rows(f"SELECT COUNT(*) FROM articles{where}", params):
        return int(total)
    return 0


def article_records(archive: Archive, selection: Selection) -> Iterator[dict[str, Any]]:
    """The selected articles as records, in key order, with the parts ``selection.parts`` asks for."""
    where, params = selection.where()
    order = f" ORDER BY canonical_url{archive.collate}"
    layout_3 = archive.has_column("articles", "links_count")  # before version 3 item_json is whole
    rows = archive.rows(
        f"SELECT canonical_url, revision, first_seen, last_seen, run_id, item_json,"
        f" {'links_count' if layout_3 else 'NULL'}, {STORED_COLUMNS} FROM articles" + where + order,
        params,
    )
    source = links_by_source_url(archive.has_column("links", "from_id"))  # version 4: links by article number
    own_links = KeyedStream(archive.rows(
        f"SELECT l.from_url, l.to_url, l.kind, l.headline FROM {source} l WHERE l.item_order IS NOT NULL"
        f" ORDER BY l.from_url{archive.collate}, l.item_order"
    ) if layout_3 else ())  # fmt: skip
    links = copies = revisions = None
    if "links" in selection.parts:
        links = KeyedStream(archive.rows(
            f"SELECT l.from_url, l.kind, l.to_url, l.headline, d.duplicate_of FROM {source} l"
            " LEFT JOIN duplicates d ON d.url = l.to_url"
            f" ORDER BY l.from_url{archive.collate}, l.kind, l.to_url{archive.collate}"
        ))  # fmt: skip
    if "copies" in selection.parts:
        copies = KeyedStream(archive.rows(
            "SELECT duplicate_of, url, similarity, method, headline, seen_at, run_id FROM duplicates"
            f" ORDER BY duplicate_of{archive.collate}, url{archive.collate}"
        ))  # fmt: skip
    if "revisions" in selection.parts:
        revisions = KeyedStream(archive.rows(
            "SELECT canonical_url, revision, date_modified, content_hash, stored_at, run_id FROM revisions"
            f" ORDER BY canonical_url{archive.collate}, revision"
        ))  # fmt: skip
    for key, revision, first_seen, last_seen, run_id, item_json, links_count, *columns in rows:
        if not selection.takes_host(key):
            continue
        positioned = [row[1:] for row in own_links.group(key)] if links_count is not None else []
        record = _stored_item(item_json, columns, links_count, positioned)
        record.update(id=key, revision=revision, firstSeen=first_seen, lastSeen=last_seen, runId=run_id)
        if links is not None:
            record["links"] = _links_by_kind(links.group(key))
        if copies is not None:
            record["copies"] = [
                {"url": url, "similarity": similarity, "method": method, "headline": headline, "seenAt": seen,
                 "runId": copy_run}
                for _, url, similarity, method, headline, seen, copy_run in copies.group(key)
            ]  # fmt: skip
        if revisions is not None:
            record["revisions"] = [
                {"revision": number, "dateModified": modified, "contentHash": digest, "storedAt": stored,
                 "runId": revision_run}
                for _, number, modified, digest, stored, revision_run in revisions.group(key)
            ]  # fmt: skip
        yield record


def _stored_item(
    item_json: str | None, columns: list[Any], links_count: int | None, links: list[tuple[Any, ...]]
) -> dict[str, Any]:
    try:
        return join_item(item_json, columns, links_count, links)
    except json.JSONDecodeError:
        return {"exportError": "stored item_json is not valid JSON"}
    except ValueError:
        return {"exportError": "stored item_json is not an object"}


def _links_by_kind(rows: list[tuple[Any, ...]]) -> dict[str, list[dict[str, Any]]]:
    by_kind: dict[str, list[dict[str, Any]]] = {kind: [] for kind in LINK_KINDS}
    for _, kind, url, headline, original in rows:
        by_kind.setdefault(kind, []).append({"url": url, "headline": headline, "original": original})
    return by_kind
