"""Spidermon close monitors: the health checks of :mod:`newsbot.monitoring.health` after each crawl.

Enable with (the project settings do)::

    SPIDERMON_ENABLED = True
    EXTENSIONS = {"newsbot.monitoring.spidermon_extension.HealthMonitoring": 450}  # before CrawlRunRecorder (500)
    SPIDERMON_SPIDER_CLOSE_MONITORS = ["newsbot.monitoring.monitors.CrawlHealthMonitorSuite"]

Each monitor runs one check and records its result in the stats as ``newsbot/health/<check>``
(``ok: <measured>`` or ``FAILED: <why>``), so the result is stored with the crawl-run row and
``python -m newsbot crawl`` turns it into an exit code. Spidermon actions (e-mail, Slack...) can
be added to the suite's ``monitors_failed_actions`` through ``SPIDERMON_*`` settings as usual.
The thresholds are the ``NEWSBOT_MONITOR_*`` settings (see :class:`~newsbot.monitoring.health.Thresholds`).

With Scrapy 2.19, Spidermon 1.27 logs its report through the deprecated ``Spider.log()``, which
emits a ``ScrapyDeprecationWarning`` ("Spider.log() is deprecated") in every crawl. It is harmless
and nothing a user of newsbot can act on, so importing this module (Spidermon does it when the
crawl starts) ignores exactly that warning when it comes from Spidermon's modules, nothing else.
"""

from __future__ import annotations

import warnings

from scrapy.exceptions import ScrapyDeprecationWarning
from spidermon import Monitor, MonitorSuite, monitors

from newsbot.monitoring.health import RESULT_KEY, CheckResult, Thresholds, run_check

warnings.filterwarnings(
    "ignore", message=r"Spider\.log\(\) is deprecated", category=ScrapyDeprecationWarning, module=r"spidermon\."
)


class _HealthMonitor(Monitor):
    check_name = ""

    def run_health_check(self) -> CheckResult:
        crawler = self.data.crawler
        result = run_check(self.check_name, self.data.stats, Thresholds.from_settings(crawler.settings))
        crawler.stats.set_value(RESULT_KEY.format(self.check_name), result.as_stat())
        if not result.ok:
            self.fail(result.message)
        return result


@monitors.name("Storage")
class StorageMonitor(_HealthMonitor):
    """The database could be opened and written (exit code 8 otherwise)."""

    check_name = "storage"

    @monitors.name("database writable")
    def test_storage(self) -> None:
        self.run_health_check()


@monitors.name("Finish reason")
class FinishReasonMonitor(_HealthMonitor):
    """The crawl finished on its own (exit code 7 otherwise)."""

    check_name = "finish"

    @monitors.name("finish reason is 'finished'")
    def test_finish_reason(self) -> None:
        self.run_health_check()


@monitors.name("Download errors")
class ErrorRateMonitor(_HealthMonitor):
    """Failed downloads / downloads <= NEWSBOT_MONITOR_MAX_ERROR_RATE (exit code 6 otherwise)."""

    check_name = "errors"

    @monitors.name("error rate under the limit")
    def test_error_rate(self) -> None:
        self.run_health_check()


@monitors.name("Field coverage")
class FieldCoverageMonitor(_HealthMonitor):
    """Each NEWSBOT_MONITOR_COVERAGE_FIELDS field is about as common as in earlier runs (exit code 5)."""

    check_name = "coverage"

    @monitors.name("coverage not far below the usual")
    def test_coverage(self) -> None:
        self.run_health_check()


@monitors.name("Articles")
class ArticlesMonitor(_HealthMonitor):
    """At least NEWSBOT_MONITOR_MIN_ARTICLES articles were extracted (exit code 4 otherwise)."""

    check_name = "articles"

    @monitors.name("articles extracted")
    def test_articles(self) -> None:
        self.run_health_check()


class CrawlHealthMonitorSuite(MonitorSuite):
    """The health of a finished crawl: storage, finish reason, errors, field coverage, articles."""

    monitors = [StorageMonitor, FinishReasonMonitor, ErrorRateMonitor, FieldCoverageMonitor, ArticlesMonitor]
