"""DroppedRequestCounter: count the redirects that the scheduler drops (:mod:`newsbot.drops`)."""

from __future__ import annotations

from typing import Self

from scrapy import Request, signals
from scrapy.crawler import Crawler

from newsbot.drops import record_drop


class DroppedRequestCounter:
    """Counts redirects that the scheduler drops, so a redirect loop is never silent.

    A redirect whose target was requested before is dropped by the dupefilter: Scrapy fires
    ``request_dropped`` and calls no errback. A target already in the request's own redirect
    chain is a loop (``newsbot/dropped/redirect_loop``); any other target was fetched through
    another request (``newsbot/dropped/duplicate_redirect``). Requests that were not redirected
    and are dropped as duplicates lose nothing (their page is fetched once) and are left to
    Scrapy's ``dupefilter/filtered``. Reads no settings.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def request_dropped(self, request: Request) -> None:
        chain = request.meta.get("redirect_urls")
        if not chain:
            return
        reason = "redirect_loop" if request.url in chain else "duplicate_redirect"
        record_drop(self.crawler, chain[0], reason, f"redirected to {request.url}")
