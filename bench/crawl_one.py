"""Run one benchmark crawl in this process and print its stats as JSON on the last line.

    python bench/crawl_one.py newsbot BASE_URL DB_PATH
    (or newsbot-no-dedup, newsbot-no-pipelines, newsbot-passthrough, newsbot-items100)
    python bench/crawl_one.py bare BASE_URL
    python bench/crawl_one.py peer BASE_URL DB_PATH

``newsbot`` is the real spider with every pipeline; ``bare`` is a plain Scrapy spider that follows
the same article links with a no-op callback: the upper bound of what Scrapy can fetch here. To be a
fair yardstick it gets what newsbot has that any spider could have: the same GC thresholds (the
``GcTuning`` extension, ``NEWSBOT_GC_THRESHOLD``), the same dupefilter, and it requests each
article URL once instead of yielding ~17 requests a page for the dupefilter to drop. ``peer`` is
what a user would write instead of newsbot (:class:`PeerSpider`: Scrapy, trafilatura, datasketch's
LSH, sqlite3).

Every crawl adds ``bench/*`` stats (see :class:`CpuClock`): CPU and wall seconds before the first
request, CPU seconds from the first request to the end. With ``BENCH_TIMED=1`` newsbot's
per-article work is timed too (:func:`time_article_work`): ``bench/ms/<part>`` is CPU ms per item.
With ``BENCH_KEEP_SELECTOR=1`` the spider keeps Scrapy's cached selector (as before #8's fix); with
``BENCH_SCRAPY_QUEUE=1`` the scheduler queues whole requests (Scrapy's ``LifoMemoryQueue``).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import json
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Generator
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse

from newsbot.runner import run_crawl
from newsbot.sites.trtworld import SECTIONS
from newsbot.sites.trtworld.urls import canonicaliser

# politeness off, the same for both spiders: the replica runs on this machine
FAST = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "ROBOTSTXT_OBEY": True,
    "LOG_LEVEL": "WARNING",
}

CLOCK = {"__main__.CpuClock": 1}

# newsbot with one part turned off, to see where its time goes
VARIANTS: dict[str, dict[str, Any]] = {
    "newsbot": {},
    "newsbot-no-dedup": {"NEWSBOT_DEDUP_ENABLED": False},
    "newsbot-no-pipelines": {"ITEM_PIPELINES": {}},
    "newsbot-items100": {"CONCURRENT_ITEMS": 100},  # Scrapy's default
    "newsbot-passthrough": {},  # ITEM_PIPELINES replaced in main(): see passthrough_pipelines
}


def passthrough_pipelines() -> dict[str, int]:
    """newsbot's ``ITEM_PIPELINES`` with each pipeline replaced by one that returns the item at once
    (a coroutine where the original's ``process_item`` is one): what Scrapy's dispatch of an item
    through newsbot's chain costs with no work done in it."""
    from scrapy.utils.misc import load_object
    from scrapy.utils.project import get_project_settings

    replaced: dict[str, int] = {}
    for path, order in get_project_settings().getdict("ITEM_PIPELINES").items():
        original = load_object(path)
        if inspect.iscoroutinefunction(original.process_item):

            async def process_item(self: Any, item: Any) -> Any:
                return item

        else:

            def process_item(self: Any, item: Any) -> Any:
                return item

        name = f"PassThrough{original.__name__}"
        globals()[name] = type(name, (), {"process_item": process_item})
        replaced[f"__main__.{name}"] = order
    return replaced


def process_age() -> float:
    """Wall seconds since this process started (from /proc; 0.0 where there is none)."""
    try:
        with open("/proc/self/stat") as stat, open("/proc/uptime") as uptime:
            started_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
            return float(uptime.read().split()[0]) - started_ticks / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


class CpuClock:
    """Benchmark-only extension: when the first request is scheduled, the CPU and wall time the
    process spent getting there (``bench/startup_cpu_s``, ``bench/startup_wall_s``); at the end, the
    CPU of the crawl itself (``bench/crawl_cpu_s``) and the peak RSS so far (``bench/maxrss_kib``)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.first: float | None = None
        crawler.signals.connect(self.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CpuClock:
        return cls(crawler)

    def request_scheduled(self, request: scrapy.Request, spider: scrapy.Spider) -> None:
        if self.first is None:
            self.first = time.process_time()
            self.crawler.stats.set_value("bench/startup_cpu_s", round(self.first, 3))
            self.crawler.stats.set_value("bench/startup_wall_s", round(process_age(), 3))

    def spider_closed(self, spider: scrapy.Spider) -> None:
        import resource

        self.crawler.stats.set_value("bench/crawl_cpu_s", round(time.process_time() - (self.first or 0.0), 3))
        self.crawler.stats.set_value("bench/maxrss_kib", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


class BareSpider(scrapy.Spider):
    """Follows every article link of the start pages and articles, each once; stores nothing.

    Links are canonicalised as newsbot's spider does (one URL per article id), so both spiders
    fetch the same pages and the difference in rate is the cost of what newsbot does with them.
    """

    name = "bare"

    def __init__(self, base_url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url
        self.urls = canonicaliser(base_url)
        self.requested: set[str] = set()

    async def start(self):  # type: ignore[no-untyped-def]
        yield scrapy.Request(f"{self.base_url}/feed/rss.xml", callback=self.parse_feed)
        for path in ("", *SECTIONS):
            yield scrapy.Request(f"{self.base_url}/{path}", callback=self.parse_page)

    def parse_feed(self, response: Response):  # type: ignore[no-untyped-def]
        yield from self.follow(response, re.findall(r"<link>([^<]+)</link>", response.text))

    def parse_page(self, response: Response):  # type: ignore[no-untyped-def]
        if isinstance(response, TextResponse):
            yield from self.follow(response, response.xpath("//a/@href").getall())

    def follow(self, response: Response, hrefs: list[str]):  # type: ignore[no-untyped-def]
        for href in hrefs:
            url = urljoin(response.url, href.strip())
            if self.urls.article_id(url):
                canonical = self.urls.canonical(url)
                if canonical not in self.requested:
                    self.requested.add(canonical)
                    yield scrapy.Request(canonical, callback=self.parse_page)


class PeerSpider(BareSpider):
    """What a user would write instead of newsbot: the same link following as :class:`BareSpider`,
    and on every article page trafilatura's ``bare_extraction`` (text and metadata), a datasketch
    ``MinHash`` (128 permutations, word 3-grams) checked against a ``MinHashLSH`` (threshold 0.7)
    to drop near-duplicates, and the rest stored with sqlite3 (a commit per 100 articles)."""

    name = "peer"

    def __init__(self, base_url: str, database: str, **kwargs: Any) -> None:
        super().__init__(base_url, **kwargs)
        import sqlite3

        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=0.7, num_perm=128)
        self.db = sqlite3.connect(database)
        self.db.execute("CREATE TABLE IF NOT EXISTS articles (url TEXT PRIMARY KEY, title TEXT, author TEXT,"
                        " date TEXT, text TEXT)")  # fmt: skip
        self.pending = 0

    def parse_page(self, response: Response):  # type: ignore[no-untyped-def]
        yield from super().parse_page(response)
        if isinstance(response, TextResponse) and self.urls.article_id(response.url):
            self.store(response)

    def store(self, response: TextResponse) -> None:
        import trafilatura
        from datasketch import MinHash

        document = trafilatura.bare_extraction(response.text, url=response.url, with_metadata=True)
        if document is None or not document.text:
            return
        words = document.text.lower().split()
        minhash = MinHash(num_perm=128)
        minhash.update_batch(" ".join(words[i : i + 3]).encode() for i in range(max(1, len(words) - 2)))
        if self.lsh.query(minhash):
            self.crawler.stats.inc_value("peer/duplicates")
            return
        self.lsh.insert(response.url, minhash)
        self.db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?)",
            (response.url, document.title, document.author, document.date, document.text),
        )
        self.crawler.stats.inc_value("item_scraped_count")
        self.pending += 1
        if self.pending >= 100:
            self.db.commit()
            self.pending = 0

    def closed(self, reason: str) -> None:
        self.db.commit()
        self.db.close()


# --- per-article CPU inside a crawl (BENCH_TIMED=1) ---------------------------------------------

SPENT: dict[str, float] = defaultdict(float)


def _timed_call(function: Callable[..., Any], key: str) -> Callable[..., Any]:
    """``function`` charging the CPU of its own thread to ``SPENT[key]``."""

    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[key] += time.thread_time() - started

    return timed


class _TimedAwait:
    """Awaits ``coroutine``, charging the CPU of each step it runs on this thread to ``SPENT[key]``
    (time spent waiting, e.g. on a worker thread, is not charged here)."""

    def __init__(self, coroutine: Any, key: str) -> None:
        self.coroutine, self.key = coroutine, key

    def __await__(self) -> Generator[Any, Any, Any]:
        steps = self.coroutine.__await__()
        value: Any = None
        error: BaseException | None = None
        while True:
            started = time.thread_time()
            try:
                yielded = steps.throw(error) if error is not None else steps.send(value)
            except StopIteration as stop:
                return stop.value
            finally:
                SPENT[self.key] += time.thread_time() - started
            try:
                value, error = (yield yielded), None
            # Every exception, CancelledError and GeneratorExit included, goes on to the coroutine,
            # as a plain await hands it on: nothing is swallowed here, the coroutine decides.
            except BaseException as thrown:
                value, error = None, thrown


def _timed_pipeline(cls: type, key: str) -> None:
    original = cls.process_item
    if inspect.iscoroutinefunction(original):

        async def process_item(self: Any, item: Any) -> Any:
            return await _TimedAwait(original(self, item), key)

        cls.process_item = functools.wraps(original)(process_item)
    else:
        cls.process_item = _timed_call(original, key)


def time_article_work() -> None:
    """Charge newsbot's per-article work to parts: extraction (in the spider), each pipeline's own
    step on the reactor thread, and every function those pipelines hand to a worker thread (named
    by the function), e.g. the dedup check and the SQLite commit."""
    from scrapy.utils.misc import load_object
    from scrapy.utils.project import get_project_settings

    import newsbot.spiders.site as spider_module  # the site spider's module calls extract_article

    spider_module.extract_article = _timed_call(spider_module.extract_article, "extract")
    for path in get_project_settings().getdict("ITEM_PIPELINES"):
        cls = load_object(path)
        _timed_pipeline(cls, "pipeline:" + cls.__name__)
    to_thread = asyncio.to_thread

    async def timed_to_thread(function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        inner = function.func if isinstance(function, functools.partial) else function
        return await to_thread(_timed_call(function, "thread:" + getattr(inner, "__qualname__", "?")), *args, **kwargs)

    asyncio.to_thread = timed_to_thread  # type: ignore[assignment]


def main() -> None:
    kind, base_url = sys.argv[1], sys.argv[2]
    if kind in ("bare", "peer"):
        from scrapy.crawler import AsyncCrawlerProcess
        from scrapy.utils.project import get_project_settings

        project = get_project_settings()
        extensions = {"newsbot.extensions.gc_tuning.GcTuning": 0, **CLOCK}  # NEWSBOT_GC_THRESHOLD as newsbot's
        project.setdict(dict(FAST, ITEM_PIPELINES={}, EXTENSIONS=extensions, DOWNLOADER_MIDDLEWARES={}), "cmdline")
        process = AsyncCrawlerProcess(project)
        if kind == "bare":
            crawler = process.create_crawler(BareSpider)
            process.crawl(crawler, base_url=base_url)
        else:
            crawler = process.create_crawler(PeerSpider)
            process.crawl(crawler, base_url=base_url, database=sys.argv[3])
        process.start()
        stats = dict(crawler.stats.get_stats())
    else:
        if os.environ.get("BENCH_TIMED") == "1":
            time_article_work()
        if os.environ.get("BENCH_KEEP_SELECTOR") == "1":  # the spider as it was before #8's memory fix
            import newsbot.spiders.article as article_module
            import newsbot.spiders.site as site_module

            article_module.release_selector = site_module.release_selector = lambda response: None
        from scrapy.utils.project import get_project_settings

        extensions = {**get_project_settings().getdict("EXTENSIONS"), **CLOCK}
        settings = dict(FAST, NEWSBOT_BASE_URL=base_url, NEWSBOT_SQLITE_PATH=sys.argv[3], NEWSBOT_FOLLOW_DEPTH=1000)
        settings.update(VARIANTS[kind], EXTENSIONS=extensions)
        if kind == "newsbot-passthrough":
            settings["ITEM_PIPELINES"] = passthrough_pipelines()
        if os.environ.get("BENCH_SCRAPY_QUEUE") == "1":  # pending requests as objects, as before #8
            settings["SCHEDULER_MEMORY_QUEUE"] = "scrapy.squeues.LifoMemoryQueue"
        stats = run_crawl("trtworld", settings).stats
        items = stats.get("newsbot/spider/articles") or 1
        for key, seconds in sorted(SPENT.items()):
            stats[f"bench/ms/{key}"] = round(seconds * 1000 / items, 3)
    print(json.dumps(stats, default=str))


if __name__ == "__main__":
    main()
