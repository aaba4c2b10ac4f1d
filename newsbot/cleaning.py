"""Text, date and URL normalisation built on w3lib. No Scrapy imports.

Everything here is a pure function (or a small immutable class) so that extraction, pipelines and
the command-line tools share one definition of "clean".

Text fields are stored as plain text: the characters a reader sees, no markup, no entities. A
field's raw value is either text the page's parser already decoded (visible text, attributes)
or a string from structured data (JSON-LD, Next.js data), where publishers put markup
(``<em>Breaking</em>``), escaped markup (``&lt;b&gt;Bold&lt;/b&gt;``, JSON-LD sits in a
``<script>``, whose content HTML never decodes) and escaped text (``Why &lt;script&gt; tags``).
:func:`clean_text` reads them all one way: character references decoded first, then markup
removed, and a tag counts as markup only when a browser would render it as one: a void element
or one whose end tag HTML makes optional (``<br>``, ``<img ...>``, ``<p>``), a self-closed one,
or an element whose opening and closing tags both appear (``<b>...</b>``; ``<script>`` and
``<style>`` with their content, which no reader sees). Any other unpaired ``<word>`` is text (a
story about the ``<script>`` tag, ``Vector<T>``) and is kept as those characters: a consumer that
renders a plain-text field as HTML escapes it. A story quoting a pair (``Use <b> and </b>``)
loses it, as a page rendering that text as HTML would show it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

from w3lib.html import remove_comments, remove_tags, remove_tags_with_content, replace_entities
from w3lib.url import canonicalize_url, url_query_cleaner

from newsbot.dates import iso_with_zone_name, parse_written_date
from newsbot.items import ArticleItem, Author, Image, Link

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; lone surrogates
# (a valid pair is one code point in a Python str, so only unpaired halves match)
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9:-]*)\b[^<>]*?(/?)\s*>")
#: Elements that are markup without a closing tag: void ones, and those whose end tag HTML makes optional.
UNCLOSED_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    | {"p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "option", "html", "head", "body"}
)
#: Elements whose content no reader sees: removed with their tags.
HIDDEN_ELEMENTS = ("script", "style", "template")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_BLANK_LINES = re.compile(r"\n\s*\n")

TRACKING_PARAMETERS = (
    "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id",
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref", "ref_src",
    "cmpid", "ito", "ocid", "_ga", "share", "s", "amp",
)  # fmt: skip


def storable(text: str) -> str:
    """``text`` without control characters (C0 but tab and newlines, DEL, C1) and lone surrogates.

    What is left encodes to UTF-8 and is accepted by lxml, JSON and SQLite.
    """
    return _UNSTORABLE.sub("", text) if _UNSTORABLE.search(text) else text


def is_clean_text(text: str) -> bool:
    """True when :func:`clean_text` would return ``text`` itself (``False`` may still be clean).

    One pass or two over clean text instead of the cleaning passes: printable text (no control,
    format, surrogate or separator character but the space) holding no tag or entity start, no
    double space, no space at either end, already NFC.
    """
    return (
        text.isprintable()
        and "<" not in text
        and "&" not in text
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and (text.isascii() or unicodedata.is_normalized("NFC", text))
    )


def markup_tags(text: str) -> frozenset[str]:
    """Names of the tags in ``text`` a browser renders as markup (see the module docstring): void
    and optional-end elements, self-closed tags, elements whose opening and closing tags both appear."""
    opened: set[str] = set()
    closed: set[str] = set()
    markup: set[str] = set()
    for match in _TAG.finditer(text):
        name = match.group(2).lower()
        if match.group(3) or name in UNCLOSED_ELEMENTS:
            markup.add(name)
        (closed if match.group(1) else opened).add(name)
    return frozenset(markup | (opened & closed))


def strip_markup(text: str) -> str:
    """``text`` without its comments and markup tags; script and style content out too."""
    if "<!--" in text:
        text = remove_comments(text)
    names = markup_tags(text)
    if not names:
        return text
    hidden = tuple(name for name in HIDDEN_ELEMENTS if name in names)
    if hidden:
        text = remove_tags_with_content(text, which_ones=hidden)
    return remove_tags(text, which_ones=tuple(names))


def clean_text(value: str | None) -> str | None:
    """Entities decoded, then markup out (see the module docstring), invisible and control
    characters out, whitespace collapsed.

    ``None`` if nothing is left. Control characters that Python counts as white space (form
    feed, the C1 next-line...) become a space; the others and lone surrogates are dropped.
    """
    if value is None:
        return None
    if value and is_clean_text(value):
        return value
    text = value
    if "&" in text:
        text = replace_entities(text)
    if "<" in text:
        text = strip_markup(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    if _UNSTORABLE.search(text):
        text = _SPACES.sub(" ", _UNSTORABLE.sub("", text)).strip()
    return text or None


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Clean each paragraph and drop the empty ones."""
    cleaned = (clean_text(p) for p in paragraphs)
    return [p for p in cleaned if p]


def clean_body(body: str | None) -> str | None:
    """Normalise a body made of paragraphs separated by blank lines."""
    if body is None:
        return None
    # Clean exactly when its paragraphs joined by spaces are: a newline left over is not
    # printable, an empty or space-edged paragraph leaves a double or edge space, and neither a
    # space nor a newline composes with a neighbour under NFC.
    if body and is_clean_text(body.replace("\n\n", " ")):
        return body
    paragraphs = clean_paragraphs(_BLANK_LINES.split(body.replace("\r\n", "\n")))
    return "\n\n".join(paragraphs) or None


def parse_date(raw: str | None) -> datetime | None:
    """Parse ISO 8601 (a zone name after the stamp too: ``16:02:50CDT``), RFC 822, or the first date
    written in a short text, in many languages ("December 6, 2024", "Erschienen am: 01.11.2023",
    "29 июня 2020": :func:`newsbot.dates.parse_written_date`)."""
    text = clean_text(raw)
    if not text:
        return None
    iso = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d\d-\d\d \d", text) else text
    for candidate in (iso, iso_with_zone_name(text)):
        if candidate:
            try:
                return datetime.fromisoformat(candidate)
            except ValueError:
                pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    return parse_written_date(text)


def normalise_date(raw: str | None) -> str | None:
    """ISO 8601 text of a date: with its UTC offset when the source gave one or a time zone.

    A source that gives only a day ("December 6, 2024") yields a date ("2024-12-06"): no time or
    offset is invented. A time without a zone is kept without an offset.
    """
    parsed = parse_date(raw)
    if parsed is None:
        return None
    is_day_only = (
        parsed.hour == parsed.minute == parsed.second == 0
        and parsed.tzinfo is None
        and (not re.search(r"\d:\d", raw or ""))
    )
    if is_day_only:
        return parsed.date().isoformat()
    return parsed.isoformat()


def to_timestamp(iso: str | None) -> float | None:
    """Epoch seconds of an ISO date from :func:`normalise_date` (naive values read as UTC)."""
    parsed = parse_date(iso)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def split_url(url: str) -> SplitResult | None:
    """``urlsplit(url)``, or ``None`` for a URL it rejects (a bad bracketed host: ``http://[oops``)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def join_url(base: str, href: str) -> str | None:
    """``href`` resolved against ``base``, or ``None`` when either is not a URL ``urljoin`` accepts.

    The one way extraction resolves links: a page's hrefs are untrusted text.
    """
    try:
        return urljoin(base, href.strip())
    except ValueError:
        return None


def clean_url(url: str | None) -> str | None:
    """Canonical form of any URL: tracking parameters and fragment out, query sorted, default port out.

    ``None`` for an empty URL and for text w3lib cannot read as a URL (bad IPv6 host, bad port).
    """
    if not url:
        return None
    url = storable(url.strip())
    try:
        cleaned = url_query_cleaner(url, TRACKING_PARAMETERS, remove=True, unique=False)
        canonical = canonicalize_url(cleaned, keep_fragments=False)
        if ":80" in canonical or ":443" in canonical:  # http://host:80/ is http://host/
            parts = urlsplit(canonical)
            if parts.port is not None and parts.port == _DEFAULT_PORTS.get(parts.scheme):
                canonical = urlunsplit(parts._replace(netloc=parts.netloc.rpartition(":")[0]))
        return canonical
    except ValueError:
        return None


@dataclass(frozen=True)
class UrlCanonicaliser:
    """Maps every URL form of one site onto one canonical URL per page.

    ``base_url`` is the site's preferred origin (scheme and host). ``host_aliases`` are other
    hosts serving the same pages (``trtworld.com`` for ``www.trtworld.com``, mirrors); ``www.``
    and the scheme never matter for those. ``article_patterns`` are regular expressions over the
    path whose ``id`` group identifies an article, rewritten to ``article_path`` (e.g.
    ``/article/{id}``) so that one article id is one URL. ``keep_path`` keeps every other path as
    the site wrote it (a site without a profile: ``/story/`` and ``/story`` may be two pages, and
    one of them may answer only with a redirect or a 404); without it a trailing slash is removed.
    """

    base_url: str
    host_aliases: frozenset[str] = field(default_factory=frozenset)
    article_patterns: tuple[re.Pattern[str], ...] = ()
    article_path: str = "/article/{id}"
    keep_path: bool = False

    def __hash__(self) -> int:
        return self._hash

    @functools.cached_property
    def _hash(self) -> int:
        # computed once: every cached canonical() call hashes the instance, and a tuple of
        # compiled patterns is costly to hash
        return hash((self.base_url, self.host_aliases, self.article_patterns, self.article_path, self.keep_path))

    @property
    def base_host(self) -> str:
        parts = split_url(self.base_url)
        return parts.netloc.lower() if parts else ""

    def is_site_host(self, host: str) -> bool:
        """True when ``host`` serves this site (the base host, www or not, or an alias)."""
        host = host.lower()
        bare = host.removeprefix("www.")
        return (
            host == self.base_host
            or bare == self.base_host.removeprefix("www.")
            or bare in {alias.removeprefix("www.") for alias in self.host_aliases}
        )

    @functools.lru_cache(maxsize=100_000)  # noqa: B019 (as canonical: a page names ~17 article links)
    def article_id(self, url: str) -> str | None:
        """The article id in ``url`` if it is an article of this site, else ``None``."""
        parts = split_url(url)
        if parts is None or not self.is_site_host(parts.netloc):
            return None
        path = parts.path.rstrip("/") or "/"
        for pattern in self.article_patterns:
            match = pattern.fullmatch(path)
            if match:
                return match.group("id").lower()
        return None

    @functools.lru_cache(maxsize=100_000)  # noqa: B019 (instances are few, immutable and long-lived)
    def canonical(self, url: str) -> str | None:
        """The one URL of the page ``url`` points to; off-site URLs are only cleaned."""
        cleaned = clean_url(url)
        if cleaned is None:
            return None
        parts = split_url(cleaned)
        if parts is None or parts.scheme not in ("http", "https"):
            return None
        if not self.is_site_host(parts.netloc):
            return cleaned
        base = urlsplit(self.base_url)
        article = self.article_id(cleaned)
        if article is not None:
            return urlunsplit((base.scheme, base.netloc, self.article_path.format(id=article), "", ""))
        path = (parts.path if self.keep_path else parts.path.rstrip("/")) or "/"
        return urlunsplit((base.scheme, base.netloc, path, parts.query, ""))


def clean_article(item: ArticleItem, urls: UrlCanonicaliser | None = None) -> ArticleItem:
    """A cleaned copy of ``item``: text fields normalised, dates ISO 8601, URLs canonical.

    Every text of the copy is :func:`storable` (no control characters, no lone surrogates), so
    it encodes to UTF-8 whatever the page held. Idempotent: cleaning a clean item changes
    nothing. ``urls`` canonicalises the site's own URLs (article ids, hosts); without it URLs are
    only cleaned of tracking and fragments.
    """
    cleaned: dict[str, str | None] = {}  # each URL of this item cleaned once (the page's own is cleaned twice)

    def clean_once(url: str) -> str | None:
        if url not in cleaned:
            cleaned[url] = clean_url(url)
        return cleaned[url]

    canonical = urls.canonical if urls is not None else clean_once
    authors: dict[str, Author] = {}
    for author in item.authors:
        name = clean_text(author.name)
        if name and name.casefold() not in authors:
            authors[name.casefold()] = Author(name=name, url=canonical(author.url) if author.url else None)
    links: dict[tuple[str, str], Link] = {}
    for link in item.relatedLinks:
        url = canonical(link.url)
        if url and (url, link.kind) not in links:
            links[(url, link.kind)] = Link(url=url, headline=clean_text(link.headline), kind=link.kind)
    image = item.mainImage
    if image is not None:
        image_url = clean_once(image.url)
        image = (
            Image(url=image_url, caption=clean_text(image.caption), credit=clean_text(image.credit))
            if image_url
            else None
        )
    language = clean_text(item.inLanguage)
    return replace(
        item,
        url=clean_once(item.url) or storable(item.url),
        canonicalUrl=(canonical(item.canonicalUrl) if item.canonicalUrl else None) or canonical(item.url),
        headline=clean_text(item.headline),
        description=clean_text(item.description),
        articleBody=clean_body(item.articleBody),
        authors=list(authors.values()),
        datePublished=normalise_date(item.datePublished or item.datePublishedRaw),
        datePublishedRaw=clean_text(item.datePublishedRaw),
        dateModified=normalise_date(item.dateModified),
        inLanguage=language.replace("_", "-") if language else None,
        mainImage=image,
        articleSection=clean_text(item.articleSection),
        keywords=list(dict.fromkeys(k for k in (clean_text(k) for k in item.keywords) if k)),
        sourceCredit=clean_text(item.sourceCredit),
        relatedLinks=list(links.values()),
        metadata={key: storable(value) if isinstance(value, str) else value for key, value in item.metadata.items()},
    )
