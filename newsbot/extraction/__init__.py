"""Response -> ArticleItem, with no requests, no I/O and no Scrapy engine.

Extraction knows no site: a caller picks the page class with a :data:`PageReader` (by default the
generic layers, :func:`generic_page`). The declared sites' readers are picked by
:mod:`newsbot.sites`, whose ``extract_article``/``article_links`` are these functions with the
site registry as reader: the shell API (``scrapy shell URL``)::

    from newsbot.sites import extract_article, article_links
    extract_article(response)   # exactly the item the spider would store
    article_links(response)     # the typed Related / RECOMMENDED / Explore links
    page_decoding(response)     # (newsbot.extraction) the encoding the page is read in, when not the declared one

Neither raises, whatever the page holds. Malformed pages are handled where they bite (URLs by
:func:`newsbot.cleaning.join_url`, markup by :func:`page_selector`...); an error that still
escapes is a bug, caught in one place (:mod:`newsbot.extraction.guard`, which says the policy):
it is logged with its traceback and recorded in the item's ``metadata["extractionErrors"]``
(an empty item when the page could not be read at all).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from lxml import etree
from parsel import Selector

from newsbot.cleaning import UrlCanonicaliser, clean_article, storable
from newsbot.extraction.decoding import Decoding, page_decoding
from newsbot.extraction.guard import EXTRACTION_ERRORS, PageErrors
from newsbot.extraction.item import page_item
from newsbot.extraction.page import ArticlePage
from newsbot.items import ArticleItem, Link

__all__ = [
    "EXTRACTION_ERRORS",
    "ArticlePage",
    "Decoding",
    "PageReader",
    "article_links",
    "article_page",
    "extract_article",
    "forget_selector",
    "generic_page",
    "page_decoding",
    "page_selector",
]

#: Picks the page object reading a page: called with the page's URL, its selector and the crawl's URL
#: canonicaliser (or ``None``); a site registry's ``page_for`` (:mod:`newsbot.sites`) is one.
PageReader = Callable[[str, Selector, UrlCanonicaliser | None], ArticlePage]


def generic_page(url: str, selector: Selector, urls: UrlCanonicaliser | None = None) -> ArticlePage:
    """The generic layers' page object, whatever the site (the default :data:`PageReader`)."""
    return ArticlePage(url, selector)


def page_selector(response: Any, decoding: Decoding | None = None) -> Selector:
    """The HTML selector of ``response``: Scrapy's own when it can build one, else one of its text.

    A page whose bytes do not fit the encoding it declares is read in the one that does
    (:func:`newsbot.extraction.decoding.page_decoding`; ``decoding`` when the caller has it).
    Scrapy resolves the page's ``<base href>`` while building ``response.selector``, and a
    malformed one (``http://[oops``, a bad port) raises ``ValueError`` there, though the page is
    readable. Text given as a ``str`` loses what lxml cannot take (lone surrogates, controls).
    """
    cached = _PARSED.get(response) if _weakrefable(response) else None
    if cached is not None:
        return cached
    decoding = decoding or page_decoding(response)
    selector = _selector_of_bytes(response, decoding)
    if selector is None:  # never `or`: a selector's truth value serialises the whole page
        selector = _selector_of_text(response, decoding)
    if _weakrefable(response):
        _PARSED[response] = selector
    return selector


# one parse per response: the spider and the extraction both ask for the page's tree
_PARSED: WeakKeyDictionary[Any, Selector] = WeakKeyDictionary()


def forget_selector(response: Any) -> None:
    """Drop the tree :func:`page_selector` keeps for ``response`` (the page has been read)."""
    if _weakrefable(response):
        _PARSED.pop(response, None)


def _weakrefable(response: Any) -> bool:
    return hasattr(type(response), "__weakref__")


def _selector_of_bytes(response: Any, decoding: Decoding | None) -> Selector | None:
    """The tree of a UTF-8 page read straight from its bytes, ``None`` when that does not apply.

    Scrapy's selector encodes the decoded text back to UTF-8 before lxml reads it (three copies
    of the page); a page that declares UTF-8 and reads cleanly in it (no byte order mark, no NUL)
    is parsed from its bytes, to the same tree. lxml's plain elements are used, not
    ``lxml.html``'s, whose element lookup calls back into Python for every node a walk reaches.
    """
    if decoding is None or decoding.source != "declared" or decoding.encoding != "utf-8":
        return None
    body = response.body
    if body.startswith(b"\xef\xbb\xbf") or b"\x00" in body:
        return None
    parser = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    if root is None:  # nothing but white space: Scrapy's selector makes an empty <html/>
        return None
    return Selector(root=root, type="html")


def _selector_of_text(response: Any, decoding: Decoding | None) -> Selector:
    if decoding is not None and decoding.is_fallback:
        text = response.body.decode(decoding.encoding, "replace").removeprefix("\ufeff")
        return Selector(text=storable(text), type="html")
    try:
        return response.selector
    except (AttributeError, ValueError):  # not a Scrapy response; a malformed <base href>
        return Selector(text=storable(response.text), type="html")


def article_page(
    response: Any, urls: UrlCanonicaliser | None = None, page_for: PageReader = generic_page
) -> ArticlePage:
    """The page object ``page_for`` picks for a response (by default the generic layers').

    ``response`` is anything with ``url`` and ``text`` (a Scrapy ``TextResponse``); ``urls``
    fixes the site's base URL (the spider passes its own; by default it comes from the page).
    """
    return page_for(response.url, page_selector(response), urls)


def extract_article(
    response: Any, urls: UrlCanonicaliser | None = None, clean: bool = True, page_for: PageReader = generic_page
) -> ArticleItem:
    """The article in ``response`` as read by the page ``page_for`` picks, cleaned as the pipelines
    clean it (``clean=False``: raw).

    A page read in another encoding than it declares, or that no encoding reads whole, says so in
    ``metadata`` (``encoding``, ``declaredEncoding``, ``encodingSource``; ``encodingErrors``).
    """
    errors = PageErrors(response.url)
    item = errors.read("the page", lambda: _article(response, urls, clean, errors, page_for), None)
    if item is None:
        item = ArticleItem(url=storable(response.url), metadata={"extractor": "failed"})
    if errors.found:
        item.metadata[EXTRACTION_ERRORS] = errors.found
    return item


def _article(
    response: Any, urls: UrlCanonicaliser | None, clean: bool, errors: PageErrors, page_for: PageReader
) -> ArticleItem:
    decoding = page_decoding(response)
    item = page_item(page_for(response.url, page_selector(response, decoding), urls), errors)
    if decoding is not None:
        item.metadata.update(decoding.metadata())
    return clean_article(item, urls) if clean else item


def article_links(
    response: Any, urls: UrlCanonicaliser | None = None, page_for: PageReader = generic_page
) -> list[Link]:
    """The typed article links of ``response`` (related | recommended | explore).

    The page ``page_for`` picks finds them when it knows the site's blocks (a site's reader);
    otherwise (the generic page, or a reader that found none) the generic finder reads the
    labelled blocks of any site
    (:func:`newsbot.extraction.related.typed_links`).
    """
    from newsbot.extraction.related import typed_links  # imported here: this function is its only user

    def links() -> list[Link]:
        page = article_page(response, urls, page_for)
        return page.related_links() or typed_links(page.selector, response.url)

    return PageErrors(response.url).read("the links", links, [])
