"""newsbot: a Scrapy news crawler that extracts, cleans, de-duplicates and stores articles."""

from __future__ import annotations

from newsbot.redaction import install_log_redaction

__version__ = "0.1.0"

# Every entry point (scrapy crawl, Scrapyd, python -m newsbot, scrapy shell) imports this package
# first, through the settings module: no log record printed after that can carry a credential.
install_log_redaction()
