"""Ground truth for extraction tests: what the replica site says an article is, in item form.

The replica's ``SampleSite.expected`` gives raw hrefs for every link of a block; an item holds
only canonical article URLs, so links are canonicalised and non-article links left out here.
"""

from __future__ import annotations

from typing import Any

from newsbot.sample_site import SampleSite
from newsbot.sites.trtworld.urls import canonicaliser


def expected_item(site: SampleSite, article_id: str, base: str) -> dict[str, Any]:
    """The item fields an ideal extraction of the article returns, as plain JSON data."""
    expected = site.expected(article_id, base)
    urls = canonicaliser(base)
    links, seen = [], set()
    for link in expected["relatedLinks"]:
        url = urls.canonical(link["url"])
        if url and urls.article_id(url) and (url, link["kind"]) not in seen:
            seen.add((url, link["kind"]))
            links.append({**link, "url": url})
    expected["relatedLinks"] = links
    return expected


def comparable(item: dict[str, Any], subheadings: list[str]) -> dict[str, Any]:
    """The extracted item restricted to the ground truth's fields; subheadings out of the body."""
    body = item.get("articleBody")
    if body:
        body = "\n\n".join(p for p in body.split("\n\n") if p not in set(subheadings))
    fields = ("url", "canonicalUrl", "headline", "description", "authors", "datePublished", "dateModified",
              "inLanguage", "mainImage", "articleSection", "keywords", "readingTimeMinutes", "sourceCredit",
              "relatedLinks")  # fmt: skip
    return {**{name: item.get(name) for name in fields}, "articleBody": body}
