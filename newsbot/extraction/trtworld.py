"""TRT World profile: URL rules and text-anchored rules for the blocks of an article page.

Blocks are found by what a reader sees, never by class names: the ``Related`` label of boxes in
the body, the ``RECOMMENDED`` marker before teasers, the ``Explore`` list, the ``SOURCE:`` credit
line, the ``N MIN READ`` tag and links to ``/article/<id>`` and ``/author/<name>``.
"""

from __future__ import annotations

import functools
import re
from functools import cached_property

from lxml import etree
from parsel import Selector

from newsbot.cleaning import UrlCanonicaliser, join_url, split_url
from newsbot.extraction.body import InsideAny, body_paragraphs, element_text
from newsbot.extraction.metadata import page_title
from newsbot.extraction.names import unique_authors, visible_name
from newsbot.extraction.page import ArticlePage, _as_text
from newsbot.items import Author, Image, Link

SITE = "trtworld"
DEFAULT_BASE_URL = "https://www.trtworld.com"
HOST_ALIASES = frozenset({"trtworld.com", "www.trtworld.com", "trt.global", "www.trt.global"})
ARTICLE_PATTERNS = (
    re.compile(r"(?:/[a-z-]+)?/article/(?P<id>[0-9a-f]{12}|\d{8})", re.IGNORECASE),
    re.compile(r"/(?!video/|author/)[a-z-]+/[a-z0-9-]+-(?P<id>\d{8})", re.IGNORECASE),
)
TITLE_SUFFIX = re.compile(r"\s*[-|–]\s*TRT\s*World\s*$", re.IGNORECASE)
SOURCE_LINE = re.compile(r"^SOURCE\s*:\s*(?P<credit>.+)$", re.IGNORECASE)
SOURCE_LABEL = re.compile(r"^SOURCE\s*:?$", re.IGNORECASE)  # the label alone, its value in the next element
MAX_CREDIT_CHARS = 80
READING_TIME = re.compile(r"^(?P<minutes>\d{1,3})\s*MIN(?:UTE)?S?\s+READ$", re.IGNORECASE)
WRITTEN_DATE = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}$"
)
# (kind, label as a reader sees it, the most text a box of this kind may hold)
BLOCK_LABELS = (("related", "RELATED", 400), ("recommended", "RECOMMENDED", 1500), ("explore", "EXPLORE", 8000))


@functools.lru_cache(maxsize=100_000)
def _article_url(urls: UrlCanonicaliser, origin: str, href: str) -> str | None:
    """The canonical URL of an article link (root-relative or absolute), ``None`` for other links."""
    url = join_url(origin, href)
    return urls.canonical(url) if url and urls.article_id(url) else None


def canonicaliser(base_url: str = DEFAULT_BASE_URL) -> UrlCanonicaliser:
    """The URL canonicaliser of the site served at ``base_url``."""
    return UrlCanonicaliser(base_url=base_url.rstrip("/"), host_aliases=HOST_ALIASES, article_patterns=ARTICLE_PATTERNS)


def base_url_for(url: str) -> str:
    """The base URL for a page: the real site for its hosts and mirrors, else the page's origin."""
    parts = split_url(url)
    if parts is None or parts.netloc.lower() in HOST_ALIASES:
        return DEFAULT_BASE_URL
    return f"{parts.scheme}://{parts.netloc}"


def looks_like_trtworld(selector: Selector, url: str) -> bool:
    """True for pages of TRT World or of a replica of it (its hosts, or its title suffix)."""
    parts = split_url(url)
    if parts is not None and parts.netloc.lower() in HOST_ALIASES:
        return True
    title = page_title(selector) or ""
    site_name = next(
        (m.get("content") or "" for m in selector.root.iter("meta") if m.get("property") == "og:site_name"), ""
    )
    return bool(TITLE_SUFFIX.search(title)) or site_name.strip().lower() == "trt world"


class TrtWorldArticle(ArticlePage):
    """A TRT World article page. ``urls`` canonicalises links (its base URL is the crawl's)."""

    extractor_name = SITE
    standfirst_apart = True

    def __init__(self, url: str, html: str | Selector, urls: UrlCanonicaliser | None = None) -> None:
        super().__init__(url, html)
        self.urls = urls or canonicaliser(base_url_for(url))

    @property
    def slug(self) -> str | None:
        return self.urls.article_id(self.url)

    # -- blocks found by their labels ---------------------------------------------------------
    @cached_property
    def _anchors(self) -> list[etree._Element]:
        """Every ``<a>`` of the page in document order (one walk serves every link rule)."""
        return list(self.root.iter("a"))

    @cached_property
    def article_hrefs(self) -> dict[str, str]:
        """Each ``href`` on the page that points to an article of this site, with its canonical URL."""
        found: dict[str, str] = {}
        parts = split_url(self.url)
        origin = f"{parts.scheme}://{parts.netloc}" if parts else self.url
        hrefs = {anchor.get("href") for anchor in self._anchors}
        hrefs.discard(None)
        for href in hrefs:
            bare = href.strip()
            # root-relative and absolute links resolve the same on every page: cache those
            if bare.startswith(("http://", "https://")) or (bare.startswith("/") and not bare.startswith("//")):
                canonical = _article_url(self.urls, origin, bare)
            else:
                url = join_url(self.url, bare)
                canonical = self.urls.canonical(url) if url and self.urls.article_id(url) else None
            if canonical:
                found[href] = canonical
        return found

    def _anchors_in(self, element: etree._Element) -> list[etree._Element]:
        hrefs = self.article_hrefs
        return [anchor for anchor in element.iter("a") if anchor.get("href") in hrefs]

    @cached_property
    def _link_holders(self) -> set[etree._Element]:
        """Every element that contains at least one article link."""
        holders: set[etree._Element] = set()
        hrefs = self.article_hrefs
        for anchor in self._anchors:
            if anchor.get("href") in hrefs:
                node: etree._Element | None = anchor
                while node is not None and node not in holders:  # the ancestors of a holder are holders
                    holders.add(node)
                    node = node.getparent()
        return holders

    @cached_property
    def _nearest_holders(self) -> dict[etree._Element, etree._Element | None]:
        """Memo of :meth:`_nearest_holder`, filled along each walk up the tree."""
        return {}

    def _nearest_holder(self, element: etree._Element) -> etree._Element | None:
        """The nearest link holder at or above ``element``, below ``body``, ``main`` or ``article``.

        Every element passed keeps its answer, so the walks of all labels together are linear in
        the size of the tree (a label nested two thousand deep is read once).
        """
        memo, holders = self._nearest_holders, self._link_holders
        path: list[etree._Element] = []
        node: etree._Element | None = element
        found: etree._Element | None = None
        while node is not None:
            if node in memo:
                found = memo[node]
                break
            path.append(node)
            if node.tag in ("body", "html", "main", "article"):
                break
            if node in holders:
                found = node
                break
            node = node.getparent()
        for seen in path:
            memo[seen] = found
        return found

    @cached_property
    def _text_lengths(self) -> dict[etree._Element, int]:
        return {}

    def _box_of(self, label_holder: etree._Element, max_chars: int) -> etree._Element | None:
        holder = self._nearest_holder(label_holder)
        if holder is None:
            return None
        length = self._text_lengths.get(holder)
        if length is None:
            length = self._text_lengths[holder] = len(element_text(holder))
        return holder if length <= max_chars else None

    @cached_property
    def short_texts(self) -> list[tuple[str, etree._Element, bool]]:
        """Short visible texts of the body in reading order: ``(text, holder, is_tail)``.

        One pass over the tree serves every label-anchored rule (block labels, ``SOURCE:``,
        ``N MIN READ`` and the section label before it). ``holder`` is the element the text
        belongs to (its parent for a tail text).
        """
        texts: list[tuple[str, etree._Element, bool]] = []
        body = next(self.root.iter("body"), None)
        if body is None:
            return texts
        for element in body.iter(etree.Element):  # elements only: comments and their tails are not text
            if element.tag in ("script", "style"):
                continue
            text = element.text
            if text and len(text) < 200 and not text.isspace():
                texts.append((" ".join(text.split()), element, False))
            tail = element.tail
            if tail and len(tail) < 200 and not tail.isspace():
                parent = element.getparent()
                if parent is not None:
                    texts.append((" ".join(tail.split()), parent, True))
        return texts

    @cached_property
    def boxes(self) -> dict[str, list[etree._Element]]:
        """Elements holding each kind of link block, keyed by kind, in page order."""
        labelled: dict[str, list[etree._Element]] = {label: [] for _, label, _ in BLOCK_LABELS}
        for text, holder, _ in self.short_texts:
            holders = labelled.get(text.upper())
            if holders is not None:
                holders.append(holder)
        found: dict[str, list[etree._Element]] = {}
        for kind, label, max_chars in BLOCK_LABELS:
            boxes: dict[etree._Element, None] = {}  # in page order, each once
            for holder in labelled[label]:
                box = self._box_of(holder, max_chars)
                if box is not None:
                    boxes[box] = None
            found[kind] = list(boxes)
        return found

    def related_links(self) -> list[Link]:
        links: list[Link] = []
        seen: set[tuple[str, str]] = set()
        for kind, label, _ in BLOCK_LABELS:
            for box in self.boxes[kind]:
                for anchor in self._anchors_in(box):
                    url = self.article_hrefs[anchor.get("href")]
                    if (url, kind) in seen:
                        continue
                    seen.add((url, kind))
                    headline = element_text(anchor)
                    if headline.upper().startswith(label):
                        headline = headline[len(label) :].strip()
                    links.append(Link(url=url, headline=headline or None, kind=kind))
        return links

    # -- fields -----------------------------------------------------------------------------
    def read_headline(self) -> str | None:
        headline = super().read_headline()
        return TITLE_SUFFIX.sub("", headline) if headline else None

    def body_paragraphs(self) -> list[str]:
        all_boxes = [box for boxes in self.boxes.values() for box in boxes] + self._source[1]
        return body_paragraphs(self.root, boxes=all_boxes, skip_text=lambda text: bool(SOURCE_LINE.match(text)))

    @cached_property
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
