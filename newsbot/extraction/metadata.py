"""Readers for the structured layers of a page: JSON-LD, ``<head>`` metadata, Next.js flight data.

Each reader takes a parsel ``Selector`` (a Scrapy response works too) and returns plain Python
data; none of them raises on malformed input, they return what they could read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from parsel import Selector

from newsbot.extraction.blocks import first_part
from newsbot.jsonld import read_jsonld

ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
     "OpinionNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting", "WebPage"}
)  # fmt: skip
_FLIGHT_PUSH = re.compile(r"self\.__next_f\.push\((\[.*\])\)\s*;?\s*$", re.DOTALL)
_CONTENT_RECORD = re.compile(r'"content"\s*:\s*\{')
_DECODER = json.JSONDecoder()  # stateless: one serves every page


def _root(selector: Any) -> Any:
    """The lxml root of a parsel ``Selector`` or of a Scrapy response's selector."""
    root = getattr(selector, "root", None)
    return root if root is not None else selector.selector.root


def _strings(selector: Any, query: str) -> list[str]:
    """The strings an XPath query returns, read with lxml directly (the same strings as parsel's
    ``xpath(query).getall()`` without a ``Selector`` built around each)."""
    return [str(value) for value in _root(selector).xpath(query, smart_strings=False)]


def first_string(selector: Any, query: str) -> str | None:
    found = _strings(selector, query)
    return found[0] if found else None


def _walk_jsonld(node: Any) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD document in document order, ``@graph`` members and a page's
    ``mainEntity`` (a ``WebPage`` holding its ``NewsArticle``) included.

    Iterative: a page can nest lists as deep as the JSON parser allows.
    """
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, list):
            stack.extend(reversed(current))
        elif isinstance(current, dict):
            yield current
            for key in ("mainEntity", "@graph"):
                inner = current.get(key)
                if isinstance(inner, (dict, list)):
                    stack.append(inner)


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    if isinstance(kind, str):
        return {kind}
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else set()


def page_scripts(selector: Any, elements: Iterable[Any] | None = None) -> tuple[list[str], list[str]]:
    """The texts of the page's JSON-LD scripts and of its Next.js flight scripts, in one pass.

    One walk over the ``<script>`` elements (found by lxml; ``elements`` when the caller has
    them, :mod:`newsbot.extraction.walk`) serves both readers: an XPath over the whole page for
    each costs more than the rest of the metadata together.
    """
    jsonld: list[str] = []
    flight: list[str] = []
    for script in _root(selector).iter("script") if elements is None else elements:
        text = script.text
        if not text:
            continue
        kind = script.get("type")
        if kind is not None and kind.strip().lower() == "application/ld+json":
            jsonld.append(text)
        elif "__next_f" in text:
            flight.append(text)
    return jsonld, flight


def jsonld_article(selector: Selector, scripts: list[str] | None = None) -> dict[str, Any]:
    """The page's JSON-LD article object (``NewsArticle`` preferred), or ``{}``.

    ``scripts``: the JSON-LD texts when already read (:func:`page_scripts`).
    """
    best: dict[str, Any] = {}
    best_rank = len(ARTICLE_TYPES) + 1
    ranking = ("NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
               "BackgroundNewsArticle", "Article", "BlogPosting", "LiveBlogPosting", "WebPage")  # fmt: skip
    for script in page_scripts(selector)[0] if scripts is None else scripts:
        for node in _walk_jsonld(read_jsonld(script)):
            for kind in _types(node) & ARTICLE_TYPES:
                rank = ranking.index(kind)
                if rank < best_rank:
                    best, best_rank = node, rank
    return best


def page_title(selector: Any) -> str | None:
    """The text of the page's ``<title>`` (the first one, in ``<head>`` or not)."""
    title = first_part(_root(selector), "title", within="head")
    text = title.text if title is not None else None
    return text.strip() if text and text.strip() else None


def head_metadata(
    selector: Selector, metas: Iterable[Any] | None = None, links: Iterable[Any] | None = None
) -> dict[str, str]:
    """``<head>`` metadata as one flat dict.

    Keys: each ``meta`` ``property``/``name``/``itemprop`` lower-cased (``og:title``,
    ``article:published_time``, ``description``, ``author``...), plus ``canonical`` (the
    ``link rel=canonical`` href), ``html:lang`` and ``title``. The first value of a key wins.
    ``metas`` and ``links``: the page's ``<meta>`` and ``<link>`` elements when the caller has
    them (:mod:`newsbot.extraction.walk`).
    """
    found: dict[str, str] = {}
    for meta in _root(selector).iter("meta") if metas is None else metas:
        # one attribute at a time: parsel's ``attrib`` reads every attribute back by name, and
        # lxml rejects names a broken page gives it (control characters, ``a:b:c``)
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        value = meta.get("content")
        if key and value and value.strip():
            found.setdefault(key.strip().lower(), value.strip())
    root = _root(selector)
    for link in root.iter("link") if links is None else links:
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            found["canonical"] = link.get("href", "").strip()
            break
    lang = root.get("lang") if root.tag == "html" else first_string(selector, "/html/@lang")
    if lang and lang.strip():
        found["html:lang"] = lang.strip()
    title = page_title(selector)
    if title:
        found["title"] = title
    return found


def flight_payload(selector: Selector, scripts: list[str] | None = None) -> str:
    """The concatenated text of all Next.js ``self.__next_f.push([1, "..."])`` chunks.

    ``scripts``: the flight script texts when already read (:func:`page_scripts`).
    """
    parts: list[str] = []
    for script in page_scripts(selector)[1] if scripts is None else scripts:
        match = _FLIGHT_PUSH.search(script.strip())
        if not match:
            continue
        try:
            chunk = json.loads(match.group(1))
        except (ValueError, RecursionError):
            continue
        if len(chunk) >= 2 and chunk[0] == 1 and isinstance(chunk[1], str):
            parts.append(chunk[1])
    return "".join(parts)


def flight_content_record(payload: str, slug: str | None = None) -> dict[str, Any]:
    """The ``"content": {...}`` record in flight data, preferring the one whose ``slug`` matches."""
    fallback: dict[str, Any] = {}
    for match in _CONTENT_RECORD.finditer(payload):
        try:
            record, _ = _DECODER.raw_decode(payload, match.end() - 1)
        except (ValueError, RecursionError):
            continue
        if not isinstance(record, dict) or "title" not in record:
            continue
        if slug is None or str(record.get("slug", "")).lower() == slug.lower():
            return record
        fallback = fallback or record
    return fallback if slug is None else {}
