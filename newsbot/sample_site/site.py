"""The ``SampleSite`` model: articles, listings, the link graph, rendering cache and publishing."""

from __future__ import annotations

import bisect
import random
import threading
from collections import OrderedDict
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urljoin

from . import banks
from .demo import build_demo
from .feed import rss_feed
from .generator import StoryWriter, new_hex_id
from .graph import build_generated
from .model import STORY_SECTIONS, Article, Link, Person
from .render import (
    ClassNames,
    LinkText,
    article_page,
    author_page,
    encode_article,
    listing_page,
    not_found_page,
    section_heading,
    video_page,
)
from .requestlog import RequestLog
from .structured import iso_local
from .urls import article_id_from_path, old_style_target
from .variants import retitle

HOME_SIZE = 30
SECTION_SIZE = 30
FEED_SIZE = 50
#: Rendered article pages kept in memory (rendering one takes about a millisecond).
PAGE_CACHE_SIZE = 2048
LINK_KINDS = ("related", "recommended", "explore")


class SampleSite:
    """An offline news site: a set of articles plus everything needed to serve them.

    Build one with :meth:`demo` (hand-written stories and hard cases) or :meth:`generate`
    (thousands of deterministic generated stories). Attributes:

    - ``articles``: id -> :class:`~newsbot.sample_site.model.Article`
    - ``cases``: hard-case name -> article id (see :mod:`newsbot.sample_site.demo`)
    - ``urls``: special URL name -> root-relative URL (mirror, redirect, dead link, ...)
    - ``link_sources``: special URL name -> id of the article whose page links it
    - ``wire_copies``: id of a near-duplicate copy -> id of the story it copies
    - ``authors`` (slug -> Person), ``videos`` (id -> title), ``request_log`` (:class:`RequestLog`)

    All public methods are thread-safe.
    """

    def __init__(self, seed: int = 0) -> None:
        """An empty site; ``seed`` drives class names, generated text and publishing."""
        self.seed = seed
        self.articles: dict[str, Article] = {}
        self.cases: dict[str, str] = {}
        self.urls: dict[str, str] = {}
        self.link_sources: dict[str, str] = {}
        self.wire_copies: dict[str, str] = {}
        self.authors: dict[str, Person] = {}
        self.videos: dict[str, str] = {}
        self.request_log = RequestLog()
        self.css = ClassNames(seed)
        self.lock = threading.RLock()
        self._order: list[str] = []
        self._keys: list[tuple[datetime, int]] = []
        self._serial = 0
        self._clock: datetime | None = None
        self._pages: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._rng = random.Random(f"newsbot-sample-site-publishing:{seed}")
        self._writer = StoryWriter(self._rng)
        self._links = LinkText(self.resolve, self.videos)

    # -- construction ------------------------------------------------------------------------
    @classmethod
    def demo(cls, seed: int = 0) -> SampleSite:
        """The hand-written demo site with every hard case (see ``cases``)."""
        site = cls(seed)
        build_demo(site)
        return site

    @classmethod
    def generate(cls, articles: int = 5000, seed: int = 1) -> SampleSite:
        """A generated site of ``articles`` stories, fully determined by ``seed``."""
        site = cls(seed)
        build_generated(site, articles)
        return site

    def add(self, article: Article) -> None:
        """Store ``article``, keeping the chronological order used by listings."""
        with self.lock:
            if article.id in self.articles:
                raise ValueError(f"duplicate article id {article.id}")
            self.articles[article.id] = article
            key = (article.published, self._serial)
            self._serial += 1
            index = bisect.bisect(self._keys, key)
            self._keys.insert(index, key)
            self._order.insert(index, article.id)
            latest = max(article.published, article.modified)
            self._clock = latest if self._clock is None else max(self._clock, latest)

    # -- lookups -----------------------------------------------------------------------------
    def get(self, article_id: str) -> Article | None:
        """The article with this id, or ``None``."""
        return self.articles.get(article_id)

    def resolve(self, href: str) -> Article | None:
        """The article an internal href leads to (any URL form, or an old-style redirect)."""
        if not href.startswith("/"):
            return None
        article_id = article_id_from_path(href) or old_style_target(href)
        return self.articles.get(article_id) if article_id else None

    def latest(self, count: int, section: str | None = None, author: str | None = None) -> list[Article]:
        """The ``count`` newest articles, optionally of one section or one author slug."""
        found: list[Article] = []
        with self.lock:
            for article_id in reversed(self._order):
                article = self.articles[article_id]
                if section is not None and article.section != section:
                    continue
                if author is not None and author not in {p.slug for p in article.authors}:
                    continue
                found.append(article)
                if len(found) == count:
                    break
        return found

    def start_ids(self) -> set[str]:
        """Ids linked from the start pages: home, every section page and the RSS feed."""
        ids = {a.id for a in self.latest(HOME_SIZE)} | {a.id for a in self.latest(FEED_SIZE)}
        for section in STORY_SECTIONS:
            ids |= {a.id for a in self.latest(SECTION_SIZE, section=section)}
        return ids

    def article_links(self, article_id: str) -> list[str]:
        """Ids of existing articles linked from the Related, RECOMMENDED and Explore blocks."""
        article = self.articles[article_id]
        ids = []
        for link in (*article.related, *article.recommended, *article.explore):
            target = self.resolve(link.href)
            if target is not None:
                ids.append(target.id)
        return ids

    def depths(self) -> dict[str, int]:
        """Breadth-first link depth of every reachable article (start-page links have depth 1)."""
        depth = {article_id: 1 for article_id in self.start_ids()}
        frontier = list(depth)
        while frontier:
            nxt = []
            for article_id in frontier:
                for target in self.article_links(article_id):
                    if target not in depth:
                        depth[target] = depth[article_id] + 1
                        nxt.append(target)
            frontier = nxt
        return depth

    # -- rendering ---------------------------------------------------------------------------
    def article_bytes(self, article_id: str, base: str) -> bytes:
        """The bytes served for an article page on base URL ``base`` (LRU-cached)."""
        with self.lock:
            key = (article_id, base)
            page = self._pages.get(key)
            if page is None:
                article = self.articles[article_id]
                page = encode_article(article, article_page(article, base, self._links, self.css), self.css)
                self._pages[key] = page
                if len(self._pages) > PAGE_CACHE_SIZE:
                    self._pages.popitem(last=False)
            else:
                self._pages.move_to_end(key)
            return page

    def home_html(self) -> str:
        """The home page: cards of the latest articles."""
        return listing_page("TRT World - Latest news", "Latest", self.latest(HOME_SIZE), self.css)

    def section_html(self, slug: str) -> str:
        """A section page: cards of the section's latest articles."""
        heading = section_heading(slug)
        articles = self.latest(SECTION_SIZE, section=slug)
        return listing_page(f"{heading} - TRT World", heading, articles, self.css)

    def feed_xml(self, base: str) -> str:
        """The RSS feed with absolute links on ``base``."""
        return rss_feed(self.latest(FEED_SIZE), base)

    def author_html(self, slug: str) -> str | None:
        """An author page, or ``None`` for an unknown author."""
        person = self.authors.get(slug)
        return author_page(person, self.latest(SECTION_SIZE, author=slug), self.css) if person else None

    def video_html(self, video_id: str) -> str | None:
        """A video page, or ``None`` for an unknown video."""
        title = self.videos.get(video_id)
        return video_page(video_id, title, self.css) if title else None

    def not_found_html(self) -> str:
        """The body of 404 answers."""
        return not_found_page(self.css)

    # -- publishing --------------------------------------------------------------------------
    def _tick(self, minutes: int) -> datetime:
        assert self._clock is not None
        self._clock += timedelta(minutes=minutes)
        return self._clock

    def publish_new(self, count: int = 1) -> list[str]:
        """Publish ``count`` new generated articles; returns their ids, newest first."""
        with self.lock:
            pool = list(self.authors.values())
            ids = []
            for _ in range(count):
                recent = self.latest(40)
                article, _topic = self._writer.article(
                    new_hex_id(self._rng, self.articles),
                    self._rng.choice(STORY_SECTIONS),
                    self._tick(20),
                    pool,
                )
                article.modified = article.published
                article.explore = [Link(a.path) for a in recent[:15]]
                article.related = [Link(a.path) for a in self._rng.sample(recent, min(2, len(recent)))]
                older = recent[15:]
                article.recommended = [Link(a.path) for a in self._rng.sample(older, min(2, len(older)))]
                self.add(article)
                ids.append(article.id)
            return ids[::-1]

    def update_article(self, article_id: str) -> None:
        """Change one paragraph of an article and move its ``dateModified`` forward."""
        with self.lock:
            article = self.articles[article_id]
            topic = self._writer.topic(article.section)
            index = len(article.paragraphs) // 2
            article.paragraphs = list(article.paragraphs)
            article.paragraphs[index] = f"{article.paragraphs[index]} {self._writer.update_sentence(topic)}"
            article.modified = max(article.modified, self._tick(30)) + timedelta(minutes=1)
            self._clock = article.modified
            for key in [k for k in self._pages if k[0] == article_id]:
                del self._pages[key]

    def republish(self, article_id: str) -> str:
        """Republish a copy of a story under a new id and a new headline; returns the new id."""
        with self.lock:
            original = self.articles[article_id]
            published = self._tick(25)
            sources = [s for s in dict.fromkeys(banks.SOURCES) if s and s != original.source]
            copy = replace(
                original,
                id=new_hex_id(self._rng, self.articles),
                headline=retitle(original.headline, self._rng),
                paragraphs=list(original.paragraphs),
                subheads=dict(original.subheads),
                published=published,
                modified=published,
                authors=[],
                source=self._rng.choice(sources),
                encoding="utf-8",
                truncated=False,
                copy_of=article_id,
                copy_kind="republished",
            )
            self.add(copy)
            self.wire_copies[copy.id] = article_id
            return copy.id

    # -- ground truth ------------------------------------------------------------------------
    def expected(self, article_id: str, base: str = "") -> dict[str, Any]:
        """What an ideal extraction of the article should return (schema.org field names).

        This is the stored story: on the ``broken`` page most of it is not actually served.
        ``articleBody`` holds paragraphs only (no subheadings, boxes or SOURCE line).
        """
        with self.lock:
            a = self.articles[article_id]
            links = [
                {"url": urljoin(base + "/", link.href), "headline": self._links.headline(link), "kind": kind}
                for kind in LINK_KINDS
                for link in getattr(a, kind)
            ]
            image = a.image
            return {
                "url": f"{base}{a.path}",
                "canonicalUrl": f"{base}{a.path}",
                "headline": a.headline,
                "description": a.standfirst,
                "articleBody": a.body_text,
                "authors": [{"name": p.name, "url": f"{base}{p.path}"} for p in a.authors],
                "datePublished": iso_local(a.published),
                "dateModified": iso_local(a.modified),
                "inLanguage": "en",
                "mainImage": ({"url": image.url, "caption": image.caption, "credit": image.credit} if image else None),
                "articleSection": a.section_info.name,
                "keywords": list(a.keywords),
                "readingTimeMinutes": a.reading_time,
                "sourceCredit": a.source,
                "subheadings": [a.subheads[i] for i in sorted(a.subheads)],
                "relatedLinks": links,
            }
