"""Is a fetched page an article, and which of its links stay on the site."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from parsel import Selector

from newsbot.cleaning import join_url
from newsbot.jsonld import read_jsonld
from newsbot.urls import Origin, web_url

#: schema.org types that make a page an article (``WebPage`` does not: every page is one).
ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
     "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "SatiricalArticle",
     "BlogPosting", "LiveBlogPosting", "Report"}
)  # fmt: skip
_MAX_SCRIPTS = 20
_MAX_SCRIPT_CHARS = 2_000_000
_MAX_NODES = 5000
#: Keys whose objects describe the page itself; an ``ItemList`` of teasers (``itemListElement``)
#: or an article's ``isPartOf`` do not make a listing page an article.
_OWN_OBJECTS = ("@graph", "mainEntity")


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    if isinstance(kind, str):
        kinds = [kind]
    elif isinstance(kind, list):
        kinds = [k for k in kind if isinstance(k, str)]
    else:
        return set()
    return {k.rsplit("/", 1)[-1] for k in kinds}  # "http://schema.org/NewsArticle" too


def _jsonld_types(selector: Selector) -> set[str]:
    found: set[str] = set()
    scripts = selector.xpath('//script[@type="application/ld+json"]/text()').getall()[:_MAX_SCRIPTS]
    for script in scripts:
        if len(script) > _MAX_SCRIPT_CHARS:
            continue
        stack: list[Any] = read_jsonld(script)
        seen = 0
        while stack and seen < _MAX_NODES:  # the page's own objects: top level, @graph, mainEntity
            node = stack.pop()
            seen += 1
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                found |= _types(node)
                stack.extend(node[key] for key in _OWN_OBJECTS if isinstance(node.get(key), dict | list))
    return found


def article_evidence(selector: Selector) -> str | None:
    """Why the page is an article by its own structured data, or ``None`` when it does not say so.

    In order: a JSON-LD object of an article type (``jsonld:NewsArticle``...), schema.org
    microdata (``microdata:NewsArticle``), ``og:type`` ``article`` (``og:type``). Only the page's
    own JSON-LD objects count (top level, ``@graph`` members, ``mainEntity``): a listing page's
    ``ItemList`` of ``NewsArticle`` teasers does not make it an article.
    """
    kinds = _jsonld_types(selector) & ARTICLE_TYPES
    if kinds:
        return "jsonld:" + sorted(kinds)[0]
    for itemtype in selector.xpath("//*[@itemscope]/@itemtype").getall()[:_MAX_SCRIPTS]:
        kinds = {kind.rstrip("/").rsplit("/", 1)[-1] for kind in itemtype.split()} & ARTICLE_TYPES
        if kinds:
            return "microdata:" + sorted(kinds)[0]
    og_type = selector.xpath('//meta[@property="og:type"]/@content').get()
    if og_type and og_type.strip().lower() == "article":
        return "og:type"
    return None


def bare_host(netloc: str) -> str:
    """``netloc`` lower-cased, without user info and a leading ``www.`` (a port is kept: two
    servers on one machine are two sites)."""
    return netloc.lower().rpartition("@")[2].removeprefix("www.")


def same_site_links(selector: Selector, page_url: str, origins: Collection[Origin], limit: int = 500) -> list[str]:
    """The links of a page that stay on the site (``origins``, see :func:`newsbot.urls.site_origins`).

    Each link is read by :func:`newsbot.urls.check_url` (as the downloader will request it);
    refused links and links to other origins are left out. Fragments are dropped, each URL is
    kept once, the page itself is left out; at most ``limit``, in page order.
    """
    found: dict[str, None] = {}
    page = page_url.split("#", 1)[0]
    for href in selector.xpath("//a/@href").getall():
        joined = join_url(page_url, href)
        checked = web_url(joined.split("#", 1)[0]) if joined else None
        if checked is None or checked.origin not in origins:
            continue
        url = checked.url
        if url != page and url not in found:
            found[url] = None
            if len(found) >= limit:
                break
    return list(found)
