"""``scrapy view``: Scrapy's view, writing nothing (see :class:`newsbot.commands.DebugCommand`)."""

from scrapy.commands.view import Command as ScrapyView

from newsbot.commands import DebugCommand


class Command(DebugCommand, ScrapyView):
    """Scrapy's ``view`` without database, monitors or JOBDIR."""

    name = "view"
