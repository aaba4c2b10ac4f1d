"""SecondSite: the second replica (a German regional paper), its routes and its ground truth."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from ..requestlog import RequestLog
from . import render
from .model import Story, build_stories, slugify
from .text import SECTIONS

HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
NEWS_SITEMAP_SIZE = 25
FEED_SIZE = 30
HOME_SIZE = 20
MOST_READ = 5
#: The sitemap index lists these; ``alt.xml`` is malformed on purpose (a crawler reports it and goes on).
SITEMAPS = ("nachrichten.xml", "artikel.xml.gz", "seiten.xml", "alt.xml")


@dataclass
class Answer:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


class SecondSite:
    """A small German news site of another shape than the first replica, fully determined by ``seed``.

    Pages: ``/robots.txt`` (a ``Sitemap:`` line), ``/sitemap.xml`` (an index of a Google News
    sitemap, a gzip URL set of every listed article, a URL set of the other pages and one
    malformed sitemap), ``/feeds/alle.rss`` (announced only by the home page's
    ``<link rel="alternate">``), ``/`` and ``/ressort/<section>``, articles at
    ``/<section>/<slug>-<6 digits>.html``, author, topic and imprint pages.

    ``stories`` (id -> :class:`~.model.Story`) holds the articles, three wire copies (near
    duplicates of three agency stories), an archive chain reached only through "Mehr zum Thema"
    links (one link further each) and a picture gallery whose URL looks like an article's.
    :meth:`expected` is an article's ground truth in item form.
    """

    def __init__(self, seed: int = 0, count: int = 80) -> None:
        self.seed = seed
        self.stories: dict[int, Story] = build_stories(seed, count)
        self.request_log = RequestLog()
        self.lock = threading.Lock()
        listed = self.listed()
        self.most_read = [s.id for s in listed[:: max(1, len(listed) // MOST_READ)]][:MOST_READ]
        self._by_path = {story.path: story for story in self.stories.values()}

    # -- content ---------------------------------------------------------------------------
    def listed(self) -> list[Story]:
        """Stories listed by the sitemaps, feed and home page, newest first (the gallery not included)."""
        stories = [s for s in self.stories.values() if s.listed and s.kind == "story"]
        return sorted(stories, key=lambda s: (s.published, s.id), reverse=True)

    def articles(self) -> list[Story]:
        """Every story an ideal crawl stores or records as a copy (the gallery is not an article)."""
        return [s for s in self.stories.values() if s.kind == "story"]

    def wire_copies(self) -> dict[int, int]:
        """Copy id -> id of the story it copies."""
        return {s.id: s.copy_of for s in self.stories.values() if s.copy_of is not None}

    def headline_of(self, story_id: int) -> str:
        return self.stories[story_id].headline

    def path_of(self, story_id: int) -> str:
        return self.stories[story_id].path

    def gallery(self) -> Story:
        return next(s for s in self.stories.values() if s.kind == "gallery")

    def archive(self) -> list[Story]:
        """The archive chain, in link order (the first is linked from a listed story)."""
        return sorted((s for s in self.stories.values() if not s.listed), key=lambda s: s.published, reverse=True)

    # -- ground truth ------------------------------------------------------------------------
    def expected(self, story_id: int, base: str = "") -> dict[str, Any]:
        """What an ideal extraction of the story returns (schema.org field names).

        ``articleBody`` holds the paragraphs and list items (one paragraph each), without the
        subheadings (``subheadings``), the "Lesen Sie auch:" lines, the boxes, the newsletter
        prompt and the comments. ``relatedLinks`` are in page order: "Lesen Sie auch" and
        "Mehr zum Thema" (related), the cards and "Meistgelesen" (recommended: picks not tied to the story).
        """
        story = self.stories[story_id]
        links: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()

        def add(target: int, kind: str) -> None:
            url = base + self.path_of(target)
            if (url, kind) not in seen and target != story_id:
                seen.add((url, kind))
                links.append({"url": url, "headline": self.headline_of(target), "kind": kind})

        for kind, value in story.blocks:
            if kind == "read_also":
                add(int(value), "related")  # type: ignore[call-overload]
        for target in story.related:
            add(target, "related")
        for target in story.recommended:
            add(target, "recommended")
        if story.kind == "story":
            for target in self.most_read:
                add(target, "recommended")
        structured = story.evidence in ("jsonld", "og")
        return {
            "url": base + story.path,
            "canonicalUrl": base + story.path,
            "headline": story.headline,
            "description": story.teaser,
            "articleBody": "\n\n".join(story.paragraphs()),
            "subheadings": [str(value) for kind, value in story.blocks if kind == "h2"],
            "authors": [{"name": a.name, "url": self._author_url(story, a.path, base)} for a in story.authors],
            "datePublished": render.iso(story.published),
            "dateModified": render.iso(story.modified) if structured else None,
            "inLanguage": "de",
            "articleSection": story.section_name if structured else None,
            "keywords": list(story.keywords) if story.evidence == "jsonld" else [],
            "relatedLinks": links,
            "evidence": story.evidence,
            "duplicateOf": base + self.path_of(story.copy_of) if story.copy_of else None,
        }

    @staticmethod
    def _author_url(story: Story, path: str, base: str) -> str | None:
        """Only JSON-LD gives an author's page; the ``author`` meta tag has names only."""
        return base + path if story.evidence == "jsonld" else None

    # -- pages -----------------------------------------------------------------------------
    def page(self, path: str, base: str) -> Answer:
        """The answer to ``GET path`` on a site served at ``base``."""
        if path == "/robots.txt":
            return Answer(200, render.robots_txt(base).encode(), {"Content-Type": "text/plain; charset=utf-8"})
        if path == "/sitemap.xml":
            return Answer(200, render.sitemap_index(base, SITEMAPS).encode(), {"Content-Type": XML})
        if path.startswith("/sitemaps/"):
            return self._sitemap(path.removeprefix("/sitemaps/"), base)
        if path == "/feeds/alle.rss":
            body = render.rss(base, self.listed()[:FEED_SIZE]).encode()
            return Answer(200, body, {"Content-Type": "application/rss+xml; charset=utf-8"})
        if path == "/":
            return self._html(render.listing_html("Nachrichten", self.listed()[:HOME_SIZE], feed=True))
        section = path.removeprefix("/ressort/")
        if section in SECTIONS:
            stories = [s for s in self.listed() if s.section == section]
            return self._html(render.listing_html(SECTIONS[section][0], stories, feed=False))
        story = self._by_path.get(path)
        if story is not None:
            html = render.article_html(story, base, self.headline_of, self.path_of, self.most_read)
            return self._html(html)
        return self._other(path)

    def _other(self, path: str) -> Answer:
        kind, _, name = path.strip("/").partition("/")
        authors = {slugify(a.name): a.name for s in self.stories.values() for a in s.authors}
        topics = {s.keywords[0].lower(): s.keywords[0] for s in self.stories.values()}
        if kind == "autor" and name in authors:
            return self._html(render.simple_html(authors[name], f"Beiträge von {authors[name]}."))
        if kind == "thema" and name in topics:
            return self._html(render.simple_html(topics[name], f"Alle Beiträge zum Thema {topics[name]}."))
        if path in ("/impressum", "/datenschutz"):
            return self._html(render.simple_html(path.strip("/").title(), f"{render.SITE_NAME}, Flussweg 1."))
        return Answer(404, render.simple_html("Seite nicht gefunden", "Diese Seite gibt es nicht.").encode(),
                      {"Content-Type": HTML})  # fmt: skip

    def _sitemap(self, name: str, base: str) -> Answer:
        if name == "nachrichten.xml":
            return Answer(
                200, render.news_sitemap(base, self.listed()[:NEWS_SITEMAP_SIZE]).encode(), {"Content-Type": XML}
            )
        if name == "artikel.xml.gz":
            stories = [*self.listed(), self.gallery()]
            body = render.gzipped(render.urlset(base, [(s.path, s.modified) for s in stories]))
            return Answer(200, body, {"Content-Type": "application/x-gzip"})
        if name == "seiten.xml":
            authors = sorted({a.path for s in self.stories.values() for a in s.authors})
            paths = ["/", *(f"/ressort/{slug}" for slug in SECTIONS), *authors, "/impressum"]
            return Answer(200, render.urlset(base, [(p, None) for p in paths]).encode(), {"Content-Type": XML})
        if name == "alt.xml":  # cut off in the middle of an entry
            text = render.urlset(base, [(s.path, None) for s in self.listed()[:3]])
            return Answer(200, text[: len(text) // 2].encode(), {"Content-Type": XML})
        return Answer(404, b"", {"Content-Type": XML})

    @staticmethod
    def _html(text: str) -> Answer:
        return Answer(200, text.encode("utf-8"), {"Content-Type": HTML})
