"""``scrapy crawl`` (and Scrapyd, which runs it): settings and spider arguments checked first,
and the exit code of ``python -m newsbot crawl``."""

from __future__ import annotations

from argparse import Namespace

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.spiderloader import get_spider_loader

from newsbot.commands import fail
from newsbot.config import crawl_problems
from newsbot.logfile import prepare_log_file
from newsbot.runner import crawler_stats, note_errors
from newsbot.schedule import crawl_exit_code


class Command(ScrapyCrawl):
    """Scrapy's ``crawl``, refusing to start with an invalid setting or spider argument, exiting like ``newsbot crawl``.

    The check (:func:`newsbot.config.crawl_problems`: the ``NEWSBOT_*`` settings, the values of
    Scrapy's own settings, the spider arguments) runs once the options are parsed, before the
    crawler process exists: no log file, reactor, database or request yet. Each problem is one
    ``scrapy crawl: error: ...`` line on stderr; the exit code is 2. An unknown spider is a usage
    error too. Then the folder of ``LOG_FILE`` is created (:mod:`newsbot.logfile`).

    Once the crawl has ended, the exit code is the one ``python -m newsbot crawl`` would give
    (:func:`newsbot.schedule.crawl_exit_code`: 0 healthy, 3 database in use, 4-8 by the health
    checks), where Scrapy's own ``crawl`` exits 0 for any crawl that started. Scrapyd records it
    (``Process died: exitstatus=N`` in its log) and lists the job as finished either way.
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
        if not problems and (log_problem := prepare_log_file(self.settings)):
            problems = [log_problem]
        if problems:
            fail("crawl", problems)

    def run(self, args: list[str], opts: Namespace) -> None:
        if len(args) != 1:
            super().run(args, opts)  # raises Scrapy's usage error
            return
        assert self.crawler_process is not None
        crawler = self._create_crawler(args[0])
        errors: list[str] = []
        note_errors(self.crawler_process.crawl(crawler, **opts.spargs), errors)
        self.crawler_process.start()
        failed = self.crawler_process.bootstrap_failed
        error = errors[0] if errors else ("the crawl failed to start" if failed else None)
        self.exitcode = crawl_exit_code(crawler_stats(crawler), crawler.settings, error)[0]
