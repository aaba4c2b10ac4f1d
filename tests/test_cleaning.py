"""Cleaning and canonicalisation units."""

from __future__ import annotations

import pytest

from newsbot.cleaning import clean_article, clean_body, clean_text, clean_url, normalise_date, to_timestamp
from newsbot.extraction.trtworld import canonicaliser
from newsbot.items import ArticleItem, Author, Image, Link

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
