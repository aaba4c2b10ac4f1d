"""NewsbotLogFormatter: one short line per dropped, scraped or failed item, never the item itself.

Scrapy's default formatter appends the whole item to every "Dropped" and "Scraped" line: with
news articles that is kilobytes a line, most of a crawl's log. Here a drop is
``Dropped: <reason>: <url>``, a scraped item ``Scraped <url>`` (DEBUG) and an item error
``Error processing <url>`` (with its traceback, which is a bug to fix). The two DEBUG lines of
every page, ``Crawled`` and ``Scraped``, are not built at all when no handler would take them
(``LOG_LEVEL`` above DEBUG, the default): two log records a page saved. Enabled with
``LOG_FORMATTER = "newsbot.logformatter.NewsbotLogFormatter"``; reads no settings of its own.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure


def item_url(item: Any, response: Response | Failure | None = None) -> str:
    """The URL an item is known by: its canonical URL, its URL, or the response's."""
    for name in ("canonicalUrl", "url"):
        value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        if value:
            return str(value)
    return response.url if isinstance(response, Response) else "(no URL)"


def debug_shown(name: str) -> bool:
    """Whether a DEBUG record of the logger ``name`` would reach a handler that takes it (asked each
    time: handlers and levels may change while a crawl runs)."""
    logger: logging.Logger | None = logging.getLogger(name)
    if not logger.isEnabledFor(logging.DEBUG):
        return False
    while logger is not None:
        if any(handler.level <= logging.DEBUG for handler in logger.handlers):
            return True
        if not logger.propagate:
            return False
        logger = logger.parent
    return False  # no handler at all: logging's last resort shows WARNING and above


class NewsbotLogFormatter(LogFormatter):
    """Scrapy's log formatter with one-line messages for items (see the module docstring)."""

    def crawled(self, request: Any, response: Response, spider: Spider) -> LogFormatterResult | None:
        # logged by Scrapy's engine at DEBUG: not built when nothing would show it
        return super().crawled(request, response, spider) if debug_shown("scrapy.core.engine") else None

    def dropped(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        url = item_url(item, response)
        reason = str(exception).strip().splitlines()[0] if str(exception).strip() else type(exception).__name__
        message = reason if url in reason else f"{reason}: {url}"
        return {**result, "msg": "Dropped: %(reason)s", "args": {"reason": message}}

    def scraped(self, item: Any, response: Response | Failure | None, spider: Spider) -> LogFormatterResult | None:
        if not debug_shown("scrapy.core.scraper"):  # logged by Scrapy's scraper at DEBUG
            return None
        result = super().scraped(item, response, spider)
        return {**result, "msg": "Scraped %(url)s", "args": {"url": item_url(item, response)}}

    def item_error(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        result = super().item_error(item, exception, response, spider)
        return {**result, "msg": "Error processing %(url)s", "args": {"url": item_url(item, response)}}
