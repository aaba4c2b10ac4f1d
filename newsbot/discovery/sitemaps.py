"""Read a sitemap (index, urlset, Google News sitemap; gzip or not) within fixed bounds.

The protocol (sitemaps.org) allows 50,000 URLs and 50 MB a file; a news crawler wants the newest
few hundred. :func:`read_sitemap` never raises on what a site sends: a body that is not a sitemap
comes back as ``kind="invalid"`` with the reason in ``error``, so the caller reports it and goes
on. Entities are never resolved and nothing is fetched by the XML parser.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass, field

from lxml import etree

from newsbot.cleaning import split_url

NEWS_NAMESPACE = "http://www.google.com/schemas/sitemap-news/0.9"
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<url>`` (or ``<sitemap>``) of a sitemap.

    ``news`` is True for an entry of a Google News sitemap (a ``<news:news>`` child), whose
    ``title``, ``published`` and ``language`` come from that block.
    """

    url: str
    lastmod: str | None = None
    news: bool = False
    title: str | None = None
    published: str | None = None
    language: str | None = None

    @property
    def date(self) -> str:
        """The entry's newest known date as text (ISO 8601 sorts as text), or ``""``."""
        return max(self.published or "", self.lastmod or "")


@dataclass
class Sitemap:
    """What a sitemap body holds.

    ``kind`` is ``index`` (``entries`` are sitemaps), ``urlset`` (pages; also a plain-text
    sitemap) or ``invalid`` (``error`` says why). ``skipped`` counts entries left out by the
    ``max_urls`` bound (the newest are kept); ``error`` is also set when a malformed body could
    be read only in part.
    """

    kind: str
    entries: list[SitemapEntry] = field(default_factory=list)
    error: str | None = None
    skipped: int = 0

    @property
    def is_news(self) -> bool:
        return any(entry.news for entry in self.entries)


def _decompressed(body: bytes, max_bytes: int) -> bytes:
    """``body``, gunzipped when it is gzip data; at most ``max_bytes`` (``ValueError`` beyond)."""
    if not body.startswith(_GZIP_MAGIC):
        if len(body) > max_bytes:
            raise ValueError(f"larger than {max_bytes} bytes")
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            data = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise ValueError(f"bad gzip data: {error}") from error
    if len(data) > max_bytes:
        raise ValueError(f"larger than {max_bytes} bytes once decompressed")
    return data


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(element: etree._Element, name: str, namespace: str | None = None) -> str | None:
    for child in element:
        if _local(child.tag) == name and (namespace is None or etree.QName(child.tag).namespace == namespace):
            text = (child.text or "").strip()
            return text or None
    return None


def _web_url(text: str | None) -> str | None:
    if not text:
        return None
    parts = split_url(text.strip())
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return text.strip()


def _entry(element: etree._Element) -> SitemapEntry | None:
    url = _web_url(_child_text(element, "loc"))
    if url is None:
        return None
    news = next(
        (c for c in element if _local(c.tag) == "news" and etree.QName(c.tag).namespace == NEWS_NAMESPACE), None
    )
    if news is None:
        return SitemapEntry(url=url, lastmod=_child_text(element, "lastmod"))
    publication = next((c for c in news if _local(c.tag) == "publication"), None)
    return SitemapEntry(
        url=url,
        lastmod=_child_text(element, "lastmod"),
        news=True,
        title=_child_text(news, "title"),
        published=_child_text(news, "publication_date"),
        language=_child_text(publication, "language") if publication is not None else None,
    )


def _parse(data: bytes) -> tuple[etree._Element | None, str | None]:
    """The document's root, and the parser's complaint when the body is not well-formed."""
    strict = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(data, parser=strict), None
    except etree.XMLSyntaxError as error:
        complaint = f"not well-formed XML: {error}"
    lenient = etree.XMLParser(
        resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True, recover=True
    )
    try:
        return etree.fromstring(data, parser=lenient), complaint
    except etree.XMLSyntaxError:
        return None, complaint


def _plain_text(data: bytes) -> list[SitemapEntry]:
    text = data.decode("utf-8", errors="replace")
    return [SitemapEntry(url=url) for url in (_web_url(line) for line in text.splitlines()) if url]


def _newest(entries: list[SitemapEntry], max_urls: int) -> tuple[list[SitemapEntry], int]:
    unique = list({entry.url: entry for entry in reversed(entries)}.values())[::-1]  # first of each URL kept
    if len(unique) <= max_urls:
        return unique, 0
    # newest first (undated entries last, in document order); the kept ones stay in document order
    order = sorted(range(len(unique)), key=lambda n: unique[n].date, reverse=True)
    kept = sorted(order[:max_urls])
    return [unique[n] for n in kept], len(unique) - max_urls


def read_sitemap(body: bytes, max_urls: int = 1000, max_bytes: int = 50 * 1024 * 1024) -> Sitemap:
    """The entries of a sitemap body: at most ``max_urls`` (the newest), from at most ``max_bytes``.

    Gzip bodies (``.xml.gz``) are decompressed, bounded by ``max_bytes`` too. A body that is not
    XML but lists http(s) URLs one per line is a plain-text sitemap (also in the protocol).
    """
    try:
        data = _decompressed(body, max_bytes)
    except ValueError as error:
        return Sitemap("invalid", error=str(error))
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if not start:
        return Sitemap("invalid", error="empty body")
    if start != b"<":
        entries = _plain_text(data)
        if not entries:
            return Sitemap("invalid", error="neither XML nor a list of URLs")
        kept, skipped = _newest(entries, max_urls)
        return Sitemap("urlset", kept, skipped=skipped)
    root, complaint = _parse(data)
    if root is None:
        return Sitemap("invalid", error=complaint or "no XML document")
    kind = {"sitemapindex": "index", "urlset": "urlset"}.get(_local(root.tag))
    if kind is None:
        return Sitemap("invalid", error=f"root element <{_local(root.tag) or root.tag}> is not a sitemap")
    child = "sitemap" if kind == "index" else "url"
    entries = [entry for element in root if _local(element.tag) == child if (entry := _entry(element))]
    if complaint and not entries:
        return Sitemap("invalid", error=complaint)
    kept, skipped = _newest(entries, max_urls)
    return Sitemap(kind, kept, error=complaint, skipped=skipped)
