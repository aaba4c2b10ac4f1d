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


def _is_furniture(element: etree._Element, stop: etree._Element | None = None) -> bool:
    node: etree._Element | None = element
    while node is not None and node is not stop:
        if _tag(node) in FURNITURE_TAGS:
            return True
        node = node.getparent()
    return False


def find_container(root: etree._Element, boxes: Collection[etree._Element] = ()) -> etree._Element | None:
    """The element whose paragraphs hold the most text.

    A paragraph credits its parent fully, its grandparent by half and the next ancestor by a
    quarter, so that a body whose paragraphs are each wrapped in their own ``<div>`` still wins.
    """
    scores: dict[etree._Element, float] = {}
    for paragraph in root.iter("p"):
        if _is_furniture(paragraph) or any(_inside(paragraph, box) for box in boxes):
            continue
        length = len(element_text(paragraph))
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


def _inside(element: etree._Element, ancestor: etree._Element) -> bool:
    node: etree._Element | None = element
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def body_paragraphs(
    root: etree._Element,
    boxes: Collection[etree._Element] = (),
    skip_text: Callable[[str], bool] = lambda text: False,
) -> list[str]:
    """Paragraph texts of the story, in reading order.

    ``boxes`` are elements whose content is not story text; ``skip_text`` rejects single
    paragraphs by their text (a credit line, say).
    """
    container = find_container(root, boxes)
    if container is None:
        return []
    box_set = set(boxes)
    paragraphs: list[str] = []
    for element in container.iter(*BLOCK_TAGS):
        if _is_furniture(element, stop=container) or _in_any(element, box_set, container):
            continue
        if _tag(element) == "blockquote" and any(True for _ in element.iter("p")):
            continue
        text = element_text(element)
        if text and not skip_text(text):
            paragraphs.append(text)
    return paragraphs


def _in_any(element: etree._Element, boxes: set[etree._Element], stop: etree._Element) -> bool:
    """True when ``element`` or one of its ancestors below ``stop`` is one of ``boxes``."""
    node: etree._Element | None = element
    while node is not None and node is not stop:
        if node in boxes:
            return True
        node = node.getparent()
    return False
