"""SpiderFedRobotsTxt: Scrapy's robots.txt middleware, fed by the robots.txt a spider fetches itself."""

from __future__ import annotations

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler

from newsbot.cleaning import split_url

#: Request meta: this request is the spider's own ``/robots.txt`` of a site; its answer is the
#: robots.txt the middleware obeys for that site (no second download).
ROBOTS_META_KEY = "newsbot_robots"


def robots_request_meta() -> dict[str, bool]:
    """The meta of a spider's own robots.txt request: fetched whatever the rules say (the rules are
    in it), and read by :class:`SpiderFedRobotsTxt`."""
    return {ROBOTS_META_KEY: True, "dont_obey_robotstxt": True}


class SpiderFedRobotsTxt(RobotsTxtMiddleware):
    """Scrapy's ``RobotsTxtMiddleware`` (``ROBOTSTXT_OBEY``, ``ROBOTSTXT_PARSER``,
    ``ROBOTSTXT_USER_AGENT``; off when ``ROBOTSTXT_OBEY`` is false), which also takes its rules from
    the robots.txt a spider requests itself.

    A spider that reads a site's robots.txt (the ``news`` spider reads its ``Sitemap:`` lines) marks
    its request with :func:`robots_request_meta`. Its answer, as the spider gets it (redirects followed,
    retried, decompressed), is parsed with ``ROBOTSTXT_PARSER`` and becomes the rules of every host
    of the redirect chain, so the middleware does not download that robots.txt a second time; the
    spider requests a site's robots.txt before any other page of it. A host whose robots.txt no spider
    request brought (or whose request failed) is served as Scrapy does: the middleware fetches it.

    Stats as Scrapy's: ``robotstxt/request_count``, ``robotstxt/response_count``,
    ``robotstxt/response_status_count/<status>``, ``robotstxt/forbidden``; the ``robots_parsed``
    signal is sent for each robots.txt read.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.fed: dict[str, RobotParser] = {}

    async def robot_parser(self, request: Request) -> RobotParser | None:
        """The rules for ``request``'s host: the ones a spider's robots.txt brought, else Scrapy's."""
        parser = self.fed.get(urlparse_cached(request).netloc)
        if parser is not None:
            return parser
        return await super().robot_parser(request)

    async def process_response(self, request: Request, response: Response) -> Response:
        if not request.meta.get(ROBOTS_META_KEY) or urlparse_cached(request).path != "/robots.txt":
            return response
        hosts = {urlparse_cached(request).netloc}
        for url in request.meta.get("redirect_urls", ()):
            parts = split_url(url)
            if parts is not None and parts.path == "/robots.txt":
                hosts.add(parts.netloc)
        hosts -= self.fed.keys()
        if not hosts:
            return response
        stats = self.crawler.stats
        stats.inc_value("robotstxt/request_count")
        stats.inc_value("robotstxt/response_count")
        stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        parser = build_from_crawler(self._parserimpl, self.crawler, response.body)
        for host in hosts:
            self.fed[host] = parser
        await self.crawler.signals.send_catch_log_async(
            signal=signals.robots_parsed, robotparser=parser, request=request
        )
        return response
