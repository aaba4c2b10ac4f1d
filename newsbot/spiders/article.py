"""ArticleSpider: what every newsbot spider does with an article (depth rule, item, its typed links)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from newsbot.cleaning import UrlCanonicaliser, normalise_date
from newsbot.config import newsbot_settings
from newsbot.discovery.feeds import FeedEntry
from newsbot.drops import record_drop, record_failure
from newsbot.extraction import forget_selector
from newsbot.items import ArticleItem
from newsbot.languages import DECLARED_WRONG, FROM_TEXT, UNKNOWN, LanguageFilter, language_filter, page_language
from newsbot.redaction import redact
from newsbot.request_meta import ARTICLE_META_KEY, SITE_DATE_META_KEY
from newsbot.spider_arguments import check_argument_names
from newsbot.urls import web_url
from newsbot.window import SKIPPED_TOO_OLD, UNDATED, DateWindow, newest_date, window_from


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


class ArticleSpider(scrapy.Spider):
    """The base of newsbot's spiders: how article pages are requested, read and followed.

    A subclass finds the start articles (:meth:`reach` at depth 0) and reads one page
    (:meth:`read_article`: the item, or ``None`` once it recorded why not); this class does the rest.

    **Depth rule.** Each article's typed links (Related, RECOMMENDED, Explore...) are followed
    while the article is fewer than ``NEWSBOT_FOLLOW_DEPTH`` hops from a start page
    by its *shortest* path, whatever order pages arrive in: article requests get priority
    ``-depth`` (shallow first), each article's best known depth is kept, a response is parsed with
    the best depth known when it arrives, and an article already parsed that is later reached by
    a shorter path has its links followed again with the new depth (``newsbot/spider/refollowed``).
    Only links :meth:`is_article_url` takes, and that :func:`newsbot.urls.check_url` accepts, are followed.

    **Items.** An item is emitted (:meth:`emit_article`) unless its page no encoding reads
    (``undecodable``), it was published before the date window (``-a since=...``,
    ``NEWSBOT_SINCE``/``NEWSBOT_MAX_AGE_DAYS``: ``too_old``), it is in a language
    ``NEWSBOT_LANGUAGES`` leaves out (``language``) or it is paywalled and
    ``NEWSBOT_SKIP_PAYWALLED`` is on (``paywalled``); it carries the response's ``ETag`` and
    ``Last-Modified``. A URL dated before the window by its feed, sitemap or path is not requested
    (``newsbot/skipped/too_old``).

    Settings: ``NEWSBOT_FOLLOW_DEPTH``, ``NEWSBOT_SINCE``, ``NEWSBOT_MAX_AGE_DAYS``,
    ``NEWSBOT_LANGUAGES``, ``NEWSBOT_SKIP_PAYWALLED``; every ``NEWSBOT_*`` setting is checked first
    (:func:`newsbot.config.check_settings`). Stats: ``newsbot/spider/articles``, ``.../refollowed``,
    ``.../extraction_errors`` (items extraction met an error on: ``metadata.extractionErrors``),
    ``newsbot/decoding/fallback``, ``.../damaged``, ``newsbot/access/paywalled``,
    ``newsbot/window/undated``, ``newsbot/language/...``, ``newsbot/skipped/too_old``,
    ``newsbot/dropped/<reason>`` and ``newsbot/errors/<kind>`` (:mod:`newsbot.drops`).
    """

    #: the ``-a`` arguments the spider takes (any other name is refused: :mod:`newsbot.spider_arguments`)
    arguments: tuple[str, ...] = ("since",)
    #: the date window (:mod:`newsbot.window`); set from the settings and ``-a since`` in :meth:`set_up`
    window: DateWindow = DateWindow()
    #: the languages kept (:mod:`newsbot.languages`); from ``NEWSBOT_LANGUAGES`` in :meth:`set_up`
    languages: LanguageFilter = LanguageFilter()
    skip_paywalled = False  # NEWSBOT_SKIP_PAYWALLED, read in :meth:`set_up`
    #: the canonical form of the URLs the spider follows; set in the subclass's :meth:`set_up`
    urls: UrlCanonicaliser

    def __init__(self, since: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.since = since
        self.unwanted: set[str] = set()  # entries and links not requested (too old, another language): counted once
        # URL as named by a sitemap or feed -> the newest date given there (ISO): a stored article's
        # request carries it, so the incremental middleware refreshes it when the site changed it
        self.site_dates: dict[str, str] = {}

    @classmethod
    def check_arguments(cls, settings: BaseSettings, **spider_kwargs: Any) -> None:
        """Raise ``ValueError`` when an argument is unknown or ``since`` is not a date window."""
        check_argument_names(cls.name, cls.arguments, spider_kwargs)
        window_from(settings, spider_kwargs.get("since"))

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ArticleSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.set_up(newsbot_settings(crawler.settings), kwargs)
        return spider

    def set_up(self, settings: BaseSettings, arguments: dict[str, Any]) -> None:
        """Read the settings and the spider ``arguments`` (``-a``) once the crawler is known.

        A subclass checks its arguments before calling this, and sets its own state after.
        """
        self.follow_depth = settings.getint("NEWSBOT_FOLLOW_DEPTH")
        self.window = window_from(settings, arguments.get("since"))
        self.languages = language_filter(settings.getlist("NEWSBOT_LANGUAGES"))
        self.skip_paywalled = settings.getbool("NEWSBOT_SKIP_PAYWALLED")
        # canonical article URL -> shortest depth known; also the set of articles requested
        self.best_depth: dict[str, int] = {}
        # parsed article (deeper than a start link) -> its article links, to follow again when a
        # shorter path to it turns up after it was parsed
        self.links_of: dict[str, tuple[str, ...]] = {}

    # -- requesting articles ------------------------------------------------------------------
    def article_request(self, url: str, depth: int) -> scrapy.Request:
        """The request of the article ``url``, ``depth`` hops from a start page (priority ``-depth``)."""
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

    # -- reading articles ---------------------------------------------------------------------
    def parse_article(self, response: Response, depth: int = 0) -> Iterator[ArticleItem | scrapy.Request]:
        """One page requested as an article: its item if it is one, then its typed links within the depth.

        The page is read by :meth:`read_article`; its tree is released once read (:func:`release_selector`).
        """
        if not isinstance(response, TextResponse):
            record_drop(self.crawler, response.url, "not_text")
            return
        try:
            item = self.read_article(response)
        finally:
            release_selector(response)
        if item is not None:
            yield from self.emit_article(item, response, self.article_key(response), depth)

    def read_article(self, response: TextResponse) -> ArticleItem | None:
        """The raw item of the article page ``response`` (its ``metadata`` filled), or ``None`` when
        the page is not taken (the reason recorded by the subclass: :func:`record_drop`)."""
        raise NotImplementedError(f"{type(self).__name__} does not say how it reads an article")

    def article_key(self, response: Response) -> str:
        """The page's URL as the depth bookkeeping knows it: the URL requested (before any redirect)."""
        return self._requested_url(response)

    def is_article_url(self, url: str) -> bool:
        """Is the canonical ``url`` (a typed link of an article) an article worth following."""
        return self.urls.article_id(url) is not None

    def emit_article(
        self, item: ArticleItem, response: Response, key: str, depth: int
    ) -> Iterator[ArticleItem | scrapy.Request]:
        """Yield the item (with the response's HTTP validators), then follow its article links.

        ``key`` is the page's URL as the spider's depth bookkeeping knows it; ``depth`` the hops
        that led to it. A page no encoding reads (:mod:`newsbot.extraction.decoding`) is dropped
        instead (``undecodable``), and so are pages the date window, the languages or the
        paywall rule leave out.
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
        """The item's typed links that are articles to follow (:meth:`is_article_url`), canonical, each once."""
        found: dict[str, None] = {}
        for link in item.relatedLinks:
            canonical = self.urls.canonical(link.url)
            if canonical and self.is_article_url(canonical) and web_url(link.url):
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
