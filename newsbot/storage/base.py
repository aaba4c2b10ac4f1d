"""What every storage backend shares: the interface, results, the content fingerprint (errors: newsbot.errors)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from newsbot.errors import StorageError

if TYPE_CHECKING:
    from newsbot.dedup.index import NearDuplicateIndex
    from newsbot.dedup.signatures import SignatureStore, StoredSignature
    from newsbot.storage.known import KnownPage, StoredPages


class StoreResult(StrEnum):
    """What storing one article did."""

    NEW = "new"
    REVISED = "revised"
    UNCHANGED = "unchanged"


def content_hash(article: dict[str, Any]) -> str:
    """Fingerprint of what a reader would see change: headline, standfirst, body, modified date."""
    material = json.dumps(
        [article.get("headline"), article.get("description"), article.get("articleBody"), article.get("dateModified")],
        ensure_ascii=False,
    )
    return hashlib.blake2b(material.encode("utf-8"), digest_size=16).hexdigest()


def first_line(error: BaseException) -> str:
    """The first line of an error's message (its type's name when it has none), for one-line reports."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


@dataclass(frozen=True)
class Demotion:
    """A new article the shared dedup index found, at commit, to copy a story another worker stored."""

    key: str
    duplicate_of: str
    similarity: float | None
    method: str


class Store(Protocol):
    """The crawl's store, whatever the backend (:mod:`newsbot.storage.factory` opens one from a URL).

    Writes are queued (:meth:`store_article`, :meth:`record_duplicate`, :meth:`touch`, signatures
    through :attr:`signatures`) and committed by :meth:`flush` in one transaction. Pipelines,
    middlewares, extensions and monitors use only what is declared here.
    """

    description: str
    location: str
    batch_size: int
    run_id: int | None
    results: Counter[StoreResult]
    rejected: list[tuple[str, str]]
    demoted: list[Demotion]
    failed: StorageError | None
    lost: int
    signatures: SignatureStore
    #: the exact hashes of the signatures committed since dedup was attached (``None``: it was not)
    committed_hashes: set[str] | None

    def open(self) -> None: ...
    def close(self) -> None: ...
    @property
    def batch_full(self) -> bool: ...
    @property
    def queued_articles(self) -> int: ...
    @property
    def orphan_signatures(self) -> int: ...
    def flush(self) -> int: ...
    def store_article(self, article: dict[str, Any]) -> None: ...
    def record_duplicate(
        self, url: str, duplicate_of: str, similarity: float | None, method: str,
        headline: str | None = None, date_published: str | None = None,
    ) -> None: ...  # fmt: skip
    def supersede(self, original: str, signature: StoredSignature, similarity: float | None, method: str) -> bool: ...
    def touch(self, canonical_url: str) -> None: ...
    def stored_pages(self) -> StoredPages: ...
    def known_pages(self) -> dict[str, KnownPage]: ...
    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]: ...
    def stream(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]: ...
    def newest_published(self) -> float | None: ...
    def attach_dedup(self, index: NearDuplicateIndex, *, keep_copies: bool) -> None: ...
    def previous_run(self, spider: str) -> tuple[str | None, str | None] | None: ...
    def start_run(self, spider: str, run_key: str | None = None, worker: str | None = None) -> int: ...
    def finish_run(self, finish_reason: str | None, stats: dict[str, Any]) -> None: ...
