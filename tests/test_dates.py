"""Publication dates on sites without a profile: every layer a page may use, and the dates that are not it.

The pages are small ones written here, one per class: a JSON-LD script with syntax slips, other
``<meta>`` names, microdata on any element, ``<time>``, a written date line in many languages, the
URL's day; and the negatives: a comment's date, an "Updated:" stamp, a related-story teaser's
date, a copyright year.
"""

from __future__ import annotations

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse

from newsbot.cleaning import normalise_date
from newsbot.discovery.pages import article_evidence
from newsbot.extraction import extract_article
from newsbot.jsonld import read_jsonld

BODY = "".join(
    f"<p>Paragraph {n} of a story written for this test, long enough to read as the body of an article.</p>"
    for n in range(4)
)


def published(head: str = "", before_body: str = "", after_body: str = "", url: str = "https://t.test/a") -> str | None:
    html = (
        f"<html><head><title>A story</title>{head}</head><body><article><h1>A story</h1>{before_body}"
        f"{BODY}{after_body}</article></body></html>"
    )
    response = HtmlResponse(url=url, body=html.encode("utf-8"), encoding="utf-8")
    return extract_article(response).datePublished


# -- the lenient JSON-LD reader ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"headline": "two\nlines", "n": 1}', [{"headline": "two\nlines", "n": 1}]),  # raw line break
        ('{"headline": "a\tb"}', [{"headline": "a\tb"}]),  # raw tab
        ('{\n  // the editor\'s note\n  "n": 1\n}', [{"n": 1}]),
        ('{"n": /* block */ 1}', [{"n": 1}]),
        ('{"url": "https://x.test/a//b"}', [{"url": "https://x.test/a//b"}]),  # "//" inside a string stays
        ('{"n": 1}}', [{"n": 1}]),  # a stray closing brace
        ('{"n": 1}\n{"m": 2}', [{"n": 1}, {"m": 2}]),  # several objects without a list
        ('{"list": [1, 2,], "n": 1,}', [{"list": [1, 2], "n": 1}]),  # trailing commas
        ('{"text": "a, }"}', [{"text": "a, }"}]),  # a comma and brace inside a string are text
        ('<!-- {"n": 1} -->', [{"n": 1}]),
        ('<![CDATA[\n{"n": 1}\n]]>', [{"n": 1}]),
        ('{"text": "an arrow --> inside"}', [{"text": "an arrow --> inside"}]),  # only a closing wrapper goes
        ('{"n": 1};', [{"n": 1}]),
        ("not json at all", []),
        ("", []),
    ],
)
def test_read_jsonld_reads_small_slips(text: str, expected: list) -> None:
    assert read_jsonld(text) == expected


def test_article_evidence_reads_jsonld_a_strict_parser_rejects() -> None:
    page = '<script type="application/ld+json">{"@type": "NewsArticle", // note\n "headline": "two\nlines"}</script>'
    assert article_evidence(Selector(text=f"<html><head>{page}</head><body></body></html>")) == "jsonld:NewsArticle"


def test_article_evidence_lenient_reading_keeps_teaser_lists_out() -> None:
    page = (
        '<script type="application/ld+json">{"@type": "ItemList", "itemListElement": '
        '[{"@type": "NewsArticle", "headline": "a\nteaser"},]}</script>'
    )
    assert article_evidence(Selector(text=f"<html><head>{page}</head><body></body></html>")) is None


def test_jsonld_date_read_from_a_script_with_slips() -> None:
    script = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A\nstory",\n'
        '// generated\n"datePublished": "2023-05-06T07:08:09+02:00",}</script>'
    )
    assert published(head=script) == "2023-05-06T07:08:09+02:00"


# -- date normalisation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("20 septembrie 2020", "2020-09-20"),
        ("29 июня 2020", "2020-06-29"),
        ("12 maja 2023, 08:15", "2023-05-12T08:15:00"),
        ("4 Ekim 2022 14:30", "2022-10-04T14:30:00"),
        ("5. November 2021 um 14:05 Uhr", "2021-11-05T14:05:00"),
        ("Erschienen am: 01.11.2023", "2023-11-01"),
        ("20.09.2020", "2020-09-20"),
        ("1er mars 2021", "2021-03-01"),
        ("5 de noviembre de 2021", "2021-11-05"),
        ("3 maggio 2022", "2022-05-03"),
        ("7 de março de 2024", "2024-03-07"),
        ("9 januari 2019", "2019-01-09"),
        ("Nov 5, 2021", "2021-11-05"),
        ("Posted November 5th, 2021 at 3:04 pm", "2021-11-05T15:04:00"),
        ("2020-03-04 16:52", "2020-03-04T16:52:00"),
        ("2024年4月24日", "2024-04-24"),
        ("24/04/2024", "2024-04-24"),
        ("2020-05-05T16:02:50CDT", "2020-05-05T16:02:50-05:00"),
        ("2020-05-05T16:02:50+02:00CET", "2020-05-05T16:02:50+02:00"),
        ("2020-09-20T23:30:00-05:00", "2020-09-20T23:30:00-05:00"),  # the page's own offset and day are kept
        ("04/05/2024", None),  # day or month first: the page's convention, which we cannot see
        ("© 2021 The Test Times", None),
        ("31 июня 2020", None),
        ("Smarch 6, 2024", None),
    ],
)
def test_normalise_written_dates(raw: str, expected: str | None) -> None:
    assert normalise_date(raw) == expected


# -- where the page says it ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["datePublished", "published", "pubdate", "sailthru.date", "parsely-pub-date", "DC.date.issued", "dcterms.created"],
)
def test_publication_date_from_other_meta_names(name: str) -> None:
    assert published(head=f'<meta name="{name}" content="2021-02-03T04:05:06Z">') == "2021-02-03T04:05:06+00:00"


def test_a_meta_value_that_is_no_date_gives_way_to_the_next_layer() -> None:
    head = '<meta name="published" content="true"><meta name="pubdate" content="2021-02-03">'
    assert published(head=head) == "2021-02-03"
    stamp = '<time datetime="2021-04-05">5 Apr</time>'
    assert published(head='<meta name="published" content="yes">', before_body=stamp) == "2021-04-05"


def test_publication_date_from_parsely_page_json() -> None:
    head = """<meta name="parsely-page" content='{"title": "A story", "pub_date": "2024-04-20T04:20:00Z"}'>"""
    assert published(head=head) == "2024-04-20T04:20:00+00:00"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<span itemprop="datePublished" content="2019-08-07">7 Aug</span>', "2019-08-07"),
        ('<span itemprop="datePublished">August 7, 2019</span>', "2019-08-07"),
        ('<div itemprop="datePublished" datetime="2019-08-07T10:00:00+01:00"></div>', "2019-08-07T10:00:00+01:00"),
    ],
)
def test_publication_date_from_microdata_on_any_element(markup: str, expected: str) -> None:
    assert published(before_body=markup) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('<div class="article-date">20 septembrie 2020</div>', "2020-09-20"),
        ('<p class="byline">By A. Writer · 29 июня 2020</p>', "2020-06-29"),
        ('<span class="meta">Erschienen am: 01.11.2023</span>', "2023-11-01"),
        ('<div class="post-info"><span class="posted-on">Nov 5, 2021</span></div>', "2021-11-05"),
        ('<div class="dateline">2020-03-04 16:52</div>', "2020-03-04T16:52:00"),
    ],
)
def test_publication_date_from_a_visible_date_line(line: str, expected: str) -> None:
    assert published(before_body=line) == expected


def test_publication_date_from_the_headline_block() -> None:
    html = (
        "<html><body><main><header><h1>A story</h1><p>By A. Writer, 20.09.2020</p></header>"
        f"<article>{BODY}</article></main></body></html>"
    )
    response = HtmlResponse(url="https://news.test/a/story", body=html.encode("utf-8"), encoding="utf-8")
    assert extract_article(response).datePublished == "2020-09-20"


def test_publication_date_from_the_url_when_the_page_has_none() -> None:
    assert published(url="https://news.test/2019/10/05/a-story/") == "2019-10-05"
    assert published(url="https://news.test/n1/2024/0424/c1001-4.html") == "2024-04-24"


# -- what is not the publication date ---------------------------------------------------------


def test_a_comments_date_is_not_the_publication_date() -> None:
    comments = (
        '<section class="comments"><div class="comment"><time datetime="2022-01-09T10:00:00Z">9 Jan</time>'
        '<span class="comment-date">9 January 2022</span></div></section>'
    )
    assert published(after_body=comments) is None
    assert published(before_body='<time datetime="2022-01-02">2 Jan</time>', after_body=comments) == "2022-01-02"


def test_a_comment_items_microdata_date_is_not_the_publication_date() -> None:
    comment = (
        '<div itemscope itemtype="https://schema.org/Comment" class="reply">'
        '<span itemprop="datePublished" content="2022-01-09"></span></div>'
    )
    assert published(after_body=comment) is None


def test_an_updated_stamp_is_not_the_publication_date() -> None:
    assert published(before_body='<time class="updated" datetime="2022-03-04T05:06:07Z">4 Mar</time>') is None
    assert published(before_body='<p class="date">Updated: <time datetime="2022-03-04">4 Mar</time></p>') is None
    assert published(before_body='<p class="date">Aktualisiert am 04.03.2022</p>') is None
    line = '<p class="date">Published 1 March 2022, updated 4 March 2022</p>'
    assert published(before_body=line) == "2022-03-01"
    stamps = (
        '<time class="updated" datetime="2022-03-04">4 Mar</time>'
        '<time class="published" datetime="2022-03-01">1 Mar</time>'
    )
    assert published(before_body=stamps) == "2022-03-01"


def test_a_related_story_teasers_date_is_not_the_publication_date() -> None:
    teaser = '<div class="related-stories"><a href="/b">Another story</a><span class="date">12.12.2021</span></div>'
    assert published(after_body=teaser) is None


def test_a_copyright_year_is_not_a_date() -> None:
    assert published(after_body='<p class="meta">© 2021 The Test Times</p>') is None
