"""SiteOffsiteMiddleware: Scrapy's off-site filter, counted, and binding for every request."""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.utils.httpobj import urlparse_cached

from newsbot.middlewares.drops import DropRequest, record_drop


class SiteOffsiteMiddleware(OffsiteMiddleware):
    """Refuses requests to hosts outside the spider's ``allowed_domains``, redirects included.

    It replaces ``scrapy.downloadermiddlewares.offsite.OffsiteMiddleware`` (same place, 50) and
    differs in two ways. Each refused request is counted (``newsbot/dropped/offsite``) and logged
    at INFO with its URL, where Scrapy logs only the first request per domain at DEBUG. And
    ``dont_filter`` does not exempt a request: it means "fetch again", not "fetch anywhere";
    Scrapy copies it onto redirects, so a start page answering with a 301 to another host would
    otherwise be followed there. Only ``meta["allow_offsite"] = True`` exempts a request.

    Requests are checked when scheduled (a redirect is scheduled like any request, so neither
    the other host's robots.txt nor its page is fetched) and again before download. Reads no
    settings; Scrapy's ``offsite/domains`` and ``offsite/filtered`` are kept.
    """

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        try:
            self.process_request(request)
        except DropRequest:
            # dropped before any download: no errback will run, so it is counted here
            chain = request.meta.get("redirect_urls")
            if chain:
                record_drop(self.crawler, chain[0], "offsite", f"redirected to {request.url}")
            else:
                record_drop(self.crawler, request.url, "offsite")
            raise

    def process_request(self, request: Request) -> None:  # type: ignore[override]
        spider = self.crawler.spider
        assert spider is not None
        if request.meta.get("allow_offsite") or self.should_follow(request, spider):
            return
        host = urlparse_cached(request).hostname or ""
        if host not in self.domains_seen:
            self.domains_seen.add(host)
            self.stats.inc_value("offsite/domains")
        self.stats.inc_value("offsite/filtered")
        raise DropRequest("offsite", f"Filtered offsite request to {host!r}: {request.url}")
