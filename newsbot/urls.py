"""The one reading of a URL the crawler may request: checked, normalised as Scrapy sends it, and its origin.

A URL found on a site (a robots.txt ``Sitemap:`` line, a sitemap, a feed, a link) is text the
site chose. Parsers disagree on hostile text: for ``http://127.0.0.1:9\\@127.0.0.1:8/x``
:func:`urllib.parse.urlsplit` reads host ``127.0.0.1`` port ``8`` (the backslash is user info),
while Scrapy's ``Request`` (w3lib's ``safe_url_string``, WHATWG rules) turns the backslash into a
slash and the download goes to port ``9``. :func:`check_url` therefore refuses what parsers may
read differently, then reads the URL exactly as the downloader will: it normalises it the way
``scrapy.Request`` does and splits the result, so the origin it returns is the origin Twisted
connects to. Refused, each with its reason (:class:`UnsafeUrl`):

- a backslash anywhere, a control character anywhere (C0, DEL, C1; tab and line breaks, which
  some parsers drop silently), whitespace before the path;
- a scheme other than ``http``/``https``, or no ``//host``;
- user info (``user@``, ``user:pass@``): a crawler never needs it and it hides the host;
- a host that is not a DNS name, an IPv4 address or a bracketed IPv6 address once IDNA-encoded;
- a port that is empty, not 1 to 5 ASCII digits, or outside 1..65535.

An ``@`` in the path (``https://example.com/@author/story-12345``) is an ordinary character.

An :class:`Origin` is scheme, host and *effective* port (``http`` 80, ``https`` 443 when none is
written), so ``http://example.com:80/`` and ``http://example.com/`` are one origin.
:func:`site_origins` gives the origins of one site (its hosts, with ``http`` and ``https`` both
when the site is served on the default ports); ``check_url(url, origins)`` also refuses a URL of
any other origin, saying what differs. No Scrapy imports: discovery
(:meth:`newsbot.discovery.CrawlSite.check`, :func:`newsbot.discovery.same_site_links`), the
spiders' link following and the off-site middleware all use this module.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from w3lib.url import safe_url_string

from newsbot.errors import UnsafeUrl

DEFAULT_PORTS = {"http": 80, "https": 443}
#: C0 controls, DEL and C1 controls: never part of a URL as written (``%0A`` is, encoded).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_SCHEME_AUTHORITY = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(//[^/?#]*)?")
_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
_PORT = re.compile(r"^[0-9]{1,5}$")


@dataclass(frozen=True, order=True)
class Origin:
    """Scheme, lower-case host (IDNA-encoded, no trailing dot, IPv6 without brackets) and effective port."""

    scheme: str
    host: str
    port: int

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        if self.port == DEFAULT_PORTS.get(self.scheme):
            return f"{self.scheme}://{host}"
        return f"{self.scheme}://{host}:{self.port}"

    @property
    def default_port(self) -> bool:
        return self.port == DEFAULT_PORTS.get(self.scheme)


@dataclass(frozen=True)
class WebUrl:
    """A checked URL: ``url`` as ``scrapy.Request`` sends it, and the ``origin`` the download goes to."""

    url: str
    origin: Origin


def _host(hostname: str) -> str:
    """The host of an origin, or :class:`UnsafeUrl` when it is no DNS name or IP address."""
    if hostname.startswith("["):
        try:
            if "%" in hostname:  # a zone id names an interface of this machine
                raise ValueError(hostname)
            return str(ipaddress.IPv6Address(hostname[1:-1]))
        except ValueError:
            raise UnsafeUrl("bad IPv6 host") from None
    host = hostname.lower().removesuffix(".")
    labels = host.split(".")
    if not host or not all(_LABEL.match(label) for label in labels):
        raise UnsafeUrl("bad host name")
    if all(label.isdigit() for label in labels):
        try:
            return str(ipaddress.IPv4Address(host))
        except ValueError:
            raise UnsafeUrl("bad IPv4 host") from None
    return host


def _split_authority(netloc: str) -> tuple[str, str | None]:
    """``(host, port text)`` of an authority without user info; the port is ``None`` when not written."""
    if netloc.startswith("["):
        end = netloc.find("]")
        if end < 0:
            raise UnsafeUrl("bad IPv6 host")
        host, rest = netloc[: end + 1], netloc[end + 1 :]
        if rest and not rest.startswith(":"):
            raise UnsafeUrl("bad host name")
        return host, rest[1:] if rest else None
    host, colon, port = netloc.partition(":")
    return host, port if colon else None


def check_url(url: str, origins: Collection[Origin] | None = None) -> WebUrl:
    """``url`` as the downloader will request it, and its origin; :class:`UnsafeUrl` when refused.

    With ``origins`` (a site's, see :func:`site_origins`), a URL of any other origin is refused
    too, its reason naming what differs: ``host news.example.com is not the site's``, ``port 8081
    is not the site's``, ``https on port 443 is not the site's``. ``url`` is taken as given:
    callers strip the surrounding whitespace of an attribute first.
    """
    read = _read(url) if isinstance(url, str) else UnsafeUrl("empty URL")
    if isinstance(read, UnsafeUrl):
        raise UnsafeUrl(read.reason)
    if origins is not None and read.origin not in origins:
        raise UnsafeUrl(_offsite_reason(read.origin, origins))
    return read


@functools.lru_cache(maxsize=8192)
def _read(url: str) -> WebUrl | UnsafeUrl:
    """:func:`check_url` without the origins, its refusal returned (cached: the off-site middleware
    reads each request's URL twice, when scheduled and before download; pages repeat links)."""
    try:
        return _checked(url)
    except UnsafeUrl as error:
        return error.with_traceback(None)  # kept in the cache: without the frames it was raised in


def _checked(url: str) -> WebUrl:
    if not url:
        raise UnsafeUrl("empty URL")
    if "\\" in url:
        raise UnsafeUrl("backslash in URL")
    if _CONTROL.search(url):
        raise UnsafeUrl("control character in URL")
    head = _SCHEME_AUTHORITY.match(url)
    if head is None:
        raise UnsafeUrl("no scheme")
    scheme = head.group(1).lower()
    if scheme not in DEFAULT_PORTS:
        raise UnsafeUrl(f"scheme {scheme!r} is not http(s)")
    authority = head.group(2)
    if not authority or authority == "//":
        raise UnsafeUrl("no host")
    if any(char.isspace() for char in authority):
        raise UnsafeUrl("whitespace in host")
    if "@" in authority:
        raise UnsafeUrl("user info in URL")
    try:
        safe = safe_url_string(url)  # what scrapy.Request does to every URL it is given
        parts = urlsplit(safe)
    except ValueError as error:
        raise UnsafeUrl(f"unreadable URL ({error})") from None
    if "@" in parts.netloc or parts.scheme != scheme:  # the normalised URL must read as the checked one
        raise UnsafeUrl("ambiguous authority")
    host_text, port_text = _split_authority(parts.netloc)
    host = _host(host_text)
    if port_text is None:
        port = DEFAULT_PORTS[scheme]
    elif _PORT.match(port_text) and 0 < int(port_text) < 65536:
        port = int(port_text)
    else:
        raise UnsafeUrl("bad port")
    return WebUrl(safe, Origin(scheme, host, port))


def _offsite_reason(origin: Origin, origins: Collection[Origin]) -> str:
    same_host = [own for own in origins if own.host == origin.host]
    if not same_host:
        return f"host {origin.host} is not the site's"
    if any(own.scheme == origin.scheme for own in same_host):
        return f"port {origin.port} is not the site's"
    return f"{origin.scheme} on port {origin.port} is not the site's"


def web_url(url: str | None) -> WebUrl | None:
    """:func:`check_url`, or ``None`` for a URL it refuses."""
    if not url:
        return None
    try:
        return check_url(url)
    except UnsafeUrl:
        return None


def origin_of(url: str | None) -> Origin | None:
    """The origin ``url`` is downloaded from, ``None`` for a URL :func:`check_url` refuses."""
    checked = web_url(url)
    return checked.origin if checked is not None else None


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def site_origins(base_url: str, aliases: Iterable[str] = ()) -> frozenset[Origin]:
    """The origins of the site served at ``base_url``: the same requests count as on the site.

    Hosts: the base URL's host, its ``www.`` twin (with or without; not for an IP address) and
    ``aliases`` (host names of the same site, e.g. a mirror; their twins too). Ports: a site on
    its scheme's default port is the same site over ``http`` and ``https`` (each on its default
    port), as the sites' URL canonicalisers treat it; a site on another port is only that
    scheme and port. Any other port of the same host is another site. ``ValueError`` when
    ``base_url`` is refused by :func:`check_url`.
    """
    origin = check_url(base_url).origin
    hosts = {origin.host}
    for name in (origin.host, *aliases):
        name = name.lower().removesuffix(".")
        if not is_ip(name):
            bare = name.removeprefix("www.")
            hosts |= {bare, f"www.{bare}"}
    if origin.default_port:
        return frozenset(Origin(scheme, host, port) for host in hosts for scheme, port in DEFAULT_PORTS.items())
    return frozenset(Origin(origin.scheme, host, origin.port) for host in hosts)
