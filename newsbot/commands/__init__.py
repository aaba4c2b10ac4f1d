"""newsbot's Scrapy commands (``COMMANDS_MODULE = "newsbot.commands"``): Scrapy's, plus checks.

``scrapy crawl`` (and so Scrapyd, which runs it) validates every ``NEWSBOT_*`` setting, the values
of Scrapy's own settings and the spider arguments before anything starts
(:func:`newsbot.settings_check.crawl_problems`, as the crawl's own add-on does later), creates the folder of
``LOG_FILE``, and exits with the codes of ``python -m newsbot crawl`` (:mod:`newsbot.commands.crawl`).
The debug commands, ``shell``, ``parse``, ``check``, ``fetch`` and ``view``, run with :data:`DEBUG_OVERRIDES`:
no database (so no crawl-run row, article, signature or lock, and no incremental skipping of a
stored page), no Spidermon monitors, no JOBDIR. A bad setting or argument is a usage error:
one ``scrapy <command>: error: ...`` line per problem on stderr, exit code 2.
"""

from __future__ import annotations

import sys
from argparse import Namespace
from typing import Any, NoReturn

from scrapy.exceptions import UsageError
from scrapy.settings import BaseSettings

from newsbot.logfile import prepare_log_file
from newsbot.redaction import redact
from newsbot.settings_check import crawl_problems

#: What a debug command runs with, whatever the project or ``-s`` says. Set at ``cmdline``
#: priority after the ``-s`` options: a command's ``default_settings`` (``command`` priority)
#: would lose to ``settings.py`` (``project`` priority). An empty database path is the switch
#: every component touching the record already honours (storage, dedup, incremental middleware,
#: crawl-run recorder, coverage history, lock), so no component needs a new "record" setting, and
#: it also keeps the incremental middleware from skipping a stored page that ``parse`` is asked for.
DEBUG_OVERRIDES: dict[str, Any] = {
    "NEWSBOT_DATABASE_URL": "",
    "NEWSBOT_SQLITE_PATH": "",
    "SPIDERMON_ENABLED": False,
    "JOBDIR": "",
}


def fail(command: str, problems: list[str]) -> NoReturn:
    """Print one error line per problem and raise Scrapy's ``UsageError`` (exit code 2, no help)."""
    for problem in problems:
        print(redact(f"scrapy {command}: error: {problem}"), file=sys.stderr)
    raise UsageError(print_help=False)


class DebugCommand:
    """Mixin for a Scrapy debug command: forces :data:`DEBUG_OVERRIDES`, then validates the settings.

    Put it before Scrapy's command class (``class Command(DebugCommand, ScrapyShell)``); the
    command's name is ``name``.
    """

    name = ""
    settings: BaseSettings | None

    def process_options(self, args: list[str], opts: Namespace) -> None:
        super().process_options(args, opts)  # type: ignore[misc]
        assert self.settings is not None
        given = {entry.partition("=")[0].strip() for entry in opts.set}
        self.settings.setdict(DEBUG_OVERRIDES, priority="cmdline")
        for name in sorted(given & DEBUG_OVERRIDES.keys()):
            print(f"scrapy {self.name}: note: -s {name} ignored: debug commands write nothing", file=sys.stderr)
        problems = crawl_problems(self.settings)
        if not problems and (log_problem := prepare_log_file(self.settings)):
            problems = [log_problem]
        if problems:
            fail(self.name, problems)
