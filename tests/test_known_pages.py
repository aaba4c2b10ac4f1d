"""Whether a page is stored, asked page by page (:class:`StoredPages`) on both backends: no load at open."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from services import store_url

from newsbot.archive.synthetic import fill
from newsbot.storage import KnownPage, SqliteStore
from newsbot.storage.factory import make_store
from newsbot.storage.known import StoredPages

STORED = "http://s/article/000000000001"
COPY = "http://s/article/000000000002"
BOTH = "http://s/article/000000000003"  # stored, then recorded as a copy elsewhere: the article wins


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with store_url(request.param, tmp_path) as value:
        with make_store(value, 100) as store:
            store.start_run("news")
            for key in (STORED, BOTH):
                store.store_article({
                    "url": key, "canonicalUrl": key, "headline": "A story", "articleBody": f"Body of {key}.",
                    "metadata": {"etag": f'"{key[-1]}"', "lastModified": "Tue, 01 Dec 2026 08:00:00 GMT"},
                })  # fmt: skip
            store.record_duplicate(COPY, STORED, 0.9, "near")
            store.record_duplicate(BOTH, STORED, 0.8, "near")
            store.finish_run("finished", {})
        yield value


def test_a_page_is_read_from_the_store_when_asked(url: str) -> None:
    with make_store(url, 100) as store:
        pages = store.stored_pages()
        assert store.stored_pages() is pages  # one per store: the crawl's users share what was read
        expected = store.known_pages()
        for key in (STORED, COPY, BOTH):
            assert key in pages and pages.get(key) == expected[key]
        assert pages.get(STORED) == KnownPage(expected[STORED].last_seen, '"1"', "Tue, 01 Dec 2026 08:00:00 GMT")
        assert pages.get(COPY).duplicate_of == STORED and not pages.get(BOTH).is_duplicate
        assert "http://s/article/000000000009" not in pages and None not in pages
        assert pages.get("http://s/article/000000000009") is None


def test_answers_are_remembered(url: str) -> None:
    reads: list[str] = []
    with make_store(url, 100) as store:

        def counted(sql: str, params: tuple[str, ...]) -> list[tuple[str | None, ...]]:
            reads.append(params[0])
            return store.read(sql, params)

        pages = StoredPages.reading(counted)
        for _ in range(3):
            assert STORED in pages and "http://s/article/000000000009" not in pages
    assert reads == [STORED, "http://s/article/000000000009", "http://s/article/000000000009"]  # article, copy


def test_a_lookup_does_not_wait_for_a_commit(tmp_path: Path) -> None:
    """The reader has its own connection: a writer holding the database does not block it (WAL)."""
    database = tmp_path / "news.sqlite3"
    with SqliteStore(database) as store:
        store.store_article({"url": STORED, "headline": "A story", "articleBody": "Body."})
        store.flush()
        writer = sqlite3.connect(database, timeout=0)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE articles SET headline = 'changing'")
        try:
            assert STORED in store.stored_pages()
        finally:
            writer.rollback()
            writer.close()


def test_opening_a_large_archive_reads_no_page(tmp_path: Path) -> None:
    """Nothing is loaded at open: a store of 20,000 stories answers its first question with two small reads."""
    database = tmp_path / "large.sqlite3"
    fill(str(database), 20_000, body_words=5)
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    with SqliteStore(database) as store:
        assert "https://alpha.example/news/00000000-council-harbour" not in store.stored_pages()
        reader = store._reader
        assert reader is not None
        reader.set_progress_handler(count, 100)
        stored = next(iter(store.query("SELECT canonical_url FROM articles LIMIT 1")))[0]
        assert stored in store.stored_pages()
    assert steps < 20  # two index lookups, not a scan of 20,000 rows


def test_the_store_streams_a_query(url: str) -> None:
    """``stream`` gives a query's rows a batch at a time (the dedup index reads every exact hash this way)."""
    with make_store(url, 100) as store:
        for number in range(12):
            key = f"http://s/article/1000000000{number:02d}"
            store.store_article({"url": key, "headline": "A story", "articleBody": f"Body {number}."})
        store.flush()
        ordered = "SELECT canonical_url FROM articles ORDER BY canonical_url"
        assert list(store.stream(ordered, (), 5)) == [tuple(row) for row in store.query(ordered)]
        assert len(list(store.stream(ordered))) == 14
