"""TRT World's URL rules: its hosts, its article URL shapes and the canonicaliser built from them."""

from __future__ import annotations

import re

from newsbot.cleaning import UrlCanonicaliser, split_url

NAME = "trtworld"
DEFAULT_BASE_URL = "https://www.trtworld.com"
DOMAIN = "trtworld.com"
ALIASES = ("trt.global",)  # a mirror serving the same pages
HOST_ALIASES = frozenset(host for domain in (DOMAIN, *ALIASES) for host in (domain, f"www.{domain}"))
ARTICLE_PATTERNS = (
    re.compile(r"(?:/[a-z-]+)?/article/(?P<id>[0-9a-f]{12}|\d{8})", re.IGNORECASE),
    re.compile(r"/(?!video/|author/)[a-z-]+/[a-z0-9-]+-(?P<id>\d{8})", re.IGNORECASE),
)


def canonicaliser(base_url: str = DEFAULT_BASE_URL) -> UrlCanonicaliser:
    """The URL canonicaliser of the site served at ``base_url``."""
    return UrlCanonicaliser(base_url=base_url.rstrip("/"), host_aliases=HOST_ALIASES, article_patterns=ARTICLE_PATTERNS)


def base_url_for(url: str) -> str:
    """The base URL for a page: the real site for its hosts and mirrors, else the page's origin."""
    parts = split_url(url)
    if parts is None or parts.netloc.lower() in HOST_ALIASES:
        return DEFAULT_BASE_URL
    return f"{parts.scheme}://{parts.netloc}"
