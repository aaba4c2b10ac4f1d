"""One site of a ``news`` crawl: its hosts, its canonical URLs, what discovery learnt about it."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from newsbot.cleaning import UrlCanonicaliser, clean_url, split_url
from newsbot.discovery.pages import bare_host
from newsbot.discovery.patterns import ArticlePatterns, Shape, parse_shape_path, shape_path


class SharedStateLost(Exception):
    """The shared discovery state cannot be reached any more (the crawl is told, and closes)."""


class SharedSiteState(Protocol):
    """Discovery state of one site shared by the workers of a run (one implementation:
    :class:`newsbot.frontier.learnt.SharedDiscovery`). Every method may raise :class:`SharedStateLost`.

    Shapes travel as paths (:func:`~newsbot.discovery.patterns.shape_path`).
    """

    def claim_sitemap(self, url: str, limit: int) -> str:
        """As :meth:`CrawlSite.claim_sitemap` (``claimed``, ``seen`` or ``capped``), for the whole run."""
        ...

    def sitemap_done(self) -> None: ...

    def home_due(self) -> bool:
        """True once in the run, when no sitemap of the site is pending any more."""
        ...

    def learn(self, counts: Mapping[str, int]) -> dict[str, int]:
        """Add ``counts`` (shape path -> URLs) to the run's; returns the run's counts of every shape."""
        ...

    def shapes(self) -> dict[str, int]:
        """The run's counts of every shape."""
        ...

    def publish_origin(self, origin: str) -> None: ...

    def origin(self) -> str | None:
        """The origin the site answers at, once a worker has read its robots.txt (None before)."""
        ...


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

    With ``shared`` (:meth:`share`: workers of one run on a shared frontier) that state is the
    run's: sitemaps are claimed, counted and awaited across workers, the home page is read once
    per run, shape counts are added up (:meth:`learn`, :meth:`refresh`) and the origin adopted by
    the worker that read robots.txt is taken by the others (:meth:`publish_origin`,
    :meth:`settle_origin`). Should the shared state be lost, the site goes on with its own. A
    sitemap whose worker dies before reading it stays pending: the home page is then not read in
    that run.
    """

    home: str
    min_support: int = 3
    patterns: ArticlePatterns = field(init=False)
    urls: UrlCanonicaliser = field(init=False)
    sitemaps_requested: int = 0
    sitemaps_pending: int = 0
    home_requested: bool = False
    seen_sitemaps: set[str] = field(default_factory=set)
    shared: SharedSiteState | None = None
    origin_settled: bool = False

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

    def adopt_origin(self, url: str) -> bool:
        """Take the origin of ``url`` (a page of the site reached through redirects, e.g. its
        robots.txt) as the site's own when it differs by scheme or ``www.``; True when it changed.

        Called before any article is requested, so every canonical URL of the crawl uses the
        address the site answers at, and articles are not requested through a redirect each.
        """
        parts = split_url(url)
        if parts is None or not self.owns(url) or parts.scheme not in ("http", "https"):
            return False
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        if origin == self.origin:
            return False
        if split_url(self.home).path in ("", "/"):  # type: ignore[union-attr]
            self.home = f"{origin}/"
        self.origin = origin
        self.urls = UrlCanonicaliser(base_url=origin, host_aliases=frozenset({self.host, f"www.{self.host}"}))
        return True

    # -- shared with the other workers of a run ----------------------------------------------
    def share(self, shared: SharedSiteState) -> None:
        """From now on, sitemaps, shapes and the origin are the run's (see the class docstring)."""
        self.shared = shared

    def _lost(self) -> None:
        self.shared = None

    def publish_origin(self) -> None:
        """Tell the run the origin this worker settled on (robots.txt read, or failed)."""
        self.origin_settled = True
        if self.shared is not None:
            try:
                self.shared.publish_origin(self.origin)
            except SharedStateLost:
                self._lost()

    def settle_origin(self) -> bool:
        """Take the origin another worker published; True when this changed the site's origin."""
        if self.origin_settled or self.shared is None:
            return False
        try:
            origin = self.shared.origin()
        except SharedStateLost:
            self._lost()
            return False
        if origin is None:
            return False
        self.origin_settled = True
        return self.adopt_origin(origin)

    def learn(self, urls: list[str]) -> None:
        """Count the shapes of ``urls`` (sitemap entries of the site), with the run's counts when shared."""
        added = self.patterns.learn(urls)
        if self.shared is not None:
            try:
                totals = self.shared.learn({shape_path(shape): n for shape, n in added.items()})
            except SharedStateLost:
                self._lost()
                return
            self.patterns.adopt(_shapes(totals))

    def refresh(self) -> set[Shape]:
        """Take the shapes other workers of the run have learnt since; returns those new here."""
        if self.shared is None:
            return set()
        try:
            totals = self.shared.shapes()
        except SharedStateLost:
            self._lost()
            return set()
        return self.patterns.adopt(_shapes(totals))

    def claim_sitemap(self, url: str, limit: int) -> str:
        """``claimed`` when the sitemap ``url`` is to be fetched now (counted as pending), else why
        not: ``seen`` (asked before), ``offsite`` (another host), ``capped`` (``limit`` fetched)."""
        if url in self.seen_sitemaps:
            return "seen"
        if not self.owns(url):
            return "offsite"
        if self.shared is not None:
            try:
                claim = self.shared.claim_sitemap(url, limit)
            except SharedStateLost:
                self._lost()
            else:
                if claim != "capped":
                    self.seen_sitemaps.add(url)
                return claim
        if self.sitemaps_requested >= limit:
            return "capped"
        self.seen_sitemaps.add(url)
        self.sitemaps_requested += 1
        self.sitemaps_pending += 1
        return "claimed"

    def sitemap_done(self) -> None:
        """A pending sitemap was read, or failed."""
        if self.shared is not None:
            try:
                self.shared.sitemap_done()
                return
            except SharedStateLost:
                self._lost()
        self.sitemaps_pending = max(0, self.sitemaps_pending - 1)

    def home_due(self) -> bool:
        """True once, when no sitemap is pending any more: time to read the home page."""
        if self.home_requested:
            return False
        if self.shared is not None:
            try:
                due = self.shared.home_due()
            except SharedStateLost:
                self._lost()
                return False  # the crawl is closing: the home page is left to the next run
            self.home_requested = due
            return due
        if self.sitemaps_pending:
            return False
        self.home_requested = True
        return True

    def owns(self, url: str) -> bool:
        parts = split_url(url)
        return parts is not None and bare_host(parts.netloc) == self.host

    def canonical(self, url: str) -> str | None:
        return self.urls.canonical(url)


def _shapes(counts: Mapping[str, int]) -> dict[Shape, int]:
    return {parse_shape_path(path): int(n) for path, n in counts.items()}


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


_MAX_SITES = 1000


def read_sites(site: str | None = None, sites: str | None = None) -> list[str]:
    """The site URLs of ``-a site=URL`` and ``-a sites=FILE`` (one URL a line; ``#`` comments).

    ``ValueError`` names what is wrong: no site, an unreadable file, a line that is not an
    http(s) URL with a host (with its line number), more than 1,000 sites.
    """
    given: list[tuple[str, str]] = []
    if site:
        given.append(("site", site.strip()))
    if sites:
        try:
            lines = Path(sites).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise ValueError(f"sites={sites!r}: cannot read the file: {error}") from error
        for number, line in enumerate(lines, 1):
            line = line.split("#", 1)[0].strip()
            if line:
                given.append((f"{sites}:{number}", line))
    if not given:
        raise ValueError("give the site to crawl: -a site=https://www.example.com (or -a sites=FILE, one a line)")
    if len(given) > _MAX_SITES:
        raise ValueError(f"{len(given)} sites given, at most {_MAX_SITES} per crawl")
    for where, url in given:
        try:
            CrawlSite(url)
        except ValueError as error:
            raise ValueError(f"{where}: {error}") from None
    return [url for _, url in given]
