"""Extraction of the replica's pages against the live model's stories (the saved pages: tests/test_sites.py)."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from replica_expectations import comparable, expected_item
from scrapy.http import HtmlResponse

from newsbot.sample_site import SampleSite
from newsbot.sites import article_links, extract_article

BASE = "http://127.0.0.1:8765"


def response(url: str, body: bytes, encoding: str = "utf-8") -> HtmlResponse:
    # the replica declares a non-UTF-8 charset only in the page's <meta>, as the real case does
    content_type = "text/html; charset=utf-8" if encoding == "utf-8" else "text/html"
    return HtmlResponse(url=url, body=body, headers={"Content-Type": content_type})


def extracted(page: HtmlResponse) -> dict[str, Any]:
    return dataclasses.asdict(extract_article(page))


@pytest.fixture(scope="module")
def demo() -> SampleSite:
    return SampleSite.demo()


def test_every_demo_article_matches_its_story(demo: SampleSite) -> None:
    checked = 0
    for article_id, article in demo.articles.items():
        if article.truncated:
            continue
        expected = expected_item(demo, article_id, BASE)
        page = response(f"{BASE}/article/{article_id}", demo.article_bytes(article_id, BASE), article.encoding)
        assert comparable(extracted(page), expected.pop("subheadings")) == expected, article_id
        checked += 1
    assert checked >= 30


def test_extraction_does_not_depend_on_class_names_or_wrappers(demo: SampleSite) -> None:
    article_id = demo.cases["flight_data"]
    original = demo.article_bytes(article_id, BASE).decode()
    counter = iter(range(10_000))
    renamed = re.sub(r'class="[^"]*"', lambda _: f'class="x{next(counter)}q"', original)
    rewrapped = renamed.replace("<div", "<section").replace("</div>", "</section>")
    assert rewrapped != original
    url = f"{BASE}/article/{article_id}"
    assert extracted(response(url, rewrapped.encode())) == extracted(response(url, original.encode()))


def test_head_only_page_uses_the_visible_layer_for_the_body(demo: SampleSite) -> None:
    article_id = demo.cases["head_only"]
    item = extract_article(response(f"{BASE}/article/{article_id}", demo.article_bytes(article_id, BASE)))
    assert item.metadata["extractor"] == "trtworld:visible"
    assert "SOURCE" not in (item.articleBody or "") and "RECOMMENDED" not in (item.articleBody or "")


def test_truncated_page_yields_no_body_and_no_crash(demo: SampleSite) -> None:
    article_id = demo.cases["broken"]
    item = extract_article(response(f"{BASE}/article/{article_id}", demo.article_bytes(article_id, BASE)))
    assert item.headline  # what the head still holds is kept
    assert item.articleBody is None or len(item.articleBody) < 200  # so validation drops it


def test_mirror_and_tracking_forms_extract_the_same_canonical_item(demo: SampleSite) -> None:
    article_id = demo.cases["url_forms"]
    body = demo.article_bytes(article_id, BASE)
    canonical = extracted(response(f"{BASE}/article/{article_id}", body))
    for form in (f"{BASE}/world/article/{article_id}", f"{BASE}/article/{article_id}/?utm_source=twitter"):
        item = extracted(response(form, body))
        assert item["canonicalUrl"] == canonical["canonicalUrl"] == f"{BASE}/article/{article_id}"


def test_article_links_are_typed(demo: SampleSite) -> None:
    article_id = demo.cases["wire_original"]
    links = article_links(response(f"{BASE}/article/{article_id}", demo.article_bytes(article_id, BASE)))
    assert {link.kind for link in links} <= {"related", "recommended", "explore"}
    assert [link.kind for link in links].count("explore") >= 10
    assert all(link.url.startswith(f"{BASE}/article/") for link in links)


def test_a_page_with_nothing_gives_an_empty_item_not_an_error() -> None:
    for body in (b"", b"<html>", b"\x00\xff\xfe garbage", b"<html><body><p>Hi</p></body></html>"):
        item = extract_article(response(f"{BASE}/article/0123456789ab", body))
        assert item.articleBody is None and item.authors == [] and item.relatedLinks == []
