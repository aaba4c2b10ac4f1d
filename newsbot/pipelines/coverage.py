"""CoveragePipeline: count which fields each article has (field coverage) for the coverage health check."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsbot.config import newsbot_settings
from newsbot.items import ArticleItem
from newsbot.monitoring.coverage_history import FIELD_NAMES, usual_coverage
from newsbot.monitoring.health import COVERAGE_PREFIX
from newsbot.storage.factory import database_url

_ITEMS_KEY = f"{COVERAGE_PREFIX}items"
_FIELD_KEYS = tuple((name, f"{COVERAGE_PREFIX}{name}") for name in FIELD_NAMES)
_PUBLISH_EVERY = 50  # items counted locally between two additions to the stats


class CoveragePipeline:
    """Counts, for every article leaving cleaning, which fields it has (field coverage).

    Sits right after :class:`~newsbot.pipelines.clean.CleanPipeline` (order 150), so it sees every
    extracted article, also those that validation or dedup drop later. A field counts when it is
    not empty (``None``, ``""`` and ``[]`` do not). When the spider opens, the usual coverage is
    read from the earlier runs in the database
    (:func:`newsbot.monitoring.coverage_history.usual_coverage`), so the coverage
    health check (:mod:`newsbot.monitoring.health`) can compare.

    Settings: ``NEWSBOT_MONITOR_COVERAGE_ENABLED``, ``NEWSBOT_MONITOR_COVERAGE_FIELDS``
    (whose usual share is put in the stats), ``NEWSBOT_DATABASE_URL`` / ``NEWSBOT_SQLITE_PATH`` (where the
    history is; none: no history), ``NEWSBOT_MONITOR_COVERAGE_HISTORY`` (earlier runs to take the
    median of; 0: no history), ``NEWSBOT_MONITOR_COVERAGE_MIN_ITEMS`` (an earlier run
    counts only with at least this many items).
    Stats: ``newsbot/coverage/items``, ``newsbot/coverage/<field>`` (items having the field, for
    every field of :class:`~newsbot.items.ArticleItem`; counted locally and added to the stats
    every 50 items and when the spider closes: one stats call per field, not per item),
    ``newsbot/coverage/usual/<field>`` (the usual share, 0-1), ``newsbot/coverage/history_runs``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = newsbot_settings(crawler.settings)
        self.database = database_url(settings)
        self.history = settings.getint("NEWSBOT_MONITOR_COVERAGE_HISTORY")
        self.min_items = settings.getint("NEWSBOT_MONITOR_COVERAGE_MIN_ITEMS")
        self.fields = settings.getlist("NEWSBOT_MONITOR_COVERAGE_FIELDS")
        self._counts: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not newsbot_settings(crawler.settings).getbool("NEWSBOT_MONITOR_COVERAGE_ENABLED"):
            raise NotConfigured("NEWSBOT_MONITOR_COVERAGE_ENABLED is off")
        return cls(crawler)

    async def open_spider(self) -> None:
        stats = self.crawler.stats
        stats.set_value(f"{COVERAGE_PREFIX}items", 0)
        if not self.database or self.crawler.spider is None:
            return
        usual, runs = await asyncio.to_thread(
            usual_coverage, self.database, self.crawler.spider.name, self.history, self.min_items
        )
        stats.set_value(f"{COVERAGE_PREFIX}history_runs", runs)
        for name in self.fields:
            if name in usual:
                stats.set_value(f"{COVERAGE_PREFIX}usual/{name}", round(usual[name], 4))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        counts = self._counts
        counts[_ITEMS_KEY] += 1
        for name, key in _FIELD_KEYS:
            if getattr(item, name) not in (None, "", [], {}):
                counts[key] += 1
        if counts[_ITEMS_KEY] >= _PUBLISH_EVERY:
            self._publish()
        return item

    def _publish(self) -> None:
        """Add the counts kept since the last time to the crawl's stats (one stats call per field, not per item)."""
        stats = self.crawler.stats
        for key, count in self._counts.items():
            stats.inc_value(key, count)
        self._counts.clear()

    def close_spider(self) -> None:
        self._publish()
