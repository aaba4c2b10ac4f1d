"""The spider lets go of each page's parsed tree as soon as it has read it (issue #8).

A Scrapy ``TextResponse`` caches its ``Selector``, which points back at the response: a reference
cycle that only the (rarely run) cyclic garbage collector would free, so every parsed page stayed
in memory until then. After each callback the cache must be empty and the page freed by reference
counting alone.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import scrapy
from scrapy.http import HtmlResponse, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from newsbot.items import ArticleItem
from newsbot.sample_site import SampleSite
from newsbot.spiders.trtworld import TrtWorldSpider

BASE = "http://127.0.0.1:8765"


@pytest.fixture(scope="module")
def site() -> SampleSite:
    return SampleSite.demo()


def make_spider(tmp_path: Path) -> TrtWorldSpider:
    crawler = get_crawler(
        TrtWorldSpider, {"NEWSBOT_BASE_URL": BASE, "NEWSBOT_SQLITE_PATH": str(tmp_path / "db.sqlite3")}
    )
    crawler.spider = crawler._create_spider()
    return crawler.spider


def article(site: SampleSite) -> HtmlResponse:
    article_id = next(iter(site.articles))
    url = f"{BASE}/article/{article_id}"
    return HtmlResponse(url=url, body=site.article_bytes(article_id, BASE), request=scrapy.Request(url))


def callbacks(tmp_path: Path, site: SampleSite) -> list[tuple[Callable[..., Iterator[object]], TextResponse]]:
    """Each callback of a fresh spider (one spider would not request the same articles twice)."""
    spider, other = make_spider(tmp_path / "a"), make_spider(tmp_path / "b")
    feed = XmlResponse(url=f"{BASE}/feed/rss.xml", body=site.feed_xml(BASE).encode())
    listing = HtmlResponse(url=f"{BASE}/politics", body=site.section_html("politics").encode(), encoding="utf-8")
    return [(spider.parse_article, article(site)), (spider.parse_feed, feed), (other.parse_listing, listing)]


def test_each_callback_leaves_no_cached_selector(tmp_path: Path, site: SampleSite) -> None:
    for callback, response in callbacks(tmp_path, site):
        output = list(callback(response))
        assert output, callback.__name__  # the page was read: an item or requests came out of it
        assert response._cached_selector is None, callback.__name__


def test_the_parsed_page_is_freed_without_the_cyclic_collector(tmp_path: Path, site: SampleSite) -> None:
    spider = make_spider(tmp_path)
    response = article(site)
    selector = weakref.ref(response.selector)  # the selector the callback will read (Scrapy caches it)
    gc.collect()
    gc.disable()
    try:
        output = list(spider.parse_article(response))
        del response
        assert selector() is None
    finally:
        gc.enable()
    assert any(isinstance(item, ArticleItem) and item.headline for item in output)


def test_depth_bookkeeping_holds_one_string_per_url(tmp_path: Path, site: SampleSite) -> None:
    """``links_of`` lives as long as the crawl: a URL linked from many pages is held once, as the
    very string ``best_depth`` keys it by, not once per page that links it."""
    spider = make_spider(tmp_path)
    for article_id in list(site.articles)[:20]:
        url = f"{BASE}/article/{article_id}"
        response = HtmlResponse(url=url, body=site.article_bytes(article_id, BASE), request=scrapy.Request(url))
        list(spider.parse_article(response, depth=1))
    held = [url for links in spider.links_of.values() for url in links]
    assert len(held) > len(set(held))  # some URLs are linked from several of these pages
    keys = {id(url) for url in spider.best_depth}
    assert all(id(url) in keys for url in held)
