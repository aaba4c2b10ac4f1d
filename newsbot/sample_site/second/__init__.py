"""The second offline replica: a small German regional news site of another shape than the first.

It has what the ``news`` spider must find by itself: a robots.txt ``Sitemap:`` line, a sitemap
index with a Google News sitemap, a gzip URL set and a malformed sitemap, a feed announced only by
the home page's ``<link rel="alternate">``, its own markup (``<article>`` with a byline, lists in
stories), Related blocks labelled in German ("Mehr zum Thema", "Lesen Sie auch:", "Das könnte
Sie auch interessieren", "Meistgelesen"), readers' comments and a newsletter box on every
article, wire copies. ``python -m newsbot.sample_site.second --port 0`` serves it.
"""

from .model import Story
from .server import SecondSiteServer, serve_second
from .site import SecondSite

__all__ = ["SecondSite", "SecondSiteServer", "Story", "serve_second"]
