"""RequestBudget: the bounds on a crawl's volume, a page budget per site and a bounded pending queue.

The follow depth (``NEWSBOT_FOLLOW_DEPTH``) caps hops, not pages: a site whose every article
links a hundred new ones holds a million pages within two hops. Two bounds, applied by the
scheduler to every request the crawl schedules, keep such a crawl finite and its memory flat:

- **the page budget** (``NEWSBOT_MAX_PAGES_PER_SITE``): a site gets at most this many pages
  requested in one run, of every kind (start pages, sitemaps and feeds, listings, articles; the
  ``robots.txt`` Scrapy's middleware fetches outside the scheduler does not count, the ``news``
  spider's own request for it, which reads its ``Sitemap:`` lines, does). A request counts once the
  scheduler has accepted it (a duplicate the dupefilter drops costs nothing), except an article
  the incremental middleware will answer from the store without a download (it registers that
  test with :func:`free_of_budget`): a daily run over a site whose sitemaps list thousands of
  stored articles spends its budget on new pages only. Once a site has spent its budget, every
  further new request for it is refused before the dupefilter sees it; the requests already
  queued are still fetched, and the crawl finishes normally (finish reason ``finished``) when
  they are done. The budget is per site: in a ``news`` crawl of several sites one site spending
  its budget takes nothing from another.
- **the pending bound** (``NEWSBOT_MAX_PENDING_REQUESTS``): while the scheduler holds this many
  requests, a new article link (a request the spider marks ``meta["newsbot_article"]``) is
  refused instead of queued; links are accepted again as soon as the queue has room. Start
  requests and a site's discovery pages (sitemaps, feeds, home page: each bounded by its own
  ``NEWSBOT_SITEMAP_*``/``NEWSBOT_FEED_*`` limit) always pass, so a full queue never keeps a
  site of a ``news`` crawl from being discovered. It bounds the queue of a crawl of many sites
  (each within its budget) and of a crawl without a budget.

A retry or a redirect of a request already accepted is never refused and never counted again:
it continues a page that was paid for, and there are never more of them than requests in flight.
A refused request is counted (``newsbot/skipped/<reason>``), never logged one by one (a spent
site may refuse hundreds of thousands of links); one WARNING line says when a site spends its
budget (at its first refused page) and when the queue first fills, and the run summary reports both
(:func:`bounds_reached`). What a site is: the spider's ``site_key(url)`` when it has one (the
``trtworld`` and ``news`` spiders: the crawled site a URL belongs to, aliases included), else the
URL's host and port without ``www.``.

Used by both schedulers: :class:`newsbot.frontier.local_scheduler.ResumeSafeScheduler` (the local queue: both
bounds exact) and :class:`newsbot.frontier.shared_scheduler.SharedFrontierScheduler` (the shared
Redis queue: the pending bound is the length of the shared queue, the budget is shared by the
run's workers through a counter in Redis; see there).

Settings: ``NEWSBOT_MAX_PAGES_PER_SITE`` (0: no budget),
``NEWSBOT_MAX_PENDING_REQUESTS`` (0: no bound). Stats:
``newsbot/skipped/page_budget`` and ``newsbot/skipped/queue_full`` (requests refused; a link
found on several pages may be refused once for each), the same per site
(``newsbot/skipped/page_budget/<site>``, ``newsbot/skipped/queue_full/<site>``),
``newsbot/budget/pages/<site>`` (requests accepted for the site, this worker),
``newsbot/budget/spent/<site>`` (1 once the site used its whole budget), ``newsbot/budget/queue_peak``
(the most requests pending when a request was accepted; the local queue only), and the two limits,
``newsbot/budget/max_pages_per_site`` and ``newsbot/budget/max_pending``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.utils.httpobj import urlparse_cached

from newsbot.config import newsbot_settings
from newsbot.discovery.pages import bare_host
from newsbot.request_meta import ARTICLE_META_KEY

logger = logging.getLogger(__name__)

SKIPPED = "newsbot/skipped/"
BUDGET = "newsbot/budget/"
PAGE_BUDGET = "page_budget"
QUEUE_FULL = "queue_full"
REASONS = (PAGE_BUDGET, QUEUE_FULL)
#: Meta keys Scrapy's RetryMiddleware and RedirectMiddleware set on the request that continues another.
CONTINUATION_KEYS = ("retry_times", "redirect_times")

#: Asks whether one more page of a site may be scheduled (True: accepted and counted); see :class:`RequestBudget`.
Spend = Callable[[str, int], bool]
#: True for a request that will be answered without a download (see :func:`free_of_budget`).
FreePass = Callable[[Request], bool]

#: The attribute of the crawler that holds its free passes (:func:`free_of_budget`).
FREE_PASSES = "newsbot_free_passes"


def free_of_budget(crawler: Crawler, test: FreePass) -> None:
    """Register ``test``: the requests of ``crawler`` it accepts cost no page of the budget (they are
    never downloaded, e.g. stored articles the incremental middleware skips). Called by components
    built before the scheduler."""
    passes: list[FreePass] | None = getattr(crawler, FREE_PASSES, None)
    if passes is None:
        passes = []
        setattr(crawler, FREE_PASSES, passes)
    passes.append(test)


def continues_admitted(request: Request) -> bool:
    """True for a retry or a redirect: the continuation of a request the scheduler accepted before."""
    meta = request.meta
    return any(meta.get(key) for key in CONTINUATION_KEYS)


class RequestBudget:
    """The page budget per site and the pending bound of one crawl (see :mod:`newsbot.frontier.budget`).

    A scheduler asks :meth:`refuse` before it looks at a request (before its dupefilter), calls
    :meth:`reserve` for a new request (before queueing it when the count is shared, else once
    queued) and :meth:`accepted` with the queue's new length. ``spend`` (optional) decides in one
    step whether a site may have one more page and counts it: the shared frontier passes a
    counter kept in Redis for the whole run; without it the count is this process's own.
    """

    def __init__(self, crawler: Crawler, max_pages: int, max_pending: int) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.max_pages = max_pages
        self.max_pending = max_pending
        self.pages: dict[str, int] = {}
        self.spent: set[str] = set()
        self.cut: set[str] = set()
        self.queue_was_full = False
        self.queue_peak = 0
        self.spend: Spend | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self | None:
        """The crawl's bounds, or ``None`` when both are off (both settings 0)."""
        settings = newsbot_settings(crawler.settings)
        max_pages = settings.getint("NEWSBOT_MAX_PAGES_PER_SITE")
        max_pending = settings.getint("NEWSBOT_MAX_PENDING_REQUESTS")
        if max_pages <= 0 and max_pending <= 0:
            return None
        return cls(crawler, max(0, max_pages), max(0, max_pending))

    def open(self) -> None:
        """Record the limits in the stats (so the summary and the crawl-run row can name them)."""
        self.stats.set_value(f"{BUDGET}max_pages_per_site", self.max_pages)
        self.stats.set_value(f"{BUDGET}max_pending", self.max_pending)

    def site_of(self, request: Request) -> str:
        """The site ``request`` counts against: the spider's ``site_key(url)``, else host and port without www."""
        spider = self.crawler.spider
        site_key = getattr(spider, "site_key", None)
        key = site_key(request.url) if callable(site_key) else None
        return key or bare_host(urlparse_cached(request).netloc)

    def refuse(self, request: Request, pending: Callable[[], int]) -> bool:
        """True (and counted) when ``request`` must not be scheduled: its site spent its budget or
        the queue is full. ``pending`` gives the number of requests queued now."""
        if continues_admitted(request):
            return False
        if self.max_pages and self.spent and not self._free(request):
            site = self.site_of(request)
            if site in self.spent:
                self._skip(PAGE_BUDGET, site)
                return True
        if self.max_pending and request.meta.get(ARTICLE_META_KEY) and pending() >= self.max_pending:
            site = self.site_of(request)
            self._skip(QUEUE_FULL, site)
            if not self.queue_was_full:
                self.queue_was_full = True
                logger.warning(
                    "The pending queue is full: %d requests wait (NEWSBOT_MAX_PENDING_REQUESTS=%d); new article links"
                    " are not followed until it has room again (counted as newsbot/skipped/queue_full)",
                    self.max_pending, self.max_pending,
                )  # fmt: skip
            return True
        return False

    def reserve(self, request: Request) -> bool:
        """For a scheduler that queues ``request`` only if this says True: count it against its
        site's budget, or refuse it (counted) when the budget is spent. Continuations pass free."""
        if not self.max_pages or continues_admitted(request) or self._free(request):
            return True
        site = self.site_of(request)
        if site in self.spent:
            self._skip(PAGE_BUDGET, site)
            return False
        if self.spend is not None and not self.spend(site, self.max_pages):  # the run's workers spent it
            self._spent(site)
            self._skip(PAGE_BUDGET, site)
            return False
        count = self.pages[site] = self.pages.get(site, 0) + 1
        self.stats.set_value(f"{BUDGET}pages/{site}", count)
        if self.spend is None and count >= self.max_pages:
            self._spent(site)
        return True

    def accepted(self, pending: int) -> None:
        """Note the queue's length after a request was queued."""
        if pending > self.queue_peak:
            self.queue_peak = pending
            self.stats.set_value(f"{BUDGET}queue_peak", pending)

    def _free(self, request: Request) -> bool:
        return any(test(request) for test in getattr(self.crawler, FREE_PASSES, ()))

    def _spent(self, site: str) -> None:
        if site not in self.spent:
            self.spent.add(site)
            self.stats.set_value(f"{BUDGET}spent/{site}", 1)

    def _skip(self, reason: str, site: str) -> None:
        self.stats.inc_value(f"{SKIPPED}{reason}")
        self.stats.inc_value(f"{SKIPPED}{reason}/{site}")
        if reason == PAGE_BUDGET and site not in self.cut:  # the first page the budget keeps from being requested
            self.cut.add(site)
            logger.warning(
                "Page budget spent for site %s: %d pages requested in this run (NEWSBOT_MAX_PAGES_PER_SITE=%d); its"
                " queued pages are still fetched, its further links are not followed (newsbot/skipped/page_budget)",
                site, self.max_pages, self.max_pages,
            )  # fmt: skip


def bounds_reached(stats: Mapping[str, Any]) -> str | None:
    """One line about the volume bounds that kept a crawl from requesting pages (from its stats), or ``None``.

    A site that used its budget exactly, with nothing refused, is not named: nothing was cut.

    E.g. ``page budget (NEWSBOT_MAX_PAGES_PER_SITE=5000) spent by 1 site: example.com (93120 links
    not followed); pending queue full (NEWSBOT_MAX_PENDING_REQUESTS=100000): 12 requests not queued``.
    """
    parts = []
    per_site = f"{SKIPPED}{PAGE_BUDGET}/"
    cut = {key.removeprefix(per_site): int(value) for key, value in stats.items() if key.startswith(per_site) and value}
    spent = sorted(cut, key=lambda site: (-cut[site], site))  # the most cut first
    if spent:
        limit = stats.get(f"{BUDGET}max_pages_per_site")
        shown = ", ".join(f"{site} ({cut[site]} links not followed)" for site in spent[:5])
        more = f" and {len(spent) - 5} more" if len(spent) > 5 else ""
        noun = "site" if len(spent) == 1 else "sites"
        parts.append(f"page budget (NEWSBOT_MAX_PAGES_PER_SITE={limit}) spent by {len(spent)} {noun}: {shown}{more}")
    full = int(stats.get(f"{SKIPPED}{QUEUE_FULL}", 0))
    if full:
        limit = stats.get(f"{BUDGET}max_pending")
        parts.append(f"pending queue full (NEWSBOT_MAX_PENDING_REQUESTS={limit}): {full} requests not queued")
    return "; ".join(parts) or None
