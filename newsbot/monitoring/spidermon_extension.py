"""HealthMonitoring: Spidermon's extension, with a report of one line per failed health check.

Spidermon 1.27 logs a failed monitor as a unittest report: a separator, the monitor's name and
the assertion's whole traceback, for every failure (three tracebacks for a crawl whose database
was full). An operator needs the check and its reason; this extension runs the same suites with
a result that logs ``[Spidermon] FAIL: <monitor>: <reason>`` on one ERROR line each, through the
spider's logger (not the deprecated ``Spider.log()``); WARNING lines when the crawl already
reported a storage failure, so that failure stays its one ERROR line.

Enabled instead of ``spidermon.contrib.scrapy.extensions.Spidermon`` in ``EXTENSIONS``; reads
Spidermon's own settings (``SPIDERMON_ENABLED``, ``SPIDERMON_SPIDER_CLOSE_MONITORS``, ...).
"""

from __future__ import annotations

import logging
from typing import Any

from spidermon.contrib.scrapy.extensions import Spidermon
from spidermon.contrib.scrapy.runners import LOG_MESSAGE_HEADER, SpiderMonitorResult, SpiderMonitorRunner


def failure_reason(error: str) -> str:
    """The reason of a failed monitor: the last line of its traceback, without the exception's name."""
    lines = [line for line in error.strip().splitlines() if line.strip()]
    last = lines[-1] if lines else "no reason given"
    name, sep, message = last.partition(": ")
    return message if sep and name.replace(".", "").isidentifier() else last


class OneLineMonitorResult(SpiderMonitorResult):
    """Spidermon's result for a spider, with failures and errors on one line each.

    After a storage failure (already logged as one ERROR line by :mod:`newsbot.crawl_store`,
    its message in the ``newsbot/store/error`` stat) the failed checks restate it or follow from
    it (no article, finish reason): they are logged as WARNING lines, so the cause stays the one
    ERROR line of the crawl.
    """

    def write_errors(self) -> None:
        stats = getattr(getattr(self.spider, "crawler", None), "stats", None)
        reported = stats is not None and stats.get_value("newsbot/store/error") is not None
        for status in self.step.error_statuses:
            for item in self.step.items_for_status(status):
                line = f"{item.status}: {item.item.name}: {failure_reason(item.error or '')}"
                if reported:
                    self.log(line, level=logging.WARNING)
                else:
                    self.log_error(line)

    def log(self, msg: str, level: int = logging.DEBUG) -> None:
        self.spider.logger.log(level, "[%s] %s", LOG_MESSAGE_HEADER, msg)


class OneLineMonitorRunner(SpiderMonitorRunner):
    def create_result(self) -> OneLineMonitorResult:
        return OneLineMonitorResult(self.spider)


class HealthMonitoring(Spidermon):
    """Runs the Spidermon suites like Spidermon's extension; reports each failure on one line."""

    def spider_closed(self, spider: Any) -> None:
        # a crawl that closed before spider_opened reached this extension has no periodic tasks
        self.periodic_tasks.setdefault(spider, [])
        super().spider_closed(spider)

    def _run_suites(self, spider: Any, suites: list[Any]) -> None:
        data = self._generate_data_for_spider(spider)
        for suite in suites:
            OneLineMonitorRunner(spider=spider).run(suite, **data)
