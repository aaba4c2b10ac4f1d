"""``scrapy check`` on pages saved in the repository: no network, the same callbacks as a crawl.

A callback's docstring names a saved page and what its output must hold::

    def parse_article(self, response, depth=0):
        \"\"\"...
        @saved_page tests/fixtures/contracts/trtworld_article.html https://www.trtworld.com/article/0123456789ab
        @returns items 1 1
        @filled headline articleBody authors relatedLinks
        \"\"\"

- ``@saved_page PATH URL`` (:class:`SavedPageContract`): the request goes to ``URL`` and
  :class:`~newsbot.middlewares.saved_pages.SavedPageMiddleware` answers it with the file ``PATH``
  (relative to the project root; ``.gz`` files are decompressed), so the callback sees the page
  as if fetched from ``URL``.
- ``@filled FIELD ...`` (:class:`FilledContract`): every item the callback returns has each
  field set to a non-empty value (Scrapy's ``@scrapes`` accepts ``None``, which every dataclass
  field has), and there is at least one item.

Settings: ``SPIDER_CONTRACTS`` registers both contracts; ``DOWNLOADER_MIDDLEWARES`` holds
:class:`~newsbot.middlewares.saved_pages.SavedPageMiddleware` first of all (before robots.txt,
off-site and incremental checks), enabled only under ``scrapy check`` (Scrapy sets
``SCRAPY_CHECK`` in the environment then).
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter, is_item
from scrapy.contracts import Contract
from scrapy.exceptions import ContractFail
from scrapy.http import Response

from newsbot.middlewares.saved_pages import SAVED_PAGE_META, saved_page_path

#: What a spider remembers between pages of one crawl (cleared before each contract's callback).
PROGRESS_ATTRIBUTES = ("best_depth", "links_of")


class SavedPageContract(Contract):
    """``@saved_page PATH URL``: fetch ``URL``, answered from the saved file ``PATH``."""

    name = "saved_page"

    def __init__(self, method: Any, *args: Any) -> None:
        super().__init__(method, *args)
        self.method = method

    def adjust_request_args(self, args: dict[str, Any]) -> dict[str, Any]:
        if len(self.args) != 2:
            raise ValueError(f"@saved_page expects PATH URL, got {' '.join(self.args)!r}")
        path, url = self.args
        saved_page_path(path)
        args["url"] = url
        args["meta"] = {**(args.get("meta") or {}), SAVED_PAGE_META: path}
        return args

    def pre_process(self, response: Response) -> None:
        """Each contract runs as the first page of a fresh crawl.

        The contracts of all callbacks run in one spider, in no fixed order; the depth
        bookkeeping of the spiders (``best_depth``, ``links_of``) would make a callback checked
        after another one see its articles as already requested and return no request.
        """
        spider = getattr(self.method, "__self__", None)
        for name in PROGRESS_ATTRIBUTES:
            progress = getattr(spider, name, None)
            if isinstance(progress, dict):
                progress.clear()


class FilledContract(Contract):
    """``@filled FIELD ...``: at least one item, and each named field non-empty in every item."""

    name = "filled"

    def post_process(self, output: list[Any]) -> None:
        items = [entry for entry in output if is_item(entry)]
        if not items:
            raise ContractFail("no item returned")
        for item in items:
            adapter = ItemAdapter(item)
            empty = [name for name in self.args if adapter.get(name) in (None, "", [], {})]
            if empty:
                raise ContractFail(f"empty fields in {adapter.get('url')}: {', '.join(empty)}")
