"""ValidatePipeline: drop articles that lack what a stored story needs or exceed its size caps."""

from __future__ import annotations

import logging
from dataclasses import fields, replace
from typing import Self

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newsbot.config import newsbot_settings
from newsbot.items import ArticleItem, Author, Image, Link

logger = logging.getLogger(__name__)

_FIELDS = frozenset(field.name for field in fields(ArticleItem))
#: Top-level text fields cut to ``NEWSBOT_MAX_TEXT_CHARS``.
TEXT_FIELDS = ("description", "datePublishedRaw", "inLanguage", "articleSection", "sourceCredit")


class ValidatePipeline:
    """Drops an article that cannot be a story; truncates the secondary fields a page overfills.

    Dropped (``newsbot/dropped/<reason>``, one INFO line): a missing required field
    (``missing_<field>``), a body shorter than ``NEWSBOT_MIN_BODY_CHARS`` (``body_too_short``), a
    headline longer than ``NEWSBOT_MAX_HEADLINE_CHARS`` (``headline_too_long``) or a body longer
    than ``NEWSBOT_MAX_BODY_CHARS`` (``body_too_long``). These two are dropped, not cut: a
    headline or body that long means the extraction took something else for the story, and a
    cut one would be stored, and compared for duplicates, as if it were the story.

    Truncated (``newsbot/validate/truncated/<field>``, one INFO line per item): every other text
    (``description``, ``datePublishedRaw``, ``inLanguage``, ``articleSection``, ``sourceCredit``,
    ``authors`` names, ``keywords``, ``mainImage`` caption and credit, ``relatedLinks`` headlines)
    to ``NEWSBOT_MAX_TEXT_CHARS``, and the lists ``authors``, ``keywords``, ``relatedLinks`` to
    ``NEWSBOT_MAX_LIST_ITEMS`` entries: the story stays right, only its trimmings are shortened.

    Settings: ``NEWSBOT_REQUIRED_FIELDS``, ``NEWSBOT_MIN_BODY_CHARS`` (0 turns the length check off),
    ``NEWSBOT_MAX_HEADLINE_CHARS``, ``NEWSBOT_MAX_BODY_CHARS``,
    ``NEWSBOT_MAX_TEXT_CHARS``, ``NEWSBOT_MAX_LIST_ITEMS``.
    Stats: ``newsbot/validate/ok``, ``newsbot/validate/truncated/<field>``, ``newsbot/dropped/<reason>``.
    """

    def __init__(
        self,
        crawler: Crawler,
        required: list[str],
        min_body_chars: int,
        max_headline_chars: int = 1000,
        max_body_chars: int = 500_000,
        max_text_chars: int = 5000,
        max_list_items: int = 500,
    ) -> None:
        self.crawler = crawler
        self.required = required
        self.min_body_chars = min_body_chars
        self.max_headline_chars = max_headline_chars
        self.max_body_chars = max_body_chars
        self.max_text_chars = max_text_chars
        self.max_list_items = max_list_items

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = newsbot_settings(crawler.settings)
        return cls(
            crawler,
            settings.getlist("NEWSBOT_REQUIRED_FIELDS"),
            settings.getint("NEWSBOT_MIN_BODY_CHARS"),
            settings.getint("NEWSBOT_MAX_HEADLINE_CHARS"),
            settings.getint("NEWSBOT_MAX_BODY_CHARS"),
            settings.getint("NEWSBOT_MAX_TEXT_CHARS"),
            settings.getint("NEWSBOT_MAX_LIST_ITEMS"),
        )

    def problem(self, item: ArticleItem) -> str | None:
        """The reason ``item`` cannot be stored, or ``None``."""
        for name in self.required:
            # an ArticleItem field is read directly: no ItemAdapter built for every item
            value = getattr(item, name) if name in _FIELDS else ItemAdapter(item).get(name)
            if not value:
                return f"missing_{name}"
        body = item.articleBody or ""
        if self.min_body_chars and body and len(body) < self.min_body_chars:
            return "body_too_short"
        if len(body) > self.max_body_chars:
            return "body_too_long"
        if len(item.headline or "") > self.max_headline_chars:
            return "headline_too_long"
        return None

    def _cut(self, text: str | None, field: str, cut: set[str]) -> str | None:
        if text is None or len(text) <= self.max_text_chars:
            return text
        cut.add(field)
        return text[: self.max_text_chars]

    def _first(self, values: list, field: str, cut: set[str]) -> list:
        if len(values) <= self.max_list_items:
            return values
        cut.add(field)
        return values[: self.max_list_items]

    def within_caps(self, item: ArticleItem) -> bool:
        """True when no field of ``item`` exceeds a cap (:meth:`truncated` would return it unchanged):
        one pass of length checks, no copy of its lists."""
        chars, entries = self.max_text_chars, self.max_list_items
        if any(len(getattr(item, name) or "") > chars for name in TEXT_FIELDS):
            return False
        if len(item.authors) > entries or len(item.keywords) > entries or len(item.relatedLinks) > entries:
            return False
        if any(len(a.name or "") > chars for a in item.authors) or any(len(k or "") > chars for k in item.keywords):
            return False
        if any(len(link.headline or "") > chars for link in item.relatedLinks):
            return False
        image = item.mainImage
        return image is None or (len(image.caption or "") <= chars and len(image.credit or "") <= chars)

    def truncated(self, item: ArticleItem) -> tuple[ArticleItem, set[str]]:
        """``item`` with its secondary fields within the caps, and the names of the fields cut."""
        cut: set[str] = set()
        if self.within_caps(item):
            return item, cut
        changes: dict[str, object] = {name: self._cut(getattr(item, name), name, cut) for name in TEXT_FIELDS}
        changes["authors"] = [
            Author(name=self._cut(a.name, "authors", cut) or "", url=a.url)
            for a in self._first(item.authors, "authors", cut)
        ]
        changes["keywords"] = [self._cut(k, "keywords", cut) or "" for k in self._first(item.keywords, "keywords", cut)]
        changes["relatedLinks"] = [
            Link(url=link.url, headline=self._cut(link.headline, "relatedLinks", cut), kind=link.kind)
            for link in self._first(item.relatedLinks, "relatedLinks", cut)
        ]
        image = item.mainImage
        if image is not None:
            caption = self._cut(image.caption, "mainImage", cut)
            credit = self._cut(image.credit, "mainImage", cut)
            changes["mainImage"] = Image(url=image.url, caption=caption, credit=credit)
        if not cut:
            return item, cut
        return replace(item, **changes), cut

    def process_item(self, item: object) -> object:
        if not isinstance(item, ArticleItem):
            return item
        reason = self.problem(item)
        if reason is not None:
            self.crawler.stats.inc_value(f"newsbot/dropped/{reason}")
            raise DropItem(f"{reason}: {item.url}", log_level="INFO")
        item, cut = self.truncated(item)
        for field in sorted(cut):
            self.crawler.stats.inc_value(f"newsbot/validate/truncated/{field}")
        if cut:
            logger.info("Truncated %s of %s (caps: %d chars, %d entries)", ", ".join(sorted(cut)), item.url,
                        self.max_text_chars, self.max_list_items)  # fmt: skip
        self.crawler.stats.inc_value("newsbot/validate/ok")
        return item
