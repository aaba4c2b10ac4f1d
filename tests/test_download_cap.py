"""The download size cap (``DOWNLOAD_MAXSIZE``) pinned: its default, and a crawl at its boundary.

A page a few bytes over the cap is cut off and counted (``newsbot/dropped/too_large``) whether its
size is announced (Content-Length), found while it arrives (no Content-Length) or reached only
when it is decompressed (gzip); a page a few bytes under the cap, in each of the same three forms,
is stored. The pages are sized from the project's own setting, and the default is asserted
separately, so raising the cap (8 MiB to 16 MiB, say) fails here.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from crawling import ROOT, rows, scrapy_crawl
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings
from servers.local import Answer, LocalServer
from servers.pages import StoryPages, start_pages

from newsbot import settings as project

#: The default the README documents ("8 MiB, decompressed").
EIGHT_MIB = 8 * 1024 * 1024
#: How far from the cap the pages on either side of it are.
MARGIN = 16
COMMENT_CHUNK = 1 << 16


def test_the_default_cap_is_8_mib_for_every_spider() -> None:
    assert project.DOWNLOAD_MAXSIZE == EIGHT_MIB
    assert get_project_settings().getint("DOWNLOAD_MAXSIZE") == EIGHT_MIB
    loader = SpiderLoader.from_settings(get_project_settings())
    assert loader.list()
    for name in loader.list():
        settings = get_project_settings()
        loader.load(name).update_settings(settings)  # what a crawl of this spider runs with
        assert settings.getint("DOWNLOAD_MAXSIZE") == EIGHT_MIB, name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`DOWNLOAD_MAXSIZE` (8 MiB, decompressed" in readme


def padded(page: bytes, size: int) -> bytes:
    """``page`` grown to exactly ``size`` bytes by comments and spaces before ``</body>`` (nothing a reader sees)."""
    head, tail = page.rsplit(b"</body>", 1)
    tail = b"</body>" + tail
    missing = size - len(head) - len(tail)
    assert missing >= 0, "the page is already larger than the size asked for"
    comment = b"<!--" + b"x" * (COMMENT_CHUNK - 7) + b"-->"
    comments = [comment] * (missing // COMMENT_CHUNK) + [b" " * (missing % COMMENT_CHUNK)]
    body = head + b"".join(comments) + tail
    assert len(body) == size
    return body


def last_stats(database: Path) -> dict[str, int]:
    return json.loads(rows(database, "SELECT stats_json FROM crawl_runs ORDER BY id DESC LIMIT 1")[0][0])


@pytest.mark.slow
def test_a_page_just_over_the_cap_is_cut_off_and_counted_and_one_just_under_is_stored(tmp_path: Path) -> None:
    cap = get_project_settings().getint("DOWNLOAD_MAXSIZE")
    assert cap == EIGHT_MIB
    pages = StoryPages(seed=11)
    forms = ("sized", "unsized", "gzip")
    over = {form: pages.new_id() for form in forms}
    under = {form: pages.new_id() for form in forms}
    hub = pages.new_id()
    for article_id in (*over.values(), *under.values()):
        pages.add(article_id)
    pages.add(hub, [*over.values(), *under.values()])
    database = tmp_path / "news.db"
    with LocalServer() as server:
        start_pages(server, home=[hub], rss=[hub])
        robots = Answer(body=b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"})
        server.answers["/robots.txt"] = robots
        server.answers[f"/article/{hub}"] = pages.page(hub, server.base_url)
        for size, ids in ((cap + MARGIN, over), (cap - MARGIN, under)):
            for form, article_id in ids.items():
                body = padded(pages.page(article_id, server.base_url).body, size)  # type: ignore[arg-type]
                answer = Answer(body=body)
                if form == "unsized":  # no Content-Length: the size is known only as the bytes arrive
                    answer = Answer(body=lambda body=body: [body], sized=False)
                elif form == "gzip":  # far under the cap on the wire, its size known once decompressed
                    answer = Answer(body=gzip.compress(body), headers={**answer.headers, "Content-Encoding": "gzip"})
                    assert len(answer.body) < cap // 100  # type: ignore[arg-type]
                server.answers[f"/article/{article_id}"] = answer
        result = scrapy_crawl(server.base_url, database)
        for article_id in (*over.values(), *under.values()):
            assert server.count(f"/article/{article_id}") == 1  # each fetched once, none retried
    assert result.returncode == 0, result.stderr[-3000:]
    log = result.stderr

    stored = {url for (url,) in rows(database, "SELECT canonical_url FROM articles")}
    assert stored == {server.url(f"/article/{article_id}") for article_id in (hub, *under.values())}
    stats = last_stats(database)
    assert stats.get("newsbot/dropped/too_large") == len(over)
    assert not [name for name in stats if name.startswith("newsbot/errors/")]
    for form, article_id in over.items():
        dropped = f"Dropped {server.url(f'/article/{article_id}')} (too_large"
        lines = [line for line in log.splitlines() if dropped in line]
        assert len(lines) == 1 and " INFO: " in lines[0], (form, lines)
    assert len(re.findall(r" INFO: Dropped \S+ \(too_large\b", log)) == len(over)
