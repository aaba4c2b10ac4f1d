"""End to end: ``news`` crawls the second replica (a German regional paper) over real HTTP.

The site is given only as ``-a site=URL``: the spider finds the sitemaps through robots.txt, the
feed through the home page's ``<link rel="alternate">``, learns the article URL shape from the
sitemap, and follows the German-labelled Related blocks. Expected values come from the replica's
story data (:meth:`SecondSite.expected`), never from what newsbot extracted. The first crawl is
``scrapy crawl``, the second ``python -m newsbot crawl`` on the same database (incremental).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from crawling import rows
from news_crawling import news_crawl

from newsbot.archive.cursors import open_archive
from newsbot.archive.records import Selection, article_records
from newsbot.sample_site.second import SecondSite, serve_second
from newsbot.sample_site.second.render import NEWSLETTER_TEXT, NEWSLETTER_TITLE

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("news")
    database = folder / "news.db"
    site = SecondSite(seed=0, count=80)
    with serve_second(site) as server:
        first = news_crawl(database, f"site={server.base_url}/", extra=("-O", str(folder / "items.jsonl")))
        first_requests = site.request_log.counts()
        site.request_log.reset()
        second = news_crawl(database, f"site={server.base_url}", command="newsbot")
        second_requests = site.request_log.counts()
    assert first.returncode == 0, first.stderr[-3000:]
    return {"db": database, "site": site, "base": server.base_url, "first": first, "second": second,
            "first_requests": first_requests, "second_requests": second_requests}  # fmt: skip


def run_stats(database: Path) -> list[dict[str, Any]]:
    return [json.loads(stats) for (stats,) in rows(database, "SELECT stats_json FROM crawl_runs ORDER BY rowid")]


def stored(crawls: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Stored articles by canonical URL: their item as stored (as the export reads it back)."""
    archive = open_archive(str(crawls["db"]))
    try:
        return {record["id"]: record for record in article_records(archive, Selection())}
    finally:
        archive.close()


def reachable(crawls: dict[str, Any]) -> set[int]:
    """Stories an ideal crawl at depth 2 reaches: every listed one and the first two of the archive chain."""
    site: SecondSite = crawls["site"]
    return {s.id for s in site.listed()} | {s.id for s in site.archive()[:2]}


def test_discovery_finds_the_sitemaps_the_feed_and_the_article_shape(crawls: dict[str, Any]) -> None:
    stats = run_stats(crawls["db"])[0]
    assert stats["finish_reason"] == "finished"
    assert stats["newsbot/discovery/robots_sitemaps"] == 1
    assert stats["newsbot/discovery/sitemaps"] == 5  # the index and its four sitemaps
    assert stats["newsbot/discovery/sitemap_errors"] == 1  # alt.xml is cut off: reported, the crawl goes on
    assert stats["newsbot/discovery/feeds"] == 1
    assert stats["newsbot/discovery/learnt_shapes"] == 1
    assert "Article URL shapes of" in crawls["first"].stderr and "/{word}/{slug}.html" in crawls["first"].stderr
    assert "Sitemap " in crawls["first"].stderr and "alt.xml" in crawls["first"].stderr
    assert "Traceback" not in crawls["first"].stderr


def test_every_reachable_story_is_stored_or_recorded_as_a_copy(crawls: dict[str, Any]) -> None:
    site: SecondSite = crawls["site"]
    base = crawls["base"]
    copies = {url for (url,) in rows(crawls["db"], "SELECT url FROM duplicates")}
    found = set(stored(crawls)) | copies
    assert found == {base + site.stories[i].path for i in reachable(crawls)}
    beyond = site.archive()[2:]  # three and four hops from a start page: beyond NEWSBOT_FOLLOW_DEPTH=2
    assert not any(base + story.path in found for story in beyond)
    assert crawls["first_requests"].get(beyond[0].path) is None


def test_the_gallery_is_fetched_by_its_url_shape_and_dropped(crawls: dict[str, Any]) -> None:
    site: SecondSite = crawls["site"]
    stats = run_stats(crawls["db"])[0]
    assert crawls["first_requests"][site.gallery().path] == 1
    assert base_url_not_stored(crawls, site.gallery().path)
    dropped = sum(stats.get(f"newsbot/dropped/{reason}", 0) for reason in ("missing_articleBody", "body_too_short"))
    assert dropped == 1


def base_url_not_stored(crawls: dict[str, Any], path: str) -> bool:
    return crawls["base"] + path not in stored(crawls)


def test_stored_stories_have_the_right_headline_text_and_date(crawls: dict[str, Any]) -> None:
    site: SecondSite = crawls["site"]
    by_url = {crawls["base"] + s.path: s for s in site.stories.values()}
    wrong = []
    for url, item in stored(crawls).items():
        expected = site.expected(by_url[url].id, crawls["base"])
        # the newsletter box has its own test (test_no_newsletter_text_in_any_body)
        left_out = {*expected["subheadings"], NEWSLETTER_TITLE, NEWSLETTER_TEXT}
        paragraphs = (item["articleBody"] or "").split("\n\n")
        if paragraphs[0] == expected["description"]:  # the lede shown before the story opens the generic body
            paragraphs = paragraphs[1:]
        body = "\n\n".join(p for p in paragraphs if p not in left_out)
        got = (item["headline"], item["description"], item["datePublished"], item["inLanguage"], body)
        want = (expected["headline"], expected["description"], expected["datePublished"], "de",
                expected["articleBody"])  # fmt: skip
        if got != want:
            wrong.append((url, [n for n, (a, b) in enumerate(zip(got, want, strict=True)) if a != b]))
    assert not wrong, f"{len(wrong)} stories differ (field numbers): {wrong[:5]}"


def test_no_comment_text_in_any_body(crawls: dict[str, Any]) -> None:
    site: SecondSite = crawls["site"]
    comments = {text for story in site.stories.values() for _, text in story.comments}
    assert comments
    leaked = [url for url, item in stored(crawls).items() if any(c in (item["articleBody"] or "") for c in comments)]
    assert not leaked


def test_no_newsletter_text_in_any_body(crawls: dict[str, Any]) -> None:
    leaked = [
        url
        for url, item in stored(crawls).items()
        if NEWSLETTER_TEXT in (item["articleBody"] or "") or NEWSLETTER_TITLE in (item["articleBody"] or "")
    ]
    assert not leaked, f"{len(leaked)} bodies hold the newsletter box, e.g. {leaked[:2]}"


def test_structured_authors_are_stored(crawls: dict[str, Any]) -> None:
    site: SecondSite = crawls["site"]
    by_url = {crawls["base"] + s.path: s for s in site.stories.values()}
    for url, item in stored(crawls).items():
        story = by_url[url]
        if story.evidence in ("jsonld", "og"):
            assert [a["name"] for a in item["authors"]] == [a.name for a in story.authors], url


def test_typed_links_are_stored_with_their_kind(crawls: dict[str, Any]) -> None:
    site: SecondSite = crawls["site"]
    by_url = {crawls["base"] + s.path: s for s in site.stories.values()}
    links: dict[str, set[tuple[str, str, str]]] = {}
    graph = "SELECT a.canonical_url, l.to_url, l.kind, l.headline FROM links l JOIN articles a ON a.id = l.from_id"
    for source, target, kind, headline in rows(crawls["db"], graph):
        links.setdefault(source, set()).add((target, kind, headline))
    kinds = set()
    for url in stored(crawls):
        expected = site.expected(by_url[url].id, crawls["base"])["relatedLinks"]
        assert links.get(url, set()) == {(link["url"], link["kind"], link["headline"]) for link in expected}, url
        kinds |= {link["kind"] for link in expected}
    assert kinds == {"related", "recommended"}  # "Meistgelesen" is recommended (README, "Typed links")


def test_wire_copies_are_recorded_as_duplicates(crawls: dict[str, Any]) -> None:
    site: SecondSite = crawls["site"]
    base = crawls["base"]
    recorded = {url: original for url, original in rows(crawls["db"], "SELECT url, duplicate_of FROM duplicates")}
    articles = stored(crawls)
    for copy, original in site.wire_copies().items():
        pair = {base + site.stories[copy].path, base + site.stories[original].path}
        kept = pair & set(articles)
        assert len(kept) == 1, pair  # the first one stored keeps its place, the other points to it
        (other,) = pair - kept
        assert recorded[other] == next(iter(kept))
    assert len(recorded) == len(site.wire_copies())


def test_the_second_run_is_incremental(crawls: dict[str, Any]) -> None:
    site: SecondSite = crawls["site"]
    assert crawls["second"].returncode == 0, crawls["second"].stdout + crawls["second"].stderr[-2000:]
    assert "news OK" in crawls["second"].stdout
    stats = run_stats(crawls["db"])[1]
    assert stats.get("newsbot/store/new", 0) == 0
    assert stats["newsbot/incremental/skipped"] >= len(site.listed())
    article_paths = {s.path for s in site.stories.values()}
    fetched_again = {path for path in crawls["second_requests"] if path in article_paths}
    assert fetched_again == {site.gallery().path}  # the only page that is no stored article
    assert crawls["second_requests"]["/sitemap.xml"] == 1 and crawls["second_requests"]["/"] == 1
