"""Where the near-duplicate index keeps its signatures between crawls.

The index (:mod:`newsbot.dedup.index`) holds MinHash signatures in memory for speed, and writes
each new one through a :class:`SignatureStore` so that the next crawl can rebuild it. Backends
(SQLite next to the articles, Redis across machines) implement this protocol; nothing here knows
about Scrapy. A store never forgets a signature by itself: the dedup window bounds what the index
holds in memory, never what is stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class StoredSignature:
    """What the index remembers of one stored story.

    ``key`` is the story's canonical URL, ``exact_hash`` a hex digest of its normalised body,
    ``minhash`` the MinHash signature as opaque bytes (layout: :func:`newsbot.dedup.index.encode_minhash`;
    ``None`` for texts too short to shingle), ``published`` the publication time in epoch seconds
    (``None`` if unknown).
    """

    key: str
    exact_hash: str
    minhash: bytes | None
    published: float | None


class SignatureStore(Protocol):
    """Persistence for :class:`StoredSignature` records."""

    def load(
        self, since: float | None = None, until: float | None = None, *, undated: bool = True
    ) -> Iterable[StoredSignature]:
        """Yield the stored signatures published in ``[since, until]`` (both ends included; a
        ``None`` end is open), and those without a publication time when ``undated`` is true.
        """
        ...

    def add(self, signature: StoredSignature) -> None:
        """Persist one signature (a backend may defer the write to its next commit)."""
        ...

    def exact_hashes(self) -> Iterable[str]:
        """The ``exact_hash`` of every stored signature, whatever its date."""
        ...

    def keys_with_exact_hash(self, exact_hash: str) -> list[str]:
        """The keys of the stored signatures with this ``exact_hash``, oldest write first."""
        ...


def in_range(published: float | None, since: float | None, until: float | None, undated: bool) -> bool:
    """Whether a signature published at ``published`` belongs to a :meth:`SignatureStore.load` answer."""
    if published is None:
        return undated
    return (since is None or published >= since) and (until is None or published <= until)


class MemorySignatureStore:
    """A :class:`SignatureStore` that keeps everything in a dict (tests, one-off CLI runs)."""

    def __init__(self) -> None:
        self._records: dict[str, StoredSignature] = {}

    def load(
        self, since: float | None = None, until: float | None = None, *, undated: bool = True
    ) -> Iterator[StoredSignature]:
        for record in list(self._records.values()):
            if in_range(record.published, since, until, undated):
                yield record

    def add(self, signature: StoredSignature) -> None:
        self._records.pop(signature.key, None)  # a rewrite counts as the newest write
        self._records[signature.key] = signature

    def exact_hashes(self) -> Iterator[str]:
        return iter([record.exact_hash for record in self._records.values()])

    def keys_with_exact_hash(self, exact_hash: str) -> list[str]:
        return [key for key, record in self._records.items() if record.exact_hash == exact_hash]

    def __len__(self) -> int:
        return len(self._records)
