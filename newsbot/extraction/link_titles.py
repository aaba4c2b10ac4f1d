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


_SEAM = "\x00"  # where an inline element starts or ends inside a link (see _unglue)


def _lines(anchor: etree._Element) -> list[str]:
    """The lines of a link as a reader sees them: block elements inside it (a kicker ``<div>``, a
    title ``<div>``, a ``<time>``) start a new line, and so do inline elements glued to the text
    beside them (see :func:`_unglue`); each line's whitespace is collapsed."""
    parts: list[str] = []
    stack: list[tuple[etree._Element, bool]] = [(anchor, False)]
    while stack:  # iterative: a link may nest deeper than Python's recursion limit
        element, closing = stack.pop()
        tag = tag_of(element)
        if closing:
            parts.append("\n" if tag in BLOCKS else _SEAM)
            if element is not anchor and element.tail:
                parts.append(element.tail)
            continue
        if not tag or tag in ("script", "style"):  # a comment, a processing instruction, code
            if element.tail:
                parts.append(element.tail)
            continue
        parts.append("\n" if tag in BLOCKS or (not len(element) and _stacked(element)) else _SEAM)
        if element.text:
            parts.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    text = "".join(parts)
    if _SEAM in text:
        text = _unglue(text)
    return [line for line in (" ".join(chunk.split()) for chunk in text.split("\n")) if line]


def _stacked(element: etree._Element) -> bool:
    """True for an inline element set in a parent of inline elements that each hold one text and
    nothing else, with only spaces between them: lines styled apart, a kicker, a topic and a title
    (``<span><span>Abo</span> <span>Monument</span> <span>Title</span></span>``)."""
    parent = element.getparent()
    if parent is None or len(parent) < 2 or (parent.text or "").strip():
        return False
    for child in parent:
        text = (child.text or "").strip()
        if not isinstance(child.tag, str) or tag_of(child) in BLOCKS or len(child) or not any(map(str.isalnum, text)):
            return False  # an element, or a separator between the parts of one title ("<span>: </span>")
        if (child.tail or "").strip():
            return False
    return True


def _unglue(text: str) -> str:
    """``text`` with each seam between inline elements removed, or made a line break where two
    texts are glued with no space and the second starts a new word a reader sees apart: a
    capital or a digit after a word or a number ("<span>1</span><span>Marlaska...",
    "<b>CRIME</b><span>Video</span>Title", "<i>Premium</i>Fußballfest"). Styles set such kickers,
    badges and ranks apart; a title's own inline words have spaces around them."""
    pieces = [piece for piece in text.split(_SEAM) if piece]
    out = pieces[:1]
    for piece in pieces[1:]:
        word = out[-1].rsplit(None, 1)[-1] if not out[-1][-1].isspace() else ""
        if word[-1:].isalnum() and (piece[0].isupper() or piece[0].isdigit()) and (len(word) > 1 or word.isdigit()):
            out.append("\n")  # not "<i>i</i>Phone": a word of one letter is a prefix
        out.append(piece)
    return "".join(out)


def anchor_text(anchor: etree._Element) -> str:
    """The text of a link as a reader sees it: block elements inside it are separated by a space,
    not glued ("Netlist vs. Samsung US-Unternehmen...")."""
    return " ".join(_lines(anchor))


def headline_of(anchor: etree._Element) -> str | None:
    """The story title ``anchor`` shows (:func:`shown_headline`)."""
    return shown_headline(anchor)[0]


def shown_headline(anchor: etree._Element) -> tuple[str | None, bool]:
    """The story title a link shows: the text of its highest-ranking heading (an ``h3`` title
    under an ``h4`` kicker; a heading of fewer than three words beside a longer title line is a
    kicker or a label, "<h5>Latest</h5>"), else its longest line that is neither a date or time nor a teaser
    sentence (a kicker line, a time stamp and the blurb after the title are left out), else its
    ``aria-label`` or ``title`` (an image link, a link stretched over a card); and whether it
    is text the link shows (``False`` for an attribute's, which a shown title replaces)."""
    lines: list[str] | None = None
    for heading in sorted(anchor.iter(*HEADINGS), key=lambda heading: heading.tag):
        heading_lines = _lines(heading)
        if not heading_lines:
            continue
        title = _title_line(heading_lines)
        words = len(title.split())
        if words < _MIN_TITLE_WORDS and lines is None:
            lines = [line for line in _lines(anchor) if not _DATE_LINE.match(line)]
        if words >= _MIN_TITLE_WORDS or words >= max(
            (len(line.split()) for line in lines or () if not _teaser(line)), default=0
        ):
            return title, True
    if lines is None:
        lines = [line for line in _lines(anchor) if not _DATE_LINE.match(line)]
    if not lines:  # an image or a card-wide link: its accessible name
        return " ".join((anchor.get("aria-label") or anchor.get("title") or "").split()) or None, False
    titles = [line for line in lines if not _teaser(line)]
    if titles and max(len(line.split()) for line in titles) >= _MIN_TITLE_WORDS:
        lines = titles
    return _longest(lines), True


def _title_line(lines: list[str]) -> str:
    """A heading's title: its longest line that is no date when it reads as a title and no other
    line is as long (a kicker or badge set apart in it, "CRIME", "Video", is left out), else all
    its lines."""
    titles = [line for line in lines if not _DATE_LINE.match(line)]
    longest = _longest(titles)
    words = len(longest.split())
    if words < _MIN_TITLE_WORDS or sum(len(line.split()) == words for line in titles) > 1:
        return " ".join(lines)  # no line stands out as the title
    return longest


def _longest(lines: list[str]) -> str:
    """The line with the most words (of equals the first); a line ending with a colon only when no
    other is left (a kicker: "Abwehr soll Prunkstück werden:")."""
    titles = [line for line in lines if not line.endswith(":")] or lines
    return max(titles, key=lambda line: len(line.split()), default="")


def _teaser(line: str) -> bool:
    """A sentence of a teaser blurb: long and ending like a sentence (titles seldom do)."""
    return len(line.split()) > _MAX_TITLE_WORDS and line.rstrip().endswith((".", "…", "...", "!"))
