"""``scrapy crawl`` (and Scrapyd, which runs it): settings and spider arguments checked first."""

from __future__ import annotations

from argparse import Namespace

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.spiderloader import get_spider_loader

from newsbot.commands import fail
from newsbot.config import crawl_problems


class Command(ScrapyCrawl):
    """Scrapy's ``crawl``, refusing to start with an invalid ``NEWSBOT_*`` setting or spider argument.

    The check (:func:`newsbot.config.crawl_problems`) runs once the options are parsed, before
    the crawler process exists: no log file, reactor, database or request yet. Each problem is
    one ``scrapy crawl: error: ...`` line on stderr; the exit code is 2. An unknown spider is a
    usage error too.
    """

    def process_options(self, args: list[str], opts: Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        if len(args) != 1:
            return  # Scrapy's run() reports a missing spider name or more than one
        loader = get_spider_loader(self.settings)
        if args[0] not in loader.list():
            fail("crawl", [f"unknown spider {args[0]!r} (known: {', '.join(sorted(loader.list())) or 'none'})"])
        problems = crawl_problems(self.settings, loader.load(args[0]), opts.spargs)
        if problems:
            fail("crawl", problems)
