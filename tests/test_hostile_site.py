"""A crawl of a hostile site: every bad page ends counted and logged, only good articles stored.

The tests share one hostile site on 127.0.0.1 and a second site reached as ``localhost`` (another
host to an off-site filter), which must receive no request at all (the ``hostile`` fixture: each
test sees only its own requests).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from crawling import rows, scrapy_crawl
from servers.hostile import HostileServers

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

#: case -> the reason its request must end with (``newsbot/dropped/<reason>``)
DROP_REASONS = {
    "offsite": "offsite",
    "self_loop": "redirect_loop",
    "endless": "redirect_loop",
    "bomb": "too_large",
    "huge": "too_large",
    "huge_unsized": "too_large",
    "disallowed": "robots_txt",
}


def last_stats(database: Path) -> dict:
    return json.loads(rows(database, "SELECT stats_json FROM crawl_runs ORDER BY id DESC LIMIT 1")[0][0])


def info_lines(log: str, text: str) -> list[str]:
    return [line for line in log.splitlines() if " INFO: " in line and text in line]


def test_hostile_pages_end_with_a_counted_reason_and_only_good_articles_are_stored(
    hostile: HostileServers, tmp_path: Path
) -> None:
    database = tmp_path / "news.db"
    server, other, site = hostile.site, hostile.other, hostile.cases
    result = scrapy_crawl(server.base_url, database)
    assert result.returncode == 0, result.stderr[-3000:]
    log = result.stderr

    stored = {url for (url,) in rows(database, "SELECT canonical_url FROM articles")}
    assert stored == {server.url(f"/article/{article_id}") for article_id in site.good}
    assert other.requests == []  # neither the off-site page nor its robots.txt
    assert server.count(site.disallowed) == 0
    assert server.count("/robots.txt") == 1

    stats = last_stats(database)
    expected = {"offsite": 1, "redirect_loop": 2, "too_large": 3, "robots_txt": 1, "headline_too_long": 1}
    dropped = {k.removeprefix("newsbot/dropped/"): v for k, v in stats.items() if k.startswith("newsbot/dropped/")}
    assert dropped == expected
    errors = {k: v for k, v in stats.items() if k.startswith("newsbot/errors/")}
    assert errors == {"newsbot/errors/http_404": 1}
    assert stats.get("httpcompression/response_bytes", 0) <= 8 * 1024 * 1024  # the bomb was never inflated

    for case, reason in DROP_REASONS.items():
        url = server.url(f"/article/{site.cases[case]}")
        assert len(info_lines(log, f"Dropped {url} ({reason}")) == 1, (case, reason)
    for reason, count in expected.items():
        if reason != "headline_too_long":
            assert len(re.findall(rf" INFO: Dropped \S+ \({reason}\b", log)) == count, reason
    long_headline = server.url(f"/article/{site.cases['long_headline']}")
    assert info_lines(log, f"headline_too_long: {long_headline}")
    assert len(info_lines(log, f"Request failed: {server.url('/article/' + site.cases['dead'])} (http_404)")) == 1


def test_a_second_crawl_skips_stored_articles_without_counting_them_as_drops(
    hostile: HostileServers, tmp_path: Path
) -> None:
    database = tmp_path / "news.db"
    assert scrapy_crawl(hostile.site.base_url, database).returncode == 0
    result = scrapy_crawl(hostile.site.base_url, database)
    assert result.returncode == 0, result.stderr[-3000:]
    stats = last_stats(database)
    assert stats["newsbot/incremental/skipped"] == 1  # the hub, the only article on the start pages
    assert not [k for k in stats if k.startswith(("newsbot/dropped/", "newsbot/errors/"))]
    assert not info_lines(result.stderr, "Dropped ")


def test_the_url_argument_takes_only_articles_of_the_site(hostile: HostileServers, tmp_path: Path) -> None:
    server, other, site = hostile.site, hostile.other, hostile.cases
    elsewhere = other.url(f"/article/{next(iter(site.good))}")
    for url in ("file:///etc/passwd", elsewhere, server.url("/politics")):
        result = scrapy_crawl(server.base_url, tmp_path / "news.db", "-a", f"url={url}")
        assert result.returncode != 0, url
        assert url in result.stderr
    assert server.requests == [] and other.requests == []
