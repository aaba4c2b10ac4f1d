"""Find the story text of a page by text density, leaving out boxes the caller marks.

Works on lxml elements (``Selector.root``); no Scrapy, no site rules. The container is the
element whose paragraphs hold the most text; paragraphs and subheadings inside it are kept in
reading order, except inside page furniture (header, nav, aside, footer, figure, forms...) and
inside the ``boxes`` given by a site profile (Related boxes, teaser blocks).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from lxml import etree

FURNITURE_TAGS = frozenset(
    {"header", "nav", "aside", "footer", "figure", "figcaption", "form", "button", "script", "style",
     "noscript", "template", "iframe", "svg", "select", "label"}
)  # fmt: skip
BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "blockquote", "pre")
_MIN_PARAGRAPH_CHARS = 25


def element_text(element: etree._Element) -> str:
    """The visible text of an element with whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


class InsideAny:
    """Tells whether an element, or an ancestor of it below ``stop``, has one of ``tags`` or is one
    of ``boxes``.

    Every element passed on the way up keeps its answer, so a walk ends at the first ancestor
    already answered: asking for every element of a tree is linear in its size, even on a page
    nested two thousand elements deep.
    """

    def __init__(
        self,
        tags: Collection[str] = FURNITURE_TAGS,
        boxes: Collection[etree._Element] = (),
        stop: etree._Element | None = None,
    ) -> None:
        self.tags = tags
        self.boxes = set(boxes)
        self.stop = stop
        self.known: dict[etree._Element, bool] = {}

    def __call__(self, element: etree._Element) -> bool:
        path: list[etree._Element] = []
        node: etree._Element | None = element
        outside = False
        while node is not None and node is not self.stop:
            known = self.known.get(node)
            if known is not None:
                outside = known
                break
            path.append(node)
            if _tag(node) in self.tags or node in self.boxes:
                outside = True
                break
            node = node.getparent()
        for seen in path:
            self.known[seen] = outside
        return outside


def find_container(
    root: etree._Element, boxes: Collection[etree._Element] = (), texts: dict[etree._Element, str] | None = None
) -> etree._Element | None:
    """The element whose paragraphs hold the most text.

    A paragraph credits its parent fully, its grandparent by half and the next ancestor by a
    quarter, so that a body whose paragraphs are each wrapped in their own ``<div>`` still wins.
    ``texts``, when given, receives the text of each paragraph read (for the caller to reuse).
    """
    scores: dict[etree._Element, float] = {}
    outside_story = InsideAny(FURNITURE_TAGS, boxes)
    for paragraph in root.iter("p"):
        if outside_story(paragraph):
            continue
        text = element_text(paragraph)
        if texts is not None:
            texts[paragraph] = text
        length = len(text)
        if length < _MIN_PARAGRAPH_CHARS:
            continue
        ancestor = paragraph.getparent()
        for weight in (1.0, 0.5, 0.25):
            if ancestor is None:
                break
            scores[ancestor] = scores.get(ancestor, 0.0) + length * weight
            ancestor = ancestor.getparent()
    if not scores:
        return None
    return max(scores, key=scores.__getitem__)


def body_paragraphs(
    root: etree._Element,
    boxes: Collection[etree._Element] = (),
    skip_text: Callable[[str], bool] = lambda text: False,
) -> list[str]:
    """Paragraph texts of the story, in reading order.

    ``boxes`` are elements whose content is not story text; ``skip_text`` rejects single
    paragraphs by their text (a credit line, say).
    """
    texts: dict[etree._Element, str] = {}
    container = find_container(root, boxes, texts)
    if container is None:
        return []
    outside_story = InsideAny(FURNITURE_TAGS, boxes, stop=container)
    paragraphs: list[str] = []
    for element in container.iter(*BLOCK_TAGS):
        if outside_story(element):
            continue
        if _tag(element) == "blockquote" and any(True for _ in element.iter("p")):
            continue
        text = texts.get(element)
        if text is None:
            text = element_text(element)
        if text and not skip_text(text):
            paragraphs.append(text)
    return paragraphs
