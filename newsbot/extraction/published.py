"""Where a page says when it was published, beyond JSON-LD and ``article:published_time``.

In the order :meth:`ArticlePage.date_published_raw` asks them: other ``<meta>`` names
(:data:`PUBLISHED_META`, Parse.ly's ``parsely-page`` JSON), microdata ``itemprop="datePublished"``
on any element (its ``content``/``datetime`` or its text); then what a reader sees
(:func:`shown_published`): the first date in the headline's zone (:func:`headline_zone_published`,
between the ``<h1>`` and the body, whatever the ``class`` of its box), ``<time>`` elements, a date
written in a date, byline or meta line, each checked against the day in the URL (``/2019/10/05/``),
which wins when they disagree; last, the day in the path of the page's image.

Not the publication day, so skipped: anything inside a comment, a related-story teaser, a sidebar,
a footer or a menu (by the ``class``/``id`` of an ancestor, or a ``Comment`` item; a layout that
*has* a sidebar is not one), ``<time>`` and date lines marked as an update (``class="updated"``,
"Updated:", "Aktualisiert", "mis à jour"...: only the text before such a word is read), captions
and quotes, a date inside a sentence of the story, and years alone (a copyright line). A numeric
``04/05/2024`` is read by the page's language (:func:`newsbot.dates.day_first_for`). No settings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time
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
    r"(?<!date-)(?<!and-)comment(?!ary)|repl(?:y|ies)|disqus|related|teaser|more-stor|footer|outbrain|taboola|"
    # a citation's "Retrieved 27 January 2020"
    r"accessdate|citation|reflist|references|"
    # a sidebar box, not a layout that has one ("withSidebar", "has-sidebar", "cs-sidebar-enabled")
    r"(?<!with)(?<!with-)(?<!has-)(?<!without-)(?<!no-)sidebar(?![-_]*(?:enabled|grid|layout|wrap|right|left))",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(r"date|time|byline|\bmeta|publish|posted|dateline|datum|fecha|\bdata\b", re.IGNORECASE)
_UPDATE_WORD = re.compile(
    r"updated?|modified|last edit|aktualisiert|geändert|mis à jour|actualizad[oa]|actualización|aggiornat[oa]|"
    r"atualizad[oa]|bijgewerkt|güncellen|güncelleme|actualizat|обновлен|zaktualizowano|aktualizacja|"
    r"aktualizováno|oppdatert|opdateret|uppdaterad|päivitetty|оновлено|frissítve|ενημερώθηκε|diperbarui|"
    r"imesasishwa|تحديث|अपडेट|обновена|актуализиран|ажурирано|aktualizované|actualitzat|עודכן|"
    r"moddate|mod-date|date-?mod",
    re.IGNORECASE,
)
#: a class or id that names the publication stamp itself (WordPress: ``entry-date published updated``)
_PUBLISHED_LABEL = re.compile(r"publi|creat|posted|pubdate", re.IGNORECASE)
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-]([01]?\d|[a-z]{3})[/-]([0-3]?\d)(?:/|[-_]|$)|/((?:19|20)\d\d)/([01]\d)([0-3]\d)/"
    r"|/((?:19|20)\d\d)([01]\d)([0-3]\d)(?:/|[-_])"
)
#: English month abbreviations as they appear in URL paths (``/2023/apr/28/``)
_URL_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MAX_ELEMENTS = 400
_MAX_LINE_CHARS = 200
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "footer", "nav", "aside"})


#: a quick first look for :data:`_NOT_THE_ARTICLE` (whose look-behinds make it slow on every label)
_BOX_WORD = re.compile(
    r"comment|repl|disqus|related|teaser|more-stor|footer|outbrain|taboola|sidebar|accessdate|citation|reflist|"
    r"references",
    re.IGNORECASE,
)


def _not_the_article(label: str) -> bool:
    return _BOX_WORD.search(label) is not None and _NOT_THE_ARTICLE.search(label) is not None


def _label(element: Any) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''} {element.get('itemtype') or ''}"


#: HTML5 parts that belong to the article when they sit inside its ``<article>`` (WordPress themes put
#: "Posted on <time>" in the post's own ``<footer class="entry-meta">``)
_ARTICLE_PARTS = frozenset({"footer", "aside"})


def _in_article(node: Any) -> bool:
    return any(ancestor.tag == "article" for ancestor in node.iterancestors())


def _outside_article(element: Any, verdicts: dict[Any, bool] | None = None) -> bool:
    """True when ``element`` sits in a comment, a teaser, a sidebar, a footer or a menu (a ``<footer>``
    or ``<aside>`` inside an ``<article>`` is that article's own).

    ``verdicts``: the answers already known for elements of the same page (a page with hundreds of
    date lines asks about the same ancestors again and again)."""
    path: list[Any] = []
    node = element
    outside = False
    while node is not None and node.tag not in ("body", "html"):
        if verdicts is not None and node in verdicts:
            outside = verdicts[node]
            break
        path.append(node)
        skipped_tag = node.tag in _SKIPPED_TAGS and not (node.tag in _ARTICLE_PARTS and _in_article(node))
        if skipped_tag or _not_the_article(_label(node)):
            outside = True
            break
        node = node.getparent()
    if verdicts is not None:
        for visited in path:
            verdicts[visited] = outside
    return outside


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
        if isinstance(child.tag, str) and child.tag not in _SKIPPED_TAGS and not _not_the_article(_label(child)):
            yield from _own_texts(child)
        yield child.tail or ""


def _line_text(element: Any, limit: int = _MAX_LINE_CHARS * 2) -> str:
    """The element's own text (:func:`_own_texts`), blanks collapsed, cut at ``limit`` characters.

    Reading stops once the raw text is well past ``limit``: a "timeline" box may hold the whole page."""
    parts: list[str] = []
    size = 0
    for text in _own_texts(element):
        parts.append(text)
        size += len(text)
        if size > limit * 4:
            break
    return " ".join("".join(parts).split())[:limit]


def microdata_published(root: Any) -> str | None:
    """``itemprop="datePublished"`` on any element outside comments: ``content``, ``datetime`` or its text."""
    for element in root.xpath("//*[contains(@itemprop, 'datePublished')]")[:_MAX_ELEMENTS]:
        if not isinstance(element.tag, str) or _outside_article(element):
            continue
        value = element.get("content") or element.get("datetime") or _line_text(element)
        if value and value.strip():
            return value.strip()
    return None


def _written_before_update(element: Any, day_first: bool | None = None) -> str | None:
    """The day a ``<time>`` writes before an "Updated" inside it ("Dec. 6, 2024, 10:00 PM UTC / Updated
    Dec. 7, 2024"), as ISO text: its ``datetime`` is then often the update's stamp. ``None`` otherwise."""
    text = " ".join(" ".join(element.itertext()).split())
    match = _UPDATE_WORD.search(text)
    if match is None or match.start() == 0:
        return None
    found = parse_written_date(text[: match.start()], day_first)
    return _iso(found) if found is not None else None


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
        written = _written_before_update(element)
        if written is None and _UPDATE_WORD.search(" ".join(element.itertext())[:40]):
            continue  # <time datetime="...">Updated 7 Dec</time>
        value = written or _stamp(element.get("datetime") or "") or _line_text(element)
        if value and value.strip():
            first = element.get("pubdate") is not None or re.search(r"publi|creat|posted", label, re.IGNORECASE)
            candidates.append((0 if first else 1, value.strip()))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _date_lines(root: Any) -> Iterator[str]:
    """Texts of the page's date, byline and meta lines (by ``class``/``id``), then of the headline's
    container when that is a short header block (not the whole article with its captions)."""
    seen = 0
    verdicts: dict[Any, bool] = {}
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIPPED_TAGS:
            continue
        seen += 1
        if seen > _MAX_ELEMENTS * 10:
            break
        if _DATE_LINE.search(_label(element)):
            text = _line_text(element)
            if 6 <= len(text) <= _MAX_LINE_CHARS and any(c.isdigit() for c in text):
                if _outside_article(element, verdicts):
                    continue
                yield text
    for headline in root.iter("h1"):
        container = headline.getparent()
        limit = _MAX_LINE_CHARS * 2
        text = _line_text(container, limit + 1) if container is not None and not _outside_article(headline) else ""
        if len(text) <= limit:  # a headline's own header block, not the whole article
            yield text
        break


def _iso(found: datetime) -> str:
    """``found`` as ISO text: the day alone when no time of day was written (midnight)."""
    return found.isoformat() if found.time() != time() else found.date().isoformat()


def _stamp(value: str) -> str:
    """A machine stamp as given, or its day alone when it says midnight (``2024-11-29T00:00:00+01:00``
    is a day written as a stamp, not a minute whose UTC day is the day before)."""
    value = value.strip()
    return value[:10] if re.match(r"^\d{4}-\d\d-\d\dT00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d\d:?\d\d)?$", value) else value


def visible_published(root: Any, day_first: bool | None = None) -> str | None:
    """The first date written in a date, byline or meta line, read before any "updated" word.

    ``day_first``: how to read ``04/05/2024`` (:func:`newsbot.dates.day_first_for`)."""
    for text in _date_lines(root):
        found = parse_written_date(_before_update(text), day_first)
        if found is not None:
            return _iso(found)
    return None


#: the headline's zone ends once its paragraphs hold this many characters (the body has begun) or after
#: this many elements
_BODY_PARAGRAPH_CHARS = 600
_ZONE_ELEMENTS = 150
#: boxes that hold other stories even between the headline and the body (not "teaser": German CMSs
#: call the article's own intro that)
_OTHER_STORIES = re.compile(
    r"related|more-stor|outbrain|taboola|recommend|most-read|trending|(?<!date-)(?<!and-)comment(?!ary)|disqus|"
    r"repl(?:y|ies)|caption|credit",
    re.IGNORECASE,
)
#: WordPress marks the post's own date ``entry-date`` (with ``updated`` among its classes for hAtom)
_POST_DATE_LABEL = re.compile(r"entry-date", re.IGNORECASE)
#: a date in a text longer than this is part of the story ("the vote on 5 May"), not a stamp
_MAX_STAMP_CHARS = 100
_ZONE_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "nav", "select", "button", "figure", "figcaption", "td", "th",
     "caption", "blockquote"}
)  # fmt: skip
_HEADLINE_SKIPPED = frozenset({"nav", "footer", "aside"})


def _headline_element(root: Any) -> Any:
    """The page's first ``<h1>`` with text that is not in a menu, a footer or a box of other stories,
    else the first one of four words or more wherever it is, else ``None``."""
    fallback = None
    for position, headline in enumerate(root.iter("h1")):
        if position > 20:
            break
        words = len("".join(headline.itertext()).split())
        if not words:
            continue
        if not any(
            node.tag in _HEADLINE_SKIPPED or _OTHER_STORIES.search(_label(node)) for node in headline.iterancestors()
        ):
            return headline
        if fallback is None and words >= 4:  # a page that puts its headline in the breadcrumb menu
            fallback = headline
    return fallback


def _following(element: Any, limit: int) -> Iterator[Any]:
    """The elements after ``element`` in document order (not its own descendants), at most ``limit``."""
    count = 0
    node = element
    while node is not None:
        for sibling in node.itersiblings():
            for inner in sibling.iter():
                if not isinstance(inner.tag, str):
                    continue
                yield inner
                count += 1
                if count >= limit:
                    return
        node = node.getparent()


def _preceding_block(headline: Any) -> Iterator[Any]:
    """The elements just before the headline in its own header block: the preceding siblings of the
    headline, its parent and grandparent (a kicker line "Politik | 05.06.2025" above the title)."""
    node = headline
    for _ in range(3):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return
        for sibling in list(node.itersiblings(preceding=True))[:4]:
            for inner in sibling.iter():
                if isinstance(inner.tag, str):
                    yield inner
        node = parent


def _marked_update(element: Any, headline_block: Any) -> bool:
    """True when ``element`` or a near ancestor (up to the headline's block) is labelled as an update stamp."""
    node, depth = element, 0
    while node is not None and node is not headline_block and depth < 4:
        label = f"{_label(node)} {node.get('itemprop') or ''}"
        if _UPDATE_WORD.search(label) and not _PUBLISHED_LABEL.search(label) and not _POST_DATE_LABEL.search(label):
            return True
        node, depth = node.getparent(), depth + 1
    return False


def _in_other_story(element: Any, headline: Any) -> bool:
    """True when ``element`` sits in a box of other stories or in a nested ``<article>`` (a teaser card)
    that does not hold the headline itself."""
    node = element
    while node is not None and node.tag not in ("body", "html"):
        if node.tag in _ZONE_SKIPPED:
            return True
        other = _OTHER_STORIES.search(_label(node)) or (node.tag == "article" and _nested_article(node))
        if other and not _contains(node, headline):
            return True
        node = node.getparent()
    return False


def _contains(node: Any, element: Any) -> bool:
    return any(ancestor is node for ancestor in element.iterancestors())


def _nested_article(node: Any) -> bool:
    return any(ancestor.tag == "article" for ancestor in node.iterancestors())


def _zone_candidates(element: Any, day_first: bool | None) -> Iterator[tuple[str, Any]]:
    """Dates ``element`` shows: a ``<time>``'s ``datetime`` (or text), else its own text and tail,
    each read before any "updated" word."""
    if element.tag == "time":
        before = (element.getparent().text or "") if element.getparent() is not None else ""
        if _UPDATE_WORD.search(before[-40:]):
            return
        written = _written_before_update(element, day_first)
        if written:
            yield written, parse_date(written)
            return
        if _UPDATE_WORD.search(" ".join(element.itertext())[:40]):
            return
        stamp = element.get("datetime")
        if stamp and parse_date(stamp):
            yield _stamp(stamp), parse_date(stamp)
            return
    for key, value in element.attrib.items():  # data-publicationdate="2024-04-15T13:38:00+02:00"
        if key.startswith("data-") and "publi" in key and value and parse_date(value):
            yield _stamp(value), parse_date(value)
            return
    for text in (element.text, element.tail if element.tag != "time" else None):
        if text and len(text) <= _MAX_STAMP_CHARS * 2 and any(c.isdigit() for c in text):
            line = _before_update(" ".join(text.split()))
            if len(line) > _MAX_STAMP_CHARS:
                continue
            found = parse_written_date(line, day_first)
            if found is not None:
                yield line, found


def _may_show_date(element: Any) -> bool:
    """A cheap first look: a ``<time>``, a ``data-...publi...`` attribute, or a short text or tail with a digit."""
    if element.tag == "time":
        return True
    for text in (element.text, element.tail):
        if text and len(text) <= _MAX_STAMP_CHARS * 2 and any(c.isdigit() for c in text):
            return True
    return any(key.startswith("data-") and "publi" in key for key in element.attrib)


def headline_zone_published(root: Any, day_first: bool | None = None) -> str | None:
    """The first date shown between the headline and the start of the body (a ``<time>``, a date or
    byline line, whatever its ``class``), else the first one just above the headline in its header block.

    This is where a page without structured data says when it was published, so the ``class``/``id``
    of the boxes around it is not trusted (layouts call their main column "with-sidebar", German CMSs
    the article's intro "Teaser"); only an update stamp, a nested ``<article>`` (a teaser card) and a
    box of other stories are skipped. ``day_first``: how to read ``04/05/2024`` (:func:`day_first_for`).
    """
    headline = _headline_element(root)
    if headline is None:
        return None
    block = headline.getparent()
    for zone in (_following(headline, _ZONE_ELEMENTS), _preceding_block(headline)):
        paragraphs = 0
        for element in zone:
            if element.tag == "p":
                paragraphs += sum(len(t) for t in element.itertext())
                if paragraphs >= _BODY_PARAGRAPH_CHARS:
                    break
            if not _may_show_date(element) or element.tag in _ZONE_SKIPPED:
                continue
            if _marked_update(element, block) or _in_other_story(element, headline):
                continue
            for value, found in _zone_candidates(element, day_first):
                if value[:4].isdigit() and "-" in value[:8]:
                    return value  # an ISO stamp, offset kept
                return _iso(found)
    return None


def shown_published(sources: Iterable[Callable[[], str | None]], url: str, image_url: str | None = None) -> str | None:
    """The first date the page shows (``sources`` in order) that agrees with the day in its URL (a
    stamp with an offset may be a day apart), else the URL's day; the first shown date when the URL has none;
    last, the day in the path of the page's own image (``og:image``: ``/2024/05/02/``) when nothing
    else gives one."""
    url_day = url_date(url)
    first: str | None = None
    for source in sources:
        value = source()
        parsed = parse_date(value) if value else None
        if parsed is None:
            continue
        apart = abs((parsed.date() - date.fromisoformat(url_day)).days) if url_day else 0
        if apart == 0 or (apart == 1 and parsed.tzinfo is not None):  # an offset may move a stamp a day
            return value
        first = first or value
    return url_day or first or (url_date(image_url) if image_url else None)


def url_date(url: str) -> str | None:
    """The day in the URL's path (``/2019/10/05/``, ``/2023/apr/28/``, ``/2024/0424/``, ``/20240424/``,
    ``/20241203-slug``) as ``YYYY-MM-DD``."""
    match = _URL_DATE.search(url.split("?", 1)[0])
    if not match:
        return None
    year, month_text, day = (group for group in match.groups() if group is not None)
    if month_text.isdigit():
        month = int(month_text)
    elif month_text in _URL_MONTHS:
        month = _URL_MONTHS.index(month_text) + 1
    else:
        return None
    if not (1 <= month <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{year}-{month:02d}-{int(day):02d}"
