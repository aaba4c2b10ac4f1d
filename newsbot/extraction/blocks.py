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
content they move in later), elements their own style hides (``style="display: none"``,
``visibility: hidden``: a dialog shown on demand, a copy for another screen size), text only
screen readers get (a ``span`` of class ``sr-only``, ``visually-hidden``...), sign-up boxes
(:func:`signup_boxes`) and the ``boxes`` a site profile marks. A ``<header>`` inside
``<article>``/``<main>`` is the story's own (its lede) and is read; a ``<form>`` is read (ASP.NET
pages wrap the whole page in one), its controls are not. Text comes out of the parser already
decoded, once: an escaped ``&lt;div&gt;`` stays the visible text ``<div>``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
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
STORY_TAGS = frozenset({"article", "main"})
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# the classes of text only screen readers get (a span a teaser card prints twice, "Advertisement 2")
SCREEN_READER_ONLY = re.compile(
    r"(^|\s)(sr-only|visually-hidden|visuallyhidden|u-visually-hidden|screen-reader-text|sr-text)(\s|$)"
)
MAX_SIGNUP_CHARS = 600  # the most text a sign-up box holds (its title, a pitch, a consent line)
MAX_SIGNUP_LEVELS = 3  # ... the most levels above its form
MAX_SIGNUP_PARTS = 6  # ... the most child elements of each of those levels
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
ITEM_TAGS = frozenset({"li", "dd", "dt"})
CELL_TAGS = frozenset({"td", "th"})
# the block-level elements that are one paragraph (their text credits the container above them)
PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "address"}) | HEADING_TAGS | ITEM_TAGS | CELL_TAGS


class Block(NamedTuple):
    """A run of text read as one paragraph: ``lines`` (cut at ``<br>``), its owning element, the
    number of characters in all and inside links, its position among the page's blocks and the
    owner's lower-cased tag (read once: every rule choosing blocks asks for it)."""

    owner: etree._Element
    lines: tuple[str, ...]
    length: int
    link_length: int
    index: int
    tag: str

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


def tag_of(element: etree._Element) -> str:
    """The lower-cased tag of an element; ``""`` for a comment or processing instruction."""
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def first_part(root: etree._Element, tag: str, within: str | None = None) -> etree._Element | None:
    """The first ``tag`` element of the page rooted at ``root``: looked up among the children of
    ``<html>`` (or of its ``within`` child, ``head``), where a parsed page has it, before any walk.
    ``next(root.iter(tag))`` costs a walk of the whole page: lxml's iterator looks ahead for the
    second match before it hands out the first."""
    parent = root if root.tag == "html" else None
    if parent is not None and within is not None:
        parent = parent.find(within)
    found = parent.find(tag) if parent is not None else None
    return found if found is not None else next(root.iter(tag), None)


def signup_boxes(top: etree._Element, forms: Iterable[etree._Element] | None = None) -> set[etree._Element]:
    """Sign-up boxes: around each ``<form>`` that asks for an e-mail address or a search term, the
    largest small element (a few levels up, a few children, short text) holding it: a newsletter or
    search prompt inside the story with its title, pitch and messages. A form holding the whole
    page (ASP.NET) or a comment form (a ``<textarea>``) is no box. ``forms``: the page's forms
    when the caller has them (:mod:`newsbot.extraction.walk`)."""
    found: set[etree._Element] = set()
    for form in top.iter("form") if forms is None else forms:
        kinds = {(field.get("type") or "text").lower() for field in form.iter("input")}
        if not kinds & {"email", "text", "search"} or next(form.iter("textarea"), None) is not None:
            continue  # no address asked for, or a comment form
        if more_chars_than(form, MAX_SIGNUP_CHARS):
            continue
        box = form
        parent = box.getparent()
        for _ in range(MAX_SIGNUP_LEVELS):
            if parent is None or parent is top or len(parent) > MAX_SIGNUP_PARTS:
                break
            if more_chars_than(parent, MAX_SIGNUP_CHARS):
                break
            box, parent = parent, parent.getparent()
        found.add(box)
    return found


def more_chars_than(element: etree._Element, limit: int) -> bool:
    """True when the text of ``element`` (white space left out) is longer than ``limit``: read
    only as far as needed (a form may hold the whole page)."""
    count = 0
    for text in element.itertext():
        count += len("".join(text.split()))
        if count > limit:
            return True
    return False


_new_block = tuple.__new__
LINE_BREAK = "\x00"  # a <br> in the text read: the HTML parser turns any NUL of a page into U+FFFD


def _block(owner: etree._Element, raw: str, read: int, linked: int, index: int) -> Block | None:
    if LINE_BREAK in raw:
        lines = tuple(line for line in (" ".join(piece.split()) for piece in raw.split(LINE_BREAK)) if line)
        if not lines:
            return None
        length = sum(len(line) for line in lines)
    else:
        line = " ".join(raw.split())
        if not line:
            return None
        lines, length = (line,), len(line)
    # an owner is an element, never a comment or processing instruction: its tag is a string
    # tuple.__new__: the NamedTuple's own constructor is a Python function, one more call per block
    return _new_block(
        Block, (owner, lines, length, min(length, linked * length // max(read, 1)), index, owner.tag.lower())
    )


def collect_blocks(
    top: etree._Element,
    boxes: Collection[etree._Element] = (),
    skip_tags: Collection[str] = SKIP_TAGS,
    signups: set[etree._Element] | None = None,
    skip_hidden: bool = True,
) -> PageBlocks:
    """Every block under ``top`` in reading order, leaving out ``skip_tags``, ``boxes``, the
    sign-up boxes (``signups`` when the caller found them, else :func:`signup_boxes`) and, with
    ``skip_hidden``, the elements their own style hides.

    The hot loop of extraction (every element of the page passes here once): kept flat.
    """
    blocks: list[Block] = []
    spans: dict[etree._Element, tuple[int, int]] = {}
    starts: list[int] = []
    owners: list[etree._Element] = []
    parts: list[str] = []  # the text read since the last cut; never starts with white space
    read = linked = in_link = 0  # characters read, of them inside links (since the last cut); open <a>
    in_story = 0  # open <article>/<main>: a <header> inside one is the story's own (its lede)
    in_pre = 0  # open <pre>: its newlines are line breaks
    skip = set(boxes) | (signup_boxes(top) if signups is None else signups)
    inline, roles = INLINE_TAGS, SKIP_ROLES

    push_start, pop_start, push_part = starts.append, starts.pop, parts.append  # looked up once, not per element
    walker = etree.iterwalk(top, events=("start", "end", "comment"))
    for event, element in walker:
        if event == "start":
            tag = element.tag
            if not isinstance(tag, str):  # processing instruction
                push_start(-1)
                continue
            get = element.get
            role = get("role")
            if (
                (tag in skip_tags and not (in_story and tag == "header"))
                or (skip and element in skip)
                or get("aria-hidden") == "true"
                or (
                    skip_hidden
                    and (style := get("style")) is not None
                    and ("none" in style or "hidden" in style or "NONE" in style or "HIDDEN" in style)
                    and HIDDEN_STYLE.search(style) is not None
                )
                or get("aria-modal") == "true"
                or (
                    tag == "span"
                    and (kind := get("class")) is not None
                    and ("sr-" in kind or "hidden" in kind or "screen-reader" in kind)
                    and SCREEN_READER_ONLY.search(kind) is not None
                )
                or (role is not None and role.strip().lower() in roles)
            ):
                walker.skip_subtree()
                push_start(-1)
                continue
            if tag in STORY_TAGS:
                in_story += 1
            elif tag == "pre":
                in_pre += 1
            if tag == "br":
                push_start(len(blocks))
                if parts:
                    push_part(LINE_BREAK)
                continue
            if tag not in inline or element is top:
                if parts:  # the text before this element is a block of its parent
                    block = _block(owners[-1], "".join(parts), read, linked, len(blocks))
                    if block is not None:
                        blocks.append(block)
                    parts.clear()
                    read = linked = 0
                owners.append(element)
            elif tag == "a":
                in_link += 1
            push_start(len(blocks))
            text = element.text
        else:
            if event == "end":
                first = pop_start()
                if first >= 0:
                    tag = element.tag
                    if tag == "a":
                        in_link -= 1
                    elif (tag not in inline and tag != "br") or element is top:
                        if parts:
                            block = _block(element, "".join(parts), read, linked, len(blocks))
                            if block is not None:
                                blocks.append(block)
                            parts.clear()
                            read = linked = 0
                        owners.pop()
                    if tag in STORY_TAGS:
                        in_story -= 1
                    elif tag == "pre":
                        in_pre -= 1
                    if len(blocks) > first:  # only elements holding blocks can hold the story
                        spans[element] = (first, len(blocks))
                if element is top:
                    continue
            text = element.tail  # a comment's or an element's tail
        if text and (parts or not text.isspace()):
            if in_pre and "\n" in text:
                text = text.replace("\n", LINE_BREAK)
            push_part(text)
            read += len(text)
            if in_link:
                linked += len(text)
    return PageBlocks(blocks, spans)
