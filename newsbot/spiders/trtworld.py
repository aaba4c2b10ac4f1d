"""TrtWorldSpider: start points and link following only; extraction is in the profile."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from newsbot.cleaning import join_url, normalise_date
from newsbot.config import newsbot_settings
from newsbot.discovery.feeds import FeedEntry, read_feed
from newsbot.discovery.pages import bare_host
from newsbot.drops import record_drop, record_failure
from newsbot.errors import UnsafeUrl
from newsbot.extraction import extract_article, forget_selector, page_selector
from newsbot.extraction import trtworld as profile
from newsbot.items import ArticleItem
from newsbot.languages import DECLARED_WRONG, FROM_TEXT, UNKNOWN, LanguageFilter, language_filter, page_language
from newsbot.redaction import redact
from newsbot.request_meta import ARTICLE_META_KEY, SITE_DATE_META_KEY
from newsbot.spider_arguments import check_argument_names
from newsbot.urls import Origin, check_url, site_origins, web_url
from newsbot.window import SKIPPED_TOO_OLD, UNDATED, DateWindow, newest_date, window_from

SECTIONS = ("politics", "turkiye", "war-on-gaza", "biztech", "infographics", "features", "opinion")


def site_domains(base_url: str) -> list[str]:
    """``allowed_domains`` for a crawl of ``base_url``: its host, plus the site's own hosts
    (www or not, the trt.global mirror) when ``base_url`` is one of them; a replica elsewhere
    (e.g. 127.0.0.1) gets only its own host, so a redirect never takes it to the real site."""
    host = (urlsplit(base_url).hostname or "").lower()
    bare_aliases = {alias.removeprefix("www.") for alias in profile.HOST_ALIASES}
    if host.removeprefix("www.") in bare_aliases:
        return sorted({host, *profile.HOST_ALIASES})
    return [host]


def trtworld_origins(base_url: str) -> frozenset[Origin]:
    """``allowed_origins`` for a crawl of ``base_url`` (:func:`newsbot.urls.site_origins`): the
    base URL's origin with its ``www.`` twin, plus the site's own hosts (the trt.global mirror)
    when ``base_url`` is one of them, over ``http`` and ``https`` when it is on a default port,
    as the site's canonicaliser treats them. A replica on another port is that origin alone."""
    host = (urlsplit(base_url).hostname or "").lower()
    bare_aliases = {alias.removeprefix("www.") for alias in profile.HOST_ALIASES}
    return site_origins(base_url, profile.HOST_ALIASES if host.removeprefix("www.") in bare_aliases else ())


def release_selector(response: Response) -> None:
    """Drop the selector Scrapy cached on ``response`` (and the tree newsbot parsed) once the page has been read.

    A ``TextResponse`` keeps its ``Selector`` in ``_cached_selector`` and the selector points back
    at the response, so the pair (with the page's whole lxml tree) forms a reference cycle that
    only the cyclic garbage collector frees, which ``NEWSBOT_GC_THRESHOLD`` makes rare: memory grew
    with pages crawled. Breaking the cycle lets reference counting free the tree at once; anything
    that asks for ``response.selector`` later gets a fresh one.
    """
    if getattr(response, "_cached_selector", None) is not None:
        response._cached_selector = None  # type: ignore[attr-defined]
    forget_selector(response)  # the tree newsbot parsed itself


class TrtWorldSpider(scrapy.Spider):
    """Crawls TRT World (or its replica) from the RSS feed, the home page and the section pages.

    Every article found there is opened, and each article's Related, RECOMMENDED and Explore
    links are followed while the article is fewer than ``NEWSBOT_FOLLOW_DEPTH`` hops
    from a start page by its *shortest* path, whatever order pages arrive in: article requests
    get priority ``-depth`` (shallow first), each article's best known depth is kept, a response
    is parsed with the best depth known when it arrives, and an article already parsed that is
    later reached by a shorter path has its links followed again with the new depth
    (``newsbot/spider/refollowed``). Only article pages (``/article/<id>``) become items; video,
    author and off-site links are not followed, and ``allowed_origins`` (:func:`trtworld_origins`:
    the base URL's scheme, host and port, and the site's aliases) makes the off-site filter
    (:class:`newsbot.middlewares.offsite.SiteOffsiteMiddleware`) refuse redirects to any other
    origin, another port of the same host included. Links are read by :func:`newsbot.urls.check_url`
    first: one with user info or a backslash is not followed.

    Arguments: ``-a url=<article url>`` crawls from that one article of the site instead of the
    start pages; anything else (another scheme, another host, not an article) is refused by
    :meth:`check_arguments` before any request, and so is an argument of another name.
    ``-a since=...`` (or ``NEWSBOT_SINCE`` / ``NEWSBOT_MAX_AGE_DAYS``) sets the date window
    (:mod:`newsbot.window`): feed items and linked URLs dated before it are not requested
    (``newsbot/skipped/too_old``), an article published before it is dropped (``too_old``).
    ``NEWSBOT_LANGUAGES`` drops articles in other languages (:meth:`in_languages`),
    ``NEWSBOT_SKIP_PAYWALLED`` paywalled ones (:meth:`check_access`; kept and marked otherwise). Settings:
    ``NEWSBOT_BASE_URL`` (the site; the replica's URL to crawl it),
    ``NEWSBOT_FOLLOW_DEPTH``, ``NEWSBOT_FEED_MAX_ITEMS`` (items read from the feed).
    Stats: ``newsbot/spider/articles``, ``newsbot/spider/start_links``, ``.../refollowed``,
    ``.../extraction_errors`` (items extraction met an error on: ``metadata.extractionErrors``),
    ``newsbot/decoding/fallback`` (pages read in another encoding than they declare),
    ``newsbot/decoding/damaged`` (pages kept with a few bytes no encoding reads),
    ``newsbot/discovery/feed_errors`` (a feed not read whole, one WARNING each),
    ``newsbot/dropped/<reason>`` and ``newsbot/errors/<kind>`` (see
    :mod:`newsbot.drops`) for every request that ends without an item.
    """

    name = "trtworld"
    #: the ``-a`` arguments this spider takes (any other name is refused: :mod:`newsbot.spider_arguments`)
    arguments: tuple[str, ...] = ("url", "since")
    #: the date window (:mod:`newsbot.window`); set from the settings and ``-a since`` in ``from_crawler``
    window: DateWindow = DateWindow()
    #: the languages kept (:mod:`newsbot.languages`); from ``NEWSBOT_LANGUAGES`` in ``from_crawler``
    languages: LanguageFilter = LanguageFilter()
    skip_paywalled = False  # NEWSBOT_SKIP_PAYWALLED, read in ``from_crawler``

    def __init__(self, url: str | None = None, since: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_url = url
        self.since = since
        self.unwanted: set[str] = set()  # entries and links not requested (too old, another language): counted once
        # URL as named by a sitemap or feed -> the newest date given there (ISO): a stored article's
        # request carries it, so the incremental middleware refreshes it when the site changed it
        self.site_dates: dict[str, str] = {}

    @classmethod
    def check_arguments(cls, settings: BaseSettings, **spider_kwargs: Any) -> None:
        """Raise ``ValueError`` when the spider arguments cannot start a crawl of the site (or one is unknown)."""
        check_argument_names(cls.name, cls.arguments, spider_kwargs)
        window_from(settings, spider_kwargs.get("since"))
        url = spider_kwargs.get("url")
        if url is None:
            return
        base_url = str(newsbot_settings(settings).get("NEWSBOT_BASE_URL")).rstrip("/")
        parts = urlsplit(str(url).strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"url={url!r}: only http:// or https:// URLs of {base_url} are crawled")
        try:
            check_url(str(url).strip())
        except UnsafeUrl as error:
            raise ValueError(f"url={url!r} is not a URL the crawler takes ({error.reason})") from None
        urls = profile.canonicaliser(base_url)
        if not urls.is_site_host(parts.netloc):
            raise ValueError(f"url={url!r} is not on the crawled site {base_url} (NEWSBOT_BASE_URL)")
        if urls.article_id(str(url).strip()) is None:
            raise ValueError(f"url={url!r} is not an article URL of the site (/article/<id>)")

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> TrtWorldSpider:
        settings = newsbot_settings(crawler.settings)
        cls.check_arguments(settings, **kwargs)
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.base_url = settings.get("NEWSBOT_BASE_URL").rstrip("/")
        spider.follow_depth = settings.getint("NEWSBOT_FOLLOW_DEPTH")
        spider.feed_max_items = settings.getint("NEWSBOT_FEED_MAX_ITEMS")
        spider.window = window_from(settings, kwargs.get("since"))
        spider.languages = language_filter(settings.getlist("NEWSBOT_LANGUAGES"))
        spider.skip_paywalled = settings.getbool("NEWSBOT_SKIP_PAYWALLED")
        spider.urls = profile.canonicaliser(spider.base_url)
        spider.site_name = bare_host(spider.urls.base_host)  # the site's name in per-site stats
        spider.allowed_domains = site_domains(spider.base_url)
        spider.allowed_origins = trtworld_origins(spider.base_url)
        # canonical article URL -> shortest depth known; also the set of articles requested
        spider.best_depth = {}
        # parsed article (deeper than a start link) -> its article links, to follow again when a
        # shorter path to it turns up after it was parsed
        spider.links_of = {}
        return spider

    def site_key(self, url: str) -> str | None:
        """The site ``url`` counts against for the page budget (:mod:`newsbot.frontier.budget`): the base
        URL's host (without ``www.``) for every host of the site, aliases included; ``None`` elsewhere."""
        return self.site_name if self.urls.is_site_host(urlsplit(url).netloc) else None

    def start_points(self) -> list[str]:
        """The feed, home and section pages of the site."""
        return [f"{self.base_url}/feed/rss.xml", f"{self.base_url}/"] + [f"{self.base_url}/{s}" for s in SECTIONS]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.start_url:
            url = self.urls.canonical(self.start_url.strip())
            if url is None or self.urls.article_id(url) is None:  # check_arguments let it through: a bug
                raise ValueError(f"url={self.start_url!r} is not an article URL of {self.base_url}")
            for request in self.reach(url, 0):
                yield request
            return
        for url in self.start_points():
            callback = self.parse_feed if url.endswith(".xml") else self.parse_listing
            yield scrapy.Request(url, callback=callback, errback=self.on_error, dont_filter=True)

    def article_request(self, url: str, depth: int) -> scrapy.Request:
        meta: dict[str, Any] = {ARTICLE_META_KEY: True}
        if url in self.site_dates:
            meta[SITE_DATE_META_KEY] = self.site_dates[url]
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.on_error,
            cb_kwargs={"depth": depth},
            meta=meta,
            priority=-depth,
        )

    def note_site_date(self, url: str, dates: Iterable[str | None]) -> None:
        """Keep the newest of ``dates`` a sitemap or feed gives the page ``url`` (by its canonical URL)."""
        newest = newest_date(dates)
        canonical = self.urls.canonical(url) if newest is not None else None
        if canonical and newest is not None:
            self.site_dates[canonical] = newest.isoformat()

    def reach(self, url: str, depth: int) -> Iterator[scrapy.Request]:
        """Note that the article ``url`` is ``depth`` hops away; yield what that makes necessary.

        A new article is requested. An article reached more shallowly than before is not
        requested again: if it is still in flight, its callback reads the better depth; if it was
        parsed, its links are reached again from the better depth (and so on down the chain).
        """
        pending = [(url, depth)]
        while pending:
            url, depth = pending.pop()
            url = sys.intern(url)  # kept for the whole crawl: one string per URL, whichever page named it
            known = self.best_depth.get(url)
            if known is not None and known <= depth:
                continue
            if known is None and (url in self.unwanted or self.window.url_too_old(url)):
                self.skip_too_old(url, "its URL's date")
                continue
            self.best_depth[url] = depth
            if known is None:
                yield self.article_request(url, depth)
            elif url in self.links_of and depth < self.follow_depth:
                self.crawler.stats.inc_value("newsbot/spider/refollowed")
                pending.extend((link, depth + 1) for link in self.links_of[url])

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """Article links of an RSS/Atom feed (its first ``NEWSBOT_FEED_MAX_ITEMS`` items), read
        without resolving XML entities; a feed not read whole is counted and named in a WARNING.

        @saved_page tests/fixtures/contracts/trtworld_feed.xml https://www.trtworld.com/feed/rss.xml
        @returns items 0 0
        @returns requests 10
        """
        if not isinstance(response, TextResponse):
            record_drop(self.crawler, response.url, "not_text")
            return
        feed = read_feed(response.body, response.url, self.feed_max_items)
        if feed.error:
            self.crawler.stats.inc_value("newsbot/discovery/feed_errors")
            self.logger.warning("Feed %s: %s", redact(response.url), feed.error)
        yield from self._follow_articles(response, self.fresh_feed_entries(feed.entries))

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        """Article links of the home page or a section page (its cards).

        @saved_page tests/fixtures/contracts/trtworld_home.html https://www.trtworld.com/
        @returns items 0 0
        @returns requests 10
        """
        if not isinstance(response, TextResponse):
            record_drop(self.crawler, response.url, "not_text")
            return
        hrefs = page_selector(response).xpath("//a/@href").getall()
        release_selector(response)
        yield from self._follow_articles(response, hrefs)

    def skip_too_old(self, url: str, why: str) -> None:
        """Count ``url`` (once) as not requested because the date window leaves it out (``why``: which date)."""
        self.skip_unwanted(url, SKIPPED_TOO_OLD, f"{why} is before the date window")

    def skip_unwanted(self, url: str, stat: str, why: str) -> None:
        """Count ``url`` in ``stat`` (once) and remember it: no link to it is requested in this run."""
        if url in self.unwanted:
            return
        self.unwanted.add(url)
        self.crawler.stats.inc_value(stat)
        self.logger.debug("Skipped %s: %s", redact(url), why)

    def fresh_feed_entries(self, entries: Iterable[FeedEntry]) -> list[str]:
        """The URLs of feed ``entries`` the date window keeps (by their dates, else their URL's); the others counted."""
        kept = []
        for entry in entries:
            if self.window.entry_too_old((entry.published, entry.updated), entry.url):
                self.skip_too_old(entry.url, "its feed date")
            else:
                self.note_site_date(entry.url, (entry.published, entry.updated))
                kept.append(entry.url)
        return kept

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

    def parse_article(self, response: Response, depth: int = 0) -> Iterator[ArticleItem | scrapy.Request]:
        """One article page: its item, then requests for its typed links within the depth.

        @saved_page tests/fixtures/contracts/trtworld_article.html https://www.trtworld.com/article/b1d70952dd8f
        @returns items 1 1
        @returns requests 1
        @filled url canonicalUrl headline description articleBody authors datePublishedRaw relatedLinks
        """
        if not isinstance(response, TextResponse):
            record_drop(self.crawler, response.url, "not_text")
            return
        if self.urls.article_id(response.url) is None:
            record_drop(self.crawler, response.url, "not_an_article")
            return
        try:
            item = extract_article(response, self.urls, clean=False)  # never raises: newsbot.extraction.guard
        finally:
            release_selector(response)
        item.metadata.update(
            dateDownloaded=datetime.now(UTC).isoformat(timespec="seconds"), site=profile.SITE, spider=self.name
        )
        yield from self.emit_article(item, response, self._requested_url(response), depth)

    def emit_article(
        self, item: ArticleItem, response: Response, key: str, depth: int
    ) -> Iterator[ArticleItem | scrapy.Request]:
        """Yield the item (with the response's HTTP validators), then follow its article links.

        ``key`` is the page's URL as the spider's depth bookkeeping knows it; ``depth`` the hops
        that led to it. Shared by the spiders built on this one (``news``). A page no encoding
        reads (:mod:`newsbot.extraction.decoding`) is dropped instead (``undecodable``).
        """
        if not self.count_decoding(item, response.url) or not self.in_window(item, response.url):
            return
        if not self.in_languages(item, response.url) or not self.check_access(item, response.url):
            return
        for header, name in ((b"ETag", "etag"), (b"Last-Modified", "lastModified")):
            value = response.headers.get(header)
            if value:
                item.metadata[name] = value.decode("latin-1")
        self.crawler.stats.inc_value("newsbot/spider/articles")
        if item.metadata.get("extractionErrors"):  # a field rule failed: logged by extraction, counted here
            self.crawler.stats.inc_value("newsbot/spider/extraction_errors")
        yield item
        key = sys.intern(key)
        depth = min(depth, self.best_depth.setdefault(key, depth))
        links = self._article_links(item)
        if depth > 0:
            self.links_of[key] = links
        if depth < self.follow_depth:
            for link in links:
                yield from self.reach(link, depth + 1)

    def in_window(self, item: ArticleItem, url: str) -> bool:
        """``False`` (dropped as ``too_old``) when the item's publication date is before the date window;
        a page with no readable date is kept and counted (``newsbot/window/undated``)."""
        if not self.window.active:
            return True
        published = normalise_date(item.datePublished or item.datePublishedRaw)
        verdict = self.window.article_too_old(published)
        if verdict is None:
            self.crawler.stats.inc_value(UNDATED)
        elif verdict:
            record_drop(self.crawler, url, "too_old", f"published {published}")
            return False
        return True

    def in_languages(self, item: ArticleItem, url: str) -> bool:
        """``False`` (dropped as ``language``) when ``NEWSBOT_LANGUAGES`` is set and the page is in another
        language (:func:`newsbot.languages.page_language`); the language read from the text fills an
        undeclared ``inLanguage`` (``metadata.languageSource``: ``text``, ``text_over_declared``)."""
        if not self.languages.active:
            return True
        found = page_language(item.inLanguage, item.articleBody)
        stats = self.crawler.stats
        if found.source != "declared":
            item.metadata["languageSource"] = found.source
        if found.source == "text":
            stats.inc_value(FROM_TEXT)
            item.inLanguage = found.code
        elif found.source == "text_over_declared":
            stats.inc_value(DECLARED_WRONG)
        if found.code is None:
            stats.inc_value(UNKNOWN)
        elif found.code not in self.languages.wanted:
            record_drop(self.crawler, url, "language", f"{found.code} ({found.source})")
            return False
        return True

    def check_access(self, item: ArticleItem, url: str) -> bool:
        """Mark a paywalled story (``isAccessibleForFree`` false): its body is only the free part
        (``metadata.partialBody = "paywall"``, ``newsbot/access/paywalled``); ``False`` (dropped as
        ``paywalled``) when ``NEWSBOT_SKIP_PAYWALLED`` is on."""
        if item.isAccessibleForFree is not False:
            return True
        if self.skip_paywalled:
            record_drop(self.crawler, url, "paywalled", "isAccessibleForFree is false")
            return False
        self.crawler.stats.inc_value("newsbot/access/paywalled")
        item.metadata["partialBody"] = "paywall"
        return True

    def count_decoding(self, item: ArticleItem, url: str) -> bool:
        """Count and log a page not read in the encoding it declares; ``False`` when no encoding
        read it (dropped as ``undecodable``). What extraction found is in ``item.metadata``."""
        metadata = item.metadata
        source, encoding, errors = (metadata.get(k) for k in ("encodingSource", "encoding", "encodingErrors"))
        if source is None:
            return True
        if source == "undecodable":
            record_drop(self.crawler, url, "undecodable", f"{errors} characters lost in {encoding}")
            return False
        if source == "damaged":
            self.crawler.stats.inc_value("newsbot/decoding/damaged")
            self.logger.info("Damaged page %s: %s bytes %s cannot read", redact(url), errors, encoding)
        else:
            self.crawler.stats.inc_value("newsbot/decoding/fallback")
            declared = metadata.get("declaredEncoding")
            self.logger.info("Decoded %s as %s, not its declared %s (%s)", redact(url), encoding, declared, source)
        return True

    def _article_links(self, item: ArticleItem) -> tuple[str, ...]:
        found: dict[str, None] = {}
        for link in item.relatedLinks:
            canonical = self.urls.canonical(link.url)
            if canonical and self.urls.article_id(canonical) and web_url(link.url):
                found[sys.intern(canonical)] = None  # ``links_of`` keeps it: the string of ``best_depth``
        return tuple(found)

    @staticmethod
    def _requested_url(response: Response) -> str:
        """The URL the spider requested for ``response`` (before any redirect)."""
        request = response.request
        if request is None:
            return response.url
        chain = request.meta.get("redirect_urls")
        return chain[0] if chain else request.url

    def on_error(self, failure: Failure) -> None:
        """Count and log a request that failed or was refused, under its reason."""
        record_failure(self.crawler, failure)
