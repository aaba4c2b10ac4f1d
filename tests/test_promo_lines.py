"""Promo lines leave the body; a sentence that only begins with a promo word stays (issue 18).

A promo line is a label pointing to another story ("Related: <a>...</a>", "Read more: ...",
"READ MORE" alone before a link) or an advertising / copyright line; "Related talks between the
two ministries ..." is story text. Checked on generic pages and on TRT World replica pages.
"""

from __future__ import annotations

import re

import pytest
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article
from newsbot.sample_site import SampleSite

BASE = "http://127.0.0.1:8765"
STORY = (
    "<p>The two ministries met on Monday to settle the terms of a new fisheries agreement, the third attempt "
    "in as many years, after the last round broke down over quotas for the northern grounds.</p>"
    "<p>Officials on both sides said the draft now covers inspection rules and the sharing of catch data, two "
    "points that had divided them since the talks began.</p>"
)
PROSE = (
    "Related talks between the two ministries are expected to continue next week.",
    "Related negotiations between the port authority and the unions resumed on Friday.",
    "Read more widely, the report suggests the quotas were never enforced.",
)
PROMOS = (
    "<p>Related: <a href='/news/other-story'>Harbour dredging delayed again</a></p>",
    "<p>Read more: <a href='/news/another-story'>How the quota system began</a></p>",
    "<p><strong>READ MORE</strong> <a href='/news/third-story'>Ferry fares rise in June</a></p>",
    "<p>READ MORE</p>",
    "<p>Lesen Sie auch: <a href='/news/vierte'>Fähre fährt ab Mai</a></p>",
)


def generic(body: str) -> str | None:
    html = (
        "<html><head><title>Fisheries talks</title></head><body><main><article><h1>Fisheries talks</h1>"
        f"{body}</article></main></body></html>"
    )
    return extract_article(HtmlResponse(url="https://example.org/news/fisheries", body=html.encode())).articleBody


@pytest.mark.parametrize("sentence", PROSE)
def test_a_sentence_beginning_with_a_promo_word_stays_on_a_generic_page(sentence: str) -> None:
    assert sentence in (generic(STORY + f"<p>{sentence}</p>") or "")


@pytest.mark.parametrize("promo", PROMOS)
def test_a_promo_line_leaves_a_generic_page(promo: str) -> None:
    body = generic(STORY + promo + STORY.replace("Monday", "Tuesday")) or ""
    assert "Monday" in body and "Tuesday" in body
    for text in ("Harbour dredging", "quota system began", "Ferry fares", "READ MORE", "Lesen Sie", "Fähre"):
        assert text not in body


@pytest.fixture(scope="module")
def replica() -> tuple[SampleSite, str, str]:
    site = SampleSite.demo()
    article_id = site.cases["jsonld"]
    return site, article_id, site.article_bytes(article_id, BASE).decode()


def trt_body(replica: tuple[SampleSite, str, str], insert: str) -> str:
    _, article_id, html = replica
    # after the story's first paragraph, with the paragraph markup the replica uses
    first = re.search(r'<p class="(?P<cls>[^"]+)">[^<]{80,}</p>', html)
    assert first is not None
    added = insert.replace("<p>", f'<p class="{first["cls"]}">')
    changed = html[: first.end()] + added + html[first.end() :]
    return extract_article(HtmlResponse(url=f"{BASE}/article/{article_id}", body=changed.encode())).articleBody or ""


def test_the_trt_world_body_is_unchanged_without_an_insert(replica: tuple[SampleSite, str, str]) -> None:
    _, article_id, html = replica
    plain = extract_article(HtmlResponse(url=f"{BASE}/article/{article_id}", body=html.encode())).articleBody
    assert trt_body(replica, "") == plain


@pytest.mark.parametrize("sentence", PROSE)
def test_a_related_sentence_stays_on_a_trt_world_page(replica: tuple[SampleSite, str, str], sentence: str) -> None:
    assert sentence in trt_body(replica, f"<p>{sentence}</p>")


@pytest.mark.parametrize("promo", PROMOS[:4])
def test_a_promo_line_leaves_a_trt_world_page(replica: tuple[SampleSite, str, str], promo: str) -> None:
    body = trt_body(replica, promo)
    for text in ("Harbour dredging", "quota system began", "Ferry fares", "READ MORE"):
        assert text not in body
