"""The title a link shows: its lines as a reader sees them, and the story's title among them.

A card's link often holds a kicker, the title, a time stamp and a teaser; :func:`headline_of`
keeps the title. Used by :mod:`newsbot.extraction.related`. Reads no settings.
"""

from __future__ import annotations

import re

from lxml import etree

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_MIN_TITLE_WORDS = 3  # a title line has this many words at least (a kicker may have fewer)
_MAX_TITLE_WORDS = 12  # a longer line ending like a sentence is a teaser's
_DATE_LINE = re.compile(
    r"^(?:\W*(?:\d{1,4}[./-]\d{1,2}(?:[./-]\d{2,4})?|\d{1,2}:\d{2}|\d+\s*(?:min|h|hrs?|hours?|minutes?|days?|std|stunden?|"
    r"tagen?|jours?|heures?|horas?|días?)\b(?:\s+ago)?|(?:vor|il y a|hace|há)\s+\d+\s*\w+|"
    r"[a-zäéû]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+[a-zäéû]{3,9}\.?\s+\d{4})\W*)+$",
    re.IGNORECASE,
)


def tag_of(element: etree._Element) -> str:
    """The lower-cased tag of an element; empty for a comment or a processing instruction."""
    return element.tag.lower() if isinstance(element.tag, str) else ""


#: Block-level tags: inside a link, each starts a new line.
BLOCKS = frozenset(
    {"div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "hgroup", "br", "section", "header", "footer",
     "figure", "figcaption", "ul", "ol", "dl", "dt", "dd", "blockquote", "article", "table", "tr", "td", "th",
     "time"}
)  # fmt: skip


def _lines(anchor: etree._Element) -> list[str]:
    """The lines of a link as a reader sees them: block elements inside it (a kicker ``<div>``, a
    title ``<div>``, a ``<time>``) start a new line; each line's whitespace is collapsed."""
    parts: list[str] = []
    stack: list[tuple[etree._Element, bool]] = [(anchor, False)]
    while stack:  # iterative: a link may nest deeper than Python's recursion limit
        element, closing = stack.pop()
        tag = tag_of(element)
        if closing:
            if tag in BLOCKS:
                parts.append("\n")
            if element is not anchor and element.tail:
                parts.append(element.tail)
            continue
        if not tag or tag in ("script", "style"):  # a comment, a processing instruction, code
            if element.tail:
                parts.append(element.tail)
            continue
        if tag in BLOCKS:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    return [line for line in (" ".join(chunk.split()) for chunk in "".join(parts).split("\n")) if line]


def anchor_text(anchor: etree._Element) -> str:
    """The text of a link as a reader sees it: block elements inside it are separated by a space,
    not glued ("Netlist vs. Samsung US-Unternehmen...")."""
    return " ".join(_lines(anchor))


def headline_of(anchor: etree._Element) -> str | None:
    """The story title a link shows: the text of its highest-ranking heading (an ``h3`` title
    under an ``h4`` kicker), else its longest line that is neither a date or time nor a teaser
    sentence (a kicker line, a time stamp and the blurb after the title are left out), else its
    ``aria-label`` or ``title`` (an image link, a link stretched over a card)."""
    headings = [heading for heading in anchor.iter(*HEADINGS) if " ".join(_lines(heading))]
    if headings:
        return " ".join(_lines(min(headings, key=lambda heading: heading.tag)))
    lines = [line for line in _lines(anchor) if not _DATE_LINE.match(line)]
    if not lines:  # an image or a card-wide link: its accessible name
        return " ".join((anchor.get("aria-label") or anchor.get("title") or "").split()) or None
    titles = [line for line in lines if not _teaser(line)]
    if titles and max(len(line.split()) for line in titles) >= _MIN_TITLE_WORDS:
        lines = titles
    return max(lines, key=lambda line: len(line.split()))


def _teaser(line: str) -> bool:
    """A sentence of a teaser blurb: long and ending like a sentence (titles seldom do)."""
    return len(line.split()) > _MAX_TITLE_WORDS and line.rstrip().endswith((".", "…", "...", "!"))
