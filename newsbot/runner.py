"""Run one crawl in this process and hand back its stats (for the CLI, the demo and benchmarks)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess
from scrapy.utils.project import get_project_settings


@dataclass
class CrawlOutcome:
    """What a finished crawl left behind: its stats and finish reason, and the error that stopped it, if any."""

    stats: dict[str, Any]
    error: str | None = None

    @property
    def finish_reason(self) -> str | None:
        return self.stats.get("finish_reason")


def run_crawl(spider: str, settings: dict[str, Any] | None = None, **spider_kwargs: Any) -> CrawlOutcome:
    """Crawl with ``spider`` and the project settings updated by ``settings``; block until done.

    Starts and stops the reactor, so it can run once per process.
    """
    project_settings = get_project_settings()
    project_settings.setdict(settings or {}, priority="cmdline")
    process = AsyncCrawlerProcess(project_settings)
    crawler = process.create_crawler(spider)
    errors: list[str] = []
    note_errors(process.crawl(crawler, **spider_kwargs), errors)
    start(process, errors)
    return CrawlOutcome(stats=crawler_stats(crawler), error=errors[0] if errors else None)


def start(process: Any, errors: list[str]) -> None:
    """Run ``process`` until its crawls end; a ``KeyboardInterrupt`` that reaches here (one that came
    before Scrapy's own SIGINT handler, or out of a commit) ends it as an interrupted crawl, noted in ``errors``."""
    try:
        process.start()
    except KeyboardInterrupt:
        errors.append("KeyboardInterrupt: the crawl was interrupted")


def note_errors(started: Any, errors: list[str]) -> None:
    """Append to ``errors`` the exception that ends the crawl ``started`` (an asyncio task or a Deferred), if any."""

    def from_task(task: Any) -> None:
        if not task.cancelled() and task.exception() is not None:
            errors.append(f"{type(task.exception()).__name__}: {task.exception()}")

    def from_failure(failure: Any) -> None:
        errors.append(f"{failure.type.__name__}: {failure.value}")
        return failure  # Scrapy's own errback still logs it

    if hasattr(started, "add_done_callback"):
        started.add_done_callback(from_task)
    else:
        started.addErrback(from_failure)


def crawler_stats(crawler: Any) -> dict[str, Any]:
    """The stats of a finished crawl (empty when it failed before its stats existed; its error says why)."""
    try:
        return dict(crawler.stats.get_stats())
    except (RuntimeError, AttributeError):
        return {}
