"""Bylines written as text: "By Jane Roe", "Von Jane Roe und John Doe", "Par ...", "Written by ...".

Pages without structured authors or author links often show the byline as plain text near the
headline, mark it ``itemprop="author"``, or give it a class naming a byline or its author
("byline", "article__author", "author-name": each piece of its text a name, or the whole one
byline line). :func:`byline_text_authors` reads the first such line after the page's headline
(the story's own byline comes before its body; comments, reviews, teasers and cited people come
later), and takes it only when every part of it reads as a person's name (capitalised words, a
few particles such as "de", "van", "von"); a line ends at a date, a weekday, a separator or
another role's credit ("Edited by"), and a closing dateline ("Jane Roe, Lille") is no name.

Bylines without a lead word or class are read where only a byline stands: a name alone in bold as
the first paragraphs of the story or as its last one (``<p><strong>Jane Roe</strong></p>``), a name
before a separator and the date right after the headline ("Jane Roe | 05.04.2025"), a Chinese or
Japanese credit line ("(责编：A、B)", "作者：A"). Those are held to a stricter test (no common word,
colon, question or capitals-only crosshead). No settings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from newsbot.extraction.body import element_text
from newsbot.extraction.credits import person_name
from newsbot.extraction.headline import heading_texts, same
from newsbot.extraction.names import COMMENT_MARKS, MAX_BYLINE_NAMES, split_names
from newsbot.items import Author

# a line opening with a byline's lead word, in several languages
_LEAD = re.compile(
    r"^(?:(?:written|posted|words)\s+by|(?:escrito|reportagem)\s+por|écrit\s+par|scritto\s+da|"
    r"(?:geschrieben|verfasst)\s+von|(?:text|texto|tekst)\s*:|"
    r"by|von|par|por|di|door|av|af|przez|autor(?:in)?(?:/autor(?:in)?)?|auteur|autore|yazar|yazan|oleh|bởi|"
    r"автор|napisał|napisała|kirjoittanut|skrevet\s+a[fv]|tác\s+giả|piše|szerző|írta|avtor|autorius|autors|teksti|"
    r"γράφει|συντάκτης|بقلم|מאת|โดย)\b\s*:?(?:\s|$)",
    re.IGNORECASE,
)
_END = re.compile(
    r"\s(?:[|•·–—/]|-\s)|\d|\b(?:on|am|le|el|il|op|updated|published|aktualisiert|veröffentlicht)\s"
    r"|\b(?:twitter|facebook|e-?mail|linkedin|instagram|mastodon|bluesky|follow|folgen|suivre)\b"
    # a weekday opening the date line ("Joe Wee Monday, February 29")
    r"|\s(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag"
    r"|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes"
    r"|sábado|domingo)\b"
    # the credit line of another role: "Edited by", "Photos by", "Additional reporting by", "Fotos von"
    r"|\s(?:edited|photos?|photographs?|photography|illustrations?|graphics|video|additional\s+reporting|"
    r"fotos?|bearbeitet|mitarbeit|édité|photos?\s+de)\s+(?:by|von|par|por|de|di)\b",
    re.IGNORECASE,
)
# a class naming a byline or its author: "byline", "article__author", "author-name", "authorname"
_BYLINE_CLASS = re.compile(
    r"(?:^|[-_])(?:by-?line|authors?|autor(?:en)?|writer)(?:[-_]{1,2}(?:name|names|link|list|text)|name|s)?(?:-?\d{1,2})?$",
    re.IGNORECASE,
)
_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "di", "del", "della", "van", "von", "der", "den", "ter",
                        "te", "la", "le", "du", "bin", "ibn", "al", "el", "y", "zu", "mc"})  # fmt: skip
_SKIP = frozenset(
    {"script", "style", "noscript", "template", "nav", "menu", "head", "title", "button", "select", "figure",
     "figcaption"}
)  # fmt: skip
MAX_BYLINE_CHARS = 160
CARD_CHARS = 500  # the most text a teaser card holds
STORY_PARAGRAPHS = 2  # story paragraphs past the headline after which only a signature line is a byline
TEASER_REACH = 5  # ancestors of a byline searched for the card of another story
_TEASER_CARD = ".//a[@href][.//h2 or .//h3 or .//h4] | .//h2[.//a[@href]] | .//h3[.//a[@href]] | .//h4[.//a[@href]]"


def _text(element: etree._Element) -> str:
    """The visible text of ``element``, its pieces joined by spaces ("By<a>Jane Roe</a>")."""
    return " ".join(piece for text in element.itertext() for piece in [" ".join(text.split())] if piece)


def _is_name(name: str) -> bool:
    words = name.replace(".", ". ").split()
    if not 1 <= len(words) <= 5:
        return False
    if len(words) == 1 and name[:1].isascii():  # a single Latin word is a handle or a label, not a byline
        return False
    for word in words:
        first = word[0]
        if first.isalpha() and first.islower() and word.casefold() not in _PARTICLES:
            return False
        if not (first.isalpha() or first in "'’("):
            return False
    return True


def _names(text: str) -> list[str]:
    """The names of one byline line, or none when a part of it is no name."""
    rest = _LEAD.sub("", " ".join(text.split()), count=1)
    rest = _END.split(rest, maxsplit=1)[0].strip(" ,;:.")
    return credit_names(rest)


def credit_names(credit: str) -> list[str]:
    """The names of ``credit`` when each part of it is a name, without a closing dateline (a single
    word after a comma: "Jane Roe, Lille"); else none."""
    names = split_names(credit)
    if len(names) >= 2 and len(names[-1].split()) == 1 and credit.rsplit(",", 1)[-1].strip(" .") == names[-1]:
        names = names[:-1]
    if not names or len(names) > MAX_BYLINE_NAMES or not all(_is_name(n) for n in names):
        return []
    return names


# words no name holds, though a heading or a label writes them capitalised ("Read More", "Middle East")
_NOT_NAME_WORDS = frozenset(
    {"the", "of", "and", "in", "on", "for", "to", "with", "at", "from", "by", "our", "your", "my", "this",
     "that", "more", "read", "also", "see", "news", "photo", "photos", "video", "videos", "related", "update",
     "updates", "breaking", "live", "watch", "share", "follow", "subscribe", "click", "here", "new", "latest", "top",
     "most", "all", "us", "me", "story", "stories", "article", "articles", "comments", "comment", "sources",
     "source", "note", "editor", "editors", "thank", "you", "end", "contact", "advertisement", "sponsored", "ad",
     "home", "world", "politics", "business", "economy", "sport", "sports", "culture", "health", "science",
     "opinion", "local", "national", "international", "region", "north", "south", "east", "west", "middle",
     "central", "europe", "weitere", "mehr", "lesen", "auch", "artikel", "lire",
     "aussi", "leer", "más", "leia", "também", "baca", "juga", "foto", "fotos", "xem", "thêm"}
)  # fmt: skip
NAME_LINE_CHARS = 60  # the longest line that is a name alone (a bold name, "Name |")


def _plain_names(text: str) -> list[str]:
    """The names of a short line that holds nothing but names ("Jane Roe", "A/B"), without a lead
    word: each a name (:func:`credit_names`), no word a common one (``_NOT_NAME_WORDS``), no colon
    ("Foto: Karl Brenner" is a credit of another role); else none."""
    text = " ".join(text.split()).strip(" ,;.")
    if not text or len(text) > NAME_LINE_CHARS or any(mark in text for mark in ':：?!"“”«»'):
        return []
    if text.isupper() and " " in text:  # a crosshead in capitals ("WHAT HAPPENED")
        return []
    names = credit_names(text)
    if any(word.strip(".,'’()").casefold() in _NOT_NAME_WORDS for name in names for word in name.split()):
        return []
    return names


def _bold_line(element: etree._Element) -> bool:
    """True for a paragraph whose whole text is one bold element: ``<p><strong>Jane Roe</strong></p>``."""
    if element.tag != "p" or len(element) != 1 or (element.text or "").strip():
        return False
    child = element[0]
    return child.tag in ("strong", "b") and not (child.tail or "").strip() and not len(child)


# a name before a separator, alone or before the date: "Jane Roe |", "Jane Roe | 05.04.2025"
_NAME_BAR = re.compile(r"^\s*([^|•·\d()]{3,60}?)\s*[|•·]\s*(?:\d[^|]*)?$")
# classes of labels that are no byline: a section, a category, a tag, a kicker, a breadcrumb
_LABEL_CLASS = re.compile(r"cat|section|rubri|tag|kicker|label|topic|breadcrumb|ressort", re.IGNORECASE)


def _bar_names(element: etree._Element) -> list[str]:
    """The names of a byline without a lead word or class, its name before a separator ("Jane Roe
    |") and a date after it (in its text or the next element's): not a link, not a labelled section
    or category, the name alone (:func:`_plain_names`)."""
    text = element.text or ""
    match = _NAME_BAR.match(text)
    if match is None or element.tag == "a" or len(element) > 0:
        return []
    for node in (element, element.getparent()):
        if node is not None and _LABEL_CLASS.search(node.get("class") or ""):
            return []
    dated = any(ch.isdigit() for ch in text)
    if not dated:
        later = element.getnext()
        dated = later is not None and any(ch.isdigit() for ch in _text(later)[:40])
    return _plain_names(match.group(1)) if dated else []


# labels of a Chinese or Japanese credit line: writer, reporter, responsible editor ("(责编：A、B)")
_CJK_LABEL = re.compile(
    r"^[\s(（【\[]*(?:作者|记者|記者|撰文|撰稿|文字|责编|责任编辑|編集|编辑|筆者|執筆|文)\s*[：:/／]\s*"
    r"((?:[\u4e00-\u9fff\u3400-\u4dbf·]{2,6}[\s、，,/／]*){1,4})[)）】\]]?\s*$"
)
_CJK_SPLIT = re.compile(r"[\s、，,/／]+")


def _cjk_names(text: str) -> list[str]:
    """The names of a Chinese or Japanese credit line ("(责编：王丽华、陈志强)", "作者：李明"); a
    source ("来源：新华社") or a photographer ("摄影：...") names no author."""
    match = _CJK_LABEL.match(text)
    if match is None:
        return []
    names = [name for name in _CJK_SPLIT.split(match.group(1)) if name]
    return names if 1 <= len(names) <= MAX_BYLINE_NAMES else []


_CJK_LABELS = ("作者", "记者", "記者", "撰文", "撰稿", "文字", "责编", "责任编辑", "編集", "编辑", "筆者", "執筆", "文")


def _bar_line(first: str) -> bool:
    """True when ``first`` (an element's first text) may be "Name |" (``_NAME_BAR``)."""
    return ("|" in first or "•" in first or "·" in first) and _NAME_BAR.match(first) is not None


def _cjk_line(first: str) -> bool:
    """True when ``first`` (an element's first text) may open a CJK credit line."""
    head = first.lstrip(" \t\r\n(（【[")
    return head[:1] >= "\u4e00" and head.startswith(_CJK_LABELS)


def _marked(element: etree._Element) -> bool:
    """True for an element whose class names a byline or its author (``_BYLINE_CLASS``)."""
    return any(_BYLINE_CLASS.search(token) for token in (element.get("class") or "").split())


def _marked_names(element: etree._Element) -> list[str]:
    """The names in an element marked as a byline: each of its pieces a name of its own
    ("<span>A</span> <span>B</span>", a name and a job title), lead words set aside, else its text
    read as one byline line."""
    full = _text(element)
    if not full or len(full) > MAX_BYLINE_CHARS:
        return []
    pieces = [" ".join(text.split()) for text in element.itertext()]
    pieces = [piece for piece in pieces if piece.strip(" ,;&|") and not _LEAD.fullmatch(piece + " ")]
    if 2 <= len(pieces) <= MAX_BYLINE_NAMES:
        found = [credit_names(_LEAD.sub("", piece, count=1).strip(" ,;:.")) for piece in pieces]
        if all(found):
            return [name for names in found for name in names]
    return _names(full)


def _in_teaser(element: etree._Element, title: etree._Element | None) -> bool:
    """True when ``element`` sits in the card of another story: a small near ancestor (at most
    ``CARD_CHARS`` of text, not holding the page's headline) holds a linked heading."""
    node = element.getparent()
    for _ in range(TEASER_REACH):
        if node is None or node.tag in ("body", "main"):
            return False
        if (title is not None and _holds(node, title)) or len(_text(node)) > CARD_CHARS:
            return False
        if node.xpath(_TEASER_CARD):
            return True
        node = node.getparent()
    return False


def _holds(node: etree._Element, inner: etree._Element) -> bool:
    while inner is not None:
        if inner is node:
            return True
        inner = inner.getparent()
    return False


def _in_signature(element: etree._Element) -> bool:
    """True inside a ``footer`` or an ``address``: where a story signs off ("Written by ...")."""
    return any(node.tag in ("footer", "address") for node in element.iterancestors()) or element.tag == "address"


def _in_comments(element: etree._Element) -> bool:
    """True in a comment section, a review or a reply (by its class, id or microdata type,
    ``COMMENT_MARKS``), or in a script, menu, form control or figure (a photo's credit)."""
    node = element
    while node is not None:
        if node.tag in _SKIP:
            return True
        marks = f"{node.get('id') or ''} {node.get('class') or ''} {node.get('itemtype') or ''}"
        if COMMENT_MARKS.search(marks):
            return True
        node = node.getparent()
    return False


def _itemprop_author(element: etree._Element) -> list[str]:
    named = element.xpath('.//*[@itemprop="name"]')
    if named:
        text = named[0].get("content") or element_text(named[0])
    else:
        text = element.get("content") or element_text(element)
    if not text or len(text) > MAX_BYLINE_CHARS:
        return []
    return credit_names(_LEAD.sub("", " ".join(text.split()), count=1))


LEAD_WORDS = frozenset({"by", "von", "par", "por", "di", "door", "av", "af", "przez", "autor", "autorin", "auteur",
                        "autore", "yazar", "yazan", "written", "posted", "words", "escrito", "reportagem", "écrit",
                        "scritto", "geschrieben", "verfasst", "text", "texto", "tekst", "oleh", "bởi", "автор",
                        "Автор", "napisał", "napisała", "kirjoittanut", "skrevet", "tác", "Tác", "piše", "szerző",
                        "írta", "Írta", "avtor", "autorius", "autors", "teksti", "γράφει", "Γράφει", "συντάκτης",
                        "Συντάκτης", "بقلم", "מאת", "โดย"})  # fmt: skip
_BYLINE_CLASS_PARTS = ("uthor", "yline", "utor")  # in a class attribute: "author", "byline", "autor"
# the first word of a text as XPath's normalize-space() cuts it: only " \t\r\n" are white space
_FIRST_WORD = re.compile(r"[ \t\r\n]*([^ \t\r\n]*)")
_FOLD_ASCII = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", ":")
LEAD_REACH = 40  # characters of an element's first text searched for a lead word
STORY_PARAGRAPH_CHARS = 100  # a <p> whose first text is longer is a paragraph of the story


def _first_text(element: etree._Element) -> str | None:
    """The first text node of ``element`` (XPath ``text()[1]``): its own text, else the tail of
    the first child (element, comment) that has one."""
    if element.text is not None:
        return element.text
    return next((child.tail for child in element if child.tail is not None), None)


def _candidates(region: etree._Element, heading: str | None) -> list[etree._Element]:
    """The elements under ``region``, in document order, that may hold a text byline
    (``itemprop="author"``, a class holding "uthor", "yline" or "utor", a first text whose first
    word is one of ``LEAD_WORDS``, ASCII letters lower-cased and ":" dropped), the story's
    paragraphs (a ``<p>`` whose first text is over ``STORY_PARAGRAPH_CHARS`` long) and the
    ``heading`` elements (the headline's tag).

    One Python pass: an XPath predicate testing attributes and texts of every element cost libxml2
    about twice as much. Nothing is cached.
    """
    found = []
    for element in region.iterdescendants(etree.Element):
        tag = element.tag
        if tag == heading or element.get("itemprop") == "author":
            found.append(element)
            continue
        marks = element.get("class")
        if marks is not None and any(part in marks for part in _BYLINE_CLASS_PARTS):
            found.append(element)
            continue
        first = _first_text(element)
        if first is None:
            if tag == "p" and _bold_line(element):
                found.append(element)
            continue
        if tag == "p" and len(first) > STORY_PARAGRAPH_CHARS:
            found.append(element)
            continue
        word = _FIRST_WORD.match(first, 0, LEAD_REACH)
        if word is None:
            continue
        lead = word.group(1).translate(_FOLD_ASCII) in LEAD_WORDS
        if lead or (len(first) <= NAME_LINE_CHARS and (_bar_line(first) or _cjk_line(first))):
            found.append(element)
    return found


MAX_CANDIDATES = 30
REGION_LEVELS = 4


def _region(title: etree._Element) -> etree._Element:
    """Where a byline of the story titled ``title`` is looked for: its ``REGION_LEVELS``-th ancestor
    (an article and its header), never more than the page's body."""
    region = title
    for _ in range(REGION_LEVELS):
        parent = region.getparent()
        if parent is None or region.tag == "body":
            break
        region = parent
    return region


# languages in which a line's first word "Di" means "in", not "by" ("Di Tengah Pandemi, Warga ...")
_DI_MEANS_IN = ("id", "ms", "in", "jv", "su")


def _names_in(element: etree._Element, di_means_in: bool = False) -> list[str]:
    """The names of the byline ``element`` holds, or none. A line opening with a lead word inside a
    link is another story's title ("Di Balik Layar ...", "By The Sea"), no byline; so is one opening
    with "Di" on a page in Indonesian or Malay (``di_means_in``)."""
    if element.tag in _SKIP:
        return []
    if element.get("itemprop") == "author":
        return _itemprop_author(element)
    if _marked(element):
        return _marked_names(element)
    if _bold_line(element):
        return _plain_names(_text(element))
    text = (element.text or "").strip()
    if not text or len(text) > MAX_BYLINE_CHARS:
        return []
    if not _LEAD.match(text):
        return _cjk_names(text) or _bar_names(element)
    if element.tag == "a" or (element.getparent() is not None and element.getparent().tag == "a"):
        return []
    if di_means_in and text[:3].casefold() == "di ":
        return []
    full = _text(element)
    # the lead word alone in its element: "<span>von</span> <span>Jane Roe</span>"
    if _LEAD.fullmatch(full + " ") and element.getparent() is not None:
        full = _text(element.getparent())
    return _names(full) if len(full) <= MAX_BYLINE_CHARS else []


MAX_ANCHOR_HEADINGS = 100


def byline_anchor(
    title: etree._Element | None, headings: Sequence[etree._Element], headline: str | None
) -> etree._Element | None:
    """The element a story's byline is looked for after: ``title`` (the page's first ``h1``) when
    it shows ``headline``, else the first ``h1``, then ``h2``/``h3``, that does (a page whose first
    ``h1`` is a brand, a photo caption or another story's title, or that has none; a kicker in
    the heading's first element is set aside), else ``title``."""
    if not headline or (title is not None and same(_text(title), headline)):
        return title
    tried = headings[:MAX_ANCHOR_HEADINGS]
    for heading in (*(h for h in tried if h.tag == "h1"), *(h for h in tried if h.tag != "h1")):
        if heading is title or len(_text(heading)) < len(headline) // 2:
            continue  # a section's or a widget's heading: too short to show the headline
        if any(same(text, headline) for text in heading_texts(heading)):
            return heading
    return title


_NOT_CLOSING = frozenset({"li", "ol", "ul", "dl", "table", "blockquote", "figure", "figcaption", "cite"})


def _story_paragraph(element: etree._Element) -> bool:
    return element.tag == "p" and element.get("itemprop") != "author" and len(element.text or "") > 100


def _closes_story(element: etree._Element, after: Sequence[etree._Element]) -> bool:
    """True for a byline line that signs off the story: it sits in an ``<article>``, outside a list,
    table, quote or figure (references, sources, captions), and no story paragraph of that article
    follows it ("Por A, B y C" under the last paragraph)."""
    story = None
    for node in element.iterancestors():
        if node.tag in _NOT_CLOSING:
            return False
        if node.tag == "article":
            story = node
            break
    if story is None:
        return False
    return not any(_story_paragraph(later) and _holds(story, later) for later in after)


def _people(names: list[str], sites: set[str]) -> bool:
    """True when one of ``names`` is a person's (not the site's own name, a wire service, a desk)."""
    return any(person_name(name, sites) for name in names)


def _unmarked(element: etree._Element) -> bool:
    """True for a byline without a lead word, a class or microdata: a bold name alone in its
    paragraph, "Name |" before the date, a CJK credit line."""
    if element.get("itemprop") == "author" or _marked(element):
        return False
    return not _LEAD.match((element.text or "").strip())


def byline_text_authors(
    root: etree._Element,
    title: etree._Element | None,
    sites: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[Author]:
    """The authors of the first text byline (``itemprop="author"``, or a line reading "By ...")
    after ``title`` (the headline's element; the whole page when ``None``), else the last one
    before it. Lines in comment sections, menus, scripts and other stories' cards are passed over;
    once ``STORY_PARAGRAPHS`` paragraphs of the story follow the headline, only a line in a
    ``footer`` or ``address`` (a signature) still counts. A line naming no person (the site
    itself, ``sites``: :func:`newsbot.extraction.credits.site_names`; a wire service) is passed over
    for the next one ("by Harbour Times" above the reporter's name in bold)."""
    region = root if title is None else _region(title)
    found = _candidates(region, None if title is None else title.tag)
    if title is not None and any(element is title for element in found):
        split = next(n for n, element in enumerate(found) if element is title)
        before, found = [e for e in found[:split] if e.tag != "p"], found[split + 1 :]
    else:
        before = []
    told = 0
    found = found[: MAX_CANDIDATES * 4]
    di_means_in = (root.getroottree().getroot().get("lang") or "")[:2].lower() in _DI_MEANS_IN
    for at, element in enumerate(found):
        if _story_paragraph(element):
            told += 1
            continue
        names = _names_in(element, di_means_in)
        if not _people(names, sites) or _in_comments(element) or _in_teaser(element, title):
            continue
        if _unmarked(element):
            if element.tag == "p" and told >= STORY_PARAGRAPHS and any(map(_story_paragraph, found[at + 1 :])):
                continue  # a bold name inside the story: a crosshead, a speaker
            if element.tag != "p" and told and not _cjk_names((element.text or "").strip()):
                continue  # "Name |" stands before the story, never inside it
            return [Author(name=name) for name in names]
        if (
            told >= STORY_PARAGRAPHS
            and not _in_signature(element)
            and element.get("itemprop") != "author"
            and not _closes_story(element, found[at + 1 :])
        ):
            continue  # a line in the story's text: a reference, a quote, a caption
        return [Author(name=name) for name in names]
    for element in reversed(before[-MAX_CANDIDATES:]):
        if _bold_line(element):
            continue
        names = _names_in(element, di_means_in)
        if _people(names, sites) and not _in_comments(element) and not _in_teaser(element, title):
            return [Author(name=name) for name in names]
    return []
