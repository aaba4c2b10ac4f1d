"""IncrementalMiddleware: do not download again an article page that is already stored."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import Self

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response

from newsbot.pipelines.shared import acquire_store, release_store
from newsbot.storage import KnownPage, SqliteStore, StorageError

logger = logging.getLogger(__name__)

ARTICLE_META_KEY = "newsbot_article"


class IncrementalMiddleware:
    """Skips article requests whose canonical URL is already stored (as an article or a copy).

    Only requests the spider marks with ``meta["newsbot_article"] = True`` are checked: feeds,
    home and section pages are always fetched. The spider requests canonical URLs, so the check
    holds across URL forms; the stored pages are read once when the spider opens.

    With ``NEWSBOT_REFRESH_AFTER_HOURS`` > 0, a stored article last fetched longer ago than that
    is requested again, conditionally (``If-None-Match`` / ``If-Modified-Since`` from the stored
    ``ETag`` / ``Last-Modified``); a ``304 Not Modified`` only notes the check, a changed page is
    stored as a new revision by the storage pipeline.

    After a killed run whose request queue was lost (:class:`newsbot.resume.ResumeSafeScheduler`
    sets ``newsbot/resume/discarded``), nothing is skipped for that one run, so the links of
    stored articles are followed again and nothing reachable only through them is lost.

    Settings: ``NEWSBOT_INCREMENTAL_ENABLED`` (default True), ``NEWSBOT_REFRESH_AFTER_HOURS``
    (default 0: never re-fetch), ``NEWSBOT_SQLITE_PATH``. Stats: ``newsbot/incremental/known``
    (stored pages at start), ``.../skipped``, ``.../refreshed``, ``.../not_modified``.
    """

    def __init__(self, crawler: Crawler, refresh_after: timedelta | None) -> None:
        self.crawler = crawler
        self.refresh_after = refresh_after
        self.store: SqliteStore | None = None
        self.known: dict[str, KnownPage] = {}
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("NEWSBOT_INCREMENTAL_ENABLED", True) or not settings.get("NEWSBOT_SQLITE_PATH"):
            raise NotConfigured("incremental crawling is off")
        hours = settings.getfloat("NEWSBOT_REFRESH_AFTER_HOURS", 0)
        return cls(crawler, timedelta(hours=hours) if hours > 0 else None)

    async def spider_opened(self, spider: Spider) -> None:
        try:
            self.store = acquire_store(self.crawler)
        except StorageError:
            return  # the storage pipeline closes the spider with the reason
        if self.crawler.stats.get_value("newsbot/resume/discarded"):
            # recovering from a killed run whose queue was lost: follow stored articles' links again
            self.crawler.stats.set_value("newsbot/incremental/suspended", 1)
            return
        self.known = await asyncio.to_thread(self.store.known_at_open)
        self.crawler.stats.set_value("newsbot/incremental/known", len(self.known))

    async def spider_closed(self, spider: Spider) -> None:
        if self.store is None:
            return
        closing = release_store(self.crawler)
        self.store = None
        if closing is not None:
            await asyncio.to_thread(closing.close)

    def _is_stale(self, page: KnownPage) -> bool:
        if self.refresh_after is None or page.is_duplicate:
            return False
        return datetime.fromisoformat(page.last_seen) < datetime.now(UTC) - self.refresh_after

    def process_request(self, request: Request) -> None:
        if not request.meta.get(ARTICLE_META_KEY):
            return
        page = self.known.get(request.url)
        if page is None:
            return
        if not self._is_stale(page):
            self.crawler.stats.inc_value("newsbot/incremental/skipped")
            raise IgnoreRequest(f"already stored: {request.url}")
        self.crawler.stats.inc_value("newsbot/incremental/refreshed")
        if page.etag:
            request.headers.setdefault(b"If-None-Match", page.etag)
        if page.last_modified:
            request.headers.setdefault(b"If-Modified-Since", page.last_modified)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status == 304 and request.meta.get(ARTICLE_META_KEY) and request.url in self.known:
            self.crawler.stats.inc_value("newsbot/incremental/not_modified")
            if self.store is not None:
                self.store.touch(request.url)
            raise IgnoreRequest(f"not modified: {request.url}")
        return response
