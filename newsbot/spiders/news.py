"""NewsSpider: any news site, from what the site itself publishes (robots.txt, sitemaps, feeds, home)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from newsbot.discovery import (
    CrawlSite,
    SitesCanonicaliser,
    article_evidence,
    article_shaped,
    feed_links,
    read_feed,
    read_sitemap,
    read_sites,
    same_site_links,
    sitemaps_in_robots,
    url_shape,
)
from newsbot.discovery.content import content_score
from newsbot.discovery.patterns import parse_shape_path, shape_path
from newsbot.discovery.sitemaps import SitemapEntry
from newsbot.drops import record_drop, record_failure
from newsbot.errors import UnsafeUrl
from newsbot.extraction import page_selector
from newsbot.frontier.shared_scheduler import frontier_of
from newsbot.items import ArticleItem
from newsbot.languages import SKIPPED_LANGUAGE
from newsbot.middlewares.probes import PROBE_META_KEY
from newsbot.middlewares.robots import robots_request_meta
from newsbot.redaction import redact
from newsbot.sites import article_links, extract_article
from newsbot.spider_arguments import check_argument_names
from newsbot.spiders.article import ArticleSpider, release_selector

DISCOVERY = "newsbot/discovery/"
#: Request meta: the learnt URL shape (``/{word}/{slug}.html``) of the article requested, set by the
#: worker that requested it; another worker of a shared run reads it as the page's shape evidence.
SHAPE_META_KEY = "newsbot_url_shape"


class NewsSpider(ArticleSpider):
    """Crawls any news site given with ``-a site=URL`` or ``-a sites=FILE`` (one URL a line, a
    regular file of at most 1 MiB); any other ``-a`` name is refused (:mod:`newsbot.spider_arguments`).

    Discovery, per site, in this order (the functions are in :mod:`newsbot.discovery`):

    1. ``robots.txt``: its ``Sitemap:`` lines (none: ``/sitemap.xml`` is tried); the same download
       gives the robots.txt middleware its rules (:class:`newsbot.middlewares.robots.SpiderFedRobotsTxt`);
    2. the sitemaps: indexes are followed, URL sets and Google News sitemaps read (the newest
       ``NEWSBOT_SITEMAP_MAX_URLS`` entries of each, ``NEWSBOT_SITEMAP_MAX_FILES`` files a site,
       ``NEWSBOT_SITEMAP_MAX_BYTES`` each); their URLs teach the site's article URL shapes
       (:mod:`newsbot.discovery.patterns`, at least ``NEWSBOT_PATTERN_MIN_SUPPORT`` URLs a
       shape); news sitemap entries and entries of a learnt shape are requested as articles;
    3. once the sitemaps are in, the home page: the feeds it announces
       (``<link rel="alternate" type="application/rss+xml|atom+xml">``, ``NEWSBOT_FEED_MAX_FEEDS``
       feeds, ``NEWSBOT_FEED_MAX_ITEMS`` items each) and its links (``NEWSBOT_HOME_MAX_LINKS``)
       that have a learnt shape, or, when the site taught none, an article identifier in the path.

    ``-a since=...`` (or ``NEWSBOT_SINCE`` / ``NEWSBOT_MAX_AGE_DAYS``) sets the date window
    (:mod:`newsbot.window`): sitemap entries, feed items and links dated before it are not
    requested, an article published before it is dropped (``too_old``). With ``NEWSBOT_LANGUAGES``,
    a news sitemap entry of another ``news:language`` is not requested (``newsbot/skipped/language``)
    and a page in another language is dropped; ``NEWSBOT_SKIP_PAYWALLED`` drops paywalled stories.
    A stored article whose sitemap or feed date is newer than its last fetch is requested again
    (the request carries the date: :data:`newsbot.middlewares.incremental.SITE_DATE_META_KEY`).

    A fetched page is an article when its structured data says so (JSON-LD ``NewsArticle``,
    ``Article``..., microdata, ``og:type=article``) or its URL has a learnt shape; any other page
    is dropped as ``not_an_article``. An article request carries its URL's learnt shape in its
    meta (``newsbot_url_shape``).

    Workers sharing a frontier (``NEWSBOT_REDIS_URL``) share what discovery learns, per run
    (:mod:`newsbot.frontier.learnt`): shape counts add up across the sitemaps each worker read,
    sitemaps are claimed and awaited across workers, the home page is read once per run after
    every sitemap, and the origin robots.txt answered at is every worker's. A worker judging a
    page by its URL takes the shape its request carries (learnt by the worker that requested it)
    or asks the run for shapes learnt since; so N workers judge pages as one does.

    Extraction is the shared entry point with the declared sites' readers
    (:func:`newsbot.sites.extract_article`: the host's declared site, else the generic layers);
    typed links come from the site's reader or, failing it, the generic finder
    (:func:`newsbot.sites.article_links`), and are followed up to ``NEWSBOT_FOLLOW_DEPTH``
    hops by the shortest path: the depth rule of :class:`~newsbot.spiders.article.ArticleSpider`.
    ``allowed_origins`` are the sites' origins
    (:attr:`newsbot.discovery.CrawlSite.origins`: scheme, host with or without ``www.``, port),
    which the off-site middleware holds every request to, redirects included; a URL named by a
    robots.txt, a sitemap or a feed that leaves them, or that :func:`newsbot.urls.check_url`
    refuses (user info, a backslash...), is counted as ``newsbot/dropped/offsite`` and logged with
    its reason, never requested. URLs are canonical per site (:class:`newsbot.discovery.CrawlSite`:
    cleaned, their path never rewritten), which is what the incremental middleware and the cleaning
    pipeline see; a page is stored under its ``rel=canonical``/``og:url`` when that is a page of the
    same site (another site's is kept in ``metadata.declaredCanonicalUrl``, the page's own URL is used).

    Stats: ``newsbot/discovery/robots_sitemaps``, ``.../sitemaps``, ``.../sitemap_entries``,
    ``.../sitemap_skipped`` (entries beyond the bound or of no article shape),
    ``.../sitemap_errors`` (malformed or oversized, one WARNING each), ``.../sitemaps_capped``,
    ``.../sitemap_missing``, ``.../robots_missing``, ``.../feeds``, ``.../feed_items``,
    ``.../feed_errors``, ``.../home_links``, ``.../learnt_shapes``, ``.../shape_carried`` and
    ``.../shape_shared`` (pages taken by a shape another worker learnt: carried by their request,
    asked of the run); ``newsbot/spider/articles``,
    ``.../start_links``, ``.../refollowed``, ``newsbot/decoding/fallback``, ``.../damaged``,
    ``newsbot/dropped/<reason>``, ``newsbot/errors/<kind>``.
    """

    name = "news"
    arguments = ("site", "sites", "since")

    def __init__(self, site: str | None = None, sites: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)  # the sites are read in set_up, where a bad one stops the crawl

    @classmethod
    def check_arguments(cls, settings: BaseSettings, **spider_kwargs: Any) -> None:
        """Raise ``ValueError`` when ``site``/``sites`` cannot start a crawl (both missing included), or for
        an argument of another name."""
        super().check_arguments(settings, **spider_kwargs)
        read_sites(spider_kwargs.get("site"), spider_kwargs.get("sites"))

    def set_up(self, settings: BaseSettings, arguments: dict[str, Any]) -> None:
        checking = bool(os.environ.get("SCRAPY_CHECK"))  # `scrapy check` starts spiders without arguments
        check_argument_names(self.name, self.arguments, arguments)
        given = arguments.get("site") or arguments.get("sites")
        homes = read_sites(arguments.get("site"), arguments.get("sites")) if given or not checking else []
        super().set_up(settings, arguments)
        self.min_support = settings.getint("NEWSBOT_PATTERN_MIN_SUPPORT")
        self.min_article_score = settings.getfloat("NEWSBOT_ARTICLE_MIN_SCORE")
        self.page_budget = settings.getint("NEWSBOT_MAX_PAGES_PER_SITE")
        self.limits = {
            name: settings.getint(f"NEWSBOT_{name}")
            for name in ("SITEMAP_MAX_FILES", "SITEMAP_MAX_URLS", "SITEMAP_MAX_BYTES", "FEED_MAX_FEEDS",
                         "FEED_MAX_ITEMS", "HOME_MAX_LINKS")
        }  # fmt: skip
        sites: dict[str, CrawlSite] = {}
        for home in homes:
            site = CrawlSite(home, self.min_support)
            sites.setdefault(site.host, site)
        self.sites = list(sites.values())
        self.urls = SitesCanonicaliser(self.sites)
        self.allowed_domains = sorted({domain for site in self.sites for domain in site.domains})
        self.allowed_origins = {origin for site in self.sites for origin in site.origins}
        self.sharing_checked = False

    # -- the site a URL belongs to ----------------------------------------------------------
    def site_of(self, url: str) -> CrawlSite | None:
        """The crawled site of ``url``; under ``scrapy check`` (no sites given) the URL's own."""
        self._share_discovery()
        site = self.urls.site_of(url)
        if site is None and not self.sites:
            site = CrawlSite(url, self.min_support)
            self.sites.append(site)
            self.urls.add(site)
            self.allowed_origins |= site.origins
        return site

    def _page_site(self, url: str) -> CrawlSite | None:
        """:meth:`site_of` for the page a callback reads; on a shared run the site's origin is
        first taken from the worker that read its robots.txt (until then, asked each time)."""
        site = self.site_of(url)
        if site is not None and site.settle_origin():
            self.logger.info("Site %s answers at %s (robots.txt read elsewhere)", site.host, redact(site.origin))
        return site

    def _share_discovery(self) -> None:
        """Once, when the crawl shares a frontier: share each site's discovery state with the run."""
        if self.sharing_checked:
            return
        self.sharing_checked = True
        crawler = getattr(self, "crawler", None)
        frontier = frontier_of(crawler) if crawler is not None else None
        shared = frontier.shared_discovery() if frontier is not None else None
        if shared is not None:
            for site in self.sites:
                site.share(shared.site(site.host))

    def site_key(self, url: str) -> str | None:
        """The crawled site ``url`` counts against for the page budget (:mod:`newsbot.frontier.budget`): its host."""
        site = self.urls.site_of(url)
        return site.host if site is not None else None

    # -- discovery --------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        for site in self.sites:
            yield scrapy.Request(
                f"{site.origin}/robots.txt",
                callback=self.parse_robots,
                errback=self.robots_failed,
                meta=robots_request_meta(),  # the robots.txt middleware obeys this answer: one download
                dont_filter=True,
            )

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """The sitemaps a robots.txt names (none: ``/sitemap.xml``), else straight to the home page.

        @saved_page tests/fixtures/contracts/news_robots.txt http://news.example/robots.txt
        @returns requests 1 1
        """
        site = self._page_site(response.url)
        if site is None:
            return
        given = site.origin
        if site.adopt_origin(response.url):  # example.com -> https://www.example.com: the site's real address
            self.logger.info("Site %s answers at %s: its canonical URLs use that origin", given, site.origin)
        site.publish_origin()
        text = response.text if isinstance(response, TextResponse) else response.body.decode("utf-8", "replace")
        named = sitemaps_in_robots(text, site.origin)
        sitemaps = list(self._admit(site, named, f"robots.txt {response.url}", each=True).values())
        self.crawler.stats.inc_value(f"{DISCOVERY}robots_sitemaps", len(sitemaps))
        yield from self._discover_sitemaps(site, sitemaps or [f"{site.origin}/sitemap.xml"], guessed=not sitemaps)

    def robots_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        """No robots.txt (or none readable): ``/sitemap.xml`` is tried."""
        self.crawler.stats.inc_value(f"{DISCOVERY}robots_missing")
        site = self._page_site(failure.request.url)  # type: ignore[attr-defined]
        if site is not None:
            site.publish_origin()
            yield from self._discover_sitemaps(site, [f"{site.origin}/sitemap.xml"], guessed=True)

    def _discover_sitemaps(
        self, site: CrawlSite, urls: Iterable[str], guessed: bool = False
    ) -> Iterator[scrapy.Request]:
        yield from self._claim_sitemaps(site, urls, guessed)
        yield from self._home_when_ready(site)

    def _claim_sitemaps(self, site: CrawlSite, urls: Iterable[str], guessed: bool = False) -> Iterator[scrapy.Request]:
        for url in urls:
            claim = site.claim_sitemap(url, self.limits["SITEMAP_MAX_FILES"])
            if claim == "capped":
                self.crawler.stats.inc_value(f"{DISCOVERY}sitemaps_capped")
            if claim != "claimed":
                continue
            yield scrapy.Request(
                url,
                callback=self.parse_sitemap,
                errback=self.sitemap_failed,
                cb_kwargs={"guessed": guessed},
                meta={"download_maxsize": self.limits["SITEMAP_MAX_BYTES"], PROBE_META_KEY: guessed},
                dont_filter=True,
            )

    def _home_when_ready(self, site: CrawlSite) -> Iterator[scrapy.Request]:
        if site.home_due():
            site.refresh()  # the shapes other workers of a shared run learnt
            if site.patterns.learnt:
                self.logger.info("Article URL shapes of %s: %s", site.origin, ", ".join(site.patterns.describe()))
                self.crawler.stats.inc_value(f"{DISCOVERY}learnt_shapes", len(site.patterns.learnt))
            yield scrapy.Request(site.home, callback=self.parse_home, errback=self.on_error, dont_filter=True)

    def parse_sitemap(self, response: Response, guessed: bool = False) -> Iterator[scrapy.Request]:
        """A sitemap index (its sitemaps are followed) or a URL set (its articles are requested).

        @saved_page tests/fixtures/contracts/news_sitemap.xml http://news.example/sitemap-news.xml
        @returns requests 3
        """
        site = self._page_site(response.url)
        if site is None:
            return
        try:  # the sitemap stays pending until what it lists is requested (other workers await it)
            yield from self._read_sitemap(site, response, guessed)
        finally:
            site.sitemap_done()
        yield from self._home_when_ready(site)

    def _read_sitemap(self, site: CrawlSite, response: Response, guessed: bool) -> Iterator[scrapy.Request]:
        sitemap = read_sitemap(response.body, self.limits["SITEMAP_MAX_URLS"], self.limits["SITEMAP_MAX_BYTES"])
        if guessed and sitemap.kind == "invalid":  # /sitemap.xml answered by an error page: there is none
            self.crawler.stats.inc_value(f"{DISCOVERY}sitemap_missing")
        elif sitemap.error:
            self.crawler.stats.inc_value(f"{DISCOVERY}sitemap_errors")
            self.logger.warning("Sitemap %s: %s", response.url, sitemap.error)
        self.crawler.stats.inc_value(f"{DISCOVERY}sitemaps")
        self.crawler.stats.inc_value(f"{DISCOVERY}sitemap_skipped", sitemap.skipped)
        where = f"sitemap {response.url}"
        named = [entry.url for entry in sitemap.entries]
        if sitemap.kind == "index":
            yield from self._claim_sitemaps(site, self._admit(site, named, where, each=True).values())
            return
        admitted = self._admit(site, named, where)
        entries = [replace(entry, url=admitted[entry.url]) for entry in sitemap.entries if entry.url in admitted]
        self.crawler.stats.inc_value(f"{DISCOVERY}sitemap_entries", len(entries))
        site.learn([entry.url for entry in entries])
        site.sitemap_entries += len(entries)
        fresh = [entry for entry in entries if not self._unwanted_entry(entry)]
        articles = [entry.url for entry in fresh if entry.news or self._fetch_entry(site, entry.url)]
        self.crawler.stats.inc_value(f"{DISCOVERY}sitemap_skipped", len(fresh) - len(articles))
        yield from self._follow_articles(response, articles)

    def _unwanted_entry(self, entry: SitemapEntry) -> bool:
        """True (counted) when the entry's news language is not wanted, or its sitemap dates (or else its
        URL's) are before the date window; a wanted entry's newest date is noted (:meth:`note_site_date`)."""
        if self.languages.refuses(entry.language):
            self.skip_unwanted(entry.url, SKIPPED_LANGUAGE, f"its sitemap language {entry.language} is not wanted")
            return True
        if not self.window.entry_too_old((entry.lastmod, entry.published), entry.url):
            self.note_site_date(entry.url, (entry.lastmod, entry.published))
            return False
        self.skip_too_old(entry.url, "its sitemap date")
        return True

    def _fetch_entry(self, site: CrawlSite, url: str) -> bool:
        """Is an ordinary sitemap entry worth a request: its URL has a learnt shape or a story's look
        (a date path, an identifier), or the site taught no shape yet, or its sitemap entries so far
        fit in the page budget (its pages decide, by their data or their content). The home page is
        not: it is read as such."""
        if url in (site.home, f"{site.origin}/"):
            return False  # read as the home page
        if site.patterns.matches(url) or article_shaped(url) or not site.patterns.learnt:
            return True
        return not self.page_budget or site.sitemap_entries <= self.page_budget

    def sitemap_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        """A sitemap that could not be fetched; a guessed ``/sitemap.xml`` missing is no error."""
        request = failure.request  # type: ignore[attr-defined]
        if request.cb_kwargs.get("guessed"):
            self.crawler.stats.inc_value(f"{DISCOVERY}sitemap_missing")
        else:
            record_failure(self.crawler, failure)
        site = self._page_site(request.url)
        if site is not None:
            site.sitemap_done()
            yield from self._home_when_ready(site)

    def parse_home(self, response: Response) -> Iterator[scrapy.Request]:
        """The feeds the home page announces and its links that look like articles.

        @saved_page tests/fixtures/contracts/news_home.html http://news.example/
        @returns requests 4
        """
        site = self._page_site(response.url)
        if site is None or not isinstance(response, TextResponse):
            record_drop(self.crawler, response.url, "not_text")
            return
        site.refresh()  # its links are judged with every shape the run has learnt
        selector = page_selector(response)
        feeds = feed_links(selector, response.url, self.limits["FEED_MAX_FEEDS"])
        for url in self._admit(site, feeds, f"home page {response.url}", each=True).values():
            self.crawler.stats.inc_value(f"{DISCOVERY}feeds")
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.on_error, dont_filter=True)
        links = same_site_links(selector, response.url, site.origins, self.limits["HOME_MAX_LINKS"])
        release_selector(response)
        learnt = bool(site.patterns.learnt)
        articles = [url for url in links if (site.patterns.matches(url) if learnt else article_shaped(url))]
        self.crawler.stats.inc_value(f"{DISCOVERY}home_links", len(articles))
        yield from self._follow_articles(response, articles)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """The items of an RSS/Atom feed, requested as articles (their pages decide).

        @saved_page tests/fixtures/contracts/news_feed.xml http://news.example/feed.xml
        @returns requests 3
        """
        site = self._page_site(response.url)
        if site is None:
            return
        feed = read_feed(response.body, response.url, self.limits["FEED_MAX_ITEMS"])
        if feed.error:
            self.crawler.stats.inc_value(f"{DISCOVERY}feed_errors")
            self.logger.warning("Feed %s: %s", response.url, feed.error)
        admitted = self._admit(site, [entry.url for entry in feed.entries], f"feed {response.url}")
        entries = [replace(entry, url=admitted[entry.url]) for entry in feed.entries if entry.url in admitted]
        urls = self.fresh_feed_entries(entries)
        self.crawler.stats.inc_value(f"{DISCOVERY}feed_items", len(entries))
        yield from self._follow_articles(response, urls)

    def _admit(self, site: CrawlSite, urls: list[str], where: str, each: bool = False) -> dict[str, str]:
        """The ``urls`` found in ``where`` that are pages of ``site``, each mapped to the URL it
        will be requested as (:meth:`CrawlSite.check`), in order.

        Any other (refused by :func:`newsbot.urls.check_url`, or of another origin) is counted
        in ``newsbot/dropped/offsite`` and logged with its reason: one line each when ``each``
        (robots.txt lines, sitemap index children, feed links: few), else one line for ``where``
        (the entries of a sitemap or a feed).
        """
        kept: dict[str, str] = {}
        refused: Counter[str] = Counter()
        example = ""
        for url in urls:
            try:
                kept[url] = site.check(url).url
            except UnsafeUrl as error:
                if each:
                    record_drop(self.crawler, url, "offsite", f"named by {where}: {error.reason}")
                else:
                    refused[error.reason] += 1
                    example = example or url
        if refused:
            total = sum(refused.values())
            self.crawler.stats.inc_value("newsbot/dropped/offsite", total)
            reasons = ", ".join(f"{reason}: {count}" for reason, count in refused.most_common())
            urls = "URL" if total == 1 else "URLs"
            self.logger.info(
                "Dropped %d %s named by %s (offsite: %s; the first: %s)", total, urls, where, reasons, example
            )
        return kept

    def _follow_articles(self, response: Response, urls: Iterable[str]) -> Iterator[scrapy.Request]:
        for url in urls:
            canonical = self.urls.canonical(url)
            if canonical is None or self.site_of(canonical) is None:
                continue
            if canonical not in self.best_depth:
                self.crawler.stats.inc_value("newsbot/spider/start_links")
            yield from self.reach(canonical, 0)

    # -- articles ---------------------------------------------------------------------------
    def parse_article(self, response: Response, depth: int = 0) -> Iterator[ArticleItem | scrapy.Request]:
        """One page taken for an article: its item if it is one, then its typed links within the depth
        (:meth:`read_article`, then :meth:`ArticleSpider.parse_article`).

        @saved_page tests/fixtures/contracts/news_article.html http://news.example/regional/neue-zahlen-zu-wochenmarkt-ueberraschen-birkenstedt-100060.html
        @returns items 1 1
        @returns requests 1
        @filled headline articleBody datePublishedRaw authors relatedLinks
        """
        return super().parse_article(response, depth)

    def read_article(self, response: TextResponse) -> ArticleItem | None:
        """The page's item when it is an article of a crawled site: by its structured data, its URL's
        learnt shape or its content score; else ``None`` (dropped as ``offsite``
        or ``not_an_article``, with the reason)."""
        site = self._page_site(response.url)
        if site is None:
            record_drop(self.crawler, response.url, "offsite")
            return None
        selector = page_selector(response)
        evidence = article_evidence(selector) or self._shape_evidence(site, response)
        item = extract_article(response, clean=False)  # never raises: newsbot.extraction.guard
        dated = bool(item.datePublished or item.datePublishedRaw or item.authors)
        score = content_score(selector.root, response.url, item.headline, dated, item.articleBody)
        if evidence is None and score.score >= self.min_article_score:
            evidence = "content"
        if evidence is not None and not item.relatedLinks:
            item.relatedLinks = article_links(response)
        if evidence is None:
            reason = f"no article structured data, no article URL shape, content {score.describe()}"
            record_drop(self.crawler, response.url, "not_an_article", reason)
            return None
        item.metadata["contentScore"] = score.score
        if item.canonicalUrl and not site.owns(item.canonicalUrl):
            # another site's page (syndication, a mirror) is not this page's identity
            item.metadata["declaredCanonicalUrl"] = item.canonicalUrl
            item.canonicalUrl = None
        item.metadata.update(
            dateDownloaded=datetime.now(UTC).isoformat(timespec="seconds"),
            site=site.host,
            spider=self.name,
            articleEvidence=evidence,
        )
        return item

    def article_key(self, response: Response) -> str:
        """The requested URL in its canonical form (the page's own URL when it has none)."""
        return self.urls.canonical(self._requested_url(response)) or response.url

    def article_request(self, url: str, depth: int) -> scrapy.Request:
        """The request of an article (see the base class), with its URL's learnt shape in its meta."""
        request = super().article_request(url, depth)
        site = self.site_of(url)
        shape = site.patterns.shape_of(url) if site is not None else None
        if shape is not None:
            request.meta[SHAPE_META_KEY] = shape_path(shape)
        return request

    def _shape_evidence(self, site: CrawlSite, response: Response) -> str | None:
        """``url_shape`` when the page's URL has a learnt article shape: one this worker learnt, the one
        its request carries (learnt by the worker that requested it), or one the run learnt since."""
        if site.patterns.matches(response.url):
            return "url_shape"
        request = response.request
        carried = request.meta.get(SHAPE_META_KEY) if request is not None else None
        if isinstance(carried, str) and parse_shape_path(carried) == url_shape(response.url):
            self.crawler.stats.inc_value(f"{DISCOVERY}shape_carried")
            return "url_shape"
        if site.refresh() and site.patterns.matches(response.url):
            self.crawler.stats.inc_value(f"{DISCOVERY}shape_shared")
            return "url_shape"
        return None

    def is_article_url(self, url: str) -> bool:
        """A typed link is followed when it is on a crawled site and has a learnt article shape or a story's look."""
        site = self.site_of(url)
        return site is not None and (site.patterns.matches(url) or article_shaped(url))
