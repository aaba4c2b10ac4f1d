"""One site of a ``news`` crawl: its hosts, its canonical URLs, what discovery learnt about it."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from newsbot.cleaning import UrlCanonicaliser, clean_url
from newsbot.discovery.patterns import ArticlePatterns, Shape, parse_shape_path, shape_path
from newsbot.errors import SharedStateLost, UnsafeUrl
from newsbot.urls import Origin, WebUrl, check_url, origin_of, site_origins


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


def site_key(origin: Origin) -> str:
    """The name of the site an origin belongs to: its host without ``www.``, with a non-default
    port (two servers on one machine are two sites; ``http`` and ``https`` are one)."""
    host = origin.host.removeprefix("www.")
    host = f"[{host}]" if ":" in host else host
    return host if origin.default_port else f"{host}:{origin.port}"


@dataclass
class CrawlSite:
    """A site given to the ``news`` spider (``-a site=URL``), and its discovery state.

    ``home`` is the URL as given (a path is kept: ``https://example.com/news/``), ``origin`` its
    scheme and host (and port, when not the default). The site's pages are those of its
    ``origins`` (:func:`newsbot.urls.site_origins`): its host with or without ``www.``, over
    ``http`` and ``https`` on the default ports, or only its own scheme on another port; a
    subdomain or another port of the same host is another site. :meth:`check` reads a URL found
    on the site as the downloader will and refuses it, with the reason, when it leaves them.
    Canonical URLs use ``origin`` (see :class:`newsbot.cleaning.UrlCanonicaliser`: tracking
    parameters and fragment dropped, query sorted); their path is the site's own, never rewritten
    (a trailing slash and the case stay: a site may answer the other form with a redirect or a 404).
    ``patterns`` holds the article URL shapes learnt from its sitemaps; ``sitemaps_requested`` and ``sitemaps_pending``
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
    sitemap_entries: int = 0
    sitemaps_pending: int = 0
    home_requested: bool = False
    seen_sitemaps: set[str] = field(default_factory=set)
    shared: SharedSiteState | None = None
    origin_settled: bool = False

    def __post_init__(self) -> None:
        try:
            given = check_url(self.home)
        except UnsafeUrl as error:
            raise ValueError(f"not an http:// or https:// URL with a host the crawler takes ({error.reason})") from None
        self.home = given.url
        self.origin = str(given.origin)
        self.host = site_key(given.origin)
        self.origins = site_origins(self.origin)
        self.patterns = ArticlePatterns(self.min_support)
        self.urls = self._canonicaliser(self.origin)

    def _canonicaliser(self, origin: str) -> UrlCanonicaliser:
        aliases = frozenset({self.host, f"www.{self.host}"})
        return UrlCanonicaliser(base_url=origin, host_aliases=aliases, keep_path=True)

    @property
    def domains(self) -> list[str]:
        """``allowed_domains`` entries: the host, and its ``www.`` twin for a domain name."""
        return sorted({origin.host for origin in self.origins})

    def adopt_origin(self, url: str) -> bool:
        """Take the origin of ``url`` (a page of the site reached through redirects, e.g. its
        robots.txt) as the site's own when it differs by scheme or ``www.``; True when it changed.

        Called before any article is requested, so every canonical URL of the crawl uses the
        address the site answers at, and articles are not requested through a redirect each.
        """
        found = origin_of(url)
        if found is None or found not in self.origins:
            return False
        origin = str(found)
        if origin == self.origin:
            return False
        if urlsplit(self.home).path in ("", "/"):
            self.home = f"{origin}/"
        self.origin = origin
        self.urls = self._canonicaliser(origin)
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
        not: ``seen`` (asked before), ``offsite`` (another origin), ``capped`` (``limit`` fetched)."""
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

    def check(self, url: str) -> WebUrl:
        """``url`` as it will be requested, when it is a page of this site; :class:`UnsafeUrl`
        (with the reason) when :func:`newsbot.urls.check_url` refuses it or it leaves the site."""
        return check_url(url, self.origins)

    def owns(self, url: str) -> bool:
        return origin_of(url) in self.origins

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
        self.by_origin: dict[Origin, CrawlSite] = {}
        for site in sites:
            self.add(site)

    def add(self, site: CrawlSite) -> None:
        for origin in site.origins:
            self.by_origin.setdefault(origin, site)

    def site_of(self, url: str) -> CrawlSite | None:
        """The site whose origins hold ``url``'s (read as the downloader reads it), else ``None``."""
        origin = origin_of(url)
        return self.by_origin.get(origin) if origin is not None else None

    def canonical(self, url: str) -> str | None:
        site = self.site_of(url)
        return site.canonical(url) if site is not None else clean_url(url)


_MAX_SITES = 1000
#: A sites file larger than this is refused (1,000 URLs with comments fit many times over).
MAX_SITES_FILE_BYTES = 1024 * 1024


def _read_sites_file(name: str) -> list[str]:
    """The lines of the sites file ``name``: a regular file of at most :data:`MAX_SITES_FILE_BYTES`, UTF-8.

    A pipe, a FIFO, a device or a directory is refused before it is opened (``os.stat`` does not
    block on a FIFO; opening one would wait for a writer, reading ``/dev/zero`` would never end),
    and the file is read twice, before the crawl and when the spider starts, which a pipe could
    not serve: give the URLs in a file.
    """
    try:
        info = os.stat(name)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"sites={name!r}: not a regular file (a pipe, device or directory); give a file")
        if info.st_size > MAX_SITES_FILE_BYTES:
            raise ValueError(f"sites={name!r}: {info.st_size} bytes, more than {MAX_SITES_FILE_BYTES} allowed")
        with open(name, "rb") as file:
            data = file.read(MAX_SITES_FILE_BYTES + 1)  # bounded even if the file grows meanwhile
        if len(data) > MAX_SITES_FILE_BYTES:
            raise ValueError(f"sites={name!r}: more than {MAX_SITES_FILE_BYTES} bytes")
        return data.decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"sites={name!r}: cannot read the file: {error}") from error


def read_sites(site: str | None = None, sites: str | None = None) -> list[str]:
    """The site URLs of ``-a site=URL`` and ``-a sites=FILE`` (one URL a line; ``#`` comments).

    ``ValueError`` names what is wrong: no site, an unreadable file (or one that is not a regular
    file, or larger than 1 MiB), a line that is not an http(s) URL the crawler takes (with its line
    number, see :func:`newsbot.urls.check_url`), more than 1,000 sites.
    """
    given: list[tuple[str, str]] = []
    if site:
        given.append(("site", site.strip()))
    if sites:
        for number, line in enumerate(_read_sites_file(sites), 1):
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
