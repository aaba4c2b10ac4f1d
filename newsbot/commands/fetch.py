"""``scrapy fetch``: Scrapy's fetch, writing nothing (see :class:`newsbot.commands.DebugCommand`)."""

from scrapy.commands.fetch import Command as ScrapyFetch

from newsbot.commands import DebugCommand


class Command(DebugCommand, ScrapyFetch):
    """Scrapy's ``fetch`` without database, monitors or JOBDIR."""

    name = "fetch"
