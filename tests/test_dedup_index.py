"""NearDuplicateIndex: exact and near layers, thresholds, window, persistence (newsbot.dedup.index)."""

import dataclasses
import math
import struct
import threading

import numpy as np
import pytest
import xxhash
from datasketch import MinHash
from dedup_corpus import DISTINCT_EDITS, DUPLICATE_EDITS, TOPICS, Corpus, jaccard

from newsbot.dedup import (
    MemorySignatureStore,
    NearDuplicateIndex,
    StoredSignature,
    Verdict,
    decode_minhash,
    encode_minhash,
    lsh_params,
    shingles,
)

DAY = 86400.0
T0 = 1_750_000_000.0

CORPUS = Corpus(seed=101)


def words(n, prefix="w", start=0):
    """n distinct made-up words: a text whose 3-gram set is fully controlled."""
    return [f"{prefix}{i}" for i in range(start, start + n)]


def text_of(ws):
    return " ".join(ws)


def true_jaccard(a, b):
    return jaccard(set(shingles(a)), set(shingles(b)))


@pytest.fixture
def store():
    return MemorySignatureStore()


@pytest.fixture
def index(store):
    return NearDuplicateIndex(store, window_days=None)


# -- exact layer -------------------------------------------------------------------------------
def test_exact_copy_with_other_case_and_punctuation(index):
    base = CORPUS.story("trade", 0).text
    assert index.check_and_add("a", base).kind == "unique"
    copy = base.upper().replace(".", " !").replace(",", "")
    v = index.check_and_add("b", copy)
    assert (v.kind, v.duplicate_of, v.similarity) == ("exact", "a", 1.0)
    assert v.signature is None
    assert "b" not in index and len(index) == 1


def test_exact_copy_of_short_text_and_headline_separates_stock_bodies(store):
    index = NearDuplicateIndex(store, window_days=None)
    body = "More to follow."
    v1 = index.check_and_add("a", body, headline="Earthquake hits Izmir")
    assert v1.kind == "unique" and v1.signature.minhash is None  # too short for MinHash
    assert index.check_and_add("b", body, headline="Election result delayed").kind == "unique"
    v3 = index.check_and_add("c", "MORE to follow!", headline="earthquake hits İzmir")
    assert (v3.kind, v3.duplicate_of) == ("exact", "a")


def test_short_texts_use_the_exact_layer_only(index):
    short = text_of(words(20))
    index.check_and_add("a", short)
    one_word_changed = text_of([*words(19), "other"])
    assert index.check("b", one_word_changed).kind == "unique"
    assert index.check("c", short).kind == "exact"


def test_empty_text_is_never_a_duplicate(index):
    assert index.check_and_add("a", "").kind == "unique"
    assert index.check_and_add("b", "  ... ").kind == "unique"


# -- near layer: each edit type ----------------------------------------------------------------
@pytest.mark.parametrize("edit", DUPLICATE_EDITS)
def test_near_duplicate_edit_types_are_found(index, edit):
    bases = [CORPUS.story(topic, 0) for topic in sorted(TOPICS)]
    for b in bases:
        assert index.check_and_add(b.key, b.text).kind == "unique"
    for b in bases:
        copy = CORPUS.variant(b, edit, 0)
        v = index.check(copy.key, copy.text)
        assert v.kind == "near", (edit, b.key, true_jaccard(b.text, copy.text))
        assert v.duplicate_of == b.key
        assert 0.0 < v.similarity <= 1.0
        assert abs(v.similarity - true_jaccard(b.text, copy.text)) < 0.15


def test_truncated_copy_is_matched_by_containment(store):
    base = CORPUS.story("health", 3)
    cut = CORPUS.variant(base, "cut70", 0)
    for containment, expected in ((0.85, "near"), (None, "unique")):
        index = NearDuplicateIndex(MemorySignatureStore(), threshold=0.8, containment_threshold=containment)
        index.check_and_add(base.key, base.text)
        v = index.check(cut.key, cut.text)
        assert v.kind == expected
        if expected == "near":
            assert v.similarity < 0.8 and v.containment >= 0.85


@pytest.mark.parametrize("edit", DISTINCT_EDITS)
def test_rewrites_are_not_duplicates(index, edit):
    bases = [CORPUS.story(topic, i) for topic in sorted(TOPICS) for i in range(1, 4)]
    for b in bases:
        index.check_and_add(b.key, b.text)
    checked = 0
    for b in bases:
        other = CORPUS.variant(b, edit, 0)
        j = true_jaccard(b.text, other.text)
        if j > index.threshold - 0.05:  # the generator occasionally rewrites only short sentences
            continue
        checked += 1
        assert index.check(other.key, other.text).kind == "unique", j
    assert checked >= 0.8 * len(bases)


def test_different_stories_on_the_same_topic_are_not_merged(index):
    stories = [CORPUS.story(topic, i) for topic in ("election", "earthquake") for i in range(25)]
    verdicts = [index.check_and_add(s.key, s.text) for s in stories]
    assert [v.kind for v in verdicts] == ["unique"] * len(stories)
    assert len(index) == len(stories)


def test_copies_point_to_the_first_story_stored(index, store):
    base = CORPUS.story("energy", 2)
    a = CORPUS.variant(base, "headline_footer", 0)
    b = CORPUS.variant(base, "sentences2", 1)
    assert index.check_and_add(base.key, base.text).kind == "unique"
    assert index.check_and_add(a.key, a.text).duplicate_of == base.key
    assert index.check_and_add(b.key, b.text).duplicate_of == base.key
    assert [s.key for s in store.load()] == [base.key]


# -- thresholds ----------------------------------------------------------------------------------
def controlled_pair(n_words=400, every=20):
    """A text and a copy with every ``every``-th word replaced; returns (a, b, exact J)."""
    a = words(n_words)
    b = [f"x{i}" if i % every == 0 else w for i, w in enumerate(a)]
    return text_of(a), text_of(b), true_jaccard(text_of(a), text_of(b))


def test_threshold_edges():
    a, b, j = controlled_pair()
    assert 0.7 < j < 0.8
    estimates = {}
    for threshold in (0.5, 0.6, 0.9, 0.95):
        index = NearDuplicateIndex(MemorySignatureStore(), threshold=threshold, containment_threshold=None)
        index.check_and_add("a", a)
        v = index.check("b", b)
        assert v.kind == ("near" if threshold < j - 0.1 else "unique"), (threshold, j)
        if v.kind == "near":
            estimates[threshold] = v.similarity
    assert all(abs(e - j) < 0.08 for e in estimates.values())


def test_threshold_is_inclusive_at_the_estimate():
    a, b, _ = controlled_pair()
    probe = NearDuplicateIndex(MemorySignatureStore(), threshold=0.5, containment_threshold=None)
    probe.check_and_add("a", a)
    estimate = probe.check("b", b).similarity
    for threshold, kind in ((estimate, "near"), (estimate + 1 / 256, "unique")):
        index = NearDuplicateIndex(
            MemorySignatureStore(), threshold=threshold, containment_threshold=None, bands=64, rows=2
        )
        index.check_and_add("a", a)
        assert index.check("b", b).kind == kind


def test_threshold_one_only_matches_identical_signatures():
    a, b, _ = controlled_pair(every=50)
    index = NearDuplicateIndex(MemorySignatureStore(), threshold=1.0, containment_threshold=None)
    index.check_and_add("a", a)
    assert index.check("b", b).kind == "unique"
    assert index.check("c", a + " !").kind == "exact"


def test_invalid_settings_are_rejected(store):
    with pytest.raises(ValueError):
        NearDuplicateIndex(store, threshold=0)
    with pytest.raises(ValueError):
        NearDuplicateIndex(store, threshold=1.5)
    with pytest.raises(ValueError):
        NearDuplicateIndex(store, bands=100, rows=5)
    with pytest.raises(ValueError):
        NearDuplicateIndex(store, bands=10)
    with pytest.raises(ValueError):
        NearDuplicateIndex(store, window_days=0)


@pytest.mark.parametrize("num_perm", [64, 128, 256])
@pytest.mark.parametrize("threshold", [0.5, 0.68, 0.8, 0.95])
def test_lsh_params_sit_below_the_threshold(threshold, num_perm):
    bands, rows = lsh_params(threshold, num_perm)
    assert bands >= 2 and bands * rows <= num_perm
    floor = threshold - 0.08
    assert 1 - (1 - floor**rows) ** bands >= 0.96


def test_default_lsh_params():
    # measured on same-site text (bench/RESULTS.md): 5 rows keep candidates per query small
    index = NearDuplicateIndex(MemorySignatureStore())
    assert (index.num_perm, index.threshold, index.bands, index.rows) == (256, 0.68, 40, 5)


# -- check vs add --------------------------------------------------------------------------------
def test_check_does_not_insert(index, store):
    text = CORPUS.story("football", 0).text
    v = index.check("a", text)
    assert v.kind == "unique" and isinstance(v.signature, StoredSignature)
    assert len(index) == 0 and len(store) == 0
    assert index.check("b", text).kind == "unique"


def test_add_a_signature_computed_by_check(index, store):
    text = CORPUS.story("football", 1).text
    v = index.check("a", text, T0)
    index.add("a", v.signature)
    assert len(store) == 1 and next(iter(store.load())).published == T0
    assert index.check("b", text).duplicate_of == "a"
    index.add("c", CORPUS.story("football", 2).text, T0)
    assert "c" in index and len(store) == 2


def test_verdict_is_frozen():
    v = Verdict("unique")
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.kind = "near"
    assert not v.is_duplicate and Verdict("near", "x", 0.9).is_duplicate


def test_same_key_is_never_its_own_duplicate(index, store):
    text = CORPUS.story("climate", 0).text
    assert index.check_and_add("u", text).kind == "unique"
    again = index.check_and_add("u", text)
    assert again.kind == "unique" and again.duplicate_of is None
    assert index.check("u", text).kind == "unique"
    edited = CORPUS.variant(CORPUS.story("climate", 0), "words5", 0).text
    assert index.check_and_add("u", edited).kind == "unique"  # re-crawl with an edit
    assert len(index) == 1 and len(store) == 1
    # the re-added key replaced its signature: another URL with the edited text matches it
    assert index.check("v", edited).kind == "exact"
    assert index.check("w", text).duplicate_of == "u"


def test_concurrent_check_and_add_keeps_exactly_one_copy(index):
    text = CORPUS.story("diplomacy", 4).text
    barrier = threading.Barrier(8)
    verdicts = []

    def worker(i):
        barrier.wait()
        verdicts.append(index.check_and_add(f"k{i}", text))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    kinds = sorted(v.kind for v in verdicts)
    assert kinds == ["exact"] * 7 + ["unique"]
    assert len(index) == 1


# -- window --------------------------------------------------------------------------------------
def test_window_limits_near_comparison_to_nearby_dates(store):
    index = NearDuplicateIndex(store, window_days=7)
    base = CORPUS.story("election", 5)
    copy = CORPUS.variant(base, "words5", 0).text
    index.check_and_add(base.key, base.text, T0)
    assert index.check("c1", copy, T0 + 3 * DAY).duplicate_of == base.key
    assert index.check("c2", copy, T0 - 3 * DAY).duplicate_of == base.key
    assert index.check("c3", copy, T0 + 10 * DAY).kind == "unique"
    assert index.check("c5", copy, None).duplicate_of == base.key  # undated: compared with all


def test_exact_layer_ignores_the_window(store):
    index = NearDuplicateIndex(store, window_days=7)
    base = CORPUS.story("election", 7)
    index.check_and_add(base.key, base.text, T0)
    later = index.check("c4", base.text.upper(), T0 + 400 * DAY)
    assert (later.kind, later.duplicate_of) == ("exact", base.key)


def test_exact_layer_sees_stored_stories_the_index_does_not_hold(store):
    writer = NearDuplicateIndex(store, window_days=None)
    old = CORPUS.story("trade", 40)
    writer.check_and_add(old.key, old.text, T0)
    writer.check_and_add("flash", "Breaking: more to follow.", T0, headline="Quake hits the coast")
    reader = NearDuplicateIndex(store, window_days=7)
    assert reader.load(now=T0 + 300 * DAY) == 0 and old.key not in reader
    republished = reader.check_and_add("again", old.text, T0 + 300 * DAY, headline="A new headline")
    assert (republished.kind, republished.duplicate_of) == ("exact", old.key)
    flash = reader.check("flash2", "BREAKING: more to follow!", None, headline="quake hits the coast")
    assert (flash.kind, flash.duplicate_of) == ("exact", "flash")
    assert reader.stored_digests == 2


def test_undated_stored_story_is_compared_with_everything(store):
    index = NearDuplicateIndex(store, window_days=1)
    base = CORPUS.story("election", 6)
    index.check_and_add(base.key, base.text, None)
    copy = CORPUS.variant(base, "words5", 0).text
    assert index.check("c", copy, T0 + 400 * DAY).duplicate_of == base.key
    reloaded = NearDuplicateIndex(store, window_days=1)
    assert reloaded.load(now=T0) == 1  # undated signatures are always held
    assert reloaded.check("c", copy, T0 + 400 * DAY).duplicate_of == base.key


def test_load_holds_the_window_and_deletes_nothing(store):
    writer = NearDuplicateIndex(store, window_days=None)
    for i in range(5):
        writer.check_and_add(f"s{i}", CORPUS.story("trade", 10 + i).text, T0 + i * DAY)
    reader = NearDuplicateIndex(store, window_days=2)
    assert reader.load(now=T0 + 4 * DAY) == 3
    assert [k for k in ("s0", "s1", "s2", "s3", "s4") if k in reader] == ["s2", "s3", "s4"]
    assert sorted(s.key for s in store.load()) == ["s0", "s1", "s2", "s3", "s4"]
    assert reader.held_ranges() == [(T0 + 2 * DAY, math.inf)]


def test_a_story_from_another_period_loads_that_period_from_the_store(store):
    writer = NearDuplicateIndex(store, window_days=None)
    old = [CORPUS.story("health", 20 + i) for i in range(4)]
    for i, s in enumerate(old):
        writer.check_and_add(s.key, s.text, T0 + i * 30 * DAY)  # one a month
    reader = NearDuplicateIndex(store, window_days=7)
    assert reader.load(now=T0 + 200 * DAY) == 0
    copy = CORPUS.variant(old[1], "sentences2", 0)
    verdict = reader.check_and_add(copy.key, copy.text, T0 + 32 * DAY)
    assert (verdict.kind, verdict.duplicate_of) == ("near", old[1].key)
    assert reader.range_loads == 1 and reader.range_loaded == 1
    assert old[1].key in reader and old[0].key not in reader and old[2].key not in reader
    (low, high), _rest = reader.held_ranges()
    assert low <= T0 + 25 * DAY and high >= T0 + 39 * DAY
    # a story of the same period needs no second read
    near_again = CORPUS.variant(old[1], "words5", 1)
    assert reader.check(near_again.key, near_again.text, T0 + 33 * DAY).duplicate_of == old[1].key
    assert reader.range_loads == 1


def test_an_undated_text_makes_the_index_hold_every_date(store):
    writer = NearDuplicateIndex(store, window_days=None)
    base = CORPUS.story("energy", 40)
    writer.check_and_add(base.key, base.text, T0)
    reader = NearDuplicateIndex(store, window_days=7)
    reader.load(now=T0 + 500 * DAY)
    copy = CORPUS.variant(base, "words5", 0)
    assert reader.check(copy.key, copy.text, None).duplicate_of == base.key
    assert reader.held_ranges() == [(-math.inf, math.inf)]


def test_signatures_not_committed_yet_stay_held_when_their_period_is_read():
    store = CrashingStore()
    index = NearDuplicateIndex(store, window_days=7)
    index.load(now=T0 + 100 * DAY)
    base = CORPUS.story("football", 40)
    assert index.check_and_add(base.key, base.text, T0).kind == "unique"  # queued, not committed
    copy = CORPUS.variant(base, "headline_footer", 0)
    verdict = index.check_and_add(copy.key, copy.text, T0 + DAY)  # reads T0's period: nothing stored
    assert index.range_loads == 1 and (verdict.kind, verdict.duplicate_of) == ("near", base.key)


def test_a_story_rewritten_in_this_crawl_no_longer_matches_its_old_body():
    store = CrashingStore()
    first, second = CORPUS.story("climate", 40), CORPUS.story("climate", 41)
    NearDuplicateIndex(store, window_days=None).check_and_add("k", first.text, T0)
    store.commit()
    reader = NearDuplicateIndex(store, window_days=7)
    reader.load(now=T0 + 100 * DAY)
    reader.add("k", second.text, T0)  # re-indexed with its new body, not committed yet
    assert reader.check("other", first.text, T0 + 100 * DAY).kind == "unique"  # the old row is stale
    edited = CORPUS.variant(second, "words5", 0).text
    verdict = reader.check("other", edited, T0 + DAY)  # reads T0's period, which holds k's old row
    assert reader.range_loads == 1 and (verdict.kind, verdict.duplicate_of) == ("near", "k")
    assert reader.check("other", first.text, T0 + DAY).kind == "unique"


def decide(stories, split):
    """Verdicts over ``stories``: one index until ``split``, then a new one loaded from the same store."""
    store = MemorySignatureStore()
    first = NearDuplicateIndex(store, window_days=7)
    verdicts = [first.check_and_add(key, text, when) for key, text, when in stories[:split]]
    second = NearDuplicateIndex(store, window_days=7)
    second.load(now=max(when for _key, _text, when in stories[:split]))
    verdicts += [second.check_and_add(key, text, when) for key, text, when in stories[split:]]
    return [(v.kind, v.duplicate_of) for v in verdicts]


def test_a_split_sequence_decides_as_one_index_does():
    stories, expected = [], {}
    for i in range(12):  # stories two months apart, each copied three days later and republished
        base = CORPUS.story(sorted(TOPICS)[i % len(TOPICS)], 50 + i)
        when = T0 + i * 60 * DAY
        copy = CORPUS.variant(base, DUPLICATE_EDITS[i % len(DUPLICATE_EDITS)], 0)
        stories += [(base.key, base.text, when), (copy.key, copy.text, when + 3 * DAY),
                    (f"{base.key}/again", base.text, when + 200 * DAY)]  # fmt: skip
        expected |= {base.key: ("unique", None), copy.key: ("near", base.key), f"{base.key}/again": ("exact", base.key)}
    # every original first, newest ones among them, then the copies: a crawl's order, not the calendar's
    originals = [stories[i] for i in (0, 3, 33, 6, 9, 21, 12, 15, 18, 24, 27, 30)]
    stories = originals + [s for s in stories if s not in originals]
    whole = decide(stories, len(stories))
    assert whole == [expected[key] for key, _text, _when in stories]
    for split in (5, 12, 14, 20, 30):
        assert decide(stories, split) == whole, split


# -- persistence -----------------------------------------------------------------------------------
def test_new_index_over_the_same_store_sees_old_stories(store):
    first = NearDuplicateIndex(store)
    stories = [CORPUS.story("earthquake", i) for i in range(6)]
    for s in stories:
        first.check_and_add(s.key, s.text, T0)
    short = "Breaking: more to follow."
    first.check_and_add("short", short, T0)

    reopened = NearDuplicateIndex(store)
    assert len(reopened) == 0
    assert reopened.load(now=T0 + DAY) == 7
    copy = CORPUS.variant(stories[3], "sentences2", 0)
    v = reopened.check_and_add(copy.key, copy.text, T0 + DAY)
    assert (v.kind, v.duplicate_of) == ("near", stories[3].key)
    assert reopened.check("x", stories[0].text.upper(), T0).duplicate_of == stories[0].key
    assert reopened.check("y", short, T0).duplicate_of == "short"
    cut = CORPUS.variant(stories[1], "cut70", 0)  # containment needs the stored set size
    assert reopened.check(cut.key, cut.text, T0).duplicate_of == stories[1].key


def test_load_can_freeze_the_gc(store):
    import gc

    NearDuplicateIndex(store).check_and_add("a", CORPUS.story("trade", 30).text, T0)
    before = gc.get_freeze_count()
    try:
        assert NearDuplicateIndex(store).load(now=T0, freeze_gc=True) == 1
        assert gc.get_freeze_count() > before
        assert gc.isenabled()
    finally:
        gc.unfreeze()


class CrashingStore(MemorySignatureStore):
    """Buffers adds until commit(); crash() loses the open batch, like a killed crawl."""

    def __init__(self):
        super().__init__()
        self.pending = []

    def add(self, signature):
        self.pending.append(signature)

    def commit(self):
        for s in self.pending:
            super().add(s)
        self.pending = []

    def crash(self):
        self.pending = []


def test_rebuilt_index_equals_what_was_persisted_and_re_adding_works():
    store = CrashingStore()
    index = NearDuplicateIndex(store)
    stories = [CORPUS.story("energy", i) for i in range(6)]
    for s in stories[:3]:
        index.check_and_add(s.key, s.text, T0)
    store.commit()
    for s in stories[3:]:
        index.check_and_add(s.key, s.text, T0)
    assert len(index) == 6
    store.crash()  # the last batch never reached the database

    rebuilt = NearDuplicateIndex(store)
    assert rebuilt.load(now=T0) == 3
    assert {k for k in (s.key for s in stories) if k in rebuilt} == {s.key for s in stories[:3]}
    lost = stories[4]
    copy_of_lost = CORPUS.variant(lost, "words5", 0)
    assert rebuilt.check(copy_of_lost.key, copy_of_lost.text, T0).kind == "unique"
    for s in stories[3:]:  # the crawl re-fetches the lost stories
        assert rebuilt.check_and_add(s.key, s.text, T0).kind == "unique"
    assert rebuilt.check(copy_of_lost.key, copy_of_lost.text, T0).duplicate_of == lost.key
    store.commit()
    assert NearDuplicateIndex(store).load(now=T0) == 6


def test_signatures_with_other_settings_are_kept_for_the_exact_layer_only(store):
    text = CORPUS.story("trade", 20).text
    NearDuplicateIndex(store, num_perm=128).check_and_add("a", text, T0)
    index = NearDuplicateIndex(store)  # 256 permutations
    assert index.load(now=T0) == 1 and index.incompatible == 1
    assert index.check("b", text, T0).kind == "exact"
    near = CORPUS.variant(CORPUS.story("trade", 20), "sentences2", 0).text
    assert index.check("c", near, T0).kind == "unique"


# -- signature bytes -------------------------------------------------------------------------------
def test_minhash_bytes_layout(index):
    text = CORPUS.story("climate", 7).text
    sig = index.signature("k", text, T0)
    blob = sig.minhash
    assert len(blob) == 16 + 4 * 256
    magic, version, scheme, width, reserved, size, seed = struct.unpack_from("<4sBBBBII", blob)
    assert (magic, version, scheme, width, reserved, seed) == (b"NBMH", 1, 1, 4, 0, 1)
    assert size == len(set(shingles(text)))
    values = np.frombuffer(blob[16:], dtype="<u4")
    # the same values plain datasketch computes with the same settings in one update_batch
    m = MinHash(num_perm=256, seed=1, hashfunc=xxhash.xxh32_intdigest, scheme="affine32")
    m.update_batch(list(set(shingles(text))))
    assert np.array_equal(values, m.hashvalues.astype(np.uint64))
    assert sig.exact_hash == index.signature("other", text.upper()).exact_hash


def test_decode_minhash_forms():
    values = np.arange(1, 9, dtype=np.uint32) * 1000
    hv, size, seed = decode_minhash(encode_minhash(values, 42, 7))
    assert np.array_equal(hv, values) and (size, seed) == (42, 7)
    with pytest.raises(ValueError):
        decode_minhash(b"abc")
    with pytest.raises(ValueError):
        decode_minhash(values.astype("<u8").tobytes())  # no header


def test_bulk_signatures_match_single_ones(index):
    items = [(f"k{i}", CORPUS.story("football", i).text, T0 + i) for i in range(4)]
    items.append(("short", "tiny text", None))
    assert index.signatures(items) == [index.signature(*item) for item in items]


class CountingStore(MemorySignatureStore):
    """A memory store that counts how often the index reads it."""

    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def load(self, since=None, until=None, *, undated=True):
        self.reads += 1
        return super().load(since, until, undated=undated)

    def keys_with_exact_hash(self, exact_hash):
        self.reads += 1
        return super().keys_with_exact_hash(exact_hash)


def test_decide_in_memory_never_reads_the_store_and_says_when_it_would_have_to() -> None:
    store = CountingStore()
    writer = NearDuplicateIndex(store)
    old, recent = text_of(words(80, "old")), text_of(words(80, "new"))
    writer.add("http://s/old", old, T0 - 400 * DAY)
    writer.add("http://s/recent", recent, T0)
    index = NearDuplicateIndex(store)
    index.load(now=T0)
    store.reads = 0
    fresh = index.prepare("http://s/fresh", text_of(words(80, "fresh")), T0)
    assert index.decide_in_memory(fresh).kind == "unique" and store.reads == 0
    copy = index.prepare("http://s/copy", recent + " One more line.", T0)
    assert index.decide_in_memory(copy).duplicate_of == "http://s/recent" and store.reads == 0
    # a story of another year needs that year's signatures; an exact copy of a stored body, its key
    for text, published in ((old + " One more line.", T0 - 400 * DAY), (old, T0)):
        index = NearDuplicateIndex(store)
        index.load(now=T0)
        store.reads = 0
        prepared = index.prepare("http://s/late-copy", text, published)
        assert index.decide_in_memory(prepared) is None and store.reads == 0
        assert index.decide(prepared).duplicate_of == "http://s/old" and store.reads > 0


def test_decide_in_memory_does_not_wait_for_a_thread_holding_the_index() -> None:
    index = NearDuplicateIndex(MemorySignatureStore())
    prepared = index.prepare("http://s/a", text_of(words(80)), T0)
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with index._lock:
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(10)
    try:
        assert index.decide_in_memory(prepared) is None
    finally:
        release.set()
        holder.join(10)
    assert index.decide_in_memory(prepared).kind == "unique"


def test_the_exact_layer_gives_the_same_verdicts_asked_on_demand_as_from_digests() -> None:
    store = MemorySignatureStore()
    writer = NearDuplicateIndex(store, window_days=None)
    stories = [CORPUS.story(topic, n) for topic in list(TOPICS)[:3] for n in range(4)]
    for n, story in enumerate(stories):
        writer.check_and_add(story.key, story.text, T0 + n * 40 * DAY)  # spread over a year and more
    later = T0 + 600 * DAY
    offered = [(f"http://s/again/{n}", story.text.upper(), later + n) for n, story in enumerate(stories)]
    offered += [(f"http://s/edit/{n}", CORPUS.variant(story, edit).text, later) for n, story in enumerate(stories)
                for edit in DUPLICATE_EDITS[:2]]  # fmt: skip
    offered += [("http://s/flash", "Breaking: more to follow.", later), (stories[0].key, stories[0].text, later)]
    verdicts = {}
    for on_demand in (False, True):
        index = NearDuplicateIndex(store, window_days=7, exact_on_demand=on_demand)
        index.load(now=later)
        verdicts[on_demand] = [index.check(key, text, published) for key, text, published in offered]
        assert (index.stored_digests == 0) is on_demand and (index.exact_lookups > 0) is on_demand
    assert verdicts[True] == verdicts[False]
    assert [v.kind for v in verdicts[True][: len(stories)]] == ["exact"] * len(stories)
    assert verdicts[True][-1].kind == "unique"  # the story itself, stored under its own key
