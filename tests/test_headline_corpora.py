"""Headline floors on both shared corpora (read from ../shared; skipped, or failed under
``NEWSBOT_REQUIRE_CORPUS=1``, when absent: see :mod:`corpus`).

The figures come from ``python bench/headlines_compare.py`` (bench/RESULTS.md, "Headlines as
shown"). Extraction is deterministic: the floors are the measured counts, so any page lost fails.
"""

from __future__ import annotations

import unicodedata

from corpus import corpus_pages, readability_pages, require_corpus, require_readability
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article

FUNDUS_RIGHT = 221  # of 258 (85.7%; 219 before breadcrumb h1s, the social title a heading shows, #18)
# of 127 pages with a title (73, 96, 99 in rounds 1-3). 95 since the page's visible wording beats the
# metadata's (#18 round 4): theverge, videos-1, mozilla-1 and title-and-h1-discrepancy expect a JSON-LD
# or <title> wording their <h1> does not show (bench/RESULTS.md, round 4)
READABILITY_RIGHT = 95


def norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


def test_fundus_headlines_stay_at_their_floor() -> None:
    pages = corpus_pages(require_corpus())
    right = sum(
        norm(extract_article(HtmlResponse(url=record["url"], body=body)).headline)
        == norm(record["expected"]["headline"])
        for record, body in pages
    )
    assert len(pages) == 258
    assert right >= FUNDUS_RIGHT, f"{right} of {len(pages)} headlines right, floor {FUNDUS_RIGHT}"


def test_readability_headlines_stay_at_their_floor() -> None:
    pages = [
        (name, expected, body)
        for name, expected, body in readability_pages(require_readability())
        if expected.get("title")
    ]
    right = sum(
        norm(extract_article(HtmlResponse(url=f"https://example.com/{name}/", body=body)).headline)
        == norm(expected["title"])
        for name, expected, body in pages
    )
    assert len(pages) == 127
    assert right >= READABILITY_RIGHT, f"{right} of {len(pages)} titles right, floor {READABILITY_RIGHT}"
