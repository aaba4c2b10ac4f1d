"""Which of two versions of a story is the original, and when containment makes a trimmed copy.

The rule (README, "Near-duplicate stories"): a story is a trimmed copy when at least
``NEWSBOT_DEDUP_CONTAINMENT`` of the shorter one's word 3-grams are in the longer one and the
shorter is at least 60% as long; the first version committed keeps its id, and within one open
batch the fuller version wins. Checked on the index alone, then through the dedup and store
pipelines on a real SQLite file and, for two workers sharing an index, a real PostgreSQL server.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler
from services import postgres_schema

from newsbot.dedup import MemorySignatureStore, NearDuplicateIndex, shingles
from newsbot.dedup.signatures import StoredSignature
from newsbot.items import ArticleItem
from newsbot.pipelines.dedup import DedupPipeline
from newsbot.pipelines.store import StorePipeline
from newsbot.settings_check import validate_settings
from newsbot.spiders.trtworld import TrtWorldSpider
from newsbot.storage.queue import QueuedArticle, QueuedCopy, Replacement, WriteQueue
from newsbot.storage.readonly import read_rows

BASE = "http://127.0.0.1:8765"
DATE = "2026-11-20T08:00:00+00:00"
VOCABULARY = ["ankara", "council", "harbour", "minister", "talks", "border", "market", "court", "vote", "storm"]


def words(seed: int, n: int) -> list[str]:
    """``n`` words of a story of its own (every word 3-gram distinct), deterministic in ``seed``."""
    rng = random.Random(seed)
    return [f"{rng.choice(VOCABULARY)}{rng.randrange(10_000)}" for _ in range(n)]


def prose(ws: list[str]) -> str:
    """Words as sentences of twelve."""
    return " ".join(" ".join(ws[i : i + 12]) + "." for i in range(0, len(ws), 12))


FULL_WORDS = words(3, 400)
FULL = prose(FULL_WORDS)
TRIMMED = prose(FULL_WORDS[:250])  # the first 62%: Jaccard ~0.62, below the 0.68 threshold


def jaccard(a: str, b: str) -> float:
    sa, sb = set(shingles(a)), set(shingles(b))
    return len(sa & sb) / len(sa | sb)


def url(name: str) -> str:
    return f"{BASE}/article/{name}"


def article(name: str, body: str) -> ArticleItem:
    return ArticleItem(url=url(name), canonicalUrl=url(name), headline=f"Story {name}", articleBody=body,
                       datePublished=DATE, relatedLinks=[])  # fmt: skip


def test_the_texts_are_what_the_tests_say() -> None:
    assert 0.6 < jaccard(FULL, TRIMMED) < 0.65
    assert len(TRIMMED) / len(FULL) > 0.6


# -- the containment rule, on the index ----------------------------------------------------------
def test_a_copy_trimmed_to_62_percent_is_a_copy_by_containment() -> None:
    index = NearDuplicateIndex(MemorySignatureStore())
    index.check_and_add("full", FULL)
    verdict = index.check("trimmed", TRIMMED)
    assert (verdict.kind, verdict.duplicate_of) == ("near", "full")
    assert verdict.similarity < index.threshold and verdict.containment >= 0.85


@pytest.mark.parametrize("off", [0, 0.0, None])
def test_containment_off_leaves_a_trimmed_copy_below_the_jaccard_threshold_apart(off: float | None) -> None:
    index = NearDuplicateIndex(MemorySignatureStore(), containment_threshold=off)
    index.check_and_add("full", FULL)
    assert index.check("trimmed", TRIMMED).kind == "unique"
    assert index.check("same", FULL + " Reported by the agency.").kind == "near"  # the Jaccard rule still holds


@pytest.mark.parametrize("short_first", [True, False])
def test_a_short_story_quoted_whole_inside_a_long_one_is_not_its_copy(short_first: bool) -> None:
    # a statement of 150 words; one outlet runs it with a line of its own, another inside a long analysis
    statement = words(12, 150)
    short = prose(words(13, 12) + statement)
    long = prose(words(14, 40) + statement + words(15, 220))
    stories = [("short", short), ("long", long)] if short_first else [("long", long), ("short", short)]
    # at the containment threshold: the shorter one's 3-grams are nearly all in the longer one
    probe = NearDuplicateIndex(MemorySignatureStore(), containment_share=0.0)
    probe.check_and_add(*stories[0])
    measured = probe.check(*stories[1])
    assert measured.kind == "near" and measured.containment >= 0.85 and measured.similarity < 0.5
    index = NearDuplicateIndex(MemorySignatureStore())
    assert [index.check_and_add(key, text).kind for key, text in stories] == ["unique", "unique"]


def test_a_containment_outside_0_to_1_is_refused() -> None:
    for bad in (-0.1, 1.5):
        with pytest.raises(ValueError, match="containment_threshold"):
            NearDuplicateIndex(MemorySignatureStore(), containment_threshold=bad)


def test_the_offline_command_takes_the_containment_setting_too() -> None:
    lines = "".join(json.dumps({"url": key, "articleBody": body}) + "\n" for key, body in (("f", FULL), ("t", TRIMMED)))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    verdicts = {}
    for value in ("0.85", "0"):
        done = subprocess.run([sys.executable, "-m", "newsbot.dedup", "-", "--containment", value], input=lines,
                              capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
        assert done.returncode == 0, done.stderr
        verdicts[value] = [json.loads(line)["duplicateOf"] for line in done.stdout.splitlines()]
    assert verdicts == {"0.85": [None, "f"], "0": [None, None]}
    bad = subprocess.run([sys.executable, "-m", "newsbot.dedup", "-", "--containment", "2"], input="",
                         capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert bad.returncode == 2 and "containment must be in [0, 1]" in bad.stderr


# -- the fuller version takes the place of a pending one ----------------------------------------
def test_the_index_replaces_a_story_it_judged_new_by_its_fuller_version_only_when_asked() -> None:
    store = MemorySignatureStore()
    index = NearDuplicateIndex(store)
    index.check_and_add("trimmed", TRIMMED)
    prepared = index.prepare("full", FULL)
    verdict = index.decide(prepared)
    assert (verdict.kind, verdict.duplicate_of, verdict.fuller) == ("near", "trimmed", True)
    assert not index.supersede("trimmed", prepared, lambda: False)  # the store committed it: nothing changes
    assert "trimmed" in index and "full" not in index
    assert index.supersede("trimmed", prepared, lambda: True)
    assert "full" in index and "trimmed" not in index
    assert index.check("again", TRIMMED).duplicate_of == "full"
    assert [s.key for s in store.load()] == ["trimmed", "full"]  # the store's own undo drops the first


def test_a_trimmed_version_arriving_second_is_not_fuller() -> None:
    index = NearDuplicateIndex(MemorySignatureStore())
    index.check_and_add("full", FULL)
    prepared = index.prepare("trimmed", TRIMMED)
    verdict = index.decide(prepared)
    assert (verdict.duplicate_of, verdict.fuller) == ("full", False)
    assert not index.supersede("full", prepared, lambda: True)
    assert "full" in index and "trimmed" not in index


def test_a_copy_edited_version_of_about_the_same_length_is_not_fuller() -> None:
    edited = FULL_WORDS[:]
    for i in range(0, 400, 20):  # 5% of the words changed, four sentences added: ~6% longer
        edited[i] = f"edited{i}"
    longer = prose(edited + words(16, 24))
    index = NearDuplicateIndex(MemorySignatureStore())
    index.check_and_add("first", FULL)
    prepared = index.prepare("longer", longer)
    verdict = index.decide(prepared)
    assert (verdict.kind, verdict.duplicate_of, verdict.fuller) == ("near", "first", False)
    assert not index.supersede("first", prepared, lambda: True)


def test_a_story_loaded_from_the_store_is_never_replaced() -> None:
    store = MemorySignatureStore()
    NearDuplicateIndex(store).check_and_add("trimmed", TRIMMED)
    index = NearDuplicateIndex(store)
    index.load()
    prepared = index.prepare("full", FULL)
    verdict = index.decide(prepared)
    assert (verdict.duplicate_of, verdict.fuller) == ("trimmed", False)
    asked: list[bool] = []
    assert not index.supersede("trimmed", prepared, lambda: asked.append(True) or True)
    assert asked == [] and "trimmed" in index


# -- the store's queue -------------------------------------------------------------------------
def signature(key: str) -> StoredSignature:
    return StoredSignature(key, key[-32:].rjust(32, "0"), None, None)


def replacement(by: str, keep: bool = False) -> Replacement:
    return Replacement(by, 0.55, "near", "2026-12-07T00:00:00+00:00", keep)


def test_the_queue_turns_a_pending_story_and_its_copies_into_copies_of_the_fuller_one() -> None:
    queue = WriteQueue(batch_size=10)
    queue.add_signature(signature("trimmed"))
    queue.add_article({"url": "trimmed", "canonicalUrl": "trimmed", "headline": "T"}, 1)
    queue.add(QueuedCopy("echo", "trimmed", 1.0, "exact", "E", None, "now", 1))
    assert queue.supersede("trimmed", signature("full"), replacement("full"))
    queue.add(QueuedCopy("late", "trimmed", 0.9, "near", "L", None, "now", 1))  # judged before the swap
    assert queue.take() == []  # every copy waits for the fuller version's article
    queue.add_article({"url": "full", "canonicalUrl": "full"}, 1)
    entries = queue.take()
    assert isinstance(entries[0], QueuedArticle) and entries[0].key == "full" and entries[0].signature is not None
    copies = {e.url: (e.duplicate_of, e.headline) for e in entries[1:] if isinstance(e, QueuedCopy)}
    assert copies == {"trimmed": ("full", "T"), "echo": ("full", "E"), "late": ("full", "L")}
    assert len(entries) == 4


def test_the_queue_keeps_a_replaced_story_flagged_in_flag_mode_and_catches_one_still_on_its_way() -> None:
    queue = WriteQueue(batch_size=10)
    queue.add_signature(signature("trimmed"))  # judged new, its article not queued yet
    assert queue.supersede("trimmed", signature("full"), replacement("full", keep=True))
    queue.add_article({"url": "full", "canonicalUrl": "full"}, 1)
    queue.add_article({"url": "trimmed", "canonicalUrl": "trimmed", "headline": "T"}, 1)
    entries = queue.take()
    articles = {e.key: e for e in entries if isinstance(e, QueuedArticle)}
    assert articles["trimmed"].signature is None and articles["trimmed"].article["duplicateOf"] == "full"
    assert articles["full"].signature is not None
    assert [(e.url, e.duplicate_of) for e in entries if isinstance(e, QueuedCopy)] == [("trimmed", "full")]
    assert queue.orphan_signatures == 0


def test_a_story_replaced_on_its_way_follows_its_replacement_when_that_one_is_replaced_too() -> None:
    queue = WriteQueue(batch_size=10)
    queue.add_signature(signature("short"))  # three versions judged before any article reached the store
    assert queue.supersede("short", signature("longer"), replacement("longer"))
    assert queue.supersede("longer", signature("full"), replacement("full"))
    for key in ("short", "longer", "full"):
        queue.add_article({"url": key, "canonicalUrl": key}, 1)
    entries = queue.take()
    assert [e.key for e in entries if isinstance(e, QueuedArticle)] == ["full"]
    assert {e.url: e.duplicate_of for e in entries if isinstance(e, QueuedCopy)} == {"short": "full", "longer": "full"}
    assert entries[0].signature is not None and queue.orphan_signatures == 0


def test_a_second_fetch_of_the_replacing_version_is_not_recorded_as_its_own_copy() -> None:
    queue = WriteQueue(batch_size=10)
    queue.add_signature(signature("trimmed"))
    queue.add_article({"url": "trimmed", "canonicalUrl": "trimmed"}, 1)
    assert queue.supersede("trimmed", signature("full"), replacement("full"))
    # the same page fetched twice at once: the second fetch was judged a copy of the trimmed story
    queue.add(QueuedCopy("full", "trimmed", 0.6, "near", None, None, "now", 1))
    queue.add_article({"url": "full", "canonicalUrl": "full", "duplicateOf": "trimmed", "similarity": 0.6}, 1)
    entries = queue.take()
    assert [(e.url, e.duplicate_of) for e in entries if isinstance(e, QueuedCopy)] == [("trimmed", "full")]
    flagged = [e.article for e in entries if isinstance(e, QueuedArticle)]
    assert [(a["duplicateOf"], a["similarity"]) for a in flagged] == [(None, None)]


def test_the_queue_never_replaces_a_story_taken_by_a_commit() -> None:
    queue = WriteQueue(batch_size=10)
    queue.add_signature(signature("trimmed"))
    queue.add_article({"url": "trimmed", "canonicalUrl": "trimmed"}, 1)
    taken = queue.take()
    assert not queue.supersede("trimmed", signature("full"), replacement("full"))
    assert taken[0].signature is not None and queue.take() == [] and queue.orphan_signatures == 0


# -- through the pipelines ---------------------------------------------------------------------
class Worker:
    """The dedup and store pipelines of one crawl, fed items as the engine would."""

    def __init__(self, database: str, **settings: Any) -> None:
        values = {"NEWSBOT_BASE_URL": BASE, "NEWSBOT_DATABASE_URL": database, **settings}
        crawler = get_crawler(TrtWorldSpider, values)
        crawler.spider = crawler._create_spider()
        self.crawler: Crawler = crawler
        self.dedup = build_from_crawler(DedupPipeline, crawler)
        self.store = build_from_crawler(StorePipeline, crawler)

    async def open(self) -> None:
        await self.dedup.open_spider()
        await self.store.open_spider()

    async def offer(self, *items: ArticleItem) -> list[str]:
        """What became of each item: ``passed`` on to the feeds, or ``dropped``."""
        fates = []
        for item in items:
            try:
                await self.store.process_item(await self.dedup.process_item(item))
                fates.append("passed")
            except DropItem:
                fates.append("dropped")
        return fates

    async def commit(self) -> None:
        await self.store._flush()

    async def close(self) -> None:
        await self.dedup.close_spider()
        await self.store.close_spider()

    def stat(self, name: str) -> Any:
        return self.crawler.stats.get_value(f"newsbot/dedup/{name}")


def crawl(database: str, *items: ArticleItem, **settings: Any) -> tuple[Worker, list[str]]:
    """One crawl offering ``items`` in this order; the worker (for its stats) and what passed."""
    worker = Worker(database, **settings)

    async def go() -> list[str]:
        await worker.open()
        fates = await worker.offer(*items)
        await worker.close()
        return fates

    return worker, asyncio.run(go())


def outcome(database: str) -> tuple[set[str], dict[str, str], set[str]]:
    """Stored articles, recorded copies (url -> original), keys with a signature."""
    stored = {key for (key,) in read_rows(database, "SELECT canonical_url FROM articles")}
    copies = dict(read_rows(database, "SELECT url, duplicate_of FROM duplicates"))
    signed = {key for (key,) in read_rows(database, "SELECT key FROM dedup_signatures")}
    return stored, copies, signed


@pytest.fixture
def sqlite(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'news.db'}"


@pytest.mark.parametrize("trimmed_first", [True, False])
def test_in_one_batch_the_full_story_is_the_original_whatever_the_order(sqlite: str, trimmed_first: bool) -> None:
    trimmed, full = article("trimmed", TRIMMED), article("full", FULL)
    worker, fates = crawl(sqlite, *((trimmed, full) if trimmed_first else (full, trimmed)))
    assert outcome(sqlite) == ({url("full")}, {url("trimmed"): url("full")}, {url("full")})
    assert (worker.stat("unique"), worker.stat("near")) == (1, 1)
    if trimmed_first:  # the trimmed one had passed on before the full one arrived
        assert fates == ["passed", "passed"] and worker.stat("replaced") == 1
    else:
        assert fates == ["passed", "dropped"] and worker.stat("replaced") is None


def test_versions_judged_while_others_are_on_their_way_end_with_one_original(tmp_path: Path) -> None:
    # three versions of a story, each 10% or more longer than the one before, and other stories,
    # offered at once in many orders: each item's dedup and store steps interleave with the others'
    versions = {"v65": prose(FULL_WORDS[:260]), "v80": prose(FULL_WORDS[:320]), "v100": FULL}
    others = [article(f"other{i}", prose(words(20 + i, 200))) for i in range(3)]
    for attempt in range(12):
        items = [article(name, text) for name, text in versions.items()] + others
        random.Random(attempt).shuffle(items)
        database = f"sqlite:///{tmp_path / f'news{attempt}.db'}"
        worker = Worker(database)

        async def one(item: ArticleItem, worker: Worker = worker) -> None:
            await worker.offer(item)

        async def go(worker: Worker = worker, items: list[ArticleItem] = items) -> None:
            await worker.open()
            await asyncio.gather(*(one(item) for item in items))
            await worker.close()

        asyncio.run(go())
        stored, copies, signed = outcome(database)
        kept = stored & {url(name) for name in versions}
        assert len(kept) == 1 and stored == signed, (attempt, stored, signed)
        assert copies == {url(name): next(iter(kept)) for name in versions if url(name) not in kept}, attempt


def test_copies_of_the_replaced_story_point_to_the_full_one(sqlite: str) -> None:
    echo = article("echo", TRIMMED.upper())  # an exact copy of the trimmed story, judged before the full one came
    crawl(sqlite, article("trimmed", TRIMMED), echo, article("full", FULL))
    stored, copies, signed = outcome(sqlite)
    assert stored == signed == {url("full")}
    assert copies == {url("trimmed"): url("full"), url("echo"): url("full")}


def test_in_flag_mode_the_replaced_story_is_stored_flagged(sqlite: str) -> None:
    crawl(sqlite, article("trimmed", TRIMMED), article("full", FULL), NEWSBOT_DEDUP_MODE="flag")
    stored, copies, signed = outcome(sqlite)
    assert stored == {url("trimmed"), url("full")} and signed == {url("full")}
    assert copies == {url("trimmed"): url("full")}
    flags = dict(read_rows(sqlite, "SELECT canonical_url, duplicate_of FROM articles"))
    assert flags == {url("trimmed"): url("full"), url("full"): None}


def test_a_story_committed_in_an_earlier_batch_keeps_its_id(sqlite: str) -> None:
    worker, fates = crawl(sqlite, article("trimmed", TRIMMED), article("full", FULL), NEWSBOT_SQLITE_BATCH_SIZE=1)
    assert fates == ["passed", "dropped"] and worker.stat("replaced") is None
    assert outcome(sqlite) == ({url("trimmed")}, {url("full"): url("trimmed")}, {url("trimmed")})


def test_a_story_stored_by_an_earlier_run_keeps_its_id(sqlite: str) -> None:
    crawl(sqlite, article("trimmed", TRIMMED))
    worker, fates = crawl(sqlite, article("full", FULL))
    assert fates == ["dropped"] and worker.stat("replaced") is None
    assert outcome(sqlite) == ({url("trimmed")}, {url("full"): url("trimmed")}, {url("trimmed")})


def test_the_containment_setting_turns_the_trimmed_copy_rule_off(sqlite: str, tmp_path: Path) -> None:
    crawl(sqlite, article("full", FULL), article("trimmed", TRIMMED), NEWSBOT_DEDUP_CONTAINMENT="0")
    assert outcome(sqlite) == ({url("full"), url("trimmed")}, {}, {url("full"), url("trimmed")})
    crawl(f"sqlite:///{tmp_path / 'default.db'}", article("full", FULL), article("trimmed", TRIMMED))
    assert outcome(f"sqlite:///{tmp_path / 'default.db'}")[1] == {url("trimmed"): url("full")}


@pytest.mark.parametrize(
    ("value", "problem"),
    [("1.5", "expected a number from 0 to 1"), ("-0.1", "expected a number from 0 to 1"), ("off", "expected a number")],
)
def test_a_containment_setting_outside_0_to_1_is_a_usage_problem(value: str, problem: str) -> None:
    problems = validate_settings({"NEWSBOT_DEDUP_CONTAINMENT": value})
    assert len(problems) == 1 and problems[0].startswith(f"NEWSBOT_DEDUP_CONTAINMENT={value!r}: {problem}")
    assert validate_settings({"NEWSBOT_DEDUP_CONTAINMENT": "0"}) == []


# -- two workers sharing one PostgreSQL database --------------------------------------------------
@pytest.fixture
def postgresql() -> Iterator[str]:
    with postgres_schema() as database:
        yield database


def two_workers(database: str, first: list[ArticleItem], second: list[ArticleItem]) -> tuple[Worker, Worker]:
    """Both judge their items with what the database held when they opened; then the first commits, then the second."""
    workers = Worker(database), Worker(database)

    async def go() -> None:
        for worker in workers:
            await worker.open()
        for worker, items in zip(workers, (first, second), strict=True):
            await worker.offer(*items)
        for worker in workers:
            await worker.commit()
        for worker in workers:
            await worker.close()

    asyncio.run(go())
    return workers


def test_a_shared_index_worker_keeps_the_full_story_of_its_own_batch(postgresql: str) -> None:
    other = article("other", prose(words(9, 300)))
    _, second = two_workers(postgresql, [other], [article("trimmed", TRIMMED), article("full", FULL)])
    stored, copies, signed = outcome(postgresql)
    assert stored == signed == {url("other"), url("full")}
    assert copies == {url("trimmed"): url("full")}
    assert second.stat("replaced") == 1
    stories = "SELECT DISTINCT a.canonical_url FROM dedup_bands b JOIN articles a ON a.id = b.story"
    bands = {key for (key,) in read_rows(postgresql, stories)}
    assert bands == {url("other"), url("full")}


def test_a_version_another_worker_committed_first_stays_the_original(postgresql: str) -> None:
    # the first worker holds a trimmed version, the second its own two versions and swaps them; the
    # first commits, and the second finds at commit that its full story copies the committed one
    wire = article("wire", prose(FULL_WORDS[:270]))
    _, second = two_workers(postgresql, [wire], [article("trimmed", TRIMMED), article("full", FULL)])
    stored, copies, signed = outcome(postgresql)
    assert stored == signed == {url("wire")}
    assert copies == {url("trimmed"): url("wire"), url("full"): url("wire")}
    assert (second.stat("replaced"), second.crawler.stats.get_value("newsbot/dedup/shared")) == (1, 1)
