"""``scrapy shell``: Scrapy's shell, writing nothing (see :class:`newsbot.commands.DebugCommand`)."""

from scrapy.commands.shell import Command as ScrapyShell

from newsbot.commands import DebugCommand


class Command(DebugCommand, ScrapyShell):
    """Scrapy's ``shell`` without database, monitors or JOBDIR."""

    name = "shell"
