"""ProbeMisses: a robots.txt or a guessed sitemap that is not there is an answer, not a failed download."""

from __future__ import annotations

from typing import Self
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

PROBE_META_KEY = "newsbot_probe"
MISSING = (404, 410)


class ProbeMisses:
    """Counts ``404``/``410`` answers to probes in ``newsbot/probes/missing``.

    A probe is a request for ``/robots.txt`` (Scrapy's robots.txt middleware, or a spider's own)
    or one a spider marks with ``meta["newsbot_probe"] = True`` (the ``news`` spider's guessed
    ``/sitemap.xml``). Many small sites have neither; the download health check
    (:func:`newsbot.monitoring.health.failed_downloads`) leaves these answers out, so such a site
    does not fail a crawl. Reads no settings.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status in MISSING and (
            request.meta.get(PROBE_META_KEY) or urlsplit(request.url).path == "/robots.txt"
        ):
            self.stats.inc_value("newsbot/probes/missing")
        return response
