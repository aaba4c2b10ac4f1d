"""The one URL check (:mod:`newsbot.urls`) and the off-site middleware that applies it to every request."""

from __future__ import annotations

import pytest
from scrapy import Request, Spider
from scrapy.utils.test import get_crawler
from twisted.web.client import URI

from newsbot.discovery import CrawlSite
from newsbot.drops import DropRequest
from newsbot.errors import UnsafeUrl
from newsbot.middlewares.offsite import SiteOffsiteMiddleware
from newsbot.sites.trtworld import SITE as TRTWORLD
from newsbot.urls import Origin, check_url, origin_of, site_origins

REFUSED = {
    "http://127.0.0.1:9\\@127.0.0.1:8/x": "backslash in URL",
    "http://example.com/a\\b": "backslash in URL",
    "http://user:secret@example.com/x": "user info in URL",
    "http://example.com:8080@other.example/x": "user info in URL",
    "http://other.example%2f@example.com/": "user info in URL",
    "http://example.com\t.other.example/": "control character in URL",
    "http://example.com/a\nb": "control character in URL",
    "http://example.com/\x85": "control character in URL",
    "http://exa mple.com/": "whitespace in host",
    "http://example.com\u3000/": "whitespace in host",
    "javascript:alert(1)": "scheme 'javascript' is not http(s)",
    "ftp://example.com/x": "scheme 'ftp' is not http(s)",
    "//example.com/x": "no scheme",
    "http:example.com/x": "no host",
    "http:///example.com/x": "no host",
    "http://example.com:0/": "bad port",
    "http://example.com:+80/": "unreadable URL (Port could not be cast to integer value as +80)",
    "http://example.com:65536/": "unreadable URL (Port out of range 0-65535)",
    "http://-example.com/": "bad host name",
    "http://exa_mple.com%00/": "bad host name",
    "http://example%2ecom/": "bad host name",
    "http://2130706433/": "bad IPv4 host",
    "http://0177.0.0.1/": "bad IPv4 host",
    "http://[fe80::1%25eth0]/": "bad IPv6 host",
}

ACCEPTED = {
    "https://example.com/@author/story-12345": ("https://example.com/@author/story-12345", "https", "example.com", 443),
    "HTTP://WWW.Example.COM:80/a?b=1": ("http://www.example.com:80/a?b=1", "http", "www.example.com", 80),
    "https://example.com:8443/": ("https://example.com:8443/", "https", "example.com", 8443),
    "http://example.com./x": ("http://example.com./x", "http", "example.com", 80),
    "http://bücher.example/x y": ("http://xn--bcher-kva.example/x%20y", "http", "xn--bcher-kva.example", 80),
    "http://127.0.0.1:8766/news/a-1.html": ("http://127.0.0.1:8766/news/a-1.html", "http", "127.0.0.1", 8766),
    "http://[::1]:8080/x": ("http://[::1]:8080/x", "http", "::1", 8080),
}  # fmt: skip


@pytest.mark.parametrize(("url", "reason"), REFUSED.items())
def test_urls_parsers_may_read_differently_are_refused_with_their_reason(url: str, reason: str) -> None:
    with pytest.raises(UnsafeUrl) as refused:
        check_url(url)
    assert refused.value.reason == reason
    assert origin_of(url) is None


@pytest.mark.parametrize(("url", "expected"), ACCEPTED.items())
def test_accepted_urls_come_back_as_scrapy_sends_them_and_the_downloader_reads_the_same_origin(
    url: str, expected: tuple[str, str, str, int]
) -> None:
    checked = check_url(url)
    assert (checked.url, *(getattr(checked.origin, name) for name in ("scheme", "host", "port"))) == expected
    assert Request(url).url == checked.url  # the normalisation is scrapy.Request's own
    downloader = URI.fromBytes(checked.url.encode("ascii"))  # how Twisted's Agent picks host and port
    assert downloader.port == checked.origin.port
    assert downloader.host.decode().strip("[]").lower().removesuffix(".") == checked.origin.host


def test_the_backslash_trick_reads_one_host_with_urlsplit_and_goes_to_another() -> None:
    """Why a backslash is refused: the reading the old check used is not the downloader's."""
    from urllib.parse import urlsplit

    trick = "http://127.0.0.1:9\\@127.0.0.1:8/x"
    assert urlsplit(trick).port == 8
    assert URI.fromBytes(Request(trick).url.encode()).port == 9


def test_an_origin_is_scheme_host_and_effective_port() -> None:
    plain, secure = Origin("http", "example.com", 80), Origin("https", "example.com", 443)
    assert origin_of("http://example.com/a") == origin_of("http://EXAMPLE.com:80/b") == plain
    assert origin_of("https://example.com:443/") == origin_of("https://example.com/") == secure
    assert origin_of("https://example.com:80/") != origin_of("http://example.com/")
    assert origin_of("http://example.com:8080/") != origin_of("http://example.com/")
    assert str(Origin("https", "example.com", 443)) == "https://example.com"
    assert str(Origin("http", "::1", 8080)) == "http://[::1]:8080"


def test_a_site_s_origins_are_its_host_and_www_twin_on_its_port_or_both_default_ports() -> None:
    assert {str(o) for o in site_origins("https://www.example.com/news/")} == {
        "http://example.com", "http://www.example.com", "https://example.com", "https://www.example.com",
    }  # fmt: skip
    assert {str(o) for o in site_origins("http://localhost:8766")} == {
        "http://localhost:8766",
        "http://www.localhost:8766",
    }
    assert {str(o) for o in site_origins("http://127.0.0.1:8766/")} == {"http://127.0.0.1:8766"}
    assert {str(o) for o in site_origins("http://example.com:80")} == {
        str(o) for o in site_origins("https://example.com")
    }
    with pytest.raises(ValueError):
        site_origins("http://user@example.com/")


def test_checked_against_a_site_s_origins_the_reason_names_what_differs() -> None:
    origins = site_origins("http://localhost:8766")
    assert check_url("http://www.localhost:8766/@author/story-12345", origins).url.endswith("/@author/story-12345")
    cases = {
        "http://localhost:8767/x": "port 8767 is not the site's",
        "https://localhost:8766/x": "https on port 8766 is not the site's",
        "http://video.localhost:8766/x": "host video.localhost is not the site's",
        "http://localhost:8767\\@localhost:8766/x": "backslash in URL",
    }
    for url, reason in cases.items():
        with pytest.raises(UnsafeUrl, match=reason):
            check_url(url, origins)


def test_trtworld_allows_its_mirror_over_both_schemes_and_a_replica_only_its_own_origin() -> None:
    real = TRTWORLD.origins("https://www.trtworld.com")
    for url in ("http://trtworld.com/a", "https://www.trt.global/a", "https://www.trtworld.com:443/a"):
        assert origin_of(url) in real, url
    for url in ("https://www.trtworld.com:8443/a", "https://video.trtworld.com/a", "https://trt.global.evil.example/"):
        assert origin_of(url) not in real, url
    assert TRTWORLD.origins("http://127.0.0.1:8766") == {Origin("http", "127.0.0.1", 8766)}


def test_a_crawl_site_checks_what_it_is_given_and_what_it_finds() -> None:
    for given in ("http://user:secret@example.com/", "http://example.com:99999/", "http://example.com\\@evil/"):
        with pytest.raises(ValueError, match="not an http:// or https:// URL") as error:
            CrawlSite(given)
        assert "secret" not in str(error.value)
    site = CrawlSite("http://example.com:80/")
    assert (site.origin, site.host) == ("http://example.com", "example.com")
    assert site.owns("https://www.example.com/a") and site.owns("http://example.com:80/a")
    assert not site.owns("http://news.example.com/a") and not site.owns("http://example.com:8080/a")
    assert site.canonical("http://example.com:80/a/") == "http://example.com/a/"
    with pytest.raises(UnsafeUrl, match="user info"):
        site.check("http://someone@example.com/a")


# -- the middleware -----------------------------------------------------------------------------
class OneSite(Spider):
    name = "one_site"
    allowed_domains = ["localhost"]
    allowed_origins = site_origins("http://localhost:8766")


def middleware() -> SiteOffsiteMiddleware:
    crawler = get_crawler(OneSite)
    crawler.spider = OneSite.from_crawler(crawler)
    crawler.stats.open_spider()
    return SiteOffsiteMiddleware.from_crawler(crawler)


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8766/news/a-1.html",
        "http://www.localhost:8766/news/a-1.html",
        "http://LOCALHOST:8766/@author/story-slug-12345",
        "http://localhost.:8766/x",
    ],
)
def test_the_middleware_lets_the_site_s_origins_through(url: str) -> None:
    assert middleware().process_request(Request(url, dont_filter=True)) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://localhost:8767/news/a-1.html", "port 8767 is not the site's"),
        ("http://localhost/news/a-1.html", "port 80 is not the site's"),
        ("https://localhost:8766/news/a-1.html", "https on port 8766 is not the site's"),
        ("http://video.localhost:8766/news/a-1.html", "host video.localhost is not the site's"),
        ("http://someone@localhost:8766/news/a-1.html", "user info in URL"),
        ("http://localhost:8767\\@localhost:8766/x", "port 8767 is not the site's"),  # as Scrapy reads it
    ],
)
def test_the_middleware_refuses_every_other_origin_whatever_the_request_says(url: str, reason: str) -> None:
    mw = middleware()
    with pytest.raises(DropRequest) as dropped:
        mw.process_request(Request(url, dont_filter=True))
    assert (dropped.value.reason, dropped.value.detail) == ("offsite", reason)
    assert mw.process_request(Request(url, meta={"allow_offsite": True})) is None
