"""TrtWorldSpider: start points and link following only; extraction is in the profile."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newsbot.extraction import extract_article
from newsbot.extraction import trtworld as profile
from newsbot.items import ArticleItem
from newsbot.middlewares.incremental import ARTICLE_META_KEY

SECTIONS = ("politics", "turkiye", "war-on-gaza", "biztech", "infographics", "features", "opinion")


class TrtWorldSpider(scrapy.Spider):
    """Crawls TRT World (or its replica) from the RSS feed, the home page and the section pages.

    Every article found there is opened, and each article's Related, RECOMMENDED and Explore
    links are followed up to ``NEWSBOT_FOLLOW_DEPTH`` hops (default 2). Only article pages
    (``/article/<id>``) become items; video, author and off-site links are not followed.

    Arguments: ``-a url=<article url>`` crawls from that one article instead of the start pages.
    Settings: ``NEWSBOT_BASE_URL`` (default ``https://www.trtworld.com``; the replica's URL to
    crawl it), ``NEWSBOT_FOLLOW_DEPTH``. Stats: ``newsbot/spider/articles``,
    ``newsbot/spider/start_links``, ``newsbot/dropped/<reason>`` for pages that yield no item,
    ``newsbot/errors/<kind>`` for failed downloads.
    """

    name = "trtworld"

    def __init__(self, url: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_url = url

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> TrtWorldSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.base_url = settings.get("NEWSBOT_BASE_URL", profile.DEFAULT_BASE_URL).rstrip("/")
        spider.follow_depth = settings.getint("NEWSBOT_FOLLOW_DEPTH", 2)
        spider.urls = profile.canonicaliser(spider.base_url)
        # article URLs already requested in this process: most links point to a page already
        # scheduled, and the dupefilter would drop them anyway, after more work per request
        spider.requested = set()
        return spider

    def start_points(self) -> list[str]:
        """The feed, home and section pages of the site."""
        return [f"{self.base_url}/feed/rss.xml", f"{self.base_url}/"] + [f"{self.base_url}/{s}" for s in SECTIONS]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.start_url:
            url = self.urls.canonical(self.start_url) or self.start_url
            yield self.article_request(url, depth=0)
            return
        for url in self.start_points():
            callback = self.parse_feed if url.endswith(".xml") else self.parse_listing
            yield scrapy.Request(url, callback=callback, errback=self.on_error, dont_filter=True)

    def article_request(self, url: str, depth: int) -> scrapy.Request:
        self.requested.add(url)
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.on_error,
            cb_kwargs={"depth": depth},
            meta={ARTICLE_META_KEY: True},
        )

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """Article links of an RSS/Atom feed."""
        response.selector.remove_namespaces()
        links = response.xpath("//item/link/text() | //entry/link/@href").getall()
        yield from self._follow_articles(response, links)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        """Article links of the home page or a section page (its cards)."""
        if not isinstance(response, TextResponse):
            return
        yield from self._follow_articles(response, response.xpath("//a/@href").getall())

    def _follow_articles(self, response: Response, hrefs: list[str]) -> Iterator[scrapy.Request]:
        seen: set[str] = set()
        for href in hrefs:
            url = urljoin(response.url, href.strip())
            if self.urls.article_id(url) is None:
                continue
            canonical = self.urls.canonical(url)
            if canonical and canonical not in seen and canonical not in self.requested:
                seen.add(canonical)
                self.crawler.stats.inc_value("newsbot/spider/start_links")
                yield self.article_request(canonical, depth=0)

    def parse_article(self, response: Response, depth: int = 0) -> Iterator[ArticleItem | scrapy.Request]:
        """One article page: its item, then requests for its typed links within the depth."""
        if not isinstance(response, TextResponse):
            yield from self._drop(response, "not_text")
            return
        if self.urls.article_id(response.url) is None:
            yield from self._drop(response, "not_an_article")
            return
        try:
            item = extract_article(response, self.urls, clean=False)
        except Exception as error:  # a malformed page must not stop the crawl
            self.logger.info("Extraction failed on %s: %r", response.url, error)
            yield from self._drop(response, "extraction_error")
            return
        item.metadata.update(
            dateDownloaded=datetime.now(UTC).isoformat(timespec="seconds"), site=profile.SITE, spider=self.name
        )
        for header, key in ((b"ETag", "etag"), (b"Last-Modified", "lastModified")):
            value = response.headers.get(header)
            if value:
                item.metadata[key] = value.decode("latin-1")
        self.crawler.stats.inc_value("newsbot/spider/articles")
        yield item
        if depth >= self.follow_depth:
            return
        for link in item.relatedLinks:
            canonical = self.urls.canonical(link.url)
            if canonical and canonical not in self.requested and self.urls.article_id(canonical):
                yield self.article_request(canonical, depth=depth + 1)

    def _drop(self, response: Response, reason: str) -> Iterator[ArticleItem]:
        self.crawler.stats.inc_value(f"newsbot/dropped/{reason}")
        self.logger.info("Dropped %s (%s)", response.url, reason)
        return iter(())

    def on_error(self, failure: Failure) -> None:
        """Count and log a failed request (dead link, refused connection, timeout)."""
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            return  # skipped on purpose (already stored, robots.txt), counted where it was decided
        kind = failure.type.__name__ if failure.type else "unknown"
        response = getattr(failure.value, "response", None)
        if response is not None:
            kind = f"http_{response.status}"
        self.crawler.stats.inc_value(f"newsbot/errors/{kind}")
        self.logger.info("Request failed: %s (%s)", failure.request.url, kind)
