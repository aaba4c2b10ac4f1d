"""The spider's callbacks on crafted responses: what it follows, what it yields, what it drops."""

from __future__ import annotations

from pathlib import Path

import pytest
import scrapy
from scrapy.exceptions import CannotResolveHostError, DownloadCancelledError, IgnoreRequest
from scrapy.http import HtmlResponse, Response, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from servers.pages import StoryPages
from twisted.python.failure import Failure

from newsbot.items import ArticleItem
from newsbot.sample_site import SampleSite
from newsbot.sample_site.urls import article_id_from_path, old_style_target
from newsbot.spiders.trtworld import TrtWorldSpider

BASE = "http://127.0.0.1:8765"


def make_spider(tmp_path: Path, spider_kwargs: dict[str, str] | None = None, **settings: object) -> TrtWorldSpider:
    values = {"NEWSBOT_BASE_URL": BASE, "NEWSBOT_SQLITE_PATH": str(tmp_path / "db.sqlite3"), **settings}
    crawler = get_crawler(TrtWorldSpider, values)
    crawler.spider = crawler._create_spider(**(spider_kwargs or {}))
    return crawler.spider


def page(pages: StoryPages, article_id: str) -> HtmlResponse:
    url = f"{BASE}/article/{article_id}"
    return HtmlResponse(url=url, body=pages.site.article_bytes(article_id, BASE), request=scrapy.Request(url))


def requests_of(output: object) -> dict[str, scrapy.Request]:
    return {r.url: r for r in output if isinstance(r, scrapy.Request)}  # type: ignore[attr-defined]


def test_feed_and_listing_links_become_canonical_article_requests(tmp_path: Path) -> None:
    spider = make_spider(tmp_path)
    feed = XmlResponse(
        url=f"{BASE}/feed/rss.xml",
        body=(
            b"<?xml version='1.0'?><rss version='2.0'><channel>"
            b"<item><link>http://127.0.0.1:8765/article/0123456789ab?utm_source=rss</link></item>"
            b"<item><link>http://127.0.0.1:8765/video/0123456789ab</link></item>"
            b"<item><link>https://elsewhere.example/article/0123456789ab</link></item>"
            b"</channel></rss>"
        ),
    )
    requests = list(spider.parse_feed(feed))
    assert [r.url for r in requests] == [f"{BASE}/article/0123456789ab"]
    listing = HtmlResponse(
        url=f"{BASE}/",
        body=b'<a href="/article/0123456789ab#top">again</a><a href="/world/article/aaaaaaaaaaaa">mirror</a>'
        b'<a href="/author/jane.doe">author</a><a href="/turkiye/old-story-12345678">old</a>',
        encoding="utf-8",
    )
    # the first article was requested from the feed already: it is not requested twice
    followed = [r.url for r in spider.parse_listing(listing)]
    assert followed == [f"{BASE}/article/aaaaaaaaaaaa", f"{BASE}/article/12345678"]


def test_an_article_yields_its_item_then_its_links_within_the_depth(tmp_path: Path) -> None:
    site = SampleSite.demo()
    article_id = site.cases["wire_original"]
    story = site.articles[article_id]
    # the story's own links, read with the replica's URL rules (not newsbot's canonicaliser)
    linked = {article_id_from_path(link.href) or old_style_target(link.href)
              for link in (*story.related, *story.recommended, *story.explore)}  # fmt: skip
    expected = {f"{BASE}/article/{target}" for target in linked if target}
    assert expected
    response = HtmlResponse(url=f"{BASE}/article/{article_id}", body=site.article_bytes(article_id, BASE))
    spider = make_spider(tmp_path, NEWSBOT_FOLLOW_DEPTH=1)
    output = list(spider.parse_article(response, depth=0))
    item, requests = output[0], output[1:]
    assert isinstance(item, ArticleItem) and item.metadata["spider"] == "trtworld"
    assert all(isinstance(r, scrapy.Request) and r.cb_kwargs == {"depth": 1} and r.priority == -1 for r in requests)
    assert {r.url for r in requests} == expected
    deepest = list(make_spider(tmp_path, NEWSBOT_FOLLOW_DEPTH=1).parse_article(response, depth=1))
    assert len(deepest) == 1  # at the depth limit: the item, no further requests


def test_a_parsed_article_reached_by_a_shorter_path_has_its_links_followed_again(tmp_path: Path) -> None:
    pages = StoryPages()
    d, e, f, g = (pages.new_id() for _ in range(4))
    for article_id, links in ((d, [e]), (e, [f]), (f, [g]), (g, [])):
        pages.add(article_id, links)
    spider = make_spider(tmp_path)  # NEWSBOT_FOLLOW_DEPTH 2
    assert list(requests_of(spider.reach(f"{BASE}/article/{d}", 1))) == [f"{BASE}/article/{d}"]
    assert list(requests_of(spider.parse_article(page(pages, d), depth=1))) == [f"{BASE}/article/{e}"]
    assert requests_of(spider.parse_article(page(pages, e), depth=2)) == {}  # at the limit
    # the feed links d: d (and then e) are one hop closer, so e's links are now within the depth
    feed = XmlResponse(
        url=f"{BASE}/feed/rss.xml", body=f"<rss><item><link>{BASE}/article/{d}</link></item></rss>".encode()
    )
    again = requests_of(spider.parse_feed(feed))
    assert list(again) == [f"{BASE}/article/{f}"]
    assert again[f"{BASE}/article/{f}"].cb_kwargs == {"depth": 2}
    assert spider.crawler.stats.get_value("newsbot/spider/refollowed") == 2


def test_an_article_in_flight_is_parsed_with_the_best_depth_known_on_arrival(tmp_path: Path) -> None:
    pages = StoryPages()
    d, e = pages.new_id(), pages.new_id()
    pages.add(d, [e])
    pages.add(e)
    spider = make_spider(tmp_path, NEWSBOT_FOLLOW_DEPTH=1)
    list(spider.reach(f"{BASE}/article/{d}", 1))
    assert list(spider.reach(f"{BASE}/article/{d}", 0)) == []  # already requested: not again
    # the response was requested at depth 1 (the limit), but a start page links it since
    followed = requests_of(spider.parse_article(page(pages, d), depth=1))
    assert list(followed) == [f"{BASE}/article/{e}"]
    assert followed[f"{BASE}/article/{e}"].cb_kwargs == {"depth": 1}


def test_pages_that_are_not_articles_are_dropped_with_a_counted_reason(tmp_path: Path) -> None:
    spider = make_spider(tmp_path)
    binary = Response(url=f"{BASE}/article/0123456789ab", body=b"%PDF-1.7 \x00\x01")
    assert list(spider.parse_article(binary)) == []
    video = HtmlResponse(url=f"{BASE}/video/0123456789ab", body=b"<html><title>x</title></html>")
    assert list(spider.parse_article(video)) == []
    assert list(spider.parse_listing(Response(url=f"{BASE}/politics", body=b"\x00\x01"))) == []
    stats = spider.crawler.stats
    assert stats.get_value("newsbot/dropped/not_text") == 2
    assert stats.get_value("newsbot/dropped/not_an_article") == 1


def failed(error: Exception, url: str = f"{BASE}/article/0123456789ab") -> Failure:
    failure = Failure(error)
    failure.request = scrapy.Request(url)  # type: ignore[attr-defined]
    return failure


def test_every_failed_request_is_counted_under_its_reason(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    spider = make_spider(tmp_path)
    not_found = HtmlResponse(url=f"{BASE}/article/0123456789ab", status=404, body=b"")
    too_big = IgnoreRequest("Ignored response <200 x> because its body exceeded DOWNLOAD_MAXSIZE (8 B)")
    cases = [
        (HttpError(not_found, "Ignoring non-200 response"), "newsbot/errors/http_404"),
        (CannotResolveHostError("no such host"), "newsbot/errors/CannotResolveHostError"),
        (IgnoreRequest("Forbidden by robots.txt"), "newsbot/dropped/robots_txt"),
        (IgnoreRequest("max redirections reached"), "newsbot/dropped/redirect_loop"),
        (too_big, "newsbot/dropped/too_large"),
        (DownloadCancelledError(""), "newsbot/dropped/too_large"),
        (IgnoreRequest("a reason of another middleware"), "newsbot/dropped/ignored"),
    ]
    with caplog.at_level("INFO"):
        for error, stat in cases:
            before = spider.crawler.stats.get_value(stat, 0)
            spider.on_error(failed(error))
            assert spider.crawler.stats.get_value(stat) == before + 1, stat
        # skipped on purpose by the incremental middleware: counted there, not here
        spider.on_error(failed(IgnoreRequest(f"already stored: {BASE}/article/0123456789ab")))
    counted = {k: v for k, v in spider.crawler.stats.get_stats().items() if k.startswith(("newsbot/dropped/",
               "newsbot/errors/"))}  # fmt: skip
    assert sum(counted.values()) == len(cases)
    lines = [r.getMessage() for r in caplog.records if r.levelname == "INFO" and "0123456789ab" in r.getMessage()]
    assert len(lines) == len(cases)  # one line each (the "ignored" one says why)


@pytest.mark.parametrize(
    ("base", "url", "why"),
    [
        (BASE, "file:///etc/passwd", "only http"),
        (BASE, "ftp://127.0.0.1:8765/article/0123456789ab", "only http"),
        (BASE, "http://localhost:8765/article/0123456789ab", "not on the crawled site"),
        (BASE, "http://127.0.0.1:9999/article/0123456789ab", "not on the crawled site"),
        (BASE, f"{BASE}/politics", "not an article"),
        (
            "https://www.trtworld.com",
            "https://www.trtworld.com.evil.example/article/0123456789ab",
            "not on the crawled",
        ),
    ],
)
def test_the_url_argument_is_refused_unless_an_article_of_the_site(base: str, url: str, why: str) -> None:
    crawler = get_crawler(TrtWorldSpider, {"NEWSBOT_BASE_URL": base})
    with pytest.raises(ValueError, match=why):
        TrtWorldSpider.check_arguments(crawler.settings, url=url)
    with pytest.raises(ValueError, match=why):
        crawler._create_spider(url=url)  # the spider refuses it too, before any request


def test_the_url_argument_accepts_the_site_s_own_article_forms(tmp_path: Path) -> None:
    crawler = get_crawler(TrtWorldSpider, {"NEWSBOT_BASE_URL": "https://www.trtworld.com"})
    for url in (
        "https://trtworld.com/article/0123456789ab?utm_source=x",
        "http://www.trt.global/world/article/12345678",
    ):
        TrtWorldSpider.check_arguments(crawler.settings, url=url)
    TrtWorldSpider.check_arguments(crawler.settings, _job="scrapyd-job-id")  # other arguments pass


def test_allowed_domains_are_the_site_s_hosts(tmp_path: Path) -> None:
    assert make_spider(tmp_path).allowed_domains == ["127.0.0.1"]
    real = make_spider(tmp_path, NEWSBOT_BASE_URL="https://www.trtworld.com").allowed_domains
    assert {"www.trtworld.com", "trtworld.com", "trt.global"} <= set(real)


def test_listing_and_feed_pages_with_malformed_links_or_base_yield_what_they_can() -> None:
    from scrapy.http import HtmlResponse, XmlResponse
    from scrapy.utils.test import get_crawler

    from newsbot.spiders.trtworld import TrtWorldSpider

    crawler = get_crawler(TrtWorldSpider, {"NEWSBOT_BASE_URL": "https://www.trtworld.com"})
    spider = TrtWorldSpider.from_crawler(crawler)
    good = "https://www.trtworld.com/article/0123456789ab"
    html = (
        '<html><head><base href="http://[oops"></head><body><a href="http://[::1">bad</a>'
        f'<a href="{good}">good</a><a href="//[x]/article/0123456789ac">bad host</a></body></html>'
    )
    listing = HtmlResponse("https://www.trtworld.com/", body=html.encode(), encoding="utf-8")
    assert [request.url for request in spider.parse_listing(listing)] == [good]
    rss = f"<rss><channel><item><link>http://[broken</link></item><item><link>{good}</link></item></channel></rss>"
    feed = XmlResponse("https://www.trtworld.com/feed/rss.xml", body=rss.encode(), encoding="utf-8")
    spider.best_depth.clear()
    assert [request.url for request in spider.parse_feed(feed)] == [good]


def test_a_feed_not_read_whole_is_counted_and_named_in_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    spider = make_spider(tmp_path)
    body = (
        b"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
        b"<rss version='2.0'><channel>"
        b"<item><link>http://127.0.0.1:8765/article/&xxe;</link></item>"
        b"<item><link>http://127.0.0.1:8765/article/0123456789ab</link></item>"
        b"</channel></rss>"
    )
    with caplog.at_level("WARNING"):
        requests = list(spider.parse_feed(XmlResponse(url=f"{BASE}/feed/rss.xml", body=body)))
    assert [r.url for r in requests] == [f"{BASE}/article/0123456789ab"]
    assert spider.crawler.stats.get_value("newsbot/discovery/feed_errors") == 1
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "/feed/rss.xml" in warnings[0] and "entity" in warnings[0]
    whole = body.replace(b"&xxe;", b"aaaaaaaaaaaa")
    spider.best_depth.clear()
    assert len(list(spider.parse_feed(XmlResponse(url=f"{BASE}/feed/rss.xml", body=whole)))) == 2
    assert spider.crawler.stats.get_value("newsbot/discovery/feed_errors") == 1
