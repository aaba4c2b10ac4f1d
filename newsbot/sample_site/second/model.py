"""The second replica's stories and how they are linked (no rendering, no HTTP here)."""

from __future__ import annotations

import itertools
import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from .text import PEOPLE, SECTIONS, Writer

BERLIN = timezone(timedelta(hours=1))
FIRST_ID = 100001
#: Stories listed nowhere (no sitemap, feed or home page): reached only through Related links.
ARCHIVE_CHAIN = 4
WIRE_CREDIT = "(nwa)"


def slugify(text: str) -> str:
    """``text`` as a URL slug: ASCII, lower case, words joined by ``-`` (umlauts spelt out)."""
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", text))[:80].rstrip("-")


@dataclass(frozen=True)
class Author:
    name: str

    @property
    def path(self) -> str:
        return f"/autor/{slugify(self.name)}"


@dataclass
class Story:
    """One page of the site taken for an article (``kind`` ``gallery``: a picture page, no story).

    ``blocks`` is the body in reading order: ``("p", text)``, ``("h2", text)``, ``("ul", [items])``
    or ``("read_also", story id)`` (an inline "Lesen Sie auch:" line). ``evidence`` says what
    marks the page as an article: ``jsonld`` (JSON-LD NewsArticle), ``og`` (only
    ``og:type=article``) or ``none`` (only its URL shape). ``listed``: in the sitemaps, feed and
    home page; an unlisted story is reached only through links.
    """

    id: int
    section: str
    headline: str
    teaser: str
    blocks: list[tuple[str, object]]
    authors: list[Author]
    published: datetime
    modified: datetime
    keywords: list[str]
    evidence: str = "jsonld"
    kind: str = "story"
    listed: bool = True
    wire: bool = False
    copy_of: int | None = None
    jsonld_body: bool = False
    related: list[int] = field(default_factory=list)
    recommended: list[int] = field(default_factory=list)
    comments: list[tuple[str, str]] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"/{self.section}/{slugify(self.headline)}-{self.id}.html"

    @property
    def section_name(self) -> str:
        return SECTIONS[self.section][0]

    def paragraphs(self) -> list[str]:
        """The story text as a reader reads it: paragraphs and list items, subheadings left out."""
        found: list[str] = []
        for kind, value in self.blocks:
            if kind == "p":
                found.append(str(value))
            elif kind == "ul":
                found.extend(str(item) for item in value)  # type: ignore[attr-defined]
        return found


def _story(rng: random.Random, number: int, when: datetime) -> Story:
    section = rng.choice(list(SECTIONS))
    writer = Writer(rng, section)
    blocks: list[tuple[str, object]] = []
    for n in range(rng.randint(4, 6)):
        if n == 2 and rng.random() < 0.5:
            blocks.append(("h2", writer.fill("Wie es mit {topic} weitergeht")))
        blocks.append(("p", writer.paragraph(rng.randint(2, 3))))
    if rng.random() < 0.3:
        intro, items = writer.bullet_list()
        blocks.insert(3, ("p", intro))
        blocks.insert(4, ("ul", items))
    authors = [] if rng.random() < 0.15 else [Author(writer.person)]
    if authors and rng.random() < 0.2:
        others = [" ".join(person) for person in PEOPLE if " ".join(person) != writer.person]
        authors.append(Author(rng.choice(others)))
    modified = when + timedelta(minutes=rng.choice((0, 0, 35, 90)))
    evidence = rng.choices(("jsonld", "og", "none"), weights=(7, 2, 1))[0]
    return Story(
        id=FIRST_ID + number,
        section=section,
        headline=writer.headline(),
        teaser=writer.teaser(),
        blocks=blocks,
        authors=authors,
        published=when,
        modified=modified,
        keywords=[writer.topic, writer.town],
        evidence=evidence,
        jsonld_body=evidence == "jsonld" and rng.random() < 0.5,
        comments=[writer.comment() for _ in range(rng.randint(0, 4))],
    )


def _wire_copy(rng: random.Random, original: Story, number: int) -> Story:
    """The original's agency text again under a new headline: one paragraph dropped, one word changed."""
    blocks = [block for block in original.blocks if block[0] != "read_also"]
    paragraphs = [n for n, (kind, _) in enumerate(blocks) if kind == "p"]
    if len(paragraphs) > 3:
        del blocks[paragraphs[-1]]
    first = next(n for n, (kind, _) in enumerate(blocks) if kind == "p")
    blocks[first] = ("p", str(blocks[first][1]).replace(" am Dienstag ", " am Mittwoch ", 1))
    writer = Writer(rng, original.section)
    return Story(
        id=FIRST_ID + number,
        section=original.section,
        headline=writer.headline(),
        teaser=original.teaser,
        blocks=blocks,
        authors=[],
        published=original.published + timedelta(minutes=40),
        modified=original.published + timedelta(minutes=40),
        keywords=list(original.keywords),
        evidence="jsonld",
        wire=True,
        copy_of=original.id,
    )


def build_stories(seed: int, count: int) -> dict[int, Story]:
    """``count`` stories (wire copies, an archive chain and a gallery among them), linked."""
    if count < 20:
        raise ValueError("the second replica needs at least 20 stories")
    rng = random.Random(f"newsbot-second-replica:{seed}")
    start = datetime(2026, 11, 20, 6, 0, tzinfo=BERLIN)
    stories: dict[int, Story] = {}
    originals = count - 3 - ARCHIVE_CHAIN - 1
    for number in range(originals):
        when = start + timedelta(minutes=47 * number + rng.randint(0, 30))
        story = _story(rng, number, when)
        story.wire = number % 9 == 4
        if story.wire:
            story.authors = []
        stories[story.id] = story
    wires = [s for s in stories.values() if s.wire][:3]
    for offset, original in enumerate(wires):
        copy = _wire_copy(rng, original, originals + offset)
        stories[copy.id] = copy
    number = originals + len(wires)
    chain: list[Story] = []
    for n in range(ARCHIVE_CHAIN):  # older stories, each the Related link of the one before
        story = _story(rng, number, start - timedelta(days=30 + n))
        story.listed, story.evidence = False, "jsonld"
        stories[story.id] = story
        chain.append(story)
        number += 1
    gallery = _story(rng, number, start + timedelta(minutes=5))
    gallery.kind, gallery.evidence, gallery.blocks = "gallery", "none", [("p", gallery.teaser)]
    gallery.comments = []
    stories[gallery.id] = gallery
    _link(rng, stories, chain)
    return stories


def _link(rng: random.Random, stories: dict[int, Story], chain: list[Story]) -> None:
    listed = [s for s in stories.values() if s.listed and s.kind == "story"]
    for story in listed:
        same = [s.id for s in listed if s.section == story.section and s.id != story.id]
        story.related = rng.sample(same, min(len(same), rng.randint(0, 3)))
        others = [s.id for s in listed if s.id != story.id and s.id not in story.related]
        story.recommended = rng.sample(others, 3)
        if story.related and rng.random() < 0.35:
            at = rng.randint(1, 2)
            story.blocks.insert(at, ("read_also", story.related[0]))
    head = listed[0]
    head.related = [chain[0].id, *head.related[:1]]
    for before, after in itertools.pairwise(chain):
        before.related = [after.id]
    for story in chain:
        story.recommended = []
