"""Each text stored once (schema version 3): the layout, revisions, and the migration of older stores.

The body is kept in ``articles.article_body`` only, the links in ``links`` only, the current item
in ``articles`` only (its revision row holds no copy); readers rebuild the item as it was given.
A store written by version 1 or 2 (each text up to three times) is migrated on open, on SQLite
and on PostgreSQL, and exports the same records afterwards.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from services import postgres_schema, store_url

from newsbot.__main__ import main
from newsbot.errors import StorageError
from newsbot.storage.factory import make_store
from newsbot.storage.item_layout import dumps, join_item, split_item
from newsbot.storage.maintenance import Maintenance
from newsbot.storage.readonly import read_rows
from newsbot.storage.sqlite_schema import SCHEMA_VERSION

KEY = "https://alpha.example/news/harbour-levy"
LINKS = [
    {"url": "https://alpha.example/news/ferry-strike", "headline": "Ferry crews walk out", "kind": "related"},
    {"url": "https://alpha.example/topics/ports", "headline": None, "kind": "explore"},
]


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with store_url(request.param, tmp_path) as value:
        yield value


def item(key: str = KEY, body: Any = "Die Hafengebühr steigt.\n\nZweiter Absatz über «Fähren».", **extra: Any) -> dict:
    fields: dict[str, Any] = {
        "url": key, "canonicalUrl": key, "headline": "Harbour levy doubles", "articleBody": body,
        "dateModified": None, "authors": [{"name": "Ines Okafor", "url": None}], "relatedLinks": LINKS,
    }  # fmt: skip
    fields.update(extra)
    return fields


def exported(url: str, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    assert main(["export", "--db", url, "--with", "all"]) == 0
    return {record["id"]: record for record in map(json.loads, capsys.readouterr().out.splitlines())}


def stored_item(record: dict[str, Any]) -> dict[str, Any]:
    """An export record without what the store adds (where and when it was stored, the joined parts)."""
    added = {"id", "revision", "firstSeen", "lastSeen", "runId", "links", "copies", "revisions"}
    return {name: value for name, value in record.items() if name not in added}


def test_the_body_and_links_leave_item_json_and_come_back_exactly() -> None:
    parts = split_item(item())
    assert parts.columns["article_body"] == item()["articleBody"] and parts.columns["headline"] == item()["headline"]
    assert parts.links == [(x["url"], x["kind"], x["headline"]) for x in LINKS]
    assert json.loads(parts.item_json) == {"authors": item()["authors"], "canonicalUrl": KEY, "dateModified": None}
    rebuilt = join_item(parts.item_json, list(parts.columns.values()), len(parts.links), parts.links)
    assert rebuilt == item() and dumps(rebuilt) == dumps(item())


@pytest.mark.parametrize(
    "fields",
    [
        {"relatedLinks": [*LINKS, LINKS[0]]},  # the same link twice: the table holds it once
        {"relatedLinks": [{**LINKS[0], "rank": 1}]},  # a field the table has no column for
        {"relatedLinks": [{"url": LINKS[0]["url"], "kind": "related"}]},  # no headline key at all
        {"relatedLinks": "not a list"},
        {"articleBody": None},  # null stays: the column can't tell null from a missing field
        {"articleBody": ["not", "text"]},
        {"headline": 7},
    ],
)
def test_what_the_columns_cannot_give_back_stays_in_item_json(fields: dict[str, Any]) -> None:
    given = item(**fields)
    parts = split_item(given)
    kept = json.loads(parts.item_json)
    for name, value in fields.items():
        assert kept[name] == value
    links = None if parts.links is None else len(parts.links)
    assert join_item(parts.item_json, list(parts.columns.values()), links, parts.links or []) == given


def test_an_item_without_body_or_links_keys_comes_back_without_them() -> None:
    given = {"url": KEY, "headline": "h"}
    parts = split_item(given)
    assert parts.links is None and parts.columns["article_body"] is None and json.loads(parts.item_json) == {}
    assert join_item(parts.item_json, list(parts.columns.values()), None) == given


def test_each_text_is_stored_once_and_a_revision_keeps_the_version_it_supersedes(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = item()
    second = item(body="Die Hafengebühr steigt doch nicht.", relatedLinks=[LINKS[1]])
    with make_store(url, 100) as store:
        store.store_article(first)
        store.flush()
        store.store_article(second)
        store.flush()
    [(item_json, body, links_count)] = read_rows(url, "SELECT item_json, article_body, links_count FROM articles")
    assert "articleBody" not in item_json and "relatedLinks" not in item_json and "Harbour" not in item_json
    assert links_count == 1
    assert body == second["articleBody"]
    revisions = read_rows(url, "SELECT revision, item_json FROM revisions ORDER BY revision")
    kept = [(number, None if text is None else json.loads(text)) for number, text in revisions]
    assert kept == [(1, first), (2, None)]
    # the links table keeps every link ever seen (the link graph); the item only the current version's
    assert len(read_rows(url, "SELECT to_url FROM links")) == 2
    record = exported(url, capsys)[KEY]
    assert stored_item(record) == second
    assert [link["url"] for link in record["links"]["related"]] == [LINKS[0]["url"]]
    with Maintenance(url) as maintenance:  # db stats: the text held is both versions' items as JSON
        assert maintenance.stats().text_bytes == sum(len(dumps(version).encode()) for version in (first, second))


def test_an_unchanged_article_adds_new_links_to_the_graph_not_to_its_stored_version(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with make_store(url, 100) as store:
        store.store_article(item())
        store.flush()
        extra = {"url": "https://alpha.example/news/new-pier", "headline": "A new pier", "kind": "related"}
        store.store_article(item(relatedLinks=[*LINKS, extra]))
        store.flush()
    assert len(read_rows(url, "SELECT to_url FROM links")) == 3
    assert stored_item(exported(url, capsys)[KEY]) == item()


# --- stores written before version 3 -------------------------------------------------------------

V2_TABLES = """
CREATE TABLE articles (
    canonical_url TEXT PRIMARY KEY, url TEXT NOT NULL, headline TEXT, description TEXT, article_body TEXT,
    date_published TEXT, date_modified TEXT, section TEXT, language TEXT, source_credit TEXT, duplicate_of TEXT,
    similarity {real}, content_hash TEXT NOT NULL, revision INTEGER NOT NULL DEFAULT 1, item_json TEXT NOT NULL,
    etag TEXT, last_modified TEXT, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, run_id {bigint});
CREATE TABLE revisions (
    canonical_url TEXT NOT NULL, revision INTEGER NOT NULL, date_modified TEXT, content_hash TEXT NOT NULL,
    item_json TEXT NOT NULL, stored_at TEXT NOT NULL, run_id {bigint}, PRIMARY KEY (canonical_url, revision));
CREATE TABLE links (
    from_url TEXT NOT NULL, to_url TEXT NOT NULL, kind TEXT NOT NULL, headline TEXT,
    PRIMARY KEY (from_url, to_url, kind));
CREATE INDEX links_to ON links (to_url);
CREATE TABLE duplicates (
    url TEXT PRIMARY KEY, duplicate_of TEXT NOT NULL, similarity {real}, method TEXT NOT NULL, headline TEXT,
    date_published TEXT, seen_at TEXT NOT NULL, run_id {bigint})
"""
#: what the first release and version 2 wrote for each stored version: (key, item, revision)
OLD_VERSIONS = [
    (KEY, item(body="Erste Fassung."), 1),
    (KEY, item(relatedLinks=[LINKS[0], {**LINKS[1], "url": "https://alpha.example/topics/levies"}]), 2),
    ("https://alpha.example/news/twice", item("https://alpha.example/news/twice", relatedLinks=[*LINKS, LINKS[0]]), 1),
    ("https://alpha.example/news/bare", {"url": "https://alpha.example/news/bare", "headline": "No body"}, 1),
    ("https://alpha.example/news/renamed", item("https://alpha.example/news/renamed"), 1),
]


def write_old_layout(connection: Any, mark: str) -> None:
    """The rows the old writer left: the whole item in ``articles`` and in every revision, links upserted."""
    for key, given, revision in OLD_VERSIONS:
        whole = dumps(given)
        connection.executemany(
            f"INSERT INTO links VALUES ({mark}, {mark}, {mark}, {mark}) ON CONFLICT (from_url, to_url, kind)"
            " DO UPDATE SET headline = excluded.headline",
            [(key, link["url"], link["kind"], link["headline"]) for link in given.get("relatedLinks", [])],
        )
        connection.execute(f"DELETE FROM articles WHERE canonical_url = {mark}", (key,))
        connection.execute(
            "INSERT INTO articles (canonical_url, url, headline, article_body, content_hash, revision, item_json,"
            f" first_seen, last_seen) VALUES ({', '.join([mark] * 9)})",
            (key, key, given["headline"], given.get("articleBody"), f"h{revision}", revision, whole, "t", "t"),
        )
        connection.execute(
            f"INSERT INTO revisions (canonical_url, revision, content_hash, item_json, stored_at) VALUES"
            f" ({mark}, {mark}, {mark}, {mark}, 't')",
            (key, revision, f"h{revision}", whole),
        )
    # an unchanged page seen again under another link headline: the table's headline is no longer the item's
    renamed = OLD_VERSIONS[-1][0]
    connection.execute(f"UPDATE links SET headline = 'Ferry crews return' WHERE from_url = {mark}", (renamed,))


def expected_items() -> dict[str, dict[str, Any]]:
    return {key: given for key, given, _ in OLD_VERSIONS}


def links_rows(url: str) -> list[tuple[Any, ...]]:
    """Every link as (source URL, target, kind, headline), whatever the store's version."""
    try:  # version 4: the source is named by its articles.id
        query = "SELECT a.canonical_url, l.to_url, l.kind, l.headline FROM links l JOIN articles a ON a.id = l.from_id"
        return sorted(read_rows(url, query))
    except StorageError:
        return sorted(read_rows(url, "SELECT from_url, to_url, kind, headline FROM links"))


def assert_migrated(url: str, links_before: list[tuple[Any, ...]], capsys: pytest.CaptureFixture[str]) -> None:
    unmigrated = exported(url, capsys)  # the export reads an older store as it is
    assert {key: stored_item(record) for key, record in unmigrated.items()} == expected_items()
    with make_store(url, 100):
        pass
    assert read_rows(url, "SELECT version FROM newsbot_schema") == [(SCHEMA_VERSION,)]
    records = exported(url, capsys)
    assert records == unmigrated
    assert [entry["revision"] for entry in records[KEY]["revisions"]] == [1, 2]
    assert links_rows(url) == links_before
    superseded = read_rows(url, f"SELECT item_json FROM revisions WHERE canonical_url = '{KEY}' AND revision = 1")
    assert json.loads(superseded[0][0]) == OLD_VERSIONS[0][1]
    assert read_rows(url, "SELECT COUNT(*) FROM revisions WHERE item_json IS NOT NULL") == [(1,)]
    kept_in_item = dict(read_rows(url, "SELECT canonical_url, links_count FROM articles"))
    assert kept_in_item[KEY] == 2 and kept_in_item["https://alpha.example/news/twice"] is None
    assert kept_in_item["https://alpha.example/news/renamed"] is None  # the table's headline differs: kept whole
    with make_store(url, 100) as store:  # a new version of a migrated article keeps the old one whole
        store.store_article(item(body="Dritte Fassung."))
        store.flush()
    third = read_rows(url, f"SELECT item_json FROM revisions WHERE canonical_url = '{KEY}' AND revision = 2")
    assert json.loads(third[0][0]) == OLD_VERSIONS[1][1]
    assert main(["db", "check", "--db", url]) == 0


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_sqlite_file_is_migrated_and_exports_the_same_records(
    version: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.executescript(V2_TABLES.format(real="REAL", bigint="INTEGER"))
        connection.execute(
            "CREATE TABLE crawl_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, spider TEXT NOT NULL,"
            " started_at TEXT NOT NULL, finished_at TEXT, finish_reason TEXT, stats_json TEXT)"
        )
        if version == 2:
            connection.execute("CREATE TABLE newsbot_schema (version INTEGER NOT NULL)")
            connection.execute("INSERT INTO newsbot_schema VALUES (2)")
        write_old_layout(connection, "?")
    connection.close()
    url = f"sqlite:///{path}"
    assert_migrated(url, links_rows(url), capsys)
    with sqlite3.connect(path) as connection:
        tables = dict(connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
    assert "WITHOUT ROWID" in tables["links"] and "WITHOUT ROWID" in tables["revisions"]
    connection.close()


def test_a_version_2_postgresql_store_is_migrated_and_exports_the_same_records(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import psycopg

    with postgres_schema() as url:
        with psycopg.connect(url, autocommit=True) as connection:
            for statement in V2_TABLES.format(real="DOUBLE PRECISION", bigint="BIGINT").split(";"):
                connection.execute(statement)
            connection.execute("CREATE TABLE newsbot_schema (version INTEGER NOT NULL)")
            connection.execute("INSERT INTO newsbot_schema VALUES (2)")
            with connection.transaction():
                write_old_layout(connection.cursor(), "%s")
        assert_migrated(url, links_rows(url), capsys)
