"""One site of a ``news`` crawl: its hosts, its canonical URLs, what discovery learnt about it."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from newsbot.cleaning import UrlCanonicaliser, clean_url, split_url
from newsbot.discovery.pages import bare_host
from newsbot.discovery.patterns import ArticlePatterns


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@dataclass
class CrawlSite:
    """A site given to the ``news`` spider (``-a site=URL``), and its discovery state.

    ``home`` is the URL as given (a path is kept: ``https://example.com/news/``), ``origin`` its
    scheme and host. The site's pages are those of its host, with or without ``www.``; their
    canonical URL uses ``origin`` (see :class:`newsbot.cleaning.UrlCanonicaliser`: tracking
    parameters and fragment dropped, query sorted, no trailing slash). ``patterns`` holds the
    article URL shapes learnt from its sitemaps; ``sitemaps_requested`` and ``sitemaps_pending``
    bound and sequence sitemap discovery (the home page is read once the sitemaps are in, so its
    links are judged with the shapes they taught).
    """

    home: str
    min_support: int = 3
    patterns: ArticlePatterns = field(init=False)
    urls: UrlCanonicaliser = field(init=False)
    sitemaps_requested: int = 0
    sitemaps_pending: int = 0
    home_requested: bool = False
    seen_sitemaps: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        parts = split_url(self.home)
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{self.home!r} is not an http:// or https:// URL with a host")
        self.origin = f"{parts.scheme}://{parts.netloc.lower()}"
        self.host = bare_host(parts.netloc)
        self.patterns = ArticlePatterns(self.min_support)
        self.urls = UrlCanonicaliser(base_url=self.origin, host_aliases=frozenset({self.host, f"www.{self.host}"}))

    @property
    def domains(self) -> list[str]:
        """``allowed_domains`` entries: the host, and its ``www.`` twin for a domain name."""
        name = (split_url(self.origin).hostname or "").lower()  # type: ignore[union-attr]
        if _is_ip(name):
            return [name]
        bare = name.removeprefix("www.")
        return sorted({bare, f"www.{bare}"})

    def owns(self, url: str) -> bool:
        parts = split_url(url)
        return parts is not None and bare_host(parts.netloc) == self.host

    def canonical(self, url: str) -> str | None:
        return self.urls.canonical(url)


class SitesCanonicaliser:
    """The ``urls`` of a ``news`` crawl: canonical URLs by each site's rules, other URLs only cleaned.

    Offers the ``canonical(url)`` of :class:`newsbot.cleaning.UrlCanonicaliser`, which is what
    the cleaning pipeline asks of a spider's ``urls``.
    """

    def __init__(self, sites: list[CrawlSite]) -> None:
        self.by_host = {site.host: site for site in sites}

    def site_of(self, url: str) -> CrawlSite | None:
        parts = split_url(url)
        return self.by_host.get(bare_host(parts.netloc)) if parts is not None else None

    def canonical(self, url: str) -> str | None:
        site = self.site_of(url)
        return site.canonical(url) if site is not None else clean_url(url)
