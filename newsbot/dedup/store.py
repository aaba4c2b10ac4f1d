"""Where the near-duplicate index keeps its signatures between crawls.

The index (:mod:`newsbot.dedup.index`) holds MinHash signatures in memory for speed, and writes
each new one through a :class:`SignatureStore` so that the next crawl can rebuild it. Backends
(SQLite next to the articles, Redis across machines) implement this protocol; nothing here knows
about Scrapy.
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

    def load(self, since: float | None = None) -> Iterable[StoredSignature]:
        """Yield the stored signatures published at or after ``since`` (all if ``None``).

        Signatures without a publication time are always yielded.
        """
        ...

    def add(self, signature: StoredSignature) -> None:
        """Persist one signature (a backend may defer the write to its next commit)."""
        ...

    def prune(self, before: float) -> int:
        """Delete signatures published before ``before``; return how many were deleted."""
        ...


class MemorySignatureStore:
    """A :class:`SignatureStore` that keeps everything in a dict (tests, one-off CLI runs)."""

    def __init__(self) -> None:
        self._records: dict[str, StoredSignature] = {}

    def load(self, since: float | None = None) -> Iterator[StoredSignature]:
        for record in list(self._records.values()):
            if since is None or record.published is None or record.published >= since:
                yield record

    def add(self, signature: StoredSignature) -> None:
        self._records[signature.key] = signature

    def prune(self, before: float) -> int:
        old = [k for k, r in self._records.items() if r.published is not None and r.published < before]
        for key in old:
            del self._records[key]
        return len(old)

    def __len__(self) -> int:
        return len(self._records)
