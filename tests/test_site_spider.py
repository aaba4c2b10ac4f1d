"""SiteSpider on a declared site's start sources: its feeds, sitemaps and listing pages, offline."""

from __future__ import annotations

import asyncio
import dataclasses

import scrapy
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.utils.test import get_crawler

from newsbot.sites.trtworld import SITE as TRTWORLD
from newsbot.spiders.site import SiteSpider
from newsbot.spiders.trtworld import TrtWorldSpider

BASE = "http://127.0.0.1:8765"
SITEMAPPED = dataclasses.replace(TRTWORLD, name="sitemapped", feeds=(), sitemaps=("/sitemap.xml",), sections=("",))


class SitemappedSpider(SiteSpider):
    """A site declaring a sitemap and its home page only (TRT World's URL rules and reader)."""

    name = "sitemapped"
    site = SITEMAPPED


def make_spider(spider_class: type[SiteSpider] = SitemappedSpider, **kwargs: str) -> SiteSpider:
    settings = {
        "NEWSBOT_BASE_URL": BASE,
        "NEWSBOT_SITEMAP_MAX_FILES": 2,
        "NEWSBOT_SITEMAP_MAX_URLS": 100,
        "NEWSBOT_SITEMAP_MAX_BYTES": 1 << 20,
    }
    crawler = get_crawler(spider_class, settings)
    crawler.spider = crawler._create_spider(**kwargs)
    return crawler.spider


def started(spider: SiteSpider) -> list[scrapy.Request]:
    async def collect() -> list[scrapy.Request]:
        return [request async for request in spider.start()]

    return asyncio.run(collect())


def urlset(*entries: tuple[str, str]) -> bytes:
    urls = "".join(f"<url><loc>{loc}</loc><lastmod>{lastmod}</lastmod></url>" for loc, lastmod in entries)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()


def test_start_points_are_the_declared_feeds_sitemaps_and_listing_pages_each_to_its_callback() -> None:
    requests = started(make_spider())
    assert [(r.url, r.callback.__name__) for r in requests] == [  # type: ignore[union-attr]
        (f"{BASE}/sitemap.xml", "parse_sitemap"),
        (f"{BASE}/", "parse_listing"),
    ]
    trt = started(make_spider(TrtWorldSpider))
    assert trt[0].url == f"{BASE}/feed/rss.xml" and trt[0].callback.__name__ == "parse_feed"  # type: ignore[union-attr]
    assert [r.callback.__name__ for r in trt[1:]] == ["parse_listing"] * 8  # type: ignore[union-attr]


def test_a_sitemap_index_is_followed_within_the_file_bound() -> None:
    spider = make_spider()
    started(spider)  # the declared sitemap: one file of two
    children = "".join(f"<sitemap><loc>{BASE}/sitemap-{n}.xml</loc></sitemap>" for n in range(3))
    index = f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{children}</sitemapindex>'
    requests = list(spider.parse_sitemap(XmlResponse(url=f"{BASE}/sitemap.xml", body=index.encode())))
    assert [r.url for r in requests] == [f"{BASE}/sitemap-0.xml"]
    assert spider.crawler.stats.get_value("newsbot/discovery/sitemaps_capped") == 2


def test_a_url_set_gives_its_articles_in_the_date_window_only() -> None:
    spider = make_spider(since="2026-01-01")
    body = urlset(
        (f"{BASE}/article/0123456789ab", "2026-03-01"),
        (f"{BASE}/author/jane.doe", "2026-03-01"),  # not an article URL of the site
        (f"{BASE}/article/00000000000a", "2025-06-01"),  # before the window
    )
    requests = list(spider.parse_sitemap(XmlResponse(url=f"{BASE}/sitemap.xml", body=body)))
    assert [(r.url, r.callback.__name__, r.cb_kwargs) for r in requests] == [  # type: ignore[union-attr]
        (f"{BASE}/article/0123456789ab", "parse_article", {"depth": 0})
    ]
    assert spider.crawler.stats.get_value("newsbot/skipped/too_old") == 1
    assert spider.site_dates[f"{BASE}/article/0123456789ab"].startswith("2026-03-01")


def test_a_broken_sitemap_is_counted_and_gives_nothing() -> None:
    spider = make_spider()
    requests = list(spider.parse_sitemap(XmlResponse(url=f"{BASE}/sitemap.xml", body=b"<urlset><url><loc>")))
    assert requests == []
    assert spider.crawler.stats.get_value("newsbot/discovery/sitemap_errors") == 1


def test_pages_are_read_with_the_declared_sites_reader_and_named_after_it() -> None:
    spider = make_spider()
    html = "<html><head><title>Ferry - TRT World</title></head><body><h1>Ferry</h1><p>Story.</p></body></html>"
    url = f"{BASE}/article/0123456789ab"
    page = HtmlResponse(url=url, body=html.encode(), encoding="utf-8", request=scrapy.Request(url))
    items = [output for output in spider.parse_article(page) if not isinstance(output, scrapy.Request)]
    assert [(item.metadata["site"], item.metadata["spider"]) for item in items] == [("sitemapped", "sitemapped")]
    assert items[0].metadata["extractor"].startswith("trtworld")
