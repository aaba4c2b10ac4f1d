"""SettingsCheck: a crawl with an invalid NEWSBOT_* setting fails at once, naming the setting."""

from __future__ import annotations

import logging
from typing import Self

from scrapy.crawler import Crawler

from newsbot.config import check_settings
from newsbot.redaction import redact
from newsbot.scrapy_settings import misspelt_names

logger = logging.getLogger(__name__)


class SettingsCheck:
    """Validates every ``NEWSBOT_*`` setting (:mod:`newsbot.config`) when the crawl's extensions are built.

    The commands check the settings before anything starts (``python -m newsbot crawl``,
    ``scrapy crawl``, Scrapyd); this extension is the backstop for code that builds a crawler
    itself (``AsyncCrawlerProcess``, ``CrawlerRunner``, tests). Its order in ``EXTENSIONS`` puts it
    before every other newsbot extension, and extensions are built before middlewares, pipelines
    and the scheduler; only the spider comes earlier, so newsbot spiders check in
    ``update_settings``. An invalid setting raises :class:`~newsbot.errors.SettingsError`, whose
    message names each setting, its value and what is expected. Reads every ``NEWSBOT_*`` setting;
    does nothing once they are valid.

    It also logs one WARNING per setting name that is close to a Scrapy setting's but is none
    (``DOWNLAOD_DELAY``: Scrapy would ignore it in silence), with the name meant
    (:func:`newsbot.scrapy_settings.misspelt_names`); the crawl goes on, since plugins have
    settings of their own. This runs for every crawl, however started.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        check_settings(crawler.settings)
        for warning in misspelt_names(crawler.settings):
            logger.warning("%s", redact(warning))
        return cls()
