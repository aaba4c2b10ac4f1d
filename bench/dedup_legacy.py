"""The near-duplicate index as it was before issue #8, kept as the benchmarks' baseline.

``LegacyIndex`` is ``newsbot.dedup.index.NearDuplicateIndex`` at commit 5702599 (datasketch
``MinHashLSH`` with 22 x 3 bands, one Python object per story, verification one candidate at a
time) and ``legacy_normalise`` the ``normalise`` of that commit (one ``str.translate`` pass, slow
on non-ASCII text). bench/dedup_speed.py runs them beside the current code in the same process.
Not used by newsbot itself.
"""

from __future__ import annotations

import gc
import math
import threading
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import xxhash
from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsbot.dedup.exact import StoredDigests
from newsbot.dedup.minhash import SCHEME, decode_minhash, encode_minhash
from newsbot.dedup.ranges import CoveredRanges
from newsbot.dedup.store import SignatureStore, StoredSignature
from newsbot.dedup.text import exact_hash, shingles, word_count

__all__ = ["LegacyIndex", "legacy_normalise"]

# Chosen with bench/dedup_quality.py (see bench/results/dedup_quality.md).
DEFAULT_THRESHOLD = 0.68
DEFAULT_CONTAINMENT = 0.85
DEFAULT_NUM_PERM = 256
DEFAULT_SEED = 1
DEFAULT_MIN_WORDS = 25
DEFAULT_WINDOW_DAYS = 7.0
SHINGLE_SIZE = 3

_DAY = 86400.0

# Turkish i: the dotted capital İ (U+0130) and dotless small ı (U+0131) fold to plain "i", and so
# does the ASCII capital I (whose Turkish lowercase would be ı). Done before casefold, which would
# otherwise turn İ into "i" + U+0307 COMBINING DOT ABOVE.
_TURKISH_I = str.maketrans({"\u0130": "i", "\u0131": "i", "I": "i"})
# Apostrophes join (Türkiye'nin -> türkiyenin, don't -> dont); so does a stray U+0307 (the dot of
# a decomposed i).
_DELETE = frozenset("'\u2019\u02bc\u02bb\u2018`\u00b4\u0307")


class _WordTable(dict):
    """``str.translate`` table built lazily: letters, digits and combining marks (any script) stay,
    apostrophes go, every other character (punctuation, symbols, "_", spaces) becomes a space.
    A translate table instead of a regex: 5-8x faster on article-sized text."""

    def __missing__(self, code: int):
        ch = chr(code)
        if ch in _DELETE:
            value = None
        elif ch.isalnum() or unicodedata.category(ch)[0] == "M":
            value = ch
        else:
            value = " "
        self[code] = value
        return value


_WORDS = _WordTable()


def legacy_normalise(text: str) -> str:
    """Return ``text`` in the canonical form compared by the dedup index.

    NFKC (fullwidth digits, ligatures, compatibility forms), Turkish dotted/dotless i folded to
    "i", casefold, apostrophes removed, other punctuation and symbols turned into spaces, digits
    kept, whitespace collapsed to single spaces and stripped.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_TURKISH_I).casefold()
    return " ".join(text.translate(_WORDS).split())


normalise = legacy_normalise


# 32-bit xxhash (seed 0), a C builtin called directly by MinHash.update_batch: 2-3x faster than
# datasketch's default sha1_hash32 and picklable.
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
    :meth:`NearDuplicateIndex.add` or a store.
    """

    kind: Literal["exact", "near", "unique"]
    duplicate_of: str | None = None
    similarity: float | None = None
    signature: StoredSignature | None = field(default=None, repr=False)
    containment: float | None = None

    @property
    def is_duplicate(self) -> bool:
        return self.kind != "unique"


class _Entry:
    __slots__ = ("exact_hash", "hashvalues", "key", "published", "size")

    def __init__(self, key, exact_hash, hashvalues, size, published):
        self.key = key
        self.exact_hash = exact_hash
        self.hashvalues = hashvalues
        self.size = size
        self.published = published


class LegacyIndex:
    """In-memory near-duplicate index over a persistent :class:`SignatureStore`.

    Args:
        store: where signatures of unique stories are written and loaded from.
        threshold: estimated Jaccard similarity (word 3-grams) at or above which two texts are
            near duplicates.
        num_perm: MinHash permutations. 256 by default: with 128 the estimate's spread (sd ~0.04
            at J = 0.7) merged ~2% of 30%-rewritten stories at the recall the 5%-edit copies need.
        window_days: only stories published within this many days of each other are compared
            by the near layer (stories without a date are compared with everything); it also
            bounds which signatures are held in memory after :meth:`load` (see the module
            docstring). The exact layer ignores it. ``None``: no window, ``load`` holds everything.
        seed: MinHash seed; must stay the same for signatures in the store to be comparable.
        bands, rows: LSH banding; both ``None`` picks :func:`lsh_params` for ``threshold``.
        containment_threshold: estimated containment at or above which a candidate is a near
            duplicate even below ``threshold`` (truncated copies). ``None`` disables it.
        min_words: texts with fewer words (after normalisation) use the exact layer only.

    Before :meth:`load` the index knows only what was inserted into it; after it, every
    signature in the store counts, and ``check``/``check_and_add`` may read the store (a date
    range not held yet, or the key of a probable exact copy): call them off an event loop.
    Counters: :attr:`range_loads` (store reads of a missing date range) and :attr:`range_loaded`
    (signatures they brought in).

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
        min_words: int = DEFAULT_MIN_WORDS,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        if num_perm < 4:
            raise ValueError("num_perm must be at least 4")
        if window_days is not None and window_days <= 0:
            raise ValueError("window_days must be positive or None")
        if (bands is None) != (rows is None):
            raise ValueError("give both bands and rows, or neither")
        if bands is None:
            bands, rows = 22, 3  # lsh_params() of that commit
        if bands < 2 or rows < 1 or bands * rows > num_perm:
            raise ValueError(f"bands x rows = {bands} x {rows} does not fit num_perm {num_perm}")
        self.store = store
        self.threshold = threshold
        self.num_perm = num_perm
        self.window_days = window_days
        self.seed = seed
        self.bands = bands
        self.rows = rows
        self.containment_threshold = containment_threshold
        self.min_words = max(min_words, SHINGLE_SIZE)
        self._template = MinHash(num_perm=num_perm, seed=seed, hashfunc=_HASHFUNC, scheme=SCHEME)
        self._batch = max(32, 65536 // num_perm)
        self._lock = threading.RLock()
        self._reset()

    # -- state -----------------------------------------------------------------------------
    def _reset(self) -> None:
        self._lsh = MinHashLSH(num_perm=self.num_perm, params=(self.bands, self.rows))
        self._entries: dict[str, _Entry] = {}
        self._by_exact: dict[str, list[str]] = {}
        #: date ranges of the store held in memory; ``None`` until :meth:`load` binds the store
        self._covered: CoveredRanges | None = None
        #: digests of every exact hash in the store at :meth:`load` (the exact layer's long memory)
        self._digests = StoredDigests()
        #: signatures kept for the exact layer only because their MinHash did not fit this index
        self.incompatible = 0
        self.range_loads = 0
        self.range_loaded = 0

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

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
        ``len(batch) x num_perm`` array, and above ~512 KiB the allocator hands that memory back
        to the OS after each call, which made a 600-word article 3x slower at 256 permutations
        on the benchmark machine. The result is identical to one ``update_batch`` call.
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

    def _entry_from_signature(self, sig: StoredSignature) -> _Entry:
        hv = size = None
        if sig.minhash is not None:
            try:
                values, size, seed = decode_minhash(sig.minhash)
            except ValueError:
                values, seed = None, None
            if values is None or len(values) != self.num_perm or (seed is not None and seed != self.seed):
                self.incompatible += 1
                size = None
            else:
                hv = values
        return _Entry(sig.key, sig.exact_hash, hv, size, sig.published)

    # -- lookup ----------------------------------------------------------------------------
    def _in_window(self, published: float | None, other: float | None) -> bool:
        window = self._window
        return window is None or published is None or other is None or abs(published - other) <= window

    def _exact_match(self, key: str, exact: str) -> str | None:
        """A stored story (other than ``key``) with this exact hash, held or not, whatever its date."""
        for other in self._by_exact.get(exact, ()):
            if other != key:
                return other
        if self._digests.might_contain(exact):
            for other in self.store.keys_with_exact_hash(exact):
                # a held key is already answered above (held with another hash: rewritten since)
                if other != key and other not in self._entries:
                    return other
        return None

    def _lookup(self, key, sig, hv, size, published) -> Verdict:
        if sig.exact_hash == _EMPTY_HASH:  # nothing to compare: never a duplicate of anything
            return Verdict("unique", signature=sig)
        other = self._exact_match(key, sig.exact_hash)
        if other is not None:
            return Verdict("exact", other, 1.0)
        if hv is None:
            return Verdict("unique", signature=sig)
        self._hold_range(published)
        if not self._entries:
            return Verdict("unique", signature=sig)
        best = None
        for other in self._lsh.query(LeanMinHash(seed=self.seed, hashvalues=hv, scheme=SCHEME)):
            if other == key:
                continue
            entry = self._entries[other]
            if entry.hashvalues is None or not self._in_window(published, entry.published):
                continue
            j = float(np.count_nonzero(entry.hashvalues == hv)) / self.num_perm
            c = None
            if size and entry.size:
                c = min(1.0, j * (size + entry.size) / ((1.0 + j) * min(size, entry.size)))
            ok = j >= self.threshold or (
                self.containment_threshold is not None and c is not None and c >= self.containment_threshold
            )
            if ok and (best is None or (j, c or 0.0) > (best[1], best[2] or 0.0)):
                best = (other, j, c)
        if best is None:
            return Verdict("unique", signature=sig)
        return Verdict("near", best[0], best[1], containment=best[2])

    def check(self, key: str, text: str, published: float | None = None, *, headline: str | None = None) -> Verdict:
        """Judge ``text`` against the stored stories without inserting it.

        A story stored under the same ``key`` is never reported as its own duplicate.
        """
        sig, hv, size = self._compute(key, text, published, headline)
        with self._lock:
            return self._lookup(key, sig, hv, size, published)

    # -- insert ----------------------------------------------------------------------------
    def _insert(self, entry: _Entry, session=None) -> None:
        if entry.key in self._entries:
            self._remove(entry.key)
        self._entries[entry.key] = entry
        self._by_exact.setdefault(entry.exact_hash, []).append(entry.key)
        if entry.hashvalues is not None:
            lean = LeanMinHash(seed=self.seed, hashvalues=entry.hashvalues, scheme=SCHEME)
            (session or self._lsh).insert(entry.key, lean, check_duplication=False)

    def _remove(self, key: str) -> None:
        entry = self._entries.pop(key)
        keys = self._by_exact.get(entry.exact_hash)
        if keys is not None:
            keys.remove(key)
            if not keys:
                del self._by_exact[entry.exact_hash]
        if entry.hashvalues is not None:
            self._lsh.remove(key)

    def discard(self, key: str) -> bool:
        """Forget the story ``key`` held in memory (its article was not stored after all).

        Returns whether it was held. Nothing is deleted from the store.
        """
        with self._lock:
            if key not in self._entries:
                return False
            self._remove(key)
            return True

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
            self._insert(self._entry_from_signature(sig))
            self.store.add(sig)
        return sig

    def check_and_add(
        self, key: str, text: str, published: float | None = None, *, headline: str | None = None
    ) -> Verdict:
        """Judge ``text`` and, if it is unique, insert it and write its signature to the store.

        Atomic in-process: two threads offering copies of one story cannot both get "unique".
        """
        sig, hv, size = self._compute(key, text, published, headline)
        with self._lock:
            verdict = self._lookup(key, sig, hv, size, published)
            if verdict.kind == "unique":
                self._insert(_Entry(key, sig.exact_hash, hv, size, published))
                self.store.add(sig)
            return verdict

    # -- persistence and the window ------------------------------------------------------------
    def _hold(self, signatures: Iterable[StoredSignature]) -> int:
        """Insert stored signatures whose key is not held yet (a held one may be newer, uncommitted)."""
        added = 0
        # The LSH creates one small set per band and story; with the cyclic GC running, its
        # repeated full collections made a 100,000-story load ~2x slower. Nothing here forms
        # reference cycles, so it is paused for the duration.
        gc_enabled = gc.isenabled()
        gc.disable()
        try:
            with self._lsh.insertion_session(buffer_size=10000) as session:
                for sig in signatures:
                    if sig.key not in self._entries:
                        self._insert(self._entry_from_signature(sig), session)
                        added += 1
        finally:
            if gc_enabled:
                gc.enable()
        return added

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
        left out of later cyclic collections). With 100,000 stories loaded, each full collection
        otherwise walks the index's ~2 million small sets: a 0.5 s pause every few hundred
        ``check_and_add`` calls on the benchmark machine.
        """
        with self._lock:
            self._reset()
            window = self._window
            if window is None:
                self._hold(self.store.load())
            else:
                since = (time.time() if now is None else now) - window
                self._digests = StoredDigests(self.store.exact_hashes())
                self._hold(self.store.load(since=since))
                self._covered = CoveredRanges()
                self._covered.add(since, math.inf)
            if freeze_gc:
                gc.freeze()
            return len(self._entries)

    @property
    def stored_digests(self) -> int:
        """How many distinct stored exact hashes the exact layer knew at :meth:`load` (0 without a window)."""
        return len(self._digests)
