"""Links are followed by the shortest path, whatever order the pages arrive in.

The expected set of fetched articles is a breadth-first search over the test's own link graph,
never over what newsbot extracted. (The callbacks' bookkeeping, parsed or in flight, is tested
case by case in ``test_spider.py``.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from crawling import scrapy_crawl
from servers.local import Answer, LocalServer
from servers.pages import StoryPages, start_pages

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

FOLLOW_DEPTH = 2  # the default of NEWSBOT_FOLLOW_DEPTH


def within(starts: Iterable[str], links: Callable[[str], Iterable[str]], depth: int) -> set[str]:
    """Articles at most ``depth`` hops from a start article (breadth-first)."""
    depth_of = dict.fromkeys(starts, 0)
    frontier = list(depth_of)
    for hop in range(1, depth + 1):
        reached = []
        for article in frontier:
            for target in links(article):
                if target not in depth_of:
                    depth_of[target] = hop
                    reached.append(target)
        frontier = reached
    return set(depth_of)


def fetched_articles(paths: Iterable[str]) -> set[str]:
    return {path.removeprefix("/article/") for path in paths if path.startswith("/article/")}


def test_a_shorter_path_found_late_still_gets_the_links_followed(tmp_path: Path) -> None:
    """The feed's link to ``d`` arrives only after ``d`` and ``e`` were fetched through the home
    page's longer path (the server holds the feed until ``e`` is served): the crawl must then
    follow ``e``'s links from the shorter path, and no further."""
    pages = StoryPages(seed=11)
    a, d, e, f, g = (pages.new_id() for _ in range(5))
    graph = {a: [d], d: [e], e: [f], f: [g], g: []}
    for article_id, targets in graph.items():
        pages.add(article_id, targets)
    with LocalServer() as server:
        for article_id in graph:
            server.answers[f"/article/{article_id}"] = pages.page(article_id, server.base_url)
        start_pages(server, home=[a], rss=[d])
        e_served = server.when_served(f"/article/{e}")
        held = server.answers["/feed/rss.xml"]
        server.answers["/feed/rss.xml"] = Answer(body=held.body, headers=held.headers, hold=e_served)
        result = scrapy_crawl(server.base_url, tmp_path / "news.db")
        requests, answered = list(server.requests), list(server.answered)
    assert result.returncode == 0, result.stderr[-3000:]
    # the order this test is about did happen: e was answered before the feed
    assert answered.index(f"/article/{e}") < answered.index("/feed/rss.xml")
    expected = within([a, d], graph.__getitem__, FOLLOW_DEPTH)
    assert expected == {a, d, e, f}
    assert fetched_articles(requests) == expected
