"""Schema version 4: ``links`` keyed by the source article's number, and the migration of version 3 stores.

A version 3 store (links keyed by the source's URL) is migrated when a crawl opens it, on SQLite
and on PostgreSQL: the export is byte-identical before and after, and a migration stopped half-way
leaves the store as it was. Stores of the first release and of version 2 go through version 3 on
the way (``tests/test_store_layout.py``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from services import postgres_schema

from newsbot.__main__ import main
from newsbot.storage.factory import make_store
from newsbot.storage.item_layout import dumps, split_item
from newsbot.storage.maintenance import Maintenance
from newsbot.storage.readonly import read_rows
from newsbot.storage.sqlite_schema import SCHEMA_VERSION

SITE = "https://alpha.example/news/"
V3_TABLES = """
CREATE TABLE articles (
    canonical_url TEXT PRIMARY KEY, url TEXT NOT NULL, headline TEXT, description TEXT, article_body TEXT,
    date_published TEXT, date_modified TEXT, section TEXT, language TEXT, source_credit TEXT, duplicate_of TEXT,
    similarity {real}, content_hash TEXT NOT NULL, revision INTEGER NOT NULL DEFAULT 1, item_json TEXT NOT NULL,
    etag TEXT, last_modified TEXT, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, run_id {bigint},
    links_count INTEGER);
CREATE TABLE revisions (
    canonical_url TEXT NOT NULL, revision INTEGER NOT NULL, date_modified TEXT, content_hash TEXT NOT NULL,
    item_json TEXT, stored_at TEXT NOT NULL, run_id {bigint}, PRIMARY KEY (canonical_url, revision)){without_rowid};
CREATE TABLE links (
    from_url TEXT NOT NULL, to_url TEXT NOT NULL, kind TEXT NOT NULL, headline TEXT, item_order INTEGER,
    PRIMARY KEY (from_url, to_url, kind)){without_rowid};
CREATE INDEX links_to ON links (to_url);
CREATE TABLE duplicates (
    url TEXT PRIMARY KEY, duplicate_of TEXT NOT NULL, similarity {real}, method TEXT NOT NULL, headline TEXT,
    date_published TEXT, seen_at TEXT NOT NULL, run_id {bigint});
CREATE TABLE newsbot_schema (version INTEGER NOT NULL);
INSERT INTO newsbot_schema VALUES (3)
"""
#: PostgreSQL's band rows before version 4: by the story's URL (the last one's story is not stored)
BANDS_V3 = (
    "CREATE TABLE dedup_bands (band_key BIGINT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (band_key, key))",
    "CREATE INDEX dedup_bands_story ON dedup_bands (key)",
    f"INSERT INTO dedup_bands VALUES (11, '{SITE}0001-harbour'), (12, '{SITE}0001-harbour'),"
    f" (11, '{SITE}0002-harbour'), (4294967295, '{SITE}0003-harbour'), (13, '{SITE}0099-gone')",
)
SQLITE_RUNS = (
    "CREATE TABLE crawl_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, spider TEXT NOT NULL, started_at TEXT NOT NULL,"
    " finished_at TEXT, finish_reason TEXT, stats_json TEXT, run_key TEXT, worker TEXT, pages INTEGER,"
    " stored INTEGER, copies INTEGER)"
)


def story(number: int, **extra: Any) -> dict[str, Any]:
    key = f"{SITE}{number:04d}-harbour"
    fields: dict[str, Any] = {
        "url": key, "canonicalUrl": key, "headline": f"Harbour levy, part {number}",
        "articleBody": f"Die Hafengebühr steigt zum {number}. Mal.\n\nZweiter Absatz über «Fähren».",
        "authors": [{"name": "Ines Okafor", "url": None}],
        "relatedLinks": [
            {"url": f"{SITE}{number + 1:04d}-harbour", "headline": "Next part", "kind": "related"},
            {"url": "https://alpha.example/topics/ports", "headline": None, "kind": "explore"},
        ],
    }  # fmt: skip
    fields.update(extra)
    return fields


#: (item, revision) rows a version 3 crawl left: a superseded version, links twice in one item, no links
STORIES = [
    (story(1, articleBody="Erste Fassung."), 1),
    (story(1), 2),
    (story(2), 1),
    (story(3, relatedLinks=[*story(3)["relatedLinks"], story(3)["relatedLinks"][0]]), 1),
    ({"url": f"{SITE}0004-bare", "headline": "No body"}, 1),
]


def write_version_3(connection: Any, mark: str) -> None:
    """The rows version 3's writer left: each text once, links by the source's URL, superseded items whole."""
    marks = ", ".join([mark] * 12)
    for given, revision in STORIES:
        key, parts = given["url"], split_item(given)
        if revision > 1:
            connection.execute(
                f"UPDATE revisions SET item_json = {mark} WHERE canonical_url = {mark}", (dumps(STORIES[0][0]), key)
            )
            connection.execute(f"UPDATE links SET item_order = NULL WHERE from_url = {mark}", (key,))
            connection.execute(f"DELETE FROM articles WHERE canonical_url = {mark}", (key,))
        links = [(key, url, kind, headline, place) for place, (url, kind, headline) in enumerate(parts.links or [])]
        if parts.links is None:
            once = {(link["url"], link["kind"]): link["headline"] for link in given.get("relatedLinks", [])}
            links = [(key, url, kind, headline, None) for (url, kind), headline in once.items()]
        connection.executemany(
            f"INSERT INTO links VALUES ({mark}, {mark}, {mark}, {mark}, {mark}) ON CONFLICT (from_url, to_url, kind)"
            " DO UPDATE SET headline = excluded.headline, item_order = excluded.item_order",
            links,
        )
        connection.execute(
            "INSERT INTO articles (canonical_url, url, headline, article_body, content_hash, revision, item_json,"
            f" first_seen, last_seen, run_id, links_count, description) VALUES ({marks})",
            (key, key, given["headline"], parts.columns["article_body"], f"h{revision}", revision, parts.item_json,
             "2026-01-0{revision}", "2026-02-01", 7, None if parts.links is None else len(parts.links), None),
        )  # fmt: skip
        connection.execute(
            "INSERT INTO revisions (canonical_url, revision, content_hash, item_json, stored_at, run_id)"
            f" VALUES ({mark}, {mark}, {mark}, NULL, {mark}, 7)",
            (key, revision, f"h{revision}", f"2026-01-0{revision}"),
        )
    copy = STORIES[2][0]["url"]
    connection.execute(
        f"INSERT INTO duplicates (url, duplicate_of, similarity, method, seen_at) VALUES ({mark}, {mark}, 0.9,"
        " 'near', '2026-02-01')",
        (copy + "-copy", copy),
    )


@pytest.fixture
def sqlite_v3(tmp_path: Path) -> str:
    path = tmp_path / "v3.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.executescript(V3_TABLES.format(real="REAL", bigint="INTEGER", without_rowid=" WITHOUT ROWID"))
        connection.execute(SQLITE_RUNS)
        write_version_3(connection, "?")
    connection.close()
    return f"sqlite:///{path}"


@pytest.fixture
def postgres_v3() -> Iterator[str]:
    with postgres_schema() as url:
        with psycopg.connect(url, autocommit=True) as connection:
            for statement in V3_TABLES.format(real="DOUBLE PRECISION", bigint="BIGINT", without_rowid="").split(";"):
                connection.execute(statement)
            for statement in BANDS_V3:
                connection.execute(statement)
            with connection.transaction():
                write_version_3(connection.cursor(), "%s")
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def store_v3(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue(f"{request.param}_v3")


def execute(url: str, sql: str) -> None:
    """One statement on the store, committed (SQLite file or PostgreSQL schema)."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            connection.execute(sql)
        connection.close()
    else:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(sql)


def export_text(url: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", "--db", url, "--with", "all"]) == 0
    return capsys.readouterr().out


def schema_version(url: str) -> int:
    return read_rows(url, "SELECT version FROM newsbot_schema")[0][0]


def source_urls(url: str) -> list[tuple[Any, ...]]:
    return sorted(read_rows(url, "SELECT a.canonical_url, l.to_url FROM links l JOIN articles a ON a.id = l.from_id"))


def test_a_version_3_store_is_migrated_and_exports_byte_identical_records(
    store_v3: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = export_text(store_v3, capsys)
    linked = sorted(read_rows(store_v3, "SELECT from_url, to_url FROM links"))
    assert before.count("\n") == 4 and '"copies": [{' in before
    with make_store(store_v3, 100):
        pass
    assert schema_version(store_v3) == SCHEMA_VERSION == 5
    assert export_text(store_v3, capsys) == before
    assert source_urls(store_v3) == linked
    ids = [number for (number,) in read_rows(store_v3, "SELECT id FROM articles")]
    assert len(set(ids)) == len(ids) == 4 and None not in ids
    assert main(["db", "check", "--db", store_v3]) == 0


def test_after_the_migration_a_new_article_gets_a_number_of_its_own_and_its_links(
    store_v3: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with make_store(store_v3, 100) as store:
        store.store_article(story(9))
        store.store_article(story(2, articleBody="Neue Fassung."))
        store.flush()
    numbers = dict(read_rows(store_v3, "SELECT canonical_url, id FROM articles"))
    assert len(set(numbers.values())) == 5
    assert (story(9)["url"], f"{SITE}0010-harbour") in source_urls(store_v3)
    records = {line.split('"id": "')[1].split('"')[0]: line for line in export_text(store_v3, capsys).splitlines()}
    assert "Neue Fassung." in records[story(2)["url"]] and '"revision": 2' in records[story(2)["url"]]
    assert main(["db", "check", "--db", store_v3]) == 0


def test_a_link_whose_source_is_gone_is_counted_by_the_check(store_v3: str) -> None:
    with make_store(store_v3, 100):
        pass
    with Maintenance(store_v3) as maintenance:
        assert maintenance.check() == []
    execute(store_v3, "INSERT INTO links (from_id, to_url, kind) VALUES (999999, 'https://x/', 'related')")
    with Maintenance(store_v3) as maintenance:
        assert maintenance.check() == ["1 links from a page that is not stored"]


def test_sqlite_vacuum_keeps_each_article_s_number(sqlite_v3: str, capsys: pytest.CaptureFixture[str]) -> None:
    with make_store(sqlite_v3, 100):
        pass
    execute(sqlite_v3, "DELETE FROM duplicates")  # free pages, so that VACUUM rewrites the file
    before, links = read_rows(sqlite_v3, "SELECT canonical_url, id FROM articles ORDER BY 1"), source_urls(sqlite_v3)
    exported = export_text(sqlite_v3, capsys)
    assert main(["db", "vacuum", "--db", sqlite_v3]) == 0
    capsys.readouterr()
    assert read_rows(sqlite_v3, "SELECT canonical_url, id FROM articles ORDER BY 1") == before
    assert source_urls(sqlite_v3) == links and export_text(sqlite_v3, capsys) == exported


def sqlite_schema(path: str) -> list[tuple[Any, ...]]:
    return read_rows(path, "SELECT type, name, sql FROM sqlite_master ORDER BY name")


def test_a_sqlite_migration_stopped_half_way_leaves_the_version_3_file_as_it_was(
    sqlite_v3: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sqlite_v3.removeprefix("sqlite:///")
    execute(sqlite_v3, "CREATE TABLE links_v4 (x)")  # an obstacle: the links rebuild fails after articles got ids
    before, exported = sqlite_schema(path), export_text(sqlite_v3, capsys)
    with pytest.raises(Exception, match="links_v4"), make_store(sqlite_v3, 100):
        pass
    capsys.readouterr()
    names = {name for _, name, _ in before}  # the tables a crawl would add are created outside the migration
    assert [row for row in sqlite_schema(path) if row[1] in names] == before and schema_version(sqlite_v3) == 3
    assert export_text(sqlite_v3, capsys) == exported


def postgres_columns(url: str) -> list[tuple[Any, ...]]:
    return read_rows(
        url,
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
        " ORDER BY 1, 2",
    )


def test_a_postgresql_migration_stopped_half_way_leaves_the_version_3_store_as_it_was(
    postgres_v3: str, capsys: pytest.CaptureFixture[str]
) -> None:
    execute(postgres_v3, "CREATE TABLE links_v4 (x INTEGER)")
    before, exported = postgres_columns(postgres_v3), export_text(postgres_v3, capsys)
    with pytest.raises(Exception, match="links_v4"), make_store(postgres_v3, 100):
        pass
    capsys.readouterr()
    assert postgres_columns(postgres_v3) == before and schema_version(postgres_v3) == 3
    assert export_text(postgres_v3, capsys) == exported


def canned(path: str, links_by_article: bool, name: str) -> list[tuple[Any, ...]]:
    from newsbot.archive.browse_queries import metadata

    sql = metadata("v3", title="t", links_by_article=links_by_article)["databases"]["v3"]["queries"][name]["sql"]
    with sqlite3.connect(path) as connection:
        rows = connection.execute(sql, {"url": story(2)["url"], "search": ""}).fetchall()
    connection.close()
    return rows


def test_browse_s_link_queries_read_a_file_of_either_layout(sqlite_v3: str) -> None:
    path = sqlite_v3.removeprefix("sqlite:///")
    old = {name: canned(path, False, name) for name in ("link_graph", "articles_with_authors")}
    with pytest.raises(sqlite3.OperationalError, match="no such column"):
        canned(path, True, "link_graph")  # a file served as it is, not migrated: the version 4 query can't read it
    assert ("in", "related", story(1)["url"], story(2)["url"], story(1)["headline"], 1) in old["link_graph"]
    with make_store(sqlite_v3, 100):
        pass
    assert {name: canned(path, True, name) for name in old} == old


def test_postgresql_band_rows_are_keyed_by_the_story_s_number_after_the_migration(
    postgres_v3: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with make_store(postgres_v3, 100):
        pass
    bands = (
        "SELECT b.band_key::bigint + 2147483648, a.canonical_url FROM dedup_bands b"
        " JOIN articles a ON a.id = b.story ORDER BY 1, 2"
    )  # version 5 holds the 32-bit keys shifted into INTEGER's range
    assert read_rows(postgres_v3, bands) == [
        (11, f"{SITE}0001-harbour"), (11, f"{SITE}0002-harbour"), (12, f"{SITE}0001-harbour"),
        (4294967295, f"{SITE}0003-harbour"),
    ]  # fmt: skip
    assert read_rows(postgres_v3, "SELECT COUNT(*) FROM dedup_bands") == [(4,)]  # the unstored story's row is gone
    here = "SELECT indexdef FROM pg_indexes WHERE indexname = 'dedup_bands_story' AND schemaname = current_schema()"
    indexes = read_rows(postgres_v3, here)
    assert len(indexes) == 1 and "brin (story" in indexes[0][0]  # version 5: block ranges of the story
