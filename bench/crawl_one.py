"""Run one benchmark crawl in this process and print its stats as JSON on the last line.

    python bench/crawl_one.py newsbot BASE_URL DB_PATH      (or newsbot-no-dedup, newsbot-no-pipelines)
    python bench/crawl_one.py bare BASE_URL

``newsbot`` is the real spider with every pipeline; ``bare`` is a plain Scrapy spider that follows
the same article links with a no-op callback: the upper bound of what Scrapy can fetch here.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy.http import Response, TextResponse

from newsbot.extraction.trtworld import canonicaliser
from newsbot.runner import run_crawl
from newsbot.spiders.trtworld import SECTIONS

# politeness off, the same for both spiders: the replica runs on this machine
FAST = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "ROBOTSTXT_OBEY": True,
    "LOG_LEVEL": "WARNING",
}


# newsbot with one part turned off, to see where its time goes
VARIANTS: dict[str, dict[str, Any]] = {
    "newsbot": {},
    "newsbot-no-dedup": {"NEWSBOT_DEDUP_ENABLED": False},
    "newsbot-no-pipelines": {"ITEM_PIPELINES": {}},
}


class BareSpider(scrapy.Spider):
    """Follows every article link of the start pages and articles; stores nothing.

    Links are canonicalised as newsbot's spider does (one URL per article id), so both spiders
    fetch the same pages and the difference in rate is the cost of what newsbot does with them.
    """

    name = "bare"

    def __init__(self, base_url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url
        self.urls = canonicaliser(base_url)

    async def start(self):  # type: ignore[no-untyped-def]
        yield scrapy.Request(f"{self.base_url}/feed/rss.xml", callback=self.parse_feed)
        for path in ("", *SECTIONS):
            yield scrapy.Request(f"{self.base_url}/{path}", callback=self.parse_page)

    def parse_feed(self, response: Response):  # type: ignore[no-untyped-def]
        yield from self.follow(response, re.findall(r"<link>([^<]+)</link>", response.text))

    def parse_page(self, response: Response):  # type: ignore[no-untyped-def]
        if isinstance(response, TextResponse):
            yield from self.follow(response, response.xpath("//a/@href").getall())

    def follow(self, response: Response, hrefs: list[str]):  # type: ignore[no-untyped-def]
        for href in hrefs:
            url = urljoin(response.url, href.strip())
            if self.urls.article_id(url):
                yield scrapy.Request(self.urls.canonical(url), callback=self.parse_page)


def main() -> None:
    kind, base_url = sys.argv[1], sys.argv[2]
    if kind == "bare":
        settings = dict(FAST, ITEM_PIPELINES={}, EXTENSIONS={}, DOWNLOADER_MIDDLEWARES={})
        from scrapy.crawler import AsyncCrawlerProcess
        from scrapy.utils.project import get_project_settings

        project = get_project_settings()
        project.setdict(settings, priority="cmdline")
        process = AsyncCrawlerProcess(project)
        crawler = process.create_crawler(BareSpider)
        process.crawl(crawler, base_url=base_url)
        process.start()
        stats = dict(crawler.stats.get_stats())
    else:
        settings = dict(FAST, NEWSBOT_BASE_URL=base_url, NEWSBOT_SQLITE_PATH=sys.argv[3], NEWSBOT_FOLLOW_DEPTH=1000)
        settings.update(VARIANTS[kind])
        stats = run_crawl("trtworld", settings).stats
    print(json.dumps(stats, default=str))


if __name__ == "__main__":
    main()
