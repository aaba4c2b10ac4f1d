"""Pending requests held as small tuples (issue #8): every request comes back as it was queued.

:class:`newsbot.frontier.memory_queue.CompactLifoMemoryQueue` rebuilds a packed request when the scheduler
pops it; what cannot be rebuilt exactly stays the queued object. The memory check builds requests
as a crawl does (the spider's article requests, the Referer header, the scheduler's fingerprint)
and compares what the two queues keep alive.
"""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import scrapy
from scrapy.http import FormRequest
from scrapy.settings import Settings
from scrapy.squeues import LifoMemoryQueue
from scrapy.utils.request import RequestFingerprinter
from scrapy.utils.test import get_crawler

from newsbot import settings as project_settings
from newsbot.frontier.memory_queue import CompactLifoMemoryQueue
from newsbot.spiders.trtworld import TrtWorldSpider

BASE = "http://127.0.0.1:8765"


@pytest.fixture
def spider(tmp_path: Path) -> TrtWorldSpider:
    crawler = get_crawler(
        TrtWorldSpider, {"NEWSBOT_BASE_URL": BASE, "NEWSBOT_SQLITE_PATH": str(tmp_path / "db.sqlite3")}
    )
    crawler.spider = crawler._create_spider()
    return crawler.spider


def article_requests(spider: TrtWorldSpider, count: int, start: int = 0) -> list[scrapy.Request]:
    """Article requests as the spider yields them, with the Referer header Scrapy's middleware adds."""
    requests = []
    for number in range(start, start + count):
        request = spider.article_request(f"{BASE}/article/{number:012x}", number % 3)
        request.headers.setdefault("Referer", f"{BASE}/article/{number + 1:012x}")
        request.meta["depth"] = number % 3
        requests.append(request)
    return requests


def as_dict(request: scrapy.Request, spider: scrapy.Spider) -> dict[str, Any]:
    return {**request.to_dict(spider=spider), "class": type(request)}


def test_requests_come_back_equal_in_lifo_order(spider: TrtWorldSpider) -> None:
    queue = CompactLifoMemoryQueue.from_crawler(spider.crawler, "key/0")
    requests = article_requests(spider, 5)
    requests.append(scrapy.Request(f"{BASE}/politics", callback=spider.parse_listing, dont_filter=True, priority=7))
    requests.append(scrapy.Request(f"{BASE}/", headers={"Accept": ["text/html", "application/xhtml+xml"]}))
    expected = [as_dict(request, spider) for request in requests]
    for request in requests:
        queue.push(request)
    assert len(queue) == len(requests)
    assert as_dict(queue.peek(), spider) == expected[-1]
    popped = []
    while len(queue):
        popped.append(as_dict(queue.pop(), spider))
    assert popped == expected[::-1]
    assert queue.pop() is None and queue.peek() is None


def test_a_popped_request_is_a_new_object_with_the_spiders_methods(spider: TrtWorldSpider) -> None:
    queue = CompactLifoMemoryQueue.from_crawler(spider.crawler, "key/0")
    (request,) = article_requests(spider, 1)
    queue.push(request)
    popped = queue.pop()
    assert popped is not request
    assert popped.callback == spider.parse_article and popped.errback == spider.on_error
    assert popped.cb_kwargs == request.cb_kwargs and popped.meta == request.meta
    assert popped.headers.getlist("Referer") == request.headers.getlist("Referer")


def test_what_cannot_be_rebuilt_exactly_stays_the_queued_object(spider: TrtWorldSpider) -> None:
    class Other:
        def parse(self, response: object) -> None: ...

    unusual = [
        FormRequest(f"{BASE}/search", formdata={"q": "x"}, callback=spider.parse_article),
        scrapy.Request(f"{BASE}/api", method="POST", body=b"{}"),
        scrapy.Request(f"{BASE}/a", callback=lambda response: None),
        scrapy.Request(f"{BASE}/b", callback=Other().parse),
        scrapy.Request(f"{BASE}/c", cookies={"session": "1"}),
        scrapy.Request(f"{BASE}/d", flags=["retried"]),
        scrapy.Request(f"{BASE}/e", encoding="latin-1"),
    ]
    queue = CompactLifoMemoryQueue.from_crawler(spider.crawler, "key/0")
    for request in unusual:
        queue.push(request)
    assert [queue.pop() for _ in unusual] == unusual[::-1]


def test_a_request_its_owner_changes_after_scheduling_is_the_one_popped(spider: TrtWorldSpider) -> None:
    """``scrapy shell`` schedules a request, then sets its callback on the object it holds."""
    queue = CompactLifoMemoryQueue.from_crawler(spider.crawler, "key/0")
    fetched = scrapy.Request(f"{BASE}/article/00000000000a")
    queue.push(fetched)
    fetched.callback = spider.parse_article
    popped = queue.pop()
    assert popped is fetched and popped.callback == spider.parse_article


def test_only_article_requests_are_packed(spider: TrtWorldSpider) -> None:
    queue = CompactLifoMemoryQueue.from_crawler(spider.crawler, "key/0")
    (article,) = article_requests(spider, 1)
    listing = scrapy.Request(f"{BASE}/politics", callback=spider.parse_listing)
    queue.push(article)
    queue.push(listing)
    assert queue.pop() is listing
    assert queue.pop() is not article


def held_bytes(queue_factory: Any, spider: TrtWorldSpider, count: int) -> int:
    """Bytes still allocated once ``count`` article requests wait in a queue and nothing else holds them."""
    fingerprinter = RequestFingerprinter.from_crawler(spider.crawler)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        queue = queue_factory()
        for request in article_requests(spider, count):
            fingerprinter.fingerprint(request)  # as the scheduler's dupefilter does; cached by request
            queue.push(request)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
        assert len(queue) == count
        return held
    finally:
        tracemalloc.stop()


def test_pending_requests_take_a_fraction_of_the_memory(spider: TrtWorldSpider) -> None:
    count = 2000
    default = held_bytes(lambda: LifoMemoryQueue.from_crawler(spider.crawler, "key/0"), spider, count)
    compact = held_bytes(lambda: CompactLifoMemoryQueue.from_crawler(spider.crawler, "key/0"), spider, count)
    assert compact * 3 < default, (compact / count, default / count)


def test_newsbot_queues_pending_requests_compactly() -> None:
    settings = Settings()
    settings.setmodule(project_settings)
    assert settings["SCHEDULER_MEMORY_QUEUE"] == "newsbot.frontier.memory_queue.CompactLifoMemoryQueue"
