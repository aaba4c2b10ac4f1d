"""Whether a URL reads as one story's address, with no URL shape learnt from its site.

Used for the links of typed blocks (:mod:`newsbot.extraction.related`): a story link is kept, a
topic, tag, section, author or search page is not, nor a media file. Reads no settings.
"""

from __future__ import annotations

import itertools
import re

from newsbot.cleaning import split_url
from newsbot.discovery.patterns import date_path, has_identifier

#: Path segments of pages that list stories (topics, tags, sections, authors), never one story.
LISTING_SEGMENTS = frozenset(
    {"tag", "tags", "topic", "topics", "category", "categories", "author", "authors", "section", "sections",
     "thema", "themen", "schlagwort", "schlagworte", "autor", "autoren", "autores", "auteur", "auteurs",
     "autore", "autori", "etiqueta", "etiquetas", "tema", "temas", "rubrique", "rubrik", "kategorie", "kategori",
     "etiket", "yazar",
     "search", "suche", "user", "users", "profile", "profil", "writers", "writer", "person", "people", "label",
     "labels", "keyword", "keywords", "page", "feed", "rss", "newsletter", "newsletters"}
)  # fmt: skip
_MEDIA = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|pdf|mp3|mp4|zip|css|js|xml|json)$", re.IGNORECASE)
_PAGE_FILE = re.compile(r"^(?P<stem>[^.]+)\.(?:html?|shtml|php|aspx?|ece|cms)$", re.IGNORECASE)
_WORDS = re.compile(r"[-_+]+")
_ID_RUN = re.compile(r"\d{5,}")
_TOKENS = re.compile(r"[-_.+~!,;=]+")
_MIN_ID_CHARS = 6
_MIN_ID_SWITCHES = 3  # "b3ge6cq" switches between letters and digits 4 times; "covid19", "fifa2026" once


def _opaque_id(token: str) -> bool:
    """True for a token written as an identifier of letters and digits mixed ("b3ge6cq"), not a word
    with a number after it ("covid19", "fifa2026")."""
    if len(token) < _MIN_ID_CHARS or not token.isalnum() or not token.isascii():
        return False
    switches = sum(1 for left, right in itertools.pairwise(token) if left.isdigit() != right.isdigit())
    return switches >= _MIN_ID_SWITCHES


def story_url(url: str) -> bool:
    """True when ``url``'s path reads as one story's address, without any shape learnt from the
    site: an identifier (:func:`newsbot.discovery.patterns.has_identifier`), a date path
    (``/2019/10/05/<slug>``), a page file named by words (``/news/floods-in-the-north.html``), an id
    of letters and digits mixed (``/doc.afp.com.B3GE6CQ``) or a slug of three words or more. Never
    a listing (``/tag/``, ``/category/``, ``/author/``, ``/topic/``... :data:`LISTING_SEGMENTS`)
    nor a media file."""
    parts = split_url(url)
    if parts is None:
        return False
    segments = [segment for segment in parts.path.lower().split("/") if segment]
    if not segments or _MEDIA.search(segments[-1]) or any(s in LISTING_SEGMENTS for s in segments[:-1]):
        return False
    if len(segments) == 1 and segments[0] in LISTING_SEGMENTS:
        return False
    if has_identifier(url) or date_path(url) or any(_ID_RUN.search(segment) for segment in segments):
        return True  # an identifier, a date, or an id written with other characters ("!5931168", "a-68117411")
    if any(_opaque_id(token) for token in _TOKENS.split(segments[-1])):
        return True  # an id of letters and digits mixed ("doc.afp.com.B3GE6CQ")
    last = segments[-1] if segments[-1] != "index.html" or len(segments) < 2 else segments[-2]
    page = _PAGE_FILE.match(last)
    words = [word for word in _WORDS.split(page.group("stem") if page else last) if word]
    return len(words) >= (2 if page else 3)
