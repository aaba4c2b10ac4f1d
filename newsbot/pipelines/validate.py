"""ValidatePipeline: drop articles that lack what a stored story needs, counting each reason."""

from __future__ import annotations

from typing import Self

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newsbot.items import ArticleItem


class ValidatePipeline:
    """Drops an article with a missing required field or a body too short to be a story.

    Settings: ``NEWSBOT_REQUIRED_FIELDS`` (default ``["url", "headline", "articleBody"]``),
    ``NEWSBOT_MIN_BODY_CHARS`` (default 200; 0 turns the length check off).
    Stats: ``newsbot/validate/ok`` and ``newsbot/dropped/<reason>``. Drops log at INFO.
    """

    def __init__(self, crawler: Crawler, required: list[str], min_body_chars: int) -> None:
        self.crawler = crawler
        self.required = required
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        return cls(
            crawler,
            settings.getlist("NEWSBOT_REQUIRED_FIELDS", ["url", "headline", "articleBody"]),
            settings.getint("NEWSBOT_MIN_BODY_CHARS", 200),
        )

    def problem(self, item: ArticleItem) -> str | None:
        """The reason ``item`` cannot be stored, or ``None``."""
        adapter = ItemAdapter(item)
        for name in self.required:
            if not adapter.get(name):
                return f"missing_{name}"
        body = item.articleBody or ""
        if self.min_body_chars and body and len(body) < self.min_body_chars:
            return "body_too_short"
        return None

    def process_item(self, item: object) -> object:
        if not isinstance(item, ArticleItem):
            return item
        reason = self.problem(item)
        if reason is None:
            self.crawler.stats.inc_value("newsbot/validate/ok")
            return item
        self.crawler.stats.inc_value(f"newsbot/dropped/{reason}")
        raise DropItem(f"{reason}: {item.url}", log_level="INFO")
