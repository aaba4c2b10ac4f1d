"""Compact multimaps from 32/64-bit hash keys to story slots, and the LSH band keys (no Scrapy imports).

:class:`~newsbot.dedup.index.NearDuplicateIndex` numbers the stories it holds (slots) and finds
candidates through two :class:`HashTable` instances: one keyed by the LSH band hashes of each
signature (:func:`band_keys`), one by the 64-bit digest of each exact hash. A table is a pair of
sorted numpy arrays (keys, slots) looked up with ``searchsorted`` (8 or 12 bytes an entry, no
Python object per entry), plus a small dict of recent inserts merged into the arrays in bulk.
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


def band_keys(hashvalues: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """32-bit keys of the ``bands`` bands of ``rows`` values of each signature.

    ``hashvalues`` is ``(n, num_perm)`` (or one ``(num_perm,)`` signature); returns ``(n, bands)``
    uint32 (or ``(bands,)``). Band ``b`` covers values ``[b * rows, (b + 1) * rows)``, as in
    datasketch's ``MinHashLSH``; the band number is part of the key, so one table holds all bands.
    """
    if rows > _MULTIPLIERS.size:
        raise ValueError(f"at most {_MULTIPLIERS.size} rows per band")
    values = hashvalues[..., : bands * rows].astype(np.uint64)
    values = values.reshape(*hashvalues.shape[:-1], bands, rows)
    h = values @ _MULTIPLIERS[:rows]  # wraps modulo 2**64
    h += np.arange(1, bands + 1, dtype=np.uint64) * _SALT
    h ^= h >> np.uint64(31)
    h *= _MIX
    return (h >> np.uint64(32)).astype(np.uint32)


class HashTable:
    """A multimap ``key -> slots`` over sorted numpy arrays, with recent inserts in a dict.

    ``dtype`` is the key type (``np.uint32`` for band keys, ``np.uint64`` for digests).
    :meth:`lookup` returns every slot stored under any of the given keys (with repeats).
    """

    #: pending entries merged into the sorted arrays at once (~2,000 stories of 32 bands)
    PENDING_LIMIT = 65536

    def __init__(self, dtype: type[np.unsignedinteger]) -> None:
        self.dtype = np.dtype(dtype)
        self._keys = np.empty(0, self.dtype)
        self._slots = np.empty(0, np.int32)
        self._pending: dict[int, list[int]] = {}
        self._pending_count = 0

    def __len__(self) -> int:
        return int(self._keys.size) + self._pending_count

    @property
    def nbytes(self) -> int:
        return int(self._keys.nbytes + self._slots.nbytes)

    def bulk(self, keys: np.ndarray, slots: np.ndarray) -> None:
        """Add many entries at once (``keys`` and ``slots`` of the same shape), merged in sorted order."""
        keys = np.ascontiguousarray(keys, dtype=self.dtype).ravel()
        slots = np.ascontiguousarray(slots, dtype=np.int32).ravel()
        if not keys.size:
            return
        order = np.argsort(keys, kind="stable")
        keys, slots = keys[order], slots[order]
        if not self._keys.size:
            self._keys, self._slots = keys, slots
            return
        at = np.searchsorted(self._keys, keys, side="right")
        self._keys = np.insert(self._keys, at, keys)
        self._slots = np.insert(self._slots, at, slots)

    def add(self, keys: np.ndarray | list[int], slot: int) -> None:
        """Add ``slot`` under each of ``keys`` (one story's band keys, or its digest)."""
        pending = self._pending
        if isinstance(keys, np.ndarray):
            keys = keys.tolist()
        for key in keys:
            bucket = pending.get(key)
            if bucket is None:
                pending[key] = [slot]
            else:
                bucket.append(slot)
        self._pending_count += len(keys)
        if self._pending_count >= self.PENDING_LIMIT:
            self.flush()

    def flush(self) -> None:
        """Merge the pending entries into the sorted arrays."""
        if not self._pending:
            return
        count = self._pending_count
        keys = np.empty(count, self.dtype)
        slots = np.empty(count, np.int32)
        i = 0
        for key, bucket in self._pending.items():
            n = len(bucket)
            keys[i : i + n] = key
            slots[i : i + n] = bucket
            i += n
        self._pending = {}
        self._pending_count = 0
        self.bulk(keys, slots)

    def lookup_one(self, key: int) -> list[int]:
        """The slots stored under one ``key``."""
        found = []
        if self._keys.size:
            value = self.dtype.type(key)
            left = int(np.searchsorted(self._keys, value, side="left"))
            right = int(np.searchsorted(self._keys, value, side="right"))
            found = self._slots[left:right].tolist()
        return found + self._pending.get(key, [])

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """All slots stored under any of ``keys`` (int64, unsorted, repeats possible)."""
        keys = np.asarray(keys, dtype=self.dtype)
        found = []
        if self._keys.size:
            left = np.searchsorted(self._keys, keys, side="left")
            right = np.searchsorted(self._keys, keys, side="right")
            lengths = right - left
            total = int(lengths.sum())
            if total:
                starts = np.repeat(left - (np.cumsum(lengths) - lengths), lengths)
                found.append(self._slots[starts + np.arange(total)])
        if self._pending:
            pending = self._pending
            extra = [slot for key in keys.tolist() for slot in pending.get(key, ())]
            if extra:
                found.append(np.asarray(extra, dtype=np.int32))
        if not found:
            return np.empty(0, np.int64)
        return np.concatenate(found).astype(np.int64)
