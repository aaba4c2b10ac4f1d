"""Compact multimaps from 32/64-bit hash keys to story slots, and the LSH band keys (no Scrapy imports).

:class:`~newsbot.dedup.index.NearDuplicateIndex` numbers the stories it holds (slots) and finds
candidates through two :class:`HashTable` instances: one keyed by the LSH band hashes of each
signature (:func:`band_keys`), one by the 64-bit digest of each exact hash. A table is a pair of
sorted numpy arrays (keys, slots) looked up with ``searchsorted`` (8 or 12 bytes an entry, no
Python object per entry); stories inserted one by one go to a preallocated numpy buffer and a
smaller sorted pair of arrays, merged into the main ones in bulk (no Python object per entry either).
A slot that is forgotten stays in the tables: the index filters out dead slots after a lookup
and rebuilds the tables when too many are dead.
"""

from __future__ import annotations

import numpy as np

__all__ = ["HashTable", "band_keys"]

# The band key is a multiplicative hash of the band's ``rows`` values (random odd 64-bit
# multipliers; keys are computed from the values at load, never stored), plus a per-band salt,
# mixed and folded to 32 bits. Two different bands with the same key make a spurious candidate, which
# verification rejects: ~1 in 4 billion per band and stored story.
_MULTIPLIERS = np.random.default_rng(0x5EED).integers(1, 2**63, size=64, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_SALT = np.uint64(0x94D049BB133111EB)
_MIX = np.uint64(0xBF58476D1CE4E5B9)
_CHUNK = 4096


def band_keys(hashvalues: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """32-bit keys of the ``bands`` bands of ``rows`` values of each signature.

    ``hashvalues`` is ``(n, num_perm)`` (or one ``(num_perm,)`` signature); returns ``(n, bands)``
    uint32 (or ``(bands,)``). Band ``b`` covers values ``[b * rows, (b + 1) * rows)``, as in
    datasketch's ``MinHashLSH``; the band number is part of the key, so one table holds all bands.
    """
    if rows > _MULTIPLIERS.size:
        raise ValueError(f"at most {_MULTIPLIERS.size} rows per band")
    salt = np.arange(1, bands + 1, dtype=np.uint64) * _SALT
    width = bands * rows
    if hashvalues.ndim == 1:  # one signature (a lookup): the same sums, in one step
        h = salt + (hashvalues[:width].astype(np.uint64).reshape(bands, rows) * _MULTIPLIERS[:rows]).sum(axis=1)
        h ^= h >> np.uint64(31)
        h *= _MIX
        return (h >> np.uint64(32)).astype(np.uint32)
    n = hashvalues.shape[0]
    out = np.empty((n, bands), np.uint32)
    for start in range(0, n, _CHUNK):  # chunks that stay in the CPU cache
        block = hashvalues[start : start + _CHUNK, :width]
        h = np.broadcast_to(salt, (block.shape[0], bands)).copy()
        for r in range(rows):  # value r of every band: columns r, r + rows, r + 2 rows, ...
            h += block[:, r::rows].astype(np.uint64) * _MULTIPLIERS[r]
        h ^= h >> np.uint64(31)
        h *= _MIX
        out[start : start + _CHUNK] = h >> np.uint64(32)
    return out


class HashTable:
    """A multimap ``key -> slots`` over sorted numpy arrays, with recent inserts in numpy buffers.

    ``dtype`` is the key type (``np.uint32`` for band keys, ``np.uint64`` for digests).
    :meth:`lookup` returns every slot stored under any of the given keys (with repeats).

    Entries live in three levels, none with a Python object per entry: the main sorted arrays
    (with a directory of runs), a smaller sorted "young" pair of arrays, and a preallocated
    append buffer. :meth:`add` writes into the buffer; a full buffer is sorted into the young
    arrays (a copy of at most :attr:`PENDING_LIMIT` entries), and young arrays that reach
    :attr:`PENDING_LIMIT` are merged into the main ones (a copy of the whole table, rarely).
    """

    #: entries in the young arrays merged into the main ones at once (~1,600 stories of 40 bands)
    PENDING_LIMIT = 65536
    #: entries of the append buffer (~25 stories of 40 bands); a lookup scans it whole
    BUFFER = 1024

    def __init__(self, dtype: type[np.unsignedinteger]) -> None:
        self.dtype = np.dtype(dtype)
        self._keys = np.empty(0, self.dtype)
        self._slots = np.empty(0, np.int32)
        self._shift = np.uint64(self.dtype.itemsize * 8)
        self._directory = np.zeros(2, np.int32)
        self._young_keys = np.empty(0, self.dtype)
        self._young_slots = np.empty(0, np.int32)
        self._buf_keys = np.empty(self.BUFFER, self.dtype)
        self._buf_slots = np.empty(self.BUFFER, np.int32)
        self._buffered = 0

    def __len__(self) -> int:
        return int(self._keys.size + self._young_keys.size) + self._buffered

    @property
    def nbytes(self) -> int:
        arrays = (self._keys, self._slots, self._directory, self._young_keys, self._young_slots)
        return sum(int(a.nbytes) for a in arrays) + int(self._buf_keys.nbytes + self._buf_slots.nbytes)

    def _sorted(self, keys: np.ndarray, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(keys, slots)`` flattened (``slots`` broadcast to the shape of ``keys``) and sorted by key."""
        if self.dtype.itemsize == 4:
            # one in-place sort of 64-bit (key, slot) pairs instead of a stable argsort, and no
            # temporary array beside the pairs (a load sorts bands x stories of them)
            pairs = np.empty(keys.shape, np.uint64)
            pairs[...] = keys
            pairs <<= np.uint64(32)
            pairs |= np.broadcast_to(slots.view(np.uint32), keys.shape)  # slots are >= 0
            pairs = pairs.reshape(-1)
            pairs.sort()
            keys = np.empty(pairs.size, self.dtype)
            np.right_shift(pairs, np.uint64(32), out=keys, casting="unsafe")
            slots = np.empty(pairs.size, np.int32)
            np.bitwise_and(pairs, np.uint64(0xFFFFFFFF), out=slots, casting="unsafe")
            return keys, slots
        keys = keys.ravel()
        slots = np.broadcast_to(slots, keys.shape).ravel()
        order = np.argsort(keys)
        return keys[order], slots[order]

    def bulk(self, keys: np.ndarray, slots: np.ndarray) -> None:
        """Add many entries at once (``slots`` broadcast to the shape of ``keys``), merged in sorted order."""
        keys = np.asarray(keys, dtype=self.dtype)
        slots = np.asarray(slots, dtype=np.int32)
        if not keys.size:
            return
        keys, slots = self._sorted(keys, slots)
        if not self._keys.size:
            self._keys, self._slots = keys, slots
        else:
            at = np.searchsorted(self._keys, keys, side="right")
            self._keys = np.insert(self._keys, at, keys)
            self._slots = np.insert(self._slots, at, slots)
        self._index_directory(added=keys)

    def _index_directory(self, added: np.ndarray | None = None) -> None:
        """Where each run of keys with the same top bits starts (~8 keys a run).

        A lookup reads the run of its key's top bits instead of a binary search over the whole
        array: two memory reads instead of ~22, most of them cache misses at 100,000 stories.
        With ``added`` (the keys just merged) and the same number of runs, only their runs are
        counted again.
        """
        bits = max(1, min(26, int(self._keys.size // 8).bit_length()))
        shift = np.uint64(self.dtype.itemsize * 8 - bits)
        if added is not None and shift == self._shift and self._directory.size == (1 << bits) + 1:
            counts = np.diff(self._directory).astype(np.int64)
            counts += np.bincount((added >> shift).astype(np.int64), minlength=1 << bits)
        else:
            counts = np.bincount((self._keys >> shift).astype(np.int64), minlength=1 << bits)
        self._shift = shift
        self._directory = np.concatenate(([0], np.cumsum(counts))).astype(np.int32)

    def add(self, keys: np.ndarray | list[int], slot: int) -> None:
        """Add ``slot`` under each of ``keys`` (one story's band keys, or its digest)."""
        keys = np.asarray(keys, dtype=self.dtype).ravel()
        n = keys.size
        if self._buffered + n > self.BUFFER:
            self._spill()
        if n > self.BUFFER:  # more keys than the buffer holds: straight into the young arrays
            self._merge_young(*self._sorted(keys, np.full(n, slot, np.int32)))
            return
        end = self._buffered + n
        self._buf_keys[self._buffered : end] = keys
        self._buf_slots[self._buffered : end] = slot
        self._buffered = end

    def _spill(self) -> None:
        """Sort the buffer into the young arrays."""
        if self._buffered:
            n, self._buffered = self._buffered, 0
            self._merge_young(*self._sorted(self._buf_keys[:n], self._buf_slots[:n]))

    def _merge_young(self, keys: np.ndarray, slots: np.ndarray) -> None:
        """Merge sorted entries into the young arrays; move those into the main ones when full."""
        at = np.searchsorted(self._young_keys, keys, side="right")
        self._young_keys = np.insert(self._young_keys, at, keys)
        self._young_slots = np.insert(self._young_slots, at, slots)
        if self._young_keys.size >= self.PENDING_LIMIT:
            self._flush_young()

    def _flush_young(self) -> None:
        keys, slots = self._young_keys, self._young_slots
        self._young_keys = np.empty(0, self.dtype)
        self._young_slots = np.empty(0, np.int32)
        self.bulk(keys, slots)

    def flush(self) -> None:
        """Merge the buffered and young entries into the main sorted arrays."""
        self._spill()
        if self._young_keys.size:
            self._flush_young()

    def keep(self, alive: np.ndarray, renumber: np.ndarray) -> None:
        """Drop the entries of dead slots (``alive[slot]`` false), renumber the others."""
        self.flush()
        mask = alive[self._slots]
        self._keys = self._keys[mask]
        self._slots = renumber[self._slots[mask]].astype(np.int32)
        self._index_directory()

    def contains(self, keys: np.ndarray) -> np.ndarray:
        """For each of ``keys``, whether any entry has it (a boolean array)."""
        keys = np.asarray(keys, dtype=self.dtype)
        found = np.isin(keys, self._keys)
        if self._young_keys.size:
            found |= np.isin(keys, self._young_keys)
        if self._buffered:
            found |= np.isin(keys, self._buf_keys[: self._buffered])
        return found

    def lookup_one(self, key: int) -> list[int]:
        """The slots stored under one ``key``."""
        value = self.dtype.type(key)
        found: list[int] = []
        if self._keys.size:
            top = int(value >> self._shift)
            lo, hi = int(self._directory[top]), int(self._directory[top + 1])
            run = self._keys[lo:hi]
            found = self._slots[lo:hi][run == value].tolist()
        young = self._young_keys
        if young.size:
            lo = hi = int(young.searchsorted(value))
            while hi < young.size and young[hi] == value:  # usually no entry, rarely more than one
                hi += 1
            found += self._young_slots[lo:hi].tolist()
        if self._buffered:
            n = self._buffered
            found += self._buf_slots[:n][self._buf_keys[:n] == value].tolist()
        return found

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """All slots stored under any of ``keys`` (int64, unsorted, repeats possible)."""
        keys = np.asarray(keys, dtype=self.dtype)
        found = []
        if self._keys.size:
            top = (keys >> self._shift).astype(np.int64)
            left = self._directory[top]
            lengths = self._directory[top + 1] - left
            found.append(_gather(self._keys, self._slots, keys, left, lengths))
        young = self._young_keys
        if young.size:
            left = young.searchsorted(keys)
            present = young[np.minimum(left, young.size - 1)] == keys
            if present.any():  # the end of the runs only for the keys that have one
                keys_in, left = keys[present], left[present]
                lengths = young.searchsorted(keys_in, side="right") - left
                found.append(_gather(young, self._young_slots, keys_in, left, lengths))
        if self._buffered and keys.size:
            n = self._buffered
            buffered = self._buf_keys[:n]
            query = np.sort(keys)
            at = np.minimum(np.searchsorted(query, buffered), query.size - 1)
            found.append(self._buf_slots[:n][query[at] == buffered])
        if not found:
            return np.empty(0, np.int64)
        return np.concatenate(found).astype(np.int64)


def _gather(
    table_keys: np.ndarray, table_slots: np.ndarray, keys: np.ndarray, left: np.ndarray, lengths: np.ndarray
) -> np.ndarray:
    """The slots of the entries equal to ``keys[i]`` among ``table_keys[left[i] : left[i] + lengths[i]]``."""
    total = int(lengths.sum())
    if not total:
        return np.empty(0, np.int32)
    at = np.repeat(left - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
    match = table_keys[at] == np.repeat(keys, lengths)
    return table_slots[at[match]]
