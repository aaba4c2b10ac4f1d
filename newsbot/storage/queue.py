"""The write queue of a store: articles, their signatures, copies and other writes waiting for a commit.

Shared by every backend. An article and its dedup signature travel together (same key), so they
always commit in the same transaction; a signature offered before its article waits for it, and
so does the record of a copy of that article: a copy never commits ahead of its original.
Thread-safe: items are queued from the reactor thread while a batch is written from a worker.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from newsbot.dedup.store import StoredSignature


@dataclass(slots=True)
class QueuedArticle:
    """An article waiting in the queue; its upsert, revision, links and signature are written together."""

    key: str
    article: dict[str, Any]
    run_id: int | None
    signature: StoredSignature | None = None


@dataclass(slots=True)
class QueuedCopy:
    """The record of a copy (a row of ``duplicates``) waiting in the queue."""

    url: str
    duplicate_of: str
    similarity: float | None
    method: str
    headline: str | None
    date_published: str | None
    seen_at: str
    run_id: int | None

    def row(self, original: str | None = None) -> tuple[Any, ...]:
        """Parameters of :data:`~newsbot.storage.articles.DUPLICATE_UPSERT`; ``original`` overrides ``duplicate_of``."""
        return (
            self.url, original or self.duplicate_of, self.similarity, self.method, self.headline,
            self.date_published, self.seen_at, self.run_id,
        )  # fmt: skip


@dataclass(slots=True)
class QueuedStatement:
    """Any other write: one SQL statement (``?`` placeholders) and its parameters."""

    sql: str
    params: tuple[Any, ...]


QueuedWrite = QueuedArticle | QueuedCopy | QueuedStatement


@dataclass
class WriteQueue:
    """Writes waiting for the next commit, in the order they were queued."""

    batch_size: int
    _entries: list[QueuedWrite] = field(default_factory=list)
    _articles: dict[str, QueuedArticle] = field(default_factory=dict)
    _waiting_signatures: dict[str, StoredSignature] = field(default_factory=dict)
    _waiting_copies: dict[str, list[QueuedCopy]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def full(self) -> bool:
        """True once ``batch_size`` articles (or four times as many other writes) wait."""
        return len(self._articles) >= self.batch_size or len(self._entries) >= 4 * self.batch_size

    def add_article(self, article: dict[str, Any], run_id: int | None) -> None:
        key = article.get("canonicalUrl") or article["url"]
        with self._lock:
            entry = QueuedArticle(key, article, run_id, self._waiting_signatures.pop(key, None))
            self._entries.append(entry)
            self._articles[key] = entry
            self._entries.extend(self._waiting_copies.pop(key, ()))

    def add_signature(self, signature: StoredSignature) -> None:
        with self._lock:
            entry = self._articles.get(signature.key)
            if entry is not None:
                entry.signature = signature
            else:
                self._waiting_signatures[signature.key] = signature

    def add(self, entry: QueuedCopy | QueuedStatement) -> None:
        with self._lock:
            if isinstance(entry, QueuedCopy) and entry.duplicate_of in self._waiting_signatures:
                # the original was judged unique but is not queued yet: the copy follows it
                self._waiting_copies.setdefault(entry.duplicate_of, []).append(entry)
            else:
                self._entries.append(entry)

    def take(self) -> list[QueuedWrite]:
        """Everything queued, in order; the queue starts empty again (signatures and copies still waiting stay)."""
        with self._lock:
            entries, self._entries = self._entries, []
            self._articles = {}
            return entries

    @property
    def articles(self) -> int:
        """Articles queued and not taken by a commit yet."""
        with self._lock:
            return article_count(self._entries)

    @property
    def orphan_signatures(self) -> int:
        """Signatures still waiting for an article that was never queued."""
        return len(self._waiting_signatures)


def article_count(entries: list[QueuedWrite]) -> int:
    return sum(isinstance(entry, QueuedArticle) for entry in entries)
