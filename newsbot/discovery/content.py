"""Is a page an article by what it shows: one block of real paragraphs, a headline, a date or a byline.

For pages that say nothing in structured data (no JSON-LD article, no ``og:type=article``: many
WordPress posts and small sites) and whose URL has no learnt shape. :func:`content_score` reads
the page once and gives a score from 0 to 1:

- **text** (up to 0.5): the page's main block, the element whose ``<p>`` children (or children
  wrapping one ``<p>`` each) hold the most text of *real paragraphs* (at least
  :data:`MIN_PARAGRAPH_CHARS` characters, at most a third of it link text, outside ``nav``,
  ``header``, ``footer``, ``aside`` and ``form``); full marks from :data:`FULL_PARAGRAPHS`
  paragraphs and :data:`FULL_TEXT_CHARS` characters. A block whose paragraphs alternate with
  linked headings (teasers of a listing, a tag or a category page) scores nothing;
- **headline** (0.2): the item's headline;
- **date or byline** (0.3): a publication date, an author, or a date in the URL's path.

A story of three real paragraphs with a headline and a date scores 1.0; a contact or an about
page (a few paragraphs, no date, no byline) at most 0.7; a listing or a gallery at most 0.5.
The spider compares the score with ``NEWSBOT_ARTICLE_MIN_SCORE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

from newsbot.discovery.patterns import date_path

MIN_PARAGRAPH_CHARS = 80
FULL_PARAGRAPHS = 3
FULL_TEXT_CHARS = 800
_MAX_LINK_SHARE = 1 / 3
_FURNITURE = frozenset({"nav", "header", "footer", "aside", "form"})
_HEADINGS = ("h2", "h3", "h4")
_MAX_PARAGRAPHS = 2000  # a page of more <p> is read no further


@dataclass(frozen=True)
class ContentScore:
    """The score of a page (see the module docstring) and what made it."""

    score: float
    paragraphs: int
    chars: int
    listing: bool
    headline: bool
    dated: bool

    def describe(self) -> str:
        """One line for a log or a drop reason: ``score 0.45 (2 paragraphs, 510 chars, headline, no date/byline)``."""
        parts = [f"{self.paragraphs} paragraphs", f"{self.chars} chars"]
        if self.listing:
            parts.append("a list of teasers")
        parts.append("headline" if self.headline else "no headline")
        parts.append("date/byline" if self.dated else "no date/byline")
        return f"score {self.score:.2f} ({', '.join(parts)})"


def _in_furniture(element: Any) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag in _FURNITURE:
            return True
        parent = parent.getparent()
    return False


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _link_chars(element: Any) -> int:
    return sum(len(_text(link)) for link in element.iter("a"))


def _linked_headings(block: Any) -> int:
    return sum(1 for tag in _HEADINGS for heading in block.iter(tag) if next(heading.iter("a"), None) is not None)


def _blocks(root: Any) -> dict[Any, list[str]]:
    """Real paragraphs grouped by the element holding them (see the module docstring)."""
    blocks: dict[Any, list[str]] = {}
    for n, paragraph in enumerate(root.iter("p")):
        if n >= _MAX_PARAGRAPHS:
            break
        text = _text(paragraph)
        if len(text) < MIN_PARAGRAPH_CHARS or _link_chars(paragraph) > _MAX_LINK_SHARE * len(text):
            continue
        parent = paragraph.getparent()
        if parent is not None and len(parent) == 1 and parent.getparent() is not None:
            parent = parent.getparent()  # one <p> wrapped in its own <div>: the wrappers' parent is the block
        if parent is None or _in_furniture(paragraph):
            continue
        blocks.setdefault(parent, []).append(text)
    return blocks


def main_block(root: Any) -> tuple[Any | None, list[str]]:
    """The element whose ``<p>`` children hold the most real-paragraph text, and those paragraphs."""
    blocks = _blocks(root)
    if not blocks:
        return None, []
    block = max(blocks, key=lambda element: sum(len(text) for text in blocks[element]))
    return block, blocks[block]


def _teasers(blocks: dict[Any, list[str]]) -> tuple[int, int]:
    """Real paragraphs that stand alone beside a linked heading (a teaser card), and the others."""
    teasers = others = 0
    for block, texts in blocks.items():
        if len(texts) == 1 and _linked_headings(block):
            teasers += 1
        else:
            others += len(texts)
    return teasers, others


def content_score(root: Any, url: str, headline: str | None, dated: bool, body: str | None = None) -> ContentScore:
    """The score of the page ``root`` (an lxml element) fetched from ``url``; ``headline``, ``dated``
    (a publication date or an author was found) and ``body`` (paragraphs split by blank lines) come
    from the extracted item. The real paragraphs counted are those of the main block or of the
    body, whichever has more text (the extractor reads text outside ``<p>`` too)."""
    blocks = _blocks(root) if isinstance(root, etree._Element) else {}
    block = max(blocks, key=lambda element: sum(len(text) for text in blocks[element])) if blocks else None
    paragraphs = blocks[block] if block is not None else []
    # teasers: a linked heading for every paragraph of the main block, or cards of one paragraph each
    teasers, others = _teasers(blocks)
    listing = (block is not None and _linked_headings(block) >= max(3, len(paragraphs))) or teasers >= max(3, others)
    from_body = [text for text in (body or "").split("\n\n") if len(text) >= MIN_PARAGRAPH_CHARS]
    if sum(map(len, from_body)) > sum(map(len, paragraphs)):
        paragraphs = from_body
    chars = sum(len(text) for text in paragraphs)
    text = 0.0 if listing else min(1.0, len(paragraphs) / FULL_PARAGRAPHS) * min(1.0, chars / FULL_TEXT_CHARS)
    dated = dated or date_path(url)
    score = round(0.5 * text + (0.2 if headline else 0.0) + (0.3 if dated else 0.0), 2)
    return ContentScore(score, len(paragraphs), chars, listing, bool(headline), dated)
