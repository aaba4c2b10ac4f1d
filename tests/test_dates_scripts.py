"""The publication day read from a page's inline script state, when the page says it nowhere else.

Each page is written here as a script-rendered site serves it: no JSON-LD, no date ``<meta>``, no
microdata, no date in the visible text; the day is only in the page's state (Next.js data, Nuxt,
Apollo, ``window.__INITIAL_STATE__``, ``utag_data``, ``dataLayer.push``). Every shape has its
negatives: state that lists related stories with their own days, an update stamp only, a comment's
``createdAt``, an expiry or an embargo, a stamp in the future.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from lxml import html as lxml_html
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article
from newsbot.extraction.script_dates import inline_state_texts, script_published

URL = "https://riverside-gazette.test/news/council-approves-new-harbour-budget-after-long-debate"
PATH = "/news/council-approves-new-harbour-budget-after-long-debate"
HEADLINE = "Council approves new harbour budget after long debate"
NOW = datetime(2025, 1, 1, tzinfo=UTC)

BODY = "".join(
    f"<p>{sentence} The harbour committee met again in the town hall and heard from residents, traders and "
    f"the fishing association about the plans for the quay and the new ferry terminal.</p>"
    for sentence in (
        "The town council has approved the harbour budget after a debate that lasted most of the evening.",
        "Supporters said the money would repair the old sea wall before the winter storms arrive.",
        "Opponents argued that the cost of the ferry terminal had been underestimated from the start.",
        "The mayor promised that the works would be put out to tender within the next few months.",
        "Local businesses welcomed the decision and asked for the works to avoid the summer season.",
    )
)


def page(*scripts: str, visible: str = "") -> str:
    """A page without structured data whose only stamps are in ``scripts`` (each a whole ``<script>``)."""
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{HEADLINE}</title>"
        f"<meta property='og:title' content='{HEADLINE}'></head><body>"
        f"<header class='site'><a href='/'>Riverside Gazette</a></header>"
        f"<main><article><h1>{HEADLINE}</h1>{visible}{BODY}</article></main>"
        f"{''.join(scripts)}</body></html>"
    )


def published(html: str, url: str = URL) -> str | None:
    item = extract_article(HtmlResponse(url=url, body=html.encode("utf-8"), encoding="utf-8"))
    assert item is not None
    return item.datePublished


def read(*scripts: str, url: str = URL, headline: str | None = HEADLINE) -> str | None:
    """:func:`script_published` on the inline scripts of a page holding ``scripts``."""
    root = lxml_html.document_fromstring(page(*scripts))
    return script_published(inline_state_texts(root.iter("script")), url, headline, now=NOW)


def next_data(article: dict, related: list[dict] | None = None) -> str:
    state = {"props": {"pageProps": {"related": related or [], "article": article}}, "page": "/[...slug]"}
    return f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>'


RELATED = [
    {"url": "/news/ferry-timetable-changes-for-the-spring", "publishedAt": "2024-02-11T08:00:00Z"},
    {"url": "/news/fishing-association-elects-new-chair", "publishedAt": "2024-01-29T17:30:00Z"},
]


# -- each shape ------------------------------------------------------------------------------------
def test_next_data_article_beside_related_stories() -> None:
    article = {"headline": HEADLINE, "url": PATH, "publishedAt": "2024-03-04T09:15:00Z",
               "updatedAt": "2024-03-06T10:00:00Z"}  # fmt: skip
    assert published(page(next_data(article, RELATED))) == "2024-03-04T09:15:00+00:00"


def test_nuxt_state_with_bare_keys() -> None:
    script = (
        "<script>window.__NUXT__={layout:'default',data:[{story:{id:88231,"
        f"title:'{HEADLINE}',publishDate:'2023-11-01T07:00:00+01:00',modifiedDate:'2023-11-02T09:00:00+01:00'"
        "}}]};</script>"
    )
    assert published(page(script)) == "2023-11-01T07:00:00+01:00"


def test_apollo_state_inside_an_escaped_string() -> None:
    inner = json.dumps({"Article:5512": {"title": HEADLINE, "firstPublished": "2022-06-29T14:05:00Z"}})
    script = f"<script>window.__APOLLO_STATE__ = JSON.parse({json.dumps(inner)});</script>"
    assert '\\"firstPublished\\"' in script
    assert published(page(script)) == "2022-06-29T14:05:00+00:00"


def test_initial_state_in_epoch_milliseconds() -> None:
    stamp = int(datetime(2024, 5, 2, 10, 0, tzinfo=UTC).timestamp() * 1000)
    script = f'<script>window.__INITIAL_STATE__ = {{"story": {{"path": "{PATH}", "datePublished": {stamp}}}}};</script>'
    assert published(page(script)) == "2024-05-02T10:00:00+00:00"


def test_utag_data_day() -> None:
    script = '<script>var utag_data = {"page_type": "article", "article_publish_date": "2021-09-20"};</script>'
    assert published(page(script)) == "2021-09-20"


def test_data_layer_push() -> None:
    script = (
        "<script>window.dataLayer = window.dataLayer || []; dataLayer.push({'pageType': 'article', "
        "'content_publish_date': '2020-03-04T16:52:00+01:00', 'content_modified_date': '2020-03-05T08:00:00+01:00'});"
        "</script>"
    )
    assert published(page(script)) == "2020-03-04T16:52:00+01:00"


def test_data_layer_beside_a_state_of_other_stories() -> None:
    layer = "<script>dataLayer.push({'pubDate': '2024-03-04'});</script>"
    others = next_data({"slug": "something-else"}, RELATED)
    assert read(layer, others) == "2024-03-04"


def test_the_stamp_nearest_the_page_url_wins_over_earlier_related_ones() -> None:
    article = {"url": PATH, "datePublished": "2024-03-04T09:15:00Z"}
    assert read(next_data(article, RELATED)) == "2024-03-04T09:15:00Z"


# -- what must not be taken ------------------------------------------------------------------------
def test_related_stories_only_give_no_day() -> None:
    assert read(next_data({"slug": "something-else"}, RELATED), url="https://riverside-gazette.test/") is None
    assert published(page(next_data({"title": "Other"}, RELATED))) is None


def test_update_stamps_only_give_no_day() -> None:
    script = (
        '<script>window.__INITIAL_STATE__={"story":{"dateModified":"2024-03-06T10:00:00Z",'
        '"updatedAt":"2024-03-06T10:00:00Z","lastPublishedAt":"2024-03-06T10:00:00Z",'
        '"republishedAt":"2024-03-06T10:00:00Z"}};</script>'
    )
    assert read(script) is None
    assert published(page(script)) is None


def test_a_comment_created_at_is_not_the_day() -> None:
    script = (
        '<script>window.__INITIAL_STATE__={"comments":[{"author":"Ann","createdAt":"2024-03-05T12:00:00Z",'
        '"created_at":"2024-03-05T12:00:00Z","text":"Good news for the quay"}]};</script>'
    )
    assert published(page(script)) is None


def test_expiry_and_embargo_are_not_the_day() -> None:
    script = (
        '<script>var utag_data = {"content_expiry_date": "2024-06-01", "embargoDate": "2024-03-03T00:00:00Z",'
        ' "expiresAt": 1717200000000, "publishExpiry": "2024-06-01"};</script>'
    )
    assert read(script) is None


def test_a_stamp_in_the_future_is_not_the_day() -> None:
    script = '<script>dataLayer.push({"publishDate": "2025-02-10T00:00:00Z"});</script>'
    assert read(script) is None
    assert read('<script>dataLayer.push({"publishDate": "2025-01-01T20:00:00Z"});</script>') is not None


def test_json_ld_and_scripts_with_src_are_not_read_here() -> None:
    ld = '<script type="application/ld+json">{"datePublished": "2024-03-04"}</script>'
    assert read(ld) is None
    root = lxml_html.fragment_fromstring('<script src="/app.js">var x = {"publishDate": "2024-03-04"};</script>')
    assert inline_state_texts([root]) == []


def test_a_visible_date_comes_before_the_script_state() -> None:
    script = '<script>dataLayer.push({"publishDate": "2024-03-01"});</script>'
    visible = "<p class='article-info'>March 4, 2024</p>"
    assert published(page(script, visible=visible)) == "2024-03-04"


def test_the_url_day_wins_over_a_script_day_that_disagrees() -> None:
    url = "https://riverside-gazette.test/2024/03/04/council-approves-new-harbour-budget/"
    script = '<script>dataLayer.push({"publishDate": "2023-12-01"});</script>'
    assert published(page(script), url=url) == "2024-03-04"


@pytest.mark.parametrize(
    "value",
    ['"published": true', '"publishDate": "soon"', '"publishedAt": null', '"publishDate": "2024-13-45"'],
)
def test_values_that_are_not_stamps(value: str) -> None:
    assert read(f"<script>window.__INITIAL_STATE__ = {{{value}}};</script>") is None


def test_several_days_none_tied_to_the_page_give_none() -> None:
    script = (
        '<script>window.__INITIAL_STATE__={"list":[{"publishDate":"2024-03-01"},{"publishDate":"2024-03-02"}]};'
        "</script>"
    )
    assert read(script, headline=None) is None


def test_an_image_or_video_stamp_is_not_the_story_day() -> None:
    state = {
        "page": {
            "url": PATH,
            "image": {"@type": "ImageObject", "datePublished": "2024-02-20T08:00:00Z", "url": "/img/quay.jpg"},
            "video": [{"datePublished": "2024-02-21T08:00:00Z", "name": "Harbour at dawn"}],
            "headline": HEADLINE,
            "datePublished": "2024-03-04T09:15:00Z",
        },
        "related": [{"url": "/news/other", "publishedAt": "2024-01-02T10:00:00Z"}],
    }
    script = f"<script>window.__INITIAL_STATE__ = {json.dumps(state)};</script>"
    assert read(script) == "2024-03-04T09:15:00Z"


def test_a_story_stamp_after_its_picture_object_is_still_read() -> None:
    stories = [
        {"path": "/news/other-story", "picture": {"credits": "Agency"}, "publicationDate": "2024-03-01T08:00:00+01:00"},
        {"path": PATH, "picture": {"credits": "Agency"}, "publicationDate": "2024-03-04T08:00:00+01:00"},
    ]
    script = f"<script>window.__STATE__ = {json.dumps({'stories': stories})};</script>"
    assert read(script) == "2024-03-04T08:00:00+01:00"
