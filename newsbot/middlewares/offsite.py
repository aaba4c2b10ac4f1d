"""SiteOffsiteMiddleware: every request the crawl makes stays on the site's origins, redirects included."""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.utils.httpobj import urlparse_cached

from newsbot.drops import DropRequest, record_drop
from newsbot.errors import UnsafeUrl
from newsbot.urls import check_url


class SiteOffsiteMiddleware(OffsiteMiddleware):
    """Refuses requests outside the spider's ``allowed_origins`` (scheme, host, port), redirects included.

    It replaces ``scrapy.downloadermiddlewares.offsite.OffsiteMiddleware`` (same place, 50).
    A spider with an ``allowed_origins`` attribute (a set of :class:`newsbot.urls.Origin`, see
    :func:`newsbot.urls.site_origins`) gets only those: the same host on another port, another
    scheme on a non-default port, or a subdomain is off-site; each request's URL is read by
    :func:`newsbot.urls.check_url`, the reading the downloader uses, so a URL with user info or a
    backslash is refused too. A spider without it (or with an empty one, like ``news`` under
    ``scrapy check``) gets Scrapy's host rule: ``allowed_domains`` and their subdomains, anything
    when there are none.

    Each refused request is counted (``newsbot/dropped/offsite``) and logged at INFO with its
    URL and why (``port 9 is not the site's``), where Scrapy logs only the first request per
    domain at DEBUG. ``dont_filter`` does not exempt a request: it means "fetch again", not
    "fetch anywhere"; Scrapy copies it onto redirects, so a start page answering with a 301 to
    another host would otherwise be followed there. Only ``meta["allow_offsite"] = True``
    exempts a request.

    Requests are checked when scheduled (a redirect is scheduled like any request, so neither
    the other origin's robots.txt nor its page is fetched) and again before download. Reads no
    settings; Scrapy's ``offsite/domains`` and ``offsite/filtered`` are kept.
    """

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        try:
            self.process_request(request)
        except DropRequest as drop:
            # dropped before any download: no errback will run, so it is counted here
            chain = request.meta.get("redirect_urls")
            why = drop.detail
            if chain:
                record_drop(self.crawler, chain[0], "offsite", f"redirected to {request.url}: {why}")
            else:
                record_drop(self.crawler, request.url, "offsite", why)
            raise

    def refusal(self, request: Request, spider: Spider) -> str | None:
        """Why ``request`` is off-site, or ``None`` when it may be fetched."""
        if request.meta.get("allow_offsite"):
            return None
        origins = getattr(spider, "allowed_origins", None)
        if not origins:
            return None if super().should_follow(request, spider) else "host is not the site's"
        try:
            check_url(request.url, origins)
        except UnsafeUrl as error:
            return error.reason
        return None

    def should_follow(self, request: Request, spider: Spider) -> bool:
        return self.refusal(request, spider) is None

    def process_request(self, request: Request) -> None:  # type: ignore[override]
        spider = self.crawler.spider
        assert spider is not None
        why = self.refusal(request, spider)
        if why is None:
            return
        host = urlparse_cached(request).hostname or ""
        if host not in self.domains_seen:
            self.domains_seen.add(host)
            self.stats.inc_value("offsite/domains")
        self.stats.inc_value("offsite/filtered")
        raise DropRequest("offsite", f"Filtered offsite request ({why})", detail=why)
