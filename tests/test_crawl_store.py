"""CrawlStore: one store per crawl, held by the crawler; first user opens it, last closes it; failures said once."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from newsbot.crawl_store import DATABASE_IN_USE, STORAGE_UNAVAILABLE, CrawlStore
from newsbot.errors import DatabaseInUse, StorageError
from newsbot.spiders.trtworld import TrtWorldSpider

HOLD_THE_DATABASE = (
    "import sys, time; from newsbot.storage import SqliteStore; store = SqliteStore(sys.argv[1], exclusive=True);"
    " store.open(); print('held', flush=True); time.sleep(120)"
)


def make_crawler(path: Path) -> Crawler:
    return get_crawler(TrtWorldSpider, {"NEWSBOT_BASE_URL": "http://127.0.0.1:8765", "NEWSBOT_SQLITE_PATH": str(path)})


def test_the_components_of_one_crawl_share_one_store_and_the_last_one_closes_it(tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path / "news.db")
    first, second = CrawlStore.of(crawler), CrawlStore.of(crawler)
    assert first is second
    store = first.acquire()
    assert second.acquire() is store
    assert first.release() is None  # another component still uses it
    assert second.release() is store  # the last one gets it back to close it
    store.close()


def test_two_crawls_have_two_stores(tmp_path: Path) -> None:
    one, other = make_crawler(tmp_path / "one.db"), make_crawler(tmp_path / "other.db")
    assert CrawlStore.of(one) is not CrawlStore.of(other)
    first, second = CrawlStore.of(one).acquire(), CrawlStore.of(other).acquire()
    assert first is not second and first.location != second.location
    for crawler in (one, other):
        closing = CrawlStore.of(crawler).release()
        assert closing is not None
        closing.close()


def test_a_database_another_crawl_holds_fails_every_user_with_the_same_error(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    holder = subprocess.Popen(  # another crawl of the same database, in a process of its own
        [sys.executable, "-c", HOLD_THE_DATABASE, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        crawl_store = CrawlStore.of(make_crawler(path))
        with pytest.raises(DatabaseInUse) as first:
            crawl_store.acquire()
        with pytest.raises(DatabaseInUse) as again:
            crawl_store.acquire()
    finally:
        holder.kill()
        holder.wait()
    assert again.value is first.value
    assert crawl_store.failed(first.value) == DATABASE_IN_USE


def test_a_storage_failure_is_logged_once_and_counted_each_time(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    crawler = make_crawler(tmp_path / "news.db")
    crawl_store = CrawlStore.of(crawler)
    with caplog.at_level(logging.ERROR, logger="newsbot.crawl_store"):
        assert crawl_store.failed(StorageError("disk full")) == STORAGE_UNAVAILABLE
        assert crawl_store.close_crawl(StorageError("disk still full")) == STORAGE_UNAVAILABLE
    assert [record.getMessage() for record in caplog.records] == [
        "Storage unavailable, closing the crawl (storage_unavailable): disk full"
    ]
    assert crawler.stats.get_value("newsbot/store/failures") == 2
    assert crawler.stats.get_value("newsbot/store/error") == "disk full"


def test_releasing_a_store_never_acquired_gives_nothing_back(tmp_path: Path) -> None:
    assert CrawlStore.of(make_crawler(tmp_path / "news.db")).release() is None
