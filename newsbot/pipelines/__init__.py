"""Thin Scrapy adapters over cleaning, validation, dedup and storage.

Order (``ITEM_PIPELINES``): Clean (100) -> Validate (200) -> Dedup (300) -> Store (400).
"""
