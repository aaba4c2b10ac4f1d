"""The ``news`` spider's arguments, several sites in one crawl, and a site with no robots.txt or sitemap."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from crawling import rows
from news_crawling import news_crawl
from scrapy.utils.test import get_crawler
from servers.tiny import TinySite

from newsbot.sample_site.second import SecondSite, serve_second
from newsbot.spiders.news import NewsSpider


@pytest.mark.parametrize("command", ["scrapy", "newsbot"])
def test_a_crawl_without_a_site_is_a_usage_error(tmp_path: Path, command: str) -> None:
    result = news_crawl(tmp_path / "db.sqlite3", command=command, timeout=60)
    assert result.returncode == 2
    assert "give the site to crawl: -a site=" in result.stderr
    assert not (tmp_path / "db.sqlite3").exists()


def test_a_bad_line_of_the_sites_file_is_named(tmp_path: Path) -> None:
    listing = tmp_path / "sites.txt"
    listing.write_text("https://www.example.com\nwww.example.org\n", encoding="utf-8")
    result = news_crawl(tmp_path / "db.sqlite3", f"sites={listing}", command="newsbot", timeout=60)
    assert result.returncode == 2
    assert f"{listing}:2" in result.stderr and "not an http:// or https:// URL" in result.stderr


def test_every_site_of_a_sites_file_is_crawled_into_one_database(tmp_path: Path) -> None:
    first, second = SecondSite(seed=1, count=20), SecondSite(seed=2, count=24)
    database = tmp_path / "db.sqlite3"
    with serve_second(first) as one, serve_second(second) as two:
        listing = tmp_path / "sites.txt"
        listing.write_text(f"# two papers\n{one.base_url}\n{two.base_url}/\n", encoding="utf-8")
        result = news_crawl(database, f"sites={listing}", extra=("-s", "NEWSBOT_FOLLOW_DEPTH=0"))
    assert result.returncode == 0, result.stderr[-3000:]
    found = {url for (url,) in rows(database, "SELECT canonical_url FROM articles")}
    found |= {url for (url,) in rows(database, "SELECT url FROM duplicates")}
    for site, server in ((first, one), (second, two)):
        assert {url for url in found if url.startswith(server.base_url + "/")} == {
            server.base_url + story.path for story in site.listed()
        }


def jsonld_page(number: int, headline: str, links: str = "") -> tuple[str, str]:
    data = json.dumps({"@type": "NewsArticle", "headline": headline, "datePublished": "2026-11-20T08:00:00+01:00"})
    text = " ".join(f"Story {number} line {n} names item {number * 97 + n} at place {number}-{n}." for n in range(30))
    return "text/html", (
        f'<html lang="en"><head><script type="application/ld+json">{data}</script></head><body>'
        f"<article><h1>{headline}</h1><p>{text}</p>{links}</article></body></html>"
    )


def test_a_site_without_robots_txt_or_sitemap_is_crawled_from_its_home_page(tmp_path: Path) -> None:
    """Articles are found on the home page by the identifier in their path and proven by their JSON-LD."""
    hidden = "/news/a-story-reached-only-by-its-related-box-1000"
    stories = {f"/news/story-number-{n}-on-the-home-page": f"Story {n}" for n in range(1, 13)}
    pages = {path: jsonld_page(n, headline) for n, (path, headline) in enumerate(stories.items(), 1)}
    first = next(iter(stories))
    related = f"<div><h3>Related</h3><a href='{hidden}'>The hidden story</a></div>"
    pages[first] = jsonld_page(1, stories[first], related)
    pages[hidden] = jsonld_page(1000, "The hidden story")
    pages["/tag/some-tag-with-many-words-here"] = ("text/html", "<html><body><p>Tag page</p></body></html>")
    anchors = "".join(f"<a href='{path}'>{headline}</a>" for path, headline in stories.items())
    pages["/"] = ("text/html", f"<html><body>{anchors}<a href='/about'>about</a>"
                               "<a href='/tag/some-tag-with-many-words-here'>tag</a></body></html>")  # fmt: skip
    database = tmp_path / "db.sqlite3"
    with TinySite(pages) as site:
        result = news_crawl(database, f"site={site.base_url}", command="newsbot")
        requested = [path for path, _ in site.requests]
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    headlines = {headline for (headline,) in rows(database, "SELECT headline FROM articles")}
    assert headlines == {*stories.values(), "The hidden story"}
    links = rows(database, "SELECT to_url, kind, headline FROM links")
    assert links == [(site.base_url + hidden, "related", "The hidden story")]
    assert "/about" not in requested  # no article identifier in its path
    ((stats_json,),) = rows(database, "SELECT stats_json FROM crawl_runs")
    stats = json.loads(stats_json)
    assert stats["newsbot/discovery/robots_missing"] == 1 and stats["newsbot/discovery/sitemap_missing"] == 1
    assert stats["newsbot/dropped/not_an_article"] == 1  # the tag page: an identifier, but no article data
    assert not any(key.startswith("newsbot/errors/") for key in stats)  # the missing robots.txt and sitemap


def test_allowed_domains_and_canonical_urls_come_from_the_given_sites(tmp_path: Path) -> None:
    listing = tmp_path / "sites.txt"
    sites = ("https://www.example.de/nachrichten/", "http://127.0.0.1:8766", "https://example.de")  # the last: a twin
    listing.write_text("\n".join(sites), encoding="utf-8")
    crawler = get_crawler(NewsSpider, {"NEWSBOT_SQLITE_PATH": ""})
    spider = NewsSpider.from_crawler(crawler, sites=str(listing))
    assert spider.allowed_domains == ["127.0.0.1", "example.de", "www.example.de"]
    assert [site.home for site in spider.sites] == ["https://www.example.de/nachrichten/", "http://127.0.0.1:8766"]
    assert spider.urls.canonical("http://example.de/a/?utm_campaign=x") == "https://www.example.de/a/"
    assert spider.urls.canonical("https://elsewhere.example/a/") == "https://elsewhere.example/a/"
    with pytest.raises(ValueError, match="give the site"):
        NewsSpider.from_crawler(get_crawler(NewsSpider, {"NEWSBOT_SQLITE_PATH": ""}))
