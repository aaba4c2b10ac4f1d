"""RunSummary: the totals of a finished crawl, added to its stats before the crawl-run row is written."""

from __future__ import annotations

from typing import Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from twisted.python.failure import Failure

from newsbot.errors import StorageError
from newsbot.frontier.budget import REASONS, SKIPPED, bounds_reached
from newsbot.monitoring.health import IGNORED, failed_downloads, sum_prefix
from newsbot.storage.runs import pages_of


class RunSummary:
    """Adds ``newsbot/run/*`` totals to the stats when the spider closes, so the crawl-run row holds them.

    ``newsbot/run/pages`` (responses received), ``newsbot/run/articles`` (extracted by the
    spider), ``newsbot/run/duplicates`` (exact + near), ``newsbot/run/dropped`` (the sum of every
    ``newsbot/dropped/<reason>``), ``newsbot/run/errors`` (the sum of every ``newsbot/errors/<kind>``:
    requests that failed for the spider, after retries) and ``newsbot/run/failed_downloads``
    (downloads ending in an exception or a status >= 400, retries included), ``newsbot/run/skipped``
    (requests refused by the volume bounds, :mod:`newsbot.frontier.budget`) and, when a bound was reached,
    ``newsbot/run/bounds_reached`` (which one, for which sites: the summary's line). New, revised and
    unchanged articles are the storage pipeline's ``newsbot/store/new|revised|unchanged``; drops by
    reason and errors by kind stay in their own stats.

    A :class:`~newsbot.errors.StorageError` raised while an item is stored (a full disk, a file
    locked for too long) sets ``newsbot/store/error``, which fails the storage health check.

    Reads no settings. Must come before :class:`~newsbot.extensions.crawl_runs.CrawlRunRecorder`
    in ``EXTENSIONS`` (a lower order) so that its ``spider_closed`` handler runs first.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler)
        crawler.signals.connect(extension.item_error, signal=signals.item_error)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def item_error(self, item: object, response: object, spider: Spider, failure: Failure) -> None:
        if failure.check(StorageError):
            self.crawler.stats.set_value("newsbot/store/error", str(failure.value))

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats
        values = stats.get_stats()
        stats.set_value("newsbot/run/pages", pages_of(values))
        stats.set_value("newsbot/run/articles", int(values.get("newsbot/spider/articles", 0)))
        duplicates = int(values.get("newsbot/dedup/exact", 0)) + int(values.get("newsbot/dedup/near", 0))
        stats.set_value("newsbot/run/duplicates", duplicates)
        stats.set_value("newsbot/run/dropped", sum_prefix(values, "newsbot/dropped/"))
        stats.set_value("newsbot/run/errors", sum_prefix(values, "newsbot/errors/", skip=(IGNORED,)))
        stats.set_value("newsbot/run/failed_downloads", failed_downloads(values))
        stats.set_value("newsbot/run/skipped", sum(int(values.get(f"{SKIPPED}{r}", 0)) for r in REASONS))
        reached = bounds_reached(values)
        if reached:
            stats.set_value("newsbot/run/bounds_reached", reached)
