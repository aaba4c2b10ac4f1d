"""TRT World-shaped pages for the table-driven test sites: articles with chosen links, listings, a feed.

:class:`StoryPages` writes article pages in the TRT World shape (the replica's renderer) with links
chosen by the test, so the link graph a test expects is the one it wrote; :func:`start_pages` fills
the home page, the feed and every section page of the spider on a :class:`~servers.local.LocalServer`.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

from newsbot.sample_site import Link, SampleSite
from newsbot.sample_site.generator import StoryWriter, make_authors
from servers.local import Answer, LocalServer

SECTIONS = ("politics", "turkiye", "war-on-gaza", "biztech", "infographics", "features", "opinion")


class StoryPages:
    """Article pages in the TRT World shape, each with the Explore links the test gives it.

    Ids are 12 hex digits; texts come from the replica's story writer (distinct stories, so no
    two are near duplicates). Link titles are set here, never taken from the target page.
    """

    def __init__(self, seed: int = 7) -> None:
        self.site = SampleSite(seed)
        self.rng = random.Random(seed)
        self.writer = StoryWriter(self.rng)
        self.authors = make_authors(self.rng, 6)
        self.clock = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)

    def new_id(self) -> str:
        return f"{self.rng.getrandbits(48):012x}"

    def add(self, article_id: str, links: Iterable[str] = (), headline: str | None = None) -> str:
        """Write the article ``article_id`` linking to ``links`` (ids or root-relative paths)."""
        self.clock += timedelta(minutes=7)
        section = self.rng.choice(("politics", "turkiye", "biztech", "features"))
        article, _ = self.writer.article(article_id, section, self.clock, self.authors)
        if headline is not None:
            article.headline = headline
        hrefs = [link if link.startswith("/") else f"/article/{link}" for link in links]
        article.explore = [Link(href, headline=f"Read next {n}") for n, href in enumerate(hrefs, 1)]
        self.site.add(article)
        return article_id

    def page(self, article_id: str, base_url: str) -> Answer:
        return Answer(body=self.site.article_bytes(article_id, base_url))


def listing(article_ids: Iterable[str]) -> Answer:
    """A home or section page whose cards link ``article_ids``."""
    cards = "".join(f'<li><a href="/article/{aid}">Story {aid}</a></li>' for aid in article_ids)
    return Answer(body=f"<html><head><title>TRT World</title></head><body><ul>{cards}</ul></body></html>".encode())


def feed(base_url: str, article_ids: Iterable[str]) -> Answer:
    """An RSS feed linking ``article_ids``."""
    items = "".join(f"<item><link>{escape(base_url)}/article/{aid}</link></item>" for aid in article_ids)
    body = f"<?xml version='1.0'?><rss version='2.0'><channel>{items}</channel></rss>"
    return Answer(body=body.encode(), headers={"Content-Type": "application/rss+xml"})


def start_pages(server: LocalServer, home: Iterable[str] = (), rss: Iterable[str] = ()) -> None:
    """Home, feed and every section page of the spider (the sections list nothing)."""
    server.answers["/"] = listing(home)
    server.answers["/feed/rss.xml"] = feed(server.base_url, rss)
    for section in SECTIONS:
        server.answers[f"/{section}"] = listing(())
