"""The signatures the near-duplicate index holds in memory, in numpy arrays (no Scrapy imports).

:class:`HeldSignatures` numbers the stories it holds (slots, in insertion order) and keeps, per
slot, the MinHash values (``num_perm`` uint32), the shingle set size, the publication date and
whether the story is *fresh* (judged unique by this index, never held under its key before: a story
this crawl found new, not one loaded from the store or stored again) in preallocated numpy arrays,
and the key string in a list. Three
:class:`~newsbot.dedup.bands.HashTable` find slots: by LSH band key
(:func:`~newsbot.dedup.bands.band_keys`), by 64-bit digest of the exact hash, and by 64-bit hash
of the key: no Python object per story (memory a story: bench/RESULTS.md, "Cost that stays
flat (#8): dedup").

A story is judged against its candidates in one vectorised step (:meth:`HeldSignatures.best`).
Signatures read from the store are decoded in bulk (:meth:`HeldSignatures.add_many`): the blobs
of the common layout are joined and read as one structured array.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import xxhash

from .bands import HashTable, band_keys
from .exact import digest
from .minhash import decode_minhash, header_dtype
from .signatures import StoredSignature

__all__ = ["HeldSignatures"]


class HeldSignatures:
    """Signatures held in memory, by slot; forgotten slots are dead until the next compaction."""

    #: dead slots (forgotten or replaced stories) tolerated before a compaction, at least
    COMPACT_MIN = 1024

    def __init__(self, num_perm: int, bands: int, rows: int, seed: int) -> None:
        self.num_perm, self.bands, self.rows, self.seed = num_perm, bands, rows, seed
        self._keys: list[str | None] = []  # by slot
        self._count = 0
        self._hv = np.empty((0, num_perm), np.uint32)
        self._size = np.empty(0, np.uint32)  # 0: unknown
        self._pub = np.empty(0, np.float64)  # NaN: undated
        self._near = np.empty(0, bool)  # alive and has MinHash values
        self._alive = np.empty(0, bool)
        self._fresh = np.empty(0, bool)
        self._bands = HashTable(np.uint32)
        self._exact = HashTable(np.uint64)
        # key -> slot through a 64-bit hash of the key: 12 bytes a story, where a dict with an
        # int object per story took ~70
        self._by_key = HashTable(np.uint64)
        self._dead = 0
        #: signatures held for the exact layer only: their MinHash does not fit this index
        self.incompatible = 0

    def __len__(self) -> int:
        return self._count

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._slot(key) is not None

    def _slot(self, key: str) -> int | None:
        """The live slot holding ``key``, if any."""
        for slot in self._by_key.lookup_one(_key_hash(key)):
            if self._alive[slot] and self._keys[slot] == key:
                return slot
        return None

    @property
    def nbytes(self) -> int:
        """Bytes of the arrays and tables (not the key strings and the list holding them)."""
        arrays = (self._hv, self._size, self._pub, self._near, self._alive, self._fresh)
        return sum(a.nbytes for a in arrays) + self._bands.nbytes + self._exact.nbytes + self._by_key.nbytes

    # -- storage ---------------------------------------------------------------------------
    def _reserve(self, extra: int) -> int:
        """Make room for ``extra`` more slots; return the first new slot."""
        first = len(self._keys)
        need = first + extra
        capacity = self._hv.shape[0]
        if need > capacity:
            # grow by an eighth: the values are num_perm x 4 bytes a story, doubling would waste up to half
            capacity = max(need, capacity + max(1024, capacity >> 3))
            self._hv = _grown(self._hv, capacity)
            self._size = _grown(self._size, capacity)
            self._pub = _grown(self._pub, capacity)
            self._near = _grown(self._near, capacity)
            self._alive = _grown(self._alive, capacity)
            self._fresh = _grown(self._fresh, capacity)
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
        self,
        key: str,
        exact_hash: str,
        hashvalues: np.ndarray | None,
        size: int | None,
        published: float | None,
        *,
        fresh: bool = False,
    ) -> None:
        """Hold one story (replacing ``key`` if held); ``fresh`` only counts for a key not held before."""
        replaced = self.discard(key)
        slot = self._reserve(1)
        self._keys.append(key)
        self._count += 1
        self._by_key.add([_key_hash(key)], slot)
        value = digest(exact_hash)
        self._pub[slot] = np.nan if published is None else published
        self._alive[slot] = True
        self._fresh[slot] = fresh and not replaced
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
        batch: set[str] = set()
        for sig in signatures:
            if sig.key not in batch:
                batch.add(sig.key)
                fresh.append(sig)
        del batch
        key_hashes = np.fromiter((_key_hash(sig.key) for sig in fresh), np.uint64, len(fresh))
        if self._count and fresh:  # drop the keys held already (a held one may be newer, uncommitted)
            maybe = np.flatnonzero(self._by_key.contains(key_hashes)).tolist()
            held = {i for i in maybe if self._slot(fresh[i].key) is not None}
            if held:
                keep = [i for i in range(len(fresh)) if i not in held]
                fresh = [fresh[i] for i in keep]
                key_hashes = key_hashes[keep]
        if not fresh:
            return 0
        n = len(fresh)
        first = self._reserve(n)
        slots = np.arange(first, first + n)
        self._keys.extend(sig.key for sig in fresh)
        self._count += n
        self._by_key.bulk(key_hashes, slots)
        digests = np.fromiter((digest(sig.exact_hash) for sig in fresh), np.uint64, n)
        self._pub[first : first + n] = np.array(
            [np.nan if sig.published is None else sig.published for sig in fresh], np.float64
        )
        self._alive[first : first + n] = True
        self._fresh[first : first + n] = False
        self._near[first : first + n] = False
        self._size[first : first + n] = 0
        self._exact.bulk(digests, slots)

        # the common layout (this index's num_perm, 4-byte values) decoded in one go
        hv = self._hv[first : first + n]
        layout = header_dtype(self.num_perm)
        blobs = [sig.minhash for sig in fresh]
        common = [i for i, blob in enumerate(blobs) if blob is not None and len(blob) == layout.itemsize]
        decoded = np.zeros(n, bool)
        if common:
            records = np.frombuffer(b"".join([blobs[i] for i in common]), layout)
            ok = (
                (records["magic"] == b"NBMH")
                & (records["version"] == 1)
                & (records["scheme"] == 1)
                & (records["width"] == 4)
                & (records["seed"] == (self.seed & 0xFFFFFFFF))
            )
            if len(common) == n and ok.all():  # the usual case: every blob, in order
                hv[:] = records["values"]
                self._size[first : first + n] = records["size"]
                decoded[:] = True
            else:
                rows = np.asarray(common, np.int64)[ok]
                hv[rows] = records["values"][ok]
                self._size[first + rows] = records["size"][ok]
                decoded[rows] = True
        for i in np.flatnonzero(~decoded).tolist():  # other layouts, incompatible ones, or none
            values, size = self._decode(blobs[i])
            if values is None:
                hv[i] = 0
            else:
                hv[i] = values
                self._size[first + i] = min(size, 0xFFFFFFFF)
                decoded[i] = True
        self._near[first : first + n] = decoded
        keys = band_keys(hv, self.bands, self.rows)
        if not decoded.all():
            keys = keys[decoded]
        self._bands.bulk(keys, slots[decoded][:, None])
        return n

    def discard(self, key: str) -> bool:
        """Forget ``key``; return whether it was held."""
        slot = self._slot(key)
        if slot is None:
            return False
        self._keys[slot] = None
        self._alive[slot] = self._near[slot] = self._fresh[slot] = False
        self._count -= 1
        self._dead += 1
        if self._dead > self.COMPACT_MIN and self._dead > self._count:
            self._compact()
        return True

    def _compact(self) -> None:
        """Renumber the live slots (order kept) and drop the dead ones from the three tables."""
        used = len(self._keys)
        alive = self._alive[:used]
        live = np.flatnonzero(alive)
        renumber = np.full(used, -1, np.int64)
        renumber[live] = np.arange(live.size)
        self._keys = [self._keys[i] for i in live.tolist()]
        self._hv = self._hv[live].copy()
        self._size = self._size[live]
        self._pub = self._pub[live]
        self._near = self._near[live]
        self._fresh = self._fresh[live]
        self._alive = np.ones(live.size, bool)
        self._dead = 0
        for table in (self._bands, self._exact, self._by_key):
            table.keep(alive, renumber)

    # -- lookup ----------------------------------------------------------------------------
    def exact_keys(self, exact_hash: str) -> list[str]:
        """Held keys whose exact hash has this digest, oldest insert first."""
        slots = sorted(self._exact.lookup_one(digest(exact_hash)))
        return [self._keys[s] for s in slots if self._alive[s]]

    def candidates(self, hashvalues: np.ndarray) -> np.ndarray:
        """Live slots with MinHash values sharing at least one band with ``hashvalues`` (sorted)."""
        slots = np.sort(self._bands.lookup(band_keys(hashvalues, self.bands, self.rows)))
        if slots.size > 1:
            slots = slots[np.concatenate(([True], slots[1:] != slots[:-1]))]
        return slots[self._near[slots]]

    def fresh_size(self, key: str) -> int | None:
        """The shingle set size of ``key`` if it is held, fresh and its size is known, else ``None``."""
        slot = self._slot(key)
        if slot is None or not self._fresh[slot] or not self._size[slot]:
            return None
        return int(self._size[slot])

    def best(
        self,
        hashvalues: np.ndarray,
        size: int | None,
        key: str,
        published: float | None,
        window: float | None,
        threshold: float,
        containment_threshold: float | None,
        *,
        containment_share: float = 0.0,
    ) -> tuple[str, float, float | None] | None:
        """The best near duplicate among the candidates: ``(key, Jaccard, containment)`` or ``None``.

        Candidates other than ``key``, published within ``window`` seconds (or undated on either
        side), are scored at once: ``J`` = share of equal MinHash values, containment (of the
        smaller set in the larger) ``J (|A| + |B|) / ((1 + J) min(|A|, |B|))`` when both sizes are
        known. A candidate matches when ``J >= threshold``, or when containment
        ``>= containment_threshold`` and the smaller set is at least ``containment_share`` of the
        larger (a trimmed copy, not a short story quoted whole inside a long one); the highest
        ``(J, containment)`` wins, the oldest insert on a tie.
        """
        cand = self.candidates(hashvalues)
        own = self._slot(key)
        if own is not None:
            cand = cand[cand != own]
        if window is not None and published is not None and cand.size:
            pub = self._pub[cand]
            cand = cand[np.isnan(pub) | (np.abs(pub - published) <= window)]
        if not cand.size:
            return None
        equal = np.take(self._hv, cand, axis=0) == hashvalues
        j = np.add.reduce(equal, axis=1, dtype=np.int32) / float(self.num_perm)
        ok = j >= threshold
        c = None
        if size:
            sizes = self._size[cand].astype(np.float64)
            known = sizes > 0
            smaller = np.minimum(float(size), sizes)
            with np.errstate(divide="ignore", invalid="ignore"):
                c = np.minimum(1.0, j * (size + sizes) / ((1.0 + j) * smaller))
            c = np.where(known, c, np.nan)
            if containment_threshold is not None:
                share = smaller / np.maximum(float(size), sizes)
                ok |= known & (c >= containment_threshold) & (share >= containment_share)
        if not ok.any():
            return None
        hits = np.flatnonzero(ok)
        cj = j[hits]
        cc = np.zeros_like(cj) if c is None else np.nan_to_num(c[hits], nan=0.0)
        # highest J, then highest containment, then the lowest slot (hits are in slot order)
        winner = hits[np.lexsort((np.arange(hits.size), -cc, -cj))[0]]
        containment = None if c is None or np.isnan(c[winner]) else float(c[winner])
        key = self._keys[int(cand[winner])]
        assert key is not None  # candidates are live slots
        return key, float(j[winner]), containment


def _key_hash(key: str) -> int:
    return xxhash.xxh3_64_intdigest(key.encode("utf-8"))


def _grown(array: np.ndarray, capacity: int) -> np.ndarray:
    """``array`` with room for ``capacity`` rows (the new rows uninitialised or zero).

    An array owning its memory is resized in place (``realloc``: large arrays have their pages
    moved, not copied). No view of these arrays outlives a call of :class:`HeldSignatures`, hence
    ``refcheck=False``.
    """
    if array.flags.owndata and array.flags.c_contiguous:
        array.resize((capacity, *array.shape[1:]), refcheck=False)
        return array
    grown = np.empty((capacity, *array.shape[1:]), array.dtype)
    grown[: array.shape[0]] = array
    return grown
