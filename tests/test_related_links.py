"""The generic typed-link finder (newsbot.extraction.related) and ``article_links`` in front of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import corpus_pages, require_corpus
from parsel import Selector
from scrapy.http import HtmlResponse

from newsbot.extraction import article_links
from newsbot.extraction.related import label_kind, typed_links
from newsbot.sample_site.second import SecondSite

PAGE = "https://www.example.de/politik/ein-ganz-langer-titel-ueber-etwas-100001.html"
STORY = "/politik/eine-andere-geschichte-ueber-den-haushalt-100002.html"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Related", "related"), ("Read more:", "related"), ("More on this story", "related"),
        ("More on Ukraine", "related"), ("Mehr zum Thema", "related"), ("Lesen Sie auch:", "related"),
        ("À lire aussi", "related"), ("Noticias relacionadas", "related"), ("Leggi anche", "related"),
        ("İlgili Haberler", "related"), ("ILGILI HABERLER", "related"), ("Leia também", "related"),
        ("Lees ook", "related"), ("You may also like", "recommended"), ("RECOMMENDED", "recommended"),
        ("Das könnte Sie auch interessieren:", "recommended"), ("Vous aimerez aussi", "recommended"),
        ("Te puede interesar", "recommended"), ("Potrebbe interessarti", "recommended"),
        ("Bunlar da ilginizi çekebilir", "recommended"), ("Você pode gostar", "recommended"),
        ("Ook interessant", "recommended"), ("Most read", "recommended"), ("More from Politics", "explore"),
        ("Explore", "explore"), ("Meistgelesen", "recommended"), ("Les plus lus", "recommended"),
        ("Lo más leído", "recommended"), ("I più letti", "recommended"), ("En çok okunanlar", "recommended"),
        ("Mais lidas", "recommended"), ("Meest gelezen", "recommended"), ("» Mehr aus Sachsen", "explore"),
        ("Ukraine", None), ("More", None), ("Related" + " words" * 20, None),
    ],
)  # fmt: skip
def test_labels_in_the_corpus_languages(label: str, kind: str | None) -> None:
    assert label_kind(label) == kind


def links_of(body: str, url: str = PAGE) -> list[tuple[str, str | None, str]]:
    page = Selector(text=f"<html><body>{body}</body></html>")
    return [(link.url, link.headline, link.kind) for link in typed_links(page, url)]


def test_a_labelled_box_gives_its_article_links_only() -> None:
    body = (
        "<div class='x'><h3>Mehr zum Thema</h3><ul>"
        f"<li><a href='{STORY}'><img src='a.jpg'></a><a href='{STORY}#c'>Eine andere Geschichte</a></li>"
        "<li><a href='/ressort/politik'>Politik</a></li>"
        "<li><a href='https://other.example/a/eine-fremde-geschichte-ueber-etwas-1'>fremd</a></li>"
        f"<li><a href='{PAGE}'>this page</a></li></ul></div>"
    )
    assert links_of(body) == [(f"https://www.example.de{STORY}", "Eine andere Geschichte", "related")]


def test_a_label_inside_a_link_is_no_label_and_a_link_named_like_a_label_has_no_headline() -> None:
    assert links_of(f"<p>Story text</p><a href='{STORY}'>Read more</a>") == []
    got = links_of(f"<div><h4>Related</h4><a href='{STORY}'>Read more</a></div>")
    assert got == [(f"https://www.example.de{STORY}", None, "related")]


def test_a_box_holding_a_whole_story_is_not_a_link_block() -> None:
    story = "".join(f"<p>{'Ein Satz der Geschichte. ' * 20}</p>" for _ in range(6))
    body = f"<div>{story}<p><strong>Related:</strong> <a href='{STORY}'>the other story</a></p>{story}</div>"
    assert links_of(f"<div>{story}<span>Related</span><a href='{STORY}'>x</a>{story}</div>") == []
    assert links_of(body) == [(f"https://www.example.de{STORY}", "the other story", "related")]


def test_a_link_of_block_elements_gives_its_title_line_not_its_kicker() -> None:
    body = (
        f"<section><h2>Auch interessant</h2><a href='{STORY}'><div><img src='i.jpg'>Netz-Streit</div>"
        "<div>Anbieter <b>gewinnt</b> Prozess<!-- teaser --> um Kabel<script>track()</script></div></a></section>"
    )
    url = f"https://www.example.de{STORY}"
    assert links_of(body) == [(url, "Anbieter gewinnt Prozess um Kabel", "recommended")]


def test_navigation_and_scripts_hold_no_labels() -> None:
    body = f"<nav><b>Most read</b><a href='{STORY}'>x</a></nav><script>var s = 'Related';</script>"
    assert links_of(body) == []


def test_the_second_replica_pages_give_their_typed_links() -> None:
    site = SecondSite()
    base = "http://127.0.0.1:8766"
    for story in site.articles():
        response = HtmlResponse(url=base + story.path, body=site.page(story.path, base).body, encoding="utf-8")
        got = {(link.url, link.headline, link.kind) for link in article_links(response)}
        want = {(link["url"], link["headline"], link["kind"]) for link in site.expected(story.id, base)["relatedLinks"]}
        assert got == want, story.path


def test_profile_links_come_first() -> None:
    """A TRT World page keeps its profile's links (the generic finder is not asked)."""
    html = (FIXTURES / "replica" / "jsonld.html").read_bytes()
    response = HtmlResponse(url="http://127.0.0.1:8765/article/x", body=html, encoding="utf-8")
    links = article_links(response)
    assert links and {link.kind for link in links} <= {"related", "recommended", "explore"}
    assert all("/article/" in link.url for link in links)


def test_every_corpus_page_is_read_and_most_sites_blocks_are_found() -> None:
    """Floor measured on the shared corpus (130 of 258 pages had typed links when written)."""
    folder = require_corpus()
    with_links = 0
    for record, html in corpus_pages(folder):
        links = typed_links(Selector(text=html.decode("utf-8", "replace")), record["url"])
        assert all(link.kind in ("related", "recommended", "explore") for link in links)
        with_links += bool(links)
    assert with_links >= 120
