"""The story of a page that shows it only from a script: the article's markup carried in Next.js
flight data (React Server Components), rendered into the page by the browser.

A Next.js page built on the App Router sends long strings of its data as text rows of the flight
payload (``<id>:T<length in UTF-8 bytes in hex>,<text>``); a site that renders its article body
from stored HTML sends that HTML as one such row and leaves the server-rendered page without the
text. When the page shows no story of its own (:data:`MAX_VISIBLE_CHARS`), the longest text row
holding paragraph markup is read as a page of its own by the same rules as the visible body
(:func:`newsbot.extraction.body.body_paragraphs`). No settings.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from newsbot.extraction.body import body_paragraphs

MAX_VISIBLE_CHARS = 400  # a visible body this short is no story: a script's story may stand in
MIN_SCRIPT_CHARS = 600  # the least text a script's story holds (longer than any visible fallback)
ROW_HEAD = re.compile(rb"[0-9a-f]*:(?:T([0-9a-f]{1,8}),)?")
PARAGRAPH_MARK = re.compile(r"<(p|h[2-6]|li|br)[\s/>]", re.IGNORECASE)


def text_rows(payload: str) -> list[str]:
    """The text rows of a flight payload (its long strings), in order. Rows follow each other: a
    text row holds exactly its length in UTF-8 bytes (no line end after it), any other row runs
    to the end of its line. So the payload is read row by row, as bytes."""
    if ":T" not in payload:
        return []
    data = payload.encode("utf-8", "surrogatepass")
    rows: list[str] = []
    pos, size = 0, len(data)
    while pos < size:
        head = ROW_HEAD.match(data, pos)
        if head is not None and head.group(1) is not None:
            end = head.end() + int(head.group(1), 16)
            rows.append(data[head.end() : end].decode("utf-8", "replace"))
            pos = end
            continue
        line_end = data.find(b"\n", pos)
        if line_end < 0:
            break
        pos = line_end + 1
    return rows


def script_paragraphs(payload: str) -> list[str]:
    """The story paragraphs of the longest text row of ``payload`` holding paragraph markup
    (``<p>``, ``<br>``, subheadings, list items), at least ``MIN_SCRIPT_CHARS`` of text; ``[]``
    when there is none."""
    best: list[str] = []
    best_chars = MIN_SCRIPT_CHARS - 1
    for row in sorted(text_rows(payload), key=len, reverse=True):
        if len(row) <= best_chars:
            break  # markup is longer than its text: no shorter row can hold more text
        if PARAGRAPH_MARK.search(row) is None:
            continue
        paragraphs = _paragraphs_of(row)
        chars = sum(len(paragraph) for paragraph in paragraphs)
        if chars > best_chars:
            best, best_chars = paragraphs, chars
    return best


def _paragraphs_of(markup: str) -> list[str]:
    try:
        fragment = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    return body_paragraphs(fragment)


def stands_in(story: str | None, visible: str | None) -> bool:
    """True when the visible body shows no story (missing, or shorter than ``MAX_VISIBLE_CHARS``)
    and ``story`` (a structured or a script's body; ``None``: not read yet) may stand in for it:
    at least ``MIN_SCRIPT_CHARS`` long and over twice the visible body."""
    shown = len(visible or "")
    if shown >= MAX_VISIBLE_CHARS:
        return False
    return story is None or len(story) >= max(MIN_SCRIPT_CHARS, 2 * shown + 1)
