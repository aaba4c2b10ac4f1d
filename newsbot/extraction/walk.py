"""One walk over a page for the elements several rules read: scripts, ``<meta>``, ``<link>``,
the ``h1``-``h3`` headings and forms.

Each ``root.iter(tag)`` is a walk of every node of the page (what it costs: bench/RESULTS.md,
"Right on unseen sites (#18): body and CPU per page"); one walk collecting all of these, in document
order, serves the JSON-LD and flight readers, the ``<head>`` metadata, the headline and the
sign-up boxes of the body. No settings.
"""

from __future__ import annotations

from typing import NamedTuple

from lxml import etree

HEADING_TAGS = ("h1", "h2", "h3")
WALKED = ("script", "meta", "link", "form", *HEADING_TAGS)


class PageElements(NamedTuple):
    """The page's elements of each kind, in document order (``headings``: ``h1``-``h3`` mixed)."""

    scripts: list[etree._Element]
    metas: list[etree._Element]
    links: list[etree._Element]
    forms: list[etree._Element]
    headings: list[etree._Element]


def page_elements(root: etree._Element) -> PageElements:
    """Every script, ``<meta>``, ``<link>``, form and ``h1``-``h3`` heading under ``root``, in one walk."""
    found = PageElements([], [], [], [], [])
    lists = {"script": found.scripts, "meta": found.metas, "link": found.links, "form": found.forms}
    headings = found.headings
    for element in root.iter(*WALKED):
        kind = lists.get(element.tag)
        if kind is not None:
            kind.append(element)
        else:
            headings.append(element)
    return found
