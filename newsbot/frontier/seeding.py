"""SeedOncePerRun: the start requests of a shared run come from one worker only."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsbot.frontier.shared_scheduler import STATS, frontier_of

logger = logging.getLogger(__name__)


class SeedOncePerRun:
    """Spider middleware: only the worker that started the run hands over the spider's start requests.

    Works for any spider: in ``process_start`` (Scrapy's asynchronous start hook) the seeder of
    the run (:class:`~newsbot.frontier.shared_scheduler.SharedFrontierScheduler` decides it with a lease
    in Redis) passes ``start()`` through and, once it is exhausted, records the run as seeded
    (consumers wait for that before counting the queue as empty); every other worker does not
    even call the spider's ``start()``: its requests come from the shared queue. The spider
    arguments of the seeder (e.g. ``-a url=...``) are those of the run.

    Installed by :class:`newsbot.frontier.addon.SharedFrontier` as the outermost spider middleware,
    so it sees the start requests after every other middleware. Settings: ``NEWSBOT_REDIS_URL``
    (empty: not configured). Stats: ``newsbot/frontier/start_requests`` (requests seeded).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.get("NEWSBOT_REDIS_URL"):
            raise NotConfigured
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        frontier = frontier_of(self.crawler)
        if frontier is None or frontier.membership is None:
            return  # no shared frontier (or Redis failed when it opened): nothing to seed
        if not frontier.membership.seeder:
            logger.info("Shared frontier: run %s is seeded by another worker", frontier.membership.run)
            return
        seeded = 0
        try:
            async for item_or_request in start:
                seeded += 1
                yield item_or_request
        finally:
            self.crawler.stats.set_value(f"{STATS}/start_requests", seeded)
            frontier.seeding_done()
        logger.info("Shared frontier: run %s seeded with %d start requests", frontier.membership.run, seeded)
