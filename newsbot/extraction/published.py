"""Where a page says when it was published, beyond JSON-LD and ``article:published_time``.

In the order :meth:`ArticlePage.date_published_raw` asks them: other ``<meta>`` names
(:data:`PUBLISHED_META`, Parse.ly's ``parsely-page`` JSON), microdata ``itemprop="datePublished"``
on any element (its ``content``/``datetime`` or its text), ``<time>`` elements, then a date written
in the visible text of a date, byline or meta line, then the date in the URL (``/2019/10/05/``).

Not the publication day, so skipped: anything inside a comment, a related-story teaser, a sidebar,
a footer or a menu (by the ``class``/``id`` of an ancestor, or a ``Comment`` item), ``<time>``
and date lines marked as an update (``class="updated"``, "Updated:", "Aktualisiert", "mis à
jour"...: only the text before such a word is read), and years alone (a copyright line). No settings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from newsbot.cleaning import parse_date
from newsbot.dates import parse_written_date
from newsbot.jsonld import read_jsonld

#: ``<meta>`` keys (lower-cased ``name``/``property``/``itemprop``) that carry the publication date.
PUBLISHED_META = (
    "datepublished", "article.published", "published_time", "article:published", "published", "pubdate",
    "publishdate", "publish-date", "publish_date", "publication_date", "publication-date", "sailthru.date",
    "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date.created",
    "citation_publication_date", "originalpublicationdate", "article_date_original", "date", "dc.date",
    "datecreated", "cxenseparse:recs:publishtime", "og:published_time",
)  # fmt: skip
_NOT_THE_ARTICLE = re.compile(
    r"comment|repl(?:y|ies)|disqus|related|teaser|more-stor|sidebar|footer|outbrain|taboola",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(r"date|time|byline|\bmeta|publish|posted|dateline|datum|fecha|\bdata\b", re.IGNORECASE)
_UPDATE_WORD = re.compile(
    r"updated?|modified|last edit|aktualisiert|geändert|mis à jour|actualizad[oa]|actualización|aggiornat[oa]|"
    r"atualizad[oa]|bijgewerkt|güncellen|güncelleme|actualizat|обновлен|zaktualizowano|aktualizacja|"
    r"aktualizováno",
    re.IGNORECASE,
)
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:/|[-_]|$)|/((?:19|20)\d\d)/([01]\d)([0-3]\d)/|/((?:19|20)\d\d)([01]\d)([0-3]\d)/"
)
_MAX_ELEMENTS = 400
_MAX_LINE_CHARS = 200
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "footer", "nav", "aside"})


def _label(element: Any) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''} {element.get('itemtype') or ''}"


def _outside_article(element: Any) -> bool:
    """True when ``element`` sits in a comment, a teaser, a sidebar, a footer or a menu."""
    node = element
    while node is not None and node.tag not in ("body", "html"):
        if node.tag in _SKIPPED_TAGS or _NOT_THE_ARTICLE.search(_label(node)):
            return True
        node = node.getparent()
    return False


def meta_published(meta: dict[str, str]) -> str | None:
    """The first publication date among the head's other ``<meta>`` names, then ``parsely-page``."""
    for key in PUBLISHED_META:
        if meta.get(key) and parse_date(meta[key]):
            return meta[key]
    for value in read_jsonld(meta.get("parsely-page")):
        if isinstance(value, dict) and isinstance(value.get("pub_date"), str):
            return value["pub_date"]
    return None


def _before_update(text: str) -> str:
    """``text`` up to its first "updated" word (all of it when it has none)."""
    match = _UPDATE_WORD.search(text)
    return text[: match.start()] if match else text


def _own_texts(element: Any) -> Iterator[str]:
    """The element's texts, without those of comments, teasers, sidebars, footers and menus inside it."""
    yield element.text or ""
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _SKIPPED_TAGS and not _NOT_THE_ARTICLE.search(_label(child)):
            yield from _own_texts(child)
        yield child.tail or ""


def _line_text(element: Any, limit: int = _MAX_LINE_CHARS * 2) -> str:
    """The element's own text (:func:`_own_texts`), blanks collapsed, cut at ``limit`` characters."""
    return " ".join("".join(_own_texts(element)).split())[:limit]


def microdata_published(root: Any) -> str | None:
    """``itemprop="datePublished"`` on any element outside comments: ``content``, ``datetime`` or its text."""
    for element in root.xpath("//*[contains(@itemprop, 'datePublished')]")[:_MAX_ELEMENTS]:
        if not isinstance(element.tag, str) or _outside_article(element):
            continue
        value = element.get("content") or element.get("datetime") or _line_text(element)
        if value and value.strip():
            return value.strip()
    return None


def time_published(root: Any) -> str | None:
    """The first ``<time>`` in the article that is not an update stamp: its ``datetime`` or its text.

    A ``<time pubdate>`` or one labelled as the publication (``class="published"``) comes first."""
    candidates: list[tuple[int, str]] = []
    for position, element in enumerate(root.iter("time")):
        if position >= _MAX_ELEMENTS:
            break
        label = f"{_label(element)} {element.get('itemprop') or ''}"
        if _UPDATE_WORD.search(label) or _outside_article(element):
            continue
        parent = element.getparent()
        before = (parent.text or "") if parent is not None else ""
        if _UPDATE_WORD.search(before[-40:]):
            continue
        value = element.get("datetime") or _line_text(element)
        if value and value.strip():
            first = element.get("pubdate") is not None or re.search(r"publi|creat|posted", label, re.IGNORECASE)
            candidates.append((0 if first else 1, value.strip()))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _date_lines(root: Any) -> Iterator[str]:
    """Texts of the page's date, byline and meta lines (by ``class``/``id``), then of the headline's
    container when that is a short header block (not the whole article with its captions)."""
    seen = 0
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIPPED_TAGS:
            continue
        seen += 1
        if seen > _MAX_ELEMENTS * 10:
            break
        if _DATE_LINE.search(_label(element)) and not _outside_article(element):
            text = _line_text(element)
            if 6 <= len(text) <= _MAX_LINE_CHARS:
                yield text
    for headline in root.iter("h1"):
        container = headline.getparent()
        limit = _MAX_LINE_CHARS * 2
        text = _line_text(container, limit + 1) if container is not None and not _outside_article(headline) else ""
        if len(text) <= limit:  # a headline's own header block, not the whole article
            yield text
        break


def visible_published(root: Any) -> str | None:
    """The first date written in a date, byline or meta line, read before any "updated" word."""
    for text in _date_lines(root):
        if parse_written_date(_before_update(text)) is not None:
            return _before_update(text).strip()
    return None


def url_date(url: str) -> str | None:
    """The day in the URL's path (``/2019/10/05/``, ``/2024/0424/``, ``/20240424/``) as ``YYYY-MM-DD``."""
    match = _URL_DATE.search(url.split("?", 1)[0])
    if not match:
        return None
    year, month, day = (group for group in match.groups() if group is not None)
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{year}-{int(month):02d}-{int(day):02d}"
