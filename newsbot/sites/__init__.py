"""Declared news sites: each one a package here (``newsbot/sites/<name>/``) naming its :class:`Site`.

A site's package declares its hosts, start points, URL canonicaliser, page reader and saved pages
(:class:`Site`); :data:`SITES` lists them (:mod:`newsbot.sites.registry`). The functions here read
a page with its site's reader, picked by host (or, for a replica, by what the page shows), else
with the generic layers: the shell API, ``from newsbot.sites import extract_article, article_links``.
"""

from __future__ import annotations

from newsbot.sites.registry import SITES, SiteRegistry
from newsbot.sites.site import Site

__all__ = ["SITES", "Site", "SiteRegistry", "article_links", "extract_article", "page_for", "site_for"]

extract_article = SITES.extract_article
article_links = SITES.article_links
page_for = SITES.page_for
site_for = SITES.site_for
