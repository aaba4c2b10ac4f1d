"""TRT World declared: its hosts, start points, URL rules, page reader and saved pages.

The URL rules are in :mod:`newsbot.sites.trtworld.urls`, the page reader (text-anchored rules for
the site's blocks) in :mod:`newsbot.sites.trtworld.page` and :mod:`newsbot.sites.trtworld.blocks`.
"""

from __future__ import annotations

from newsbot.sites.site import Site
from newsbot.sites.trtworld.page import TrtWorldArticle, looks_like_trtworld
from newsbot.sites.trtworld.urls import ALIASES, DEFAULT_BASE_URL, DOMAIN, NAME, canonicaliser

#: the section pages the crawl starts from, besides the feed and the home page
SECTIONS = ("politics", "turkiye", "war-on-gaza", "biztech", "infographics", "features", "opinion")

SITE = Site(
    name=NAME,
    base_url=DEFAULT_BASE_URL,
    domain=DOMAIN,
    aliases=ALIASES,
    feeds=("/feed/rss.xml",),
    sections=("", *SECTIONS),
    canonicaliser=canonicaliser,
    page=TrtWorldArticle,
    recognises=looks_like_trtworld,
    article_form="/article/<id>",
    fixtures="tests/fixtures/sites/trtworld",
)
