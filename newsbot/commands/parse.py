"""``scrapy parse``: Scrapy's parse, writing nothing (see :class:`newsbot.commands.DebugCommand`)."""

from scrapy.commands.parse import Command as ScrapyParse

from newsbot.commands import DebugCommand


class Command(DebugCommand, ScrapyParse):
    """Scrapy's ``parse`` without database, monitors or JOBDIR: a stored page is parsed, not skipped."""

    name = "parse"
