"""SharedFrontierScheduler: scrapy-redis's Scheduler, one shared queue and seen-set per run.

Enabled by :class:`newsbot.frontier.addon.SharedFrontier` when ``NEWSBOT_REDIS_URL`` is set.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import pickle
import warnings
from typing import Any, Self

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DontCloseSpider, ScrapyDeprecationWarning
from scrapy.utils.asyncio import call_later, create_looping_call
from scrapy.utils.misc import load_object
from scrapy_redis import defaults as redis_defaults
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler as RedisScheduler

from newsbot.config import newsbot_settings
from newsbot.crawl_store import CrawlStore
from newsbot.errors import StorageError
from newsbot.frontier.budget import RequestBudget
from newsbot.frontier.connection import connect, masked_url
from newsbot.frontier.idle import IdleClock
from newsbot.frontier.learnt import PART as LEARNT_PART
from newsbot.frontier.learnt import SharedDiscovery
from newsbot.frontier.runs import Membership, RunLedger, worker_name

logger = logging.getLogger(__name__)

# scrapy-redis 0.9.1 passes ``spider=`` to the stats collector, which Scrapy 2.19 deprecates; harmless,
# and nothing a user can act on: ignored when it comes from scrapy-redis, nothing else.
warnings.filterwarnings(
    "ignore",
    message=r"Passing a 'spider' argument to StatsCollector\.inc_value\(\) is deprecated",
    category=ScrapyDeprecationWarning,
    module=r"scrapy_redis\.",
)

#: Seconds between two looks at the shared queue while this worker has nothing to do.
POLL_SECONDS = 1.0
STATS = "newsbot/frontier"


def frontier_of(crawler: Crawler) -> SharedFrontierScheduler | None:
    """The shared-frontier scheduler of ``crawler``, or None when the crawl does not use one (or has not started)."""
    try:
        scheduler = crawler.engine.scheduler
    except RuntimeError:  # no engine yet
        return None
    return scheduler if isinstance(scheduler, SharedFrontierScheduler) else None


class SharedFrontierScheduler(RedisScheduler):
    """scrapy-redis's ``Scheduler`` (its ``PriorityQueue`` and ``RFPDupeFilter``), shared by a run's workers.

    When the spider opens, the worker joins the spider's current run in Redis, or starts a new
    one and becomes its seeder (:class:`~newsbot.frontier.runs.RunLedger`); the queue and the
    seen-set are the run's keys, so every worker of the run takes requests from one queue and
    one request is never scheduled twice in a run. The queue is persistent (closing one worker
    never flushes it); while the worker runs it renews its lease, and the expiry of the run's
    keys, every quarter of ``NEWSBOT_REDIS_LEASE_SECONDS`` (and right after its first request is
    queued, when the queue and seen-set keys have just been created); when it closes it leaves
    the run, and the last worker to leave ends it (its keys are deleted): the next start begins
    a new run with a fresh seen-set. A key created between two renewals (the queue emptied and
    filled again) carries no expiry until the next renewal: should every worker of the run die
    in that window, it outlives the run as an orphan (``python -m newsbot.frontier`` lists it).

    A worker whose own work is done looks at the shared queue every second; it stays open while
    the queue has requests, while requests keep being queued (the run's seen-set grows), while
    the run's seeder is still seeding, and until the queue has stayed empty (and the seen-set
    unchanged) for ``NEWSBOT_REDIS_IDLE_SECONDS``; then it closes with the finish reason ``finished``.

    Redis unreachable when the spider opens, or failing later: the crawl closes with the finish
    reason ``storage_unavailable`` (exit code 8 of ``python -m newsbot crawl``) and one ERROR
    line naming the Redis URL (password masked), through :mod:`newsbot.crawl_store`. So does
    a worker that finds its run gone from Redis (ended without it, expired, or Redis lost its data).

    The crawl's volume bounds (:mod:`newsbot.frontier.budget`) hold for the whole run: the page budget of a
    site is counted in Redis (the run's ``budget`` hash, checked and counted in one atomic step), so
    N workers together schedule at most ``NEWSBOT_MAX_PAGES_PER_SITE`` pages of a site in a run;
    the pending bound is the length of the shared queue (``NEWSBOT_MAX_PENDING_REQUESTS``; two
    workers queueing at the same moment may pass it by a request or two each). A request refused
    for the budget stays in the run's seen-set (it was refused for the whole run anyway).

    Settings: ``NEWSBOT_REDIS_URL``, ``NEWSBOT_REDIS_KEY_PREFIX``,
    ``NEWSBOT_REDIS_IDLE_SECONDS``, ``NEWSBOT_REDIS_LEASE_SECONDS``,
    ``NEWSBOT_MAX_PAGES_PER_SITE``, ``NEWSBOT_MAX_PENDING_REQUESTS``;
    scrapy-redis's ``SCHEDULER_QUEUE_CLASS``, ``SCHEDULER_SERIALIZER`` and ``DUPEFILTER_DEBUG``.
    Stats: ``newsbot/frontier/run`` (run id), ``.../worker`` (``host:pid``), ``.../seeded`` (1: this
    worker seeded the run), ``.../ended_run`` (1: it was the last to leave), ``.../idle_exit``
    (seconds the queue was empty when it left), ``.../undecodable`` (requests dropped from the
    queue because this worker could not rebuild them), ``.../abandoned`` (a dead run replaced),
    ``.../replaced`` (a run winding down that this worker did not join: it started a new one).
    """

    def __init__(
        self,
        crawler: Crawler,
        ledger: RunLedger,
        url: str,
        idle_seconds: float,
        queue_cls: str = redis_defaults.SCHEDULER_QUEUE_CLASS,
        serializer: Any = None,
    ) -> None:
        super().__init__(server=ledger.client, persist=True, queue_cls=queue_cls, serializer=serializer)
        self.crawler = crawler
        self.stats = crawler.stats
        self.ledger = ledger
        self.url = masked_url(url)
        self.worker = worker_name()
        self.idle = IdleClock(idle_seconds)
        self.membership: Membership | None = None
        self.failure: StorageError | None = None
        self.queue: Any = None
        self._heartbeat: Any = None
        self._keys_renewed = False
        self._seen_at_last_look: int | None = None
        self._marked_idle = False
        self._poll: Any = None
        self.budget = RequestBudget.from_crawler(crawler)
        if self.budget is not None:
            self.budget.spend = self._spend
        crawler.signals.connect(self._refuse_to_start, signal=signals.spider_opened)
        crawler.signals.connect(self._on_idle, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = newsbot_settings(crawler.settings)
        url = settings.get("NEWSBOT_REDIS_URL")
        assert crawler.spidercls is not None
        ledger = RunLedger(
            connect(url),
            settings.get("NEWSBOT_REDIS_KEY_PREFIX") or "",
            crawler.spidercls.name,
            settings.getfloat("NEWSBOT_REDIS_LEASE_SECONDS"),
        )
        serializer = settings.get("SCHEDULER_SERIALIZER")
        if isinstance(serializer, str):
            serializer = importlib.import_module(serializer)
        return cls(
            crawler,
            ledger,
            url,
            idle_seconds=settings.getfloat("NEWSBOT_REDIS_IDLE_SECONDS"),
            queue_cls=settings.get("SCHEDULER_QUEUE_CLASS") or redis_defaults.SCHEDULER_QUEUE_CLASS,
            serializer=serializer,
        )

    # -- the run ----------------------------------------------------------------------------

    def open(self, spider: Any) -> None:
        self.spider = spider
        try:
            membership = self.ledger.join(self.worker)
        except RedisError as error:
            self.failure = self._storage_error(error)  # reported by _refuse_to_start, once the spider is open
            return
        self.membership = membership
        escape = str.maketrans({"%": "%%"})  # scrapy-redis formats the key with %(spider)s
        self.queue_key = self.ledger.key(membership.run, "queue").translate(escape)
        self.dupefilter_key = self.ledger.key(membership.run, "seen")
        self.queue = load_object(self.queue_cls)(
            server=self.server, spider=spider, key=self.queue_key, serializer=self.serializer
        )
        debug = self.crawler.settings.getbool("DUPEFILTER_DEBUG")
        self.df = RFPDupeFilter(self.server, key=self.dupefilter_key, debug=debug)
        if self.budget is not None:
            self.budget.open()
        self.stats.set_value(f"{STATS}/run", membership.run)
        self.stats.set_value(f"{STATS}/worker", self.worker)
        self.stats.set_value(f"{STATS}/seeded", int(membership.seeder))
        if membership.abandoned:
            self.stats.set_value(f"{STATS}/abandoned", membership.abandoned)
            logger.warning(
                "Shared frontier: run %s had no live worker left (killed?); its queue and seen-set were dropped",
                membership.abandoned,
            )
        if membership.replaced:
            self.stats.set_value(f"{STATS}/replaced", membership.replaced)
            logger.info(
                "Shared frontier: run %s was winding down (queue empty, every worker idle); its workers finish it",
                membership.replaced,
            )
        role = "the seeder (new run)" if membership.seeder else "a consumer of the shared queue"
        logger.info("Shared frontier at %s: worker %s joined run %s as %s", self.url, self.worker, membership.run, role)
        self._heartbeat = create_looping_call(self._beat)
        self._heartbeat.start(self.ledger.lease_ms / 4000, now=False)

    def _refuse_to_start(self, spider: Any) -> None:
        if self.failure is not None and self.membership is None:
            raise CloseSpider(CrawlStore.of(self.crawler).failed(self.failure))

    def _beat(self) -> None:
        if self.failure is not None or self.membership is None:
            return
        try:
            alive = self.ledger.heartbeat(self.membership.run, self.worker)
        except RedisError as error:
            self._fail(self._storage_error(error))
            return
        if not alive:
            run = self.membership.run
            self._fail(
                StorageError(
                    f"the shared run {run} is gone from Redis at {self.url} (ended without this worker, expired,"
                    " or Redis lost its data); its queue and seen-set are lost"
                )
            )
            with contextlib.suppress(RedisError):
                self.ledger.drop(run)  # what this worker queued since the run went would stay with no expiry

    def seeding_done(self) -> None:
        """Called by the seeding middleware once every start request has been handed over."""
        if self.failure is not None or self.membership is None:
            return
        try:
            self.ledger.mark_seeded(self.membership.run)
        except RedisError as error:
            self._fail(self._storage_error(error))

    def close(self, reason: str) -> None:
        if self._heartbeat is not None and self._heartbeat.running:
            self._heartbeat.stop()
        if self._poll is not None:
            self._poll.cancel()
            self._poll = None
        if self.membership is None or self.failure is not None:
            return
        super().close(reason)  # persist=True: flushes nothing
        run = self.membership.run
        try:
            ended = self.ledger.leave(run, self.worker)
        except RedisError as error:
            logger.warning(
                "Shared frontier: could not leave run %s at %s (%s); the run ends by itself once this worker's"
                " lease expires (NEWSBOT_REDIS_LEASE_SECONDS)", run, self.url, error,
            )  # fmt: skip
            return
        self.stats.set_value(f"{STATS}/ended_run", int(ended))
        if ended:
            logger.info("Shared frontier: worker %s was the last of run %s; the run is ended", self.worker, run)
        else:
            logger.info("Shared frontier: worker %s left run %s; other workers go on", self.worker, run)

    def _on_idle(self, spider: Any) -> None:
        if self.failure is not None or self.membership is None:
            return
        run = self.membership.run
        try:
            seen = self.ledger.seen(run)
            # requests queued since the last look (the seen-set grew): the queue was not empty all along
            busy = len(self.queue) > 0 or seen != self._seen_at_last_look or self.ledger.seeding(run)
        except RedisError as error:
            self._fail(self._storage_error(error))
            raise DontCloseSpider from None  # the close for the storage failure is under way
        self._seen_at_last_look = seen
        if busy:
            self.idle.busy()
            self._set_idle(False)
        elif not self._set_idle(True):
            raise DontCloseSpider  # Redis failed: the close for the storage failure is under way
        elif (waited := self.idle.empty_for()) >= self.idle.limit:
            self.stats.set_value(f"{STATS}/idle_exit", round(waited, 1))
            logger.info(
                "Shared frontier: the queue of run %s has stayed empty for %.0f s (NEWSBOT_REDIS_IDLE_SECONDS=%g);"
                " worker %s is done", run, waited, self.idle.limit, self.worker,
            )  # fmt: skip
            return
        self._look_again_soon()
        raise DontCloseSpider

    def _set_idle(self, idle: bool) -> bool:
        """Tell the run whether this worker waits out its idle time (a joiner may then start a new run)."""
        if idle == self._marked_idle or self.membership is None:
            return True
        try:
            self.ledger.set_idle(self.membership.run, self.worker, idle)
        except RedisError as error:
            self._fail(self._storage_error(error))
            return False
        self._marked_idle = idle
        return True

    def _look_again_soon(self) -> None:
        """Have the engine look at the shared queue again in a second, not at its next 5-s heartbeat.

        While this worker waits, the others take every request queued between two looks; looking
        every second gives it its share. Uses the engine's ``_slot.nextcall`` (Scrapy 2.19); should
        a later Scrapy lack it, the engine's own heartbeat still looks every 5 s.
        """
        if self._poll is None:
            self._poll = call_later(POLL_SECONDS, self._wake_engine)

    def _wake_engine(self) -> None:
        self._poll = None
        try:
            slot = getattr(self.crawler.engine, "_slot", None)
        except RuntimeError:  # no engine any more
            return
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()

    def shared_discovery(self) -> SharedDiscovery | None:
        """The run's learnt-discovery state (:mod:`newsbot.frontier.learnt`); None without a run.

        A Redis failure there closes the crawl as a failure of the frontier does.
        """
        if self.membership is None or self.failure is not None:
            return None
        key = self.ledger.key(self.membership.run, LEARNT_PART)
        return SharedDiscovery(self.ledger.client, key, self.ledger.lease_ms, on_error=self._redis_failed)

    def _redis_failed(self, error: RedisError) -> None:
        self._fail(self._storage_error(error))

    # -- the queue --------------------------------------------------------------------------

    def __len__(self) -> int:
        if self.failure is not None or self.queue is None:
            return 0
        try:
            return len(self.queue)
        except RedisError as error:
            self._fail(self._storage_error(error))
            return 0

    def has_pending_requests(self) -> bool:
        return len(self) > 0

    def enqueue_request(self, request: Request) -> bool:
        if self.failure is not None or self.queue is None:
            return False
        budget = self.budget
        try:
            if budget is not None and budget.refuse(request, self.__len__):
                return False
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            if budget is not None and not budget.reserve(request):  # the run's budget for the site is spent
                return False
            self.stats.inc_value("scheduler/enqueued/redis")
            self.queue.push(request)
        except RedisError as error:
            self._fail(self._storage_error(error))
            return False
        if not self._keys_renewed:  # the queue and seen-set exist now: give them the run's expiry
            self._keys_renewed = True
            self._beat()
        return True

    def next_request(self) -> Request | None:
        if self.failure is not None or self.queue is None:
            return None
        try:
            request = super().next_request()
        except RedisError as error:
            self._fail(self._storage_error(error))
            return None
        except (ValueError, AttributeError, pickle.UnpicklingError) as error:  # e.g. a callback this spider lacks
            self.stats.inc_value(f"{STATS}/undecodable")
            logger.warning("Shared frontier: dropped a request this worker cannot rebuild: %r", error)
            return None
        if request is not None:
            self.idle.busy()
            self._set_idle(False)
        return request

    def _spend(self, site: str, limit: int) -> bool:
        """One more page of ``site`` for the run, unless the run's workers have scheduled ``limit`` of it."""
        assert self.membership is not None
        return self.ledger.spend(self.membership.run, site, limit)

    # -- failures ---------------------------------------------------------------------------

    def _storage_error(self, error: RedisError) -> StorageError:
        what = "unreachable" if isinstance(error, RedisConnectionError | RedisTimeoutError) else "failed"
        return StorageError(f"Redis {what} at {self.url} (NEWSBOT_REDIS_URL): {error}")

    def _fail(self, error: StorageError) -> None:
        if self.failure is None:
            self.failure = error
            CrawlStore.of(self.crawler).close_crawl(error)
