"""A DNS resolver for crawl tests: every name under ``localhost`` is the loopback address.

RFC 6761 reserves ``localhost`` and the names under it for the loopback interface, and browsers
and systemd-resolved answer so, but this machine's resolver knows only ``localhost`` itself. With
``-s DNS_RESOLVER=tests.loopback_resolver.LoopbackResolver`` a crawl reaches ``www.localhost:PORT``
and ``video.localhost:PORT`` on a test server, so a test can tell a site's ``www.`` twin and its
subdomains apart on one machine. Any other name is resolved as Scrapy's default resolver does.
"""

from __future__ import annotations

from collections.abc import Sequence

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer


class LoopbackResolver(CachingThreadedResolver):
    """Scrapy's default resolver, with ``*.localhost`` answered as ``127.0.0.1``."""

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        if name.lower().rstrip(".").endswith(".localhost"):
            return defer.succeed("127.0.0.1")
        return super().getHostByName(name, timeout)
