"""Site: one news site declared in one place (its hosts, start points, URL rules, page reader, saved pages)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from parsel import Selector

from newsbot.cleaning import UrlCanonicaliser
from newsbot.extraction import PageReader
from newsbot.urls import Origin, site_origins


@dataclass(frozen=True)
class Site:
    """A declared site: what the site spider crawls and how its pages are read.

    - ``name``: ``metadata.site`` of its items, its fixtures folder's name and, by convention, its spider's;
    - ``base_url``: the site's own address (``NEWSBOT_BASE_URL`` points a crawl elsewhere, e.g. a replica);
    - ``domain`` and ``aliases``: the site's domain and other domains serving the same pages (a
      mirror); each with and without ``www.``, they are :attr:`hosts`;
    - ``feeds``, ``sitemaps`` and ``sections``: the start points, paths under the base URL:
      RSS/Atom feeds, sitemaps (an index or a URL set) and listing pages (``""`` is the home
      page), whose article links are followed;
    - ``canonicaliser``: the site's URL canonicaliser for a base URL (its article URL shapes);
    - ``page``: its page reader (:data:`newsbot.extraction.PageReader`), and ``recognises``: a test
      telling its pages served elsewhere (a replica, a mirror) by what they show;
    - ``article_form``: how its article URLs look, for messages (``/article/<id>``);
    - ``fixtures``: the folder of its saved pages, from the repository's root: ``<page>.html`` each
      with its expected item ``<page>.json`` (checked by ``tests/test_sites.py``).
    """

    name: str
    base_url: str
    domain: str
    canonicaliser: Callable[[str], UrlCanonicaliser]
    page: PageReader
    fixtures: str
    aliases: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    recognises: Callable[[Selector, str], bool] | None = None
    article_form: str = ""
    hosts: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        hosts = frozenset(host for domain in (self.domain, *self.aliases) for host in (domain, f"www.{domain}"))
        object.__setattr__(self, "hosts", hosts)

    def serves(self, host: str) -> bool:
        """Is ``host`` the site's domain, an alias, or a host under one (``video.trtworld.com``)."""
        host = host.lower().rstrip(".")
        return any(host == domain or host.endswith(f".{domain}") for domain in (self.domain, *self.aliases))

    def owns(self, urls: UrlCanonicaliser) -> bool:
        """Is ``urls`` this site's canonicaliser (for any base URL, a replica's included)."""
        return urls.host_aliases == self.hosts

    def feed_urls(self, base_url: str) -> list[str]:
        """The feeds of the site served at ``base_url``."""
        return [f"{base_url.rstrip('/')}{path}" for path in self.feeds]

    def sitemap_urls(self, base_url: str) -> list[str]:
        """The sitemaps of the site served at ``base_url``."""
        return [f"{base_url.rstrip('/')}{path}" for path in self.sitemaps]

    def listing_urls(self, base_url: str) -> list[str]:
        """The home and section pages of the site served at ``base_url``."""
        return [f"{base_url.rstrip('/')}/{path}" for path in self.sections]

    def is_own_host(self, base_url: str) -> bool:
        """Is ``base_url`` on one of the site's hosts (not a replica elsewhere)."""
        host = (urlsplit(base_url).hostname or "").lower()
        return host.removeprefix("www.") in {domain.removeprefix("www.") for domain in self.hosts}

    def domains(self, base_url: str) -> list[str]:
        """``allowed_domains`` for a crawl of ``base_url``: its host, plus the site's :attr:`hosts`
        when ``base_url`` is one of them; a replica elsewhere (e.g. 127.0.0.1) gets only its own
        host, so a redirect never takes it to the real site."""
        host = (urlsplit(base_url).hostname or "").lower()
        return sorted({host, *self.hosts}) if self.is_own_host(base_url) else [host]

    def origins(self, base_url: str) -> frozenset[Origin]:
        """``allowed_origins`` for a crawl of ``base_url`` (:func:`newsbot.urls.site_origins`): the
        base URL's origin with its ``www.`` twin, plus the site's :attr:`hosts` when ``base_url``
        is one of them, over ``http`` and ``https`` when it is on a default port, as the site's
        canonicaliser treats them. A replica on another port is that origin alone."""
        return site_origins(base_url, self.hosts if self.is_own_host(base_url) else ())
