"""Names of people as a reader sees them once: bylines whose markup holds a name twice.

A byline link often carries its name twice: a visible copy and one for screen readers or a
tooltip, so its raw text reads "Ali TopchiAli Topchi". The name is the text once.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from newsbot.items import Author


def once(text: str) -> str:
    """``text`` without an immediate repeat of itself ("A BA B" or "A B A B" -> "A B")."""
    text = " ".join(text.split())
    for glue in ("", " "):
        half = (len(text) - len(glue)) // 2
        if half > 0 and text[:half] == text[half + len(glue) :] and text[half : half + len(glue)] == glue:
            return text[:half]
    return text


def visible_name(element: etree._Element) -> str:
    """The name in a byline element, each distinct piece of its text once, in order.

    Pieces hidden from readers (``aria-hidden="true"``) are left out when another piece remains;
    a piece that repeats an earlier one (the screen-reader or tooltip copy) is dropped.
    """
    pieces: list[str] = []
    walker = etree.iterwalk(element, events=("start",))
    for _, node in walker:
        if node.get("aria-hidden") == "true":
            walker.skip_subtree()
            continue
        for text in (node.text, *(child.tail for child in node)):
            piece = " ".join((text or "").split())
            if piece:
                pieces.append(piece)
    if not pieces:
        return once("".join(element.itertext()))
    joined = " ".join(dict.fromkeys(pieces))
    return once(joined)


def unique_authors(authors: Iterable[Author]) -> list[Author]:
    """``authors`` with each name once (case and spacing ignored), its first URL kept."""
    found: dict[str, Author] = {}
    for author in authors:
        name = once(author.name)
        key = name.casefold()
        if not key:
            continue
        if key not in found:
            found[key] = Author(name=name, url=author.url)
        elif found[key].url is None and author.url:
            found[key] = Author(name=found[key].name, url=author.url)
    return list(found.values())
