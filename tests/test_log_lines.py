"""Log noise: one line per dropped item (its URL and reason), one line per failed health check."""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator

from scrapy import Request
from scrapy.exceptions import DropItem
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from newsbot.items import ArticleItem
from newsbot.logformatter import NewsbotLogFormatter
from newsbot.monitoring.spidermon_extension import failure_reason
from newsbot.spiders.trtworld import TrtWorldSpider


def render(entry: dict) -> str:
    return entry["msg"] % entry["args"]


def spider() -> TrtWorldSpider:
    crawler = get_crawler(TrtWorldSpider)
    return TrtWorldSpider.from_crawler(crawler)


def test_a_dropped_article_is_one_line_with_its_url_and_reason_not_the_item() -> None:
    body = "A very long story. " * 400
    item = ArticleItem(url="https://example.org/article/0123456789ab", headline="H", articleBody=body)
    entry = NewsbotLogFormatter().dropped(item, DropItem("body_too_short", log_level="INFO"), None, spider())
    line = render(entry)
    assert line == "Dropped: body_too_short: https://example.org/article/0123456789ab"
    assert entry["level"] == logging.INFO


def test_a_drop_message_that_names_the_url_is_not_repeated() -> None:
    item = {"canonicalUrl": "https://example.org/article/a", "articleBody": "x" * 5000}
    exception = DropItem(
        "duplicate (exact, similarity 1.00) of https://example.org/article/b: https://example.org/article/a"
    )
    line = render(NewsbotLogFormatter().dropped(item, exception, None, spider()))
    assert line.count("https://example.org/article/a") == 1 and "x" * 50 not in line


def test_scraped_and_item_errors_name_the_url_only() -> None:
    item = ArticleItem(url="https://example.org/article/c", articleBody="y" * 5000)
    formatter = NewsbotLogFormatter()
    with handled("scrapy.core.scraper", logging.DEBUG):
        assert render(formatter.scraped(item, None, spider())) == "Scraped https://example.org/article/c"
    error = render(formatter.item_error(item, ValueError("boom"), None, spider()))
    assert error == "Error processing https://example.org/article/c"


def test_a_failed_monitor_reads_as_its_reason() -> None:
    traceback = (
        'Traceback (most recent call last):\n  File "monitors.py", line 42, in run_health_check\n'
        "    self.fail(result.message)\nAssertionError: storage unavailable: database or disk is full\n"
    )
    assert failure_reason(traceback) == "storage unavailable: database or disk is full"
    assert failure_reason("") == "no reason given"


@contextlib.contextmanager
def handled(name: str, handler_level: int, logger_level: int = logging.DEBUG) -> Iterator[None]:
    """The logger ``name`` at ``logger_level`` with one handler of its own at ``handler_level`` (no
    propagation), as Scrapy's root handler at ``LOG_LEVEL`` would take its records."""
    logger = logging.getLogger(name)
    handler = logging.StreamHandler(io.StringIO())
    handler.setLevel(handler_level)
    saved = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logger_level)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def test_crawled_and_scraped_lines_are_not_built_when_no_handler_shows_debug() -> None:
    item = ArticleItem(url="https://example.org/article/d", articleBody="z" * 100)
    formatter = NewsbotLogFormatter()
    lines = {
        "scrapy.core.scraper": lambda: formatter.scraped(item, None, spider()),
        "scrapy.core.engine": lambda: formatter.crawled(Request(item.url), Response(item.url), spider()),
    }
    for name, line in lines.items():
        with handled(name, logging.INFO):  # LOG_LEVEL = "INFO" (the default): DEBUG records go nowhere
            assert line() is None
        with handled(name, logging.INFO, logging.INFO):
            assert line() is None
        with handled(name, logging.DEBUG):  # LOG_LEVEL = "DEBUG": the line is built as before
            assert render(line()) in (
                "Scraped https://example.org/article/d",
                "Crawled (200) <GET https://example.org/article/d> (referer: None)",
            )
        with handled(name, logging.NOTSET):  # a handler taking every level
            assert line() is not None
