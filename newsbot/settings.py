"""Scrapy settings for newsbot.

Every ``NEWSBOT_*`` setting is documented in the docstring of the component that reads it and in
the README's settings table; the defaults live here so ``scrapy settings --get`` shows them.
"""

BOT_NAME = "newsbot"
SPIDER_MODULES = ["newsbot.spiders"]
NEWSPIDER_MODULE = "newsbot.spiders"
COMMANDS_MODULE = "newsbot.commands"  # crawl checks settings first; shell/parse/check write nothing

# -- newsbot -------------------------------------------------------------------------------
NEWSBOT_BASE_URL = "https://www.trtworld.com"  # the site to crawl (the replica: http://127.0.0.1:8765)
NEWSBOT_FOLLOW_DEPTH = 2  # Related/RECOMMENDED/Explore hops followed from a start article
NEWSBOT_MAX_PAGES_PER_SITE = 5000  # requests scheduled per site in one run (newsbot.frontier.budget); 0: no budget
NEWSBOT_MAX_PENDING_REQUESTS = 100_000  # a fuller queue refuses new requests (newsbot.frontier.budget); 0: no bound
NEWSBOT_DATABASE_URL = ""  # sqlite:///path or postgresql://user@host:5432/db; empty: NEWSBOT_SQLITE_PATH
NEWSBOT_SQLITE_PATH = "data/newsbot.sqlite3"
NEWSBOT_SQLITE_BATCH_SIZE = 100  # articles per transaction (SQLite and PostgreSQL)
NEWSBOT_POSTGRES_POOL_SIZE = 4  # connections per crawl process
NEWSBOT_LOCK_TIMEOUT_SECONDS = 60.0  # a PostgreSQL batch waiting longer for a lock is given up (refetched next run)
NEWSBOT_MIN_BODY_CHARS = 200
NEWSBOT_REQUIRED_FIELDS = ["url", "headline", "articleBody"]
NEWSBOT_MAX_HEADLINE_CHARS = 1000  # longer: dropped (real headlines: 175 chars at most in 258 pages)
NEWSBOT_MAX_BODY_CHARS = 500_000  # longer: dropped (real bodies: 38,000 chars at most in 258 pages)
NEWSBOT_MAX_TEXT_CHARS = 5000  # other text fields (standfirst, names, captions, link titles): truncated
NEWSBOT_MAX_LIST_ITEMS = 500  # authors, keywords, related links beyond this many: truncated
NEWSBOT_CONTACT = "https://github.com/newsbot/newsbot"

# -- the `news` spider's discovery (newsbot.spiders.news, newsbot.discovery): bounds per site
NEWSBOT_SITEMAP_MAX_FILES = 20  # sitemaps fetched per site (indexes and children; robots.txt names them)
NEWSBOT_SITEMAP_MAX_URLS = 1000  # entries read from one sitemap: the newest (a file may hold 50,000)
NEWSBOT_SITEMAP_MAX_BYTES = 10 * 1024 * 1024  # a larger sitemap (decompressed) is reported, not read
NEWSBOT_FEED_MAX_FEEDS = 5  # feeds read per site (announced by the home page's <link rel="alternate">)
NEWSBOT_FEED_MAX_ITEMS = 100  # items read from one feed
NEWSBOT_HOME_MAX_LINKS = 500  # same-site links of the home page considered
NEWSBOT_PATTERN_MIN_SUPPORT = 3  # sitemap URLs sharing a shape before it is taken for articles' URLs
NEWSBOT_ARTICLE_MIN_SCORE = 0.75  # a page without article data or shape: its content score to be an article

# -- politeness ----------------------------------------------------------------------------
USER_AGENT = f"newsbot/0.1 (+{NEWSBOT_CONTACT})"
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

ITEM_PIPELINES = {
    "newsbot.pipelines.clean.CleanPipeline": 100,
    "newsbot.pipelines.validate.ValidatePipeline": 200,
    "newsbot.pipelines.dedup.DedupPipeline": 300,
    "newsbot.pipelines.store.StorePipeline": 400,
}

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
LOG_FORMATTER = "newsbot.logformatter.NewsbotLogFormatter"  # one line per dropped item, not the item
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote control runs Python code sent over HTTP and writes a job file to the user's
# home at every start; an unattended crawler needs neither (and its aiohttp import costs ~0.18 s).
REMOTE_CONTROL_ENABLED = False

EXTENSIONS = {
    "scrapy.extensions.spiderstate.SpiderState": None,
    "scrapy.extensions.remote_control.RemoteControl": None,  # not even imported (see REMOTE_CONTROL_ENABLED)
    "newsbot.extensions.spider_state.SafeSpiderState": 0,  # a full JOBDIR filesystem is reported, not a crash
    "newsbot.extensions.crawl_runs.CrawlRunRecorder": 500,
    "newsbot.extensions.gc_tuning.GcTuning": 100,
    "newsbot.extensions.dropped_requests.DroppedRequestCounter": 110,  # counts redirects the scheduler drops
    "newsbot.extensions.settings_check.SettingsCheck": 1,  # first newsbot extension: bad NEWSBOT_* settings fail here
}
NEWSBOT_GC_THRESHOLD = [50000, 50, 100]  # Python's cyclic GC thresholds during a crawl; [] keeps the default

NEWSBOT_DEDUP_ENABLED = True
NEWSBOT_DEDUP_MODE = "drop"  # or "flag": store copies with duplicateOf/similarity set
NEWSBOT_DEDUP_THRESHOLD = 0.68  # estimated Jaccard of word 3-grams; see bench/RESULTS.md
NEWSBOT_DEDUP_CONTAINMENT = 0.85  # trimmed copies: share of the shorter story in the longer; 0: off
NEWSBOT_DEDUP_NUM_PERM = 256
NEWSBOT_DEDUP_WINDOW_DAYS = 7

DOWNLOADER_MIDDLEWARES = {
    "newsbot.middlewares.incremental.IncrementalMiddleware": 50,
    # off-site requests (redirects included) refused before the incremental check, each counted
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "newsbot.middlewares.offsite.SiteOffsiteMiddleware": 45,
    # a missing robots.txt or guessed sitemap is counted apart, not as a failed download
    "newsbot.middlewares.probes.ProbeMisses": 60,
    # Scrapy's robots.txt rules, taken from the news spider's own robots.txt request: one download a site
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newsbot.middlewares.robots.SpiderFedRobotsTxt": 100,
}
NEWSBOT_INCREMENTAL_ENABLED = True
NEWSBOT_REFRESH_AFTER_HOURS = 0  # > 0: re-fetch stored articles older than this (conditional GET)

# -- only what is new and wanted (newsbot.window, newsbot.languages); `-a since=...` overrides NEWSBOT_SINCE
NEWSBOT_SINCE = ""  # skip articles published before: 2026-12-01, 2026-12-01T06:00:00Z, or 90m/12h/3d/2w ago
NEWSBOT_MAX_AGE_DAYS = 0  # > 0: skip articles published more than this many days ago (with NEWSBOT_SINCE: the later)
NEWSBOT_LANGUAGES: list[str] = []  # e.g. en,de: keep only articles in these languages (newsbot.languages); empty: all
NEWSBOT_SKIP_PAYWALLED = False  # True: drop articles marked isAccessibleForFree=false (kept and marked otherwise)

# -- scheduling and monitoring -------------------------------------------------------------
# Read by newsbot.schedule (`python -m newsbot crawl`), newsbot.monitoring.*, newsbot.extensions.progress,
# newsbot.extensions.run_summary, newsbot.middlewares.user_agent and newsbot.frontier.local_scheduler;
# see "Scheduled crawls" in README.
NEWSBOT_PROGRESS_INTERVAL = 30  # seconds between two progress lines; 0: off
NEWSBOT_MONITOR_MIN_ARTICLES = 1  # fewer extracted articles: exit code 4
NEWSBOT_MONITOR_ARTICLE_STATS = ["newsbot/validate/ok"]  # stats that count as extracted articles
NEWSBOT_MONITOR_KNOWN_STATS = [  # nothing new: stored already, or found and not wanted (too old, another language)
    "newsbot/incremental/skipped",
    "newsbot/incremental/not_modified",
    "newsbot/skipped/too_old",
    "newsbot/skipped/language",
]
NEWSBOT_MONITOR_MAX_ERROR_RATE = 0.2  # failed downloads / downloads above this: exit code 6
NEWSBOT_MONITOR_MIN_REQUESTS = 5  # fewer downloads: too few to judge the error rate
NEWSBOT_MONITOR_COVERAGE_ENABLED = True
NEWSBOT_MONITOR_COVERAGE_FIELDS = ["headline", "articleBody", "datePublished", "authors"]
NEWSBOT_MONITOR_COVERAGE_MAX_DROP = 0.3  # a field's share may fall this much below its usual share (exit code 5)
NEWSBOT_MONITOR_COVERAGE_FLOOR = 0.0  # ...and never below this share, history or not
NEWSBOT_MONITOR_COVERAGE_MIN_ITEMS = 5  # fewer items: too few to judge coverage (this run or an earlier one)
NEWSBOT_MONITOR_COVERAGE_HISTORY = 10  # earlier finished runs whose median coverage is "the usual"
NEWSBOT_JOBDIR_RESET_WHEN_FINISHED = True  # a finished crawl leaves nothing to resume in its JOBDIR

SCHEDULER = "newsbot.frontier.local_scheduler.ResumeSafeScheduler"
# pending requests held as small tuples (a breadth-first crawl holds most of a site at once)
SCHEDULER_MEMORY_QUEUE = "newsbot.frontier.memory_queue.CompactLifoMemoryQueue"

# -- shared frontier (several workers, one queue): newsbot.frontier; off while NEWSBOT_REDIS_URL is empty
ADDONS = {"newsbot.frontier.addon.SharedFrontier": 0}  # with a Redis URL: scrapy-redis Scheduler, seeding once a run
NEWSBOT_REDIS_URL = ""  # e.g. redis://127.0.0.1:6379/0; the same for every worker of a run
NEWSBOT_REDIS_KEY_PREFIX = "newsbot"  # Redis keys: <prefix>:<spider>:run...
NEWSBOT_REDIS_IDLE_SECONDS = 60  # a worker leaves once the shared queue has stayed empty this long
NEWSBOT_REDIS_LEASE_SECONDS = 60  # a worker silent this long counts as dead (renewed every quarter of it)
ITEM_PIPELINES = {**ITEM_PIPELINES, "newsbot.pipelines.coverage.CoveragePipeline": 150}
DOWNLOADER_MIDDLEWARES = {
    **globals().get("DOWNLOADER_MIDDLEWARES", {}),
    "newsbot.middlewares.user_agent.ContactUserAgentMiddleware": 490,  # before Scrapy's UserAgentMiddleware (500)
}
EXTENSIONS = {
    **EXTENSIONS,
    "newsbot.extensions.run_summary.RunSummary": 400,  # spider_closed before CrawlRunRecorder (500)
    "newsbot.extensions.progress.Progress": 420,
    "newsbot.extensions.feed_hint.FeedExportHint": 430,  # only with -o/-O: why a feed got no item
    # Spidermon's extension, reporting one line per failed check; before CrawlRunRecorder stores the stats
    "newsbot.monitoring.spidermon_extension.HealthMonitoring": 450,
}
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ["newsbot.monitoring.monitors.CrawlHealthMonitorSuite"]

# `scrapy check`: contracts on the spiders' callbacks, run on pages saved in the repository
SPIDER_CONTRACTS = {"newsbot.contracts.SavedPageContract": 10, "newsbot.contracts.FilledContract": 20}
DOWNLOADER_MIDDLEWARES = {
    **DOWNLOADER_MIDDLEWARES,
    "newsbot.middlewares.saved_pages.SavedPageMiddleware": 1,  # only under `scrapy check` (NotConfigured otherwise)
}
