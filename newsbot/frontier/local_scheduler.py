"""ResumeSafeScheduler: JOBDIR resumes that lose nothing when a crawl was killed, not stopped.

Scrapy's JOBDIR keeps two things between runs: the fingerprints of every request ever scheduled
(``requests.seen``, written when a request is *scheduled*) and the queue of pending requests
(``requests.queue``, whose index ``active.json`` is written only when the crawl *closes*). After a
graceful stop (one Ctrl-C, SIGTERM, a close-spider limit) both are consistent and the next run
continues where the last one stopped. After a hard kill (SIGKILL, OOM killer, power loss) they
are not: the queue index is missing or stale, so the pending requests are gone, while their
fingerprints are in ``requests.seen``, so the next run filters them out when it finds them again.
Every article that was queued but not yet stored would be lost for good, and so would the
articles of the last SQLite batch, which was never committed although its requests were seen.

This scheduler marks the job directory while a crawl runs (``newsbot.running``). If the next run
finds the mark, the previous crawl did not close: the untrustworthy ``requests.seen`` and
``requests.queue`` are discarded and the crawl starts its discovery again from the start pages;
what the database already holds is kept (the articles table is keyed by canonical URL, so
nothing is stored twice; in this one recovery run the incremental middleware fetches stored
articles again, so that the links they lead to are followed and nothing queued is lost). After a graceful stop
the JOBDIR is used as Scrapy always does. A crawl that *finished* leaves nothing to resume: its
state is removed (``NEWSBOT_JOBDIR_RESET_WHEN_FINISHED``), so a scheduler that always passes the
same JOBDIR does not turn the seen-set into a permanent filter.

It also applies the crawl's volume bounds (:mod:`newsbot.frontier.budget`): a request of a site that spent
its page budget, or any new request while the queue (memory and disk) holds
``NEWSBOT_MAX_PENDING_REQUESTS``, is refused and counted instead of queued.

Settings: ``JOBDIR``; ``NEWSBOT_JOBDIR_RESET_WHEN_FINISHED``;
``NEWSBOT_MAX_PAGES_PER_SITE`` and ``NEWSBOT_MAX_PENDING_REQUESTS`` (see :mod:`newsbot.frontier.budget`). Stats:
``newsbot/resume/discarded`` (1 when a killed crawl's state was discarded),
``newsbot/resume/reset`` (1 when a finished crawl's state was removed at close),
``newsbot/resume/pending`` (requests of a stopped crawl's queue taken up by this one).

After a crawl closed by a storage failure, the JOBDIR state is removed too: its seen-set names
pages whose items were never committed; the next run is a recovery run
(:func:`newsbot.middlewares.incremental.recovery_reason`) that fetches them again. So is the state
of a crawl that could not write its JOBDIR whole (a full filesystem while it was stopping: a
request marked seen but never queued, a queue file left without its header), whatever its finish
reason: the next run starts as after a stop without a JOBDIR.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from scrapy import signals
from scrapy.core.scheduler import Scheduler
from scrapy.crawler import Crawler
from scrapy.dupefilters import BaseDupeFilter
from scrapy.exceptions import CloseSpider
from scrapy.utils.misc import load_object

from newsbot.config import newsbot_settings
from newsbot.crawl_store import STORAGE_UNAVAILABLE, CrawlStore
from newsbot.errors import StorageError
from newsbot.frontier.budget import RequestBudget

logger = logging.getLogger(__name__)

MARKER = "newsbot.running"
STATE = ("requests.seen", "requests.queue")


def discard_state(jobdir: str | Path) -> None:
    """Remove the request queue and seen-set of a job directory (other files stay)."""
    for name in STATE:
        path = Path(jobdir, name)
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def jobdir_problem(jobdir: str | Path) -> str | None:
    """Why ``jobdir`` cannot hold a crawl's state (cannot be created or written), or ``None``.

    Writes, syncs and removes a small probe file, so a full or read-only filesystem is found
    before the crawl starts rather than by every request it would queue.
    """
    probe = Path(jobdir, f".newsbot-probe-{os.getpid()}")
    try:
        Path(jobdir).mkdir(parents=True, exist_ok=True)
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, b"x" * 4096)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as error:
        return f"JOBDIR {str(jobdir)!r} cannot be written: {error}"
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
    return None


class ResumeSafeScheduler(Scheduler):
    """Scrapy's scheduler, plus the kill detection and reset described in :mod:`newsbot.frontier.local_scheduler`.

    A JOBDIR that cannot be written (full or read-only filesystem) is found when the crawl
    starts: the crawl closes at once with the finish reason ``storage_unavailable`` (exit code 8
    of ``python -m newsbot crawl``), and so does a crawl whose JOBDIR fills up while it runs.
    """

    jobdir: str | None = None
    discarded = False
    jobdir_error: str | None = None
    unsaved = False  # a JOBDIR write failed: the queue and seen-set on disk are not the crawl's
    budget: RequestBudget | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        jobdir = crawler.settings.get("JOBDIR") or None
        problem = jobdir_problem(jobdir) if jobdir else None
        if problem is not None:
            scheduler = cls._without_jobdir(crawler)
            scheduler.budget = RequestBudget.from_crawler(crawler)
            scheduler.jobdir_error = problem
            crawler.signals.connect(scheduler._refuse_to_start, signal=signals.spider_opened)
            return scheduler
        discarded = False
        if jobdir:
            marker = Path(jobdir, MARKER)
            if marker.exists():
                logger.warning(
                    "The previous crawl in JOBDIR %s was killed, not stopped (%s): its request queue and seen-set"
                    " are not trustworthy, discarding them and discovering again from the start pages; stored"
                    " articles are kept", jobdir, marker.read_text(encoding="utf-8").strip() or "no details",
                )  # fmt: skip
                discard_state(jobdir)
                discarded = True
            started = datetime.now(UTC).isoformat(timespec="seconds")
            marker.write_text(f"pid {os.getpid()}, started {started}\n", encoding="utf-8")
        scheduler = super().from_crawler(crawler)
        scheduler.budget = RequestBudget.from_crawler(crawler)
        scheduler.jobdir = jobdir
        scheduler.discarded = discarded
        return scheduler

    @classmethod
    def _without_jobdir(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        return cls(
            dupefilter=BaseDupeFilter(),
            jobdir=None,
            dqclass=load_object(settings["SCHEDULER_DISK_QUEUE"]),
            mqclass=load_object(settings["SCHEDULER_MEMORY_QUEUE"]),
            logunser=settings.getbool("SCHEDULER_DEBUG"),
            stats=crawler.stats,
            pqclass=load_object(settings["SCHEDULER_PRIORITY_QUEUE"]),
            crawler=crawler,
        )

    def _refuse_to_start(self, spider: Any) -> None:
        assert self.crawler is not None and self.jobdir_error is not None
        raise CloseSpider(CrawlStore.of(self.crawler).failed(StorageError(self.jobdir_error)))

    def open(self, spider: Any) -> Any:
        result = super().open(spider)
        if self.budget is not None:
            self.budget.open()
        if self.stats is not None:
            if self.discarded:
                self.stats.set_value("newsbot/resume/discarded", 1)
            if self.dqs is not None and len(self.dqs):
                self.stats.set_value("newsbot/resume/pending", len(self.dqs))
        return result

    def enqueue_request(self, request: Any) -> bool:
        budget = self.budget
        if budget is not None and budget.refuse(request, self.__len__):
            return False
        try:
            queued = super().enqueue_request(request)
        except OSError as error:  # the JOBDIR's filesystem filled up (or went read-only) mid-crawl
            assert self.crawler is not None
            self.unsaved = True  # the request is marked seen but not queued: the state is discarded at close
            CrawlStore.of(self.crawler).close_crawl(StorageError(f"JOBDIR {self.jobdir!r} cannot be written: {error}"))
            return False
        if queued and budget is not None:
            budget.reserve(request)  # counts it: this process's count is exact, a spent site was refused above
            budget.accepted(len(self))
        return queued

    def close(self, reason: str) -> Any:
        try:
            result = super().close(reason)
        except OSError as error:
            self.unsaved = True
            # after a storage failure the state is discarded anyway and the failure already reported
            level = logging.WARNING if reason == STORAGE_UNAVAILABLE else logging.ERROR
            logger.log(
                level, "The request queue and seen-set could not be saved in JOBDIR %s (%s): they are discarded,"
                " the next run fetches again what they held", self.jobdir, error,
            )  # fmt: skip
            result = None
        if result is not None and hasattr(result, "addBoth"):
            return result.addBoth(lambda value: self._after_close(reason, value))
        self._after_close(reason, None)
        return result

    def _after_close(self, reason: str, value: Any) -> Any:
        if not self.jobdir:
            return value
        settings = newsbot_settings(self.crawler.settings) if self.crawler else None
        reset = reason == "finished" and settings is not None and settings.getbool("NEWSBOT_JOBDIR_RESET_WHEN_FINISHED")
        # after a storage failure the seen-set names pages whose items were never committed; a
        # queue or seen-set that could not be written whole would lose or damage requests if resumed
        if reset or reason == STORAGE_UNAVAILABLE or self.unsaved:
            with contextlib.suppress(OSError):
                discard_state(self.jobdir)
            if self.stats is not None:
                self.stats.set_value("newsbot/resume/reset", 1)
        with contextlib.suppress(OSError):
            Path(self.jobdir, MARKER).unlink(missing_ok=True)
        return value


def was_killed(jobdir: str | Path) -> bool:
    """True when the last crawl in ``jobdir`` neither finished nor stopped cleanly (its mark is still there)."""
    return Path(jobdir, MARKER).exists()
