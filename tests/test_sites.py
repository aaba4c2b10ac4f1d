"""Every declared site (newsbot.sites) against its saved pages, and the rules of a site declaration.

Each site's folder (``Site.fixtures``, under ``tests/fixtures/sites/<name>/``) holds saved pages
``<page>.html``, each with its expected item ``<page>.json``: ``_fixture`` gives the URL the page
was fetched from and its encoding, ``subheadings`` the paragraphs the expected body leaves out;
every other key is an item field, compared with what the site registry extracts from the page.
"""

from __future__ import annotations

import dataclasses
import json
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse

import newsbot.sites
from newsbot.cleaning import UrlCanonicaliser
from newsbot.extraction import ArticlePage, extract_article
from newsbot.sites import SITES, Site, SiteRegistry
from newsbot.sites.trtworld import SITE as TRTWORLD
from newsbot.urls import Origin

ROOT = Path(__file__).resolve().parents[1]


def saved_pages() -> list[tuple[Site, Path]]:
    return [(site, page) for site in SITES.sites for page in sorted((ROOT / site.fixtures).glob("*.html"))]


def saved_response(page: Path) -> tuple[HtmlResponse, dict[str, Any]]:
    """The saved page as its site served it, and its expected item (``_fixture`` popped)."""
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    fixture = expected.pop("_fixture")
    # a page declaring a charset other than UTF-8 says so only in its <meta>, as it was served
    content_type = "text/html; charset=utf-8" if fixture["encoding"] == "utf-8" else "text/html"
    return HtmlResponse(url=fixture["url"], body=page.read_bytes(), headers={"Content-Type": content_type}), expected


def comparable(item: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    """The extracted item's fields the expectation names; the left-out paragraphs out of the body."""
    left_out = set(expected.get("subheadings", ()))
    fields = {name: item.get(name) for name in expected if name != "subheadings"}
    if fields.get("articleBody"):
        fields["articleBody"] = "\n\n".join(p for p in fields["articleBody"].split("\n\n") if p not in left_out)
    return fields


def expected_fields(expected: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in expected.items() if name != "subheadings"}


@pytest.mark.parametrize(("site", "page"), saved_pages(), ids=lambda value: getattr(value, "name", None))
def test_each_saved_page_of_each_site_gives_its_expected_item(site: Site, page: Path) -> None:
    response, expected = saved_response(page)
    assert SITES.site_for(response.url, Selector(text=response.text)) is site  # picked for the page
    item = dataclasses.asdict(SITES.extract_article(response))
    assert comparable(item, expected) == expected_fields(expected)


def test_every_declared_site_has_saved_pages_each_with_its_expected_item() -> None:
    for site in SITES.sites:
        folder = ROOT / site.fixtures
        assert folder == ROOT / "tests" / "fixtures" / "sites" / site.name
        pages = {path.stem for path in folder.glob("*.html")}
        assert pages, site.name
        assert pages == {path.stem for path in folder.glob("*.json")}, site.name


def test_the_comparison_fails_when_the_site_reader_is_not_used() -> None:
    """The generic layers alone miss what the site's reader finds: the saved pages can catch a wrong item."""
    differing = 0
    for _, page in saved_pages():
        response, expected = saved_response(page)
        item = dataclasses.asdict(extract_article(response))  # newsbot.extraction: generic, no site
        differing += comparable(item, expected) != expected_fields(expected)
    assert differing > 0


def test_every_site_package_is_declared_in_the_registry() -> None:
    packages = {info.name for info in pkgutil.iter_modules(newsbot.sites.__path__) if info.ispkg}
    assert packages == {site.name for site in SITES.sites}


def test_a_registry_refuses_two_sites_of_one_name_and_names_only_its_sites() -> None:
    with pytest.raises(ValueError, match="one name"):
        SiteRegistry([TRTWORLD, TRTWORLD])
    assert SITES.named("trtworld") is TRTWORLD
    with pytest.raises(KeyError):
        SITES.named("nosuchsite")


def test_a_site_serves_its_domains_and_hosts_under_them_only() -> None:
    for host in ("trtworld.com", "www.trtworld.com", "video.trtworld.com", "WWW.TRT.GLOBAL.", "trt.global"):
        assert TRTWORLD.serves(host), host
    for host in ("nottrtworld.com", "trtworld.com.evil.example", "trt.global.example", "example.com"):
        assert not TRTWORLD.serves(host), host
    assert TRTWORLD.hosts == {"trtworld.com", "www.trtworld.com", "trt.global", "www.trt.global"}


def test_a_site_owns_its_canonicaliser_for_any_base_url_and_no_other() -> None:
    assert TRTWORLD.owns(TRTWORLD.canonicaliser("http://127.0.0.1:8765"))
    other_urls = UrlCanonicaliser(
        base_url="https://other.example", host_aliases=frozenset({"other.example", "www.other.example"})
    )
    assert not TRTWORLD.owns(other_urls)
    other = dataclasses.replace(TRTWORLD, name="other", domain="other.example", aliases=())
    assert other.owns(other_urls) and not other.owns(TRTWORLD.canonicaliser("https://www.trtworld.com"))


def test_start_points_are_the_feeds_then_the_listing_pages_under_the_base_url() -> None:
    base = "http://127.0.0.1:8765/"
    assert TRTWORLD.feed_urls(base) == ["http://127.0.0.1:8765/feed/rss.xml"]
    listings = TRTWORLD.listing_urls(base)
    assert listings[0] == "http://127.0.0.1:8765/" and "http://127.0.0.1:8765/politics" in listings
    assert len(listings) == len(set(listings)) == 1 + 7


def test_a_replica_gets_its_own_host_and_origin_only() -> None:
    assert TRTWORLD.domains("http://127.0.0.1:8765") == ["127.0.0.1"]
    assert TRTWORLD.origins("http://127.0.0.1:8765") == {Origin("http", "127.0.0.1", 8765)}
    assert set(TRTWORLD.domains("https://www.trtworld.com")) == TRTWORLD.hosts


def test_a_page_of_no_declared_site_is_read_by_the_generic_layers() -> None:
    selector = Selector(text="<html><head><title>Ferry timetable</title></head><body><p>x</p></body></html>")
    assert SITES.site_for("https://news.example.org/a/1", selector) is None
    assert type(SITES.page_for("https://news.example.org/a/1", selector)) is ArticlePage


@pytest.mark.parametrize(
    ("html", "recognised"),
    [
        ('<html><head><meta property="og:site_name" content="TRT World"></head><body><p>x</p></body></html>', True),
        ("<html><head><title>Talks resume - TRT World</title></head><body><p>x</p></body></html>", True),
        # the site's name in the text, or a site-name tag outside <head>, does not make a page TRT World's
        ("<html><head><title>Talks resume</title></head><body><p>As TRT World reported</p></body></html>", False),
        ('<html><head></head><body><meta property="og:site_name" content="TRT World"></body></html>', False),
        ('<html><head><meta property="og:site_name" content="Harbour Gazette"></head><body></body></html>', False),
    ],
)
def test_a_page_on_another_host_is_recognised_by_its_head_only(html: str, recognised: bool) -> None:
    assert TRTWORLD.recognises is not None
    assert TRTWORLD.recognises(Selector(text=html), "http://127.0.0.1:9000/article/1") is recognised
