"""newsbot spiders: ArticleSpider (article.py) and its subclasses: SiteSpider for a declared site
(:mod:`newsbot.sites`; ``trtworld``) and NewsSpider for any site (``news``); extraction lives in
:mod:`newsbot.extraction` and the sites' readers."""
