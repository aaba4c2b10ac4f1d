"""Deterministic story generator: sentences from the phrase banks, ids, authors and dates.

Everything is drawn from a ``random.Random`` seeded by the caller, so the same seed always
gives the same stories. The link graph of a generated site is built in
:mod:`newsbot.sample_site.graph`.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from . import banks
from .model import SECTIONS_BY_SLUG, Article, HeroImage, Person
from .urls import slugify

_TOKEN = re.compile(r"\{(\w+)\}|\b(" + "|".join(map(re.escape, banks.STYLE_VARIANTS)) + r")\b")
#: Sentence-initial words that stay correct when lower-cased after an opener.
_OPENER_SAFE = frozenset(
    (
        "The",
        "A",
        "Some",
        "Officials",
        "Several",
        "Local",
        "Experts",
        "Critics",
        "Engineers",
        "Funding",
        "Markets",
        "Environmental",
        "Residents",
        "Aid",
        "Data",
        "Figures",
        "Work",
        "Questions",
        "Under",
        "There",
        "According",
        "Previous",
        "Observers",
        "Opposition",
        "Prices",
        "Economists",
        "Hospitals",
        "Lawmakers",
        "Banks",
        "Unions",
        "Volunteers",
        "Transport",
    )
)
_LITERAL, _SLOT, _STYLE = 0, 1, 2
#: Slots filled by one pick from a bank.
_BANK_SLOTS: dict[str, tuple[str, ...]] = {
    "group": banks.GROUPS,
    "concern": banks.CONCERNS,
    "outcome": banks.OUTCOMES,
    "timeframe": banks.TIMEFRAMES,
    "adj": banks.ADJECTIVES,
    "role": banks.ROLES,
    "quote": banks.QUOTES,
    "month": banks.MONTHS,
    "weekday": banks.WEEKDAYS,
    "verb": ("approved", "endorsed", "unveiled", "confirmed", "signed off on"),
}


@cache
def _compile(template: str) -> tuple[tuple[int, str], ...]:
    """``template`` as literal, ``{slot}`` and style-word tokens (cached: templates are few)."""
    tokens: list[tuple[int, str]] = []
    pos = 0
    for match in _TOKEN.finditer(template):
        if match.start() > pos:
            tokens.append((_LITERAL, template[pos : match.start()]))
        if match.group(1):
            tokens.append((_SLOT, match.group(1)))
        else:
            tokens.append((_STYLE, match.group(2)))
        pos = match.end()
    if pos < len(template):
        tokens.append((_LITERAL, template[pos:]))
    return tuple(tokens)


@dataclass(frozen=True)
class Topic:
    """What one generated story is about; slots of every sentence are filled around it."""

    section: str
    place: str
    subject: str
    actor: str


def new_hex_id(rng: random.Random, taken: set[str] | dict[str, object]) -> str:
    """A fresh 12-lowercase-hex article id not in ``taken``."""
    while True:
        candidate = f"{rng.getrandbits(48):012x}"
        if candidate not in taken:
            return candidate


def new_legacy_id(rng: random.Random, taken: set[str] | dict[str, object]) -> str:
    """A fresh 8-digit legacy article id not in ``taken``."""
    while True:
        candidate = str(rng.randrange(10_000_000, 20_000_000))
        if candidate not in taken:
            return candidate


def make_authors(rng: random.Random, count: int) -> list[Person]:
    """``count`` invented authors with distinct ``first.last`` slugs."""
    people: dict[str, Person] = {}
    while len(people) < count:
        first, last = rng.choice(banks.FIRST_NAMES), rng.choice(banks.LAST_NAMES)
        slug = f"{slugify(first)}.{slugify(last)}"
        people.setdefault(slug, Person(f"{first} {last}", slug, f"{first} {last} is a TRT World reporter."))
    return list(people.values())


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class StoryWriter:
    """Writes generated stories (headline, standfirst, body, image...) from one ``rng``."""

    def __init__(self, rng: random.Random) -> None:
        """Use ``rng`` for every choice, so the caller controls determinism."""
        self.rng = rng
        self.style: dict[str, str] = {}

    def pick(self, bank: tuple[str, ...]) -> str:
        """One item of ``bank`` (faster than ``random.choice``, equally deterministic)."""
        return bank[int(self.rng.random() * len(bank))]

    def new_style(self) -> None:
        """Pick a fresh house style (one variant per style word) for the next story."""
        self.style = {key: self.pick(options) for key, options in banks.STYLE_VARIANTS.items()}

    def sentence(self, template: str, topic: Topic) -> str:
        """One body sentence: styled, filled and sometimes given an opener."""
        text = self.fill(template, topic)
        first = text.split(" ", 1)[0]
        if first in _OPENER_SAFE and self.rng.random() < 0.25:
            text = f"{self.pick(banks.OPENERS)} {text[0].lower()}{text[1:]}"
        return text

    def topic(self, section: str) -> Topic:
        """Pick a place, subject and acting institution for a story in ``section``."""
        return Topic(
            section,
            self.pick(banks.PLACES[section]),
            self.pick(banks.SUBJECTS[section]),
            self.pick(banks.ACTORS[section]),
        )

    def fill(self, template: str, topic: Topic) -> str:
        """Fill ``{slot}`` placeholders (capitalised slot names capitalise) and style words."""
        out = []
        for kind, text in _compile(template):
            if kind == _LITERAL:
                out.append(text)
            elif kind == _STYLE:
                out.append(self.style.get(text, text))
            else:
                out.append(self._slot(text, topic))
        return "".join(out)

    def _slot(self, name: str, topic: Topic) -> str:
        r = self.rng
        key = name.lower()
        if key in _BANK_SLOTS:
            text = self.pick(_BANK_SLOTS[key])
        elif key == "place_cap":
            text = _cap(topic.place)
        elif key == "place":
            text = topic.place if r.random() < 0.8 else self.pick(banks.PLACES[topic.section])
        elif key == "subject":
            text = topic.subject
        elif key == "actor":
            text = topic.actor if r.random() < 0.6 else self.pick(banks.ACTORS[topic.section])
        elif key == "person":
            text = f"{self.pick(banks.FIRST_NAMES)} {self.pick(banks.LAST_NAMES)}"
        elif key == "context":
            text = self.fill(self.pick(banks.CONTEXTS), topic)
        elif key == "small":
            text = str(2 + int(r.random() * 8))
        elif key in ("number", "percent"):
            text = str(3 + int(r.random() * 93))
        else:
            raise KeyError(f"unknown template slot {name!r}")
        return _cap(text) if name[0].isupper() else text

    def headline(self, topic: Topic) -> str:
        """A headline such as ``Kenya approves rail link after weeks of talks``."""
        r = self.rng
        form = r.randrange(3)
        verb = r.choice(banks.HEADLINE_VERBS)
        if form == 0:
            return f"{_cap(topic.place)} {verb} {topic.subject} {r.choice(banks.QUALIFIERS)}"
        if form == 1:
            return f"{_cap(topic.actor)} {verb} {topic.subject} plan in {topic.place}"
        outcome = r.choice(("new scrutiny", "cautious support", "fresh debate", "questions over cost"))
        return f"{_cap(topic.subject)} in {topic.place} {r.choice(('faces', 'wins', 'stirs'))} {outcome}"

    def standfirst(self, topic: Topic) -> str:
        """One sentence under the headline."""
        return self.fill("{Actor} says the {subject} will {outcome}, but {group} warn that {concern}.", topic)

    def paragraphs(self, topic: Topic, words: int) -> list[str]:
        """Body paragraphs of about ``words`` words (a lede, then 2-4 sentences a paragraph)."""
        r = self.rng
        pool: list[str] = []
        paragraphs = [self.sentence(r.choice(banks.LEDES), topic)]
        count = len(paragraphs[0].split())
        while count < words:
            sentences = []
            for _ in range(r.randint(2, 4)):
                if not pool:
                    pool = list(banks.SENTENCES)
                    r.shuffle(pool)
                sentences.append(self.sentence(pool.pop(), topic))
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        return paragraphs

    def update_sentence(self, topic: Topic) -> str:
        """A sentence appended to a paragraph when a story is updated."""
        return self.fill("Later on {weekday}, {actor} added that the {subject} would be reviewed {timeframe}.", topic)

    def image(self, topic: Topic) -> HeroImage:
        """A hero image with a caption about the topic and a photo credit."""
        r = self.rng
        key = f"{r.getrandbits(32):08x}-{r.getrandbits(16):04x}"
        return HeroImage(key, self.fill(r.choice(banks.CAPTIONS), topic), r.choice(banks.CREDITS))

    def article(
        self,
        article_id: str,
        section: str,
        published: datetime,
        author_pool: list[Person],
        words: tuple[int, int] = (300, 800),
    ) -> tuple[Article, Topic]:
        """A complete generated article (without links) and the topic it was written around."""
        r = self.rng
        self.new_style()
        topic = self.topic(section)
        paragraphs = self.paragraphs(topic, r.randint(*words))
        n_authors = r.choices((0, 1, 2), weights=(3, 6, 1))[0]
        subheads = {}
        if len(paragraphs) > 4 and r.random() < 0.4:
            subheads[r.randrange(2, len(paragraphs) - 1)] = r.choice(banks.SUBHEADS)
        flight = None
        if r.random() < 0.5:
            flight = "split" if r.random() < 0.1 else "whole"
        article = Article(
            id=article_id,
            section=section,
            headline=self.headline(topic),
            standfirst=self.standfirst(topic),
            paragraphs=paragraphs,
            published=published,
            modified=published + timedelta(minutes=r.choice((0, 0, 15, 40, 90, 240))),
            authors=r.sample(author_pool, n_authors),
            image=self.image(topic) if r.random() < 0.88 else None,
            keywords=[topic.place, _cap(topic.subject), SECTIONS_BY_SLUG[section].name],
            source=r.choice(banks.SOURCES),
            subheads=subheads,
            flight=flight,
            jsonld=r.random() < 0.15,
        )
        return article, topic
