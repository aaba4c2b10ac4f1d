"""The index's in-memory arrays: hash tables, band keys, bulk load, compaction; which imports it costs."""

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsbot.dedup import MemorySignatureStore, NearDuplicateIndex, StoredSignature, encode_minhash
from newsbot.dedup.bands import HashTable, band_keys
from newsbot.dedup.held import HeldSignatures

VOCAB = [f"word{i}" for i in range(400)] + ["İstanbul", "Türkiye’nin", "“quoted”", "ılık"]


def story(rng: random.Random, n: int = 120) -> str:
    return " ".join(rng.choice(VOCAB) for _ in range(n))


def edited(text: str, rng: random.Random, share: float = 0.03) -> str:
    words = text.split()
    for _ in range(int(len(words) * share)):
        words[rng.randrange(len(words))] = "changed"
    return " ".join(words)


# -- HashTable -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("pending_limit", "buffer"), [(1, 1024), (7, 2), (40, 8), (100_000, 5), (100_000, 1024)])
def test_hash_table_answers_like_a_dict_of_lists(monkeypatch, pending_limit, buffer):
    # buffer 2 < 3 keys an add: straight to the young arrays; 8 and 40: buffer, young and main
    monkeypatch.setattr(HashTable, "PENDING_LIMIT", pending_limit)
    monkeypatch.setattr(HashTable, "BUFFER", buffer)
    rng = np.random.default_rng(3)
    table = HashTable(np.uint32)
    expected: dict[int, list[int]] = {}
    bulk_keys = rng.integers(0, 50, size=200, dtype=np.uint32)
    table.bulk(bulk_keys, np.arange(200))
    for slot, key in enumerate(bulk_keys.tolist()):
        expected.setdefault(key, []).append(slot)
    for slot in range(200, 260):
        keys = rng.integers(0, 80, size=3, dtype=np.uint32)
        table.add(keys, slot)
        for key in keys.tolist():
            expected.setdefault(key, []).append(slot)
        probe = rng.choice(90, size=4, replace=False).astype(np.uint32)  # answers between inserts, too
        want = sorted(s for key in probe.tolist() for s in expected.get(key, []))
        assert sorted(table.lookup(probe).tolist()) == want
        assert table.contains(probe).tolist() == [key in expected for key in probe.tolist()]
    assert len(table) == 200 + 60 * 3
    for key in range(90):
        want = sorted(expected.get(key, []))
        assert sorted(table.lookup(np.array([key], np.uint32)).tolist()) == want
        assert sorted(table.lookup_one(key)) == want
    both = sorted(table.lookup(np.array([1, 2], np.uint32)).tolist())
    assert both == sorted(expected.get(1, []) + expected.get(2, []))


def test_band_keys_depend_on_the_band_values_and_on_the_band_number():
    rng = np.random.default_rng(5)
    a = rng.integers(0, 2**32, size=256, dtype=np.uint64).astype(np.uint32)
    b = a.copy()
    b[7] ^= 1  # inside band 1 (rows 5..9) of 40 x 5
    ka, kb = band_keys(a, 40, 5), band_keys(b, 40, 5)
    assert ka.shape == (40,) and ka.dtype == np.uint32
    assert [i for i in range(40) if ka[i] != kb[i]] == [1]
    assert np.array_equal(band_keys(np.stack([a, b]), 40, 5), np.stack([ka, kb]))
    same = np.tile(a[:5], 52)  # every band holds the same five values
    assert len(set(band_keys(same, 40, 5).tolist())) == 40


# -- bulk load == one by one -----------------------------------------------------------------------
def test_bulk_load_decides_like_adding_one_by_one_and_counts_incompatible_blobs():
    rng = random.Random(11)
    texts = [story(rng) for _ in range(60)]
    source = NearDuplicateIndex(MemorySignatureStore(), window_days=None)
    sigs = [source.signature(f"k{i}", t, 1_000_000.0 + i) for i, t in enumerate(texts)]
    odd = [
        StoredSignature(
            "wide",
            "h-wide",
            sigs[0].minhash[:6]
            + b"\x08"
            + sigs[0].minhash[7:16]
            + np.frombuffer(sigs[0].minhash[16:], "<u4").astype("<u8").tobytes(),
            None,
        ),
        StoredSignature("seed", "h-seed", encode_minhash(np.zeros(256), 100, seed=99), None),
        StoredSignature("short", "h-short", encode_minhash(np.zeros(128), 100, seed=1), None),
        StoredSignature("junk", "h-junk", b"not a signature", None),
        StoredSignature("none", "h-none", None, None),
    ]
    store = MemorySignatureStore()
    for sig in sigs + odd:
        store.add(sig)
    bulk = NearDuplicateIndex(store, window_days=None)
    assert bulk.load() == 65
    one = NearDuplicateIndex(MemorySignatureStore(), window_days=None)
    for sig in sigs + odd:
        one.add(sig.key, sig)
    assert bulk.incompatible == one.incompatible == 3  # other seed, other num_perm, no header
    queries = [edited(t, rng) for t in texts[:20]] + [story(rng) for _ in range(10)]
    for i, q in enumerate(queries):
        a, b = bulk.check(f"q{i}", q), one.check(f"q{i}", q)
        assert (a.kind, a.duplicate_of, a.similarity, a.containment) == (
            b.kind,
            b.duplicate_of,
            b.similarity,
            b.containment,
        )
    assert [bulk.check(f"q{i}", q).duplicate_of for i, q in enumerate(queries[:20])] == [f"k{i}" for i in range(20)]
    # the 8-byte layout decodes to the same values: a copy of story 0 is found through "wide" or k0
    assert bulk.check("x", texts[0]).duplicate_of in {"k0"}


@pytest.mark.parametrize(("buffer", "pending_limit"), [(45, 130), (1024, 65536)])
def test_one_by_one_inserts_give_the_candidates_and_verdicts_of_a_bulk_load(monkeypatch, buffer, pending_limit):
    # 45 and 130 entries: a story's 40 band keys fill the buffer at every second insert and the
    # young arrays reach the main ones every few stories; the defaults keep them in the buffer
    monkeypatch.setattr(HashTable, "BUFFER", buffer)
    monkeypatch.setattr(HashTable, "PENDING_LIMIT", pending_limit)
    rng = random.Random(23)
    originals = [story(rng) for _ in range(45)]
    items: list[tuple[str, str, str | None]] = []  # (key, text, key it copies or None)
    for i, text in enumerate(originals):
        items.append((f"o{i}", text, None))
        if i % 3 == 2:
            j = rng.randrange(i + 1)
            items.append((f"n{i}", edited(originals[j], rng), f"o{j}"))
        if i % 5 == 4:
            j = rng.randrange(i + 1)
            items.append((f"e{i}", originals[j], f"o{j}"))
    crawl = NearDuplicateIndex(MemorySignatureStore(), window_days=None)

    def keys_of(index: NearDuplicateIndex, text: str) -> set[str]:
        hv = index._compute("probe", text, None, None)[1]
        return {index._held._keys[s] for s in index._held.candidates(hv).tolist()}

    for step, (key, text, copy_of) in enumerate(items):
        if step % 6 == 5:  # the crawl so far against a fresh bulk load of what it stored
            bulk = NearDuplicateIndex(crawl.store, window_days=None)
            bulk.load()
            assert keys_of(crawl, text) == keys_of(bulk, text)
            a, b = crawl.check(key, text), bulk.check(key, text)
            assert (a.kind, a.duplicate_of, a.similarity, a.containment) == (
                b.kind,
                b.duplicate_of,
                b.similarity,
                b.containment,
            )
        verdict = crawl.check_and_add(key, text)
        assert verdict.duplicate_of == copy_of, key
    assert len(crawl) == len(originals)
    bulk = NearDuplicateIndex(crawl.store, window_days=None)
    assert bulk.load() == len(originals)
    for i, text in enumerate(originals):
        assert keys_of(crawl, text) == keys_of(bulk, text)
        assert f"o{i}" in keys_of(crawl, text)
        assert crawl.check("q", edited(text, rng)).duplicate_of == bulk.check("q", text).duplicate_of == f"o{i}"


# -- forgetting and compaction ---------------------------------------------------------------------
def test_discard_and_compaction_keep_every_answer(monkeypatch):
    monkeypatch.setattr(HeldSignatures, "COMPACT_MIN", 3)
    rng = random.Random(17)
    texts = [story(rng) for _ in range(40)]
    index = NearDuplicateIndex(MemorySignatureStore(), window_days=None)
    for i, t in enumerate(texts):
        index.add(f"k{i}", t)
    for i in range(0, 40, 3):  # 14 forgotten: more than COMPACT_MIN, fewer than the living
        assert index.discard(f"k{i}")
    for i in range(1, 40, 3):  # 13 more: the dead now outnumber the living, a compaction runs
        assert index.discard(f"k{i}")
    assert not index.discard("k0")
    assert len(index) == 13
    assert index._held._dead < 13  # compacted at least once
    for i, t in enumerate(texts):
        verdict = index.check(f"q{i}", edited(t, rng))
        assert verdict.duplicate_of == (None if i % 3 in (0, 1) else f"k{i}")
        exact = index.check(f"e{i}", t)
        assert exact.kind == ("unique" if i % 3 in (0, 1) else "exact")
    index.add("k0", texts[0])  # a forgotten key comes back
    assert index.check("q", texts[0]).duplicate_of == "k0"


def test_re_adding_a_key_replaces_its_signature():
    rng = random.Random(19)
    first, second = story(rng), story(rng)
    index = NearDuplicateIndex(MemorySignatureStore(), window_days=None)
    index.add("k", first)
    index.add("k", second)
    assert len(index) == 1
    assert index.check("q", edited(first, rng)).kind == "unique"
    assert index.check("q", edited(second, rng)).duplicate_of == "k"


def test_keys_whose_hashes_collide_stay_apart(monkeypatch):
    import newsbot.dedup.held as held_module

    monkeypatch.setattr(held_module, "_key_hash", lambda key: 42)  # every key in one bucket
    rng = random.Random(23)
    first, second = story(rng), story(rng)
    index = NearDuplicateIndex(MemorySignatureStore(), window_days=None)
    index.add("a", first)
    assert "b" not in index
    index.add("b", second)
    assert len(index) == 2 and "a" in index and "b" in index
    assert index.check("q", edited(first, rng)).duplicate_of == "a"
    assert index.discard("a")
    assert "a" not in index and "b" in index
    assert index.check("b", edited(second, rng)).kind == "unique"  # a story is never its own copy
    assert index.check("q", edited(second, rng)).duplicate_of == "b"


# -- import: datasketch (and the scipy its __init__ imports) only where texts are judged ---------
def _imported_after(code: str) -> list[str]:
    check = (
        f"import json, sys\n{code}\nprint(json.dumps(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules)))\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", check], cwd=root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_commands_that_read_the_store_do_not_import_datasketch():
    commands = "newsbot.archive.export_command, newsbot.archive.report_command, newsbot.archive.browse"
    assert _imported_after(f"import newsbot.storage, newsbot.db_command, newsbot.dedup, {commands}") == []


def test_an_index_imports_datasketch_when_it_is_built():
    code = (
        "from newsbot.dedup import MemorySignatureStore, NearDuplicateIndex\nNearDuplicateIndex(MemorySignatureStore())"
    )
    assert _imported_after(code) == ["datasketch", "scipy"]
