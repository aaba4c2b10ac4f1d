"""Response -> ArticleItem, with no requests, no I/O and no Scrapy engine.

The shell API: in ``scrapy shell URL``::

    from newsbot.extraction import extract_article, article_links
    extract_article(response)   # exactly the item the spider would store
    article_links(response)     # the typed Related / RECOMMENDED / Explore links

Neither raises, whatever the page holds. Malformed pages are handled where they bite (URLs by
:func:`newsbot.cleaning.join_url`, markup by :func:`page_selector`...); an error that still
escapes is a bug: it is logged with its traceback and recorded in the item's
``metadata["extractionErrors"]`` (an empty item when the page could not be read at all).
"""

from __future__ import annotations

import logging
from typing import Any

from parsel import Selector

from newsbot.cleaning import UrlCanonicaliser, clean_article, storable
from newsbot.extraction.page import EXTRACTION_ERRORS, ArticlePage
from newsbot.extraction.trtworld import TrtWorldArticle, looks_like_trtworld
from newsbot.items import ArticleItem, Link

__all__ = ["EXTRACTION_ERRORS", "ArticlePage", "article_links", "article_page", "extract_article", "page_selector"]

logger = logging.getLogger(__name__)


def page_selector(response: Any) -> Selector:
    """The HTML selector of ``response``: Scrapy's own when it can build one, else one of its text.

    Scrapy resolves the page's ``<base href>`` while building ``response.selector``, and a
    malformed one (``http://[oops``, a bad port) raises ``ValueError`` there, though the page is
    readable. Text given as a ``str`` loses what lxml cannot take (lone surrogates, controls).
    """
    try:
        return response.selector
    except (AttributeError, ValueError):  # not a Scrapy response; a malformed <base href>
        return Selector(text=storable(response.text), type="html")


def article_page(response: Any, urls: UrlCanonicaliser | None = None) -> ArticlePage:
    """The profile page object for a response: TRT World pages get the TRT World profile.

    ``response`` is anything with ``url`` and ``text`` (a Scrapy ``TextResponse``); ``urls``
    fixes the site's base URL (the spider passes its own; by default it comes from the page).
    """
    selector = page_selector(response)
    if urls is not None or looks_like_trtworld(selector, response.url):
        return TrtWorldArticle(response.url, selector, urls)
    return ArticlePage(response.url, selector)


def extract_article(response: Any, urls: UrlCanonicaliser | None = None, clean: bool = True) -> ArticleItem:
    """The article in ``response``, cleaned as the pipelines clean it (``clean=False``: raw)."""
    try:
        item = article_page(response, urls).to_item()
        return clean_article(item, urls) if clean else item
    except Exception as error:  # last resort, recorded and logged (see the module docstring)
        logger.error("Extraction failed on %s: %r", response.url, error, exc_info=True)
        return ArticleItem(
            url=storable(response.url), metadata={"extractor": "failed", EXTRACTION_ERRORS: [repr(error)]}
        )


def article_links(response: Any, urls: UrlCanonicaliser | None = None) -> list[Link]:
    """The typed article links of ``response`` (related | recommended | explore).

    The page's profile finds them when it knows the site's blocks; otherwise (no profile, or a
    profile that found none) the generic finder reads the labelled blocks of any site
    (:func:`newsbot.extraction.related.typed_links`).
    """
    from newsbot.extraction.related import typed_links  # imported here: this function is its only user

    try:
        page = article_page(response, urls)
        return page.related_links() or typed_links(page.selector, response.url)
    except Exception as error:  # last resort, logged (see the module docstring)
        logger.error("Link extraction failed on %s: %r", response.url, error, exc_info=True)
        return []
