"""The spider's callbacks on crafted responses: what it follows, what it yields, what it drops."""

from __future__ import annotations

from pathlib import Path

import scrapy
from scrapy.http import HtmlResponse, Response, XmlResponse
from scrapy.utils.test import get_crawler

from newsbot.items import ArticleItem
from newsbot.sample_site import SampleSite
from newsbot.spiders.trtworld import TrtWorldSpider

BASE = "http://127.0.0.1:8765"


def make_spider(tmp_path: Path, **settings: object) -> TrtWorldSpider:
    values = {"NEWSBOT_BASE_URL": BASE, "NEWSBOT_SQLITE_PATH": str(tmp_path / "db.sqlite3"), **settings}
    crawler = get_crawler(TrtWorldSpider, values)
    crawler.spider = crawler._create_spider()
    return crawler.spider


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
    page = HtmlResponse(url=f"{BASE}/article/{article_id}", body=site.article_bytes(article_id, BASE), encoding="utf-8")
    spider = make_spider(tmp_path, NEWSBOT_FOLLOW_DEPTH=1)
    output = list(spider.parse_article(page, depth=0))
    item, requests = output[0], output[1:]
    assert isinstance(item, ArticleItem) and item.metadata["spider"] == "trtworld"
    assert requests and all(isinstance(r, scrapy.Request) and r.cb_kwargs == {"depth": 1} for r in requests)
    assert {r.url for r in requests} == {link.url for link in item.relatedLinks}
    deepest = list(make_spider(tmp_path, NEWSBOT_FOLLOW_DEPTH=1).parse_article(page, depth=1))
    assert len(deepest) == 1  # at the depth limit: the item, no further requests


def test_pages_that_are_not_articles_are_dropped_with_a_counted_reason(tmp_path: Path) -> None:
    spider = make_spider(tmp_path)
    binary = Response(url=f"{BASE}/article/0123456789ab", body=b"%PDF-1.7 \x00\x01")
    assert list(spider.parse_article(binary)) == []
    video = HtmlResponse(url=f"{BASE}/video/0123456789ab", body=b"<html><title>x</title></html>")
    assert list(spider.parse_article(video)) == []
    stats = spider.crawler.stats
    assert stats.get_value("newsbot/dropped/not_text") == 1
    assert stats.get_value("newsbot/dropped/not_an_article") == 1
