"""CompactLifoMemoryQueue: Scrapy's in-memory queue of pending requests, each held as a small tuple.

A crawl that follows links breadth-first holds most of the site in its scheduler at once. Each
waiting :class:`~scrapy.Request` keeps far more than its URL alive: the ``Headers`` object of its
Referer, its ``meta`` and ``cb_kwargs`` dicts, and, in weak dictionaries keyed by the request, its
cached fingerprint, its parsed URL and Scrapy's live-object record. This queue keeps a plain
``GET`` request as one tuple of what it was built from (its URL, Referer and a shared layout) and
builds it again when the scheduler pops it; the dropped object takes its weak-dictionary entries
with it (the memory saved: bench/RESULTS.md, "Cost that stays flat (#8): pending requests held as
small tuples").

Only the article requests of newsbot's spiders are packed (``meta["newsbot_article"]``): the
spider builds them, yields them and keeps no reference, so no one can tell the rebuilt object
from the queued one. Any other request may still be held by whoever scheduled it: Scrapy's own
``scrapy shell`` schedules its request and then swaps that object's callback for the one that
wakes it up. And a request is packed only if it is rebuilt exactly: exactly
:class:`scrapy.Request` (no subclass), ``GET`` without body, cookies or flags, UTF-8, each header
sent once, and a callback and errback that are methods of the running spider (or none). Anything
else is queued as the object itself, so every request comes back equal to the one queued.
Order is last in, first out within a priority, as Scrapy's default ``LifoMemoryQueue``. With
``JOBDIR`` the scheduler keeps requests on disk and uses this queue only for those it cannot
serialise.

Enabled by ``SCHEDULER_MEMORY_QUEUE = "newsbot.frontier.memory_queue.CompactLifoMemoryQueue"`` (newsbot's
default); it reads no setting of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Self

from scrapy import Request, Spider
from scrapy.crawler import Crawler

from newsbot.request_meta import ARTICLE_META_KEY

# What requests share, held once: (callback name, errback name, dont_filter, header names, meta keys,
# cb_kwargs keys); a packed request is (layout, url, priority, *header values, *meta values, *cb_kwargs values)
Layout = tuple[str | None, str | None, bool, tuple[bytes, ...], tuple[str, ...], tuple[str, ...]]


class CompactLifoMemoryQueue:
    """A LIFO queue of requests for one priority of Scrapy's scheduler (see the module docstring)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._items: list[tuple[Any, ...] | Request] = []
        self._layouts: dict[Layout, Layout] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        return cls(crawler)

    def push(self, request: Request) -> None:
        self._items.append(self._pack(request) or request)

    def pop(self) -> Request | None:
        return self._unpack(self._items.pop()) if self._items else None

    def peek(self) -> Request | None:
        return self._unpack(self._items[-1]) if self._items else None

    def close(self) -> None:
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)

    # -- packing ---------------------------------------------------------------------------
    def _pack(self, request: Request) -> tuple[Any, ...] | None:
        """The tuple that rebuilds ``request`` exactly, or ``None`` when it cannot be packed."""
        spider = self.crawler.spider
        if (
            not request.meta.get(ARTICLE_META_KEY)
            or type(request) is not Request
            or request.method != "GET"
            or request.body
            or request.cookies
            or request.flags
            or request.encoding != "utf-8"
        ):
            return None
        callback, errback = _method_name(request.callback, spider), _method_name(request.errback, spider)
        if callback is False or errback is False:
            return None
        headers = list(request.headers.items())  # (name, list of values)
        if any(len(values) != 1 for _, values in headers):
            return None  # a header sent several times: rare, kept as it is
        meta, cb_kwargs = request.meta, request.cb_kwargs
        names = tuple(name for name, _ in headers)
        layout = (callback, errback, request.dont_filter, names, tuple(meta), tuple(cb_kwargs))
        layout = self._layouts.setdefault(layout, layout)
        return (
            layout, request.url, request.priority,
            *(values[0] for _, values in headers), *meta.values(), *cb_kwargs.values(),
        )  # fmt: skip

    def _unpack(self, item: tuple[Any, ...] | Request) -> Request:
        if isinstance(item, Request):
            return item
        (callback, errback, dont_filter, header_names, meta_keys, cb_kwargs_keys), url, priority = item[:3]
        meta_start = 3 + len(header_names)
        cb_kwargs_start = meta_start + len(meta_keys)
        spider = self.crawler.spider
        return Request(
            url,
            callback=getattr(spider, callback) if callback else None,
            errback=getattr(spider, errback) if errback else None,
            headers=dict(zip(header_names, item[3:meta_start], strict=True)) if header_names else None,
            meta=dict(zip(meta_keys, item[meta_start:cb_kwargs_start], strict=True)) if meta_keys else None,
            cb_kwargs=dict(zip(cb_kwargs_keys, item[cb_kwargs_start:], strict=True)) if cb_kwargs_keys else None,
            priority=priority,
            dont_filter=dont_filter,
        )


def _method_name(function: Callable[..., Any] | None, spider: Spider | None) -> str | bool | None:
    """The name under which ``spider`` has the bound method ``function``; ``None`` for no function;
    ``False`` when it is anything else (a plain function, a lambda, another object's method)."""
    if function is None:
        return None
    name = getattr(function, "__name__", None)
    if spider is None or name is None or getattr(function, "__self__", None) is not spider:
        return False
    return name if getattr(spider, name, None) == function else False
