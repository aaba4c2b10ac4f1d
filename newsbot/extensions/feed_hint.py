"""FeedExportHint: when ``-o``/``-O`` wrote no item because every article was already stored, say so once.

An incremental crawl skips the articles its store holds, so a feed export after a first crawl
is empty; the hint names how many were skipped and points to ``python -m newsbot export``, which
writes the stored archive. Settings: ``FEEDS`` (the hint is off without a feed). Stats read:
``item_scraped_count``, ``newsbot/incremental/skipped``, ``newsbot/incremental/not_modified``.
"""

from __future__ import annotations

import logging
from typing import Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)

KNOWN_PAGE_STATS = ("newsbot/incremental/skipped", "newsbot/incremental/not_modified")


class FeedExportHint:
    """Logs one WARNING at close when a feed export got nothing while stored articles were skipped."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getdict("FEEDS"):
            raise NotConfigured  # no message: Scrapy would log a WARNING in every crawl without -o/-O
        return cls(crawler)

    def spider_closed(self, spider: Spider) -> None:
        stats = self.crawler.stats
        assert stats is not None
        if stats.get_value("item_scraped_count", 0):
            return
        known = sum(int(stats.get_value(name, 0) or 0) for name in KNOWN_PAGE_STATS)
        if known:
            logger.warning(
                "The feed export wrote 0 items: the %d article pages found are already stored and were not "
                "extracted again (crawls are incremental). To write the stored articles, run: "
                "python -m newsbot export -o FILE.jsonl",
                known,
            )
