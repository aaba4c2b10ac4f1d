"""TRT World's labelled blocks: boxes found by the labels a reader sees, and their typed links.

The ``Related`` boxes in the body, the ``RECOMMENDED`` teasers and the ``Explore`` list are found
by their labels (never by class names): a label's box is the nearest element around it holding
links to articles of the site, if it holds no more text than a box of its kind does. One walk
over the page's short texts serves these labels and the profile's other labels (``SOURCE:``,
``N MIN READ``). :class:`TrtWorldBlocks` is the base of the site's page class (:mod:`newsbot.sites.trtworld.page`).
"""

from __future__ import annotations

from lxml import etree
from parsel import Selector

from newsbot.cleaning import UrlCanonicaliser, join_url, split_url
from newsbot.extraction.body import element_text
from newsbot.extraction.lazy import lazy
from newsbot.extraction.page import ArticlePage
from newsbot.items import Link

# (kind, label as a reader sees it, the most text a box of this kind may hold)
BLOCK_LABELS = (("related", "RELATED", 400), ("recommended", "RECOMMENDED", 1500), ("explore", "EXPLORE", 8000))


MAX_KNOWN_LINKS = 100_000  # links remembered per site origin (then forgotten at once)
_KNOWN_LINKS: dict[tuple[UrlCanonicaliser, str], dict[str, str | None]] = {}


def _article_url(urls: UrlCanonicaliser, origin: str, href: str) -> str | None:
    """The canonical URL of an article link (root-relative or absolute), ``None`` for other links."""
    url = join_url(origin, href)
    return urls.canonical(url) if url and urls.article_id(url) else None


def _known_links(urls: UrlCanonicaliser, origin: str) -> dict[str, str | None]:
    """The memo of :func:`_article_url` for one site and origin: a page names ~30 links, most of
    them named by other pages too; one plain dict lookup each (an ``lru_cache`` key hashes all
    three arguments on every call)."""
    known = _KNOWN_LINKS.get((urls, origin))
    if known is None or len(known) >= MAX_KNOWN_LINKS:
        known = _KNOWN_LINKS[(urls, origin)] = {}
    return known


class TrtWorldBlocks(ArticlePage):
    """The labelled blocks of a TRT World page; ``urls`` (set by the subclass) canonicalises links."""

    urls: UrlCanonicaliser

    def __init__(self, url: str, html: str | Selector) -> None:
        super().__init__(url, html)
        # Every node of the tree, held while the page is read. The rules below walk the tree
        # several times (scripts, metadata, short texts, blocks, links, headings); lxml builds a
        # node's Python object each time a walk reaches it unless one is alive, and lxml.html's
        # builds call back into Python: held once here, every later walk reuses them.
        self._nodes = list(self.selector.root.iter())

    @lazy
    def _anchors(self) -> list[etree._Element]:
        """Every ``<a>`` of the page in document order (one walk serves every link rule)."""
        return list(self.root.iter("a"))

    @lazy
    def article_hrefs(self) -> dict[str, str]:
        """Each ``href`` on the page that points to an article of this site, with its canonical URL."""
        found: dict[str, str] = {}
        parts = split_url(self.url)
        origin = f"{parts.scheme}://{parts.netloc}" if parts else self.url
        hrefs = {anchor.get("href") for anchor in self._anchors}
        hrefs.discard(None)
        known = _known_links(self.urls, origin)
        for href in hrefs:
            bare = href.strip()
            # root-relative and absolute links resolve the same on every page: cache those
            if bare.startswith(("http://", "https://")) or (bare.startswith("/") and not bare.startswith("//")):
                if bare in known:
                    canonical = known[bare]
                else:
                    canonical = known[bare] = _article_url(self.urls, origin, bare)
            else:
                url = join_url(self.url, bare)
                canonical = self.urls.canonical(url) if url and self.urls.article_id(url) else None
            if canonical:
                found[href] = canonical
        return found

    @lazy
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

    @lazy
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

    @lazy
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

    @lazy
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
        add = texts.append
        for element in body.iter(etree.Element):  # elements only: comments and their tails are not text
            if element.tag in ("script", "style"):
                continue
            text = element.text
            if text and len(text) < 200 and not text.isspace():
                add((" ".join(text.split()), element, False))
            tail = element.tail
            if tail and len(tail) < 200 and not tail.isspace():
                parent = element.getparent()
                if parent is not None:
                    add((" ".join(tail.split()), parent, True))
        return texts

    @lazy
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
        hrefs, boxes = self.article_hrefs, self.boxes
        for kind, label, _ in BLOCK_LABELS:
            for box in boxes[kind]:
                for anchor in box.iter("a"):
                    url = hrefs.get(anchor.get("href"))
                    if url is None or (url, kind) in seen:
                        continue
                    seen.add((url, kind))
                    headline = element_text(anchor)
                    if headline.upper().startswith(label):
                        headline = headline[len(label) :].strip()
                    links.append(Link(url=url, headline=headline or None, kind=kind))
        return links
