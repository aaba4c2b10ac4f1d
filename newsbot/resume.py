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

Settings: ``JOBDIR``; ``NEWSBOT_JOBDIR_RESET_WHEN_FINISHED`` (default True). Stats:
``newsbot/resume/discarded`` (1 when a killed crawl's state was discarded),
``newsbot/resume/reset`` (1 when a finished crawl's state was removed at close).
"""

from __future__ import annotations

import logging
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from scrapy.core.scheduler import Scheduler
from scrapy.crawler import Crawler
from scrapy.utils.job import job_dir

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


class ResumeSafeScheduler(Scheduler):
    """Scrapy's scheduler, plus the kill detection and reset described in :mod:`newsbot.resume`."""

    jobdir: str | None = None
    discarded = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        jobdir = job_dir(crawler.settings)
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
        scheduler.jobdir = jobdir
        scheduler.discarded = discarded
        return scheduler

    def open(self, spider: Any) -> Any:
        result = super().open(spider)
        if self.discarded and self.stats is not None:
            self.stats.set_value("newsbot/resume/discarded", 1)
        return result

    def close(self, reason: str) -> Any:
        result = super().close(reason)
        if result is not None and hasattr(result, "addBoth"):
            return result.addBoth(lambda value: self._after_close(reason, value))
        self._after_close(reason, None)
        return result

    def _after_close(self, reason: str, value: Any) -> Any:
        if not self.jobdir:
            return value
        if (
            reason == "finished"
            and self.crawler
            and self.crawler.settings.getbool("NEWSBOT_JOBDIR_RESET_WHEN_FINISHED", True)
        ):
            discard_state(self.jobdir)
            if self.stats is not None:
                self.stats.set_value("newsbot/resume/reset", 1)
        Path(self.jobdir, MARKER).unlink(missing_ok=True)
        return value


def was_killed(jobdir: str | Path) -> bool:
    """True when the last crawl in ``jobdir`` neither finished nor stopped cleanly (its mark is still there)."""
    return Path(jobdir, MARKER).exists()
