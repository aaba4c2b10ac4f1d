"""Signature stores in step (memory and SQLite): date ranges, exact-hash lookups, nothing deleted;
and the covered-ranges bookkeeping of the index (newsbot.dedup.signatures, newsbot.dedup.ranges)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from services import store_url

from newsbot.dedup import MemorySignatureStore, NearDuplicateIndex, StoredSignature
from newsbot.dedup.exact import StoredDigests
from newsbot.dedup.ranges import CoveredRanges
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
