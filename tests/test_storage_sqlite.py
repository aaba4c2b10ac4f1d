"""The SQLite store: upsert, batch commit, reopen, revisions, unwritable paths."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsbot.dedup import NearDuplicateIndex
from newsbot.dedup.store import StoredSignature
from newsbot.storage import SqliteStore, StorageError


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


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_upsert_by_canonical_url(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with SqliteStore(path) as store:
        store.start_run("test")
        store.store_article(article("http://s/article/aaaaaaaaaaaa"))
        store.store_article(article("http://s/article/aaaaaaaaaaaa"))
        store.flush()
        store.store_article(article("http://s/article/aaaaaaaaaaaa", body="Corrected body."))
    assert count(path, "articles") == 1
    assert count(path, "revisions") == 2
    assert count(path, "links") == 2
    with sqlite3.connect(path) as connection:
        body, revision = connection.execute("SELECT article_body, revision FROM articles").fetchone()
    assert (body, revision) == ("Corrected body.", 2)


def test_writes_wait_for_a_batch_and_reopen_sees_them(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    store = SqliteStore(path, batch_size=3)
    store.open()
    store.store_article(article("http://s/article/000000000001", relatedLinks=[]))
    store.store_article(article("http://s/article/000000000002", relatedLinks=[]))
    assert not store.batch_full and count(path, "articles") == 0  # queued, not yet committed
    store.store_article(article("http://s/article/000000000003", relatedLinks=[]))
    assert store.batch_full
    assert store.flush() == 3
    assert count(path, "articles") == 3
    store.close()
    with SqliteStore(path) as reopened:
        (item_json,) = reopened.query(
            "SELECT item_json FROM articles WHERE canonical_url = ?", ("http://s/article/000000000002",)
        )[0]
        assert json.loads(item_json)["headline"] == "Headline of http://s/article/000000000002"
        known = reopened.known_pages()
        assert sorted(known) == [f"http://s/article/00000000000{n}" for n in (1, 2, 3)]
        assert not known["http://s/article/000000000001"].is_duplicate


def test_killed_process_loses_only_the_open_batch(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    script = f"""
import os
from newsbot.storage import SqliteStore
store = SqliteStore({str(path)!r}, batch_size=2)
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
    assert count(path, "articles") == 4  # two committed batches; the fifth article was never flushed


def test_signatures_commit_with_the_articles(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with SqliteStore(path) as store:
        store.signatures.add(StoredSignature("http://s/article/aaaaaaaaaaaa", "ab12", b"\x01\x02", 100.0))
        store.store_article(article("http://s/article/aaaaaaaaaaaa"))
        assert list(store.signatures.load()) == []  # nothing committed yet
        store.flush()
        assert [s.key for s in store.signatures.load()] == ["http://s/article/aaaaaaaaaaaa"]
        assert [s.key for s in store.signatures.load(since=200.0)] == []
        assert [s.key for s in store.signatures.load(since=50.0, until=150.0)] == ["http://s/article/aaaaaaaaaaaa"]


def test_a_signature_waits_for_its_article(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with SqliteStore(path) as store:
        store.signatures.add(StoredSignature("http://s/article/aaaaaaaaaaaa", "ab12", None, None))
        store.flush()  # another item's batch commits: the signature must not go without its article
        assert list(store.signatures.load()) == [] and count(path, "articles") == 0
        store.signatures.add(StoredSignature("http://s/article/dddddddddddd", "cd34", None, None))
        store.store_article(article("http://s/article/aaaaaaaaaaaa"))
        store.flush()
        assert [s.key for s in store.signatures.load()] == ["http://s/article/aaaaaaaaaaaa"]
        assert store.orphan_signatures == 1


def test_duplicates_and_runs(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with SqliteStore(path) as store:
        run = store.start_run("trtworld")
        store.record_duplicate("http://s/article/bbbbbbbbbbbb", "http://s/article/aaaaaaaaaaaa", 0.91, "near")
        store.finish_run("finished", {"item_scraped_count": 3})
        assert store.known_pages()["http://s/article/bbbbbbbbbbbb"].is_duplicate
        rows = store.query("SELECT id, spider, finish_reason, finished_at IS NOT NULL FROM crawl_runs")
    assert rows == [(run, "trtworld", "finished", 1)]


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
