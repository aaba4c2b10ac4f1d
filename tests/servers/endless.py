"""A site of endless new articles: every article links ``links`` articles never seen before.

The follow depth caps hops, not pages: with 100 links a page, two hops from a home page of 20
articles hold 200,000 pages, three hops 20 million. Each page is made up when it is asked for
(a TRT World-shaped article from the replica's story writer and renderer, its Explore block
linking ``links`` new ids derived from its own), so the server holds nothing per page and a
crawl can ask for as many as it likes. Served by :class:`servers.local.LocalServer`.
"""

from __future__ import annotations

import hashlib
import random
import re
from datetime import UTC, datetime, timedelta

from newsbot.sample_site.generator import StoryWriter, make_authors
from newsbot.sample_site.model import Link
from newsbot.sample_site.render import ClassNames, LinkText, article_page, encode_article
from servers.local import Answer, LocalServer
from servers.pages import start_pages

ARTICLE_PATH = re.compile(r"/article/(?P<id>[0-9a-f]{12})")
SECTIONS = ("politics", "turkiye", "biztech", "features")


def child_ids(article_id: str, count: int) -> list[str]:
    """The ``count`` article ids linked from ``article_id``: new for every page (a hash of id and rank)."""
    return [hashlib.sha1(f"{article_id}:{rank}".encode()).hexdigest()[:12] for rank in range(count)]


class EndlessArticles:
    """Makes up the page of any ``/article/<12 hex digits>`` on request (same id, same page)."""

    def __init__(self, links: int = 100, seed: int = 11) -> None:
        self.links = links
        self.css = ClassNames(seed)
        self.link_text = LinkText(lambda href: None, {})
        self.authors = make_authors(random.Random(seed), 6)
        self.start = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)

    def page(self, article_id: str, base_url: str) -> bytes:
        rng = random.Random(article_id)
        published = self.start + timedelta(minutes=rng.randrange(60 * 24 * 30))
        article, _ = StoryWriter(rng).article(article_id, rng.choice(SECTIONS), published, self.authors)
        article.explore = [
            Link(f"/article/{child}", headline=f"Read next {rank}")
            for rank, child in enumerate(child_ids(article_id, self.links), 1)
        ]
        return encode_article(article, article_page(article, base_url, self.link_text, self.css), self.css)

    def answer(self, path: str, base_url: str) -> Answer | None:
        match = ARTICLE_PATH.fullmatch(path)
        return Answer(body=self.page(match["id"], base_url)) if match else None


def endless_site(server: LocalServer, links: int = 100, roots: int = 20) -> list[str]:
    """Serve the endless site on ``server``: home and feed list ``roots`` articles; returns their ids."""
    articles = EndlessArticles(links)
    root_ids = child_ids("root", roots)
    start_pages(server, home=root_ids, rss=root_ids)
    server.answers["/robots.txt"] = Answer(body=b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"})
    server.fallback = lambda path: articles.answer(path, server.base_url)
    return root_ids
