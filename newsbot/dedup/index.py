"""Near-duplicate index: exact hash layer, then MinHash + LSH with verification (no Scrapy imports).

How a text is judged (:meth:`NearDuplicateIndex.check`):

1. **Exact layer.** The xxh3-128 digest of the normalised body (:func:`~newsbot.dedup.text.normalise`)
   is looked up among stored stories (those not held by a 64-bit digest of it, or, with
   ``exact_on_demand``, by asking the store). Texts shorter than
   ``min_words`` words stop here: their 3-gram sets are too small for MinHash to estimate
   anything useful. For them the optional headline is hashed together with the body, so two
   different flashes that share a stock sentence ("More to follow.") are not merged.
2. **MinHash** (datasketch's ``MinHash``). Word 3-gram shingles, ``num_perm`` permutations, fixed ``seed``,
   ``scheme="affine32"`` pinned, 32-bit xxhash as the hash function, computed with
   ``update_batch`` over the shingle set in a few batches of at most 64k cells (never one
   ``update`` per shingle).
3. **LSH** with ``bands x rows`` chosen *below* the threshold (:func:`lsh_params`: 40 x 5 for the
   defaults, candidate probability 0.96 at J = 0.6 and 0.998 at 0.68), held in numpy arrays
   (:mod:`newsbot.dedup.held`, :mod:`newsbot.dedup.bands`). Five rows per band, not three:
   stories of one site share phrasing, and with three rows their bands collide so often that
   every lookup verifies many unrelated stories (bench/RESULTS.md, "Cost that stays flat (#8): dedup").
4. **Verification**, of all candidates in one vectorised step. Every candidate published within
   ``window_days`` of the text (or without a date, on either side) is scored with the MinHash
   Jaccard estimate ``J`` and, as the shingle set sizes ``|A|, |B|`` are stored with the
   signature, with the containment estimate ``|A n B| / min(|A|, |B|)`` where
   ``|A n B| = J (|A| + |B|) / (1 + J)``. A candidate is a near duplicate when
   ``J >= threshold``, or when ``containment >= containment_threshold`` and the smaller set is at
   least ``containment_share`` of the larger (truncated copies: a story cut to 70% has J ~ 0.7 but
   containment ~ 1; a short story quoted whole inside a three times longer one is not a copy of
   it). The best-scoring one wins (the first stored on a tie).

The defaults (``threshold=0.68``, ``num_perm=256``, containment 0.85) were chosen with
bench/dedup_quality.py on synthetic copies (new headline and footer, words changed, sentences
dropped or added, cut short) and rewrites that must stay apart; its recall and false-merge
figures are in bench/RESULTS.md ("Near-duplicate quality").

Only unique stories are inserted (:meth:`NearDuplicateIndex.check_and_add`): copies point to the
first story stored, which keeps its id. Each inserted signature is written through the
:class:`~newsbot.dedup.signatures.SignatureStore`; nothing here ever deletes a stored signature. One
exception, decided by the caller: a near copy that is *fuller* (10% more distinct shingles) than
its original, when that original is a story this index judged new itself and its write can still
be undone (the store has not committed it), may take its place
(:meth:`NearDuplicateIndex.supersede`; the dedup pipeline does it within one batch). A committed
story is never replaced.

**What is held in memory, and why a decision never depends on it.** The window bounds what the index
holds in memory, never what is stored. :meth:`NearDuplicateIndex.load` reads the 64-bit digests of
*every* stored ``exact_hash`` (:mod:`newsbot.dedup.exact`, 8 bytes a story; with ``exact_on_demand``
none: the store is asked for the exact hash of each text the held signatures do not answer, one
indexed read, the last answers remembered), every undated signature, and the full signatures
published in ``[now - window_days, ...)``. Before a text published at ``p`` is judged, the
signatures of ``[p - window_days, p + window_days]`` not held yet are loaded from the store (with
one more window of margin on each side, so that the next stories of a crawl rarely need another
read; :mod:`newsbot.dedup.ranges` remembers what is held). An undated text is compared with
everything, so it makes the index load every date. Everything inserted during the crawl stays held
(it may not be committed to the store yet). So the candidates a text is compared with are exactly
those an index holding the whole store would give it: a resumed, split or incremental crawl decides
each copy as one crawl does. The exact layer ignores the window: a body equal to a stored story's is
a copy whatever their dates (a story republished months later under a new id).

The layout of the signature bytes is in :mod:`newsbot.dedup.minhash`. Signatures whose seed or
``num_perm`` differ from the index's are kept for the exact layer only.
"""

from __future__ import annotations

import gc
import math
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import xxhash

from .exact import RecentAnswers, StoredDigests
from .held import HeldSignatures
from .minhash import SCHEME, decode_minhash, encode_minhash, lsh_params
from .ranges import CoveredRanges
from .signatures import SignatureStore, StoredSignature
from .text import exact_hash, normalise, shingles, word_count

__all__ = [
    "DEFAULT_CONTAINMENT",
    "DEFAULT_CONTAINMENT_SHARE",
    "DEFAULT_MIN_WORDS",
    "DEFAULT_NUM_PERM",
    "DEFAULT_SEED",
    "DEFAULT_THRESHOLD",
    "DEFAULT_WINDOW_DAYS",
    "NearDuplicateIndex",
    "PreparedText",
    "Verdict",
    "decode_minhash",
    "encode_minhash",
    "lsh_params",
]

# Chosen with bench/dedup_quality.py (see bench/results/dedup_quality.md).
DEFAULT_THRESHOLD = 0.68
DEFAULT_CONTAINMENT = 0.85
#: a version is *fuller* than another with at least this many times its distinct shingles: copy
#: edits change a story's length by a few percent, and swapping such versions would only churn
FULLER = 1.1
#: the smaller story must be at least this share of the larger for containment to make it a copy:
#: the LSH bands find pairs from J = threshold - 0.08 = 0.6 on reliably (:func:`lsh_params`), and a
#: copy cut to a share s of its original has J ~ s, so a smaller share would be found by chance only
DEFAULT_CONTAINMENT_SHARE = 0.6
DEFAULT_NUM_PERM = 256
DEFAULT_SEED = 1
DEFAULT_MIN_WORDS = 25
DEFAULT_WINDOW_DAYS = 7.0
SHINGLE_SIZE = 3

_DAY = 86400.0


# 32-bit xxhash (seed 0), a C builtin called directly by MinHash.update_batch: faster than
# datasketch's default sha1_hash32 (bench/RESULTS.md, "Near-duplicate speed") and picklable.
_HASHFUNC = xxhash.xxh32_intdigest
_EMPTY_HASH = exact_hash("")


@dataclass(frozen=True)
class Verdict:
    """What the index says about one text.

    ``kind`` is ``"exact"`` (same normalised body), ``"near"`` (MinHash match) or ``"unique"``.
    ``duplicate_of`` is the key of the stored story it duplicates, ``similarity`` the estimated
    Jaccard similarity of their shingle sets (1.0 for exact), ``containment`` the estimated share
    of the smaller story contained in the larger (near matches only, when sizes are known).
    ``signature`` is the computed record for a unique text (``None`` for duplicates), ready for
    :meth:`NearDuplicateIndex.add` or a store. ``fuller`` (near matches only): the text has at
    least :data:`FULLER` times the distinct shingles of its original, which this index judged new
    itself (:meth:`NearDuplicateIndex.supersede` may make the text the original instead).
    """

    kind: Literal["exact", "near", "unique"]
    duplicate_of: str | None = None
    similarity: float | None = None
    signature: StoredSignature | None = field(default=None, repr=False)
    containment: float | None = None
    fuller: bool = False

    @property
    def is_duplicate(self) -> bool:
        return self.kind != "unique"


@dataclass(frozen=True)
class PreparedText:
    """A text's signature, computed by :meth:`NearDuplicateIndex.prepare`, waiting for its verdict."""

    key: str
    published: float | None
    signature: StoredSignature
    hashvalues: np.ndarray | None = field(repr=False)
    size: int | None


class NearDuplicateIndex:
    """In-memory near-duplicate index over a persistent :class:`SignatureStore`.

    Args:
        store: where signatures of unique stories are written and loaded from.
        threshold: estimated Jaccard similarity (word 3-grams) at or above which two texts are
            near duplicates.
        num_perm: MinHash permutations. 256 by default: with 128 the estimate spreads enough to
            merge rewritten stories at the recall lightly edited copies need (bench/RESULTS.md,
            "Near-duplicate quality").
        window_days: only stories published within this many days of each other are compared
            by the near layer (stories without a date are compared with everything); it also
            bounds which signatures are held in memory after :meth:`load` (see the module
            docstring). The exact layer ignores it. ``None``: no window, ``load`` holds everything.
        seed: MinHash seed; must stay the same for signatures in the store to be comparable.
        bands, rows: LSH banding; both ``None`` picks :func:`lsh_params` for ``threshold``.
        containment_threshold: estimated containment (of the smaller story in the larger) at or
            above which a candidate is a near duplicate even below ``threshold`` (truncated
            copies). ``None`` or 0 disables it.
        containment_share: containment counts only when the smaller story's shingle set is at
            least this share of the larger's (default 0.6: a copy cut to 60% still is one, a
            short story quoted whole inside a long one is not).
        min_words: texts with fewer words (after normalisation) use the exact layer only.
        exact_on_demand: after :meth:`load`, the exact layer asks the store
            (:meth:`~newsbot.dedup.signatures.SignatureStore.keys_with_exact_hash`) about each text
            whose body no held signature has, instead of reading the digests of every stored body
            at :meth:`load` (:class:`~newsbot.dedup.exact.RecentAnswers` remembers the last
            answers). For a store that answers with an indexed read: nothing at start grows with
            the archive, but every new text costs a store read (``decide`` off the event loop).
            The verdicts are the same either way.

    Before :meth:`load` the index knows only what was inserted into it; after it, every
    signature in the store counts, and ``check``/``check_and_add`` may read the store (a date
    range not held yet, or the key of a probable exact copy): call them off an event loop.
    Counters: :attr:`range_loads` (store reads of a missing date range), :attr:`range_loaded`
    (signatures they brought in) and :attr:`exact_lookups` (exact hashes asked of the store).

    Thread-safe: every public method holds one lock, so ``check_and_add`` is atomic in-process.
    Across processes or machines the store (e.g. Redis) must provide atomicity.
    """

    def __init__(
        self,
        store: SignatureStore,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = DEFAULT_NUM_PERM,
        window_days: float | None = DEFAULT_WINDOW_DAYS,
        seed: int = DEFAULT_SEED,
        bands: int | None = None,
        rows: int | None = None,
        *,
        containment_threshold: float | None = DEFAULT_CONTAINMENT,
        containment_share: float = DEFAULT_CONTAINMENT_SHARE,
        min_words: int = DEFAULT_MIN_WORDS,
        exact_on_demand: bool = False,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        if num_perm < 4:
            raise ValueError("num_perm must be at least 4")
        if window_days is not None and window_days <= 0:
            raise ValueError("window_days must be positive or None")
        if containment_threshold is not None and not 0.0 <= containment_threshold <= 1.0:
            raise ValueError("containment_threshold must be in [0, 1] (0 or None: off)")
        if not 0.0 <= containment_share <= 1.0:
            raise ValueError("containment_share must be in [0, 1]")
        if (bands is None) != (rows is None):
            raise ValueError("give both bands and rows, or neither")
        if bands is None:
            bands, rows = lsh_params(threshold, num_perm)
        if bands < 2 or rows < 1 or bands * rows > num_perm:
            raise ValueError(f"bands x rows = {bands} x {rows} does not fit num_perm {num_perm}")
        self.store = store
        self.threshold = threshold
        self.num_perm = num_perm
        self.window_days = window_days
        self.seed = seed
        self.bands = bands
        self.rows = rows
        self.containment_threshold = containment_threshold or None
        self.containment_share = containment_share
        self.min_words = max(min_words, SHINGLE_SIZE)
        self.exact_on_demand = exact_on_demand
        # imported here, by the processes that judge texts: datasketch's __init__ imports scipy, which
        # the commands that only read the store (report, export, db) have no use for
        from datasketch import MinHash

        self._template = MinHash(num_perm=num_perm, seed=seed, hashfunc=_HASHFUNC, scheme=SCHEME)
        self._batch = max(32, 65536 // num_perm)
        self._lock = threading.RLock()
        self._reset()

    # -- state -----------------------------------------------------------------------------
    def _reset(self) -> None:
        self._held = HeldSignatures(self.num_perm, self.bands, self.rows, self.seed)
        #: date ranges of the store held in memory; ``None`` until :meth:`load` binds the store
        self._covered: CoveredRanges | None = None
        #: digests of every exact hash in the store at :meth:`load` (the exact layer's long memory)
        self._digests = StoredDigests()
        #: whether the exact layer asks the store (``exact_on_demand``, set by :meth:`load`)
        self._ask_store = False
        #: the store's last answers to exact-hash lookups
        self._answers = RecentAnswers()
        self.exact_lookups = 0
        self.range_loads = 0
        self.range_loaded = 0

    def __len__(self) -> int:
        return len(self._held)

    def __contains__(self, key: object) -> bool:
        return key in self._held

    @property
    def incompatible(self) -> int:
        """Signatures kept for the exact layer only because their MinHash did not fit this index."""
        return self._held.incompatible

    @property
    def _window(self) -> float | None:
        return None if self.window_days is None else self.window_days * _DAY

    # -- signatures ------------------------------------------------------------------------
    def signature(
        self, key: str, text: str, published: float | None = None, *, headline: str | None = None
    ) -> StoredSignature:
        """Compute the :class:`StoredSignature` of ``text`` (no lookup, no insert)."""
        return self._compute(key, text, published, headline)[0]

    def signatures(self, items: Iterable[tuple[str, str, float | None]]) -> list[StoredSignature]:
        """Signatures of many ``(key, text, published)`` at once.

        Same result as ``MinHash.bulk`` (one copy of a prepared MinHash per text, filled with
        ``update_batch``), with the batches bounded as in :meth:`_minhash`.
        """
        return [self._compute(key, text, published, None)[0] for key, text, published in items]

    def _minhash(self, shingle_set: list[bytes]) -> np.ndarray:
        """Hash values of a shingle set: a copy of the prepared MinHash, ``update_batch`` over it.

        Batches are cut to ~64k (shingle, permutation) cells: datasketch materialises a
        ``len(batch) x num_perm`` array, and the allocator hands a large one back to the OS after
        each call, so that one batch per article was slower. The result is identical to one
        ``update_batch`` call.
        """
        m = self._template.copy()
        step = self._batch
        for start in range(0, len(shingle_set), step):
            m.update_batch(shingle_set[start : start + step])
        return m.hashvalues

    def _compute(self, key, text, published, headline):
        """Return ``(StoredSignature, hashvalues or None, set size or None)``."""
        norm = normalise(text)
        if word_count(norm) < self.min_words:
            if headline:
                norm = normalise(headline) + " \n " + norm
            return StoredSignature(key, exact_hash(norm, normalised=True), None, published), None, None
        sh = list(set(shingles(norm, SHINGLE_SIZE, normalised=True)))
        hv = self._minhash(sh)
        blob = encode_minhash(hv, len(sh), self.seed)
        return StoredSignature(key, exact_hash(norm, normalised=True), blob, published), hv, len(sh)

    # -- lookup ----------------------------------------------------------------------------
    def _in_window(self, published: float | None, other: float | None) -> bool:
        window = self._window
        return window is None or published is None or other is None or abs(published - other) <= window

    def _exact_match(self, key: str, exact: str) -> str | None:
        """A stored story (other than ``key``) with this exact hash, held or not, whatever its date."""
        for other in self._held.exact_keys(exact):
            if other != key:
                return other
        if self._ask_store:
            for other in self._stored_keys(exact):
                if other != key and other not in self._held:
                    return other
        elif self._digests.might_contain(exact):
            for other in self.store.keys_with_exact_hash(exact):
                # a held key is already answered above (held with another hash: rewritten since)
                if other != key and other not in self._held:
                    return other
        return None

    def _stored_keys(self, exact: str) -> tuple[str, ...]:
        """The store's keys with this exact hash: remembered, or asked (a store error propagates)."""
        keys = self._answers.get(exact)
        if keys is None:
            self.exact_lookups += 1
            keys = self._answers.remember(exact, self.store.keys_with_exact_hash(exact))
        return keys

    def _lookup(self, key, sig, hv, size, published) -> Verdict:
        if sig.exact_hash == _EMPTY_HASH:  # nothing to compare: never a duplicate of anything
            return Verdict("unique", signature=sig)
        other = self._exact_match(key, sig.exact_hash)
        if other is not None:
            return Verdict("exact", other, 1.0)
        if hv is None:
            return Verdict("unique", signature=sig)
        self._hold_range(published)
        best = self._held.best(
            hv, size, key, published, self._window, self.threshold, self.containment_threshold,
            containment_share=self.containment_share,
        )  # fmt: skip
        if best is None:
            return Verdict("unique", signature=sig)
        fuller = _fuller(size, self._held.fresh_size(best[0]))
        return Verdict("near", best[0], best[1], containment=best[2], fuller=fuller)

    def check(self, key: str, text: str, published: float | None = None, *, headline: str | None = None) -> Verdict:
        """Judge ``text`` against the stored stories without inserting it.

        A story stored under the same ``key`` is never reported as its own duplicate.
        """
        sig, hv, size = self._compute(key, text, published, headline)
        with self._lock:
            return self._lookup(key, sig, hv, size, published)

    # -- insert ----------------------------------------------------------------------------
    def discard(self, key: str) -> bool:
        """Forget the story ``key`` held in memory (its article was not stored after all).

        Returns whether it was held. Nothing is deleted from the store.
        """
        with self._lock:
            return self._held.discard(key)

    def add(
        self,
        key: str,
        text_or_signature: str | StoredSignature,
        published: float | None = None,
        *,
        headline: str | None = None,
    ) -> StoredSignature:
        """Insert a story (its text, or a signature computed earlier) and write it to the store.

        ``published`` overrides the signature's own date when given. Re-adding a key replaces
        its previous signature. Returns the signature stored.
        """
        if isinstance(text_or_signature, StoredSignature):
            sig = text_or_signature
            if sig.key != key or (published is not None and published != sig.published):
                sig = StoredSignature(
                    key, sig.exact_hash, sig.minhash, sig.published if published is None else published
                )
        else:
            sig = self._compute(key, text_or_signature, published, headline)[0]
        with self._lock:
            self._held.add_stored(sig)
            self.store.add(sig)
        return sig

    def check_and_add(
        self, key: str, text: str, published: float | None = None, *, headline: str | None = None
    ) -> Verdict:
        """Judge ``text`` and, if it is unique, insert it and write its signature to the store.

        Atomic in-process: two threads offering copies of one story cannot both get "unique".
        """
        return self.decide(self.prepare(key, text, published, headline=headline))

    def prepare(
        self, key: str, text: str, published: float | None = None, *, headline: str | None = None
    ) -> PreparedText:
        """The CPU half of :meth:`check_and_add`: the text's signature (no lock, no store read)."""
        sig, hv, size = self._compute(key, text, published, headline)
        return PreparedText(key, published, sig, hv, size)

    def decide(self, prepared: PreparedText) -> Verdict:
        """The rest of :meth:`check_and_add` for a :meth:`prepare`-d text (may read the store)."""
        verdict = self._decide(prepared, read_store=True)
        assert verdict is not None
        return verdict

    def decide_in_memory(self, prepared: PreparedText) -> Verdict | None:
        """:meth:`decide` when it needs no store read (``None`` otherwise: call :meth:`decide` off the event loop).

        The store is read for a date range not held yet or a probable exact copy stored earlier;
        without that it is in-memory work only, cheap enough for the reactor thread. It never
        waits for the index's lock either (``None`` while another thread holds it).
        """
        return self._decide(prepared, read_store=False)

    def _decide(self, prepared: PreparedText, read_store: bool) -> Verdict | None:
        sig, hv, published = prepared.signature, prepared.hashvalues, prepared.published
        # in memory only: never wait for the lock (another thread may hold it while it reads the store)
        if not self._lock.acquire(blocking=read_store):
            return None
        try:
            if not read_store and self._needs_store(prepared.key, sig.exact_hash, hv is not None, published):
                return None
            verdict = self._lookup(prepared.key, sig, hv, prepared.size, published)
            if verdict.kind == "unique":
                self._held.add(prepared.key, sig.exact_hash, hv, prepared.size, published, fresh=True)
                self.store.add(sig)
            return verdict
        finally:
            self._lock.release()

    def supersede(self, original: str, prepared: PreparedText, undo: Callable[[], bool]) -> bool:
        """Make the :meth:`prepare`-d text the original in place of ``original``; return whether it did.

        Only when ``original`` is held, was judged new by this index (:meth:`decide`, not loaded
        from the store nor added again) and the text has at least :data:`FULLER` times its
        distinct shingles (the fuller version), and only if ``undo()`` returns true: the caller's
        way of turning the pending write of ``original`` into the record of a copy (``False``
        when the store has committed it already, or is committing it). Then ``original`` is
        forgotten and the text held and written through the store in its place. Atomic with
        every other method.
        """
        with self._lock:
            if prepared.hashvalues is None or prepared.key in self._held:
                return False
            if not _fuller(prepared.size, self._held.fresh_size(original)) or not undo():
                return False
            self._held.discard(original)
            sig = prepared.signature
            self._held.add(prepared.key, sig.exact_hash, prepared.hashvalues, prepared.size, prepared.published,
                           fresh=True)  # fmt: skip
            self.store.add(sig)
            return True

    def _needs_store(self, key: str, exact: str, near: bool, published: float | None) -> bool:
        """Whether judging a text would read the store (see :meth:`_exact_match`, :meth:`_hold_range`)."""
        if exact == _EMPTY_HASH:
            return False
        # the store must be asked unless the held signatures or a remembered answer tell
        unanswered = self._answers.get(exact) is None if self._ask_store else self._digests.might_contain(exact)
        if unanswered and all(other == key for other in self._held.exact_keys(exact)):
            return True
        covered, window = self._covered, self._window
        if not near or covered is None or window is None:
            return False
        if published is None:
            return not covered.covers(-math.inf, math.inf)
        return not covered.covers(published - window, published + window)

    # -- persistence and the window ------------------------------------------------------------
    def _hold(self, signatures: Iterable[StoredSignature]) -> int:
        """Insert stored signatures whose key is not held yet (a held one may be newer, uncommitted)."""
        return self._held.add_many(signatures)

    def _hold_range(self, published: float | None) -> None:
        """Make sure every stored signature the near layer may compare with ``published`` is held."""
        covered, window = self._covered, self._window
        if covered is None or window is None:
            return
        if published is None:
            low, high = -math.inf, math.inf
        else:
            low, high = published - window, published + window
        if covered.covers(low, high):
            return
        if published is not None:  # one more window each side: the next stories are near in time
            low, high = low - window, high + window
        for since, until in covered.missing(low, high):
            bounds = (None if math.isinf(since) else since, None if math.isinf(until) else until)
            self.range_loaded += self._hold(self.store.load(*bounds, undated=False))
            self.range_loads += 1
            covered.add(since, until)

    def held_ranges(self) -> list[tuple[float, float]]:
        """The publication-date intervals of the store held in memory (``[]`` before :meth:`load`)."""
        with self._lock:
            return [] if self._covered is None else self._covered.intervals

    def load(self, now: float | None = None, *, freeze_gc: bool = False) -> int:
        """Rebuild the in-memory index from the store; return how many signatures it holds.

        Without a window every stored signature is held. With one, the index holds the digests
        of every stored exact hash, the undated signatures and those published at or after
        ``now - window_days`` (``now`` defaults to the current time; the dedup pipeline passes
        the newest stored date); other dates are read from the store when a story needs them.
        Nothing is deleted from the store.

        ``freeze_gc=True`` calls :func:`gc.freeze` afterwards (process-wide: everything alive is
        left out of later cyclic collections). The index itself holds only its key strings and
        numpy arrays, which the collector does not scan; the option stays for the rest of what a
        long crawl loads before it starts.
        """
        with self._lock:
            self._reset()
            window = self._window
            if window is None:
                self._hold(self.store.load())
            else:
                since = (time.time() if now is None else now) - window
                if self.exact_on_demand:
                    self._ask_store = True
                else:
                    self._digests = StoredDigests(self.store.exact_hashes())
                self._hold(self.store.load(since=since))
                self._covered = CoveredRanges()
                self._covered.add(since, math.inf)
            if freeze_gc:
                gc.freeze()
            return len(self._held)

    @property
    def stored_digests(self) -> int:
        """How many distinct stored exact hashes the exact layer knew at :meth:`load` (0 without a window,
        or with ``exact_on_demand``)."""
        return len(self._digests)


def _fuller(size: int | None, original_size: int | None) -> bool:
    """Whether a text of ``size`` distinct shingles is a fuller version than one of ``original_size``."""
    return size is not None and original_size is not None and size >= FULLER * original_size
