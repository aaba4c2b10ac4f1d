"""``scrapy check``: Scrapy's contract checks, writing nothing (see :class:`newsbot.commands.DebugCommand`)."""

from scrapy.commands.check import Command as ScrapyCheck

from newsbot.commands import DebugCommand


class Command(DebugCommand, ScrapyCheck):
    """Scrapy's ``check`` without database, monitors or JOBDIR."""

    name = "check"
