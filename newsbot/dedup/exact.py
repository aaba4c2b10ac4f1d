"""The exact layer's view of every stored story, whatever its age, in 8 bytes a story.

The near layer holds full signatures in memory only for the publication dates a crawl needs
(:mod:`newsbot.dedup.ranges`); the exact layer must see every stored story. :class:`StoredDigests`
keeps a sorted array of 64-bit digests of the stored ``exact_hash`` values: a body whose digest is
absent is certainly new, and only a present one (a probable exact copy, rare) costs a store
lookup (:meth:`~newsbot.dedup.signatures.SignatureStore.keys_with_exact_hash`) to learn which stored
story it copies.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import xxhash

__all__ = ["StoredDigests", "digest"]


def digest(exact_hash: str) -> int:
    """A 64-bit digest of an ``exact_hash`` string (any form: hex or not)."""
    return xxhash.xxh3_64_intdigest(exact_hash.encode("utf-8"))


class StoredDigests:
    """The 64-bit digests of the ``exact_hash`` of every signature in the store when it was read."""

    def __init__(self, exact_hashes: Iterable[str] = ()) -> None:
        values = np.fromiter((digest(h) for h in exact_hashes), dtype=np.uint64)
        self._sorted = np.unique(values)

    def __len__(self) -> int:
        return int(self._sorted.size)

    @property
    def nbytes(self) -> int:
        return int(self._sorted.nbytes)

    def might_contain(self, exact_hash: str) -> bool:
        """False: no stored story had this ``exact_hash``; True: one probably has (ask the store)."""
        if not self._sorted.size:
            return False
        value = np.uint64(digest(exact_hash))
        i = int(np.searchsorted(self._sorted, value))
        return i < self._sorted.size and self._sorted[i] == value
