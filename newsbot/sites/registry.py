"""The declared sites, and the page reader that picks a page's site by its host (or its look)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from parsel import Selector

from newsbot.cleaning import UrlCanonicaliser, split_url
from newsbot.extraction import ArticlePage, article_links, extract_article
from newsbot.items import ArticleItem, Link
from newsbot.sites.site import Site
from newsbot.sites.trtworld import SITE as TRTWORLD


class SiteRegistry:
    """Sites by name, and the site reading a page (:meth:`site_for`); other pages get the generic layers."""

    def __init__(self, sites: Iterable[Site]) -> None:
        self.sites: tuple[Site, ...] = tuple(sites)
        names = [site.name for site in self.sites]
        if len(set(names)) != len(names):
            raise ValueError(f"two sites are declared under one name: {sorted(names)}")

    def named(self, name: str) -> Site:
        """The site declared as ``name``; ``KeyError`` when there is none."""
        for site in self.sites:
            if site.name == name:
                return site
        raise KeyError(name)

    def site_for(self, url: str, selector: Selector, urls: UrlCanonicaliser | None = None) -> Site | None:
        """The site reading a page: by its host, else by the canonicaliser passed (the crawl's),
        else by what the page shows; ``None`` for the generic layers."""
        parts = split_url(url)
        host = parts.netloc.split("@")[-1].split(":")[0] if parts else ""
        for site in self.sites:
            if host and site.serves(host):
                return site
        if urls is not None:
            for site in self.sites:
                if site.owns(urls):
                    return site
        for site in self.sites:
            if site.recognises is not None and site.recognises(selector, url):
                return site
        return None

    def page_for(self, url: str, selector: Selector, urls: UrlCanonicaliser | None = None) -> ArticlePage:
        """The page object reading ``url`` (a :data:`~newsbot.extraction.PageReader`): its site's, else the generic."""
        site = self.site_for(url, selector, urls)
        return site.page(url, selector, urls) if site is not None else ArticlePage(url, selector)

    def extract_article(self, response: Any, urls: UrlCanonicaliser | None = None, clean: bool = True) -> ArticleItem:
        """:func:`newsbot.extraction.extract_article`, each page read by its site's reader."""
        return extract_article(response, urls, clean, page_for=self.page_for)

    def article_links(self, response: Any, urls: UrlCanonicaliser | None = None) -> list[Link]:
        """:func:`newsbot.extraction.article_links`, each page read by its site's reader."""
        return article_links(response, urls, page_for=self.page_for)


#: every declared site (one line each)
SITES = SiteRegistry([TRTWORLD])
