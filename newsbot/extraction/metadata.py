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


def _walk_jsonld(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for child in node:
            yield from _walk_jsonld(child)
    elif isinstance(node, dict):
        yield node
        graph = node.get("@graph")
        if graph is not None:
            yield from _walk_jsonld(graph)


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type", ())
    return {kind} if isinstance(kind, str) else {k for k in kind if isinstance(k, str)}


def jsonld_article(selector: Selector) -> dict[str, Any]:
    """The page's JSON-LD article object (``NewsArticle`` preferred), or ``{}``."""
    best: dict[str, Any] = {}
    best_rank = len(ARTICLE_TYPES) + 1
    ranking = ("NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
               "BackgroundNewsArticle", "Article", "BlogPosting", "LiveBlogPosting", "WebPage")  # fmt: skip
    for script in selector.xpath('//script[@type="application/ld+json"]/text()').getall():
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
    for meta in selector.xpath("//meta"):
        key = meta.attrib.get("property") or meta.attrib.get("name") or meta.attrib.get("itemprop")
        value = meta.attrib.get("content")
        if key and value and value.strip():
            found.setdefault(key.strip().lower(), value.strip())
    canonical = selector.xpath('//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href').get()
    if canonical:
        found["canonical"] = canonical.strip()
    lang = selector.xpath("/html/@lang").get()
    if lang:
        found["html:lang"] = lang.strip()
    title = selector.xpath("//title/text()").get()
    if title and title.strip():
        found["title"] = title.strip()
    return found


def flight_payload(selector: Selector) -> str:
    """The concatenated text of all Next.js ``self.__next_f.push([1, "..."])`` chunks."""
    parts: list[str] = []
    for script in selector.xpath('//script[contains(., "__next_f")]/text()').getall():
        match = _FLIGHT_PUSH.search(script.strip())
        if not match:
            continue
        try:
            chunk = json.loads(match.group(1))
        except ValueError:
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
        except ValueError:
            continue
        if not isinstance(record, dict) or "title" not in record:
            continue
        if slug is None or str(record.get("slug", "")).lower() == slug.lower():
            return record
        fallback = fallback or record
    return fallback if slug is None else {}
