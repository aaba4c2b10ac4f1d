"""Crawls that must stay on the site's origins: no other port, no subdomain, no URL read two ways.

Every test runs real crawls (``scrapy crawl`` in a subprocess) against servers on 127.0.0.1. A
second server on another port of the same host counts every request it gets (it must get none).
Subdomains and the ``www.`` twin of a site on ``localhost`` are reached through
:class:`loopback_resolver.LoopbackResolver` (every name under ``localhost`` is 127.0.0.1), and
the server records each request's ``Host`` header, so a request to ``video.localhost`` is seen.
The ``\\@`` trick: ``http://127.0.0.1:OTHER\\@127.0.0.1:PORT/x`` reads as port PORT to
``urlsplit`` but is requested from port OTHER.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from crawling import rows, scrapy_crawl
from news_crawling import news_crawl
from servers.local import HTML, Answer, LocalServer
from servers.pages import StoryPages, start_pages

pytestmark = pytest.mark.slow
SECRET = "s3cr3t-pa55"
RESOLVER = ("-s", "DNS_RESOLVER=tests.loopback_resolver.LoopbackResolver")


def stats_of(database: Path) -> dict[str, Any]:
    return json.loads(rows(database, "SELECT stats_json FROM crawl_runs ORDER BY id DESC LIMIT 1")[0][0])


def stored(database: Path) -> set[str]:
    return {url for (url,) in rows(database, "SELECT canonical_url FROM articles")}


def redirect(target: str) -> Answer:
    return Answer(301, b"", {"Location": target, "Content-Type": HTML})


def article(number: int, related: tuple[str, ...] = ()) -> Answer:
    """A news article page (JSON-LD ``NewsArticle``) with distinct text, linking ``related``."""
    headline = f"Story number {number} of the test paper"
    data = json.dumps({"@type": "NewsArticle", "headline": headline, "datePublished": "2026-11-20T08:00:00+01:00"})
    text = " ".join(f"Story {number} line {n} names item {number * 97 + n} at place {number}-{n}." for n in range(30))
    links = "".join(f"<a href='{href}'>Related story {n}</a>" for n, href in enumerate(related, 1))
    box = f"<div><h3>Related</h3>{links}</div>" if links else ""
    body = (
        f'<html lang="en"><head><title>{headline}</title><script type="application/ld+json">{data}</script></head>'
        f"<body><article><h1>{headline}</h1><p>{text}</p>{box}</article></body></html>"
    )
    return Answer(body=body.encode())


def xml(body: str) -> Answer:
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return Answer(body=f"{declaration}{body}".encode(), headers={"Content-Type": "application/xml"})


def text(body: str) -> Answer:
    return Answer(body=body.encode(), headers={"Content-Type": "text/plain"})


# -- the trtworld spider: an article redirected to another port of the host ----------------------
def test_a_redirect_to_another_port_of_the_host_is_not_followed_and_one_on_the_site_is(tmp_path: Path) -> None:
    pages = StoryPages()
    database = tmp_path / "news.db"
    with LocalServer() as server, LocalServer() as other_port:
        hub, kept, moved, explicit, target = (pages.new_id() for _ in range(5))
        pages.add(kept)
        pages.add(target)
        pages.add(hub, [kept, moved, explicit])
        for article_id in (hub, kept, target):
            server.answers[f"/article/{article_id}"] = pages.page(article_id, server.base_url)
        other_port.answers[f"/article/{moved}"] = pages.page(kept, other_port.base_url)
        # the same host on another port; then an absolute URL of the site's own origin
        server.answers[f"/article/{moved}"] = redirect(other_port.url(f"/article/{moved}"))
        server.answers[f"/article/{explicit}"] = redirect(server.url(f"/article/{target}"))
        start_pages(server, home=[hub])
        result = scrapy_crawl(server.base_url, database)
    assert result.returncode == 0, result.stderr[-3000:]
    assert other_port.requests == []  # neither the page nor its robots.txt
    assert server.count(f"/article/{target}") == 1
    assert stored(database) == {server.url(f"/article/{a}") for a in (hub, kept, target)}
    stats = stats_of(database)
    assert stats["newsbot/dropped/offsite"] == 1
    port = other_port.base_url.rsplit(":", 1)[1]
    line = f"Dropped {server.url(f'/article/{moved}')} (offsite: redirected to {other_port.url(f'/article/{moved}')}"
    assert f"{line}: port {port} is not the site's)" in result.stderr


# -- the news spider: URLs named by robots.txt, sitemaps and feeds ----------------------------------
@pytest.fixture(scope="module")
def trick_crawl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A news site on 127.0.0.1:PORT whose robots.txt, sitemap index, sitemap, feed link, feed
    and pages name URLs of 127.0.0.1:OTHER (with the ``\\@`` trick or plainly) among good ones."""
    database = tmp_path_factory.mktemp("tricks") / "news.db"
    with LocalServer() as site, LocalServer() as other:
        base, port = site.base_url, site.base_url.rsplit(":", 1)[1]

        def trick(path: str) -> str:
            return f"{other.base_url}\\@127.0.0.1:{port}{path}"

        site.answers["/robots.txt"] = text(
            f"User-agent: *\nAllow: /\nSitemap: {trick('/robots-trick.xml')}\nSitemap: {base}/sitemap-index.xml\n"
            f"Sitemap: http://reader:{SECRET}@127.0.0.1:{port}/robots-user-info.xml\n"
        )
        children = (trick("/index-trick.xml"), f"{other.base_url}/other-port.xml", f"{base}/sitemap-news.xml")
        site.answers["/sitemap-index.xml"] = xml(
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<sitemap><loc>{url}</loc></sitemap>" for url in children)
            + "</sitemapindex>"
        )
        entries = (
            f"{base}/news/first-story-10001.html",
            f"{base}/news/second-story-10002.html",
            f"{base}/@author/story-slug-12345",  # an @ in the path is no user info
            f"{base}/news/moved-story-10004.html",
            trick("/news/entry-trick-10005.html"),
            f"http://someone@127.0.0.1:{port}/news/user-info-10006.html",
        )
        site.answers["/sitemap-news.xml"] = xml(
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            + "".join(
                f"<url><loc>{url}</loc><news:news><news:publication><news:name>Paper</news:name>"
                "<news:language>en</news:language></news:publication>"
                "<news:publication_date>2026-11-20T08:00:00+01:00</news:publication_date>"
                f"<news:title>Story</news:title></news:news></url>"
                for url in entries
            )
            + "</urlset>"
        )
        site.answers["/"] = Answer(
            body=(
                "<html><head>"
                f'<link rel="alternate" type="application/rss+xml" href="{trick("/feed-trick.xml")}">'
                '<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>'
                '<a href="/news/home-story-10007.html">relative, no port</a>'
                f'<a href="{trick("/news/home-trick-10008.html")}">trick</a></body></html>'
            ).encode()
        )
        site.answers["/feed.xml"] = Answer(
            body=(
                "<?xml version='1.0'?><rss version='2.0'><channel>"
                f"<item><link>{base}/news/feed-story-10009.html</link></item>"
                f"<item><link>{trick('/news/feed-trick-10010.html')}</link></item>"
                "</channel></rss>"
            ).encode(),
            headers={"Content-Type": "application/rss+xml"},
        )
        related = (f"{base}/news/related-story-10011.html", trick("/news/related-trick-10012.html"))
        site.answers["/news/first-story-10001.html"] = article(10001, related)
        for number, path in (
            (10002, "/news/second-story-10002.html"),
            (12345, "/@author/story-slug-12345"),
            (10007, "/news/home-story-10007.html"),
            (10009, "/news/feed-story-10009.html"),
            (10011, "/news/related-story-10011.html"),
        ):
            site.answers[path] = article(number)
        site.answers["/news/moved-story-10004.html"] = redirect(f"{other.base_url}/news/moved-story-10004.html")
        # anything the crawl could ask of the other port is there to be taken
        for path in ("/robots-trick.xml", "/index-trick.xml", "/other-port.xml", "/feed-trick.xml"):
            other.answers[f"/@127.0.0.1:{port}{path}"] = site.answers["/sitemap-news.xml"]
        other.answers["/news/moved-story-10004.html"] = article(10004)
        result = news_crawl(database, f"site={base}")
    return {"result": result, "db": database, "site": site, "other": other, "base": base, "port": port}


def test_no_url_named_by_the_site_reaches_another_port(trick_crawl: dict[str, Any]) -> None:
    result = trick_crawl["result"]
    assert result.returncode == 0, result.stderr[-3000:]
    assert trick_crawl["other"].requests == []
    fetched = trick_crawl["site"].requests
    assert not [path for path in fetched if path.startswith("/@127.0.0.1") or "trick" in path or "user-info" in path]


def test_the_site_s_own_urls_are_all_fetched_an_at_in_the_path_and_a_written_port_included(
    trick_crawl: dict[str, Any],
) -> None:
    base = trick_crawl["base"]
    expected = {
        f"{base}{path}"
        for path in (
            "/news/first-story-10001.html", "/news/second-story-10002.html", "/@author/story-slug-12345",
            "/news/home-story-10007.html", "/news/feed-story-10009.html", "/news/related-story-10011.html",
        )
    }  # fmt: skip
    assert stored(trick_crawl["db"]) == expected
    assert trick_crawl["site"].count("/sitemap-news.xml") == 1 and trick_crawl["site"].count("/feed.xml") == 1


def test_each_refused_url_is_counted_and_logged_with_its_reason(trick_crawl: dict[str, Any]) -> None:
    log, base, other = trick_crawl["result"].stderr, trick_crawl["base"], trick_crawl["other"].base_url
    port = other.rsplit(":", 1)[1]
    # two robots.txt lines, two index children, the feed link, the redirect; the sitemap's and the
    # feed's entries on one line each (2 + 1)
    assert stats_of(trick_crawl["db"])["newsbot/dropped/offsite"] == 9
    named = r"Dropped \S+{} \(offsite: named by {} {}: backslash in URL\)"
    assert re.search(named.format(r"robots-trick\.xml", "robots.txt", re.escape(f"{base}/robots.txt")), log)
    assert re.search(named.format(r"index-trick\.xml", "sitemap", re.escape(f"{base}/sitemap-index.xml")), log)
    assert f"Dropped {other}/other-port.xml (offsite: named by sitemap {base}/sitemap-index.xml: port {port}" in log
    assert re.search(r"Dropped \S+feed-trick\.xml \(offsite: named by home page \S+: backslash in URL\)", log)
    assert f"Dropped 2 URLs named by sitemap {base}/sitemap-news.xml (offsite: " in log
    assert "backslash in URL: 1" in log and "user info in URL: 1" in log
    assert f"Dropped 1 URL named by feed {base}/feed.xml (offsite: backslash in URL: 1" in log
    assert f"redirected to {other}/news/moved-story-10004.html: port {port} is not the site's)" in log
    assert re.search(r"Dropped \S+/robots-user-info\.xml \(offsite: named by robots\.txt \S+: user info in URL\)", log)
    assert SECRET not in log + trick_crawl["result"].stdout  # the URL is logged redacted


# -- the news spider on a named host: subdomains, and the www twin --------------------------------
def test_a_news_site_s_subdomains_are_other_sites_and_its_www_twin_is_the_site(tmp_path: Path) -> None:
    database = tmp_path / "news.db"
    with LocalServer(host="localhost") as site:
        base, port = site.base_url, site.base_url.rsplit(":", 1)[1]
        video, www = f"http://video.localhost:{port}", f"http://www.localhost:{port}"
        site.answers["/"] = Answer(
            body=(
                "<html><body>"
                + "".join(
                    f'<a href="{href}">story</a>'
                    for href in (
                        "/news/a-story-20001.html",
                        "/news/to-www-20002.html",
                        "/news/to-video-20003.html",
                        f"{video}/news/video-link-20004.html",
                        f"{www}/news/www-link-20005.html",
                    )
                )
                + "</body></html>"
            ).encode()
        )
        site.answers["/news/a-story-20001.html"] = article(20001, (f"{video}/news/video-related-20006.html",))
        site.answers["/news/to-www-20002.html"] = redirect(f"{www}/news/www-copy-20002.html")
        site.answers["/news/to-video-20003.html"] = redirect(f"{video}/news/video-copy-20003.html")
        for number, path in (
            (20002, "/news/www-copy-20002.html"),
            (20003, "/news/video-copy-20003.html"),
            (20004, "/news/video-link-20004.html"),
            (20005, "/news/www-link-20005.html"),
            (20006, "/news/video-related-20006.html"),
        ):
            site.answers[path] = article(number)
        result = news_crawl(database, f"site={base}", extra=RESOLVER)
    assert result.returncode == 0, result.stderr[-3000:]
    hosts = {host for host, _ in site.visits}
    assert f"video.localhost:{port}" not in hosts
    assert (f"www.localhost:{port}", "/news/www-copy-20002.html") in site.visits  # the redirect to the twin
    assert stored(database) == {
        f"{base}/news/a-story-20001.html", f"{base}/news/www-copy-20002.html", f"{base}/news/www-link-20005.html"
    }  # fmt: skip
    assert stats_of(database)["newsbot/dropped/offsite"] == 1
    assert f"redirected to {video}/news/video-copy-20003.html: host video.localhost is not the site's)" in result.stderr
