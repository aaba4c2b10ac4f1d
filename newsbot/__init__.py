"""newsbot: a Scrapy news crawler that extracts, cleans, de-duplicates and stores articles."""

__version__ = "0.1.0"
