"""The generic layers on small hand-written pages, one failure class of issue 10 per test.

Every page here is written for the test (its story text is made up); none is copied from a site.
"""

from __future__ import annotations

import json

import pytest
from scrapy.http import HtmlResponse

from newsbot.extraction import article_page, extract_article
from newsbot.extraction.names import once, unique_authors, visible_name
from newsbot.items import Author
from newsbot.sites import SITES, Site, SiteRegistry, page_for, site_for
from newsbot.sites import extract_article as site_extract_article
from newsbot.sites.trtworld.page import TrtWorldArticle

URL = "https://news.example.org/2025/05/06/ferry-timetable"
SENTENCES = [
    "The island ferry will run every forty minutes from the first of June.",
    "Harbour staff said the new timetable follows two years of complaints about long waits.",
    "Residents of the northern villages welcomed the change at a meeting on Tuesday evening.",
    "The operator plans to add a second boat during the summer holidays.",
    "Tickets bought before the change remain valid until the end of the month.",
    "A public consultation on night crossings opens next week and runs for six weeks.",
]
STORY = " ".join(SENTENCES)


def page(body: str, head: str = "", url: str = URL, encoding: str = "utf-8") -> HtmlResponse:
    html = f"<html><head><title>Ferry timetable</title>{head}</head><body>{body}</body></html>"
    return HtmlResponse(url=url, body=html.encode(encoding), encoding=encoding)


def body_of(body: str, head: str = "") -> str:
    return extract_article(page(body, head)).articleBody or ""


def paragraphs(html: str) -> list[str]:
    return (extract_article(page(html)).articleBody or "").split("\n\n")


def teasers(count: int = 8) -> str:
    items = "".join(
        f'<li><a href="/other/{n}">Other story number {n} about the regional council budget</a>'
        f"<p>A short blurb of the other story {n}, written to tempt a reader into clicking through.</p></li>"
        for n in range(count)
    )
    return f"<ul>{items}</ul>"


# -- no <p>: text in div/span runs split by <br>; one <p> then text-only divs --------------------
def test_text_in_a_div_split_by_br_is_the_story_and_no_words_are_glued() -> None:
    runs = "<br><br>".join(f"<span>{s}</span>" for s in SENTENCES)
    assert paragraphs(f"<div class='x'>{runs}</div>") == SENTENCES


def test_a_single_br_never_glues_two_words() -> None:
    body = body_of(f"<div>{SENTENCES[0]}<br>{SENTENCES[1]}<br>{SENTENCES[2]} {SENTENCES[3]}</div>")
    assert "2025June" not in body and "June.Harbour" not in body.replace(" ", "")
    assert body.split("\n\n")[:2] == SENTENCES[:2]


def test_one_paragraph_followed_by_text_only_divs_keeps_them_all() -> None:
    divs = "".join(f"<div>{s}</div>" for s in SENTENCES[1:])
    assert paragraphs(f"<article><p>{SENTENCES[0]}</p>{divs}</article>") == SENTENCES


# -- a <form> wrapping the whole page; furniture wrapping the page --------------------------------
def test_a_form_wrapping_the_whole_page_still_yields_the_story() -> None:
    story = "".join(f"<p>{s}</p>" for s in SENTENCES)
    html = f"<form action='/postback' method='post'><input type='hidden' name='state'><div>{story}</div></form>"
    assert paragraphs(html) == SENTENCES


def test_an_unclosed_aside_wrapping_the_story_is_read_again_as_text() -> None:
    story = "".join(f"<p>{s}</p>" for s in SENTENCES)
    assert paragraphs(f"<aside><div>Menu</div><article>{story}</article>") == SENTENCES


# -- the wrong block winning --------------------------------------------------------------------
def test_a_long_comment_section_does_not_beat_a_short_story() -> None:
    story = "".join(f"<p>{s}</p>" for s in SENTENCES[:3])
    comments = "".join(
        f"<li><div>reader{n}</div><p>{SENTENCES[(n + 3) % 6]} I have said so for years, and nobody listened.</p></li>"
        for n in range(10)
    )
    html = f"<main><article>{story}</article><section><h2>Comments</h2><ol>{comments}</ol></section></main>"
    assert paragraphs(html) == SENTENCES[:3]


def test_a_cookie_dialog_with_more_text_than_the_story_is_left_out() -> None:
    consent = " ".join(["We and our partners store and read information on your device for the purposes below."] * 8)
    story = "".join(f"<p>{s}</p>" for s in SENTENCES[:3])
    html = f"<div role='dialog' aria-modal='true'><p>{consent}</p></div><article>{story}</article>"
    assert paragraphs(html) == SENTENCES[:3]


def test_a_teaser_list_does_not_beat_a_short_story() -> None:
    story = "".join(f"<p>{s}</p>" for s in SENTENCES[:3])
    assert paragraphs(f"<div><article>{story}</article><div>{teasers()}</div></div>") == SENTENCES[:3]


def test_a_newsletter_box_inside_the_story_is_left_out() -> None:
    box = (
        "<div><h3>Newsletter</h3><p>Sign up for our morning briefing and get the news before breakfast.</p>"
        "<form><input type='email'><button>Subscribe</button></form></div>"
    )
    story = "".join(f"<p>{s}</p>" for s in SENTENCES[:3]) + box + "".join(f"<p>{s}</p>" for s in SENTENCES[3:])
    assert paragraphs(f"<article>{story}</article>") == SENTENCES


# -- lists and tables inside the story -------------------------------------------------------------
def test_list_items_definitions_and_table_cells_in_the_story_are_kept() -> None:
    html = (
        f"<article><p>{SENTENCES[0]}</p><ul><li>Departures from the mainland every forty minutes</li>"
        "<li>Return crossings on the hour and at twenty to</li></ul>"
        "<dl><dt>Night service</dt><dd>Only on Fridays and Saturdays until midnight</dd></dl>"
        "<table><tr><td>Adult single fare</td><td>four euros fifty</td></tr></table>"
        f"<p>{SENTENCES[1]}</p></article>"
    )
    body = body_of(html)
    for text in ("Departures from the mainland", "Return crossings", "Only on Fridays", "four euros fifty"):
        assert text in body
    assert body.startswith(SENTENCES[0]) and body.endswith(SENTENCES[1])


# -- a story split over sibling containers, its lede kept apart ----------------------------------
def test_a_story_split_over_sibling_containers_is_read_whole() -> None:
    first = "".join(f"<p>{s}</p>" for s in SENTENCES[:3])
    second = "".join(f"<p>{s}</p>" for s in SENTENCES[3:])
    html = f"<article><div><div>{first}</div></div><div class='ad'></div><div><div>{second}</div></div></article>"
    assert paragraphs(html) == SENTENCES


def test_paragraphs_each_wrapped_in_their_own_nest_of_divs_are_read_whole() -> None:
    nested = "".join(f"<div><div><div><p>{s}</p></div></div></div>" for s in SENTENCES)
    assert paragraphs(f"<main>{nested}</main>") == SENTENCES


def test_a_lede_kept_apart_from_the_rest_of_the_story_is_kept() -> None:
    rest = "".join(f"<p>{s}</p>" for s in SENTENCES[1:])
    html = f"<article><div><p>{SENTENCES[0]}</p></div><div><span>By A. Writer</span></div><div>{rest}</div></article>"
    assert paragraphs(html)[0] == SENTENCES[0]


# -- boilerplate inside the container -----------------------------------------------------------
def test_related_headlines_promos_captions_and_inline_script_are_left_out() -> None:
    html = (
        f"<article><p>{SENTENCES[0]}</p>"
        "<figure><img src='/ferry.jpg'><figcaption>The ferry leaving the harbour at dawn</figcaption></figure>"
        f"<p>{SENTENCES[1]}</p><p>Read more: <a href='/x'>Island bus routes to change in autumn</a></p>"
        "<div><h4>Related</h4><ul><li><a href='/a'>Bridge repairs delayed</a></li>"
        "<li><a href='/b'>New pier opens</a></li></ul></div>"
        f"<p>{SENTENCES[2]}<script>window.ads = {{slot: 'mid'}};</script></p><p>Advertisement</p>"
        f"<p>{SENTENCES[3]}</p></article>"
    )
    assert paragraphs(html) == SENTENCES[:4]


# -- text hygiene -----------------------------------------------------------------------------------
def test_script_text_inside_a_paragraph_is_not_story_text() -> None:
    body = body_of(f"<article><p>{SENTENCES[0]}<script>var x = 1;</script></p><p>{SENTENCES[1]}</p></article>")
    assert "var x" not in body and body == f"{SENTENCES[0]}\n\n{SENTENCES[1]}"


def test_json_ld_body_with_escaped_markup_is_read_as_markup_not_literal_tags() -> None:
    escaped = "".join(f"&lt;p&gt;{s}&lt;/p&gt;" for s in SENTENCES)
    jsonld = json.dumps({"@type": "NewsArticle", "articleBody": escaped})
    item = extract_article(page("<div>Short.</div>", f'<script type="application/ld+json">{jsonld}</script>'))
    assert item.articleBody == "\n\n".join(SENTENCES) and item.metadata["extractor"] == "generic:jsonld"


def test_json_ld_body_with_markup_gets_paragraph_breaks_and_one_decoding() -> None:
    markup = f"<p>{SENTENCES[0]}</p><p>Fish &amp; chips on board.<br>{SENTENCES[1]}</p>"
    jsonld = json.dumps({"@type": "NewsArticle", "articleBody": markup})
    item = extract_article(page("<div>Short.</div>", f'<script type="application/ld+json">{jsonld}</script>'))
    assert item.articleBody == f"{SENTENCES[0]}\n\nFish & chips on board.\n\n{SENTENCES[1]}"


def test_a_json_ld_body_of_another_text_loses_to_the_visible_story() -> None:
    other = " ".join(["An unrelated text about a football match that ended in a draw."] * 10)
    jsonld = json.dumps({"@type": "NewsArticle", "articleBody": other})
    story = "".join(f"<p>{s}</p>" for s in SENTENCES)
    item = extract_article(page(f"<article>{story}</article>", f'<script type="application/ld+json">{jsonld}</script>'))
    assert item.articleBody == "\n\n".join(SENTENCES) and item.metadata["extractor"] == "generic:visible"


def test_a_utf8_page_under_a_stale_single_byte_charset_is_read_as_utf8() -> None:
    text = "Überfahrt zur Insel: Fährpläne ändern sich ab Juni für alle Linien."
    html = f"<html><head><meta charset='iso-8859-15'></head><body><article><p>{text}</p></article></body></html>"
    item = extract_article(HtmlResponse(url=URL, body=html.encode("utf-8")))
    assert item.articleBody == text


def test_a_real_single_byte_page_keeps_its_charset() -> None:
    text = "Überfahrt zur Insel: Fährpläne ändern sich ab Juni für alle Linien."
    html = f"<html><head><meta charset='iso-8859-15'></head><body><article><p>{text}</p></article></body></html>"
    item = extract_article(HtmlResponse(url=URL, body=html.encode("iso-8859-15")))
    assert item.articleBody == text


# -- bylines: a name in the markup twice --------------------------------------------------------------
@pytest.mark.parametrize(
    "markup",
    [
        "<a href='/author/ali.topchi'><span>Ali Topchi</span><span class='sr'>Ali Topchi</span></a>",
        "<a href='/author/ali.topchi'>Ali Topchi<span aria-hidden='true'>Ali Topchi</span></a>",
        "<a href='/author/ali.topchi'>Ali TopchiAli Topchi</a>",
        "<a href='/author/ali.topchi'><b>Ali</b> <b>Topchi</b></a>",
    ],
)
def test_a_byline_name_written_twice_reads_once(markup: str) -> None:
    from lxml import html as lxml_html

    assert visible_name(lxml_html.fragment_fromstring(markup)) == "Ali Topchi"


def test_authors_come_out_once() -> None:
    authors = [Author(name="Ali Topchi"), Author(name="ali topchi", url="https://x.test/author/ali"), Author("Bo Li")]
    assert unique_authors(authors) == [Author("Ali Topchi", "https://x.test/author/ali"), Author("Bo Li")]
    assert once("Bo Li Bo Li") == "Bo Li" and once("Anna") == "Anna"


TRT_URL = "https://www.trtworld.com/article/0123456789ab"


def trt_page(extra: str) -> HtmlResponse:
    story = "".join(f"<p>{s}</p>" for s in SENTENCES)
    html = (
        "<html><head><title>Ferry timetable - TRT World</title></head><body><main><h1>Ferry timetable</h1>"
        f"{extra}<div>{story}<div><span>SOURCE:</span><span>AA</span></div></div></main></body></html>"
    )
    return HtmlResponse(url=TRT_URL, body=html.encode(), encoding="utf-8")


def test_trt_world_source_label_and_value_in_separate_elements() -> None:
    item = site_extract_article(trt_page(""))
    assert item.sourceCredit == "AA"
    assert item.articleBody == "\n\n".join(SENTENCES)


def test_trt_world_byline_with_a_screen_reader_copy_gives_one_author() -> None:
    byline = "<a href='/author/ali.topchi'><span>Ali Topchi</span><span>Ali Topchi</span></a>"
    item = site_extract_article(trt_page(byline))
    assert [(a.name, a.url) for a in item.authors] == [("Ali Topchi", "https://www.trtworld.com/author/ali.topchi")]


# -- site profiles by host --------------------------------------------------------------------------
def test_pages_pick_their_profile_by_host() -> None:
    story = "".join(f"<p>{s}</p>" for s in SENTENCES)
    for url in (
        TRT_URL,
        "https://trtworld.com/article/0123456789ab",
        "https://www.trt.global/world/article/0123456789ab",
    ):
        assert isinstance(article_page(page(story, url=url), page_for=page_for), TrtWorldArticle)
    assert type(article_page(page(story), page_for=page_for)).__name__ == "ArticlePage"


def test_adding_a_site_is_one_page_class_and_one_declaration() -> None:
    from newsbot.extraction.page import ArticlePage

    class HarbourNews(ArticlePage):
        extractor_name = "harbournews"

    harbour = Site(
        name="harbournews",
        base_url="https://harbour.example",
        domain="harbour.example",
        canonicaliser=lambda base_url: SITES.named("trtworld").canonicaliser(base_url),
        page=lambda u, s, urls: HarbourNews(u, s),
        fixtures="tests/fixtures/sites/harbournews",
    )
    sites = SiteRegistry([*SITES.sites, harbour])
    item = sites.extract_article(page("<article><p>" + STORY + "</p></article>", url="https://m.harbour.example/a/1"))
    assert item.metadata["extractor"] == "harbournews:visible"
    assert sites.site_for("https://notharbour.example/a", page("").selector) is None  # whole labels only
    assert site_for("https://m.harbour.example/a/1", page("").selector) is None  # declared in that registry only


def test_a_credit_naming_several_people_gives_each_once() -> None:
    jsonld = json.dumps({"@type": "NewsArticle", "author": {"name": "Jane Roe (jr) und John Doe, dpa"}})
    item = extract_article(
        page(f"<article><p>{STORY}</p></article>", f'<script type="application/ld+json">{jsonld}</script>')
    )
    assert [a.name for a in item.authors] == ["Jane Roe", "John Doe"]  # dpa: a wire service, no person


def test_without_structured_authors_the_byline_links_are_read() -> None:
    byline = "<div>By <a rel='author' href='/people/jane-roe'>By Jane Roe</a></div>"
    menu = "<nav><a href='/author/someone-else'>Someone Else</a></nav>"
    item = extract_article(page(f"{menu}<article>{byline}<p>{STORY}</p></article>"))
    assert [(a.name, a.url) for a in item.authors] == [("Jane Roe", "https://news.example.org/people/jane-roe")]
    item = extract_article(page(f"{menu}<article><a href='/author/jane-roe'>Jane Roe</a><p>{STORY}</p></article>"))
    assert [a.name for a in item.authors] == ["Jane Roe"]


def test_a_title_suffix_naming_the_sites_host_is_dropped() -> None:
    head = "<meta property='og:title' content='Ferry timetable changes - News.example.org'>"
    assert extract_article(page(f"<p>{STORY}</p>", head)).headline == "Ferry timetable changes"


def test_a_lede_in_the_story_header_or_before_the_story_is_kept() -> None:
    head = f"<meta name='description' content='{SENTENCES[0]}'>"
    rest = "".join(f"<p>{s}</p>" for s in SENTENCES[1:])
    in_header = f"<article><header><h1>Ferry</h1><p>{SENTENCES[0]}</p></header><div>{rest}</div></article>"
    assert body_of(in_header, head).split("\n\n") == SENTENCES
    apart = f"<div><div class='intro'><span>{SENTENCES[0]}</span></div><div><span>By A. Writer</span></div></div>"
    assert body_of(f"{apart}<div><div>{rest}</div></div>", head).split("\n\n") == SENTENCES


def test_short_widget_labels_loose_in_divs_are_left_out() -> None:
    runs = "<br><br>".join(SENTENCES)
    widgets = "<div><span>Log in</span></div><div>facebook</div>"
    assert paragraphs(f"<div>{runs}{widgets}</div>") == SENTENCES


def test_a_sign_up_box_with_an_email_form_inside_the_story_is_left_out() -> None:
    box = (
        "<div><p>The Morning Tide</p><p>Every weekday at six, the day's harbour news in your inbox, so you miss"
        " nothing.</p><form action='/nl'><input type='email' name='e'><button>Go</button></form></div>"
    )
    story = "".join(f"<p>{s}</p>" for s in SENTENCES[:3]) + box + "".join(f"<p>{s}</p>" for s in SENTENCES[3:])
    assert paragraphs(f"<article>{story}</article>") == SENTENCES


def test_credit_and_date_lines_inside_the_story_are_left_out() -> None:
    story = "".join(f"<p>{s}</p>" for s in SENTENCES)
    html = f"<article><p>By Jane Roe</p><p>Updated: 04.05.2025, 10:15</p>{story}<p>Photos: Harbour Office</p></article>"
    assert paragraphs(html) == SENTENCES


def test_the_story_under_the_pages_title_wins_over_a_longer_next_story_below() -> None:
    first = "".join(f"<p>{s}</p>" for s in SENTENCES[:3])
    longer = "".join(f"<p>{s} The next story repeats this to be longer.</p>" for s in SENTENCES)
    html = f"<main><article><h1>Ferry timetable</h1>{first}</article><article><h2>Next</h2>{longer}</article></main>"
    assert paragraphs(html) == SENTENCES[:3]


def test_a_caption_right_under_an_image_is_left_out_but_a_story_paragraph_there_is_kept() -> None:
    story = "".join(f"<p>{s}</p>" for s in SENTENCES[1:])
    html = (
        f"<article><p>{SENTENCES[0]}</p><div><img src='/ferry.jpg'></div>"
        f"<p>The ferry at dawn (Photo: Harbour Office)</p><img src='/pier.jpg'>{story}</article>"
    )
    assert paragraphs(html) == SENTENCES


def test_continue_reading_and_copyright_lines_are_left_out() -> None:
    first, rest = (("".join(f"<p>{s}</p>" for s in part)) for part in (SENTENCES[:3], SENTENCES[3:]))
    html = f"<article>{first}<p>Story continues below advertisement</p>{rest}<p>© 2025 Harbour News</p></article>"
    assert paragraphs(html) == SENTENCES
