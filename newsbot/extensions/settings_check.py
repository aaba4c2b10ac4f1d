"""SettingsCheck: a crawl with an invalid NEWSBOT_* setting fails at once, naming the setting."""

from __future__ import annotations

from typing import Self

from scrapy.crawler import Crawler

from newsbot.config import check_settings


class SettingsCheck:
    """Validates every ``NEWSBOT_*`` setting (:mod:`newsbot.config`) when the crawl's extensions are built.

    The commands check the settings before anything starts (``python -m newsbot crawl``,
    ``scrapy crawl``, Scrapyd); this extension is the backstop for code that builds a crawler
    itself (``AsyncCrawlerProcess``, ``CrawlerRunner``, tests). Its order in ``EXTENSIONS`` puts it
    before every other newsbot extension, and extensions are built before middlewares, pipelines
    and the scheduler; only the spider comes earlier, so newsbot spiders check in
    ``update_settings``. An invalid setting raises :class:`~newsbot.config.SettingsError`, whose
    message names each setting, its value and what is expected. Reads every ``NEWSBOT_*`` setting;
    does nothing once they are valid.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        check_settings(crawler.settings)
        return cls()
