"""One site of a ``news`` crawl: its hosts, its canonical URLs, what discovery learnt about it."""

from __future__ import annotations

import ipaddress
import os
import re
import stat
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


_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?")


def site_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a site to crawl (``-a site=``, a line of ``-a sites=``), or ``None``.

    It must be an http(s) URL whose host the downloader can connect to: an IP address or a host
    name of letters, digits, ``-`` and ``_`` (international names are read as IDNA), a port from 1
    to 65535 if any, no user info, no space or control character anywhere.
    """
    if any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in url):
        return "holds a space or a control character"
    parts = split_url(url)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return "is not an http:// or https:// URL with a host"
    try:
        port = parts.port
    except ValueError:
        return "has a port that is not a number from 1 to 65535"
    if port == 0:
        return "has a port that is not a number from 1 to 65535"
    if "@" in parts.netloc:
        return "holds user info (user:password@); give the site's address alone"
    if not _is_ip(parts.hostname) and not _valid_host_name(parts.hostname):
        return f"has a host name that cannot be looked up ({parts.hostname!r})"
    return None


def _valid_host_name(host: str) -> bool:
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.lower().removesuffix(".").split(".")
    return all(len(label) <= 63 and _LABEL.fullmatch(label) for label in labels)


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
        problem = site_url_problem(self.home)
        if problem is not None:
            hidden = "@" in self.home and problem.startswith("holds a space")  # no redaction can bound its password
            raise ValueError(f"{'the URL (not shown: user info and a space)' if hidden else repr(self.home)} {problem}")
        parts = split_url(self.home)
        assert parts is not None
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

    def claim_sitemap(self, url: str, limit: int) -> str:
        """``claimed`` when the sitemap ``url`` is to be fetched now (counted as pending), else why
        not: ``seen`` (asked before), ``offsite`` (another host), ``capped`` (``limit`` fetched)."""
        if url in self.seen_sitemaps:
            return "seen"
        if not self.owns(url):
            return "offsite"
        if self.sitemaps_requested >= limit:
            return "capped"
        self.seen_sitemaps.add(url)
        self.sitemaps_requested += 1
        self.sitemaps_pending += 1
        return "claimed"

    def sitemap_done(self) -> None:
        """A pending sitemap was read, or failed."""
        self.sitemaps_pending = max(0, self.sitemaps_pending - 1)

    def home_due(self) -> bool:
        """True once, when no sitemap is pending any more: time to read the home page."""
        if self.sitemaps_pending or self.home_requested:
            return False
        self.home_requested = True
        return True

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


_MAX_SITES = 1000
#: A sites file larger than this is refused (1,000 URLs with comments fit many times over).
MAX_SITES_FILE_BYTES = 1024 * 1024


def _read_sites_file(name: str) -> list[str]:
    """The lines of the sites file ``name``: a regular file of at most :data:`MAX_SITES_FILE_BYTES`, UTF-8.

    A pipe, a FIFO, a device or a directory is refused before it is opened (``os.stat`` does not
    block on a FIFO; opening one would wait for a writer, reading ``/dev/zero`` would never end),
    and the file is checked twice, before the crawl and when the spider starts, which a pipe
    could not serve: give the URLs in a file.
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
    file, or larger than 1 MiB), a line that is not an http(s) URL with a valid host (with its line
    number, see :func:`site_url_problem`), more than 1,000 sites.
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
