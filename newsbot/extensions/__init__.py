"""Scrapy extensions: crawl-run records, progress and health checks."""
