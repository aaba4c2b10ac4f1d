"""The generic layers on small hand-made pages: structured data first, visible page last."""

from __future__ import annotations

from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article

URL = "https://news.example.org/2025/03/04/harbour-wall"
PARAGRAPHS = [f"Paragraph {n} of the story about the harbour wall, long enough to count as text." for n in range(8)]
BODY = "".join(f"<p>{text}</p>" for text in PARAGRAPHS[:4])
# the whole story in JSON-LD; the page shows its first half (a paywall)
STORY = " ".join(PARAGRAPHS)


def page(head: str, body: str = "") -> HtmlResponse:
    html = f"<html lang='en'><head>{head}</head><body><main><article>{body}{BODY}</article></main></body></html>"
    return HtmlResponse(url=URL, body=html.encode(), encoding="utf-8")


def test_site_suffix_of_a_title_is_dropped_when_the_h1_shows_the_headline() -> None:
    item = extract_article(
        page('<meta property="og:title" content="Harbour wall ready | City News">', "<h1>Harbour wall ready</h1>")
    )
    assert item.headline == "Harbour wall ready"


def test_site_suffix_named_by_og_site_name_is_dropped() -> None:
    head = (
        '<meta property="og:title" content="Harbour wall ready - City News">'
        '<meta property="og:site_name" content="City News">'
    )
    assert extract_article(page(head)).headline == "Harbour wall ready"


def test_a_dash_in_the_headline_is_kept_unless_the_h1_says_otherwise() -> None:
    head = '<meta property="og:title" content="Port strike - day two">'
    # the page's own h1 says "Port strike": the rest is a suffix; without an h1 nothing is cut
    assert extract_article(page(head, "<h1>Port strike</h1>")).headline == "Port strike"
    assert extract_article(page(head)).headline == "Port strike - day two"


def test_json_ld_wins_over_head_metadata_and_gives_the_body_layer() -> None:
    jsonld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebSite"},'
        ' {"@type": "NewsArticle", "headline": "From JSON-LD", "datePublished": "2025-03-04T10:15:00+03:00",'
        ' "author": [{"@type": "Person", "name": "Ayşe Demir", "url": "/people/ayse"}],'
        f' "articleBody": "{STORY}"}}]}}</script>'
    )
    item = extract_article(page(jsonld + '<meta property="og:title" content="From og">'))
    assert item.headline == "From JSON-LD"
    assert item.datePublished == "2025-03-04T10:15:00+03:00"
    assert [(a.name, a.url) for a in item.authors] == [("Ayşe Demir", "https://news.example.org/people/ayse")]
    assert item.articleBody == STORY and item.metadata["extractor"] == "generic:jsonld"


def test_a_json_ld_teaser_loses_to_a_much_longer_visible_body() -> None:
    teaser = '<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": "Harbour wall."}</script>'
    item = extract_article(page(teaser))
    assert item.articleBody.startswith("Paragraph 0") and item.metadata["extractor"] == "generic:visible"


def test_broken_json_ld_falls_back_to_the_next_layer() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script><title>Plain title</title>'
    item = extract_article(page(head))
    assert item.headline == "Plain title"
    assert item.articleBody.startswith("Paragraph 0") and item.metadata["extractor"] == "generic:visible"
