"""Scrapy settings for newsbot.

The ``NEWSBOT_*`` settings come from the registry in :mod:`newsbot.config` (``SETTINGS``: each
one's default, type and meaning), set here at their defaults so that ``scrapy settings --get``
shows them. The list of what can be set, with defaults, is README.md's "Settings" table (written
from the registry: ``python -m newsbot.config --markdown``); each component's docstring names the
settings it reads. Below: Scrapy's own settings, each component dict defined once.
"""

from newsbot.config import default, defaults

BOT_NAME = "newsbot"
SPIDER_MODULES = ["newsbot.spiders"]
NEWSPIDER_MODULE = "newsbot.spiders"
COMMANDS_MODULE = "newsbot.commands"  # crawl checks settings first; shell/parse/check write nothing

# -- newsbot: every NEWSBOT_* setting at its default (README.md, "Settings") ---------------
globals().update(defaults())

# -- politeness ----------------------------------------------------------------------------
# the crawl's User-Agent is built from the final NEWSBOT_CONTACT (newsbot.politeness); this one is
# what a request sent without that middleware carries
USER_AGENT = f"newsbot/0.1 (+{default('NEWSBOT_CONTACT')})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_ITEMS = 8  # Scrapy's 100 starts 100 tasks a response: 650 vs 87 µs CPU a page (bench/crawl.py, #8)
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
# News pages are small: 258 real article pages of 181 publishers (shared/corpora/fundus-pages) are
# 254 KB decompressed at the median, 2.1 MB at the 99th percentile and 2.2 MB at most. 8 MiB
# (3.6x the largest) cuts off a page that is not an article page long before it costs memory; it
# bounds the body as received and, in HttpCompressionMiddleware, as decompressed (a gzip bomb
# stops at 8 MiB), counted as newsbot/dropped/too_large. The warning at 4 MiB flags pages twice
# the largest seen.
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
LOG_FORMATTER = "newsbot.logformatter.NewsbotLogFormatter"  # one line per dropped item, not the item
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote control runs Python code sent over HTTP and writes a job file to the user's
# home at every start; an unattended crawler needs neither (and its aiohttp import costs ~0.18 s).
REMOTE_CONTROL_ENABLED = False

# -- components ----------------------------------------------------------------------------
ADDONS = {
    "newsbot.settings_check.SettingsCheck": -100,  # first: a bad setting fails before any component starts
    # shared frontier (several workers, one queue; newsbot.frontier): off while NEWSBOT_REDIS_URL is empty,
    # with a Redis URL the scrapy-redis Scheduler, seeding once a run
    "newsbot.frontier.addon.SharedFrontier": 0,
}

ITEM_PIPELINES = {
    "newsbot.pipelines.clean.CleanPipeline": 100,
    "newsbot.pipelines.coverage.CoveragePipeline": 150,
    "newsbot.pipelines.validate.ValidatePipeline": 200,
    "newsbot.pipelines.dedup.DedupPipeline": 300,
    "newsbot.pipelines.store.StorePipeline": 400,
}

DOWNLOADER_MIDDLEWARES = {
    "newsbot.middlewares.saved_pages.SavedPageMiddleware": 1,  # only under `scrapy check` (NotConfigured otherwise)
    # off-site requests (redirects included) refused before the incremental check, each counted
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "newsbot.middlewares.offsite.SiteOffsiteMiddleware": 45,
    "newsbot.middlewares.incremental.IncrementalMiddleware": 50,
    # a missing robots.txt or guessed sitemap is counted apart, not as a failed download
    "newsbot.middlewares.probes.ProbeMisses": 60,
    # Scrapy's robots.txt rules, taken from the news spider's own robots.txt request: one download a site
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newsbot.middlewares.robots.SpiderFedRobotsTxt": 100,
    "newsbot.middlewares.user_agent.ContactUserAgentMiddleware": 490,  # before Scrapy's UserAgentMiddleware (500)
}

EXTENSIONS = {
    "scrapy.extensions.spiderstate.SpiderState": None,
    "scrapy.extensions.remote_control.RemoteControl": None,  # not even imported (see REMOTE_CONTROL_ENABLED)
    "newsbot.extensions.spider_state.SafeSpiderState": 0,  # a full JOBDIR filesystem is reported, not a crash
    "newsbot.extensions.gc_tuning.GcTuning": 100,
    "newsbot.extensions.dropped_requests.DroppedRequestCounter": 110,  # counts redirects the scheduler drops
    "newsbot.extensions.run_summary.RunSummary": 400,  # spider_closed before CrawlRunRecorder (500)
    "newsbot.extensions.progress.Progress": 420,
    "newsbot.extensions.feed_hint.FeedExportHint": 430,  # only with -o/-O: why a feed got no item
    # Spidermon's extension, reporting one line per failed check; before CrawlRunRecorder stores the stats
    "newsbot.monitoring.spidermon_extension.HealthMonitoring": 450,
    "newsbot.extensions.crawl_runs.CrawlRunRecorder": 500,
}

# -- scheduling and monitoring (newsbot.schedule, newsbot.monitoring; README.md, "Scheduled crawls")
SCHEDULER = "newsbot.frontier.local_scheduler.ResumeSafeScheduler"
# pending requests held as small tuples (a breadth-first crawl holds most of a site at once)
SCHEDULER_MEMORY_QUEUE = "newsbot.frontier.memory_queue.CompactLifoMemoryQueue"
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ["newsbot.monitoring.monitors.CrawlHealthMonitorSuite"]

# `scrapy check`: contracts on the spiders' callbacks, run on pages saved in the repository
SPIDER_CONTRACTS = {"newsbot.contracts.SavedPageContract": 10, "newsbot.contracts.FilledContract": 20}
