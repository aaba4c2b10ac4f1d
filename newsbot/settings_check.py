"""SettingsCheck: the add-on through which every crawl's settings are validated, however it is started."""

from __future__ import annotations

import logging

from scrapy.settings import BaseSettings

from newsbot.config import check_settings
from newsbot.redaction import redact
from newsbot.scrapy_settings import misspelt_names

logger = logging.getLogger(__name__)


class SettingsCheck:
    """Add-on (``ADDONS``, first): a crawl with an invalid setting fails before it starts, naming the setting.

    Both hooks call :func:`newsbot.config.check_settings` (every ``NEWSBOT_*`` setting against the
    registry, and the values of Scrapy's own settings), which raises
    :class:`~newsbot.config.SettingsError` naming each setting, its value and what is expected:

    - ``update_pre_crawler_settings``, when a crawler process or runner is created from the
      project's settings (``scrapy crawl`` and so Scrapyd, the debug commands, ``python -m newsbot
      crawl``, ``AsyncCrawlerProcess``/``CrawlerRunner`` in code): before the log file, the
      reactor, the spider loader or any spider exists. A spider's ``from_crawler`` runs before the
      add-ons of its crawler, so this is the check that comes first for a newsbot spider that reads
      a setting there.
    - ``update_settings``, when a crawler applies its add-ons: the settings as that crawl sees them
      (a spider's ``custom_settings`` included), before every extension, middleware, pipeline and
      the scheduler, and before the other add-ons (the shared frontier reads ``NEWSBOT_REDIS_URL``).
      It also logs one WARNING per setting name that is close to a Scrapy setting's but is none
      (``DOWNLAOD_DELAY``: Scrapy would ignore it in silence; :func:`newsbot.scrapy_settings.misspelt_names`);
      the crawl goes on, since plugins have settings of their own.

    The commands check the same way first (:mod:`newsbot.commands`, :mod:`newsbot.schedule`) to
    turn a problem into a usage error line and exit code 2. Reads every setting; does nothing once
    they are valid.
    """

    @classmethod
    def update_pre_crawler_settings(cls, settings: BaseSettings) -> None:
        check_settings(settings)

    def update_settings(self, settings: BaseSettings) -> None:
        check_settings(settings)
        for warning in misspelt_names(settings):
            logger.warning("%s", redact(warning))
