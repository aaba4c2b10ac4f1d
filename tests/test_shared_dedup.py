"""The shared dedup index of workers writing to one PostgreSQL database (a real server on 127.0.0.1).

Each worker process judges stories with its own in-memory index; copies that another worker
stored meanwhile are caught when the batch commits (:mod:`newsbot.storage.signatures.across_workers`).
"""

from __future__ import annotations

import multiprocessing
import random
import time
from pathlib import Path
from typing import Any

import psycopg
from schedule_support import LOCAL, run_crawl
from services import postgres_schema

from newsbot.dedup import NearDuplicateIndex
from newsbot.errors import StorageError
from newsbot.storage.factory import make_store
from newsbot.storage.readonly import read_rows

WORDS = [
    "ankara",
    "haber",
    "dünya",
    "ekonomi",
    "piyasa",
    "seçim",
    "bakan",
    "açıkladı",
    "güvenlik",
    "sınır",
    "anlaşma",
    "görüşme",
]


def story(n: int, words: int = 120) -> str:
    """A story of its own (same site, non-ASCII vocabulary), deterministic in ``n``."""
    rng = random.Random(n)
    return " ".join(f"{rng.choice(WORDS)}{rng.randrange(400)}" for _ in range(words)) + "."


def copy_of(text: str, worker: int) -> str:
    """A wire copy as another outlet runs it: the same story with its own closing line."""
    return f"{text} Yayın {worker} tarafından düzenlendi, kaynak ajans."


def worker(url: str, number: int, rounds: int, barrier: Any, exact: bool) -> None:
    store = make_store(url, batch_size=10)
    store.open()
    index = NearDuplicateIndex(store.signatures)
    index.load()
    store.attach_dedup(index, keep_copies=False)
    seen = 0
    for round_ in range(rounds):
        text = story(round_) if exact else copy_of(story(round_), number)
        key = f"http://w{number}.example/article/{round_}"
        verdict = index.check_and_add(key, text, 1_700_000_000.0 + round_)
        barrier.wait(timeout=60)  # every worker commits its copy at the same instant
        if verdict.duplicate_of is not None:
            store.record_duplicate(key, verdict.duplicate_of, verdict.similarity, verdict.kind)
        else:
            store.store_article({"url": key, "canonicalUrl": key, "headline": f"h{round_}", "articleBody": text})
        store.flush()
        for demotion in store.demoted[seen:]:
            index.discard(demotion.key)  # as the pipelines do: the index forgets a demoted story
        seen = len(store.demoted)
    store.close()


def race(url: str, workers: int, rounds: int, exact: bool) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(workers)
    processes = [context.Process(target=worker, args=(url, n, rounds, barrier, exact)) for n in range(workers)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=180)
        assert process.exitcode == 0, f"worker exited with {process.exitcode}"


def stored_per_round(url: str, rounds: int) -> dict[int, list[str]]:
    stored: dict[int, list[str]] = {round_: [] for round_ in range(rounds)}
    for (key,) in read_rows(url, "SELECT canonical_url FROM articles"):
        stored[int(key.rsplit("/", 1)[1])].append(key)
    return stored


def check_one_stored_each_time(url: str, workers: int, rounds: int) -> None:
    stored = stored_per_round(url, rounds)
    assert all(len(keys) == 1 for keys in stored.values()), {r: k for r, k in stored.items() if len(k) != 1}
    copies = dict(read_rows(url, "SELECT url, duplicate_of FROM duplicates"))
    assert len(copies) == rounds * (workers - 1)
    for copy, original in copies.items():
        assert original == stored[int(copy.rsplit("/", 1)[1])][0], (copy, original)
    assert read_rows(url, "SELECT COUNT(*) FROM dedup_signatures")[0][0] == rounds
    assert read_rows(url, "SELECT COUNT(DISTINCT story) FROM dedup_bands")[0][0] == rounds


def test_near_copies_committed_at_the_same_instant_store_exactly_one() -> None:
    with postgres_schema() as url:
        race(url, workers=3, rounds=25, exact=False)
        check_one_stored_each_time(url, workers=3, rounds=25)


def test_exact_copies_committed_at_the_same_instant_store_exactly_one() -> None:
    with postgres_schema() as url:
        race(url, workers=3, rounds=15, exact=True)
        check_one_stored_each_time(url, workers=3, rounds=15)


def test_copies_of_a_demoted_story_point_to_the_stored_original() -> None:
    with postgres_schema() as url, make_store(url) as first, make_store(url) as second:
        indexes = []
        for store in (first, second):
            index = NearDuplicateIndex(store.signatures)
            index.load()
            store.attach_dedup(index, keep_copies=False)
            indexes.append(index)
        original, now = story(7), time.time()  # a date the loaded indexes hold: no range read
        indexes[0].check_and_add("http://a/article/x", original, now)
        first.store_article(
            {"url": "http://a/article/x", "canonicalUrl": "http://a/article/x", "articleBody": original}
        )
        first.flush()
        # the second worker loaded its index before that commit: locally, y is new and z copies y
        y, z = copy_of(original, 1), copy_of(original, 2)
        assert indexes[1].check_and_add("http://b/article/y", y, now).kind == "unique"
        second.store_article({"url": "http://b/article/y", "canonicalUrl": "http://b/article/y", "articleBody": y})
        verdict = indexes[1].check_and_add("http://b/article/z", z, now)
        assert verdict.duplicate_of == "http://b/article/y"
        second.record_duplicate("http://b/article/z", "http://b/article/y", verdict.similarity, verdict.kind)
        second.flush()
        assert [(d.key, d.duplicate_of) for d in second.demoted] == [("http://b/article/y", "http://a/article/x")]
        assert second.results.total() == 0
        copies = dict(second.query("SELECT url, duplicate_of FROM duplicates"))
        assert copies == {"http://b/article/y": "http://a/article/x", "http://b/article/z": "http://a/article/x"}
        assert [key for (key,) in second.query("SELECT key FROM dedup_signatures")] == ["http://a/article/x"]


def test_a_failed_batch_leaves_no_signature_behind() -> None:
    with postgres_schema() as url, make_store(url) as store:
        index = NearDuplicateIndex(store.signatures)
        index.load()
        store.attach_dedup(index, keep_copies=False)
        text = story(3)
        index.check_and_add("http://a/article/3", text, 1e9)
        store.store_article({"url": "http://a/article/3", "canonicalUrl": "http://a/article/3", "articleBody": text})
        with psycopg.connect(url, autocommit=True) as other:  # the batch fails: its table is gone for a moment
            other.execute("ALTER TABLE articles RENAME TO articles_away")
        try:
            store.flush()
            raise AssertionError("the batch should have failed")
        except StorageError as error:
            assert "nothing of it was committed" in str(error)
        with psycopg.connect(url, autocommit=True) as other:
            other.execute("ALTER TABLE articles_away RENAME TO articles")
        assert read_rows(url, "SELECT COUNT(*) FROM dedup_signatures") == [(0,)]
        assert read_rows(url, "SELECT COUNT(*) FROM dedup_bands") == [(0,)]


def test_unreachable_postgresql_is_a_clear_storage_error() -> None:
    store = make_store("postgresql://newsbot:secret@127.0.0.1:1/news")
    try:
        store.open()
        raise AssertionError("opening should fail")
    except StorageError as error:
        message = str(error)
    assert message.startswith("cannot open PostgreSQL database postgresql://***@127.0.0.1:1/news for writing")
    assert "secret" not in message and "\n" not in message


def test_a_crawl_whose_postgresql_is_unreachable_exits_8_with_one_line(tmp_path: Path) -> None:
    done = run_crawl(
        "-s", "NEWSBOT_BASE_URL=http://127.0.0.1:9", "-s", "NEWSBOT_DATABASE_URL=postgresql://postgres@127.0.0.1:1/news",
        *LOCAL, "--lock-file", str(tmp_path / "crawl.lock"),
    )  # fmt: skip
    assert done.returncode == 8, done.stdout + done.stderr[-3000:]
    errors = [line for line in done.stderr.splitlines() if " ERROR: " in line or line.startswith("ERROR")]
    assert len(errors) == 1 and "cannot open PostgreSQL database postgresql://***@127.0.0.1:1/news" in errors[0]
    assert "Traceback" not in done.stderr
    assert "exit 8: storage unavailable" in done.stdout
