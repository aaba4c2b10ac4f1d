"""Scrapy extensions: settings check, crawl runs, progress, summary, dropped redirects, spider state, GC, feed hint."""
