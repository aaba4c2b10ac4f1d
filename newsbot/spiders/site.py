"""SiteSpider: crawls one declared site (:mod:`newsbot.sites`) from its feeds, sitemaps and listing pages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings

from newsbot.cleaning import join_url
from newsbot.discovery.feeds import read_feed
from newsbot.discovery.pages import bare_host
from newsbot.discovery.sitemaps import SitemapEntry, read_sitemap
from newsbot.drops import record_drop
from newsbot.errors import UnsafeUrl
from newsbot.extraction import extract_article, page_selector
from newsbot.items import ArticleItem
from newsbot.languages import SKIPPED_LANGUAGE
from newsbot.redaction import redact
from newsbot.sites import Site
from newsbot.spiders.article import ArticleSpider, release_selector
from newsbot.urls import check_url, web_url


class SiteSpider(ArticleSpider):
    """Crawls the declared :attr:`site` (or its replica) from its feeds, sitemaps, home page and section pages.

    A subclass names the spider and its site (``name = "trtworld"``, ``site = ...``). Every
    article found there is opened and its typed links followed by the depth rule of
    :class:`~newsbot.spiders.article.ArticleSpider`; only the site's article URLs (its
    canonicaliser's article shapes) become items and are followed; video, author and off-site links
    are not. ``allowed_origins`` (:meth:`newsbot.sites.Site.origins`: the base URL's scheme, host
    and port, and the site's aliases) makes the off-site filter
    (:class:`newsbot.middlewares.offsite.SiteOffsiteMiddleware`) refuse redirects to any other
    origin, another port of the same host included. Links are read by
    :func:`newsbot.urls.check_url` first: one with user info or a backslash is not followed.
    Pages are read with the site's page reader (``site.page``).

    Arguments: ``-a url=<article url>`` crawls from that one article of the site instead of the
    start pages; anything else (another scheme, another host, not an article) is refused by
    :meth:`check_arguments` before any request, and so is an argument of another name.
    ``-a since=...``: the date window (feed items and linked URLs dated before it are not requested).
    A declared sitemap index has its sitemaps followed (``NEWSBOT_SITEMAP_MAX_FILES`` sitemaps in
    all, ``NEWSBOT_SITEMAP_MAX_BYTES`` each); a URL set gives its newest ``NEWSBOT_SITEMAP_MAX_URLS``
    entries, less those the date window or ``NEWSBOT_LANGUAGES`` (a news entry's language) leave out.
    Settings: ``NEWSBOT_BASE_URL`` (default the site's own base URL; the replica's URL to crawl it),
    ``NEWSBOT_FEED_MAX_ITEMS`` (items read from a feed), the sitemap bounds above, and
    :class:`ArticleSpider`'s. Stats: ``newsbot/spider/start_links``, ``newsbot/discovery/feed_errors``
    and ``.../sitemap_errors`` (a feed or sitemap not read whole, one WARNING each),
    ``.../sitemaps``, ``.../sitemaps_capped``, and :class:`ArticleSpider`'s.
    """

    #: the declared site this spider crawls
    site: Site
    arguments: tuple[str, ...] = ("url", "since")

    def __init__(self, url: str | None = None, since: str | None = None, **kwargs: Any) -> None:
        super().__init__(since=since, **kwargs)
        self.start_url = url

    @classmethod
    def base_url_of(cls, settings: BaseSettings) -> str:
        """The address crawled: ``NEWSBOT_BASE_URL``, else the site's own base URL."""
        return str(settings.get("NEWSBOT_BASE_URL") or cls.site.base_url).rstrip("/")

    @classmethod
    def check_arguments(cls, settings: BaseSettings, **spider_kwargs: Any) -> None:
        """Raise ``ValueError`` when the spider arguments cannot start a crawl of the site (or one is unknown)."""
        super().check_arguments(settings, **spider_kwargs)
        url = spider_kwargs.get("url")
        if url is None:
            return
        base_url = cls.base_url_of(settings)
        parts = urlsplit(str(url).strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"url={url!r}: only http:// or https:// URLs of {base_url} are crawled")
        try:
            check_url(str(url).strip())
        except UnsafeUrl as error:
            raise ValueError(f"url={url!r} is not a URL the crawler takes ({error.reason})") from None
        urls = cls.site.canonicaliser(base_url)
        if not urls.is_site_host(parts.netloc):
            raise ValueError(f"url={url!r} is not on the crawled site {base_url} (NEWSBOT_BASE_URL)")
        if urls.article_id(str(url).strip()) is None:
            form = f" ({cls.site.article_form})" if cls.site.article_form else ""
            raise ValueError(f"url={url!r} is not an article URL of the site{form}")

    def set_up(self, settings: BaseSettings, arguments: dict[str, Any]) -> None:
        self.check_arguments(settings, **arguments)
        super().set_up(settings, arguments)
        self.base_url = self.base_url_of(settings)
        self.feed_max_items = settings.getint("NEWSBOT_FEED_MAX_ITEMS")
        self.sitemap_limits = {
            name: settings.getint(f"NEWSBOT_SITEMAP_{name}") for name in ("MAX_FILES", "MAX_URLS", "MAX_BYTES")
        }
        self.sitemaps_requested = 0
        self.urls = self.site.canonicaliser(self.base_url)
        self.site_name = bare_host(self.urls.base_host)  # the site's name in per-site stats
        self.allowed_domains = self.site.domains(self.base_url)
        self.allowed_origins = self.site.origins(self.base_url)

    def site_key(self, url: str) -> str | None:
        """The site ``url`` counts against for the page budget (:mod:`newsbot.frontier.budget`): the base
        URL's host (without ``www.``) for every host of the site, aliases included; ``None`` elsewhere."""
        return self.site_name if self.urls.is_site_host(urlsplit(url).netloc) else None

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.start_url:
            url = self.urls.canonical(self.start_url.strip())
            if url is None or self.urls.article_id(url) is None:  # check_arguments let it through: a bug
                raise ValueError(f"url={self.start_url!r} is not an article URL of {self.base_url}")
            for request in self.reach(url, 0):
                yield request
            return
        for url in self.site.feed_urls(self.base_url):
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.on_error, dont_filter=True)
        for request in self._sitemap_requests(self.site.sitemap_urls(self.base_url)):
            yield request
        for url in self.site.listing_urls(self.base_url):
            yield scrapy.Request(url, callback=self.parse_listing, errback=self.on_error, dont_filter=True)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """Article links of an RSS/Atom feed (its first ``NEWSBOT_FEED_MAX_ITEMS`` items), read
        without resolving XML entities; a feed not read whole is counted and named in a WARNING."""
        if not isinstance(response, TextResponse):
            record_drop(self.crawler, response.url, "not_text")
            return
        feed = read_feed(response.body, response.url, self.feed_max_items)
        if feed.error:
            self.crawler.stats.inc_value("newsbot/discovery/feed_errors")
            self.logger.warning("Feed %s: %s", redact(response.url), feed.error)
        yield from self._follow_articles(response, self.fresh_feed_entries(feed.entries))

    def _sitemap_requests(self, urls: Iterable[str]) -> Iterator[scrapy.Request]:
        """Requests for the sitemaps ``urls`` while ``NEWSBOT_SITEMAP_MAX_FILES`` allows (the rest counted)."""
        for url in urls:
            if self.sitemaps_requested >= self.sitemap_limits["MAX_FILES"]:
                self.crawler.stats.inc_value("newsbot/discovery/sitemaps_capped")
                continue
            self.sitemaps_requested += 1
            meta = {"download_maxsize": self.sitemap_limits["MAX_BYTES"]}
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.on_error, meta=meta, dont_filter=True)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """A sitemap index (its sitemaps are requested) or a URL set (its article URLs are followed)."""
        limits = self.sitemap_limits
        sitemap = read_sitemap(response.body, limits["MAX_URLS"], limits["MAX_BYTES"])
        self.crawler.stats.inc_value("newsbot/discovery/sitemaps")
        if sitemap.error:
            self.crawler.stats.inc_value("newsbot/discovery/sitemap_errors")
            self.logger.warning("Sitemap %s: %s", redact(response.url), sitemap.error)
        if sitemap.kind == "index":
            named = (join_url(response.url, entry.url) for entry in sitemap.entries)
            yield from self._sitemap_requests(url for url in named if url is not None and web_url(url))
            return
        wanted = [entry.url for entry in sitemap.entries if self._wanted_entry(entry)]
        yield from self._follow_articles(response, wanted)

    def _wanted_entry(self, entry: SitemapEntry) -> bool:
        """False (counted) when the entry's news language is not wanted or its dates (else its URL's) are
        before the date window; a wanted entry's newest date is noted (:meth:`note_site_date`)."""
        if self.languages.refuses(entry.language):
            self.skip_unwanted(entry.url, SKIPPED_LANGUAGE, f"its sitemap language {entry.language} is not wanted")
            return False
        if self.window.entry_too_old((entry.lastmod, entry.published), entry.url):
            self.skip_too_old(entry.url, "its sitemap date")
            return False
        self.note_site_date(entry.url, (entry.lastmod, entry.published))
        return True

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        """Article links of the home page or a section page (its cards)."""
        if not isinstance(response, TextResponse):
            record_drop(self.crawler, response.url, "not_text")
            return
        hrefs = page_selector(response).xpath("//a/@href").getall()
        release_selector(response)
        yield from self._follow_articles(response, hrefs)

    def _follow_articles(self, response: Response, hrefs: Iterable[str]) -> Iterator[scrapy.Request]:
        for href in hrefs:
            url = join_url(response.url, href)
            if url is None or self.urls.article_id(url) is None or web_url(url) is None:
                continue
            canonical = self.urls.canonical(url)
            if canonical and canonical not in self.best_depth:
                self.crawler.stats.inc_value("newsbot/spider/start_links")
            if canonical:
                yield from self.reach(canonical, 0)

    def read_article(self, response: TextResponse) -> ArticleItem | None:
        """The site's article page read by its page reader; a page of no article URL is dropped
        (``not_an_article``)."""
        if self.urls.article_id(response.url) is None:
            record_drop(self.crawler, response.url, "not_an_article")
            return None
        item = extract_article(response, self.urls, clean=False, page_for=self.site.page)  # never raises
        item.metadata.update(
            dateDownloaded=datetime.now(UTC).isoformat(timespec="seconds"), site=self.site.name, spider=self.name
        )
        return item
