"""Plain data classes of the replica site: people, images, links, articles and sections."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

#: Istanbul time, used for every date the page shows or puts in ``<head>``.
TRT_TZ = timezone(timedelta(hours=3))

#: Image CDN prefix used by hero images (never fetched: the replica serves no images).
IMAGE_CDN = "https://images-cdn.trtworld.com/w960/q75/"

_MARKUP_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


@dataclass(frozen=True)
class Section:
    """A site section: URL slug, visible upper-case label and the name used in metadata."""

    slug: str
    label: str
    name: str


#: Sections in top-navigation order. ``infographics`` exists in the menu but holds no articles.
SECTIONS: tuple[Section, ...] = (
    Section("politics", "WORLD", "World"),
    Section("turkiye", "TÜRKİYE", "Türkiye"),
    Section("war-on-gaza", "WAR ON GAZA", "War on Gaza"),
    Section("biztech", "BIZTECH", "BizTech"),
    Section("infographics", "INFOGRAPHICS", "Infographics"),
    Section("features", "FEATURES", "Features"),
    Section("opinion", "OPINION", "Opinion"),
)
SECTIONS_BY_SLUG: dict[str, Section] = {s.slug: s for s in SECTIONS}
#: Sections that articles are written for (all but infographics).
STORY_SECTIONS: tuple[str, ...] = ("politics", "turkiye", "war-on-gaza", "biztech", "features", "opinion")
#: Navigation names shown in the header (differ from metadata names for politics).
NAV_NAMES: dict[str, str] = {
    "politics": "Politics",
    "turkiye": "Türkiye",
    "war-on-gaza": "War on Gaza",
    "biztech": "BizTech",
    "infographics": "Infographics",
    "features": "Features",
    "opinion": "Opinion",
}


@dataclass(frozen=True)
class Person:
    """An author with a profile page at ``/author/<slug>`` (slug is ``first.last``)."""

    name: str
    slug: str
    bio: str = ""

    @property
    def path(self) -> str:
        """Root-relative URL of the author's profile page."""
        return f"/author/{self.slug}"


@dataclass(frozen=True)
class HeroImage:
    """The hero image of an article, shown as ``caption / credit`` under the picture."""

    key: str
    caption: str
    credit: str

    @property
    def url(self) -> str:
        """Absolute CDN URL of the image."""
        return f"{IMAGE_CDN}{self.key}.jpeg"


@dataclass(frozen=True)
class Link:
    """An outgoing link of an article block.

    ``headline`` and ``byline`` are shown as given; when ``headline`` is ``None`` the renderer
    shows the current headline of the article the ``href`` points to (and its byline, if any).
    """

    href: str
    headline: str | None = None
    byline: str | None = None


def strip_markup(text: str) -> str:
    """Return paragraph text with ``[anchor](url)`` link markup reduced to its anchor text."""
    return _MARKUP_LINK.sub(r"\1", text)


def split_markup(text: str) -> list[tuple[str, str | None]]:
    """Split a paragraph into ``(text, href)`` runs; ``href`` is ``None`` for plain text."""
    runs: list[tuple[str, str | None]] = []
    pos = 0
    for match in _MARKUP_LINK.finditer(text):
        if match.start() > pos:
            runs.append((text[pos : match.start()], None))
        runs.append((match.group(1), match.group(2)))
        pos = match.end()
    if pos < len(text):
        runs.append((text[pos:], None))
    return runs


@dataclass
class Article:
    """One story as the site stores it; rendering turns it into the page of the HTML contract.

    ``paragraphs`` may hold ``[anchor](url)`` link markup. ``subheads`` maps a paragraph index to
    an ``<h3>`` shown just before that paragraph. ``published``/``modified`` are aware datetimes.
    ``flight`` is ``None`` (no Next.js flight data), ``"whole"`` (content record inside one
    push chunk) or ``"split"`` (content record cut across two chunks). ``copy_of``/``copy_kind``
    mark near-duplicate wire copies (kinds: new_headline, trimmed, edited, republished).
    """

    id: str
    section: str
    headline: str
    standfirst: str
    paragraphs: list[str]
    published: datetime
    modified: datetime
    authors: list[Person] = field(default_factory=list)
    image: HeroImage | None = None
    keywords: list[str] = field(default_factory=list)
    source: str | None = None
    subheads: dict[int, str] = field(default_factory=dict)
    related: list[Link] = field(default_factory=list)
    recommended: list[Link] = field(default_factory=list)
    explore: list[Link] = field(default_factory=list)
    flight: str | None = None
    jsonld: bool = False
    encoding: str = "utf-8"
    truncated: bool = False
    copy_of: str | None = None
    copy_kind: str | None = None

    @property
    def path(self) -> str:
        """Canonical root-relative URL, ``/article/<id>``."""
        return f"/article/{self.id}"

    @property
    def section_info(self) -> Section:
        """The :class:`Section` this article belongs to."""
        return SECTIONS_BY_SLUG[self.section]

    @property
    def plain_paragraphs(self) -> list[str]:
        """Body paragraphs as a reader sees them (link markup removed, no boxes or source)."""
        return [strip_markup(p) for p in self.paragraphs]

    @property
    def body_text(self) -> str:
        """Body paragraphs joined by blank lines (subheadings, boxes and SOURCE excluded)."""
        return "\n\n".join(self.plain_paragraphs)

    @property
    def word_count(self) -> int:
        """Number of words in the body paragraphs."""
        return sum(len(p.split()) for p in self.plain_paragraphs)

    @property
    def reading_time(self) -> int:
        """Minutes shown as ``N MIN READ`` (200 words a minute, at least 1)."""
        return max(1, math.ceil(self.word_count / 200))
