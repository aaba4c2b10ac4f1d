"""The ``Request.meta`` keys newsbot's spiders set and its scheduler, queue and middlewares read."""

#: True on a request for an article page (not a feed, sitemap, home or section page).
ARTICLE_META_KEY = "newsbot_article"
#: The newest date the site gives the article (sitemap ``lastmod``, feed ``updated``), ISO 8601.
SITE_DATE_META_KEY = "newsbot_site_date"
