"""Builds a generated site: many deterministic stories, wire copies and a shallow link graph.

Reachability: the articles listed on the start pages (home, sections, RSS) are the roots of a
tree in which every other article has one parent whose Explore list links to it, with
:data:`BRANCHING` children per page, so every article is at most a few links deep. Explore
lists also link the previous and next article in publication order and random others.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from .contents import SiteContents
from .generator import StoryWriter, Topic, make_authors, new_hex_id, new_legacy_id
from .model import STORY_SECTIONS, Article, Link
from .urls import old_style_path
from .variants import copy_edit, trim

BRANCHING = 4
EXPLORE_SIZE = 15
START = datetime(2024, 1, 2, 6, 0, tzinfo=UTC)
END = datetime(2026, 1, 31, 18, 0, tzinfo=UTC)
LEGACY_SHARE = 0.02
COPY_SHARE = 0.03
COPY_KINDS = ("new_headline", "trimmed", "edited")
OFF_SITE = "https://www.aa.com.tr/en/world/"


def _wire_copy(
    original: Article, topic: Topic, kind: str, article_id: str, published: datetime, writer: StoryWriter
) -> Article:
    """A near-duplicate of ``original`` published later under another id."""
    rng = writer.rng
    paragraphs = list(original.paragraphs)
    headline = original.headline
    if kind == "new_headline":
        headline = writer.headline(topic)
    elif kind == "trimmed":
        paragraphs = trim(paragraphs, 0.7)
    else:
        paragraphs = copy_edit(paragraphs, 0.05, rng)
    return replace(
        original,
        id=article_id,
        headline=headline,
        paragraphs=paragraphs,
        subheads={i: s for i, s in original.subheads.items() if i < len(paragraphs)},
        published=published,
        modified=published,
        authors=[],
        source=rng.choice(("AA", "Reuters", "AFP", "TRT World and Agencies")),
        related=[],
        recommended=[],
        explore=[],
        flight=rng.choice((None, "whole")),
        jsonld=rng.random() < 0.15,
        copy_of=original.id,
        copy_kind=kind,
    )


COPY_DELAY = timedelta(days=3)


def _stories(site: SiteContents, count: int, rng: random.Random) -> list[Article]:
    """Write ``count`` articles in publication order (no links yet), with some wire copies."""
    writer = StoryWriter(rng)
    pool = make_authors(rng, 40)
    site.authors.update({p.slug: p for p in pool})
    step = (END - START) / max(count, 1)
    jitter = max(1, int(step.total_seconds() // 60) - 1)
    made: list[tuple[Article, Topic]] = []
    taken: set[str] = set()
    for i in range(count):
        slot = (START + step * i).replace(second=0, microsecond=0)
        published = slot + timedelta(minutes=rng.randrange(jitter))
        legacy = i < count * LEGACY_SHARE
        article_id = new_legacy_id(rng, taken) if legacy else new_hex_id(rng, taken)
        taken.add(article_id)
        # wire copies follow their original within days, as republished agency stories do
        originals = [
            pair for pair in made[-50:] if pair[0].copy_of is None and published - pair[0].published <= COPY_DELAY
        ]
        if i >= 20 and originals and rng.random() < COPY_SHARE:
            original, topic = rng.choice(originals)
            kind = COPY_KINDS[len(site.wire_copies) % len(COPY_KINDS)]
            article = _wire_copy(original, topic, kind, article_id, published, writer)
            site.wire_copies[article_id] = original.id
        else:
            article, topic = writer.article(article_id, rng.choice(STORY_SECTIONS), published, pool)
        made.append((article, topic))
    return [article for article, _ in made]


def _href(target: Article, rng: random.Random) -> str:
    """Mostly ``/article/<id>``; sometimes another URL form of the same story."""
    if target.id.isdigit() and rng.random() < 0.3:
        return old_style_path(target.section, target.headline, target.id)
    roll = rng.random()
    if roll < 0.01:
        return f"{target.path}?utm_source=twitter&utm_medium=social"
    if roll < 0.02:
        return f"{target.path}#comments"
    if roll < 0.03:
        return f"{target.path}/"
    if roll < 0.04:
        return f"/world{target.path}"
    return target.path


def _link_graph(site: SiteContents, articles: list[Article], rng: random.Random) -> None:
    """Explore (tree children, neighbours, random), Related and RECOMMENDED for every article."""
    roots = sorted(site.start_ids())
    rest = [a.id for a in articles if a.id not in set(roots)]
    rng.shuffle(rest)
    order = roots + rest
    children: dict[str, list[str]] = {}
    for k, child in enumerate(rest):
        children.setdefault(order[k // BRANCHING], []).append(child)
    n = len(articles)
    for i, article in enumerate(articles):
        picks = list(children.get(article.id, ()))
        picks += [articles[j].id for j in (i - 1, i + 1) if 0 <= j < n]
        while len(set(picks)) < min(EXPLORE_SIZE, n - 1):
            picks.append(articles[rng.randrange(n)].id)
        explore = [p for p in dict.fromkeys(picks) if p != article.id][:EXPLORE_SIZE]
        rng.shuffle(explore)
        article.explore = [Link(_href(site.articles[p], rng)) for p in explore]
        if rng.random() < 0.05:
            article.explore.append(Link(f"{OFF_SITE}{rng.getrandbits(24)}", "More from Anadolu Agency"))
        window = range(max(0, i - 200), min(n, i + 200))

        def nearby(k: int, i: int = i, window: range = window) -> list[Article]:
            sample = rng.sample(window, min(k + 1, len(window)))
            return [articles[j] for j in sample if j != i][:k]

        related = rng.choices((0, 1, 2, 3), weights=(2, 4, 3, 1))[0]
        article.related = [Link(_href(t, rng)) for t in nearby(related)]
        if rng.random() < 0.55:
            article.recommended = [Link(t.path) for t in nearby(rng.randint(1, 3))]


def build_generated(site: SiteContents, count: int) -> None:
    """Fill ``site`` with ``count`` generated articles, deterministic from ``site.seed``."""
    rng = random.Random(f"newsbot-sample-site-generated:{site.seed}")
    articles = _stories(site, count, rng)
    for article in articles:
        site.add(article)
    _link_graph(site, articles, rng)
