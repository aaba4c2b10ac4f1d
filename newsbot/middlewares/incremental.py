"""IncrementalMiddleware: do not download again an article page that is already stored."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import Self

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, IgnoreRequest, NotConfigured
from scrapy.http import Response

from newsbot.config import newsbot_settings
from newsbot.crawl_store import CrawlStore
from newsbot.errors import StorageError
from newsbot.frontier.budget import free_of_budget
from newsbot.request_meta import ARTICLE_META_KEY, SITE_DATE_META_KEY
from newsbot.storage import KnownPage, Store
from newsbot.storage.factory import storage_enabled
from newsbot.storage.known import StoredPages
from newsbot.window import read_date

logger = logging.getLogger(__name__)


class IncrementalMiddleware:
    """Skips article requests whose canonical URL is already stored (as an article or a copy).

    Only requests the spider marks with ``meta["newsbot_article"] = True`` are checked: feeds,
    home and section pages are always fetched. The spider requests canonical URLs, so the check
    holds across URL forms. Nothing is loaded when the spider opens: each article request is one
    indexed read of the store, remembered for the last pages asked
    (:class:`newsbot.storage.known.StoredPages`), so the crawl's start and memory do not grow with
    the archive.

    With ``NEWSBOT_REFRESH_AFTER_HOURS`` > 0, a stored article last fetched longer ago than that
    is requested again, conditionally (``If-None-Match`` / ``If-Modified-Since`` from the stored
    ``ETag`` / ``Last-Modified``); a ``304 Not Modified`` only notes the check, a changed page is
    stored as a new revision by the storage pipeline.

    The site's own signal does the same whatever the age rule says: a stored article whose request
    carries a date (``meta["newsbot_site_date"]``: the sitemap ``lastmod`` or feed ``updated`` the
    spider read) newer than its last fetch is requested again, conditionally
    (``newsbot/incremental/refreshed_by_lastmod``); one whose date is not newer is skipped as before.

    A stored article it will skip costs no page of its site's budget (:func:`newsbot.frontier.budget.free_of_budget`).

    A recovery run skips nothing, so that the links of stored articles are followed again and
    nothing reachable only through them is lost (:func:`recovery_reason`): after a run whose
    pending requests or last batch were lost: killed (no end recorded in ``crawl_runs``, or its
    JOBDIR discarded by :class:`newsbot.frontier.local_scheduler.ResumeSafeScheduler`), closed by a storage failure,
    or stopped early (SIGTERM, Ctrl-C; not by a ``CLOSESPIDER_*`` limit) without a JOBDIR queue to
    resume.

    Settings: ``NEWSBOT_INCREMENTAL_ENABLED``, ``NEWSBOT_REFRESH_AFTER_HOURS``
    (0: never re-fetch), ``NEWSBOT_DATABASE_URL`` / ``NEWSBOT_SQLITE_PATH``. Stats:
    ``newsbot/incremental/skipped``, ``.../refreshed``,
    ``.../refreshed_by_lastmod``, ``.../not_modified``.
    """

    def __init__(self, crawler: Crawler, refresh_after: timedelta | None) -> None:
        self.crawler = crawler
        self.crawl_store = CrawlStore.of(crawler)
        self.refresh_after = refresh_after
        self.store: Store | None = None
        self.known: StoredPages = StoredPages.of_pages({})
        free_of_budget(crawler, self.answers_from_store)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = newsbot_settings(crawler.settings)
        if not settings.getbool("NEWSBOT_INCREMENTAL_ENABLED") or not storage_enabled(settings):
            raise NotConfigured("incremental crawling is off")
        hours = settings.getfloat("NEWSBOT_REFRESH_AFTER_HOURS")
        return cls(crawler, timedelta(hours=hours) if hours > 0 else None)

    async def spider_opened(self, spider: Spider) -> None:
        try:
            self.store = self.crawl_store.acquire()
            previous = await asyncio.to_thread(self.store.previous_run, spider.name)
            why = recovery_reason(
                previous,
                discarded=bool(self.crawler.stats.get_value("newsbot/resume/discarded")),
                resumed=int(self.crawler.stats.get_value("newsbot/resume/pending") or 0),
            )
            if why is not None:
                # what the previous run had queued (and its uncommitted batch) is lost: follow stored
                # articles' links again, so that everything reachable is fetched
                logger.warning("Recovery run: %s; stored articles are fetched again, none is skipped", why)
                self.crawler.stats.set_value("newsbot/incremental/suspended", 1)
                return
            self.known = self.store.stored_pages()
        except StorageError as error:
            raise CloseSpider(self.crawl_store.failed(error)) from error

    async def spider_closed(self, spider: Spider) -> None:
        if self.store is None:
            return
        closing = self.crawl_store.release()
        self.store = None
        if closing is not None:
            try:
                await asyncio.to_thread(closing.close)
            except StorageError as error:
                self.crawl_store.failed(error)

    def _is_stale(self, page: KnownPage) -> bool:
        if self.refresh_after is None or page.is_duplicate:
            return False
        return datetime.fromisoformat(page.last_seen) < datetime.now(UTC) - self.refresh_after

    @staticmethod
    def _changed_since(page: KnownPage, request: Request) -> bool:
        """True when the site dates the article (``SITE_DATE_META_KEY``) after the page was last fetched."""
        found = read_date(request.meta.get(SITE_DATE_META_KEY))
        if found is None or page.is_duplicate:
            return False
        seen = datetime.fromisoformat(page.last_seen)
        return found[0] > (seen if seen.tzinfo else seen.replace(tzinfo=UTC))

    def _decision(self, request: Request) -> str | None:
        """``skipped``, ``refreshed`` or ``refreshed_by_lastmod`` for a stored article, ``None`` for other requests.

        One indexed read of the store per page, remembered (:class:`newsbot.storage.known.StoredPages`).
        """
        if not request.meta.get(ARTICLE_META_KEY):
            return None
        page = self.known.get(request.url)
        if page is None:
            return None
        if self._is_stale(page):
            return "refreshed"
        if self._changed_since(page, request):
            return "refreshed_by_lastmod"
        return "skipped"

    def answers_from_store(self, request: Request) -> bool:
        """True when ``request`` will be skipped (a stored article not due for a refresh): no download."""
        return self._decision(request) == "skipped"

    def process_request(self, request: Request) -> None:
        decision = self._decision(request)
        if decision is None:
            return
        self.crawler.stats.inc_value(f"newsbot/incremental/{decision}")
        if decision == "skipped":
            raise IgnoreRequest(f"already stored: {request.url}")
        page = self.known.get(request.url)  # remembered from the decision
        if page is None:
            return
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


def recovery_reason(previous: tuple[str | None, str | None] | None, *, discarded: bool, resumed: int) -> str | None:
    """Why this run must fetch stored articles again, or ``None`` when an incremental run is safe.

    ``previous`` is the ``(finished_at, finish_reason)`` of the spider's last run on this
    database, ``discarded`` whether a killed crawl's JOBDIR state was thrown away, ``resumed``
    how many requests a JOBDIR queue holds for this run.
    """
    if discarded:
        return "the previous crawl was killed and its JOBDIR queue discarded"
    if previous is None:
        return None
    finished_at, reason = previous
    if finished_at is None:
        return "the previous crawl of this database has no recorded end (killed, or its end could not be written)"
    if reason == "storage_unavailable":
        return "the previous crawl was closed by a storage failure, its last batch was not committed"
    # a CLOSESPIDER_* limit is a bound the operator chose for every run: recovering after each
    # would refetch the stored articles every time and never get past them
    if reason not in ("finished", "database_in_use") and not str(reason).startswith("closespider_") and not resumed:
        return f"the previous crawl stopped early ({reason}) and left no JOBDIR queue to resume"
    return None
