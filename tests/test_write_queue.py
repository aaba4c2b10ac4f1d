"""The store's write queue keeps a copy's record behind its original."""

from __future__ import annotations

from newsbot.dedup.signatures import StoredSignature
from newsbot.storage.queue import QueuedArticle, QueuedCopy, WriteQueue

ORIGINAL = "http://127.0.0.1:8765/article/0000000000a1"
COPY = "http://127.0.0.1:8765/article/0000000000b2"


def copy_of(original: str) -> QueuedCopy:
    return QueuedCopy(COPY, original, 0.9, "near", "A copy", None, "2026-12-02T00:00:00+00:00", 1)


def kinds(entries: list[object]) -> list[tuple[str, str]]:
    return [
        ("article", entry.key) if isinstance(entry, QueuedArticle) else ("copy", entry.url)  # type: ignore[attr-defined]
        for entry in entries
    ]


def test_a_copy_judged_before_its_original_is_queued_commits_after_it() -> None:
    queue = WriteQueue(batch_size=10)
    # the dedup index judged the original unique (its signature is offered) and then a copy of it,
    # while the original itself had not reached the store yet
    queue.add_signature(StoredSignature(ORIGINAL, "0" * 32, None, None))
    queue.add(copy_of(ORIGINAL))
    assert queue.take() == []  # a batch committed now must not hold the copy without its original
    queue.add_article({"url": ORIGINAL, "canonicalUrl": ORIGINAL}, 1)
    entries = queue.take()
    assert kinds(entries) == [("article", ORIGINAL), ("copy", COPY)]
    assert entries[0].signature is not None  # type: ignore[union-attr]
    assert queue.take() == []


def test_a_copy_of_a_queued_or_stored_story_is_queued_at_once() -> None:
    queue = WriteQueue(batch_size=10)
    queue.add_signature(StoredSignature(ORIGINAL, "0" * 32, None, None))
    queue.add_article({"url": ORIGINAL, "canonicalUrl": ORIGINAL}, 1)
    queue.add(copy_of(ORIGINAL))
    assert kinds(queue.take()) == [("article", ORIGINAL), ("copy", COPY)]
    queue.add(copy_of("http://127.0.0.1:8765/article/0000000000c3"))  # stored by an earlier batch
    assert kinds(queue.take()) == [("copy", COPY)]
