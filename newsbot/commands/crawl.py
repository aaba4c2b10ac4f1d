"""``scrapy crawl`` (and Scrapyd, which runs it): settings and spider arguments checked first,
and the exit code of ``python -m newsbot crawl``."""

from __future__ import annotations

from argparse import Namespace

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError
from scrapy.settings import Settings

from newsbot.commands import fail
from newsbot.errors import UsageError as SpiderUsageError
from newsbot.logfile import prepare_log_file
from newsbot.runner import crawler_stats, note_errors, start
from newsbot.schedule import crawl_exit_code, find_spider
from newsbot.settings_check import crawl_problems


def unreadable_setting(options: list[str]) -> str | None:
    """The problem of the first ``-s NAME=VALUE`` whose value Scrapy cannot take (a dict setting's bad JSON)."""
    settings = Settings()
    for option in options:
        name, _, value = option.partition("=")
        try:
            settings.set(name, value, priority="cmdline")
        except ValueError as error:
            return f"{name}={value!r}: expected a dict as JSON text ({error})"
    return None


class Command(ScrapyCrawl):
    """Scrapy's ``crawl``, refusing to start with an invalid setting or spider argument, exiting like ``newsbot crawl``.

    The check (:func:`newsbot.settings_check.crawl_problems`: the ``NEWSBOT_*`` settings, the values of
    Scrapy's own settings, the spider arguments) runs once the options are parsed, before the
    crawler process exists: no log file, reactor, database or request yet. It is the function the
    :class:`~newsbot.settings_check.SettingsCheck` add-on calls in the crawl, called here first so a
    problem is a usage error (exit code 2, one line) and the spider arguments are checked too. Each problem is one
    ``scrapy crawl: error: ...`` line on stderr; the exit code is 2. An unknown spider is a usage
    error too, and so are a missing spider name, two of them and ``-a``/``-s`` without ``=`` (one
    line each, not Scrapy's help). Then the folder of ``LOG_FILE`` is created (:mod:`newsbot.logfile`).

    Once the crawl has ended, the exit code is the one ``python -m newsbot crawl`` would give
    (:func:`newsbot.schedule.crawl_exit_code`: 0 healthy, 3 database in use, 4-8 by the health
    checks), where Scrapy's own ``crawl`` exits 0 for any crawl that started. Scrapyd records it
    (``Process died: exitstatus=N`` in its log) and lists the job as finished either way.
    """

    def process_options(self, args: list[str], opts: Namespace) -> None:
        try:
            super().process_options(args, opts)
        except UsageError as error:  # -a/-s without "=", a dict setting's bad JSON: one line, as for every other
            fail("crawl", [unreadable_setting(opts.set) or str(error) or "bad options"])
        assert self.settings is not None
        if options := [arg for arg in args if arg.startswith("-")]:  # Scrapy parses known options only
            fail("crawl", [f"unrecognized arguments: {' '.join(options)}; see scrapy crawl -h"])
        if len(args) != 1:
            fail("crawl", [f"give one spider name (got {len(args)}: {' '.join(args) or 'none'}); see scrapy crawl -h"])
        try:
            spidercls = find_spider(args[0], self.settings)
        except SpiderUsageError as error:
            fail("crawl", [str(error)])
        problems = crawl_problems(self.settings, spidercls, opts.spargs)
        if not problems and (log_problem := prepare_log_file(self.settings)):
            problems = [log_problem]
        if problems:
            fail("crawl", problems)

    def run(self, args: list[str], opts: Namespace) -> None:
        assert self.crawler_process is not None
        crawler = self._create_crawler(args[0])
        errors: list[str] = []
        note_errors(self.crawler_process.crawl(crawler, **opts.spargs), errors)
        start(self.crawler_process, errors)
        failed = self.crawler_process.bootstrap_failed
        error = errors[0] if errors else ("the crawl failed to start" if failed else None)
        self.exitcode = crawl_exit_code(crawler_stats(crawler), crawler.settings, error)[0]
