"""Progress: a line a person can follow, every few seconds, while a crawl runs."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

from newsbot.config import newsbot_settings
from newsbot.monitoring.health import IGNORED, sum_prefix
from newsbot.storage.runs import pages_of

logger = logging.getLogger(__name__)


def progress_figures(stats: Mapping[str, Any]) -> dict[str, int]:
    """The figures of a progress line (and of the final summary) from a crawl's stats.

    ``stored`` counts what the database gained: articles committed as new or as a new revision
    (``newsbot/store/new`` + ``newsbot/store/revised``), so while a crawl runs it lags by at most
    one open batch (``NEWSBOT_SQLITE_BATCH_SIZE``) and it never counts what a failed batch lost.
    ``errors`` are requests that failed after their retries (``newsbot/errors/*``).
    """
    new, revised = int(stats.get("newsbot/store/new", 0)), int(stats.get("newsbot/store/revised", 0))
    return {
        "pages": pages_of(stats),
        "articles": int(stats.get("newsbot/spider/articles", 0)),
        "stored": new + revised,
        "new": new,
        "revised": revised,
        "duplicates": int(stats.get("newsbot/dedup/exact", 0)) + int(stats.get("newsbot/dedup/near", 0)),
        "dropped": sum_prefix(stats, "newsbot/dropped/"),
        "errors": sum_prefix(stats, "newsbot/errors/", skip=(IGNORED,)),
    }


def progress_line(figures: Mapping[str, int], elapsed: float | None = None) -> str:
    """``"812 pages, 240 articles extracted, 231 stored (200 new, 31 revised), 6 duplicates, ..."``"""
    line = (
        f"{figures['pages']} pages, {figures['articles']} articles extracted, "
        f"{figures['stored']} stored ({figures['new']} new, {figures['revised']} revised), "
        f"{figures['duplicates']} duplicates, {figures['dropped']} dropped, {figures['errors']} failed requests"
    )
    if elapsed is not None:
        line += f" in {elapsed:.0f}s"
    return line


class Progress:
    """Logs pages, articles, stored / duplicate / dropped counts and failed requests at INFO.

    Settings: ``NEWSBOT_PROGRESS_INTERVAL`` (seconds between two lines; 0 turns the
    extension off). Logs a last line when the spider closes. Stats: none of its own (it reads
    ``response_received_count``, ``newsbot/spider/articles``, ``newsbot/store/new|revised``,
    ``newsbot/dedup/*``, ``newsbot/dropped/*``, ``newsbot/errors/*``).
    """

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.started = time.monotonic()
        self.task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        interval = newsbot_settings(crawler.settings).getfloat("NEWSBOT_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured("NEWSBOT_PROGRESS_INTERVAL is 0")
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.monotonic()
        self.task = create_looping_call(self.log_progress)
        self.task.start(self.interval, now=False)

    def log_progress(self, final: bool = False) -> None:
        figures = progress_figures(self.crawler.stats.get_stats())
        label = "Finished" if final else "Progress"
        logger.info("%s: %s", label, progress_line(figures, time.monotonic() - self.started))

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        self.log_progress(final=True)
