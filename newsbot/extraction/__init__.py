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

import codecs
import logging
from typing import Any

from parsel import Selector

from newsbot.cleaning import UrlCanonicaliser, clean_article, storable
from newsbot.extraction.item import EXTRACTION_ERRORS
from newsbot.extraction.page import ArticlePage
from newsbot.extraction.profiles import page_for
from newsbot.items import ArticleItem, Link

__all__ = ["EXTRACTION_ERRORS", "ArticlePage", "article_links", "article_page", "extract_article", "page_selector"]

logger = logging.getLogger(__name__)


def page_selector(response: Any) -> Selector:
    """The HTML selector of ``response``: Scrapy's own when it can build one, else one of its text.

    Scrapy resolves the page's ``<base href>`` while building ``response.selector``, and a
    malformed one (``http://[oops``, a bad port) raises ``ValueError`` there, though the page is
    readable. Text given as a ``str`` loses what lxml cannot take (lone surrogates, controls).
    """
    utf8 = utf8_text(response)
    if utf8 is not None:
        return Selector(text=storable(utf8), type="html")
    try:
        return response.selector
    except (AttributeError, ValueError):  # not a Scrapy response; a malformed <base href>
        return Selector(text=storable(response.text), type="html")


def utf8_text(response: Any) -> str | None:
    """The page decoded as UTF-8 when it declares another charset but its bytes are UTF-8.

    A page saved or served as UTF-8 under a stale ``<meta charset>`` (``iso-8859-15``,
    ``gb2312``) reads as mojibake in the declared charset. Bytes outside ASCII that decode as UTF-8
    almost never are text in a single-byte or GB charset, so UTF-8 wins then; anything else keeps
    the response's own decoding.
    """
    body, encoding = getattr(response, "body", None), getattr(response, "encoding", None)
    if not isinstance(body, bytes) or not encoding or body.isascii():
        return None
    try:
        if codecs.lookup(encoding).name == "utf-8":
            return None
        return body.decode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return None


def article_page(response: Any, urls: UrlCanonicaliser | None = None) -> ArticlePage:
    """The page object for a response: its site's profile, picked by host from the registry
    (:mod:`newsbot.extraction.profiles`), else the generic layers.

    ``response`` is anything with ``url`` and ``text`` (a Scrapy ``TextResponse``); ``urls``
    fixes the site's base URL (the spider passes its own; by default it comes from the page).
    """
    return page_for(response.url, page_selector(response), urls)


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
