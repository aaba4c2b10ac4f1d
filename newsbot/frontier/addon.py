"""SharedFrontier: the Scrapy add-on that moves the crawl frontier to Redis when asked."""

from __future__ import annotations

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

from newsbot.frontier.seeding import SeedOncePerRun
from newsbot.frontier.shared_scheduler import SharedFrontierScheduler

#: Outermost spider middleware: it sees the start requests after every other middleware.
SEEDING_ORDER = 5


class SharedFrontier:
    """Add-on (``ADDONS``): with ``NEWSBOT_REDIS_URL`` set, the crawl shares its frontier with other workers.

    It sets ``SCHEDULER`` to :class:`~newsbot.frontier.shared_scheduler.SharedFrontierScheduler`
    (scrapy-redis's ``Scheduler`` with its queue and ``RFPDupeFilter``, keys per run, persistent:
    one worker closing never wipes the shared queue), ``DUPEFILTER_CLASS`` to scrapy-redis's
    ``RFPDupeFilter``, ``SCHEDULER_PERSIST`` to True, and adds the
    :class:`~newsbot.frontier.seeding.SeedOncePerRun` spider middleware (start requests once per
    run). These replace the project's values whatever their priority: a shared frontier needs all
    of them. With ``NEWSBOT_REDIS_URL`` empty (the default) it changes nothing: the crawl keeps
    ``newsbot.frontier.local_scheduler.ResumeSafeScheduler`` and its local queue.

    Settings: ``NEWSBOT_REDIS_URL`` (``redis://[user:password@]host:port/db``, ``rediss://`` or
    ``unix://``); the others are read by the scheduler.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.get("NEWSBOT_REDIS_URL"):
            return
        for name, value in (
            ("SCHEDULER", SharedFrontierScheduler),
            ("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter"),
            ("SCHEDULER_PERSIST", True),
        ):
            priority = max(settings.getpriority(name) or 0, SETTINGS_PRIORITIES["addon"])
            settings.set(name, value, priority=priority)
        settings.set_in_component_priority_dict("SPIDER_MIDDLEWARES", SeedOncePerRun, SEEDING_ORDER)
