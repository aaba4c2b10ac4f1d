"""The signatures the near-duplicate index holds in memory, in numpy arrays (no Scrapy imports).

:class:`HeldSignatures` numbers the stories it holds (slots, in insertion order) and keeps, per
slot, the MinHash values (``num_perm`` uint32), the shingle set size, the publication date and
the 64-bit digest of the exact hash, in preallocated arrays; a dict maps each key to its slot.
Two :class:`~newsbot.dedup.bands.HashTable` find slots: the LSH band keys
(:func:`~newsbot.dedup.bands.band_keys`) and the exact-hash digests. About 1.4 KiB a story at
256 permutations and 32 bands (the values alone are 1 KiB), against ~7.8 KiB with datasketch's
``MinHashLSH`` and a Python object per story.

A story is judged against its candidates in one vectorised step (:meth:`HeldSignatures.best`).
Signatures read from the store are decoded in bulk (:meth:`HeldSignatures.add_many`): the blobs
of the common layout are joined and read as one structured array.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .bands import HashTable, band_keys
from .exact import digest
from .minhash import decode_minhash, header_dtype
from .store import StoredSignature

__all__ = ["HeldSignatures"]


class HeldSignatures:
    """Signatures held in memory, by slot; forgotten slots are dead until the next compaction."""

    #: dead slots (forgotten or replaced stories) tolerated before a compaction, at least
    COMPACT_MIN = 1024

    def __init__(self, num_perm: int, bands: int, rows: int, seed: int) -> None:
        self.num_perm, self.bands, self.rows, self.seed = num_perm, bands, rows, seed
        self._slot_of: dict[str, int] = {}
        self._keys: list[str | None] = []
        self._hv = np.empty((0, num_perm), np.uint32)
        self._size = np.empty(0, np.uint32)  # 0: unknown
        self._pub = np.empty(0, np.float64)  # NaN: undated
        self._digest = np.empty(0, np.uint64)
        self._near = np.empty(0, bool)  # alive and has MinHash values
        self._alive = np.empty(0, bool)
        self._bands = HashTable(np.uint32)
        self._exact = HashTable(np.uint64)
        self._dead = 0
        #: signatures held for the exact layer only: their MinHash does not fit this index
        self.incompatible = 0

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, key: object) -> bool:
        return key in self._slot_of

    @property
    def nbytes(self) -> int:
        """Bytes of the arrays and tables (not the key strings and the key dict)."""
        used = len(self._keys)
        row = self._hv.itemsize * self.num_perm + 4 + 8 + 8 + 2
        return self._hv.shape[0] * row + self._bands.nbytes + self._exact.nbytes + 8 * used

    # -- storage ---------------------------------------------------------------------------
    def _reserve(self, extra: int) -> int:
        """Make room for ``extra`` more slots; return the first new slot."""
        first = len(self._keys)
        need = first + extra
        capacity = self._hv.shape[0]
        if need > capacity:
            # grow by an eighth: the values are 1 KiB a story, doubling would waste up to half
            capacity = max(need, capacity + max(1024, capacity >> 3))
            self._hv = _grown(self._hv, capacity)
            self._size = _grown(self._size, capacity)
            self._pub = _grown(self._pub, capacity)
            self._digest = _grown(self._digest, capacity)
            self._near = _grown(self._near, capacity)
            self._alive = _grown(self._alive, capacity)
        return first

    def _decode(self, blob: bytes | None) -> tuple[np.ndarray | None, int]:
        """``(values, set size)`` of a stored MinHash, ``(None, 0)`` if none or incompatible."""
        if blob is None:
            return None, 0
        try:
            values, size, seed = decode_minhash(blob)
        except ValueError:
            values, size, seed = None, None, None
        if values is None or len(values) != self.num_perm or (seed is not None and seed != self.seed):
            self.incompatible += 1
            return None, 0
        return values, size or 0

    def add(
        self, key: str, exact_hash: str, hashvalues: np.ndarray | None, size: int | None, published: float | None
    ) -> None:
        """Hold one story (replacing ``key`` if held)."""
        if key in self._slot_of:
            self.discard(key)
        slot = self._reserve(1)
        self._keys.append(key)
        self._slot_of[key] = slot
        value = digest(exact_hash)
        self._digest[slot] = value
        self._pub[slot] = np.nan if published is None else published
        self._alive[slot] = True
        self._near[slot] = hashvalues is not None
        self._size[slot] = min(size or 0, 0xFFFFFFFF)
        self._exact.add([value], slot)
        if hashvalues is not None:
            self._hv[slot] = hashvalues
            self._bands.add(band_keys(self._hv[slot], self.bands, self.rows), slot)
        else:
            self._hv[slot] = 0

    def add_stored(self, sig: StoredSignature) -> None:
        """Hold one stored signature (its MinHash bytes decoded)."""
        values, size = self._decode(sig.minhash)
        self.add(sig.key, sig.exact_hash, values, size, sig.published)

    def add_many(self, signatures: Iterable[StoredSignature]) -> int:
        """Hold the signatures whose key is not held yet (the first of a key wins); return how many."""
        fresh: list[StoredSignature] = []
        seen = self._slot_of
        batch: set[str] = set()
        for sig in signatures:
            if sig.key not in seen and sig.key not in batch:
                batch.add(sig.key)
                fresh.append(sig)
        if not fresh:
            return 0
        n = len(fresh)
        first = self._reserve(n)
        slots = np.arange(first, first + n)
        keys = [sig.key for sig in fresh]
        self._keys.extend(keys)
        self._slot_of.update(zip(keys, slots.tolist(), strict=True))
        digests = np.fromiter((digest(sig.exact_hash) for sig in fresh), np.uint64, n)
        self._digest[first : first + n] = digests
        self._pub[first : first + n] = np.array(
            [np.nan if sig.published is None else sig.published for sig in fresh], np.float64
        )
        self._alive[first : first + n] = True
        self._near[first : first + n] = False
        self._size[first : first + n] = 0
        self._hv[first : first + n] = 0
        self._exact.bulk(digests, slots)

        # the common layout (this index's num_perm, 4-byte values) decoded in one go
        layout = header_dtype(self.num_perm)
        common = [i for i, sig in enumerate(fresh) if sig.minhash is not None and len(sig.minhash) == layout.itemsize]
        if common:
            records = np.frombuffer(b"".join([fresh[i].minhash for i in common]), layout)
            ok = (
                (records["magic"] == b"NBMH")
                & (records["version"] == 1)
                & (records["scheme"] == 1)
                & (records["width"] == 4)
                & (records["seed"] == (self.seed & 0xFFFFFFFF))
            )
            rows = np.asarray(common, np.int64)[ok]
            self._hv[first + rows] = records["values"][ok]
            self._size[first + rows] = records["size"][ok]
            self._near[first + rows] = True
            done = set(rows.tolist())
        else:
            done = set()
        for i, sig in enumerate(fresh):  # other layouts, incompatible ones, or none
            if sig.minhash is None or i in done:
                continue
            values, size = self._decode(sig.minhash)
            if values is not None:
                self._hv[first + i] = values
                self._size[first + i] = min(size, 0xFFFFFFFF)
                self._near[first + i] = True
        near = slots[self._near[first : first + n]]
        if near.size:
            self._bands.bulk(band_keys(self._hv[near], self.bands, self.rows), np.repeat(near, self.bands))
        return n

    def discard(self, key: str) -> bool:
        """Forget ``key``; return whether it was held."""
        slot = self._slot_of.pop(key, None)
        if slot is None:
            return False
        self._keys[slot] = None
        self._alive[slot] = self._near[slot] = False
        self._dead += 1
        if self._dead > self.COMPACT_MIN and self._dead > len(self._slot_of):
            self._compact()
        return True

    def _compact(self) -> None:
        """Renumber the live slots (order kept) and rebuild both tables without the dead ones."""
        live = np.flatnonzero(self._alive[: len(self._keys)])
        n = live.size
        self._keys = [self._keys[i] for i in live.tolist()]
        self._slot_of = {key: i for i, key in enumerate(self._keys)}
        self._hv = self._hv[live].copy()
        self._size = self._size[live]
        self._pub = self._pub[live]
        self._digest = self._digest[live]
        self._near = self._near[live]
        self._alive = np.ones(n, bool)
        self._dead = 0
        slots = np.arange(n)
        self._exact = HashTable(np.uint64)
        self._exact.bulk(self._digest, slots)
        self._bands = HashTable(np.uint32)
        near = slots[self._near]
        if near.size:
            self._bands.bulk(band_keys(self._hv[near], self.bands, self.rows), np.repeat(near, self.bands))

    # -- lookup ----------------------------------------------------------------------------
    def exact_keys(self, exact_hash: str) -> list[str]:
        """Held keys whose exact hash has this digest, oldest insert first."""
        slots = sorted(self._exact.lookup_one(digest(exact_hash)))
        return [self._keys[s] for s in slots if self._alive[s]]

    def candidates(self, hashvalues: np.ndarray) -> np.ndarray:
        """Live slots with MinHash values sharing at least one band with ``hashvalues`` (sorted)."""
        slots = np.unique(self._bands.lookup(band_keys(hashvalues, self.bands, self.rows)))
        return slots[self._near[slots]]

    def best(
        self,
        hashvalues: np.ndarray,
        size: int | None,
        key: str,
        published: float | None,
        window: float | None,
        threshold: float,
        containment_threshold: float | None,
    ) -> tuple[str, float, float | None] | None:
        """The best near duplicate among the candidates: ``(key, Jaccard, containment)`` or ``None``.

        Candidates other than ``key``, published within ``window`` seconds (or undated on either
        side), are scored at once: ``J`` = share of equal MinHash values, containment
        ``J (|A| + |B|) / ((1 + J) min(|A|, |B|))`` when both sizes are known. A candidate
        matches when ``J >= threshold`` or containment ``>= containment_threshold``; the highest
        ``(J, containment)`` wins, the oldest insert on a tie.
        """
        cand = self.candidates(hashvalues)
        own = self._slot_of.get(key)
        if own is not None:
            cand = cand[cand != own]
        if window is not None and published is not None and cand.size:
            pub = self._pub[cand]
            cand = cand[np.isnan(pub) | (np.abs(pub - published) <= window)]
        if not cand.size:
            return None
        j = np.count_nonzero(self._hv[cand] == hashvalues, axis=1) / float(self.num_perm)
        ok = j >= threshold
        c = None
        if size:
            sizes = self._size[cand].astype(np.float64)
            known = sizes > 0
            with np.errstate(divide="ignore", invalid="ignore"):
                c = np.minimum(1.0, j * (size + sizes) / ((1.0 + j) * np.minimum(float(size), sizes)))
            c = np.where(known, c, np.nan)
            if containment_threshold is not None:
                ok |= known & (c >= containment_threshold)
        if not ok.any():
            return None
        hits = np.flatnonzero(ok)
        cj = j[hits]
        cc = np.zeros_like(cj) if c is None else np.nan_to_num(c[hits], nan=0.0)
        # highest J, then highest containment, then the lowest slot (hits are in slot order)
        winner = hits[np.lexsort((np.arange(hits.size), -cc, -cj))[0]]
        containment = None if c is None or np.isnan(c[winner]) else float(c[winner])
        return self._keys[int(cand[winner])], float(j[winner]), containment


def _grown(array: np.ndarray, capacity: int) -> np.ndarray:
    grown = np.empty((capacity, *array.shape[1:]), array.dtype)
    grown[: array.shape[0]] = array
    return grown
