"""The write queue of a store: articles, their signatures, copies and other writes waiting for a commit.

Shared by every backend. An article and its dedup signature travel together (same key), so they
always commit in the same transaction; a signature offered before its article waits for it, and
so does the record of a copy of that article: a copy never commits ahead of its original.
A new story still in the open batch can be *replaced* by a fuller version of it
(:meth:`WriteQueue.supersede`): it becomes that version's copy, and so do the copies recorded of it.
Thread-safe: items are queued from the reactor thread while a batch is written from a worker.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from newsbot.dedup.signatures import StoredSignature


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


@dataclass(frozen=True, slots=True)
class Replacement:
    """Why a story of the open batch became a copy: the fuller version that took its place, found how."""

    by: str
    similarity: float | None
    method: str
    seen_at: str
    keep_copies: bool


@dataclass
class WriteQueue:
    """Writes waiting for the next commit, in the order they were queued."""

    batch_size: int
    _entries: list[QueuedWrite] = field(default_factory=list)
    _articles: dict[str, QueuedArticle] = field(default_factory=dict)
    _waiting_signatures: dict[str, StoredSignature] = field(default_factory=dict)
    _waiting_copies: dict[str, list[QueuedCopy]] = field(default_factory=dict)
    #: replaced story -> the version that replaced it (kept for the crawl: later copies follow it)
    _redirects: dict[str, str] = field(default_factory=dict)
    #: replaced stories whose article had not reached the queue yet: it arrives as a copy
    _replaced_on_the_way: dict[str, Replacement] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def full(self) -> bool:
        """True once ``batch_size`` articles (or four times as many other writes) wait."""
        return len(self._articles) >= self.batch_size or len(self._entries) >= 4 * self.batch_size

    def add_article(self, article: dict[str, Any], run_id: int | None) -> None:
        key = article.get("canonicalUrl") or article["url"]
        with self._lock:
            if article.get("duplicateOf") in self._redirects:  # a flagged copy of a replaced story
                original = self._current(article["duplicateOf"])
                mark = {"duplicateOf": original} if original != key else {"duplicateOf": None, "similarity": None}
                article = {**article, **mark}
            replacement = self._replaced_on_the_way.pop(key, None)
            if replacement is not None:
                copy = _copy_record(key, article, run_id, replacement)
                copy.duplicate_of = self._current(key)  # its replacement may have been replaced since
                self._queue_copy(copy)
                if not replacement.keep_copies:
                    return
                article = {**article, "duplicateOf": self._current(key), "similarity": replacement.similarity}
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
            if isinstance(entry, QueuedCopy):
                entry.duplicate_of = self._current(entry.duplicate_of)
                if entry.duplicate_of != entry.url:  # a second fetch of the version that replaced it
                    self._queue_copy(entry)
            else:
                self._entries.append(entry)

    def _queue_copy(self, entry: QueuedCopy) -> None:
        if entry.duplicate_of in self._waiting_signatures:
            # the original was judged unique but is not queued yet: the copy follows it
            self._waiting_copies.setdefault(entry.duplicate_of, []).append(entry)
        else:
            self._entries.append(entry)

    def _current(self, key: str) -> str:
        """The story that now stands for ``key`` (``key`` itself unless it was replaced)."""
        for _ in range(len(self._redirects)):
            if key not in self._redirects:
                break
            key = self._redirects[key]
        return key

    def supersede(self, original: str, signature: StoredSignature, replacement: Replacement) -> bool:
        """Turn the new story ``original``, still in the open batch, into a copy of ``signature``'s story.

        ``original``'s signature must be queued and not taken by a commit yet (otherwise nothing
        changes and the answer is ``False``). It is dropped; ``original``'s article (now, or when
        it arrives) becomes the record of a copy of ``replacement.by``, and stays in the batch
        flagged if ``replacement.keep_copies``. ``signature`` waits for its own article, and the
        copies recorded of ``original`` (queued, waiting or still to come) point to it and wait
        for it too. Returns ``True``.
        """
        with self._lock:
            entry = self._articles.get(original)
            if entry is not None and entry.signature is not None:
                arrived = True
            elif original in self._waiting_signatures:
                arrived = False
            else:
                return False
            self._waiting_signatures.pop(original, None)
            new = signature.key
            self._redirects[original] = new
            if new in self._articles:
                self._articles[new].signature = signature
            else:
                self._waiting_signatures[new] = signature
            kept: list[QueuedWrite] = []
            moved: list[QueuedCopy] = []
            for e in self._entries:
                if isinstance(e, QueuedCopy) and e.duplicate_of == original:
                    moved.append(e)
                else:
                    kept.append(e)
            moved += self._waiting_copies.pop(original, [])
            if arrived:
                assert entry is not None
                moved.append(_copy_record(original, entry.article, entry.run_id, replacement))
                entry.signature = None
                if replacement.keep_copies:
                    entry.article = {**entry.article, "duplicateOf": new, "similarity": replacement.similarity}
                else:
                    kept = [e for e in kept if e is not entry]
                    del self._articles[original]
            else:
                self._replaced_on_the_way[original] = replacement
            self._entries = kept
            for copy in moved:
                copy.duplicate_of = new
                self._queue_copy(copy)
            for e in self._entries:
                if isinstance(e, QueuedArticle) and e.article.get("duplicateOf") == original:
                    e.article = {**e.article, "duplicateOf": new}
            return True

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


def _copy_record(key: str, article: dict[str, Any], run_id: int | None, replacement: Replacement) -> QueuedCopy:
    """The record of ``key`` (its article ``article``) as a copy of the version that replaced it."""
    return QueuedCopy(
        key, replacement.by, replacement.similarity, replacement.method, article.get("headline"),
        article.get("datePublished"), replacement.seen_at, run_id,
    )  # fmt: skip


def article_count(entries: list[QueuedWrite]) -> int:
    return sum(isinstance(entry, QueuedArticle) for entry in entries)
