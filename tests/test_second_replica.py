"""The second replica site: deterministic from its seed, the shapes it promises, served over HTTP."""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request

import pytest
from parsel import Selector

from newsbot.sample_site.second import SecondSite, serve_second
from newsbot.sample_site.second.render import NEWSLETTER_TEXT

BASE = "http://127.0.0.1:8766"


def test_the_same_seed_gives_the_same_site_and_another_seed_another() -> None:
    one, two, other = SecondSite(seed=3), SecondSite(seed=3), SecondSite(seed=4)
    paths = ["/", "/robots.txt", "/sitemap.xml", "/sitemaps/nachrichten.xml", "/sitemaps/artikel.xml.gz",
             "/feeds/alle.rss", *(s.path for s in one.stories.values())]  # fmt: skip
    assert all(one.page(path, BASE).body == two.page(path, BASE).body for path in paths)
    assert one.page("/", BASE).body != other.page("/", BASE).body
    assert 60 <= len(SecondSite().stories) <= 150
    with pytest.raises(ValueError):
        SecondSite(count=5)


def test_what_it_promises() -> None:
    site = SecondSite()
    assert len(site.wire_copies()) == 3 and len(site.archive()) == 4 and site.gallery().kind == "gallery"
    assert {story.evidence for story in site.stories.values()} == {"jsonld", "og", "none"}
    assert any(kind == "ul" for story in site.articles() for kind, _ in story.blocks)
    assert any(kind == "read_also" for story in site.articles() for kind, _ in story.blocks)
    assert "Sitemap: " + BASE + "/sitemap.xml" in site.page("/robots.txt", BASE).body.decode()
    news = site.page("/sitemaps/nachrichten.xml", BASE).body.decode()
    assert "sitemap-news/0.9" in news and news.count("<url>") == 25
    assert gzip.decompress(site.page("/sitemaps/artikel.xml.gz", BASE).body).count(b"<url>") == len(site.listed()) + 1
    for story in site.listed()[:10]:
        html = site.page(story.path, BASE).body.decode()
        for label in ("Mehr zum Thema" if story.related else "", "Das könnte Sie auch interessieren", "Meistgelesen",
                      "Kommentare", NEWSLETTER_TEXT):  # fmt: skip
            assert label in html
    assert site.page("/nowhere", BASE).status == 404


def test_the_ground_truth_agrees_with_the_pages() -> None:
    site = SecondSite()
    for story in site.articles():
        page = Selector(text=site.page(story.path, BASE).body.decode())
        expected = site.expected(story.id, BASE)
        assert page.css("h1.titel::text").get() == expected["headline"]
        assert page.xpath('//link[@rel="canonical"]/@href').get() == expected["url"]
        data = page.xpath('//script[@type="application/ld+json"]/text()').get()
        if data and "articleBody" in data:
            assert json.loads(data)["articleBody"] == expected["articleBody"]
        for paragraph in expected["articleBody"].split("\n\n"):
            assert paragraph in page.xpath("string(//div[@class='beitragstext'])").get()
        hrefs = set(page.xpath("//a/@href").getall())
        assert {link["url"].removeprefix(BASE) for link in expected["relatedLinks"]} <= hrefs


def test_served_over_http_with_a_request_log() -> None:
    site = SecondSite()
    with serve_second(site) as server:
        with urllib.request.urlopen(server.base_url + "/robots.txt", timeout=10) as response:
            assert server.base_url in response.read().decode()
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(server.base_url + "/sitemaps/none.xml", timeout=10)
        assert missing.value.code == 404
    assert site.request_log.counts() == {"/robots.txt": 1, "/sitemaps/none.xml": 1}
