"""Embedded structured data of article pages: JSON-LD ``NewsArticle`` and Next.js flight data."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from .model import TRT_TZ, Article
from .urls import slugify


def iso_local(moment: datetime) -> str:
    """``2025-03-04T10:15:00+03:00``: Istanbul time, as in ``<head>`` metadata and JSON-LD."""
    return moment.astimezone(TRT_TZ).isoformat(timespec="seconds")


def iso_utc_millis(moment: datetime) -> str:
    """``2025-03-04T07:15:00.000Z``: UTC with milliseconds, as in flight data."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _compact(value: Any) -> str:
    """Compact JSON, as React Server Components write it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _script_json(value: Any) -> str:
    """JSON safe to embed in a ``<script>`` element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def json_ld(article: Article, base: str) -> str:
    """The JSON-LD ``NewsArticle`` object of ``article`` (never with ``articleBody``)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": f"{base}{article.path}",
        "headline": article.headline,
        "description": article.standfirst,
        "datePublished": iso_local(article.published),
        "dateModified": iso_local(article.modified),
    }
    if article.authors:
        data["author"] = [{"@type": "Person", "name": p.name, "url": f"{base}{p.path}"} for p in article.authors]
    if article.image:
        data["image"] = {"@type": "ImageObject", "url": article.image.url, "caption": article.image.caption}
    data.update(
        articleSection=article.section_info.name,
        keywords=list(article.keywords),
        inLanguage="en",
        publisher={"@type": "Organization", "name": "TRT World"},
    )
    return _script_json(data)


def content_record(article: Article) -> dict[str, Any]:
    """The ``{"content": {...}}`` record of the flight data (its ``slug`` is the article id)."""
    section = article.section_info
    image = article.image
    return {
        "content": {
            "slug": article.id,
            "title": article.headline,
            "description": article.standfirst,
            "publishedAt": iso_utc_millis(article.published),
            "updatedAt": iso_utc_millis(article.modified),
            "category": {"title": section.name, "slug": slugify(section.name)},
            "authors": [{"name": p.name, "slug": p.slug} for p in article.authors],
            "coverImage": ({"url": image.url, "caption": image.caption, "credit": image.credit} if image else None),
            "readingTime": article.reading_time,
            "source": article.source,
            "tags": list(article.keywords),
        }
    }


def flight_chunks(article: Article, teasers: list[tuple[str, str]], css_class: str) -> list[str]:
    """The RSC text pushed by ``self.__next_f.push([1, ...])``, as a list of (decoded) chunks.

    ``teasers`` are ``(id, headline)`` pairs of other articles: they appear as records with their
    own ``slug`` so that readers must pick the record whose slug is the page's id. The content
    record sits in one chunk, or is cut in the middle of its title across two chunks when
    ``article.flight == "split"``.
    """
    build = hashlib.sha1(article.id.encode()).hexdigest()[:10]
    head = (
        f'0:["$","$L1",null,{{"buildId":"{build}","page":"/article/[slug]",'
        f'"params":{{"slug":"{article.id}"}}}}]\n'
        f'1:I[5341,["app/layout-{build[:6]}.js"],"default"]\n'
        f'2:["$","main",null,{{"className":"{css_class}","children":"$L3"}}]\n'
    )
    record = "3:" + _compact(["$", "$L4", None, content_record(article)]) + "\n"
    record += f'4:I[8812,["app/article/page-{build[4:]}.js"],"ArticlePage"]\n'
    items = [{"slug": tid, "title": title} for tid, title in teasers]
    tail = "5:" + _compact(["$", "$L6", None, {"items": items}]) + "\n"
    tail += '6:I[1402,["app/components/explore.js"],"Explore"]\n'
    if article.flight == "split":
        cut = record.index('"title":') + len('"title":') + 1 + len(article.headline) // 2
        return [head + record[:cut], record[cut:], tail]
    return [head, record, tail]


def flight_scripts(chunks: list[str]) -> str:
    """``<script>`` elements pushing ``chunks`` the way Next.js pages do."""
    scripts = ["<script>(self.__next_f=self.__next_f||[]).push([0])</script>"]
    scripts += [f"<script>self.__next_f.push([1,{_script_json(chunk)}])</script>" for chunk in chunks]
    return "\n".join(scripts)
