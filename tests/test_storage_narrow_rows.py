"""Schema version 5: PostgreSQL's narrower band rows and index of link targets; SQLite's 16 KiB pages.

A version 4 PostgreSQL store (band rows in ``BIGINT`` columns, b-trees of the story and of link targets) is migrated
when a store opens it: the export is byte-identical, every band row keeps its key and story, a copy
of a story stored before the migration is still caught by the shared dedup step, and a migration
stopped half-way leaves the store as it was. A new SQLite file has 16 KiB pages; ``db vacuum`` gives
an older file's 4 KiB pages that size, with the same records.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from services import postgres_schema

from newsbot.__main__ import main
from newsbot.dedup import NearDuplicateIndex
from newsbot.storage.factory import make_store
from newsbot.storage.narrow_rows import INBOUND_LINKS
from newsbot.storage.readonly import read_rows
from newsbot.storage.sqlite_schema import PAGE_SIZE, SCHEMA_VERSION

SITE = "https://beta.example/stories/"
WORDS = ("kanal", "brücke", "zoll", "hafen", "fähre", "werft", "schleuse", "kran", "ufer", "lotse")

#: version 4's PostgreSQL layout, from a version 5 store: BIGINT band rows holding the unshifted keys,
#: b-trees of the story and of the link targets' URLs
TO_VERSION_4 = (
    "DROP INDEX dedup_bands_story",
    "ALTER TABLE dedup_bands ALTER COLUMN band_key TYPE BIGINT USING band_key::bigint + 2147483648,"
    " ALTER COLUMN story TYPE BIGINT",
    "CREATE INDEX dedup_bands_story ON dedup_bands (story)",
    "DROP INDEX links_to",
    "CREATE INDEX links_to ON links (to_url)",
    "UPDATE newsbot_schema SET version = 4",
)
LOGICAL_BANDS = (
    "SELECT b.band_key::bigint + {shift}, a.canonical_url FROM dedup_bands b JOIN articles a ON a.id = b.story"
    " ORDER BY 1, 2"
)


def text(n: int, words: int = 150) -> str:
    rng = random.Random(n)
    return " ".join(f"{rng.choice(WORDS)}{rng.randrange(300)}" for _ in range(words)) + "."


def item(n: int, body: str) -> dict[str, Any]:
    key = f"{SITE}{n:03d}"
    return {
        "url": key, "canonicalUrl": key, "headline": f"Schleuse {n}", "articleBody": body,
        "relatedLinks": [{"url": f"{SITE}{n + 1:03d}", "headline": "Weiter", "kind": "related"},
                         {"url": "https://beta.example/themen/hafen", "headline": None, "kind": "explore"}],
    }  # fmt: skip


def store_with_dedup(url: str, stories: list[tuple[int, str]], *, load: bool = True) -> list[tuple[str, str]]:
    """Stories judged and stored as a worker of the shared index does; the demoted ones (key, original).

    ``load=False``: a worker whose index holds nothing of what is stored (only the shared step sees it).
    """
    published = 1_750_000_000.0
    store = make_store(url, batch_size=10)
    store.open()
    try:
        index = NearDuplicateIndex(store.signatures)
        if load:
            index.load()
        store.attach_dedup(index, keep_copies=False)
        for n, body in stories:
            key = item(n, body)["url"]
            verdict = index.check_and_add(key, body, published + n)
            if verdict.duplicate_of is None:
                store.store_article(item(n, body))
        store.flush()
        return [(demotion.key, demotion.duplicate_of) for demotion in store.demoted]
    finally:
        store.close()


def execute(url: str, *statements: str) -> None:
    with psycopg.connect(url, autocommit=True) as connection, connection.transaction():
        for statement in statements:
            connection.execute(statement)


@pytest.fixture
def postgres_v4() -> Iterator[str]:
    with postgres_schema() as url:
        store_with_dedup(url, [(n, text(n)) for n in range(1, 6)])
        execute(url, *TO_VERSION_4)
        yield url


def export_text(url: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", "--db", url, "--with", "all"]) == 0
    return capsys.readouterr().out


def layout(url: str) -> dict[str, Any]:
    """What version 5 changes: the band columns' types, what ``links_to`` and ``dedup_bands_story`` index."""
    types = read_rows(
        url,
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = 'dedup_bands' ORDER BY 1",
    )
    indexes = dict(
        read_rows(
            url,
            "SELECT indexname, substr(indexdef, strpos(indexdef, ' ON ')) FROM pg_indexes"
            " WHERE schemaname = current_schema() AND indexname IN ('links_to', 'dedup_bands_story')",
        )
    )
    version = read_rows(url, "SELECT version FROM newsbot_schema")
    return {"types": types, "indexes": {name: definition.split(".", 1)[1] for name, definition in indexes.items()},
            "version": version}  # fmt: skip


VERSION_5_INDEXES = {
    "links_to": "links USING btree (hashtext(to_url))",
    "dedup_bands_story": "dedup_bands USING brin (story int4_minmax_multi_ops)"
    " WITH (pages_per_range='16', autosummarize='on')",
}


def test_a_new_postgresql_store_has_the_version_5_layout() -> None:
    with postgres_schema() as url:
        store_with_dedup(url, [(1, text(1))])
        found = layout(url)
        assert found["types"] == [("band_key", "integer"), ("story", "integer")]
        assert found["indexes"] == VERSION_5_INDEXES and found["version"] == [(SCHEMA_VERSION,)] == [(5,)]
        stored = read_rows(url, "SELECT MIN(band_key), MAX(band_key), COUNT(DISTINCT story) FROM dedup_bands")
        low, high, stories = stored[0]
        assert low < 0 < high and stories == 1  # 32-bit keys shifted into INTEGER's range, both halves used


def test_a_version_4_postgresql_store_is_migrated_with_the_same_records_and_band_rows(
    postgres_v4: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = layout(postgres_v4)
    assert before["types"] == [("band_key", "bigint"), ("story", "bigint")]
    assert before["indexes"] == {
        "links_to": "links USING btree (to_url)",
        "dedup_bands_story": "dedup_bands USING btree (story)",
    }
    exported = export_text(postgres_v4, capsys)
    bands = read_rows(postgres_v4, LOGICAL_BANDS.format(shift=0))
    assert len(bands) == 5 * 40 and exported.count("\n") == 5
    with make_store(postgres_v4, 100):
        pass
    after = layout(postgres_v4)
    assert after["types"] == [("band_key", "integer"), ("story", "integer")]
    assert after["indexes"] == VERSION_5_INDEXES and after["version"] == [(5,)]
    assert read_rows(postgres_v4, LOGICAL_BANDS.format(shift=2**31)) == bands
    assert export_text(postgres_v4, capsys) == exported
    assert main(["db", "check", "--db", postgres_v4]) == 0
    target = "https://beta.example/themen/hafen"
    with psycopg.connect(postgres_v4, autocommit=True) as connection:
        inbound = connection.execute(INBOUND_LINKS, (target, target)).fetchall()
        assert len(inbound) == 5 and {row[1] for row in inbound} == {target}
        assert connection.execute(INBOUND_LINKS, (f"{SITE}002", f"{SITE}002")).fetchall()[0][1:3] == (
            f"{SITE}002", "related",
        )  # fmt: skip
        connection.execute("SET enable_seqscan = off")  # five stories: the planner would read the table
        plan = " ".join(row[0] for row in connection.execute("EXPLAIN " + INBOUND_LINKS, (target, target)))
        assert "links_to" in plan


def test_after_the_migration_a_copy_of_a_story_stored_before_it_is_caught_by_the_shared_step(
    postgres_v4: str,
) -> None:
    with make_store(postgres_v4, 100):
        pass
    wire = text(3) + " Nachgedruckt von der Agentur am Kanal."  # a near copy of story 3, stored before
    assert store_with_dedup(postgres_v4, [(40, text(40))]) == []  # a story of its own is stored
    # a worker whose index never saw story 3 (it loaded nothing) commits the copy: the band rows find it
    demoted = store_with_dedup(postgres_v4, [(41, wire)], load=False)
    assert demoted == [(item(41, wire)["url"], item(3, "")["url"])]


def test_a_postgresql_migration_stopped_half_way_leaves_the_version_4_store_as_it_was(
    postgres_v4: str, capsys: pytest.CaptureFixture[str]
) -> None:
    execute(postgres_v4, "CREATE TABLE dedup_bands_v5 (x INTEGER)")  # an obstacle: the band rows' copy fails
    before, exported = layout(postgres_v4), export_text(postgres_v4, capsys)
    bands = read_rows(postgres_v4, LOGICAL_BANDS.format(shift=0))
    with pytest.raises(Exception, match="dedup_bands_v5"), make_store(postgres_v4, 100):
        pass
    capsys.readouterr()
    assert layout(postgres_v4) == before and before["version"] == [(4,)]
    assert read_rows(postgres_v4, LOGICAL_BANDS.format(shift=0)) == bands
    assert export_text(postgres_v4, capsys) == exported


def page_size(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    return size


def test_a_new_sqlite_file_has_16_kib_pages_and_vacuum_gives_them_to_an_older_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.db"
    store_with_dedup(f"sqlite:///{new}", [(1, text(1))])
    assert page_size(new) == PAGE_SIZE == 16384
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as connection:  # a file an earlier newsbot created, with SQLite's default pages
        connection.execute("PRAGMA page_size=4096")
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE placeholder (x)")
    connection.close()
    store_with_dedup(f"sqlite:///{old}", [(n, text(n)) for n in range(1, 4)])
    assert page_size(old) == 4096  # opening a file does not change its pages
    exported = export_text(str(old), capsys)
    assert main(["db", "vacuum", "--db", str(old)]) == 0
    capsys.readouterr()
    assert page_size(old) == PAGE_SIZE
    assert read_rows(f"sqlite:///{old}", "PRAGMA journal_mode") == [("wal",)]
    assert export_text(str(old), capsys) == exported and exported.count("\n") == 3
    assert main(["db", "check", "--db", str(old)]) == 0


def test_a_story_stored_again_with_a_new_body_keeps_only_its_new_band_rows() -> None:
    with postgres_schema() as url:
        store_with_dedup(url, [(1, text(1)), (2, text(2))])
        first = set(read_rows(url, LOGICAL_BANDS.format(shift=2**31)))
        # the same page fetched again with another text: its signature and band rows are rewritten
        assert store_with_dedup(url, [(1, text(77))]) == []
        key = item(1, "")["url"]
        after = set(read_rows(url, LOGICAL_BANDS.format(shift=2**31)))
        kept = {row for row in first if row[1] == item(2, "")["url"]}
        assert {row for row in after if row[1] == item(2, "")["url"]} == kept and len(kept) == 40
        mine = {row for row in after if row[1] == key}
        assert len(mine) == 40 and not mine & first  # the old text's rows are gone, the new text's are there
