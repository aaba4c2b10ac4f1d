"""TrtWorldSpider: the declared TRT World site (:mod:`newsbot.sites.trtworld`) crawled; its callbacks' contracts."""

from __future__ import annotations

from collections.abc import Iterator

import scrapy
from scrapy.http import Response

from newsbot.items import ArticleItem
from newsbot.sites.trtworld import SITE
from newsbot.spiders.site import SiteSpider


class TrtWorldSpider(SiteSpider):
    """Crawls TRT World (or its replica, ``NEWSBOT_BASE_URL``) from its RSS feed, home page and
    section pages (:class:`~newsbot.spiders.site.SiteSpider`); the methods here only carry the
    ``scrapy check`` contracts of its callbacks, on pages saved in ``tests/fixtures/contracts/``."""

    name = "trtworld"
    site = SITE

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """Article links of the RSS feed (see :meth:`SiteSpider.parse_feed`).

        @saved_page tests/fixtures/contracts/trtworld_feed.xml https://www.trtworld.com/feed/rss.xml
        @returns items 0 0
        @returns requests 10
        """
        return super().parse_feed(response)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        """Article links of the home page or a section page (see :meth:`SiteSpider.parse_listing`).

        @saved_page tests/fixtures/contracts/trtworld_home.html https://www.trtworld.com/
        @returns items 0 0
        @returns requests 10
        """
        return super().parse_listing(response)

    def parse_article(self, response: Response, depth: int = 0) -> Iterator[ArticleItem | scrapy.Request]:
        """One article page: its item, then requests for its typed links within the depth.

        @saved_page tests/fixtures/contracts/trtworld_article.html https://www.trtworld.com/article/b1d70952dd8f
        @returns items 1 1
        @returns requests 1
        @filled url canonicalUrl headline description articleBody authors datePublishedRaw relatedLinks
        """
        return super().parse_article(response, depth)
