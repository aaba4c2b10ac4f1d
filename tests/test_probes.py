"""A missing robots.txt or guessed sitemap is an answer, not a failed download (health check)."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from newsbot.middlewares.probes import PROBE_META_KEY, ProbeMisses
from newsbot.monitoring.health import failed_downloads


def answer(middleware: ProbeMisses, url: str, status: int, **meta: object) -> None:
    request = Request(url, meta=meta)
    middleware.process_response(request, Response(url, status=status, request=request))


def test_missing_probes_are_counted_apart_and_left_out_of_failed_downloads() -> None:
    crawler = get_crawler()
    middleware = ProbeMisses.from_crawler(crawler)
    answer(middleware, "http://small.example/robots.txt", 404)
    answer(middleware, "http://small.example/sitemap.xml", 404, **{PROBE_META_KEY: True})
    answer(middleware, "http://small.example/sitemap.xml", 500, **{PROBE_META_KEY: True})  # an error stays one
    answer(middleware, "http://small.example/article/1", 404)  # a dead article link is a failure
    answer(middleware, "http://small.example/sitemap-news.xml", 404)  # declared, not guessed: a failure
    assert crawler.stats.get_value("newsbot/probes/missing") == 2
    stats = {
        "downloader/response_status_count/404": 4,
        "downloader/response_status_count/500": 1,
        "downloader/response_status_count/200": 10,
        "newsbot/probes/missing": 2,
    }
    assert failed_downloads(stats) == 3
