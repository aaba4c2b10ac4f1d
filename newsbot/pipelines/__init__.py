"""Thin Scrapy adapters over cleaning, field coverage, validation, dedup and storage.

Order (``ITEM_PIPELINES``): Clean (100) -> Coverage (150) -> Validate (200) -> Dedup (300) -> Store (400).
Dedup and Store share the crawl's store through :class:`newsbot.crawl_store.CrawlStore`.
"""
