"""RSS/Atom: feeds a page announces (autodiscovery), and the items of a feed."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from parsel import Selector

from newsbot.cleaning import join_url, split_url

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+xml"})


def feed_links(selector: Selector, page_url: str, limit: int = 10) -> list[str]:
    """The feeds a page announces with ``<link rel="alternate" type="application/rss+xml|atom+xml">``.

    ``rel`` may hold several tokens (``rel="alternate home"``); the type is compared without
    parameters or case. URLs are resolved against the page (its ``<base href>`` is not read:
    autodiscovery links are absolute or root-relative in practice). Each once, in page order.
    """
    found: dict[str, None] = {}
    for link in selector.xpath("//link[@href][@rel][@type]"):
        rel = (link.attrib.get("rel") or "").lower().split()
        kind = (link.attrib.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rel or kind not in FEED_TYPES:
            continue
        url = join_url(page_url, link.attrib["href"])
        parts = split_url(url) if url else None
        if url and parts is not None and parts.scheme in ("http", "https"):
            found[url] = None
            if len(found) >= limit:
                break
    return list(found)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: its link, title, publication date and last update (Atom ``updated``) as written."""

    url: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None


@dataclass
class Feed:
    """The items of a feed (at most the bound asked for); ``error`` says why a body was not read,
    or what of it was not (``unreadable``: items whose link names an XML entity)."""

    entries: list[FeedEntry] = field(default_factory=list)
    error: str | None = None
    skipped: int = 0
    unreadable: int = 0


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _text(element: etree._Element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name:
            text = " ".join("".join(child.itertext()).split())
            return text or None
    return None


def _names_entity(item: etree._Element) -> bool:
    """True when the link of ``item`` holds an XML entity reference (left unresolved)."""
    for child in item:
        if _local(child.tag) in ("link", "guid") and any(isinstance(node, etree._Entity) for node in child.iter()):
            return True
    return False


def _rss_link(item: etree._Element) -> str | None:
    link = _text(item, "link")
    if link:
        return link
    for child in item:  # a permalink guid stands for a missing <link>
        if _local(child.tag) == "guid" and child.get("isPermaLink", "true").lower() != "false":
            return (child.text or "").strip() or None
    return None


def _atom_link(entry: etree._Element) -> str | None:
    for child in entry:
        if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate" and child.get("href"):
            return child.get("href")
    return None


def read_feed(body: bytes, feed_url: str, max_items: int = 100) -> Feed:
    """The first ``max_items`` items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed; never raises.

    Links are resolved against ``feed_url``; items without an http(s) link are left out. XML
    entities are never resolved (an external one could read a local file or another host): an
    item whose link names one is not read (``unreadable``) and the others are. What could not be
    read (a body that is not a feed, a feed that is not well-formed, unreadable items) is named in
    ``error``, with every item that could be read.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, remove_comments=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except (etree.XMLSyntaxError, ValueError) as error:
        return Feed(error=f"not XML: {error}")
    if root is None:
        return Feed(error="not XML")
    broken = [e for e in parser.error_log if e.level >= etree.ErrorLevels.ERROR]
    if _local(root.tag) not in ("rss", "RDF", "feed"):
        return Feed(error=f"root element <{_local(root.tag)}> is not a feed")
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    count = unreadable = 0
    for element in root.iter(etree.Element):
        name = _local(element.tag)
        if name in ("item", "entry") and _names_entity(element):
            unreadable += 1
            continue
        if name == "item":
            href, published = _rss_link(element), _text(element, "pubDate") or _text(element, "date")
            updated = _text(element, "updated") or _text(element, "modified")
        elif name == "entry":
            updated = _text(element, "updated")
            href, published = _atom_link(element), _text(element, "published") or updated
        else:
            continue
        url = join_url(feed_url, href) if href else None
        parts = split_url(url) if url else None
        if not url or parts is None or parts.scheme not in ("http", "https") or url in seen:
            continue
        count += 1
        if len(entries) < max_items:
            seen.add(url)
            entries.append(FeedEntry(url, _text(element, "title"), published, updated))
    complaints = []
    if broken:
        complaints.append(f"not well-formed XML (line {broken[0].line}: {broken[0].message})")
    if unreadable:
        complaints.append(f"{unreadable} items name their link through an XML entity, which is never resolved")
    return Feed(entries, error="; ".join(complaints) or None, skipped=count - len(entries), unreadable=unreadable)
