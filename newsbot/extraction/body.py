"""Find the story text of a page by text density, leaving out boxes the caller marks.

Works on lxml elements (``Selector.root``); no Scrapy, no site rules. The page is cut into blocks
(:mod:`newsbot.extraction.blocks`: paragraphs, ``<br>``-split runs in ``div``/``span``, list items,
table cells); the story's blocks are chosen by text density (:mod:`newsbot.extraction.story`: a
story split over sibling containers, a lede kept apart, paragraphs each wrapped in their own nest
of ``div``); inside them, blocks a reader sees as not story are left out
(:mod:`newsbot.extraction.boilerplate`). Also the tree helpers the site profiles share.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from lxml import etree

from newsbot.extraction.blocks import FURNITURE_TAGS as PAGE_FURNITURE
from newsbot.extraction.blocks import SKIP_TAGS, Block, collect_blocks, first_part, signup_boxes, tag_of
from newsbot.extraction.boilerplate import story_paragraphs
from newsbot.extraction.story import StoryFinder, is_left_out_section

FURNITURE_TAGS = frozenset(
    {"header", "nav", "aside", "footer", "figure", "figcaption", "form", "button", "script", "style",
     "noscript", "template", "iframe", "svg", "select", "label"}
)  # fmt: skip
FURNITURE_FALLBACK_CHARS = 400  # less story text than this outside page furniture: read furniture too


def element_text(element: etree._Element) -> str:
    """The visible text of an element with whitespace collapsed."""
    if not len(element):  # no children: its own text is all of it (most links and headings)
        return " ".join((element.text or "").split())
    return " ".join("".join(element.itertext()).split())


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

    def marks(self, node: etree._Element) -> bool:
        """True when ``node`` itself is what is asked for (one of ``tags`` or ``boxes``)."""
        return tag_of(node) in self.tags or node in self.boxes

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
            if self.marks(node):
                outside = True
                break
            node = node.getparent()
        for seen in path:
            self.known[seen] = outside
        return outside


class LeftOutSections(InsideAny):
    """Tells whether an element is inside a comment section (:func:`is_comment_section`) or an
    element a utility class hides (:func:`is_hidden_by_class`: a paywall's or sign-in box waiting
    for a script) below ``stop``, the story's container (a container named so itself is the story:
    never asked)."""

    def __init__(self, stop: etree._Element | None) -> None:
        super().__init__((), (), stop)

    def marks(self, node: etree._Element) -> bool:
        return is_left_out_section(node)


def _without_left_out(blocks: list[Block], container: etree._Element | None) -> list[Block]:
    """``blocks`` without those inside a left-out section (:class:`LeftOutSections`) of the story's
    ``container``: a run of blocks sharing a parent asks for the parent once."""
    if not blocks:
        return blocks
    left_out = LeftOutSections(container)
    kept: list[Block] = []
    parent: etree._Element | None = None
    parent_out = False
    for block in blocks:
        owner = block.owner
        if owner.getparent() is not parent or parent is None:
            parent = owner.getparent()
            parent_out = left_out(parent) if parent is not None else False
        if parent_out or (owner is not container and is_left_out_section(owner)):
            continue
        kept.append(block)
    return kept


def body_paragraphs(
    root: etree._Element,
    boxes: Collection[etree._Element] = (),
    skip_text: Callable[[str], bool] = lambda text: False,
    lede: str | None = None,
    title: etree._Element | None = None,
    forms: Collection[etree._Element] | None = None,
    find_lede: bool = False,
) -> list[str]:
    """Paragraph texts of the story, in reading order.

    ``boxes`` are elements whose content is not story text; ``skip_text`` rejects single
    paragraphs by their text (a credit line, say). ``lede``, the page's stated summary, is put
    first when the page shows it just before the story, apart from it (a lede kept apart).
    ``title``, the element showing the headline, picks the story among several articles.
    ``forms``: the page's forms when the caller has them (:mod:`newsbot.extraction.walk`).
    """
    top = first_part(root, "body")
    if top is None:
        top = root
    signups = signup_boxes(top, forms)
    finder = StoryFinder(collect_blocks(top, boxes, signups=signups), top, title)
    if finder.good[-1] < FURNITURE_FALLBACK_CHARS:
        # page furniture wrapping the page (an unclosed <aside>, the whole page in a <header>), or
        # the whole story under a style that hides it until a script runs: read it again with
        # furniture read as text and hidden elements read
        again = StoryFinder(collect_blocks(top, boxes, SKIP_TAGS - PAGE_FURNITURE, signups, False), top, title)
        if again.good[-1] > 2 * finder.good[-1]:
            finder = again
    blocks = _without_left_out(finder.blocks(), finder.story_container)
    if lede and blocks:
        found = finder.lede_before(blocks[0].index, lede)
        if found is not None and found not in blocks:
            blocks.insert(0, found)
    if find_lede and blocks:
        blocks[:0] = finder.ledes_after_title(blocks[0].index)
    return story_paragraphs(blocks, skip_text)
