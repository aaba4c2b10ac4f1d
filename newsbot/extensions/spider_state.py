"""SafeSpiderState: Scrapy's ``SpiderState`` (``spider.state`` kept in JOBDIR) that a full disk cannot crash.

Scrapy's extension creates JOBDIR when the crawl is built and writes ``spider.state`` when it
closes; on a full or read-only filesystem both raise, the first before the crawl can even
report why (a traceback, exit 1), the second as a traceback in the log. Here the first leaves the
diagnosis to :class:`newsbot.frontier.local_scheduler.ResumeSafeScheduler` (which closes the crawl with
``storage_unavailable``) and the second is one WARNING line. Replaces
``scrapy.extensions.spiderstate.SpiderState`` in ``EXTENSIONS``; reads ``JOBDIR``.
"""

from __future__ import annotations

import logging
from typing import Self

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.extensions.spiderstate import SpiderState

logger = logging.getLogger(__name__)


class SafeSpiderState(SpiderState):
    """``spider.state`` in JOBDIR, as Scrapy keeps it, without crashing on an unwritable JOBDIR."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        try:
            return super().from_crawler(crawler)
        except OSError as error:
            raise NotConfigured(f"JOBDIR cannot be created: {error}") from error

    def spider_closed(self, spider: Spider) -> None:
        try:
            super().spider_closed(spider)
        except OSError as error:
            logger.warning("The spider state could not be saved in JOBDIR %s: %s", self.jobdir, error)
