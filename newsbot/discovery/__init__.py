"""Where a news site's articles are: robots.txt, sitemaps, feeds, the home page, URL shapes.

Pure functions and small classes over text, bytes and parsel selectors; no requests, no Scrapy
engine. The ``news`` spider (:mod:`newsbot.spiders.news`) fetches and calls them:

- :mod:`.robots`: the ``Sitemap:`` lines of a robots.txt
- :mod:`.sitemaps`: a sitemap index, a urlset, a Google News sitemap (gzip or not), read within bounds
- :mod:`.feeds`: RSS/Atom autodiscovery (``<link rel="alternate">``) and feed items
- :mod:`.patterns`: article URL shapes learnt from the site's own sitemap
- :mod:`.pages`: is a page an article (structured data), and a page's same-site links
- :mod:`.site`: one crawled site: its hosts, canonical URLs and learnt shapes
"""

from newsbot.discovery.feeds import Feed, FeedEntry, feed_links, read_feed
from newsbot.discovery.pages import article_evidence, same_site_links
from newsbot.discovery.patterns import ArticlePatterns, article_shaped, has_identifier, url_shape
from newsbot.discovery.robots import sitemaps_in_robots
from newsbot.discovery.site import CrawlSite, SitesCanonicaliser, read_sites
from newsbot.discovery.sitemaps import Sitemap, SitemapEntry, read_sitemap

__all__ = [
    "ArticlePatterns",
    "CrawlSite",
    "Feed",
    "FeedEntry",
    "Sitemap",
    "SitemapEntry",
    "SitesCanonicaliser",
    "article_evidence",
    "article_shaped",
    "feed_links",
    "has_identifier",
    "read_feed",
    "read_sitemap",
    "read_sites",
    "same_site_links",
    "sitemaps_in_robots",
    "url_shape",
]
