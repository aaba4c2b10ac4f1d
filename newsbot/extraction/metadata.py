"""Readers for the structured layers of a page: JSON-LD, ``<head>`` metadata, Next.js flight data.

Each reader takes a parsel ``Selector`` (a Scrapy response works too) and returns plain Python
data; none of them raises on malformed input, they return what they could read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from parsel import Selector

ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
     "OpinionNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting", "WebPage"}
)  # fmt: skip
_FLIGHT_PUSH = re.compile(r"self\.__next_f\.push\((\[.*\])\)\s*;?\s*$", re.DOTALL)


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
    """Every object of a JSON-LD document in document order, ``@graph`` members included.

    Iterative: a page can nest lists as deep as the JSON parser allows.
    """
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, list):
            stack.extend(reversed(current))
        elif isinstance(current, dict):
            yield current
            graph = current.get("@graph")
            if graph is not None:
                stack.append(graph)


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    if isinstance(kind, str):
        return {kind}
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else set()


def jsonld_article(selector: Selector) -> dict[str, Any]:
    """The page's JSON-LD article object (``NewsArticle`` preferred), or ``{}``."""
    best: dict[str, Any] = {}
    best_rank = len(ARTICLE_TYPES) + 1
    ranking = ("NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
               "BackgroundNewsArticle", "Article", "BlogPosting", "LiveBlogPosting", "WebPage")  # fmt: skip
    for script in _strings(selector, '//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script.strip().rstrip(";"))
        except (ValueError, RecursionError):
            continue
        for node in _walk_jsonld(data):
            for kind in _types(node) & ARTICLE_TYPES:
                rank = ranking.index(kind)
                if rank < best_rank:
                    best, best_rank = node, rank
    return best


def head_metadata(selector: Selector) -> dict[str, str]:
    """``<head>`` metadata as one flat dict.

    Keys: each ``meta`` ``property``/``name``/``itemprop`` lower-cased (``og:title``,
    ``article:published_time``, ``description``, ``author``...), plus ``canonical`` (the
    ``link rel=canonical`` href), ``html:lang`` and ``title``. The first value of a key wins.
    """
    found: dict[str, str] = {}
    for meta in _root(selector).iter("meta"):
        # one attribute at a time: parsel's ``attrib`` reads every attribute back by name, and
        # lxml rejects names a broken page gives it (control characters, ``a:b:c``)
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        value = meta.get("content")
        if key and value and value.strip():
            found.setdefault(key.strip().lower(), value.strip())
    canonical = first_string(selector, '//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href')
    if canonical:
        found["canonical"] = canonical.strip()
    lang = first_string(selector, "/html/@lang")
    if lang:
        found["html:lang"] = lang.strip()
    title = first_string(selector, "//title/text()")
    if title and title.strip():
        found["title"] = title.strip()
    return found


def flight_payload(selector: Selector) -> str:
    """The concatenated text of all Next.js ``self.__next_f.push([1, "..."])`` chunks."""
    parts: list[str] = []
    for script in _strings(selector, '//script[contains(., "__next_f")]/text()'):
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
    decoder = json.JSONDecoder()
    fallback: dict[str, Any] = {}
    for match in re.finditer(r'"content"\s*:\s*\{', payload):
        try:
            record, _ = decoder.raw_decode(payload, match.end() - 1)
        except (ValueError, RecursionError):
            continue
        if not isinstance(record, dict) or "title" not in record:
            continue
        if slug is None or str(record.get("slug", "")).lower() == slug.lower():
            return record
        fallback = fallback or record
    return fallback if slug is None else {}
