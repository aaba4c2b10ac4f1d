"""Cut the visible text of a page into blocks: the runs of text a reader sees as one paragraph.

One walk over the tree (lxml ``iterwalk``, no recursion: pages nest thousands deep). A block is
the inline content of a block-level element (``p``, ``div``, ``li``, ``td``, ``h2``...): its own
text, the text of inline children (``a``, ``span``, ``b``...) and the tails of children, cut where
a block-level child starts or ends. So text written straight into ``div``/``span`` runs, text after
a lone ``<p>``, list items and table cells all become blocks, not only ``<p>``. A ``<br>`` ends a
line (never glues two words); the lines of a block stay apart.

Nothing a reader does not see as story text is read: scripts, styles, templates, form controls,
media, page furniture (``nav``, ``aside``, ``header``, ``footer``, ``figure``) and their ARIA
roles, dialogs (a cookie or newsletter prompt: ``role="dialog"``, ``aria-modal="true"``), copies
hidden from screen readers (``aria-hidden="true"``; not ``hidden``, which streamed pages put on
content they move in later) and the ``boxes`` a site profile marks. Text comes out of the parser
already decoded, once: an escaped ``&lt;div&gt;`` stays the visible text ``<div>``.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

from lxml import etree

FURNITURE_TAGS = frozenset({"nav", "aside", "header", "footer", "menu"})
SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video",
     "audio", "picture", "map", "button", "select", "option", "textarea", "input", "label", "head", "title",
     "figure", "figcaption", "dialog"}
) | FURNITURE_TAGS  # fmt: skip
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
     "kbd", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt",
     "u", "var", "wbr", "img", "ruby", "rb", "rt", "rp", "rtc", "acronym", "blink", "output", "meter", "progress"}
)  # fmt: skip
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
ITEM_TAGS = frozenset({"li", "dd", "dt"})
CELL_TAGS = frozenset({"td", "th"})
# the block-level elements that are one paragraph (their text credits the container above them)
PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "address"}) | HEADING_TAGS | ITEM_TAGS | CELL_TAGS


class Block(NamedTuple):
    """A run of text read as one paragraph: ``lines`` (cut at ``<br>``), its owning element, the
    number of characters in all and inside links, and its position among the page's blocks."""

    owner: etree._Element
    lines: tuple[str, ...]
    length: int
    link_length: int
    index: int

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def link_ratio(self) -> float:
        return self.link_length / self.length if self.length else 0.0


class PageBlocks(NamedTuple):
    """The blocks of a page in reading order, and each element's range of block indexes
    (``spans[element] = (first, end)``: the blocks inside it are ``blocks[first:end]``)."""

    blocks: list[Block]
    spans: dict[etree._Element, tuple[int, int]]


SKIP_ROLES = frozenset(
    {"dialog", "alertdialog", "navigation", "menu", "menubar", "search", "complementary", "contentinfo", "banner",
     "tooltip", "button", "img", "toolbar"}
)  # fmt: skip


def _hidden(element: etree._Element) -> bool:
    """Hidden from readers, or in an ARIA role that is no story text (a dialog, a menu...)."""
    if element.get("aria-hidden") == "true" or element.get("aria-modal") == "true":
        return True
    role = element.get("role")
    return role is not None and role.strip().lower() in SKIP_ROLES


def collect_blocks(
    top: etree._Element, boxes: Collection[etree._Element] = (), skip_tags: Collection[str] = SKIP_TAGS
) -> PageBlocks:
    """Every block under ``top`` in reading order, leaving out ``skip_tags`` and ``boxes``."""
    blocks: list[Block] = []
    spans: dict[etree._Element, tuple[int, int]] = {}
    starts: list[int] = []
    owners: list[etree._Element] = []
    parts: list[str] = []
    counts = [0, 0]  # characters read, characters inside links (since the last cut)
    in_link = 0
    skip = set(boxes)

    def add(text: str | None) -> None:
        if text:
            parts.append(text)
            counts[0] += len(text)
            if in_link:
                counts[1] += len(text)

    def cut(owner: etree._Element) -> None:
        if not parts:
            return
        raw = "".join(parts)
        parts.clear()
        lines = tuple(line for line in (" ".join(piece.split()) for piece in raw.split("\n")) if line)
        if lines:
            length = sum(len(line) for line in lines)
            link_length = min(length, counts[1] * length // max(counts[0], 1))
            blocks.append(Block(owner, lines, length, link_length, len(blocks)))
        counts[0] = counts[1] = 0

    walker = etree.iterwalk(top, events=("start", "end", "comment"))
    for event, element in walker:
        tag = element.tag
        if event == "comment":
            add(element.tail)
            continue
        if not isinstance(tag, str):  # processing instruction
            if event == "end":
                add(element.tail)
            continue
        tag = tag.lower()
        if event == "start":
            if tag in skip_tags or element in skip or _hidden(element):
                walker.skip_subtree()
                starts.append(-1)
                continue
            starts.append(len(blocks))
            if tag == "br":
                parts.append("\n")
            elif tag in INLINE_TAGS and element is not top:
                if tag == "a":
                    in_link += 1
                add(element.text)
            else:
                if owners:
                    cut(owners[-1])
                owners.append(element)
                add(element.text)
            continue
        first = starts.pop()
        if first < 0:  # skipped: only its tail is read
            add(element.tail)
            continue
        if (tag in INLINE_TAGS or tag == "br") and element is not top:
            if tag == "a":
                in_link -= 1
        else:
            cut(element)
            owners.pop()
        spans[element] = (first, len(blocks))
        if element is not top:
            add(element.tail)
    return PageBlocks(blocks, spans)
