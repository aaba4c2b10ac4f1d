"""Field coverage of a crawl, and the usual coverage of the earlier runs recorded in SQLite."""

from __future__ import annotations

import asyncio
import json
import logging
import statistics
from collections import Counter
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsbot.config import newsbot_settings
from newsbot.items import ArticleItem
from newsbot.monitoring.health import COVERAGE_PREFIX, RESULT_KEY
from newsbot.storage.base import StorageError
from newsbot.storage.factory import database_url
from newsbot.storage.readonly import StoreMissing, read_rows

logger = logging.getLogger(__name__)

FIELD_NAMES = tuple(f.name for f in dataclass_fields(ArticleItem))


def usual_coverage(
    database: str | Path, spider: str, runs: int = 10, min_items: int = 5
) -> tuple[dict[str, float], int]:
    """The median share of items having each field over the last ``runs`` comparable runs.

    A comparable run is a finished run of ``spider`` recorded in ``database`` (a store URL or a
    SQLite file; table
    ``crawl_runs``) with at least ``min_items`` items counted and whose coverage check did not
    fail (a broken layout must not become the usual). Returns ``({field: share}, runs used)``;
    ``({}, 0)`` when the database or the table does not exist yet. Reads only.
    """
    if runs <= 0:
        return {}, 0
    try:
        rows = read_rows(
            str(database),
            "SELECT stats_json FROM crawl_runs WHERE spider = ? AND finish_reason = 'finished'"
            " AND stats_json IS NOT NULL ORDER BY id DESC LIMIT ?",
            (spider, runs * 5),
        )
    except StoreMissing:
        return {}, 0
    except StorageError as error:
        logger.info("No coverage history in %s: %s", database, error)
        return {}, 0
    shares: dict[str, list[float]] = {}
    used = 0
    for (stats_json,) in rows:
        try:
            stats = json.loads(stats_json)
        except ValueError:
            continue
        items = stats.get(f"{COVERAGE_PREFIX}items") or 0
        if items < max(1, min_items) or str(stats.get(RESULT_KEY.format("coverage"), "")).startswith("FAILED"):
            continue
        for name in FIELD_NAMES:
            shares.setdefault(name, []).append((stats.get(f"{COVERAGE_PREFIX}{name}") or 0) / items)
        used += 1
        if used >= runs:
            break
    return {name: statistics.median(values) for name, values in shares.items()}, used


_ITEMS_KEY = f"{COVERAGE_PREFIX}items"
_FIELD_KEYS = tuple((name, f"{COVERAGE_PREFIX}{name}") for name in FIELD_NAMES)
_PUBLISH_EVERY = 50  # items counted locally between two additions to the stats


class CoveragePipeline:
    """Counts, for every article leaving cleaning, which fields it has (field coverage).

    Sits right after :class:`~newsbot.pipelines.clean.CleanPipeline` (order 150), so it sees every
    extracted article, also those that validation or dedup drop later. A field counts when it is
    not empty (``None``, ``""`` and ``[]`` do not). When the spider opens, the usual coverage is
    read from the earlier runs in the SQLite database (:func:`usual_coverage`), so the coverage
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
