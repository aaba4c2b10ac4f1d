"""Article URL shapes learnt from a site's own sitemap.

A news site gives its articles addresses of one or a few shapes (``/politik/<slug>-<id>.html``,
``/2024/05/03/<slug>``, ``/story/<number>/<slug>``), and its other pages (sections, tags,
authors, the imprint) other shapes. :func:`url_shape` turns a URL path into its shape, one token
per path segment:

- ``{id}``: a number of 5 digits or more, or a hexadecimal id of 8 characters or more;
- ``{slug}``: words joined by ``-`` or ``_`` with 4 words or more, or ending in a number of 4
  digits or more (``bahn-streik-12345``, ``article123456``);
- ``{num}``: a shorter number (a year, a month, a day);
- ``{word}``: anything else (a section name, ``news``, ``thema``);
- a file extension (``.html``, ``.php``...) stays on its token; the query string is ignored.

:class:`ArticlePatterns` counts the shapes of the URLs listed in the site's sitemaps. A shape is
learnt when at least ``min_support`` URLs have it and it holds an identifier (``{id}`` or
``{slug}``): a shape made of words and short numbers only names sections and listings, never one
story. A URL of a learnt shape is taken for an article without asking its page; any other URL
must prove it is one by its structured data (:func:`newsbot.discovery.pages.article_evidence`).

Workers of one run that share a frontier add up their counts (:meth:`ArticlePatterns.adopt`):
a shape is written as a path (:func:`shape_path`, ``/{word}/{slug}.html``) to travel in Redis and
in a request's meta.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from urllib.parse import unquote

from newsbot.cleaning import split_url

Shape = tuple[str, ...]
IDENTIFIERS = frozenset({"{id}", "{slug}"})
_EXTENSION = re.compile(r"^(?P<stem>.+?)(?P<ext>\.(?:html?|shtml|php|aspx?|jsp|cms|ece))$")
_LONG_NUMBER = re.compile(r"\d{5,}")
_HEX_ID = re.compile(r"(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}")
_SEPARATORS = re.compile(r"[-_]+")
_TRAILING_NUMBER = re.compile(r"[a-z]\d{4,}$|(?:^|[-_])\d{4,}$")


def _token(segment: str) -> str:
    segment = unquote(segment).lower()
    match = _EXTENSION.match(segment)
    stem, ext = (match.group("stem"), match.group("ext")) if match else (segment, "")
    if stem.isdigit():
        kind = "{id}" if _LONG_NUMBER.fullmatch(stem) else "{num}"
    elif _HEX_ID.fullmatch(stem):
        kind = "{id}"
    elif _TRAILING_NUMBER.search(stem) or len([w for w in _SEPARATORS.split(stem) if w]) >= 4:
        kind = "{slug}"
    else:
        kind = "{word}"
    return kind + ext


def url_shape(url: str) -> Shape | None:
    """The shape of ``url``'s path (see the module docstring), ``None`` for a URL that has none."""
    parts = split_url(url)
    if parts is None or parts.scheme not in ("http", "https"):
        return None
    return tuple(_token(segment) for segment in parts.path.split("/") if segment)


def shape_path(shape: Shape) -> str:
    """``shape`` written as a path: ``/{word}/{slug}.html`` (tokens never hold a ``/``)."""
    return "/" + "/".join(shape)


def parse_shape_path(path: str) -> Shape:
    """The shape written by :func:`shape_path`."""
    return tuple(token for token in path.split("/") if token)


def _holds_identifier(shape: Shape) -> bool:
    return any(token.split(".")[0] in IDENTIFIERS for token in shape)


def has_identifier(url: str) -> bool:
    """True when ``url``'s path holds an article identifier (an ``{id}`` or ``{slug}`` segment).

    The rule for links when the site taught no shapes: the home page's links and the links of a
    Related block that may be articles.
    """
    shape = url_shape(url)
    return bool(shape) and _holds_identifier(shape)  # type: ignore[arg-type]


def date_path(url: str) -> bool:
    """True when ``url``'s path has a publication date before a named page: ``/2019/10/05/<slug>``,
    ``/news/2024/05/<slug>.html`` (a year 1990-2099, a month 1-12, optionally a day, then a segment
    that is not a number)."""
    parts = split_url(url)
    if parts is None:
        return False
    segments = [segment for segment in parts.path.split("/") if segment]
    for n, segment in enumerate(segments[:-2]):
        if len(segment) == 4 and segment.isdigit() and 1990 <= int(segment) <= 2099:
            month = segments[n + 1]
            if month.isdigit() and len(month) <= 2 and 1 <= int(month) <= 12:
                # a named page after the date; /2024/05/03/ alone is the day's archive
                return any(not rest.isdigit() for rest in segments[n + 2 :])
    return False


def article_shaped(url: str) -> bool:
    """True when ``url`` looks like one story's address without any shape learnt: an identifier
    (:func:`has_identifier`: a long number, a long slug) or a date path (:func:`date_path`)."""
    return has_identifier(url) or date_path(url)


class ArticlePatterns:
    """The article URL shapes of one site, learnt from the URLs of its sitemaps.

    ``min_support``: how many sitemap URLs must share a shape before it is learnt.
    """

    def __init__(self, min_support: int = 3) -> None:
        self.min_support = min_support
        self.counts: Counter[Shape] = Counter()
        self.learnt: set[Shape] = set()

    def learn(self, urls: list[str]) -> Counter[Shape]:
        """Count the shapes of ``urls``; shapes that reach the support and hold an identifier are learnt.

        Returns what was counted (shape -> URLs), for workers that add up their counts.
        """
        added: Counter[Shape] = Counter()
        for url in urls:
            shape = url_shape(url)
            if shape and _holds_identifier(shape):
                added[shape] += 1
        self.adopt({shape: self.counts[shape] + n for shape, n in added.items()})
        return added

    def adopt(self, counts: Mapping[Shape, int]) -> set[Shape]:
        """Take ``counts`` (e.g. a run's totals, this worker's own counts included) where they are
        higher than this site's; returns the shapes learnt by them that were not learnt before."""
        new: set[Shape] = set()
        for shape, count in counts.items():
            if count <= self.counts[shape] or not _holds_identifier(shape):
                continue
            self.counts[shape] = count
            if count >= self.min_support and shape not in self.learnt:
                self.learnt.add(shape)
                new.add(shape)
        return new

    def shape_of(self, url: str) -> Shape | None:
        """``url``'s shape when it is a learnt article shape, else None."""
        if not self.learnt:
            return None
        shape = url_shape(url)
        return shape if shape in self.learnt else None

    def matches(self, url: str) -> bool:
        """True when ``url`` has a learnt article shape."""
        return self.shape_of(url) is not None

    def describe(self) -> list[str]:
        """The learnt shapes as paths (``/{word}/{slug}.html``), most frequent first (for logs)."""
        ranked = sorted(self.learnt, key=lambda shape: -self.counts[shape])
        return [shape_path(shape) for shape in ranked]
