"""Scrapy settings for newsbot.

Every ``NEWSBOT_*`` setting is documented in the docstring of the component that reads it and in
the README's settings table; the defaults live here so ``scrapy settings --get`` shows them.
"""

BOT_NAME = "newsbot"
SPIDER_MODULES = ["newsbot.spiders"]
NEWSPIDER_MODULE = "newsbot.spiders"

# -- newsbot -------------------------------------------------------------------------------
NEWSBOT_BASE_URL = "https://www.trtworld.com"  # the site to crawl (the replica: http://127.0.0.1:8765)
NEWSBOT_FOLLOW_DEPTH = 2  # Related/RECOMMENDED/Explore hops followed from a start article
NEWSBOT_SQLITE_PATH = "data/newsbot.sqlite3"
NEWSBOT_SQLITE_BATCH_SIZE = 100
NEWSBOT_MIN_BODY_CHARS = 200
NEWSBOT_REQUIRED_FIELDS = ["url", "headline", "articleBody"]
NEWSBOT_CONTACT = "https://github.com/newsbot/newsbot"

# -- politeness ----------------------------------------------------------------------------
USER_AGENT = f"newsbot/0.1 (+{NEWSBOT_CONTACT})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2

ITEM_PIPELINES = {
    "newsbot.pipelines.clean.CleanPipeline": 100,
    "newsbot.pipelines.validate.ValidatePipeline": 200,
    "newsbot.pipelines.dedup.DedupPipeline": 300,
    "newsbot.pipelines.store.SqlitePipeline": 400,
}

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False

EXTENSIONS = {
    "newsbot.extensions.crawl_runs.CrawlRunRecorder": 500,
}

NEWSBOT_DEDUP_ENABLED = True
NEWSBOT_DEDUP_MODE = "drop"  # or "flag": store copies with duplicateOf/similarity set
NEWSBOT_DEDUP_THRESHOLD = 0.65  # estimated Jaccard of word 3-grams; see bench/RESULTS.md
NEWSBOT_DEDUP_NUM_PERM = 128
NEWSBOT_DEDUP_WINDOW_DAYS = 7

DOWNLOADER_MIDDLEWARES = {
    "newsbot.middlewares.incremental.IncrementalMiddleware": 50,
}
NEWSBOT_INCREMENTAL_ENABLED = True
NEWSBOT_REFRESH_AFTER_HOURS = 0  # > 0: re-fetch stored articles older than this (conditional GET)
