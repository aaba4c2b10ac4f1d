"""Cleaning and canonicalisation units."""

from __future__ import annotations

import json

import pytest
from scrapy.http import HtmlResponse

from newsbot.cleaning import (
    clean_article,
    clean_body,
    clean_text,
    clean_url,
    join_url,
    normalise_date,
    split_url,
    storable,
    to_timestamp,
)
from newsbot.extraction import extract_article
from newsbot.items import ArticleItem, Author, Image, Link, item_to_dict
from newsbot.sites.trtworld.urls import canonicaliser

TRT = canonicaliser("https://www.trtworld.com")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Ankara &amp; <b>Istanbul</b>\n\tmeet ", "Ankara & Istanbul meet"),
        ("zero\u200bwidth\u00adhyphen", "zerowidthhyphen"),
        ("Cafe\u0301", "Café"),
        ("   ", None),
        (None, None),
        ("5 &lt; 7", "5 < 7"),
    ],
)
def test_clean_text(raw: str | None, expected: str | None) -> None:
    assert clean_text(raw) == expected


def test_clean_body_keeps_paragraphs_and_drops_empty_ones() -> None:
    assert clean_body("First  para.\r\n\r\n \n\nSecond <i>para</i>.\n\n\n") == "First para.\n\nSecond para."
    assert clean_body("\n\n") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-12-06T14:05:00+03:00", "2024-12-06T14:05:00+03:00"),
        ("2024-12-06T11:05:00.000Z", "2024-12-06T11:05:00+00:00"),
        ("2024-12-06 11:05:00+00:00", "2024-12-06T11:05:00+00:00"),
        ("Fri, 06 Dec 2024 11:05:00 GMT", "2024-12-06T11:05:00+00:00"),
        ("Fri, 06 Dec 2024 14:05:00 +0300", "2024-12-06T14:05:00+03:00"),
        ("December 6, 2024", "2024-12-06"),
        ("6 Dec 2024", "2024-12-06"),
        ("2024-12-06", "2024-12-06"),
        ("2024-12-06T11:05:00", "2024-12-06T11:05:00"),
        ("Smarch 6, 2024", None),
        ("February 30, 2024", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_normalise_date(raw: str, expected: str | None) -> None:
    assert normalise_date(raw) == expected
    if expected is not None:
        assert normalise_date(expected) == expected  # idempotent


def test_to_timestamp_reads_offsets() -> None:
    assert to_timestamp("2024-12-06T14:05:00+03:00") == to_timestamp("2024-12-06T11:05:00Z")
    assert to_timestamp(None) is None


def test_clean_url_drops_tracking_and_fragment() -> None:
    assert clean_url("https://example.org/a?utm_source=x&b=2&fbclid=1#top") == "https://example.org/a?b=2"


@pytest.mark.parametrize(
    "variant",
    [
        "https://www.trtworld.com/article/0a1b2c3d4e5f",
        "http://www.trtworld.com/article/0a1b2c3d4e5f",
        "https://trtworld.com/article/0a1b2c3d4e5f/",
        "https://www.trtworld.com/article/0A1B2C3D4E5F",
        "https://www.trtworld.com/article/0a1b2c3d4e5f?utm_source=twitter&utm_medium=social",
        "https://www.trtworld.com/article/0a1b2c3d4e5f#comments",
        "https://trt.global/world/article/0a1b2c3d4e5f",
        "https://www.trtworld.com/world/article/0a1b2c3d4e5f",
    ],
)
def test_one_article_id_is_one_url(variant: str) -> None:
    assert TRT.canonical(variant) == "https://www.trtworld.com/article/0a1b2c3d4e5f"


def test_legacy_ids_and_slugs() -> None:
    assert TRT.canonical("https://trtworld.com/article/18240571") == "https://www.trtworld.com/article/18240571"
    assert TRT.canonical("https://www.trtworld.com/turkiye/a-story-slug-18240571") == (
        "https://www.trtworld.com/article/18240571"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://www.trtworld.com/video/0a1b2c3d4e5f",
        "https://www.trtworld.com/video/showcase/a-film-12345678",
        "https://www.trtworld.com/author/jane.doe",
        "https://www.aa.com.tr/en/article/0a1b2c3d4e5f",
    ],
)
def test_non_articles_have_no_article_id(url: str) -> None:
    assert TRT.article_id(url) is None


def test_off_site_urls_are_only_cleaned() -> None:
    assert TRT.canonical("https://www.aa.com.tr/en/x?utm_source=a") == "https://www.aa.com.tr/en/x"
    assert TRT.canonical("mailto:desk@example.org") is None


def test_replica_base_url() -> None:
    replica = canonicaliser("http://127.0.0.1:8765")
    assert replica.canonical("http://127.0.0.1:8765/world/article/0a1b2c3d4e5f/?ito=x") == (
        "http://127.0.0.1:8765/article/0a1b2c3d4e5f"
    )
    assert replica.article_id("http://127.0.0.1:9999/article/0a1b2c3d4e5f") is None


def test_clean_article_is_idempotent_and_invents_nothing() -> None:
    raw = ArticleItem(
        url="https://trtworld.com/article/0a1b2c3d4e5f?utm_source=x",
        headline="  A  <em>headline</em> ",
        articleBody="One.\n\n\n Two &amp; three. ",
        authors=[Author(" Jane  Doe "), Author("jane doe"), Author("")],
        datePublishedRaw="December 6, 2024",
        inLanguage="en_US",
        mainImage=Image(url="https://images-cdn.trtworld.com/x.jpeg#f", caption=" A caption ", credit=None),
        keywords=["Syria", " Syria ", ""],
        relatedLinks=[
            Link("https://trtworld.com/article/00000000000a", " Other ", "related"),
            Link("https://www.trtworld.com/article/00000000000a?utm_source=x", "Other", "related"),
        ],
    )
    cleaned = clean_article(raw, TRT)
    assert cleaned.url == "https://trtworld.com/article/0a1b2c3d4e5f"
    assert cleaned.canonicalUrl == "https://www.trtworld.com/article/0a1b2c3d4e5f"
    assert cleaned.headline == "A headline"
    assert cleaned.articleBody == "One.\n\nTwo & three."
    assert [a.name for a in cleaned.authors] == ["Jane Doe"]
    assert cleaned.datePublished == "2024-12-06"
    assert cleaned.dateModified is None and cleaned.description is None
    assert cleaned.inLanguage == "en-US"
    assert cleaned.mainImage == Image(url="https://images-cdn.trtworld.com/x.jpeg", caption="A caption", credit=None)
    assert cleaned.keywords == ["Syria"]
    assert cleaned.relatedLinks == [Link("https://www.trtworld.com/article/00000000000a", "Other", "related")]
    assert clean_article(cleaned, TRT) == cleaned


# -- text every store accepts: no control characters, no lone surrogates ---------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Gaza\ud800 talks", "Gaza talks"),
        ("\udfffTalks\ud800", "Talks"),
        ("Talks \U0001f600 resume", "Talks \U0001f600 resume"),
        ("Ankara\x00 talks", "Ankara talks"),
        ("bell\x07 and escape\x1b", "bell and escape"),
        ("DEL\x7f and C1\x9f\x80", "DEL and C1"),
        ("form\x0cfeed and next\x85line", "form feed and next line"),
        ("\x00\x01\ud800", None),
        ("Türkiye’s — “quoted”", "Türkiye’s — “quoted”"),
    ],
)
def test_clean_text_drops_control_characters_and_lone_surrogates(raw: str, expected: str | None) -> None:
    assert clean_text(raw) == expected


def test_storable_keeps_tabs_and_newlines() -> None:
    assert storable("a\tb\nc\r\nd\x00e\ud800f\x9fg") == "a\tb\nc\r\nd" + "efg"
    assert storable("plain text") == "plain text"


def test_clean_body_keeps_paragraph_breaks_and_drops_controls() -> None:
    assert clean_body("First\x00 para\ud800.\n\nSecond\x0b para.\x1f") == "First para.\n\nSecond para."


def every_text(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, entry in value.items() for text in (key, *every_text(entry))]
    if isinstance(value, list):
        return [text for entry in value for text in every_text(entry)]
    return []


def test_clean_article_leaves_no_control_character_or_lone_surrogate_in_any_field() -> None:
    dirty = "\ud800\x00\x01\x1b\x7f\x85\x9f"
    raw = ArticleItem(
        url=f"https://www.trtworld.com/article/0a1b2c3d4e5f{dirty}",
        canonicalUrl=f"https://www.trtworld.com/article/0a1b2c3d4e5f{dirty}",
        headline=f"Head{dirty}line",
        description=f"Stand{dirty}first",
        articleBody=f"One{dirty}.\n\nTwo{dirty}.",
        authors=[Author(f"Jane{dirty} Doe", f"https://www.trtworld.com/author/jane{dirty}")],
        datePublishedRaw=f"December 6, 2024{dirty}",
        dateModified=f"2024-12-07T10:00:00+03:00{dirty}",
        inLanguage=f"en{dirty}",
        mainImage=Image(
            url=f"https://images-cdn.trtworld.com/x{dirty}.jpeg", caption=f"Cap{dirty}tion", credit=f"AFP{dirty}"
        ),
        articleSection=f"World{dirty}",
        keywords=[f"Gaza{dirty}", f"Aid{dirty}"],
        sourceCredit=f"Agencies{dirty}",
        relatedLinks=[Link(f"https://www.trtworld.com/article/00000000000a{dirty}", f"Other{dirty}", "related")],
        metadata={"extractor": "trtworld:jsonld", "etag": f'"abc{dirty}"'},
    )
    cleaned = clean_article(raw, TRT)
    assert cleaned.headline == "Head line"  # NEL counts as a space, the rest is dropped
    assert cleaned.description == "Stand first"
    assert cleaned.articleBody == "One .\n\nTwo ."
    assert cleaned.authors == [Author("Jane Doe", "https://www.trtworld.com/author/jane")]
    assert cleaned.datePublished == "2024-12-06" and cleaned.dateModified == "2024-12-07T10:00:00+03:00"
    assert cleaned.inLanguage == "en"
    assert cleaned.mainImage == Image(url="https://images-cdn.trtworld.com/x.jpeg", caption="Cap tion", credit="AFP")
    assert cleaned.keywords == ["Gaza", "Aid"] and cleaned.articleSection == "World"
    assert cleaned.sourceCredit == "Agencies"
    assert cleaned.relatedLinks == [Link("https://www.trtworld.com/article/00000000000a", "Other", "related")]
    assert cleaned.metadata == {"extractor": "trtworld:jsonld", "etag": '"abc"'}
    texts = every_text(item_to_dict(cleaned))
    assert [text for text in texts if any((ord(c) < 32 and c not in "\n\t") or 127 <= ord(c) < 160 for c in text)] == []
    assert [text for text in texts if any(0xD800 <= ord(c) < 0xE000 for c in text)] == []
    json.dumps(item_to_dict(cleaned), ensure_ascii=False).encode("utf-8")  # raised before: "surrogates not allowed"
    assert clean_article(cleaned, TRT) == cleaned


def test_a_lone_surrogate_in_a_jsonld_headline_yields_a_storable_item() -> None:
    jsonld = {"@type": "NewsArticle", "headline": "Talks \ud800resume in Doha", "author": {"name": "Ana\udfff Lee"}}
    html = (
        f'<html><head><script type="application/ld+json">{json.dumps(jsonld)}</script></head>'
        "<body><p>Negotiators returned to the table on Monday after a week of shuttle diplomacy.</p></body></html>"
    )
    item = extract_article(HtmlResponse(url="https://news.example.org/a/1", body=html.encode()))
    assert item.headline == "Talks resume in Doha"
    assert [author.name for author in item.authors] == ["Ana Lee"]
    json.dumps(item_to_dict(item), ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(
    "url", ["http://[oops", "//[x]/a", "http://[::1", "https://example.org:99999/", "http://a:b:c/"]
)
def test_urls_python_or_w3lib_reject_are_no_url(url: str) -> None:
    assert clean_url(url) is None
    assert TRT.canonical(url) is None and TRT.article_id(url) is None


def test_join_url_resolves_and_refuses() -> None:
    assert join_url("https://e.org/a/b", " ../c ") == "https://e.org/c"
    assert join_url("https://e.org/a/b", "http://[oops") is None
    assert join_url("http://[oops", "/a") is None
    assert split_url("http://[oops") is None
    assert split_url("https://e.org/a").netloc == "e.org"  # type: ignore[union-attr]


# -- clean text skips the cleaning passes; anything one pass would change still goes through them --


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Talks\u00a0resume", "Talks resume"),
        ("Talks\u2009resume", "Talks resume"),
        ("Talks\u2028resume", "Talks resume"),
        ("Talks\tresume", "Talks resume"),
        ("Talks\nresume", "Talks resume"),
        ("Talks  resume", "Talks resume"),
        (" Talks resume", "Talks resume"),
        ("Talks resume ", "Talks resume"),
        ("Talks\u200bresume", "Talksresume"),
        ("Talks\u00adresume", "Talksresume"),
        ("Talks\ufeff resume", "Talks resume"),
        ("AT&amp;T talks", "AT&T talks"),
        ("Talks <b>resume</b>", "Talks resume"),
        ("İzmir Cafe\u0301 talks", "İzmir Café talks"),
        ("Talks resume\ud800", "Talks resume"),
        ("Talks\x1bresume", "Talksresume"),
    ],
)
def test_one_unclean_character_in_clean_text_is_cleaned(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("One.\nTwo.", "One. Two."),
        ("One.\n\n\nTwo.", "One.\n\nTwo."),
        ("One.\n\n\n\nTwo.", "One.\n\nTwo."),
        ("One. \n\nTwo.", "One.\n\nTwo."),
        ("One.\n\n Two.", "One.\n\nTwo."),
        ("\n\nOne.\n\nTwo.", "One.\n\nTwo."),
        ("One.\n\nTwo.\n\n", "One.\n\nTwo."),
        ("One.\r\n\r\nTwo.", "One.\n\nTwo."),
        ("One\u00a0more.\n\nTwo.", "One more.\n\nTwo."),
        ("Cafe\u0301.\n\nTwo &amp; three.", "Café.\n\nTwo & three."),
        ("One.\n\nTwo\ud800.", "One.\n\nTwo."),
    ],
)
def test_one_unclean_character_in_a_clean_body_is_cleaned(raw: str, expected: str) -> None:
    assert clean_body(raw) == expected


def test_clean_text_and_body_come_back_as_they_are() -> None:
    text = "Türkiye’s “talks” resume in İzmir — 5 > 3"
    body = f"{text}.\n\nSecond paragraph, café.\n\nThird."
    assert clean_text(text) is text
    assert clean_body(body) is body
    assert clean_text("") is None and clean_body("") is None


# -- entities are decoded before markup is removed; only what a browser renders as markup goes --
def _jsonld_page(headline: str, visible_headline: str, lead: str) -> HtmlResponse:
    jsonld = {"@type": "NewsArticle", "headline": headline, "datePublished": "2025-01-02T10:00:00Z"}
    html = (
        f'<html><head><script type="application/ld+json">{json.dumps(jsonld)}</script></head>'
        f"<body><article><h1>{visible_headline}</h1><p>{lead}</p>"
        "<p>Negotiators returned to the table on Monday after a week of shuttle diplomacy.</p></article></body></html>"
    )
    return HtmlResponse(url="https://news.example.org/2025/01/02/story", body=html.encode())


@pytest.mark.parametrize(
    "headline",
    ["&lt;b&gt;Bold&lt;/b&gt; move by the council", "&lt;em&gt;Bold&lt;/em&gt; move by the council&lt;br&gt;"],
)
def test_escaped_markup_in_a_jsonld_headline_is_not_stored(headline: str) -> None:
    # a CMS that escapes its HTML headline for the JSON-LD: the page shows "Bold move by the council"
    item = extract_article(_jsonld_page(headline, "<b>Bold</b> move by the council", "A lead."))
    assert item.headline == "Bold move by the council"


def test_an_escaped_script_in_a_jsonld_headline_is_not_stored_as_a_tag() -> None:
    page = _jsonld_page("&lt;script&gt;alert(1)&lt;/script&gt;Council votes", "Council votes", "A lead.")
    assert extract_article(page).headline == "Council votes"


def test_a_story_about_the_script_tag_keeps_it_in_its_text() -> None:
    # what the reader sees is the text "<script>": in the visible page and in the JSON-LD alike
    visible = "Why &lt;script&gt; tags slow pages"
    lead = "Put the &lt;script&gt; tag at the end, or mark it &lt;script defer&gt;."
    item = extract_article(_jsonld_page("Why &lt;script&gt; tags slow pages", visible, lead))
    assert item.headline == "Why <script> tags slow pages"
    assert item.articleBody is not None
    assert item.articleBody.startswith("Put the <script> tag at the end, or mark it <script defer>.")
    no_jsonld = HtmlResponse(
        url="https://news.example.org/2025/01/02/story",
        body=f"<html><body><article><h1>{visible}</h1><p>{lead}</p></article></body></html>".encode(),
    )
    assert extract_article(no_jsonld).headline == "Why <script> tags slow pages"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("&lt;b&gt;Bold&lt;/b&gt; move", "Bold move"),
        ("<em>Breaking</em>: talks resume", "Breaking: talks resume"),
        ("Talks<br>resume", "Talksresume"),
        ("<p>Talks resume", "Talks resume"),
        ("Talks <img src='a.png'/>resume", "Talks resume"),
        ("Talks <script>track()</script>resume", "Talks resume"),
        ("Talks <!-- cms note --> resume", "Talks resume"),
        ("Why <script> tags slow pages", "Why <script> tags slow pages"),
        ("Why &lt;script&gt; tags slow pages", "Why <script> tags slow pages"),
        ("Vector<T> in C++", "Vector<T> in C++"),
        ("5 &lt; 7 &amp;&amp; 8 &gt; 3", "5 < 7 && 8 > 3"),
        ("a<b and c>d", "a<b and c>d"),
    ],
)
def test_markup_is_what_a_browser_renders_as_markup(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected
    assert clean_text(expected) == expected
