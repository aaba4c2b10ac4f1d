"""Why a request ended without an item: one counted reason and one INFO line per request.

A request can end without an item in the spider's errback (an ``IgnoreRequest`` from a
middleware, a failed download, an HTTP error) or before any callback runs at all (a request
filtered off-site when it is scheduled, a redirect the dupefilter drops). :func:`failure_outcome`
names the reason for the first kind; :class:`~newsbot.middlewares.offsite.SiteOffsiteMiddleware`
and :class:`~newsbot.extensions.dropped_requests.DroppedRequestCounter` count the second.
Spiders (their errbacks), middlewares and extensions share these helpers; no Scrapy component lives here.

Stats: ``newsbot/dropped/<reason>`` for requests refused on purpose (``offsite``,
``robots_txt``, ``too_large``, ``redirect_loop``, ``duplicate_redirect``, ``ignored``; pages whose
bytes no encoding reads: ``undecodable``, see :mod:`newsbot.extraction.decoding`) and
``newsbot/errors/<kind>`` for failed downloads (``http_<status>``, or the exception's class name,
e.g. ``DownloadConnectionRefusedError``). Requests the incremental middleware skips on purpose
are counted there (``newsbot/incremental/...``) and nowhere else.
"""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

DROPPED = "newsbot/dropped/"
ERRORS = "newsbot/errors/"
#: Messages of Scrapy's own ``IgnoreRequest`` (it raises no subclasses) and the reason each names.
SCRAPY_IGNORES = (("Forbidden by robots.txt", "robots_txt"), ("max redirections reached", "redirect_loop"))
#: Messages of ``IgnoreRequest`` raised by :mod:`newsbot.middlewares.incremental`: counted there.
INCREMENTAL_SKIPS = ("already stored:", "not modified:")


class DropRequest(IgnoreRequest):
    """An ``IgnoreRequest`` that names its reason (and why, in ``detail``), for newsbot's own middlewares."""

    def __init__(self, reason: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.detail = detail


def record_drop(crawler: Crawler, url: str, reason: str, detail: str = "") -> None:
    """Count ``newsbot/dropped/<reason>`` and log one INFO line for ``url`` (``detail`` appended)."""
    crawler.stats.inc_value(f"{DROPPED}{reason}")
    logger.info("Dropped %s (%s%s)", url, reason, f": {detail}" if detail else "")


def record_error(crawler: Crawler, url: str, kind: str) -> None:
    """Count ``newsbot/errors/<kind>`` and log one INFO line for ``url``."""
    crawler.stats.inc_value(f"{ERRORS}{kind}")
    logger.info("Request failed: %s (%s)", url, kind)


def failure_outcome(failure: Failure) -> tuple[str, str] | None:
    """``(stat prefix, reason)`` of a request that failed, ``None`` when it is counted elsewhere."""
    value = failure.value
    if isinstance(value, HttpError):
        return ERRORS, f"http_{value.response.status}"
    if isinstance(value, DropRequest):
        return DROPPED, value.reason
    if isinstance(value, IgnoreRequest):
        message = str(value)
        if message.startswith(INCREMENTAL_SKIPS):
            return None
        if "DOWNLOAD_MAXSIZE" in message:  # HttpCompressionMiddleware: too large once decompressed
            return DROPPED, "too_large"
        for text, reason in SCRAPY_IGNORES:
            if message.startswith(text):
                return DROPPED, reason
        return DROPPED, "ignored"
    if isinstance(value, DownloadCancelledError):
        # Scrapy cancels a download only when its body passes DOWNLOAD_MAXSIZE (announced or received)
        return DROPPED, "too_large"
    return ERRORS, type(value).__name__


def record_failure(crawler: Crawler, failure: Failure) -> None:
    """Count and log a request's failure under its reason (see :func:`failure_outcome`)."""
    outcome = failure_outcome(failure)
    if outcome is None:
        return
    prefix, reason = outcome
    request = getattr(failure, "request", None)
    if request is None:
        url, chain = "?", None
    else:
        chain = request.meta.get("redirect_urls")
        url = chain[0] if chain else request.url  # the URL the spider asked for
    if prefix == ERRORS:
        record_error(crawler, url, reason)
        return
    detail = f"redirected to {request.url}" if chain else ""
    if isinstance(failure.value, DropRequest) and failure.value.detail:
        detail = ": ".join(filter(None, (detail, failure.value.detail)))
    if reason == "ignored":
        detail = "; ".join(filter(None, (str(failure.value), detail)))
    record_drop(crawler, url, reason, detail)
