"""The store on both backends (one suite): upsert, batch commit, reopen, revisions, runs, crashes.

Every test marked with the ``url`` fixture runs against SQLite and against a real PostgreSQL
(a fresh schema of the test database, :mod:`services`). SQLite-only behaviour (its files, its
lock, the migration of first-release files) is at the end.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from services import store_url

from newsbot.dedup import NearDuplicateIndex
from newsbot.dedup.signatures import StoredSignature
from newsbot.errors import StorageError
from newsbot.storage import SqliteStore
from newsbot.storage.factory import make_store
from newsbot.storage.readonly import read_rows
from newsbot.storage.sqlite_schema import SCHEMA_VERSION


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with store_url(request.param, tmp_path) as value:
        yield value


def new_store(url: str, batch_size: int = 100) -> Any:
    """A store of ``url``, not opened yet (``with new_store(url) as store`` opens and closes it)."""
    return make_store(url, batch_size)


def article(key: str, body: str = "Body text.", **extra: object) -> dict[str, object]:
    record: dict[str, object] = {
        "url": key + "?utm_source=x",
        "canonicalUrl": key,
        "headline": f"Headline of {key}",
        "articleBody": body,
        "dateModified": None,
        "relatedLinks": [
            {"url": "http://s/article/bbbbbbbbbbbb", "headline": "B", "kind": "related"},
            {"url": "http://s/article/cccccccccccc", "headline": "C", "kind": "explore"},
        ],
    }
    record.update(extra)
    return record


def count(url: str, table: str) -> int:
    return read_rows(url, f"SELECT COUNT(*) FROM {table}")[0][0]


def test_upsert_by_canonical_url(url: str) -> None:
    with new_store(url) as store:
        store.start_run("test")
        store.store_article(article("http://s/article/aaaaaaaaaaaa"))
        store.store_article(article("http://s/article/aaaaaaaaaaaa"))
        store.flush()
        store.store_article(article("http://s/article/aaaaaaaaaaaa", body="Corrected body."))
    assert count(url, "articles") == 1
    assert count(url, "revisions") == 2
    assert count(url, "links") == 2
    assert read_rows(url, "SELECT article_body, revision FROM articles") == [("Corrected body.", 2)]


def test_writes_wait_for_a_batch_and_reopen_sees_them(url: str) -> None:
    store = new_store(url, batch_size=3)
    store.open()
    store.store_article(article("http://s/article/000000000001", relatedLinks=[]))
    store.store_article(article("http://s/article/000000000002", relatedLinks=[]))
    assert not store.batch_full and count(url, "articles") == 0  # queued, not yet committed
    store.store_article(article("http://s/article/000000000003", relatedLinks=[]))
    assert store.batch_full
    assert store.flush() == 3
    assert count(url, "articles") == 3
    store.close()
    with new_store(url) as reopened:
        (headline,) = reopened.query(
            "SELECT headline FROM articles WHERE canonical_url = ?", ("http://s/article/000000000002",)
        )[0]
        assert headline == "Headline of http://s/article/000000000002"
        known = reopened.known_pages()
        assert sorted(known) == [f"http://s/article/00000000000{n}" for n in (1, 2, 3)]
        assert not known["http://s/article/000000000001"].is_duplicate


def test_killed_process_loses_only_the_open_batch(url: str) -> None:
    script = f"""
import os
from newsbot.storage.factory import make_store
store = make_store({url!r}, batch_size=2)
store.open()
for n in range(5):
    store.store_article({{"url": f"http://s/article/{{n:012d}}", "canonicalUrl": f"http://s/article/{{n:012d}}",
                          "headline": "h", "articleBody": "b", "relatedLinks": []}})
    if store.batch_full:
        store.flush()
os._exit(9)
"""
    result = subprocess.run([sys.executable, "-c", script], timeout=60, cwd=Path(__file__).parents[1])
    assert result.returncode == 9
    assert count(url, "articles") == 4  # two committed batches; the fifth article was never flushed


def test_signatures_commit_with_the_articles(url: str) -> None:
    with new_store(url) as store:
        store.signatures.add(StoredSignature("http://s/article/aaaaaaaaaaaa", "ab12", b"\x01\x02", 100.0))
        store.store_article(article("http://s/article/aaaaaaaaaaaa"))
        assert list(store.signatures.load()) == []  # nothing committed yet
        store.flush()
        assert [s.key for s in store.signatures.load()] == ["http://s/article/aaaaaaaaaaaa"]
        assert [s.key for s in store.signatures.load(since=200.0)] == []
        assert [s.key for s in store.signatures.load(since=50.0, until=150.0)] == ["http://s/article/aaaaaaaaaaaa"]
        assert next(iter(store.signatures.load())).minhash == b"\x01\x02"
        assert store.newest_published() == 100.0


def test_a_signature_waits_for_its_article(url: str) -> None:
    with new_store(url) as store:
        store.signatures.add(StoredSignature("http://s/article/aaaaaaaaaaaa", "ab12", None, None))
        store.flush()  # another item's batch commits: the signature must not go without its article
        assert list(store.signatures.load()) == [] and count(url, "articles") == 0
        store.signatures.add(StoredSignature("http://s/article/dddddddddddd", "cd34", None, None))
        store.store_article(article("http://s/article/aaaaaaaaaaaa"))
        store.flush()
        assert [s.key for s in store.signatures.load()] == ["http://s/article/aaaaaaaaaaaa"]
        assert store.orphan_signatures == 1


def test_duplicates_and_runs(url: str) -> None:
    with new_store(url) as store:
        run = store.start_run("trtworld")
        store.record_duplicate("http://s/article/bbbbbbbbbbbb", "http://s/article/aaaaaaaaaaaa", 0.91, "near")
        store.finish_run("finished", {"item_scraped_count": 3, "downloader/response_count": 5})
        assert store.known_pages()["http://s/article/bbbbbbbbbbbb"].is_duplicate
        rows = store.query("SELECT id, spider, finish_reason, finished_at IS NOT NULL, pages FROM crawl_runs")
    assert [(r[0], r[1], r[2], bool(r[3]), r[4]) for r in rows] == [(run, "trtworld", "finished", True, 5)]


def test_a_value_the_database_refuses_rejects_only_its_article(url: str) -> None:
    with new_store(url) as store:
        store.store_article(article("http://s/article/000000000001"))
        store.store_article(article("http://s/article/000000000002", headline="broken \ud800 surrogate"))
        store.store_article(article("http://s/article/000000000003"))
        store.flush()
        assert [key for key, _ in store.rejected] == ["http://s/article/000000000002"]
        assert store.failed is None
    assert count(url, "articles") == 2


def test_a_shared_run_is_one_run_for_recovery_and_in_the_totals(url: str) -> None:
    with new_store(url) as first, new_store(url) as second:
        first.start_run("trtworld", run_key="run-1", worker="a:1")
        second.start_run("trtworld", run_key="run-1", worker="b:2")
        first.finish_run("finished", {"downloader/response_count": 10, "newsbot/store/new": 4})
        # its partner of the same run, still running, is not a previous run
        assert second.previous_run("trtworld") is None
    with new_store(url) as third:
        third.start_run("trtworld", run_key="run-2", worker="a:3")
        finished_at, _ = third.previous_run("trtworld")
        assert finished_at is None, "a worker of run-1 never recorded its end: the run as a whole did not finish"
        totals = third.query("SELECT run, workers, pages, stored, unfinished FROM crawl_run_totals ORDER BY run")
    assert [tuple(row) for row in totals] == [("run-1", 2, 10, 4, 1), ("run-2", 1, None, None, 1)]


# -- SQLite only ---------------------------------------------------------------------------
def test_unwritable_path_fails_with_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match=r"cannot open SQLite database .*a-file/news\.db"):
        SqliteStore(blocker / "news.db").open()


def test_index_rebuilt_after_a_crash_mid_batch_matches_the_stored_articles(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    # a crawl that stores 7 unique stories (and one copy) in batches of 3, then dies with no flush
    script = f"""
import os
from newsbot.dedup import NearDuplicateIndex
from newsbot.storage import SqliteStore
store = SqliteStore({str(path)!r}, batch_size=3)
store.open()
index = NearDuplicateIndex(store.signatures, window_days=None)
index.load()
for n in range(8):
    words = " ".join(f"w{{n}}x{{k}}" for k in range(60)) if n != 7 else " ".join(f"w0x{{k}}" for k in range(60))
    key = f"http://s/article/{{n:012d}}"
    verdict = index.check_and_add(key, words)
    if verdict.duplicate_of:
        store.record_duplicate(key, verdict.duplicate_of, verdict.similarity, verdict.kind)
        continue
    store.store_article({{"url": key, "canonicalUrl": key, "headline": "h", "articleBody": words, "relatedLinks": []}})
    if store.batch_full:
        store.flush()
os._exit(9)
"""
    result = subprocess.run([sys.executable, "-c", script], timeout=60, cwd=Path(__file__).parents[1])
    assert result.returncode == 9
    with SqliteStore(path) as store:
        articles = {url for (url,) in store.query("SELECT canonical_url FROM articles")}
        signatures = {key for (key,) in store.query("SELECT key FROM dedup_signatures")}
        assert len(articles) == 6 and signatures == articles  # two committed batches; the open one is lost
        index = NearDuplicateIndex(store.signatures, window_days=None)
        assert index.load() == 6
        lost = " ".join(f"w6x{k}" for k in range(60))
        assert index.check("http://s/article/000000000006", lost).kind == "unique"  # crawled again next time
        kept = " ".join(f"w1x{k}" for k in range(60))
        assert index.check("http://s/article/copy", kept).duplicate_of == "http://s/article/000000000001"


def test_a_first_release_file_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as connection:  # crawl_runs as the first release created it, no version table
        connection.executescript(
            "CREATE TABLE crawl_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, spider TEXT NOT NULL,"
            " started_at TEXT NOT NULL, finished_at TEXT, finish_reason TEXT, stats_json TEXT);"
            "INSERT INTO crawl_runs (spider, started_at, finished_at, finish_reason)"
            " VALUES ('trtworld', '2026-01-01T00:00:00+00:00', '2026-01-01T00:05:00+00:00', 'finished');"
        )
    with SqliteStore(path) as store:
        assert store.query("SELECT version FROM newsbot_schema") == [(SCHEMA_VERSION,)]
        assert store.previous_run("trtworld") == ("2026-01-01T00:05:00+00:00", "finished")
        store.start_run("trtworld", run_key="r", worker="w:1")
        assert store.query("SELECT run_key, worker FROM crawl_runs ORDER BY id") == [(None, None), ("r", "w:1")]
        assert store.query("SELECT workers FROM crawl_run_totals ORDER BY run") == [(1,), (1,)]
    with SqliteStore(path) as again:  # a migrated file opens as it is
        assert again.query("SELECT version FROM newsbot_schema") == [(SCHEMA_VERSION,)]
