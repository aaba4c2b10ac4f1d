"""The registry of site profiles: which page class reads a page, picked by the page's host.

A site profile is a module (``newsbot/extraction/<site>.py``) with an :class:`ArticlePage`
subclass; adding a site is that module plus one :func:`register` line at the end of this file.
Hosts are matched as suffixes (``trtworld.com`` matches ``www.trtworld.com``); a profile may also
recognise its pages elsewhere (a replica on 127.0.0.1, a mirror) by what the page shows, and a
caller passing the site's URL canonicaliser picks the profile that owns it. Every other page is
read by the generic :class:`ArticlePage`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from parsel import Selector

from newsbot.cleaning import UrlCanonicaliser, split_url
from newsbot.extraction import trtworld
from newsbot.extraction.page import ArticlePage

PageFactory = Callable[[str, Selector, UrlCanonicaliser | None], ArticlePage]


@dataclass(frozen=True)
class Profile:
    """A site profile: its ``name``, the host suffixes it serves, the page class (called with the
    URL, the selector and the crawl's URL canonicaliser or ``None``), and optionally a test that
    recognises its pages on other hosts and a test that a canonicaliser is the site's own."""

    name: str
    hosts: tuple[str, ...]
    page: PageFactory
    recognises: Callable[[Selector, str], bool] | None = None
    owns: Callable[[UrlCanonicaliser], bool] | None = None

    def serves(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == suffix or host.endswith(f".{suffix}") for suffix in self.hosts)


PROFILES: list[Profile] = []


def register(profile: Profile) -> Profile:
    """Add ``profile`` to the registry (a name registered again replaces the earlier profile)."""
    PROFILES[:] = [known for known in PROFILES if known.name != profile.name]
    PROFILES.append(profile)
    return profile


def profile_for(url: str, selector: Selector, urls: UrlCanonicaliser | None = None) -> Profile | None:
    """The profile for a page: by its host, else by the canonicaliser passed, else by what the page
    shows; ``None`` for the generic layers."""
    parts = split_url(url)
    host = parts.netloc.split("@")[-1].split(":")[0] if parts else ""
    for profile in PROFILES:
        if host and profile.serves(host):
            return profile
    if urls is not None:
        for profile in PROFILES:
            if profile.owns is not None and profile.owns(urls):
                return profile
    for profile in PROFILES:
        if profile.recognises is not None and profile.recognises(selector, url):
            return profile
    return None


def page_for(url: str, selector: Selector, urls: UrlCanonicaliser | None = None) -> ArticlePage:
    """The page object reading ``url``: its profile's class, else the generic one."""
    profile = profile_for(url, selector, urls)
    return profile.page(url, selector, urls) if profile is not None else ArticlePage(url, selector)


register(
    Profile(
        name=trtworld.SITE,
        hosts=("trtworld.com", "trt.global"),
        page=trtworld.TrtWorldArticle,
        recognises=trtworld.looks_like_trtworld,
        owns=lambda urls: urls.host_aliases == trtworld.HOST_ALIASES,
    )
)
