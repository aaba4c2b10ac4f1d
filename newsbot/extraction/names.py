"""Names of people as a reader sees them once: bylines whose markup holds a name twice.

A byline link often carries its name twice: a visible copy and one for screen readers or a
tooltip, so its raw text reads "Ali TopchiAli Topchi". The name is the text once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

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


_SEPARATOR = re.compile(r"\s*(?:[,;&/]|\s[|–—-]\s|\s(?:and|und|og|och|et|y|e|i|en|ve|und|a)\s)\s*", re.IGNORECASE)
_ASIDE = re.compile(r"\s*\([^)]*\)")
# co-authors in an aside: "A (avec B et C)", "A (with B)": names, not an aside to drop
_WITH_ASIDE = re.compile(r"\s*\(\s*(?:with|avec|mit|con|com|met|med)\s+([^()]{3,120})\)", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"@|^https?:", re.IGNORECASE)
MAX_NAME_WORDS = 5


def _aside_names(match: re.Match[str]) -> str:
    """A "(with B and C)" aside as more names (", B and C"); one that opens with no name
    ("(with reporting from B)") is left for the aside rule to drop."""
    names = match.group(1)
    return f", {names}" if names[:1].isupper() else match.group(0)


def split_names(text: str) -> list[str]:
    """The names in one credit string ("A and B", "A, B und C, dpa", "A | Site"), co-authors in an aside
    read ("A (avec B et C)"), other asides in parentheses dropped ("Jane Doe (jd)"), and what is
    no name left out: e-mail and web addresses, a job description (more than ``MAX_NAME_WORDS``
    words). A publisher's name stays (some sites credit themselves)."""
    names = []
    text = _WITH_ASIDE.sub(_aside_names, text)
    for part in _SEPARATOR.split(_ASIDE.sub("", text)):
        part = part.strip(" .-–—|:")
        if part and not _NOT_A_NAME.search(part) and len(part.split()) <= MAX_NAME_WORDS:
            names.append(part)
    return names


def unique_authors(authors: Iterable[Author]) -> list[Author]:
    """``authors`` with each name once (case and spacing ignored), its first URL kept; a credit
    naming several people is split (:func:`split_names`)."""
    found: dict[str, Author] = {}
    people = [Author(name=name, url=a.url) for a in authors for name in split_names(once(a.name))]
    for author in people:
        name = author.name
        key = name.casefold()
        if not key:
            continue
        if key not in found:
            found[key] = Author(name=name, url=author.url)
        elif found[key].url is None and author.url:
            found[key] = Author(name=found[key].name, url=author.url)
    return list(found.values())


# the parts of an author page's address a candidate byline link's href holds (case as written)
_AUTHOR_HREF = re.compile(
    "/aut|/writer|/User/|/journalist|/yazar|/redakteur|/reporter|/penulis|/wartawan|/periodista|/jornalista"
    "|/giornalist|/redaktor|/toimittaja|/novinar|/muhabir|/columnist|/kolumnist|/skribent|/forfatter|/tac-gia"
)


def _candidate_links(root: etree._Element) -> list[etree._Element]:
    """The links of ``root`` that may be byline links, in document order: a ``rel`` attribute, or
    an ``href`` with a part of an author page's address (``_AUTHOR_HREF``). Read in Python: an
    XPath predicate of ``contains()`` tests on every link cost libxml2 more. Nothing is cached."""
    found = []
    for anchor in root.iter("a"):
        if anchor.get("rel") is not None:
            found.append(anchor)
            continue
        href = anchor.get("href")
        if href is not None and _AUTHOR_HREF.search(href):
            found.append(anchor)
    return found


_NOT_BYLINE = frozenset({"nav", "footer", "aside", "menu"})
# an author page: the author word, then one path segment naming the person (no index page)
_AUTHOR_PAGE = re.compile(
    r"/(?:(?i:authors?|autor|autoren|autori|auteurs?|autore|writers?|journalist(?:s|e|es|en|a|as)?|yazar|yazarlar"
    r"|redakteure?|reporters?|penulis|wartawan|periodistas?|jornalistas?|giornalist[ie]|redaktor(?:zy|ka)?"
    r"|toimittajat?|novinari?|muhabir|columnists?|kolumnist(?:en)?|skribent(?:er)?|forfattere?|tac-gia)|User)"
    r"/(?!index\b)[^/?#.]+[^/?#]*/?(?:[?#]|$)"
)
_BY = re.compile(r"^(?:by|von|par|por|di|da|av|door|af|przez|od|tarafından)\s+", re.IGNORECASE)
MAX_BYLINE_NAMES = 4


# a comment section's id or class, in several languages ("comentarios", "kommentare", "yorumlar", "komentarze"):
# "comment", "reply", "review" anywhere but in a state of the story's box ("has-comments", "comments-closed");
# the others opening a word ("noloaddisqus" marks a story's box)
COMMENT_MARKS = re.compile(
    r"(?<!has-)(?<!no-)(?:comment(?!ary)|reply|review)(?!s?[-_]?(?:open|closed|enabled|disabled|count|off|on)\b)"
    r"|(?:^|[\s_-])(?:koment|comentar|kommentar|commento|commenti|yorum|reaction|reactie|"
    r"discussion|binhluan|binh-luan|disqus_thread)",
    re.IGNORECASE,
)


def _in_furniture(element: etree._Element) -> bool:
    """True inside a menu or a comment section (``COMMENT_MARKS`` in its class or id), or inside a
    footer or aside of the page (an ``<article>``'s own footer or aside often holds its byline:
    that one is no furniture)."""
    node = element.getparent()
    while node is not None:
        if node.tag in ("nav", "menu"):
            return True
        marks = node.get("class") or node.get("id")
        if marks is not None and COMMENT_MARKS.search(marks):
            return True
        if node.tag in _NOT_BYLINE:
            return not any(ancestor.tag == "article" for ancestor in node.iterancestors())
        node = node.getparent()
    return False


# co-authors written after a byline link: "(avec A et B)", "(with A and B)", "(mit A)", "(con A y B)"
def co_authors(tail: str | None) -> list[str]:
    """The names of a "(with A and B)" aside right after a byline link, in several languages."""
    match = _WITH_ASIDE.match(tail or "")
    return split_names(match.group(1)) if match and match.group(1)[:1].isupper() else []


BYLINE_SPREAD = 4  # levels above the first byline link that hold the whole byline


def _one_byline(anchors: list[etree._Element]) -> list[etree._Element]:
    """The links of the first byline: those under the ``BYLINE_SPREAD``-th ancestor of the first
    link (the byline's box); author links further away sign other stories (teaser cards)."""
    if len(anchors) < 2:
        return anchors
    scope = anchors[0]
    for _ in range(BYLINE_SPREAD):
        parent = scope.getparent()
        if parent is None or scope.tag == "body":
            break
        scope = parent
    return [anchor for anchor in anchors if any(node is scope for node in anchor.iterancestors())]


def byline_authors(root: etree._Element, absolute: Callable[[str | None], str | None]) -> list[Author]:
    """The authors named by the first byline's links on a page (see ``ArticlePage.visible_authors``)."""
    by_rel: list[etree._Element] = []
    by_path: list[etree._Element] = []
    for anchor in _candidate_links(root):
        if "author" in (anchor.get("rel") or "").lower().split():
            by_rel.append(anchor)
        elif _AUTHOR_PAGE.search(anchor.get("href") or ""):
            by_path.append(anchor)
    for anchors in (by_rel, by_path):
        kept = _one_byline([anchor for anchor in anchors if not _in_furniture(anchor)])
        found = unique_authors(
            [Author(name=_BY.sub("", visible_name(anchor)), url=absolute(anchor.get("href"))) for anchor in kept]
            + [Author(name=name) for anchor in kept for name in co_authors(anchor.tail)]
        )
        if found:
            return found if len(found) <= MAX_BYLINE_NAMES else []
    return []
