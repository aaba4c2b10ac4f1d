"""Generic typed links: the "Related", "Read more", "You may also like", "Most read"... blocks of any site.

Like the TRT World profile, blocks are found by the label a reader sees, never by class names.
A label is a short text (at most 60 characters, not inside a link) that reads, once lower-cased
and stripped of a trailing ``:``, ``›`` or ``»``, as one of :data:`LABELS`, or starts with one of
:data:`LABEL_PREFIXES` ("More on <topic>", "Mehr zum Thema <Thema>"). Its box is the nearest
element above the label that holds links to articles of the same site; a box holding more text
than its kind allows is not a link block (a "Read more" inside a long story) and is ignored.

The labels cover the main languages of the shared corpus (en, de, fr, es, it, tr, pt, nl) and the
kinds of :data:`newsbot.items.LINK_KINDS`:

- ``related``: links about the same story ("Related", "Read more", "More on this story",
  "Mehr zum Thema", "Lire aussi", "Leer más", "Leggi anche", "İlgili haberler", "Leia também", "Lees ook");
- ``recommended``: suggestions ("You may also like", "Recommended", "Das könnte Sie auch
  interessieren", "Vous aimerez aussi", "Te puede interesar", "Potrebbe interessarti"...);
- ``explore``: the site's other stories ("Most read", "More from <section>", "Explore",
  "Meistgelesen", "Les plus lus", "Lo más leído", "I più letti", "En çok okunanlar"...).

An article link is a link to the page's own site (``www.`` or not) whose path holds an article
identifier (:func:`newsbot.discovery.patterns.has_identifier`), other than the page itself.
No Scrapy, no I/O: a parsel ``Selector`` and the page URL in, :class:`~newsbot.items.Link` out.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree
from parsel import Selector

from newsbot.cleaning import join_url, split_url
from newsbot.discovery.pages import bare_host
from newsbot.discovery.patterns import has_identifier
from newsbot.extraction.body import element_text
from newsbot.items import Link

_RELATED = (
    # en
    "related", "related articles", "related article", "related stories", "related story", "related posts",
    "related post", "related content", "related news", "related coverage", "related reading", "read more",
    "read also", "also read", "read next", "see also", "more on this story", "more on this topic",
    "more about this story", "further reading",
    # de
    "mehr zum thema", "lesen sie auch", "lesen sie mehr zum thema", "lesen sie dazu", "verwandte artikel",
    "zum thema", "passend zum thema", "passend zum artikel", "alle artikel zum thema", "weiterlesen",
    "dazu passend", "mehr dazu",
    # fr
    "lire aussi", "à lire aussi", "a lire aussi", "lire également", "à lire également", "sur le même sujet",
    "sur le même thème", "voir aussi", "à voir aussi", "articles liés", "dans la même rubrique",
    # es
    "noticias relacionadas", "noticia relacionada", "relacionado", "relacionados", "relacionadas",
    "artículos relacionados", "lee también", "lea también", "leer más", "más información", "te recomendamos",
    # it
    "leggi anche", "articoli correlati", "correlati", "potrebbe interessarti anche", "approfondimenti",
    # tr
    "ilgili haberler", "ilgili haber", "benzer haberler", "i̇lgili haberler", "bunu da okuyun",
    # pt
    "leia também", "veja também", "notícias relacionadas", "leia mais", "saiba mais", "relacionadas",
    # nl
    "lees ook", "lees meer", "gerelateerde artikelen", "gerelateerd", "meer over dit onderwerp", "ook lezen",
)  # fmt: skip
_RECOMMENDED = (
    # en
    "recommended", "recommended for you", "recommended stories", "recommended articles", "you may also like",
    "you might also like", "you may like", "you might like", "you may be interested in",
    "you might be interested in", "we recommend", "editor's picks", "editors' picks",
    # de
    "das könnte sie auch interessieren", "das könnte sie interessieren", "auch interessant",
    "ebenfalls interessant", "empfehlungen", "unsere empfehlung", "unsere empfehlungen", "empfohlen",
    # fr
    "vous aimerez aussi", "vous aimerez aussi :", "nous vous recommandons", "recommandé pour vous",
    "à découvrir", "à découvrir aussi", "vous pourriez aimer",
    # es
    "te puede interesar", "también te puede interesar", "te podría interesar", "recomendado", "recomendados",
    "le puede interesar",
    # it
    "potrebbe interessarti", "ti potrebbe interessare", "consigliati", "consigliati per te",
    # tr
    "bunlar da ilginizi çekebilir", "ilginizi çekebilir", "önerilen", "önerilen haberler", "sizin için seçtiklerimiz",
    # pt
    "você pode gostar", "você também pode gostar", "recomendados", "recomendadas", "pode te interessar",
    # nl
    "ook interessant", "aanbevolen", "misschien ook interessant",
)  # fmt: skip
_EXPLORE = (
    # en
    "explore", "explore more", "more to explore", "more stories", "more news", "more from", "most read",
    "most popular", "most viewed", "popular", "popular now", "trending", "trending now", "latest news",
    "top stories", "latest stories", "more top stories",
    # de
    "meistgelesen", "meistgelesene artikel", "meist gelesen", "weitere artikel", "weitere nachrichten",
    "weitere themen", "mehr aus dem ressort", "mehr nachrichten", "top-artikel", "neueste artikel",
    # fr
    "les plus lus", "les plus populaires", "plus d'actualités", "à la une", "dernières actualités",
    # es
    "lo más leído", "lo más visto", "más noticias", "lo último", "últimas noticias",
    # it
    "i più letti", "più letti", "più lette", "le più lette", "altre notizie", "ultime notizie",
    # tr
    "en çok okunanlar", "en çok okunan", "çok okunanlar", "son haberler", "diğer haberler",
    # pt
    "mais lidas", "mais lidos", "mais notícias", "últimas notícias",
    # nl
    "meest gelezen", "meer nieuws", "populair", "laatste nieuws",
)  # fmt: skip
#: Label text (normalised, see :func:`label_key`) -> kind.
LABELS: dict[str, str] = {
    **{text: "explore" for text in _EXPLORE},
    **{text: "recommended" for text in _RECOMMENDED},
    **{text: "related" for text in _RELATED},
}
#: Labels followed by a topic, section or outlet name: prefix -> kind.
LABEL_PREFIXES: tuple[tuple[str, str], ...] = (
    ("more on ", "related"), ("more about ", "related"), ("mehr zum thema ", "related"),
    ("lees meer over ", "related"), ("plus sur ", "related"), ("más sobre ", "related"),
    ("more from ", "explore"), ("most read in ", "explore"), ("mehr aus ", "explore"),
    ("lo más leído en ", "explore"), ("altro da ", "explore"),
)  # fmt: skip
_PREFIXES_BY_WORD: dict[str, tuple[tuple[str, str], ...]] = {
    word: tuple(entry for entry in LABEL_PREFIXES if entry[0].split(" ", 1)[0] == word)
    for word in {prefix.split(" ", 1)[0] for prefix, _ in LABEL_PREFIXES}
}
#: The most text a box of each kind may hold (the story's own container holds more).
MAX_BOX_CHARS = {"related": 2000, "recommended": 4000, "explore": 8000}
_MAX_LABEL_CHARS = 60
_MAX_CLIMB = 8
_STOP_TAGS = frozenset({"body", "html", "main"})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "nav", "header"})
#: Text nodes of the body short enough to be a label.
_SHORT_TEXTS = "//body//text()[string-length(normalize-space(.)) <= 60][normalize-space(.)]"
_TRAILING = re.compile(r"[\s:：›»>→…|\-–—]+$")
_LEADING = re.compile(r"^[\s›»>→|\-–—]+")


def _initials() -> frozenset[str]:
    keys = [*LABELS, *(prefix for prefix, _ in LABEL_PREFIXES)]
    return frozenset({key[0] for key in keys} | {"i", "»", "›", ">", "→", "|", "-", "–", "—"})


def label_key(text: str) -> str:
    """``text`` as looked up in :data:`LABELS`: NFC, case-folded (Turkish dotted İ folded to i),
    whitespace collapsed, leading and trailing arrows and colons dropped."""
    text = unicodedata.normalize("NFC", text.replace("İ", "i").replace("I\u0307", "i"))
    text = " ".join(text.casefold().replace("\u0307", "").split())
    return _LEADING.sub("", _TRAILING.sub("", text))


def label_kind(text: str) -> str | None:
    """The kind of block the label ``text`` opens, or ``None`` when it is no label."""
    if len(text) > _MAX_LABEL_CHARS:
        return None
    key = label_key(text)
    kind = LABELS.get(key)
    if kind is not None:
        return kind
    for prefix, prefix_kind in _PREFIXES_BY_WORD.get(key.split(" ", 1)[0], ()):
        if key.startswith(prefix) and len(key) > len(prefix):
            return prefix_kind
    return None


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


_BLOCKS = frozenset(
    {"div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "hgroup", "br", "section", "header", "footer",
     "figure", "figcaption", "ul", "ol", "dl", "dt", "dd", "blockquote", "article", "table", "tr", "td", "th"}
)  # fmt: skip


def anchor_text(anchor: etree._Element) -> str:
    """The text of a link as a reader sees it: block elements inside it (a kicker ``<div>`` and a
    title ``<div>``) are separated by a space, not glued ("Netlist vs. Samsung US-Unternehmen...")."""
    parts: list[str] = []
    stack: list[tuple[etree._Element, bool]] = [(anchor, False)]
    while stack:  # iterative: a link may nest deeper than Python's recursion limit
        element, closing = stack.pop()
        tag = _tag(element)
        if closing:
            if tag in _BLOCKS:
                parts.append(" ")
            if element is not anchor and element.tail:
                parts.append(element.tail)
            continue
        if not tag or tag in ("script", "style"):  # a comment, a processing instruction, code
            if element.tail:
                parts.append(element.tail)
            continue
        if tag in _BLOCKS:
            parts.append(" ")
        if element.text:
            parts.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    return " ".join("".join(parts).split())


class _Finder:
    """One page's typed links; every walk over the tree is made once."""

    def __init__(self, root: etree._Element, page_url: str) -> None:
        self.root = root
        self.page_url = page_url
        parts = split_url(page_url)
        self.host = bare_host(parts.netloc) if parts is not None else ""
        self.page = self._plain(page_url)
        self.hrefs: dict[str, str | None] = {}

    @staticmethod
    def _plain(url: str) -> str:
        return url.split("#", 1)[0].rstrip("/")

    def article_url(self, href: str | None) -> str | None:
        """The absolute URL of ``href`` when it is an article link of the page's site."""
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
                and has_identifier(url)
            )
            self.hrefs[href] = url.split("#", 1)[0] if ok and url else None
        return self.hrefs[href]

    def labels(self) -> list[tuple[str, etree._Element]]:
        """``(kind, element holding the label text)`` in page order.

        The short texts of the body are picked by one XPath query (lxml's C code, not a Python
        walk over every element); only the few that read as a label have their ancestors checked.
        """
        found: list[tuple[str, etree._Element]] = []
        texts = self.root.xpath(_SHORT_TEXTS)
        for text in texts if isinstance(texts, list) else []:
            stripped = str(text).strip()
            if stripped[:1].lower() not in _INITIALS:
                continue
            kind = label_kind(stripped)
            if kind is None:
                continue
            holder = text.getparent()
            if holder is not None and text.is_tail:
                holder = holder.getparent()
            if holder is not None and not self._hidden_or_linked(holder):
                found.append((kind, holder))
        return found

    @staticmethod
    def _hidden_or_linked(element: etree._Element) -> bool:
        """True inside a link, a script, navigation or the page header (no label there)."""
        node: etree._Element | None = element
        while node is not None:
            tag = _tag(node)
            if tag == "a" or tag in _SKIP_TAGS:
                return True
            node = node.getparent()
        return False

    def box_of(self, holder: etree._Element, kind: str) -> etree._Element | None:
        node: etree._Element | None = holder
        for _ in range(_MAX_CLIMB):
            if node is None or _tag(node) in _STOP_TAGS:
                return None
            if any(self.article_url(anchor.get("href")) for anchor in node.iter("a")):
                return node if len(element_text(node)) <= MAX_BOX_CHARS[kind] else None
            node = node.getparent()
        return None

    def links(self) -> list[Link]:
        links: list[Link] = []
        index: dict[tuple[str, str], int] = {}
        boxes: set[etree._Element] = set()
        for kind, holder in self.labels():
            box = self.box_of(holder, kind)
            if box is None or box in boxes:
                continue
            boxes.add(box)
            for anchor in box.iter("a"):
                url = self.article_url(anchor.get("href"))
                if url is None:
                    continue
                headline = anchor_text(anchor) or (anchor.get("title") or "").strip() or None
                if headline and label_kind(headline) is not None:  # "Read more" on the link itself
                    headline = None
                at = index.get((url, kind))
                if at is None:
                    index[(url, kind)] = len(links)
                    links.append(Link(url=url, headline=headline, kind=kind))
                elif links[at].headline is None and headline:  # an image link first, its title after
                    links[at].headline = headline
        return links


_INITIALS = _initials()  # the first character of every label (a cheap test before normalising)


def typed_links(selector: Selector, page_url: str) -> list[Link]:
    """The article links of every labelled block of the page, typed, in page order; each
    ``(url, kind)`` once. Never raises on a malformed page (no labels: no links)."""
    return _Finder(selector.root, page_url).links()
