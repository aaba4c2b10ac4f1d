"""GcTuning: keep Python's cyclic garbage collector from eating a tenth of the crawl."""

from __future__ import annotations

import gc
import time
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsbot.config import newsbot_settings


class GcTuning:
    """Raises the collector's thresholds for the crawl and freezes what exists when it starts.

    A crawl allocates many short-lived containers per page (requests, responses, parsed trees,
    items), so with Python's default generation-0 threshold (700) the cyclic collector runs about
    once per page and, as long-lived state grows (the dedup index, the stored-page snapshot), each
    run scans more of it. With a threshold of 50,000 a crawl needs a few collections instead of
    thousands (the figures: bench/RESULTS.md, "Crawl throughput (#2)"). Memory is
    still freed: reference counting frees everything not in a cycle at once, and cycles are
    collected at the next (rarer) run. What is alive when the spider opens (modules, the loaded
    dedup index) is frozen (:func:`gc.freeze`), so no collection scans it again.

    Settings: ``NEWSBOT_GC_THRESHOLD`` (three numbers, as for :func:`gc.set_threshold`;
    empty turns the extension off). Stats: ``newsbot/gc/collections``, ``newsbot/gc/seconds``.
    The previous thresholds are restored when the spider closes.
    """

    def __init__(self, crawler: Crawler, threshold: tuple[int, ...]) -> None:
        self.crawler = crawler
        self.threshold = threshold
        self.previous: tuple[int, ...] = gc.get_threshold()
        self.collections = 0
        self.seconds = 0.0
        self._started = 0.0
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        threshold = tuple(int(value) for value in newsbot_settings(crawler.settings).getlist("NEWSBOT_GC_THRESHOLD"))
        if not threshold or threshold[0] <= 0:
            raise NotConfigured("NEWSBOT_GC_THRESHOLD is empty")
        return cls(crawler, threshold)

    def _measure(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.collections += 1
            self.seconds += time.perf_counter() - self._started

    def spider_opened(self, spider: Spider) -> None:
        self.previous = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(*self.threshold)
        gc.callbacks.append(self._measure)

    def spider_closed(self, spider: Spider) -> None:
        if self._measure in gc.callbacks:
            gc.callbacks.remove(self._measure)
        gc.set_threshold(*self.previous)
        gc.unfreeze()
        self.crawler.stats.set_value("newsbot/gc/collections", self.collections)
        self.crawler.stats.set_value("newsbot/gc/seconds", round(self.seconds, 3))
