"""Choose the headline a reader sees: the article's visible heading when the metadata titles agree
with it, else the most reliable metadata title with the site's name taken off. Read by
:meth:`newsbot.extraction.page.ArticlePage.read_headline`; no settings.

Pages state their title several times: JSON-LD ``headline``, ``og:title``, ``twitter:title``,
``<title>`` and the visible ``<h1>``. The metadata titles are written for search engines and
social cards: they carry the site's name (`` | CNN Politics``, ``：朝日新聞デジタル``,
`` · Global Voices``), a kicker (``Opinion | ``) or another wording altogether. The visible
heading is what the reader sees, but on a blog the ``<h1>`` is the blog's name. So:

0. a stated title that adds a kicker ("Kicker: Headline") to what a social or tab title states
   bare, where the page shows the kicker in an element of its own beside the headline or an
   ``h1`` shows the bare headline: the bare one (:meth:`HeadlineChooser._without_kicker`);
1. the visible heading (``h1``, then ``h2``/``h3`` for pages whose ``h1`` is the site's name)
   that agrees with the headline the publisher states in JSON-LD (or, when it states none, with
   ``og:title``, ``twitter:title`` or ``<title>``) is the headline. A heading agrees when, folded
   (NFKC, case, quotes, soft hyphens), it is the same text (then the metadata's wording is kept:
   a heading split over elements loses its punctuation), or the title is the heading with whole
   separator-cut segments around it (a site name, a section, a kicker; after it, a bracketed source
   such as `` [LWN.net]``; around a heading under :data:`MIN_AGREE_CHARS` characters, only one short
   segment after it: "Mozilla - Wikipedia"); of several, the one
   covering most of its title (a blog's name is the tail of every post's title, never the
   headline). A heading whose first element is a short kicker (``<span>Analysis</span> ...``) is
   tried without it too; where the titles carry another kicker before a colon than the one shown
   ("Other kicker: Headline"), the rest of the heading is the headline. When no heading shows
   the stated headline, the heading that agrees with ``og:title``, ``twitter:title`` or
   ``<title>`` is the headline: the page shows another wording than its JSON-LD. Visible means
   outside ``aside``, ``footer``, navigation (``nav``, ``role="navigation"``), a breadcrumb trail
   (a class naming a ``crumb``, or an ``h1`` after two links of its parent), hidden elements
   (``hidden``, ``aria-hidden``, inline styles, classes such as ``sr-only``, ``visually-hidden``);
2. else the story's first ``h1`` (inside ``article`` or ``main``) when it tells the same story in
   its own words (it shares a word with a title, is no part of one, names no site and is no
   title's headline after a kicker): the visible wording beats the social one
   (:meth:`HeadlineChooser._own_wording`);
3. else the first metadata title with the site's name taken off its start or end: a segment
   (cut at `` | ``, `` - ``, `` – ``, `` — ``, `` · ``, `` » ``, `` / ``, ``：``, ``｜``, ``ㅣ``,
   ``_``, or ``Name: `` at the start) is the site's name when it names ``og:site_name``, the
   publisher, the host, or is the affix two metadata titles share; a short segment starting or
   ending with such a name ("CNN Politics") goes at the end; a section name
   (``article:section``) next to it goes too. A colon or a dash inside a headline ("Brexit: what
   happens next", "Biden – Putin summit ends") is never cut: only a segment naming the site is;
   a title that is only the site's name is passed over; a label naming the kind of piece at its
   start ("Opinion | ", "ANALYSIS: ", "Kommentar: ", :data:`LABELS`) goes too; a short segment
   ending with the host's own name ("Cuaderno del Huerto" on ``huerto.example``) is the site's;
4. else the first visible ``h1``.

No Scrapy, no settings: plain strings and lxml elements in, a string out.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from lxml import etree

from newsbot.cleaning import split_url

# separators between a headline and a site name or section: spaced, or full-width (no spaces needed)
_SPACED = r"\s+(?:\||-|–|—|·|•|»|«|/|::|:|~|\\|ㅣ)\s+|:\s+"
_TIGHT = r"\s*(?:：|｜|\||ㅣ|_| - )\s*"
SEGMENT_SPLIT = re.compile(rf"({_SPACED}|{_TIGHT})")
# around a heading inside a longer title, a colon is the headline's own ("Brexit: what happens next")
AFFIX_SPLIT = re.compile(r"(\s+(?:\||-|–|—|·|•|»|«|/|::|~|\\|ㅣ)\s+|\s*(?:：|｜|\||ㅣ|_)\s*)")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "«": '"',
                         "»": '"', "‹": "'", "›": "'", "\u00ad": None, "\u200b": None, "\u2060": None,
                         "\ufeff": None})  # fmt: skip
_NON_WORD = re.compile(r"[\W_]+")
MAX_SECTION_WORDS = 3
MIN_HOST_CHARS = 4  # a host's own name shorter than this ("bbc") is matched whole only
MAX_KICKER_CHARS = 40
MIN_AGREE_CHARS = 8  # a heading shorter than this agrees with a title only before one short segment
MIN_OWN_WORDS = 3  # an h1 agreeing with no title is taken from this many words (a section name is shorter)
MIN_OWN_CHARS = 8  # ... or, unspaced (CJK), from this many characters
CJK_START = 0x2E80  # the first code point of the CJK radicals: scripts written without spaces from here
FOLDS_KEPT = 512  # folded texts kept (a page compares a few dozen, many times)
MAX_HEADINGS = 12  # visible headings tried, in document order
# a bracketed affix after a heading: the source or the site, then maybe more separated segments
BRACKETED = re.compile(r"\s*[(\[（【][^()\[\]（）【】]{1,40}[)\]）】]\s*(?:$|[-|–—·:/»_：｜]\s)")
HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
# classes that hide an element from sight (kept for screen readers or search engines)
_MAY_HIDE = re.compile("hidden|only|offscreen|none|reader")  # a cheap look before HIDDEN_CLASS
HIDDEN_CLASS = re.compile(
    r"(?:^|\s)(?:sr-only|screen-reader-text|visually-?hidden|[\w-]*offscreen|is-hidden|displaynone|d-none)(?:\s|$)"
)


def fold(text: str | None, outer: bool = True) -> str:
    """``text`` as compared: NFKC, quotes unified, soft hyphens and zero-width spaces dropped,
    white space collapsed, case folded; its outer punctuation dropped unless ``outer`` is false."""
    folded = _folded(text or "")
    return folded.strip(" .:;,!?|-–—·") if outer else folded


@lru_cache(maxsize=FOLDS_KEPT)
def _folded(text: str) -> str:
    """``fold`` without the outer strip, kept: a page's titles and headings are compared many times."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split()).casefold()


def squash(text: str | None) -> str:
    """Letters and digits only, case folded: ``"n-tv.de"`` and ``"NTV DE"`` squash alike."""
    return _NON_WORD.sub("", fold(text))


def unescaped(text: str | None) -> str | None:
    """A metadata title with HTML entities decoded (JSON-LD often carries ``&quot;``, ``&#8217;``)."""
    if not text:
        return None
    text = " ".join((html.unescape(text) if "&" in text else text).split())
    return text or None


def segments(title: str) -> list[str]:
    """``title`` cut at its separators, the separators kept as their own items (odd indexes)."""
    return SEGMENT_SPLIT.split(title)


def _is_site(segment: str, names: Sequence[str], hosts: Sequence[str] = (), loose: bool = False) -> bool:
    """True when ``segment`` names the site: it is one of ``names`` or ``hosts`` (squashed), or a
    part of a name (``"SRF"`` of ``"Schweizer Radio und Fernsehen (SRF)"``); ``loose``: also a
    short segment starting or ending with a name (``"CNN Politics"`` where the site is ``"CNN"``)
    or ending with the host's own name (``"Cuaderno del Huerto"`` on ``huerto.example``)."""
    squashed = squash(segment)
    if not squashed:
        return True
    if squashed in hosts:
        return True
    for name in names:
        if squashed == name or (len(squashed) >= 3 and squashed in name):
            return True
        if (
            loose
            and len(name) >= 3
            and (squashed.startswith(name) or squashed.endswith(name))
            and len(segment.split()) <= MAX_SECTION_WORDS
        ):
            return True
    if loose and len(segment.split()) <= MAX_SECTION_WORDS:
        # a short segment ending with the host's own name: "Cuaderno del Huerto" on huerto.example
        return any(len(host) >= MIN_HOST_CHARS and squashed.endswith(host) for host in hosts)
    return False


def strip_site(title: str, names: Sequence[str], sections: Sequence[str] = (), hosts: Sequence[str] = ()) -> str:
    """``title`` without the segments at its start or end that name the site (``names``: the site's
    names, ``hosts``: its host names, squashed) and, next to a site's name at the end, a section
    (``sections``: squashed). At least one segment stays."""
    parts = segments(title)
    if len(parts) < 3:
        return title
    words = parts[0::2]
    seps = parts[1::2]
    start, end = 0, len(words)
    removed = False
    while end - start > 1 and _is_site(words[end - 1], names, hosts, loose=True):
        end, removed = end - 1, True
        while end - start > 1 and squash(words[end - 1]) in sections:
            end -= 1
    while end - start > 1 and _is_site(words[start], names, hosts):
        start, removed = start + 1, True
    if not removed:
        return title
    kept = [words[start]]
    for n in range(start + 1, end):
        kept += [seps[n - 1], words[n]]
    text = "".join(kept).strip()
    return text or title


def shared_affix(titles: Iterable[str]) -> list[str]:
    """Segments that two different titles both end or start with (their site name), squashed."""
    found: list[str] = []
    cut = [AFFIX_SPLIT.split(t) for t in titles]  # never at a colon: two wordings may share a headline's tail
    for a in range(len(cut)):
        for b in range(a + 1, len(cut)):
            first, second = cut[a], cut[b]
            if len(first) < 3 or len(second) < 3 or fold(first[0]) == fold(second[0]):
                continue
            if squash(first[-1]) == squash(second[-1]):
                found.append(squash(first[-1]))
    return [s for s in found if s]


def same(heading: str, title: str) -> bool:
    """True when ``heading`` and ``title`` are the same text, compared folded, or by their letters
    and digits alone (a heading's parts in separate elements lose the punctuation between them)."""
    h, t = fold(heading), fold(title)
    return bool(h) and (h == t or squash(h) == squash(t))


def agrees(heading: str, title: str) -> bool:
    """True when ``heading`` is ``title`` (:func:`same`), or ``title`` is ``heading`` with whole
    segments added (a site name, a section, a kicker), compared folded."""
    if same(heading, title):
        return True
    h, t = fold(heading, outer=False), fold(title, outer=False)
    if not h or h not in t:
        return False
    at = t.find(h)
    before, after = t[:at], t[at + len(h) :]
    if len(h) < MIN_AGREE_CHARS:
        # a short heading ("Mozilla") only at the start of a title ending in one short segment
        # ("Mozilla - Wikipedia"): never a section name before the headline ("News | Headline | Site")
        cut = AFFIX_SPLIT.split(after)
        if before.strip() or len(cut) != 3 or cut[0] or len(cut[2].split()) > MAX_SECTION_WORDS:
            return False
    if before.strip() and len(before) + len(after) >= len(h):
        return False  # the heading is the title's tail (a blog's or a series' name), not its headline
    return _ends_at_separator(before, end=True) and _ends_at_separator(after, end=False)


def _ends_at_separator(text: str, end: bool) -> bool:
    """True for an empty affix or one cut off from the heading by a separator (at its ``end`` or start);
    after the heading, also a bracketed source or site (`` [LWN.net]``, ``（CNET Japan） - Yahoo!``)."""
    if not text.strip(" \"'"):
        return True
    if not end and BRACKETED.match(text):
        return True
    probe = text + "x" if end else "x" + text
    cut = AFFIX_SPLIT.split(probe)
    if len(cut) < 3:
        return False
    return cut[-1] == "x" if end else cut[0] == "x"


def _hides(node: etree._Element) -> bool:
    """True for an element hidden from readers, or page furniture no headline sits in: an
    ``aside``, a ``footer``, navigation (``nav``, ``role="navigation"``) and a breadcrumb trail
    (a class naming a ``crumb``: many sites repeat the headline, or another wording of it, as the
    trail's last item in an ``h1``)."""
    attributes = node.attrib
    if not attributes:
        return node.tag in ("aside", "footer", "nav")
    if node.tag in ("aside", "footer", "nav") or "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    classes = attributes.get("class")
    if classes:
        classes = classes.lower()
        if "crumb" in classes or (_MAY_HIDE.search(classes) and HIDDEN_CLASS.search(classes)):
            return True
    if attributes.get("role") == "navigation":
        return True
    style = attributes.get("style")
    return bool(style and HIDDEN.search(style))


def _in_trail(element: etree._Element) -> bool:
    """True for an ``h1`` after two links in its own parent: the last item of a breadcrumb trail
    with no class to say so (``<a>Home</a><a>Politics</a><h1>...</h1>``); one link before a
    heading is its section or kicker."""
    links = 0
    for sibling in element.itersiblings(preceding=True):
        if sibling.tag == "a":
            links += 1
            if links == 2:
                return True
        elif isinstance(sibling.tag, str):
            return False
    return False


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def heading_texts(element: etree._Element) -> list[str]:
    """The texts a heading may show as the headline: all of it, and without a leading kicker
    (a first child element holding a short label, the rest holding the headline)."""
    text = _text(element)
    found = [text] if text else []
    children = [child for child in element if isinstance(child.tag, str)]
    if len(children) >= 2 or (children and (element.text or "").strip() == ""):
        first = _text(children[0])
        if first and len(first) <= MAX_KICKER_CHARS and text.startswith(first):
            rest = text[len(first) :].strip().lstrip("|-–—·:/»").strip()
            if rest and len(rest) > len(first):
                found.append(rest)
    return found


class HeadlineChooser:
    """Pick the headline of one page (see the module docstring).

    ``stated``: the headlines the publisher states in structured data (JSON-LD, flight data);
    ``titles``: the other metadata titles, most reliable first (``og:title``, ``twitter:title``,
    ``<title>``); ``named``: names the structured data gives the page (JSON-LD ``name``), which
    count only when a heading shows them (some publishers state a description as ``headline``);
    ``sites``: names of the site (``og:site_name``, the publisher); ``hosts``: the
    host's names (:func:`host_names`); ``sections``: section names; ``headings``: the page's
    ``h1``, ``h2`` and ``h3`` elements in document order.
    """

    def __init__(
        self,
        stated: Sequence[str | None],
        titles: Sequence[str | None],
        sites: Sequence[str | None],
        sections: Sequence[str | None],
        headings: Iterable[etree._Element],
        hosts: Sequence[str] = (),
        named: Sequence[str | None] = (),
    ) -> None:
        self.stated = [t for t in (unescaped(title) for title in stated) if t]
        self.named = [t for t in (unescaped(title) for title in named) if t]
        self.titles = self.stated + [t for t in (unescaped(title) for title in titles) if t]
        self.sites = [s for s in dict.fromkeys(squash(site) for site in sites if site) if s]
        self.sites += [s for s in shared_affix(self.titles) if s not in self.sites]
        self.hosts = [s for s in (squash(host) for host in hosts) if s]
        self.sections = [s for s in (squash(section) for section in sections if section) if s]
        self.elements = headings
        self.known: dict[etree._Element, bool] = {}

    def excluded(self, element: etree._Element) -> bool:
        """True for a heading a reader does not see as the page's (hidden, in an ``aside`` or a
        ``footer``). Each ancestor is looked at once per page: answers are kept on the way up."""
        path = []
        node: etree._Element | None = element
        answer = False
        while node is not None:
            known = self.known.get(node)
            if known is not None:
                answer = known
                break
            path.append(node)
            if _hides(node):
                answer = True
                break
            node = node.getparent()
        for seen in path:
            self.known[seen] = answer
        return answer

    def headings(self) -> tuple[list[etree._Element], list[etree._Element]]:
        """The visible ``h1`` elements and the ``h2``/``h3`` ones, in document order (one walk)."""
        h1s: list[etree._Element] = []
        lower: list[etree._Element] = []
        for element in self.elements:
            found = h1s if element.tag == "h1" else lower
            if len(found) < MAX_HEADINGS and not self.excluded(element) and not (found is h1s and _in_trail(element)):
                found.append(element)
        return h1s, lower

    def _without_kicker(self, h1s: Sequence[etree._Element], lower: Sequence[etree._Element]) -> str | None:
        """The headline without the kicker a stated title carries ("Kicker: Headline") when the page
        shows the kicker apart or not at all, and a social or tab title states the headline bare:
        a heading whose kicker sits in its own element (``<span>Kicker</span><span>Headline</span>``),
        or an ``h1`` that is the bare headline while the stated one adds ``Kicker:`` to it."""
        others = self.titles[len(self.stated) :]
        # the bare headlines: social or tab titles a stated title adds a kicker to (most pages: none)
        bares = [other for other in others if any(kicker_of(stated, other) for stated in self.stated)]
        if not bares:
            return None
        for element in (*h1s, *lower):
            texts = heading_texts(element)
            bare = next((title for title in bares if same(texts[-1], title)), None) if texts else None
            if bare is None:
                continue
            if len(texts) == 2 and any(same(texts[0], title) for title in self.stated):
                return bare  # the kicker in an element of its own
            if element.tag == "h1" and len(texts) == 1:
                return bare  # the h1 shows the headline without the kicker
        return None

    @staticmethod
    def _shown(h1s: Sequence[etree._Element], lower: Sequence[etree._Element], titles: Sequence[str]) -> str | None:
        """The headline a visible heading shows that agrees with one of ``titles``: the ``h1``
        first, then the lower headings; the title's own wording where the heading is the same text."""
        if not titles:
            return None
        for tags in (h1s, lower):
            best, coverage = None, 0.0
            for element in tags:
                texts = heading_texts(element)
                if len(texts) == 2 and any(other_kicker(title, *texts) for title in titles):
                    return texts[1]  # the titles' kicker is not the one shown: the headline is the rest
                for text in texts:
                    exact = next((title for title in titles if same(text, title)), None)
                    if exact is not None:
                        # the heading's own quotes and dashes where only they (or case, spaces) differ;
                        # the metadata's wording where the heading, split over elements, lost its punctuation
                        return text if fold(text) == fold(exact) else exact
                    for title in titles:
                        # the heading covering most of a title: a blog's name agrees with its posts' titles too
                        share = len(fold(text)) / max(len(fold(title)), 1)
                        if share > coverage and agrees(text, title):
                            best, coverage = text, share
            if best is not None:
                return best
        return None

    def _own_wording(self, h1s: Sequence[etree._Element], lower: Sequence[etree._Element]) -> str | None:
        """The story's first ``h1`` (or, where no ``h1`` is visible, its first ``h2``: the ``h1`` was
        a breadcrumb's) where it agrees with no metadata title: the page shows its own wording of
        the headline, without a kicker it shows in an element of its own unless the titles carry
        that kicker too. Only a heading inside the
        story (``article``, ``main``) of at least :data:`MIN_OWN_WORDS` words (or
        :data:`MIN_OWN_CHARS` characters unspaced, CJK), naming neither the site nor a part of a
        title (a blog's or series' name, a title's tail), no title's headline after a kicker
        ("Kicker: H1": the title's wording stays), and sharing a word with a title
        (:func:`related`: the same story told in other words)."""
        element = h1s[0] if h1s else next((heading for heading in lower if heading.tag == "h2"), None)
        if element is None:
            return None
        texts = heading_texts(element) or [""]
        text = texts[-1]
        if len(texts) == 2 and any(carries_kicker(title, *texts) for title in self.titles):
            text = texts[0]  # the titles carry the kicker shown apart: it is the headline's
        folded = fold(text)
        if len(folded.split()) < MIN_OWN_WORDS and not (_unspaced(folded) and len(folded) >= MIN_OWN_CHARS):
            return None
        if _is_site(text, self.sites, self.hosts) or any(folded in fold(title) for title in self.titles):
            return None
        if any(kicker_of(title, text) for title in self.titles) or not related(text, self.titles):
            return None
        if not any(node.tag in ("article", "main") for node in element.iterancestors()):
            return None
        return text

    def choose(self) -> str | None:
        h1s, lower = self.headings()
        bare = self._without_kicker(h1s, lower)
        if bare is not None:
            return bare
        # the headline the publisher states (JSON-LD) is the one headings are held against first;
        # the social and tab titles when no heading shows it (another wording on the page)
        shown = self._shown(h1s, lower, (self.stated or self.titles) + self.named)
        if shown is None and self.stated:
            shown = self._shown(h1s, lower, self.titles[len(self.stated) :])
        if shown is not None:
            return shown
        own = self._own_wording(h1s, lower)
        if own is not None:
            return own
        for title in self.titles:
            if _is_site(title, self.sites, self.hosts):  # a <title> that is only the site's name
                continue
            stripped = without_label(strip_site(title, self.sites, self.sections, self.hosts))
            if stripped:
                return stripped
        return next((text for text in (_text(h) for h in h1s) if text), None)


# labels a title opens with that name the kind of piece, not its subject ("Opinion | ", "ANALYSIS: ")
LABELS = frozenset(
    {"opinion", "analysis", "comment", "commentary", "editorial", "column", "exclusive", "explainer", "op-ed",
     "breaking", "live", "watch", "kommentar", "meinung", "analyse", "gastbeitrag", "leitartikel", "exklusiv",
     "tribune", "éditorial", "chronique", "décryptage", "opinión", "análisis", "columna",
     "opinione", "commento", "analisi", "mening", "kommentaar", "opinie", "analiz", "yorum", "görüş",
     "мнение", "колонка", "аналитика", "opinião", "análise", "komentarz", "felieton"}
)  # fmt: skip


def without_label(title: str) -> str:
    """``title`` without a leading label of the ``LABELS`` vocabulary cut off by a separator
    ("Opinion | Headline", "ANALYSIS: Headline", "Kommentar – Headline"); a title that would keep
    fewer than two words, or opens with any other word ("Brexit: what happens next"), stays."""
    parts = segments(title)
    if len(parts) < 3 or fold(parts[0]) not in LABELS:
        return title
    rest = "".join(parts[2:]).strip()
    return rest if len(rest.split()) >= 2 else title


def kicker_of(title: str, heading: str) -> bool:
    """True when ``title`` is ``heading`` after a short kicker and a colon ("Kicker: Heading")."""
    t, h = fold(title, outer=False), fold(heading, outer=False)
    if len(h) < 8 or not t.endswith(h) or t == h:
        return False
    kicker = t[: -len(h)].rstrip()
    return kicker.endswith(":") and 0 < len(kicker) <= MAX_KICKER_CHARS


def _unspaced(text: str) -> bool:
    """True for text in a script written without spaces between words (Chinese, Japanese)."""
    return " " not in text and any(ord(char) >= CJK_START for char in text)


def _words(text: str) -> set[str]:
    """The words of ``text`` worth comparing (folded, five letters or more: no "with", "dass",
    "pour"); for text written without spaces (Chinese, Japanese), its pairs of letters."""
    folded = fold(text)
    if _unspaced(folded):
        letters = _NON_WORD.sub("", folded)
        return {letters[n : n + 2] for n in range(len(letters) - 1)}
    return {word for word in (_NON_WORD.sub("", w) for w in folded.split()) if len(word) >= 5}


def related(text: str, titles: Iterable[str]) -> bool:
    """True when ``text`` shares a word with one of ``titles``: another wording of the same story,
    not a widget's or another story's heading."""
    words = _words(text)
    return any(words & _words(title) for title in titles)


def carries_kicker(title: str, shown: str, bare: str) -> bool:
    """True when ``title`` opens with the kicker the heading ``shown`` puts before ``bare``."""
    kicker = squash(fold(shown)[: -len(fold(bare))])
    return bool(kicker) and squash(title).startswith(kicker)


def other_kicker(title: str, shown: str, bare: str) -> bool:
    """True when ``title`` is ``bare`` after a kicker ("Kicker: Bare") other than the one the
    heading ``shown`` puts before it in an element of its own: the page shows its own kicker,
    the headline is ``bare``."""
    if not kicker_of(title, bare):
        return False
    t, b = fold(title, outer=False), fold(bare, outer=False)
    return squash(t[: -len(b)]) != squash(fold(shown)[: -len(fold(bare))])


def host_names(url: str) -> list[str]:
    """The names a site's host gives it: the host without ``www.`` and its own label
    (``"cnn"`` for ``edition.cnn.com``, ``"bbc"`` for ``www.bbc.co.uk``)."""
    parts = split_url(url)
    host = (parts.hostname or "").lower().removeprefix("www.") if parts else ""
    labels = host.split(".")
    if len(labels) < 2:
        return [host] if host else []
    own = labels[-3] if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else labels[-2]
    return [host, own]
