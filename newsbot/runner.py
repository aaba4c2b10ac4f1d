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

    def note_error(task: Any) -> None:
        if not task.cancelled() and task.exception() is not None:
            errors.append(f"{type(task.exception()).__name__}: {task.exception()}")

    process.crawl(crawler, **spider_kwargs).add_done_callback(note_error)
    process.start()
    try:
        stats = crawler.stats.get_stats()
    except RuntimeError:  # the crawl failed before its stats existed; the error says why
        stats = {}
    return CrawlOutcome(stats=dict(stats), error=errors[0] if errors else None)
