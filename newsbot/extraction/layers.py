"""Choose between the body a page states in its structured data and the body read off the page.

JSON-LD ``articleBody`` is often right, but some sites put a teaser there, a copy with markup in
it, or another text; the visible body can be cut short (a paywall) or carry extra blocks. Neither
is trusted blindly: the two are compared by their words.
"""

from __future__ import annotations

import html
import re

from lxml import etree
from lxml import html as lxml_html

from newsbot.extraction.blocks import collect_blocks

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_ESCAPED_TAG = re.compile(r"&lt;/?[a-zA-Z][a-zA-Z0-9]*(?:\s.*?)?/?&gt;", re.DOTALL)
_WORD = re.compile(r"\w+")
MOSTLY = 0.9  # share of one text's words found in the other for "mostly inside"
LARGELY = 0.8  # ... for "largely inside"
TEASER = 0.3  # a structured body shorter than this share of the visible one is a teaser


def structured_text(raw: str | None) -> str | None:
    """The text of a structured body: entities decoded first, then markup read as markup.

    A body holding escaped markup (``&lt;p&gt;``) is unescaped once, so its tags are read as
    tags, not kept as literal text; a body holding markup is parsed, so ``<br>`` and ``<p>``
    become paragraph breaks and entities are decoded exactly once (after the tags are known).
    """
    if not raw:
        return None
    text = raw
    if "&" in text and _ESCAPED_TAG.search(text):
        text = html.unescape(text)
    if "<" not in text or not _TAG.search(text):
        return text.strip() or None
    try:
        fragment = lxml_html.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):
        return text.strip() or None
    lines = [line for block in collect_blocks(fragment).blocks for line in block.lines]
    return "\n\n".join(lines) or None


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _inside(part: set[str], whole: set[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def prefer_structured(structured: str, visible: str | None) -> bool:
    """True when the structured body is the better one.

    - no visible body: structured;
    - the visible body is mostly (``MOSTLY``) words of the structured one, which is half again as
      long: the page shows a part of the story (a paywall, lazy paragraphs): structured;
    - the structured body is largely (``LARGELY``) inside the visible one, which holds more than
      a tenth of words of its own, and is no teaser (``TEASER`` of the visible length at least):
      the page added blocks around the same story: structured;
    - otherwise (a teaser, another text, the same text): visible, which keeps its paragraphs.
    """
    if not visible:
        return True
    s_words, v_words = _words(structured), _words(visible)
    visible_in_structured = _inside(v_words, s_words)
    if len(structured) >= 1.5 * len(visible) and visible_in_structured >= MOSTLY:
        return True
    return (
        visible_in_structured < MOSTLY
        and len(structured) >= TEASER * len(visible)
        and _inside(s_words, v_words) >= LARGELY
    )
