"""Response -> ArticleItem, with no requests, no I/O and no Scrapy engine.

The shell API: in ``scrapy shell URL``::

    from newsbot.extraction import extract_article, article_links
    extract_article(response)   # exactly the item the spider would store
    article_links(response)     # the typed Related / RECOMMENDED / Explore links
"""

from __future__ import annotations

from typing import Any

from parsel import Selector

from newsbot.cleaning import UrlCanonicaliser, clean_article
from newsbot.extraction.page import ArticlePage
from newsbot.extraction.trtworld import TrtWorldArticle, looks_like_trtworld
from newsbot.items import ArticleItem, Link

__all__ = ["ArticlePage", "article_links", "article_page", "extract_article"]


def article_page(response: Any, urls: UrlCanonicaliser | None = None) -> ArticlePage:
    """The profile page object for a response: TRT World pages get the TRT World profile.

    ``response`` is anything with ``url`` and ``text`` (a Scrapy ``TextResponse``); ``urls``
    fixes the site's base URL (the spider passes its own; by default it comes from the page).
    """
    selector = response.selector if hasattr(response, "selector") else Selector(text=response.text)
    if urls is not None or looks_like_trtworld(selector, response.url):
        return TrtWorldArticle(response.url, selector, urls)
    return ArticlePage(response.url, selector)


def extract_article(response: Any, urls: UrlCanonicaliser | None = None, clean: bool = True) -> ArticleItem:
    """The article in ``response``, cleaned as the pipelines clean it (``clean=False``: raw)."""
    item = article_page(response, urls).to_item()
    return clean_article(item, urls) if clean else item


def article_links(response: Any, urls: UrlCanonicaliser | None = None) -> list[Link]:
    """The typed article links of ``response`` (related | recommended | explore)."""
    return article_page(response, urls).related_links()
