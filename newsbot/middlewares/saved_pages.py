"""SavedPageMiddleware: under ``scrapy check``, answer a request with a page saved in the repository.

The contracts of :mod:`newsbot.contracts` put ``meta["newsbot_saved_page"]`` on their requests.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.responsetypes import responsetypes

ROOT = Path(__file__).resolve().parents[2]
SAVED_PAGE_META = "newsbot_saved_page"
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8"}


def saved_page_path(name: str) -> Path:
    """The saved page ``name`` (relative to the project root); ``ValueError`` outside the project."""
    path = (ROOT / name).resolve()
    if not path.is_relative_to(ROOT):
        raise ValueError(f"saved page {name!r} is outside the project")
    return path


class SavedPageMiddleware:
    """Answers a request carrying ``meta["newsbot_saved_page"]`` with that saved file.

    Enabled only under ``scrapy check`` (``SCRAPY_CHECK`` in the environment): a crawl never
    reads files. Reads no settings. Stats: ``newsbot/contracts/saved_pages``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not os.environ.get("SCRAPY_CHECK"):
            raise NotConfigured  # no message: Scrapy would log a WARNING for it in every crawl
        return cls(crawler)

    def process_request(self, request: Request) -> Response | None:
        name = request.meta.get(SAVED_PAGE_META)
        if not name:
            return None
        path = saved_page_path(name)
        body = path.read_bytes()
        suffix = path.suffix
        if suffix == ".gz":
            body, suffix = gzip.decompress(body), Path(path.stem).suffix
        headers = {"Content-Type": CONTENT_TYPES.get(suffix, "application/octet-stream")}
        cls = responsetypes.from_args(headers=headers, url=request.url, body=body)
        self.crawler.stats.inc_value("newsbot/contracts/saved_pages")
        return cls(url=request.url, status=200, headers=headers, body=body, request=request)
