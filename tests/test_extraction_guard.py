"""The one error policy of extraction (newsbot.extraction.guard): a bug in a rule costs what it reads, is
logged once with the page's URL redacted, and is named on the item; nothing is raised to the spider.

A rule that raises is a bug, which no page can make real: the pages here are real HTML, the bug is
a page object whose rule raises, or a response whose body cannot be read.
"""

from __future__ import annotations

import asyncio
import logging

import pytest
from scrapy.http import HtmlResponse

from newsbot.extraction import EXTRACTION_ERRORS, article_links, extract_article
from newsbot.extraction.guard import PageErrors
from newsbot.extraction.item import page_item
from newsbot.extraction.page import ArticlePage
from newsbot.items import Author

URL = "https://reader:hunter2@news.example.org/story/1"
PAGE = (
    "<html><head><title>Budget agreed</title>"
    '<meta name="author" content="Ana Lee"></head>'
    "<body><h1>Budget agreed</h1>"
    + "<p>The council met on Tuesday and agreed a budget for the coming year after a long debate.</p>" * 3
    + "</body></html>"
)


class BrokenAuthors(ArticlePage):
    """A page object whose authors rule has a bug."""

    def authors(self) -> list[Author]:
        raise RuntimeError("byline rule broke on https://reader:hunter2@news.example.org/x")


class BrokenBody:
    """A response whose bytes cannot be read (anything outside the field rules failing)."""

    url = URL
    headers: dict[str, bytes] = {}

    @property
    def body(self) -> bytes:
        raise OSError("the body is gone")

    @property
    def text(self) -> str:
        raise OSError("the body is gone")


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


def test_a_failing_field_rule_costs_only_its_field(caplog: pytest.LogCaptureFixture) -> None:
    item = page_item(BrokenAuthors(URL, PAGE))
    assert item.authors == []
    assert item.headline == "Budget agreed"
    assert item.articleBody and item.articleBody.startswith("The council met")
    assert item.metadata[EXTRACTION_ERRORS] == [
        "authors: RuntimeError('byline rule broke on https://***@news.example.org/x')"
    ]
    [message] = errors_logged(caplog)
    assert message.startswith("Extraction of authors failed on https://***@news.example.org/story/1: RuntimeError(")
    assert "hunter2" not in caplog.text


def test_a_page_whose_rules_hold_names_no_error_and_logs_none(caplog: pytest.LogCaptureFixture) -> None:
    item = page_item(ArticlePage(URL, PAGE))
    assert [author.name for author in item.authors] == ["Ana Lee"]
    assert EXTRACTION_ERRORS not in item.metadata
    assert errors_logged(caplog) == []


def test_an_error_outside_the_field_rules_still_gives_the_item_its_url_and_reason(
    caplog: pytest.LogCaptureFixture,
) -> None:
    item = extract_article(BrokenBody())
    assert item.url == URL
    assert item.headline is None
    assert item.metadata == {"extractor": "failed", EXTRACTION_ERRORS: ["the page: OSError('the body is gone')"]}
    [message] = errors_logged(caplog)
    assert (
        message == "Extraction of the page failed on https://***@news.example.org/story/1: OSError('the body is gone')"
    )


def test_the_same_page_read_whole_names_no_error(caplog: pytest.LogCaptureFixture) -> None:
    item = extract_article(HtmlResponse(url=URL, body=PAGE.encode()))
    assert item.headline == "Budget agreed"
    assert EXTRACTION_ERRORS not in item.metadata
    assert errors_logged(caplog) == []


def test_links_of_an_unreadable_page_are_none_and_the_error_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    assert article_links(BrokenBody()) == []
    assert errors_logged(caplog) == [
        "Extraction of the links failed on https://***@news.example.org/story/1: OSError('the body is gone')"
    ]


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit, asyncio.CancelledError])
def test_the_guard_lets_a_stop_through(stop: type[BaseException], caplog: pytest.LogCaptureFixture) -> None:
    errors = PageErrors(URL)

    def rule() -> str:
        raise stop()

    with pytest.raises(stop):
        errors.read("headline", rule, None)
    assert errors.found == []
    assert errors_logged(caplog) == []
