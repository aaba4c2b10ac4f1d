"""CleanPipeline: normalise every article with :func:`newsbot.cleaning.clean_article`."""

from __future__ import annotations

from typing import Self

from scrapy.crawler import Crawler

from newsbot.cleaning import clean_article
from newsbot.items import ArticleItem


class CleanPipeline:
    """Cleans text, dates and URLs of each :class:`ArticleItem` (w3lib); other items pass through.

    The site's URL canonicaliser is the spider's ``urls`` attribute when it has one. Reads no
    settings. Stats: ``newsbot/clean/items``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: object) -> object:
        if not isinstance(item, ArticleItem):
            return item
        self.crawler.stats.inc_value("newsbot/clean/items")
        return clean_article(item, getattr(self.crawler.spider, "urls", None))
