"""Extraction never raises: seeded fuzzing of real and replica pages, and one test per failure class.

The fuzz tests mutate saved pages (the shared corpus, see :mod:`corpus`, and the replica fixtures
in this repository) in every way a hostile or broken page can be malformed, and check that
:func:`extract_article` and :func:`article_links` neither raise nor fall back on their last-resort
guard (which logs an error and records ``metadata["extractionErrors"]``), and that the cleaned
item encodes to UTF-8. The mutations are deterministic: each page gets its own seeded generator.
The targeted tests below them use small pages written here, one per class of failure found.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from corpus import corpus_pages, require_corpus
from scrapy.http import HtmlResponse

from newsbot.extraction import EXTRACTION_ERRORS
from newsbot.items import ArticleItem, Link, item_to_dict
from newsbot.sites import article_links, extract_article
from newsbot.sites.trtworld.urls import canonicaliser

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

SEED = 20261202
CORPUS_MUTATIONS_PER_PAGE = 2
REPLICA = Path(__file__).parent / "fixtures" / "sites" / "trtworld"
BASE = "http://127.0.0.1:8765"

HOSTILE_URLS = (
    "http://[oops", "//[x]", "http://[::1", "http://[::1]]/", "http://[v1.x]/a", "http://a:b:c/",
    "https://example.org:99999/a", "http://example.org:port/", "http://:80", "//[", "\x00",
    "http://exa\x01mple.org/\ud800", "javascript:alert(1)",
)  # fmt: skip
CONTROLS = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, 0x80, 0x85, 0x9F)]
BAD_BYTES = (b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xff", b"\xc3", b"\x80", b"&#xd800;", b"&#0;", b"&#x1;", b"\\ud800")


def _insert(rng: random.Random, body: bytes, pieces: list[bytes], count: int) -> bytes:
    out = bytearray(body)
    for _ in range(count):
        at = rng.randrange(len(out) + 1)
        out[at:at] = rng.choice(pieces)
    return bytes(out)


def truncate(rng: random.Random, body: bytes) -> bytes:
    return body[: rng.randrange(len(body) + 1)]


def insert_controls(rng: random.Random, body: bytes) -> bytes:
    return _insert(rng, body, [c.encode("utf-8") for c in CONTROLS], rng.randrange(1, 80))


def break_utf8(rng: random.Random, body: bytes) -> bytes:
    return _insert(rng, body, list(BAD_BYTES), rng.randrange(1, 80))


def _weird_json(rng: random.Random, depth: int = 0) -> object:
    choice = rng.randrange(8)
    if choice == 0:
        return rng.choice([None, 0, -1, 10**30, 1.5, True])
    if choice == 1 and depth < 3:
        return [_weird_json(rng, depth + 1) for _ in range(rng.randrange(3))]
    if choice == 2 and depth < 3:
        key = rng.choice(["name", "@value", "url", "@type", "caption", "@graph"])
        return {key: _weird_json(rng, depth + 1)}
    if choice == 3:
        return json.loads("[" * 800 + "1" + "]" * 800)
    return rng.choice(["\ud800", "x\x00y", "\x85", "\udfff\ud800", "", "&#xd800;", *HOSTILE_URLS])


def break_jsonld(rng: random.Random, body: bytes) -> bytes:
    """A JSON-LD article whose values have unexpected types, lone surrogates and bad URLs; or a cut one."""
    if rng.random() < 0.3:
        at = body.find(b"application/ld+json")
        if at >= 0:
            at += rng.randrange(1, 300)
            return body[:at] + rng.choice([b'"\\ud800"', b"{{{", b'"headline":"\\udc00",', b"\x00"]) + body[at:]
    keys = ("@type", "headline", "author", "image", "url", "@graph", "keywords", "datePublished", "articleBody")
    data = {key: _weird_json(rng) for key in keys}
    if rng.random() < 0.5:
        data["@type"] = "NewsArticle"
    script = b'<script type="application/ld+json">' + json.dumps(data).encode() + b"</script>"
    return body.replace(b"</head>", script + b"</head>", 1) if b"</head>" in body else script + body


def hostile_hrefs(rng: random.Random, body: bytes) -> bytes:
    out = body
    for _ in range(rng.randrange(1, 30)):
        at = out.find(b'href="', rng.randrange(len(out) + 1))
        if at < 0:
            at = out.find(b'href="')
        if at < 0:
            return out + b'<a href="http://[oops">x</a>'
        out = out[: at + 6] + rng.choice(HOSTILE_URLS).encode("utf-8", "surrogatepass") + out[at + 6 :]
    return out


def hostile_base(rng: random.Random, body: bytes) -> bytes:
    base = b'<base href="' + rng.choice(HOSTILE_URLS).encode("utf-8", "surrogatepass") + b'">'
    return body.replace(b"<head>", b"<head>" + base, 1) if b"<head>" in body else base + body


def huge_attribute(rng: random.Random, body: bytes) -> bytes:
    size = rng.choice([10**5, 10**6])
    tag = rng.choice([b'<meta property="og:title" content="%s">', b'<meta %s="1">', b'<a href="/%s">x</a>'])
    return tag.replace(b"%s", b"A" * size) + body


def wrong_encoding(rng: random.Random, body: bytes) -> bytes:
    name = rng.choice([b"utf-16", b"utf-32", b"x-unknown", b"utf-7", b"iso-2022-jp", b"cp1254", b"\x00", b"big5"])
    return b'<meta charset="' + name + b'">' + body


def nothing(rng: random.Random, body: bytes) -> bytes:
    return rng.choice([b"", b" ", b"\x00", b"<", b"<html></html>", b"\xef\xbb\xbf", b"\xff\xfe", b"<html><body>"])


def garbage(rng: random.Random, body: bytes) -> bytes:
    return rng.randbytes(rng.randrange(1, 4096))


def flip_bytes(rng: random.Random, body: bytes) -> bytes:
    out = bytearray(body)
    for _ in range(rng.randrange(1, 200)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def odd_attributes(rng: random.Random, body: bytes) -> bytes:
    """Attribute names lxml keeps but will not look up again (control characters, ``a:b:c``)."""
    tag = rng.choice(
        [b'<meta \x01property="og:title" content="x">', b'<meta a:b:c="1" name="description" content="y">']
    )
    return body.replace(b"<head>", b"<head>" + tag, 1) + tag


def deep_nesting(rng: random.Random, body: bytes) -> bytes:
    """The page inside as many elements as the parser allows, with repeated blocks and labels."""
    depth = rng.choice([300, 1000, 2000])
    repeated = rng.choice(
        [b"<p>RELATED</p><a href='/article/0a1b2c3d4e5f'>x</a>", b"<a href='/author/a'>A</a><h1>T</h1>"]
    )
    at = body.find(b"<body")
    at = body.find(b">", at) + 1 if at >= 0 else 0
    return body[:at] + b"<div>" * depth + repeated * rng.randrange(100, 1000) + body[at:]


MUTATIONS: tuple[Callable[[random.Random, bytes], bytes], ...] = (
    truncate, insert_controls, break_utf8, break_jsonld, hostile_hrefs, hostile_base, huge_attribute,
    wrong_encoding, nothing, garbage, flip_bytes, odd_attributes, deep_nesting,
)  # fmt: skip


def problems(url: str, body: bytes, urls: object = None) -> list[str]:
    """What went wrong extracting ``body``: an exception, a last-resort guard, an unstorable item."""
    errors = logging.getLogger("newsbot.extraction")
    caught: list[logging.LogRecord] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = caught.append  # type: ignore[method-assign]
    errors.addHandler(handler)
    try:
        item = extract_article(HtmlResponse(url=url, body=body), urls)  # type: ignore[arg-type]
        links = article_links(HtmlResponse(url=url, body=body), urls)  # type: ignore[arg-type]
    except Exception as error:
        return [f"raised {error!r}"]
    finally:
        errors.removeHandler(handler)
    found = [f"logged {record.getMessage()[:300]}" for record in caught]
    if not isinstance(item, ArticleItem):
        found.append(f"returned {type(item).__name__}")
        return found
    found += [f"guard: {error}" for error in item.metadata.get(EXTRACTION_ERRORS, [])]
    if not all(isinstance(link, Link) for link in links):
        found.append("article_links returned something that is not a Link")
    try:
        json.dumps(item_to_dict(item), ensure_ascii=False).encode("utf-8")
    except ValueError as error:
        found.append(f"unstorable item: {error!r}")
    return found


def fuzz(pages: list[tuple[str, str, bytes]], per_page: int, urls: object = None) -> list[str]:
    """Each page under ``per_page`` mutations (taken in turn, so every kind meets many pages)."""
    failures: list[str] = []
    turn = 0
    for name, url, body in pages:
        for _ in range(per_page):
            mutation = MUTATIONS[turn % len(MUTATIONS)]
            turn += 1
            mutated = mutation(random.Random(f"{SEED}:{name}:{mutation.__name__}"), body)
            failures += [f"{name} / {mutation.__name__}: {found}" for found in problems(url, mutated, urls)]
    return failures


def test_fuzzed_corpus_pages_never_break_extraction() -> None:
    folder = require_corpus()
    pages = [(record["file"], record["url"], body) for record, body in corpus_pages(folder)]
    failures = fuzz(pages, CORPUS_MUTATIONS_PER_PAGE)
    assert failures == [], f"{len(failures)} failures, first ones:\n" + "\n".join(failures[:15])


def replica_pages() -> list[tuple[str, str, bytes]]:
    pages = []
    for html in sorted(REPLICA.glob("*.html")):
        fixture = json.loads(html.with_suffix(".json").read_text())["_fixture"]
        pages.append((html.name, fixture["url"], html.read_bytes()))
    return pages


@pytest.mark.parametrize("site_urls", [None, canonicaliser(BASE)], ids=["detected", "crawl"])
def test_fuzzed_replica_pages_never_break_extraction(site_urls: object) -> None:
    """The TRT World profile and the Next.js flight layer, which the corpus pages do not reach."""
    failures = fuzz(replica_pages(), len(MUTATIONS), site_urls)
    assert failures == [], f"{len(failures)} failures, first ones:\n" + "\n".join(failures[:15])


# -- one test per failure class --------------------------------------------------------------------


def page(head: str = "", body: str = "") -> bytes:
    paragraph = "<p>The council met on Tuesday and agreed a budget for the coming year after a long debate.</p>"
    return (
        f"<html><head><title>Budget agreed</title>{head}</head>"
        f"<body><h1>Budget agreed</h1>{body}{paragraph * 3}</body></html>"
    ).encode()


def extract(body: bytes, url: str = "https://news.example.org/story/1", **kwargs: object) -> ArticleItem:
    found = problems(url, body, kwargs.get("urls"))
    assert found == []
    return extract_article(HtmlResponse(url=url, body=body), kwargs.get("urls"))  # type: ignore[arg-type]


@pytest.mark.parametrize("base", ["http://[oops", "http://[x]/", "http://example.org:port/", "http://e.org:99999/"])
def test_a_malformed_base_href_still_yields_the_page(base: str) -> None:
    item = extract(page(head=f'<base href="{base}">'))
    assert item.headline == "Budget agreed"
    assert item.articleBody and item.articleBody.startswith("The council met on Tuesday")


@pytest.mark.parametrize("href", ["http://[oops", "//[x]", "http://[::1", "http://a:b:c/", "https://e.org:99999/"])
def test_malformed_urls_are_left_out_and_the_rest_is_kept(href: str) -> None:
    head = (
        f'<link rel="canonical" href="{href}"><meta property="og:image" content="{href}">'
        '<script type="application/ld+json">'
        f'{{"@type": "NewsArticle", "author": {{"name": "Ana Lee", "url": "{href}"}}, "url": "{href}"}}'
        "</script>"
    )
    item = extract(page(head=head, body=f'<a href="{href}">odd link</a>'))
    assert item.canonicalUrl == "https://news.example.org/story/1"  # the page's own URL, not the bad one
    assert [(author.name, author.url) for author in item.authors] == [("Ana Lee", None)]
    assert item.mainImage is None


def test_malformed_article_links_of_a_site_profile_are_skipped() -> None:
    good = f"{BASE}/article/0a1b2c3d4e5f"
    links = "".join(
        f'<div><a href="{href}">{text}</a></div>'
        for href, text in [
            ("http://[oops/article/00000000000a", "Broken host story"),
            ("http://127.0.0.1:99999/article/00000000000b", "Broken port story"),
            (good, "A story worth reading"),
        ]
    )
    body = f"<aside><p>RELATED</p>{links}</aside><a href='http://[x]/author/ana'>Ana</a>"
    urls = canonicaliser(BASE)
    item = extract(page(body=body), url=f"{BASE}/article/0123456789ab", urls=urls)
    assert [(link.url, link.headline) for link in item.relatedLinks] == [(good, "A story worth reading")]
    assert item.authors == []


@pytest.mark.parametrize("url", ["http://[oops/article/0a1b2c3d4e5f", "http://e.org:99999/a"])
def test_a_malformed_page_url_does_not_break_extraction(url: str) -> None:
    item = extract(page(body='<a href="/article/0a1b2c3d4e5f">x</a>'), url=url)
    assert item.headline == "Budget agreed"


@pytest.mark.parametrize("attribute", ["\x01property", "na\x02me", "\x0bp", "\x1fname"])
def test_attribute_names_lxml_rejects_do_not_hide_the_other_metadata(attribute: str) -> None:
    head = f'<meta {attribute}="og:title" content="odd"><meta name="description" content="The standfirst.">'
    item = extract(page(head=head))
    assert item.description == "The standfirst."


def test_control_characters_in_the_markup_are_dropped() -> None:
    item = extract(page(head='<meta name="author" content="Ana\x00 Lee\x01">', body="<h2>Sub\x1b\x9fhead</h2>"))
    assert [author.name for author in item.authors] == ["Ana Lee"]
    assert "Subhead" in (item.articleBody or "")


@pytest.mark.parametrize("kind", [None, 5, 1.5], ids=["null", "number", "float"])
def test_jsonld_types_of_unexpected_types_are_ignored(kind: object) -> None:
    # the date probes which object was read: only JSON-LD gives one here (the headline the page
    # shows beats a JSON-LD headline no heading shows)
    data = [
        {"@type": kind, "headline": "Not an article", "datePublished": "2020-01-02T08:00:00Z"},
        {"@type": "NewsArticle", "headline": "From JSON-LD", "datePublished": "2024-03-05T10:00:00Z"},
    ]
    item = extract(page(head=f'<script type="application/ld+json">{json.dumps(data)}</script>'))
    assert (item.datePublished or "").startswith("2024-03-05")


def nested(depth: int, inner: str = "1") -> str:
    return "[" * depth + inner + "]" * depth


@pytest.mark.parametrize(
    ("value", "headline"),
    [(json.loads(nested(880, '"Deep"')), "Budget agreed"), ("Budget\ud800 agreed\x00", "Budget agreed")],
    ids=["nested", "surrogate"],
)
def test_jsonld_values_nested_deep_or_unencodable_are_handled(value: object, headline: str) -> None:
    data = {"@type": "NewsArticle", "headline": value, "author": value, "image": value, "keywords": value}
    item = extract(page(head=f'<script type="application/ld+json">{json.dumps(data)}</script>'))
    assert item.headline == headline


def test_json_nested_to_the_parsers_limit_is_skipped() -> None:
    deep_record = json.dumps('"content":' + '{"a":' * 5000)
    flight = "".join(
        f"<script>self.__next_f.push([1, {payload}])</script>" for payload in (nested(100_000), deep_record)
    )
    head = "".join(f'<script type="application/ld+json">{nested(depth)}</script>' for depth in (900, 100_000))
    head += (
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "From JSON-LD", "datePublished": "2024-03-05T10:00:00Z"}</script>'
    )
    item = extract(page(head=head, body=flight))
    assert (item.datePublished or "").startswith("2024-03-05")  # the JSON-LD after the deep ones was read


def test_flight_data_of_unexpected_types_is_ignored() -> None:
    record = {
        "slug": "0123456789ab",
        "title": "Flight title",
        "authors": 5,
        "category": [1],
        "readingTime": True,
        "coverImage": "x",
    }
    payload = json.dumps(f'"content":{json.dumps(record)}')
    body = f"<script>self.__next_f.push([1, {payload}])</script>"
    item = extract(page(body=body), url=f"{BASE}/article/0123456789ab", urls=canonicaliser(BASE))
    assert item.headline == "Flight title"
    assert item.authors == [] and item.readingTimeMinutes is None


def test_text_with_lone_surrogates_given_as_a_string_is_read() -> None:
    response = SimpleNamespace(url="https://news.example.org/story/1", text=page().decode() + "\ud800\x00")
    assert extract_article(response).headline == "Budget agreed"
