"""Signature stores in step (memory and SQLite): date ranges, exact-hash lookups, nothing deleted;
and the covered-ranges bookkeeping of the index (newsbot.dedup.signatures, newsbot.dedup.ranges)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from services import store_url

from newsbot.dedup import MemorySignatureStore, NearDuplicateIndex, StoredSignature
from newsbot.dedup.exact import RecentAnswers, StoredDigests
from newsbot.dedup.index import PreparedText
from newsbot.dedup.ranges import CoveredRanges
from newsbot.errors import StorageError
from newsbot.storage import SqliteStore
from newsbot.storage.factory import make_store

DAY = 86400.0
T0 = 1_700_000_000.0
SIGNATURES = [
    StoredSignature("http://s/article/000000000001", "aa01", b"\x01", T0),
    StoredSignature("http://s/article/000000000002", "aa02", b"\x02", T0 + DAY),
    StoredSignature("http://s/article/000000000003", "aa01", None, T0 + 2 * DAY),
    StoredSignature("http://s/article/000000000004", "aa04", b"\x04", None),
]


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """A store holding SIGNATURES, committed."""
    if request.param == "memory":
        memory = MemorySignatureStore()
        for signature in SIGNATURES:
            memory.add(signature)
        yield memory
        return
    with store_url(request.param, tmp_path) as url, make_store(url) as backend:
        for signature in SIGNATURES:
            backend.signatures.add(signature)
            backend.store_article({"url": signature.key, "headline": "h", "articleBody": "b", "relatedLinks": []})
        backend.flush()
        yield backend.signatures


def keys(signatures: object) -> list[str]:
    return sorted(s.key[-1] for s in signatures)  # type: ignore[attr-defined]


def test_load_by_date_range(store) -> None:
    assert keys(store.load()) == ["1", "2", "3", "4"]
    assert keys(store.load(since=T0 + DAY)) == ["2", "3", "4"]  # undated ones by default
    assert keys(store.load(since=T0 + DAY, undated=False)) == ["2", "3"]
    assert keys(store.load(T0, T0 + DAY, undated=False)) == ["1", "2"]  # both ends included
    assert keys(store.load(until=T0 + DAY / 2, undated=False)) == ["1"]
    assert keys(store.load(T0 + 3 * DAY, T0 + 9 * DAY, undated=False)) == []
    assert keys(store.load(T0 + 3 * DAY, T0 + 9 * DAY)) == ["4"]


def test_exact_hash_lookups_see_every_date(store) -> None:
    assert sorted(store.exact_hashes()) == ["aa01", "aa01", "aa02", "aa04"]
    assert store.keys_with_exact_hash("aa01") == ["http://s/article/000000000001", "http://s/article/000000000003"]
    assert store.keys_with_exact_hash("aa04") == ["http://s/article/000000000004"]
    assert store.keys_with_exact_hash("ffff") == []


def test_loading_an_index_with_a_window_deletes_no_signature(store) -> None:
    index = NearDuplicateIndex(store, window_days=1)
    assert index.load(now=T0 + 2 * DAY) == 3  # the last day's two and the undated one
    assert keys(store.load()) == ["1", "2", "3", "4"]
    assert not hasattr(store, "prune")


def test_sqlite_range_reads_see_committed_rows_only(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "news.db") as sqlite:
        sqlite.signatures.add(SIGNATURES[0])
        sqlite.store_article({"url": SIGNATURES[0].key, "headline": "h", "articleBody": "b", "relatedLinks": []})
        assert list(sqlite.signatures.load(T0 - DAY, T0 + DAY)) == []
        assert sqlite.signatures.keys_with_exact_hash("aa01") == []
        sqlite.flush()
        assert list(sqlite.signatures.load(T0 - DAY, T0 + DAY)) == [SIGNATURES[0]]
        assert sqlite.signatures.keys_with_exact_hash("aa01") == [SIGNATURES[0].key]


def test_stored_digests() -> None:
    digests = StoredDigests(["aa01", "aa02", "aa01", "0123456789abcdef0123456789abcdef"])
    assert len(digests) == 3 and digests.nbytes == 24
    assert digests.might_contain("aa01") and digests.might_contain("0123456789abcdef0123456789abcdef")
    assert not digests.might_contain("aa03") and not StoredDigests().might_contain("aa01")


def test_covered_ranges() -> None:
    covered = CoveredRanges()
    assert not covered and covered.missing(0, 10) == [(0, 10)]
    covered.add(0, 10)
    covered.add(20, 30)
    assert covered.covers(0, 10) and covered.covers(2, 3) and not covered.covers(5, 25)
    assert covered.missing(5, 25) == [(10, 20)]
    assert covered.missing(-5, 40) == [(-5, 0), (10, 20), (30, 40)]
    assert covered.missing(12, 18) == [(12, 18)] and covered.missing(21, 29) == []
    covered.add(10, 20)  # touching both: one interval
    assert covered.intervals == [(0, 30)]
    covered.add(-math.inf, -100)
    covered.add(50, math.inf)
    assert covered.missing(-math.inf, math.inf) == [(-100, 0), (30, 50)]
    covered.add(-200, 60)
    assert covered.intervals == [(-math.inf, math.inf)] and covered.covers(-math.inf, math.inf)
    with pytest.raises(ValueError):
        covered.add(5, 1)


def old_copy(key: str, exact_hash: str, published: float) -> PreparedText:
    """A text (of no MinHash: exact layer only) whose normalised body hashes to ``exact_hash``."""
    return PreparedText(key, published, StoredSignature(key, exact_hash, None, published), None, None)


def test_the_exact_layer_asked_on_demand_finds_stored_bodies_of_any_age(store) -> None:
    index = NearDuplicateIndex(store, window_days=1, exact_on_demand=True)
    index.load(now=T0 + 400 * DAY)
    assert index.stored_digests == 0 and index.exact_lookups == 0  # nothing read for the exact layer at start
    verdict = index.decide(old_copy("http://s/new/1", "aa01", T0 + 400 * DAY))
    assert (verdict.kind, verdict.duplicate_of) == ("exact", "http://s/article/000000000001")  # the oldest write
    assert index.decide(old_copy("http://s/new/2", "aa04", T0 + 400 * DAY)).duplicate_of == SIGNATURES[3].key
    assert index.decide(old_copy("http://s/new/3", "aa99", T0 + 400 * DAY)).kind == "unique"
    assert index.exact_lookups == 2  # the undated story is held: no lookup for its body
    # a story is never its own copy, and the store's answer is remembered
    for _ in range(2):
        assert index.decide(old_copy(SIGNATURES[1].key, "aa02", T0 + 400 * DAY)).kind == "unique"
        assert index.exact_lookups == 3


def test_the_exact_layer_asked_on_demand_says_when_it_must_read_the_store(store) -> None:
    index = NearDuplicateIndex(store, window_days=1, exact_on_demand=True)
    index.load(now=T0 + 400 * DAY)
    prepared = old_copy("http://s/new/1", "aa02", T0 + 400 * DAY)
    assert index.decide_in_memory(prepared) is None and index.exact_lookups == 0
    assert index.decide(prepared).duplicate_of == SIGNATURES[1].key
    again = old_copy("http://s/new/2", "aa02", T0 + 400 * DAY)
    assert index.decide_in_memory(again).duplicate_of == SIGNATURES[1].key and index.exact_lookups == 1


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_store_error_during_an_exact_lookup_is_a_storage_failure(backend: str, tmp_path: Path) -> None:
    with store_url(backend, tmp_path) as url, make_store(url) as stored:
        stored.signatures.add(SIGNATURES[0])
        stored.store_article({"url": SIGNATURES[0].key, "headline": "h", "articleBody": "b", "relatedLinks": []})
        stored.flush()
        index = NearDuplicateIndex(stored.signatures, window_days=1, exact_on_demand=True)
        index.load(now=T0 + 400 * DAY)
        with make_store(url) as other:  # the table goes away under the crawl: a real read error
            other.query("SELECT 1")
            drop(other)
        with pytest.raises(StorageError):
            index.decide(old_copy("http://s/new/1", "aa05", T0 + 400 * DAY))
        assert index.exact_lookups == 1 and "http://s/new/1" not in index  # never held as new


def drop(store: object) -> None:
    """Drop the signature table of ``store`` in a transaction of its own."""
    if isinstance(store, SqliteStore):
        with store._db_lock:
            store.connection.execute("DROP TABLE dedup_signatures")
            store.connection.commit()
    else:
        store._execute("DROP TABLE dedup_signatures", (), "dropping")  # type: ignore[attr-defined]


def test_recent_answers_keep_the_last_ones_only() -> None:
    answers = RecentAnswers(size=2)
    assert answers.remember("aa01", ["k1"]) == ("k1",) and answers.remember("aa02", []) == ()
    assert answers.get("aa01") == ("k1",)  # now the most recent
    answers.remember("aa03", ["k3"])
    assert answers.get("aa02") is None and answers.get("aa01") == ("k1",) and len(answers) == 2
    with pytest.raises(ValueError):
        RecentAnswers(size=0)
