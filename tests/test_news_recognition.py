"""Article recognition and URLs on a site newsbot has no profile for (issue 18).

A real crawl of a WordPress-like site on 127.0.0.1 (:mod:`servers.recognition`): trailing-slash URLs
whose slash-less form is a 404, posts without JSON-LD and with ``og:type=website``, an ordinary
sitemap. Plus the pure parts: URL shapes, the content score.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from crawling import rows
from lxml import html as lxml_html
from news_crawling import news_crawl
from scrapy.http import HtmlResponse
from servers.recognition import AMP, NOT_ARTICLES, POSTS, SYNDICATED, category, contact, gallery, post, site_pages
from servers.tiny import TinySite

from newsbot.discovery.content import content_score
from newsbot.discovery.patterns import article_shaped, date_path
from newsbot.extraction import extract_article

PRIVATE = "/private/a-story-robots-txt-keeps-out-of-the-crawl/"


# -- URL shapes ----------------------------------------------------------------------------
def test_a_date_path_or_a_long_slug_is_article_shaped() -> None:
    for url in (
        "https://example.com/2019/10/05/us/politics/some-slug.html",
        "https://example.com/2019/11/07/tech/some-slug/index.html",
        "https://example.com/news/2024/05/harbour/",
        "https://example.com/the-ferry-timetable-changes-again/",
    ):
        assert article_shaped(url), url
    for url in (
        "https://example.com/2024/05/03/",  # the day's archive
        "https://example.com/2024/05/",
        "https://example.com/1200/13/some-page/",  # not a year, not a month
        "https://example.com/category/local/",
        "https://example.com/techy-gift-guide/",  # three words: no shape of its own (the sitemap rule takes it)
    ):
        assert not article_shaped(url), url
    assert date_path("https://example.com/archive/2021/1/a-story")


# -- the content score ---------------------------------------------------------------------
def score_of(path: str, page: tuple[str, str]) -> Any:
    response = HtmlResponse(f"http://harbour.example{path}", body=page[1].encode(), encoding="utf-8")
    item = extract_article(response, clean=False)
    dated = bool(item.datePublished or item.datePublishedRaw or item.authors)
    return content_score(response.selector.root, response.url, item.headline, dated, item.articleBody)


def test_posts_without_structured_data_pass_the_content_score() -> None:
    for n, (path, shown) in enumerate(POSTS.items()):
        score = score_of(path, post(n, *shown))
        assert score.score >= 0.75, (path, score.describe())
        assert score.paragraphs == 5 and score.headline and score.dated


@pytest.mark.parametrize(
    ("path", "page"),
    [("/category/local/", category()), ("/contact/", contact()), ("/gallery/summer-fair/", gallery())],
    ids=["listing", "contact", "gallery"],
)
def test_listing_contact_and_gallery_pages_fail_the_content_score(path: str, page: tuple[str, str]) -> None:
    score = score_of(path, page)
    assert score.score < 0.75, score.describe()


def test_a_listing_of_teasers_scores_no_text() -> None:
    score = score_of("/category/local/", category())
    assert score.listing and "a list of teasers" in score.describe()


def test_teaser_cards_are_a_listing_too() -> None:
    cards = "".join(
        f"<article class='card'><h3><a href='/story-{n}/'>Story {n}</a></h3><time datetime='2024-05-0{n}'>May</time>"
        f"<p>{'A teaser sentence that sums the story up for the reader of the list. ' * 3}</p></article>"
        for n in range(1, 7)
    )
    page = ("text/html", f"<html><body><h1>Tag: harbour</h1><section>{cards}</section></body></html>")
    score = score_of("/tag/harbour/", page)
    assert score.listing and score.score < 0.75, score.describe()


def test_a_story_followed_by_teaser_cards_is_no_listing() -> None:
    headline, head, shown = POSTS["/why-the-lighthouse-keeper-stayed-on/"]
    kind, page = post(3, headline, head, shown)
    cards = "".join(
        f"<div class='card'><h3><a href='/story-{n}/'>Story {n}</a></h3>"
        f"<p>{'A teaser sentence that sums another story up for the reader. ' * 2}</p></div>"
        for n in range(1, 4)
    )
    score = score_of("/why-the-lighthouse-keeper-stayed-on/", (kind, page.replace("</main>", cards + "</main>")))
    assert not score.listing and score.score == 1.0, score.describe()


def test_a_story_with_neither_date_nor_byline_is_not_taken_on_its_text_alone() -> None:
    headline, _, _ = POSTS["/why-the-lighthouse-keeper-stayed-on/"]
    score = score_of("/why-the-lighthouse-keeper-stayed-on/", post(3, headline, "", ""))
    assert not score.dated and score.score == 0.7  # text and headline: below the default 0.75


def test_paragraphs_wrapped_one_by_one_are_one_block() -> None:
    text = "".join(f"<div class='para'><p>{'A sentence of the story goes on here. ' * 6}</p></div>" for _ in range(4))
    root = lxml_html.fromstring(f"<html><body><h1>T</h1><div class='body'>{text}</div></body></html>")
    score = content_score(root, "http://harbour.example/a-story/", "T", True)
    assert score.paragraphs == 4 and score.score == 1.0


# -- the crawl -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    database = tmp_path_factory.mktemp("recognition") / "db.sqlite3"
    with TinySite({}) as site:
        site.pages.update(site_pages(site.base_url, PRIVATE))
        result = news_crawl(database, f"site={site.base_url}/", command="newsbot")
        requested = [path for path, _ in site.requests]
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    ((stats_json,),) = rows(database, "SELECT stats_json FROM crawl_runs")
    stored = dict(rows(database, "SELECT canonical_url, item_json FROM articles"))
    return {"base": site.base_url, "requested": requested, "stats": json.loads(stats_json), "stored": stored,
            "log": result.stderr}  # fmt: skip


@pytest.mark.slow
def test_every_post_of_an_ordinary_sitemap_is_stored_under_its_own_url(crawl: dict[str, Any]) -> None:
    base = crawl["base"]
    assert set(crawl["stored"]) == {base + path for path in POSTS}
    for url, item_json in crawl["stored"].items():
        metadata = json.loads(item_json)["metadata"]
        assert metadata["articleEvidence"] in ("content", "url_shape"), url
        assert metadata["contentScore"] >= 0.75
    keeper = json.loads(crawl["stored"][base + "/why-the-lighthouse-keeper-stayed-on/"])
    assert keeper["metadata"]["declaredCanonicalUrl"] == SYNDICATED  # another site's page: not its identity
    assert AMP in crawl["requested"]  # fetched, and stored under the post it names as canonical
    evidence = {json.loads(item)["metadata"]["articleEvidence"] for item in crawl["stored"].values()}
    assert "content" in evidence  # the short slug and the lone shapes: no learnt shape, no structured data


@pytest.mark.slow
def test_no_url_is_rewritten_so_no_request_meets_a_404_or_a_redirect(crawl: dict[str, Any]) -> None:
    stats = crawl["stats"]
    assert not any(key.startswith("downloader/response_status_count/3") for key in stats)
    assert stats.get("downloader/response_status_count/404", 0) == 0
    for path in POSTS:
        assert crawl["requested"].count(path) == 1, path


@pytest.mark.slow
def test_robots_txt_is_downloaded_once_and_still_obeyed(crawl: dict[str, Any]) -> None:
    assert crawl["requested"].count("/robots.txt") == 1
    stats = crawl["stats"]
    assert stats["robotstxt/request_count"] == 1 and stats["newsbot/discovery/robots_sitemaps"] == 1
    assert stats["robotstxt/forbidden"] == 1 and PRIVATE not in crawl["requested"]


@pytest.mark.slow
def test_listing_contact_and_gallery_are_fetched_and_dropped(crawl: dict[str, Any]) -> None:
    for path in NOT_ARTICLES:
        assert path in crawl["requested"], path
        assert crawl["base"] + path not in crawl["stored"]
    assert crawl["stats"]["newsbot/dropped/not_an_article"] == len(NOT_ARTICLES)
    assert "content score" in crawl["log"] or "score 0." in crawl["log"]
