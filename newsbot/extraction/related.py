"""Generic typed links: the "Related", "Most read", "You may also like", "More from..." blocks of any site.

Like the TRT World profile, blocks are found by the label a reader sees, never by class names.
A label is a short text (at most 60 characters) that reads, once lower-cased, its accents and
inner hyphens dropped and the punctuation around it stripped ("[Related:", "You may also like...",
"» Mehr aus Sachsen", "MAS LEIDAS"), as one of :data:`LABELS`; as one of them followed by what it
is about after a separator or a joining word ("Most read – Sverige", "Most read in Sport") or by a
word naming what the block holds ("Most popular stories", "Neueste Sportartikel"); starts with one
of :data:`LABEL_PREFIXES` ("More from <section>") or ends with one of :data:`LABEL_SUFFIXES`
("<Site> recommends") (:func:`label_kind`). The words and their kinds are data, in
:mod:`newsbot.extraction.link_labels` (kinds by purpose: related, recommended, explore; see there).

Where labels are not read: scripts, templates, navigation, the page's own ``<header>`` (one
inside an ``article``, ``section``, ``aside`` or ``main``, or a short one holding no navigation or
page title, is a block's header and is read), links
(except a heading's whole text, ``<h2><a href="/popular">Most popular</a></h2>``, and a tab that
opens no page, ``<a href="#">Related articles</a>``) and boxes hidden from readers (the
``hidden`` attribute, ``aria-hidden="true"``, an inline ``display:none`` or ``visibility:hidden``;
class names are not read, DESIGN.md). A label word followed by a number is a count
("Empfehlungen: 4"), not a label.

A label's box is the nearest element above it holding links other than the label's own. It is a
link block when those links reach stories of the same site
(:func:`newsbot.extraction.story_urls.story_url`), the box holds no other widget's title or label
(a box grown past an empty widget to the whole sidebar holds the other widgets' headings), no
more text than its kind allows, enough of its text in those links (a "Read more" inside a story
is not a block) and not mostly links to topics; when it is not, the block siblings right after
the label that are mostly links are (a label written among a story's paragraphs, its cards after
it). The search ends, with no block, at a box whose own links reach no story (a "TRENDING:" bar
of topic pages, a list of outside sources) or that holds an empty list (a widget the page fills
later): it never grows to the story or the sidebar around it. A ``<noscript>`` block is read: it
is the block the page's script draws. Labels side by side in a short bar with no story link are
tabs ("Related | Popular | Latest"): each gets the panel after the bar of the same rank, a lone
panel goes to the first tab (the open one), none when panels and tabs do not match otherwise.

Without a label, two blocks are typed ``related`` (:meth:`_Finder.lists_in_text`): a list written
between two paragraphs of the story whose every item is one story link, most of the item's text,
and an ``aside`` between two paragraphs, or closing the story's text, holding two stories or more
and nothing else; either may sit in page modules of its own between the story's paragraph modules,
and neither may carry a heading of its own (a widget whose purpose no label says).

A link's headline is the story's title, not a kicker, a badge or rank glued to it, a time stamp
or a teaser (:func:`newsbot.extraction.link_titles.shown_headline`); a title the link shows
replaces an image link's ``aria-label`` met first, unless it is that title cut short. No Scrapy,
no I/O, no settings: a parsel ``Selector`` and the page URL in, :class:`~newsbot.items.Link` out.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable

from lxml import etree
from parsel import Selector

from newsbot.cleaning import join_url, split_url
from newsbot.discovery.pages import bare_host
from newsbot.extraction import link_labels
from newsbot.extraction.body import element_text
from newsbot.extraction.link_titles import BLOCKS, HEADINGS, anchor_text, shown_headline, tag_of
from newsbot.extraction.story_urls import story_url
from newsbot.items import Link

_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_PUNCTUATION = " \t\r\n[](){}<>«»\"'“”‘’:;.,!?…|-–—›→•*#【】「」『』〔〕▶►"
#: A separator between a label and what it is about ("Most read – Sverige", "Mehr zum Thema: Bayern").
_SEPARATOR = re.compile(r"\s+[-–—|·•/]\s+|\s*[:|–—·•]\s*")
_HYPHENS = re.compile(r"(?<=\w)[-‐‑](?=\w)")  # "Top-Artikel", "peut-être": one spelling with or without


def _fold(text: str) -> str:
    """``text`` in the spelling labels are compared in, case kept: NFC, Turkish dotted İ as i, curly
    quotes straight, accents dropped ("À lire aussi" = "A lire aussi"), hyphens inside words as
    spaces, separators as `` | ``, whitespace collapsed, the punctuation around it dropped."""
    text = text.replace("İ", "i").replace("I\u0307", "i").translate(_QUOTES)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFD", text)
        text = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))
    text = _SEPARATOR.sub(" | ", _HYPHENS.sub(" ", text))
    return " ".join(_EDGES.sub("", text).split())


def label_key(text: str) -> str:
    """``text`` as looked up in :data:`LABELS`: :func:`_fold`, case-folded ("[Related:" -> "related",
    "MÁS LEÍDAS" -> "mas leidas", "Most read – Sverige" -> "most read | sverige")."""
    return _fold(text).casefold()


#: Label text (normalised, see :func:`label_key`) -> kind.
LABELS: dict[str, str] = {
    **{label_key(text): "explore" for text in link_labels.EXPLORE},
    **{label_key(text): "recommended" for text in link_labels.RECOMMENDED},
    **{label_key(text): "related" for text in link_labels.RELATED},
}
LABEL_PREFIXES = tuple((label_key(prefix) + " ", kind) for prefix, kind in link_labels.PREFIXES)
LABEL_SUFFIXES = tuple((" " + label_key(suffix), kind) for suffix, kind in link_labels.SUFFIXES)
_NOUNS = frozenset(label_key(word) for word in link_labels.NOUNS)
_COMPOUND_ENDS = tuple(label_key(end) for end in link_labels.COMPOUND_ENDS)
_QUALIFIER_WORDS = frozenset(link_labels.QUALIFIER_WORDS)
_PREFIXES_BY_WORD: dict[str, tuple[tuple[str, str], ...]] = {
    word: tuple(entry for entry in LABEL_PREFIXES if entry[0].split(" ", 1)[0] == word)
    for word in {prefix.split(" ", 1)[0] for prefix, _ in LABEL_PREFIXES}
}
_SUFFIXES_BY_WORD: dict[str, tuple[tuple[str, str], ...]] = {
    word: tuple(entry for entry in LABEL_SUFFIXES if entry[0].rsplit(" ", 1)[-1] == word)
    for word in {suffix.rsplit(" ", 1)[-1] for suffix, _ in LABEL_SUFFIXES}
}
_MAX_NAME_WORDS = 7  # "More about the federal debt and the economy"
_MAX_SITE_WORDS = 4  # "The Example Times recommends"
_MAX_QUALIFIER_WORDS = 4  # "Most read – Sverige", "Lo más leído en Sociedad"
_SENTENCE_END = re.compile(r"(?<![.…])\.\s*$")  # one full stop ends a sentence, not a label
#: The most text a box of each kind may hold (the story's own container holds more).
MAX_BOX_CHARS = {"related": 2000, "recommended": 4000, "explore": 8000}
#: The least share of a box's text its story links must hold (teaser blurbs beside them are fine).
MIN_LINK_SHARE = 0.15
_MAX_LISTINGS_PER_STORY = 4  # a story block's cards may link sections and an author beside the story
_CARD_SHARE = 0.5  # a card after a label written among paragraphs is mostly its link (a paragraph is not)
_SHORT_BOX = 600  # a box this short is a block whatever its share (image links, blurbs)
_MAX_LABEL_CHARS = 60
_MAX_CLIMB = 8
_STOP_TAGS = frozenset({"body", "html", "main"})
_SKIP_TAGS = frozenset({"script", "style", "template", "nav"})  # a <noscript> list is the block JS draws
_BLOCK_HOLDERS = frozenset({"article", "section", "aside", "main"})  # a <header> inside one is a block's
_MIN_TEASERS = 2  # a box of one teaser is a promotion as often as a related story
_ITEM_SHARE = 0.6  # an item of a list of stories is mostly its link
_MIN_ITEM_WORDS = 4  # and reads as a headline
_MIN_HEADLINE_CHARS = 20  # about four words
_MAX_MODULE_CHARS = 5000  # a module of a few paragraphs of story text, not the story's whole container
_STORY_PARAGRAPH = 150  # characters of a paragraph of story text (a teaser's is shorter)
_NUMBER = re.compile(r"^\d[\d.,\s]*$")
_FURNITURE = frozenset({"nav", "header", "footer"})
_MAX_BAR_CHARS = 160  # a bar of tabs holds their names and little else
_CONTROLS = frozenset({"toolbar", "menubar", "menu", "tablist"})  # ARIA roles of lists that hold no stories
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
#: Text nodes of the body short enough to be a label.
_SHORT_TEXTS = "//body//text()[string-length(normalize-space(.)) <= 60][normalize-space(.)]"
_TEXT_LENGTH = "string-length(normalize-space(.))"
_LONG_PARAGRAPHS = ".//p[string-length(normalize-space(.)) > 150]"  # of story text (_STORY_PARAGRAPH)


@functools.lru_cache(maxsize=8192)  # a site's menus and widgets repeat their texts on every page
def label_kind(text: str) -> str | None:
    """The kind of block the label ``text`` opens, or ``None`` when it is no label.

    A label is one of :data:`LABELS`; or one followed by what it is about, after a separator or a
    joining word, a name that does not start lower-case ("Most read – Sverige", "Most read in
    Sport", "Mehr zum Thema: Bayern"); or one followed by a word naming what the block holds
    ("Most popular stories", "Neueste Sportartikel"); or a prefix followed by a name ("More from
    Politics") or a site's name followed by a suffix ("Example Times recommends")."""
    if len(text) > _MAX_LABEL_CHARS:
        return None
    cased = _fold(text)
    key = cased.casefold()
    kind = LABELS.get(key)
    if kind is not None:
        return kind
    if _SENTENCE_END.search(text):  # "More from the harbour was expected." is story text
        return None
    kind = _qualified(key.split(" "), cased.split(" "))
    if kind is not None:
        return kind
    key = " ".join(key.replace("|", " ").split())
    words = key.split(" ")
    for prefix, prefix_kind in _PREFIXES_BY_WORD.get(words[0], ()):
        if key.startswith(prefix) and 0 < len(key[len(prefix) :].split()) <= _MAX_NAME_WORDS:
            return prefix_kind
    for suffix, suffix_kind in _SUFFIXES_BY_WORD.get(words[-1], ()):
        if key.endswith(suffix) and 0 < len(key[: -len(suffix)].split()) <= _MAX_SITE_WORDS:
            return suffix_kind
    return None


def _qualified(words: list[str], cased: list[str]) -> str | None:
    """The kind of a label of :data:`LABELS` written with a qualifier after it (see :func:`label_kind`):
    ``words`` the folded key's words, ``cased`` the same words with their case."""
    if len(words) != len(cased):  # a case-folding that split a word: no guess
        return None
    for at in range(1, len(words) - 1):
        if words[at] == "|" or words[at] in _QUALIFIER_WORDS:
            kind = LABELS.get(" ".join(words[:at]))
            rest = [word for word in words[at + 1 :] if word != "|"]
            if kind is not None and 0 < len(rest) <= _MAX_QUALIFIER_WORDS and not cased[at + 1][:1].islower():
                return kind
            if kind is not None:
                return None
    last = words[-1]
    kind = None
    if len(words) > 1 and last in _NOUNS:
        kind = LABELS.get(" ".join(words[:-1]))
    else:
        end = next((end for end in _COMPOUND_ENDS if last.endswith(end) and len(last) > len(end) + 2), None)
        if end is not None:
            kind = LABELS.get(" ".join([*words[:-1], end])) or LABELS.get(" ".join(words[:-1]))
    # "Read more stories" is a link to more of the site, not stories tied to this one
    return kind if kind != "related" else None


_HEAD = 3  # characters of a label's start compared by the cheap test
#: Common first words of labels ("The latest", "Lo más leído", "For you"): the cheap test reads the
#: next word too, or every text starting with "the" would be looked up.
_COMMON_FIRST = frozenset(
    {"the", "a", "for", "in", "on", "le", "la", "les", "el", "lo", "los", "las", "il", "i", "die", "der", "das",
     "de", "en", "o", "os", "as", "un", "une", "da", "do"}
)  # fmt: skip


def _heads() -> tuple[frozenset[str], frozenset[str]]:
    """The cheap test's keys: the first characters of every label and prefix (folded as
    :func:`label_key` does, and case-folded only: a text's accents are not dropped by the cheap
    test), and for labels starting with a common word, that word and the next one's first characters."""
    texts = [*link_labels.RELATED, *link_labels.RECOMMENDED, *link_labels.EXPLORE]
    texts += [prefix for prefix, _ in link_labels.PREFIXES]
    heads: set[str] = set()
    pairs: set[str] = set()
    for text in texts:
        for form in {label_key(text), " ".join(text.casefold().split())}:
            first, _, rest = form.partition(" ")
            if first in _COMMON_FIRST:
                pairs.add(f"{first} {rest[:_HEAD]}")
            else:
                heads.add(form[:_HEAD])
    return frozenset(heads), frozenset(pairs)


_HEADS, _PAIR_HEADS = _heads()  # (a cheap test before normalising)
_LAST_WORDS = frozenset(_SUFFIXES_BY_WORD)


def _maybe_label(text: str) -> bool:
    """A cheap first test: does ``text`` start or end like a label?"""
    core = text.strip(_PUNCTUATION)
    if core and not core[0].isalnum():  # another mark before it ("■関連記事")
        core = _EDGES.sub("", core)
    if not core:
        return False
    head = core[:_HEAD].replace("İ", "i").casefold()
    if head.split(" ", 1)[0] in _COMMON_FIRST:  # "The latest", "Lo más leído"; not "Thermal"
        first, _, rest = core.partition(" ")
        first = first.casefold()
        if first in _COMMON_FIRST and f"{first} {rest.lstrip()[:_HEAD].casefold()}" in _PAIR_HEADS:
            return True
        if first not in _COMMON_FIRST and head in _HEADS:
            return True
    elif head in _HEADS:
        return True
    return core.rsplit(None, 1)[-1].casefold() in _LAST_WORDS


def _text_length_up_to(element: etree._Element, limit: int) -> int:
    """The length of ``element``'s visible text (whitespace collapsed), counted only until it
    passes ``limit`` (a big container is not read to its end)."""
    total = 0
    for chunk in element.itertext():
        words = chunk.split()
        if words:
            total += len(" ".join(words)) + (1 if total else 0)
            if total > limit:
                return total
    return total


def _stripped_length_up_to(element: etree._Element, limit: int) -> int:
    """A cheaper measure than :func:`_text_length_up_to` for small limits: the length of
    ``element``'s text pieces without the whitespace around each, counted until it passes ``limit``."""
    total = 0
    for chunk in element.itertext():
        total += len(chunk.strip())
        if total > limit:
            break
    return total


def _short_text(element: etree._Element, limit: int = 24) -> str:
    """``element``'s visible text when it is short, else its first ``limit`` characters and more."""
    words: list[str] = []
    for chunk in element.itertext():
        words += chunk.split()
        if sum(map(len, words)) > limit:
            break
    return " ".join(words)


def _counter(holder: etree._Element) -> bool:
    """True when the text right after a label's element is a number: a count ("Empfehlungen: 4",
    "Kommentare: 12"), not a block's label."""
    node: etree._Element | None = holder
    for _ in range(3):
        if node is None:
            return False
        after = (node.tail or "").strip()
        for sibling in node.itersiblings() if not after else ():
            after = _short_text(sibling) if isinstance(sibling.tag, str) else ""
            after = after or (sibling.tail or "").strip()  # a comment's or an element's tail
            if after:
                break
        if after:
            return bool(_NUMBER.match(after))
        node = node.getparent()
    return False


def _control(link: etree._Element) -> bool:
    """True for a link that opens no page: a tab or a toggle (``href="#..."``, ``javascript:``)."""
    href = link.get("href")
    return href is not None and (href.strip().startswith("#") or href.strip().lower().startswith("javascript:"))


def _hidden(element: etree._Element) -> bool:
    return (
        element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
    )


def _page_header(header: etree._Element) -> bool:
    """True for a ``<header>`` that is the page's (set right in ``<body>``, or its banner: navigation,
    the page's title, a form, a long text), not a block's short header holding its label
    ("<div><header><h2>Related</h2></header>...")."""
    parent = header.getparent()
    return (
        (parent is not None and tag_of(parent) == "body")
        or header.get("role") == "banner"
        or next(header.iter("nav", "h1", "form", "input"), None) is not None
        or _text_length_up_to(header, _MAX_BAR_CHARS) > _MAX_BAR_CHARS
    )


def _story_text(element: etree._Element) -> bool:
    """True for a paragraph of story text (longer than a teaser's), or a module of them: an element
    (no page furniture) of a few paragraphs, its long paragraphs half its text or more."""
    tag = tag_of(element)
    if tag in _FURNITURE or tag == "aside":
        return False
    total = element.xpath(_TEXT_LENGTH)
    if not isinstance(total, float) or total <= _STORY_PARAGRAPH:
        return False
    if tag == "p":
        return True
    if total > _MAX_MODULE_CHARS:
        return False  # the story's whole container, a column of widgets
    lengths = element.xpath(_LONG_PARAGRAPHS)
    long = sum(p.xpath(_TEXT_LENGTH) for p in lengths) if isinstance(lengths, list) else 0
    return long > 0 and 2 * long >= total


class _Finder:
    """One page's typed links; every walk over the tree is made once."""

    def __init__(self, root: etree._Element, page_url: str) -> None:
        self.root = root
        self.page_url = page_url
        parts = split_url(page_url)
        self.host = bare_host(parts.netloc) if parts is not None else ""
        self.page = self._plain(page_url)
        self.hrefs: dict[str, str | None] = {}
        self.label_nodes: set[etree._Element] = set()  # the elements holding a label (see labels())
        self.label_tags: set[str] = set()

    @staticmethod
    def _plain(url: str) -> str:
        return url.split("#", 1)[0].rstrip("/")

    def article_url(self, href: str | None) -> str | None:
        """The absolute URL of ``href`` when it is a story of the page's site (:func:`story_url`)."""
        if not href:
            return None
        if href not in self.hrefs:
            url = join_url(self.page_url, href)
            parts = split_url(url) if url else None
            ok = (
                url is not None
                and parts is not None
                and parts.scheme in ("http", "https")
                and bare_host(parts.netloc) == self.host
                and self._plain(url) != self.page
                and story_url(url)
            )
            self.hrefs[href] = url.split("#", 1)[0] if ok and url else None
        return self.hrefs[href]

    def listing(self, href: str | None) -> bool:
        """True when ``href`` is a page of the site that is no story (a topic, tag or section)."""
        if not href or self.article_url(href):
            return False
        parts = split_url(join_url(self.page_url, href) or "")
        return parts is not None and parts.scheme in ("http", "https") and bare_host(parts.netloc) == self.host

    def labels(self) -> list[tuple[str, etree._Element, etree._Element | None]]:
        """``(kind, element holding the label text, the link that is the label or None)`` in page order.

        The short texts of the body are picked by one XPath query (lxml's C code, not a Python
        walk over every element); only the few that read as a label have their ancestors checked.
        """
        found: list[tuple[str, etree._Element, etree._Element | None]] = []
        texts = self.root.xpath(_SHORT_TEXTS)
        for text in texts if isinstance(texts, list) else []:
            stripped = str(text).strip()
            if not _maybe_label(stripped):
                continue
            kind = label_kind(stripped)
            if kind is None:
                continue
            holder = text.getparent()
            if holder is not None and text.is_tail:
                holder = holder.getparent()
            if holder is None:
                continue
            readable, link = self._readable(holder, stripped)
            if readable and not _counter(holder):
                found.append((kind, holder if link is None else link, link))
        return found

    @staticmethod
    def _readable(element: etree._Element, text: str) -> tuple[bool, etree._Element | None]:
        """Whether a label in ``element`` is one a reader sees (see the module docstring), and the
        link it is the whole text of, if any."""
        link: etree._Element | None = None
        header = False
        node: etree._Element | None = element
        while node is not None:
            tag = tag_of(node)
            if tag in _SKIP_TAGS or _hidden(node):
                return False, None
            if tag == "a":
                if link is not None:
                    return False, None
                link = node
            elif tag == "header":
                header = header or _page_header(node)
            elif tag in _BLOCK_HOLDERS:
                header = False
            node = node.getparent()
        if header:
            return False, None
        if link is None:
            return True, None
        words = " ".join(text.split())
        if anchor_text(link) != words:
            return False, None
        if _control(link):  # a tab or a toggle ("RELATED ARTICLES | MORE FROM AUTHOR"), not a page
            return True, link
        heading = next((up for up in link.iterancestors(*HEADINGS)), None)
        if heading is None or anchor_text(heading) != words:
            return False, None
        return True, link

    def box_of(self, holder: etree._Element, kind: str, label_link: etree._Element | None) -> list[etree._Element]:
        """The elements of the link block a label opens (see the module docstring); none when the
        label opens no block."""
        node: etree._Element = holder
        for depth in range(1, _MAX_CLIMB + 1):  # depth: of the label below ``parent``
            parent = node.getparent()
            if parent is None or tag_of(parent) in _STOP_TAGS:
                return []
            if depth == 1 and self._links_block(holder, kind, label_link, 0):  # the label holds its links
                return [holder]
            others = 0
            for anchor in parent.iter("a"):
                if anchor is label_link or not anchor.get("href"):
                    continue
                if self.article_url(anchor.get("href")):
                    if self._links_block(parent, kind, label_link, depth, holder):
                        return [parent]
                    return self._run_after(node, kind)
                others += 1
            if others >= 2:
                return []  # the block's own links reach no story: it never grows past them
            if any(not len(empty) and empty.get("role") not in _CONTROLS for empty in parent.iter("ul", "ol")):
                return []  # an empty list: a widget the page fills later, never grown to the sidebar
            node = parent
        return []

    def _links_block(
        self,
        box: etree._Element,
        kind: str,
        label_link: etree._Element | None,
        depth: int,
        holder: etree._Element | None = None,
        share: float = 0.0,
    ) -> bool:
        """True when ``box`` is a block of story links of ``kind`` (size, share, no other widget)."""
        text = _text_length_up_to(box, MAX_BOX_CHARS[kind])
        if text > MAX_BOX_CHARS[kind]:
            return False
        anchors = [a for a in box.iter("a") if a is not label_link and a.get("href")]
        stories = [a for a in anchors if self.article_url(a.get("href"))]
        if not stories or (holder is not None and self._holds_other_heading(box, holder, depth)):
            return False
        listings = sum(1 for a in anchors if self.listing(a.get("href")))
        if listings > _MAX_LISTINGS_PER_STORY * len(stories):
            return False  # a box of topics, tags or sections with a stray story link
        if any(
            other is not holder and other is not box
            for other in box.iter(*self.label_tags)
            if other in self.label_nodes
        ):
            return False  # another label's block too: tabs of one widget, or a column of widgets
        linked = sum(len(element_text(anchor)) for anchor in stories)
        return (text <= _SHORT_BOX and linked >= share * text) or linked >= max(share, MIN_LINK_SHARE) * text

    def _run_after(self, label: etree._Element, kind: str) -> list[etree._Element]:
        """The block siblings after ``label`` that hold story links, up to the next heading or text
        without one (a label written among a story's paragraphs, its cards after it; a link
        written straight into the story's text is no card)."""
        run: list[etree._Element] = []
        for sibling in label.itersiblings():
            if not isinstance(sibling.tag, str) or tag_of(sibling) in _SKIP_TAGS:
                continue
            if any(not any(True for _ in h.iter("a")) for h in sibling.iter(*HEADINGS)) and not any(
                tag_of(up) == "a" for h in sibling.iter(*HEADINGS) for up in h.iterancestors()
            ):
                break  # the next widget's title (a heading with no link in or around it)
            if tag_of(sibling) in BLOCKS and self._links_block(sibling, kind, None, 0, share=_CARD_SHARE):
                run.append(sibling)
            elif _text_length_up_to(sibling, 0) or any(True for _ in sibling.iter("a")):
                break
        return run

    @staticmethod
    def _holds_other_heading(box: etree._Element, holder: etree._Element, depth: int) -> bool:
        """True when ``box`` holds, no deeper than the label, a heading with no link in or around
        it that is not the label's: the title of another widget (the box grew past its own)."""
        label_side = {holder, *holder.iterancestors(), *holder.iterdescendants()}
        for heading in box.iter(*HEADINGS):
            if heading in label_side or any(True for _ in heading.iter("a")) or not element_text(heading):
                continue
            level = 0
            for up in heading.iterancestors():
                if up is box:
                    break
                if tag_of(up) == "a":
                    level = depth + 1
                    break
                level += 1
            if level + 1 <= depth:
                return True
        return False

    def tab_panels(self, labels: list[tuple[str, etree._Element]]) -> dict[etree._Element, list[etree._Element]]:
        """The panel of each label that is a tab: labels side by side in a short bar with no story
        link ("Related | Popular | Latest"), their panels the blocks after the bar holding story
        links, in the same order, each a link block of its tab's kind. A bar whose panels do not
        match its tabs gives no panel to any of them (no guess)."""
        panels: dict[etree._Element, list[etree._Element]] = {}
        placed = {holder for _, holder in labels}
        for _, holder in labels:
            if holder in panels:
                continue
            bar = self._tab_bar(holder, placed)
            if bar is None:
                continue
            tabs = [(kind, other) for kind, other in labels if bar in other.iterancestors()]
            found = self._panels_after(bar, len(tabs))
            fits = len(found) in (1, len(tabs))  # one panel: the open tab's, the first
            for n, (kind, tab) in enumerate(tabs):
                panel = found[n] if fits and n < len(found) else None
                good = panel is not None and tag_of(panel) not in _FURNITURE and self._links_block(panel, kind, None, 0)
                panels[tab] = [panel] if good and panel is not None else []
        return panels

    def _tab_bar(self, holder: etree._Element, holders: set[etree._Element]) -> etree._Element | None:
        """The bar of tabs ``holder`` sits in: its nearest ancestor (3 levels up at most) holding
        another label, of another name (two copies of one label are one widget drawn twice, for
        small and large screens), and no story link; ``None`` when it is no tab."""
        node = holder
        name = label_key(element_text(holder))
        for _ in range(3):
            node = node.getparent()
            if node is None or tag_of(node) in _STOP_TAGS:
                return None
            others = [other for other in node.iter(*self.label_tags) if other is not holder and other in holders]
            if others and all(label_key(element_text(other)) == name for other in others):
                return None
            if others:
                if _text_length_up_to(node, _MAX_BAR_CHARS) > _MAX_BAR_CHARS:
                    return None  # labels of two widgets, not one bar of tabs
                has_story = any(self.article_url(anchor.get("href")) for anchor in node.iter("a"))
                return None if has_story else node
        return None

    def _panels_after(self, bar: etree._Element, count: int) -> list[etree._Element]:
        """The first ``count`` blocks after ``bar`` (or after its parent) that hold story links."""
        for start in (bar, bar.getparent()):
            if start is None:
                return []
            found = [
                sibling
                for sibling in start.itersiblings()
                if isinstance(sibling.tag, str)
                and any(self.article_url(anchor.get("href")) for anchor in sibling.iter("a"))
            ][:count]
            if found:
                return found
        return []

    def lists_in_text(self) -> list[etree._Element]:
        """Unlabelled lists of related stories written into the story: a list between two
        paragraphs of story text (both longer than a teaser) whose every item is one story link
        that is most of the item's text, a headline of a few words; an ``aside`` of two story
        teasers or more between two paragraphs, or closing the story's text. Either may sit in
        modules of its own (wrappers holding nothing else but a short label) set between the
        story's paragraph modules. A list closing the story is not taken (bench/RESULTS.md: most
        of those are other widgets), nor one of section links, outside sources or facts with a
        link inside them, nor a block holding a label (typed by its label)."""
        found = []
        for story_list in self.root.iter("ul", "ol"):
            items = [item for item in story_list if tag_of(item) == "li"]
            if len(items) < 2 or next(items[0].iter("a"), None) is None:
                continue
            between = self._between_paragraphs(story_list)  # menus have no paragraphs around
            if not between and (
                _stripped_length_up_to(items[0], _MIN_HEADLINE_CHARS) < _MIN_HEADLINE_CHARS  # a menu's short name
                or any(tag_of(up) in _FURNITURE for up in story_list.iterancestors())
                or not self._in_text(self._module_of(story_list), closing=False)
            ):
                continue
            if all(self._story_item(item) for item in items) and not _hidden(story_list):
                found.append(story_list)
        for box in self.root.iter("aside"):  # a box of story teasers set among or after the paragraphs
            if _hidden(box) or sum(1 for _ in itertools.islice(box.iter("a"), _MIN_TEASERS)) < _MIN_TEASERS:
                continue  # hidden, or fewer links than two teasers
            in_text = self._between_paragraphs(box) or self._in_text(self._module_of(box), closing=True)
            if in_text and self._teaser_box(box):
                found.append(box)
        return [block for block in found if not self._titled(block)]

    def _titled(self, block: etree._Element) -> bool:
        """True when ``block``'s module holds a label (the block is typed by it) or a heading of its
        own outside its links: a widget's title, whose purpose no label says ("More Trending")."""
        module = self._module_of(block)
        if any(label in self.label_nodes for label in module.iter(*self.label_tags)):
            return True
        return any(
            not any(tag_of(up) == "a" for up in heading.iterancestors()) and _text_length_up_to(heading, 0)
            for heading in module.iter(*HEADINGS)
        )

    @staticmethod
    def _module_of(block: etree._Element) -> etree._Element:
        """The outermost wrapper of ``block`` holding nothing else but a short label (a page module)."""
        node = block
        extra = 0  # the wrapper's text outside ``block``
        for _ in range(_MAX_CLIMB):
            parent = node.getparent()
            if parent is None or tag_of(parent) in _STOP_TAGS:
                break
            extra += len((parent.text or "").strip()) + sum(len((child.tail or "").strip()) for child in parent)
            for sibling in parent:
                if extra > _MAX_LABEL_CHARS:
                    break
                if sibling is not node and isinstance(sibling.tag, str) and tag_of(sibling) not in _SKIP_TAGS:
                    extra += _stripped_length_up_to(sibling, _MAX_LABEL_CHARS)
            if extra > _MAX_LABEL_CHARS:
                break
            node = parent
        return node

    @staticmethod
    def _in_text(module: etree._Element, closing: bool) -> bool:
        """True when the nearest sibling with text before ``module`` is story text (:func:`_story_text`),
        and so is the nearest one after it, or (``closing``, for an ``aside``) the one before is a
        paragraph itself and nothing after it is story text: the block closes the story's text."""

        def nearest(siblings: Iterable[etree._Element]) -> etree._Element | None:
            return next(
                (
                    sib
                    for sib in siblings
                    if isinstance(sib.tag, str) and tag_of(sib) not in _SKIP_TAGS and _text_length_up_to(sib, 0)
                ),
                None,
            )

        before = nearest(module.itersiblings(preceding=True))
        if before is None or not _story_text(before):
            return False
        after = nearest(module.itersiblings())
        if after is not None and _story_text(after):
            return True
        return (
            closing
            and tag_of(before) == "p"
            and not any(_story_text(sib) for sib in module.itersiblings() if isinstance(sib.tag, str))
        )

    def _teaser_box(self, box: etree._Element) -> bool:
        """Two stories or more, most of the box's text in their links, no other link."""
        anchors = [anchor for anchor in box.iter("a") if anchor.get("href")]
        stories = {self.article_url(anchor.get("href")) for anchor in anchors}
        if None in stories or len(stories) < _MIN_TEASERS:
            return False
        text = _text_length_up_to(box, MAX_BOX_CHARS["related"])
        linked = sum(len(element_text(anchor)) for anchor in anchors)
        return text <= MAX_BOX_CHARS["related"] and linked >= _CARD_SHARE * text

    def _story_item(self, item: etree._Element) -> bool:
        anchors = [anchor for anchor in item.iter("a") if self.article_url(anchor.get("href"))]
        if len({self.article_url(anchor.get("href")) for anchor in anchors}) != 1:
            return False
        text = element_text(item)
        linked = sum(len(element_text(anchor)) for anchor in anchors)
        return linked >= _ITEM_SHARE * len(text) and len(text.split()) >= _MIN_ITEM_WORDS

    @staticmethod
    def _between_paragraphs(story_list: etree._Element) -> bool:
        def story_text(siblings: Iterable[etree._Element]) -> bool:
            return any(p.tag == "p" and sum(len(t) for t in p.itertext()) > _STORY_PARAGRAPH for p in siblings)

        return story_text(story_list.itersiblings(preceding=True)) and story_text(story_list.itersiblings())

    def links(self) -> list[Link]:
        links: list[Link] = []
        index: dict[tuple[str, str], int] = {}
        boxes: set[etree._Element] = set()
        unshown: set[int] = set()  # links whose headline is an attribute's (an image link's aria-label)
        labels = self.labels()
        self.label_nodes = {holder for _, holder, _ in labels}
        self.label_tags = {holder.tag for holder in self.label_nodes if isinstance(holder.tag, str)}
        panels = self.tab_panels([(kind, holder) for kind, holder, _ in labels])
        typed = [(kind, holder, label_link) for kind, holder, label_link in labels]
        typed += [("related", story_list, None) for story_list in self.lists_in_text()]
        for kind, holder, label_link in typed:
            if label_link is None and holder not in self.label_nodes:
                found = [holder] if not any(box in holder.iterancestors() for box in boxes) else []
            else:
                found = panels[holder] if holder in panels else self.box_of(holder, kind, label_link)
            box = [element for element in found if element not in boxes]
            boxes.update(box)
            for anchor in (anchor for element in box for anchor in element.iter("a")):
                if anchor is label_link:
                    continue
                url = self.article_url(anchor.get("href"))
                if url is None:
                    continue
                headline, shown = shown_headline(anchor)
                if headline and label_kind(headline) is not None:  # "Read more" on the link itself
                    headline = None
                at = index.get((url, kind))
                if at is None:
                    index[(url, kind)] = len(links)
                    links.append(Link(url=url, headline=headline, kind=kind))
                    if not shown:
                        unshown.add(at := len(links) - 1)
                elif headline and shown and (_fuller(links[at].headline, headline, at in unshown)):
                    links[at].headline = headline  # an image link's accessible name, or a kicker, first
                    unshown.discard(at)
        return links


def _fuller(old: str | None, new: str, old_unshown: bool) -> bool:
    """True when ``new``, a title a link shows, should replace ``old`` as its headline: none yet,
    a kicker-short one, or an attribute's (an image link's ``aria-label`` first) unless ``new`` is
    that title cut short ("Glanz und Motorensound nach...")."""
    if old is None or (len(old.split()) <= 3 and len(new.split()) > len(old.split())):
        return True
    cut = new.rstrip(".… ")
    return old_unshown and not (cut != new and old.startswith(cut))


def typed_links(selector: Selector, page_url: str) -> list[Link]:
    """The story links of every labelled block of the page, typed, in page order; each
    ``(url, kind)`` once. Never raises on a malformed page (no labels: no links)."""
    return _Finder(selector.root, page_url).links()
