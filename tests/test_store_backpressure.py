"""StorePipeline commits one batch at a time and holds back articles while a full batch waits."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path

from scrapy.utils.misc import build_from_crawler

from newsbot.pipelines.store import StorePipeline
from tests.test_pipelines import article, make_crawler

BATCH = 10
ARTICLES = 95


class FlushSpy:
    """Wraps a store's ``flush``: how many run at once, and how many articles each one found queued."""

    def __init__(self, store: object) -> None:
        self.store = store
        self.flush = store.flush  # type: ignore[attr-defined]
        self.running = 0
        self.most_running = 0
        self.batches: list[int] = []
        self.lock = threading.Lock()

    def __call__(self) -> int:
        with self.lock:
            self.running += 1
            self.most_running = max(self.most_running, self.running)
            self.batches.append(len(self.store._queue._articles))  # type: ignore[attr-defined]
        try:
            time.sleep(0.02)  # a slow disk: the other articles arrive while this batch commits
            return self.flush()
        finally:
            with self.lock:
                self.running -= 1


def test_one_commit_at_a_time_and_at_most_one_full_batch_waiting(tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path, NEWSBOT_SQLITE_BATCH_SIZE=BATCH)
    pipeline = build_from_crawler(StorePipeline, crawler)

    async def crawl() -> FlushSpy:
        await pipeline.open_spider()
        spy = FlushSpy(pipeline.store)
        pipeline.store.flush = spy  # type: ignore[method-assign]
        # every article reaches the pipeline at once, as when the scraper has many pages in hand
        await asyncio.gather(*(pipeline.process_item(article(f"{n:012x}")) for n in range(1, ARTICLES + 1)))
        await pipeline.close_spider()
        return spy

    spy = asyncio.run(crawl())
    assert spy.most_running == 1
    assert max(spy.batches) <= BATCH
    assert sum(spy.batches) == ARTICLES
    with sqlite3.connect(tmp_path / "news.db") as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == ARTICLES
    assert crawler.stats.get_value("newsbot/store/new") == ARTICLES
    assert crawler.stats.get_value("newsbot/store/commits") == len([size for size in spy.batches if size])
