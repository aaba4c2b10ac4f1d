"""The exact layer's view of every stored story, whatever its age: 8 bytes a story, or asked on demand.

The near layer holds full signatures in memory only for the publication dates a crawl needs
(:mod:`newsbot.dedup.ranges`); the exact layer must see every stored story. :class:`StoredDigests`
keeps a sorted array of 64-bit digests of the stored ``exact_hash`` values: a body whose digest is
absent is certainly new, and only a present one (a probable exact copy, rare) costs a store
lookup (:meth:`~newsbot.dedup.signatures.SignatureStore.keys_with_exact_hash`) to learn which stored
story it copies.

:class:`RecentAnswers` is the other way, for a store that answers an exact-hash lookup with one
indexed read (the SQL stores): nothing is read at start, each text the held signatures do not
answer costs one lookup, and the last answers are remembered (a bounded LRU) so that a text judged
twice (``check`` then ``check_and_add``, a refetch) is not looked up twice.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

import numpy as np
import xxhash

__all__ = ["DEFAULT_RECENT_ANSWERS", "RecentAnswers", "StoredDigests", "digest"]

#: how many exact-hash answers :class:`RecentAnswers` remembers (a few hundred KB at most)
DEFAULT_RECENT_ANSWERS = 4096


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


class RecentAnswers:
    """The store's last answers to "which stored stories have this exact hash?", least recent dropped first.

    An answer is the list of keys the store gave (empty: no stored story has that body). It is the
    store's state when asked: a story this index writes afterwards is held by the index, which
    looks there first.
    """

    def __init__(self, size: int = DEFAULT_RECENT_ANSWERS) -> None:
        if size < 1:
            raise ValueError("RecentAnswers needs room for at least one answer")
        self.size = size
        self._answers: OrderedDict[str, tuple[str, ...]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._answers)

    def get(self, exact_hash: str) -> tuple[str, ...] | None:
        """The remembered answer for ``exact_hash``, ``None`` if there is none (ask the store)."""
        answer = self._answers.get(exact_hash)
        if answer is not None:
            self._answers.move_to_end(exact_hash)
        return answer

    def remember(self, exact_hash: str, keys: Iterable[str]) -> tuple[str, ...]:
        """Keep the store's answer for ``exact_hash``; return it."""
        answer = tuple(keys)
        self._answers[exact_hash] = answer
        self._answers.move_to_end(exact_hash)
        if len(self._answers) > self.size:
            self._answers.popitem(last=False)
        return answer
