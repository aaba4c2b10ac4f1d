"""TRT World's page reader: text-anchored rules for the blocks of an article page.

Blocks are found by what a reader sees, never by class names: the ``Related`` label of boxes in
the body, the ``RECOMMENDED`` marker before teasers, the ``Explore`` list, the ``SOURCE:`` credit
line, the ``N MIN READ`` tag and links to ``/article/<id>`` and ``/author/<name>``.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from parsel import Selector

from newsbot.cleaning import UrlCanonicaliser, join_url, split_url
from newsbot.extraction.body import InsideAny, body_paragraphs, element_text
from newsbot.extraction.lazy import lazy
from newsbot.extraction.metadata import page_title
from newsbot.extraction.names import unique_authors, visible_name
from newsbot.extraction.page import _as_text
from newsbot.items import Author, Image
from newsbot.sites.trtworld.blocks import TrtWorldBlocks
from newsbot.sites.trtworld.urls import HOST_ALIASES, NAME, base_url_for, canonicaliser

TITLE_SUFFIX = re.compile(r"\s*[-|–]\s*TRT\s*World\s*$", re.IGNORECASE)
SOURCE_LINE = re.compile(r"^SOURCE\s*:\s*(?P<credit>.+)$", re.IGNORECASE)
SOURCE_LABEL = re.compile(r"^SOURCE\s*:?$", re.IGNORECASE)  # the label alone, its value in the next element
MAX_CREDIT_CHARS = 80
READING_TIME = re.compile(r"^(?P<minutes>\d{1,3})\s*MIN(?:UTE)?S?\s+READ$", re.IGNORECASE)
WRITTEN_DATE = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}$"
)


def looks_like_trtworld(selector: Selector, url: str) -> bool:
    """True for pages of TRT World or of a replica of it (its hosts, or its title suffix)."""
    parts = split_url(url)
    if parts is not None and parts.netloc.lower() in HOST_ALIASES:
        return True
    title = page_title(selector) or ""
    return bool(TITLE_SUFFIX.search(title)) or head_site_name(selector.root).strip().lower() == "trt world"


def head_site_name(root: Any) -> str:
    """The ``og:site_name`` of the page's ``<head>`` ("" without one): looked up among the head's own
    children, since this test runs on every page of every site and a walk of the whole tree would not."""
    head = root.find("head") if root.tag == "html" else None
    metas = head.iterchildren("meta") if head is not None else ()
    return next((meta.get("content") or "" for meta in metas if meta.get("property") == "og:site_name"), "")


class TrtWorldArticle(TrtWorldBlocks):
    """A TRT World article page. ``urls`` canonicalises links (its base URL is the crawl's)."""

    extractor_name = NAME
    standfirst_apart = True

    def __init__(self, url: str, html: str | Selector, urls: UrlCanonicaliser | None = None) -> None:
        super().__init__(url, html)
        self.urls = urls or canonicaliser(base_url_for(url))

    @property
    def slug(self) -> str | None:
        return self.urls.article_id(self.url)

    # -- fields -----------------------------------------------------------------------------
    def read_headline(self) -> str | None:
        headline = self.metadata_headline()  # the profile reads its own pages' layers
        return TITLE_SUFFIX.sub("", headline) if headline else None

    def body_paragraphs(self) -> list[str]:
        all_boxes = [box for boxes in self.boxes.values() for box in boxes] + self._source[1]
        return body_paragraphs(self.root, boxes=all_boxes, skip_text=lambda text: bool(SOURCE_LINE.match(text)))

    @lazy
    def _source(self) -> tuple[str | None, list[etree._Element]]:
        """The ``SOURCE:`` credit, and the elements of a label and value written apart.

        The credit is on one line (``SOURCE: AA``) or split over two elements, the label alone in
        one (``<span>SOURCE:</span>``) and the value in the next text a reader sees
        (``<span>AA</span>``); those two elements are not story text.
        """
        texts = self.short_texts
        for n, (text, holder, is_tail) in enumerate(texts):
            if text[:6].upper() != "SOURCE":
                continue
            line = text if is_tail else element_text(holder)
            match = SOURCE_LINE.match(line)
            if match and len(line) <= 120:
                return match.group("credit").strip(), []
            if SOURCE_LABEL.match(text) and n + 1 < len(texts):
                value, value_holder, _ = texts[n + 1]
                if len(value) <= MAX_CREDIT_CHARS and not SOURCE_LINE.match(value):
                    return value, [] if is_tail else [holder, value_holder]
        return None, []

    def source_credit(self) -> str | None:
        return self._source[0] or super().source_credit()

    def _reading_time_at(self) -> int | None:
        """Index in :attr:`short_texts` of the ``N MIN READ`` tag."""
        return next((n for n, (text, _, _) in enumerate(self.short_texts) if READING_TIME.match(text)), None)

    def reading_time(self) -> int | None:
        structured = super().reading_time()
        if structured is not None:
            return structured
        at = self._reading_time_at()
        match = READING_TIME.match(self.short_texts[at][0]) if at is not None else None
        return int(match.group("minutes")) if match else None

    def section(self) -> str | None:
        """Structured section, else the label a reader sees just before ``N MIN READ``."""
        structured = super().section()
        if structured:
            return structured
        at = self._reading_time_at()
        return self.short_texts[at - 1][0] if at else None

    def visible_description(self) -> str | None:
        """The standfirst: the first paragraph after the headline, outside the story body."""
        headline = self.headline()
        if not headline:
            return None
        for element in self.root.iter("h1", "h2"):
            if element_text(element) != headline:
                continue
            for following in element.itersiblings():
                if following.tag == "p":
                    return element_text(following) or None
        return None

    def visible_date(self) -> str | None:
        return super().visible_date() or next((t for t, _, _ in self.short_texts if WRITTEN_DATE.match(t)), None)

    def _author_links(self) -> list[Author]:
        excluded = InsideAny(("header", "nav", "footer"), [box for boxes in self.boxes.values() for box in boxes])
        authors: dict[str, Author] = {}
        for anchor in self._anchors:
            href = anchor.get("href") or ""
            if "/author/" not in href or excluded(anchor):
                continue
            absolute = join_url(self.url, href)
            url = self.urls.canonical(absolute) if absolute else None
            name = visible_name(anchor)
            if url and name and url not in authors:
                authors[url] = Author(name=name, url=url)
        return list(authors.values())

    def authors(self) -> list[Author]:
        visible = self._author_links()
        structured = self.structured_authors()
        if not structured:
            entries = self.flight.get("authors")
            for entry in entries if isinstance(entries, list) else []:
                name = _as_text(entry.get("name")) if isinstance(entry, dict) else _as_text(entry)
                slug = entry.get("slug") if isinstance(entry, dict) else None
                if name:
                    structured.append(
                        Author(
                            name=name, url=self.urls.canonical(f"{self.urls.base_url}/author/{slug}") if slug else None
                        )
                    )
        if not structured:
            return visible
        by_name = {author.name.casefold(): author.url for author in visible}
        return unique_authors(Author(name=a.name, url=a.url or by_name.get(a.name.casefold())) for a in structured)

    def main_image(self) -> Image | None:
        """Structured image; a caption or credit it lacks comes from ``<figcaption>caption / credit``."""
        image = super().main_image()
        if image is None or (image.caption and image.credit):
            return image
        figcaption = next((f for f in self.root.iter("figcaption") if element_text(f)), None)
        if figcaption is not None:
            text = element_text(figcaption)
            head, sep, credit = text.rpartition(" / ")
            image.caption = image.caption or (head if sep else text) or None
            image.credit = image.credit or (credit if sep else None)
        return image
