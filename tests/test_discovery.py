"""Discovery without a crawl: robots.txt, sitemaps, feeds, URL shapes, article evidence, sites."""

from __future__ import annotations

import gzip

import pytest
from corpus import corpus_pages, require_corpus
from parsel import Selector

from newsbot.discovery import (
    ArticlePatterns,
    CrawlSite,
    SitesCanonicaliser,
    article_evidence,
    feed_links,
    has_identifier,
    read_feed,
    read_sitemap,
    read_sites,
    same_site_links,
    sitemaps_in_robots,
    url_shape,
)
from newsbot.sample_site.second import SecondSite
from newsbot.urls import site_origins

BASE = "https://www.example.de"
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS_NS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


# -- robots.txt ---------------------------------------------------------------------------
def test_robots_sitemap_lines_any_case_outside_groups_relative_resolved() -> None:
    text = (
        "User-agent: *\nDisallow: /suche\n\nSITEMAP: https://www.example.de/sitemap.xml\n"
        "sitemap:/news.xml # the news one\nSitemap: https://www.example.de/sitemap.xml\n"
        "Sitemap: ftp://example.de/x.xml\nSitemap:\nAllow: /sitemap: not a line\n"
    )
    assert sitemaps_in_robots(text, BASE) == [f"{BASE}/sitemap.xml", f"{BASE}/news.xml"]


def test_robots_without_sitemaps_and_the_limit() -> None:
    assert sitemaps_in_robots("User-agent: *\nDisallow:\n", BASE) == []
    many = "".join(f"Sitemap: {BASE}/s{n}.xml\n" for n in range(50))
    assert len(sitemaps_in_robots(many, BASE, limit=7)) == 7


# -- sitemaps -----------------------------------------------------------------------------
def test_a_sitemap_index_lists_its_sitemaps() -> None:
    body = (
        f'<?xml version="1.0"?><sitemapindex {NS}><sitemap><loc>{BASE}/a.xml</loc>'
        f"<lastmod>2026-11-20</lastmod></sitemap><sitemap><loc> {BASE}/b.xml.gz </loc></sitemap>"
        "<sitemap><loc>javascript:alert(1)</loc></sitemap></sitemapindex>"
    ).encode()
    sitemap = read_sitemap(body)
    assert sitemap.kind == "index" and sitemap.error is None
    assert [entry.url for entry in sitemap.entries] == [f"{BASE}/a.xml", f"{BASE}/b.xml.gz"]


def test_a_news_sitemap_gives_titles_dates_and_languages() -> None:
    body = (
        f"<urlset {NS} {NEWS_NS}><url><loc>{BASE}/politik/ein-langer-titel-ueber-etwas-1234567.html</loc>"
        "<news:news><news:publication><news:name>X</news:name><news:language>de</news:language>"
        "</news:publication><news:publication_date>2026-11-20T08:00:00+01:00</news:publication_date>"
        "<news:title>Ein Titel</news:title></news:news></url>"
        f"<url><loc>{BASE}/ressort/politik</loc></url></urlset>"
    ).encode()
    sitemap = read_sitemap(body)
    assert sitemap.kind == "urlset" and sitemap.is_news
    news, plain = sitemap.entries
    assert (news.news, news.title, news.language, news.published) == (
        True,
        "Ein Titel",
        "de",
        "2026-11-20T08:00:00+01:00",
    )
    assert not plain.news


def test_gzip_sitemaps_are_read_and_bounded_once_decompressed() -> None:
    text = f"<urlset {NS}>" + "".join(f"<url><loc>{BASE}/{n}</loc></url>" for n in range(100)) + "</urlset>"
    body = gzip.compress(text.encode())
    assert len(read_sitemap(body).entries) == 100
    too_big = read_sitemap(body, max_bytes=len(text) - 1)
    assert too_big.kind == "invalid" and "decompressed" in (too_big.error or "")
    assert read_sitemap(b"\x1f\x8bnot gzip").kind == "invalid"


def test_only_the_newest_entries_are_kept_beyond_the_bound() -> None:
    rows = "".join(f"<url><loc>{BASE}/{n}</loc><lastmod>2026-11-{n:02d}</lastmod></url>" for n in range(1, 21))
    sitemap = read_sitemap(f"<urlset {NS}>{rows}<url><loc>{BASE}/undated</loc></url></urlset>".encode(), max_urls=3)
    assert [entry.url for entry in sitemap.entries] == [f"{BASE}/18", f"{BASE}/19", f"{BASE}/20"]
    assert sitemap.skipped == 18


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        (b"", "empty"),
        (b"<html><body>Not found</body></html>", "not a sitemap"),
        (f"<urlset {NS}><url><loc>{BASE}/a</loc></url><url><loc>{BASE}/b".encode(), "not well-formed"),
        (b"\x00\x01\x02 binary", "neither XML"),
    ],
)
def test_a_malformed_sitemap_is_reported_not_raised(body: bytes, complaint: str) -> None:
    sitemap = read_sitemap(body)
    assert sitemap.error is not None and complaint in sitemap.error
    assert all("passwd" not in entry.url and "root:" not in entry.url for entry in sitemap.entries)


def test_entities_are_never_resolved() -> None:
    body = (
        b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
        b"<urlset><url><loc>https://www.example.de/&e;</loc></url></urlset>"
    )
    sitemap = read_sitemap(body)
    assert all("root:" not in entry.url for entry in sitemap.entries)


def test_a_cut_off_sitemap_keeps_what_it_could_read_and_says_so() -> None:
    site = SecondSite()
    sitemap = read_sitemap(site.page("/sitemaps/alt.xml", BASE).body)
    assert sitemap.error and "not well-formed" in sitemap.error
    assert len(sitemap.entries) < 3


def test_a_plain_text_sitemap() -> None:
    sitemap = read_sitemap(f"{BASE}/a\n\n{BASE}/b\nnot a url\n".encode())
    assert sitemap.kind == "urlset" and [e.url for e in sitemap.entries] == [f"{BASE}/a", f"{BASE}/b"]


# -- feeds --------------------------------------------------------------------------------
def test_feed_autodiscovery_reads_rel_alternate_links_of_feed_types() -> None:
    page = Selector(
        text=(
            '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.rss">'
            '<link rel="Alternate home" type="application/atom+xml; charset=utf-8" href="https://www.example.de/atom">'
            '<link rel="alternate" type="text/html" hreflang="en" href="/en/">'
            '<link rel="stylesheet" type="text/css" href="/s.css">'
            '<link rel="alternate" type="application/rss+xml" href="/feed.rss"></head></html>'
        )
    )
    assert feed_links(page, f"{BASE}/") == [f"{BASE}/feed.rss", f"{BASE}/atom"]
    assert feed_links(Selector(text="<html><head></head></html>"), BASE) == []


def test_the_second_replica_announces_its_feed_only_on_the_home_page() -> None:
    site = SecondSite()
    home = Selector(text=site.page("/", BASE).body.decode())
    assert feed_links(home, f"{BASE}/") == [f"{BASE}/feeds/alle.rss"]
    article = Selector(text=site.page(site.listed()[0].path, BASE).body.decode())
    assert feed_links(article, BASE) == []


def test_rss_and_atom_items_are_read_and_bounded() -> None:
    rss = (
        b"<rss version='2.0'><channel><item><title>A</title><link>/a-long-story-about-things-12345</link>"
        b"<pubDate>Fri, 20 Nov 2026 08:00:00 +0100</pubDate></item><item><guid>https://www.example.de/b</guid></item>"
        b"<item><guid isPermaLink='false'>tag:1</guid></item></channel></rss>"
    )
    feed = read_feed(rss, f"{BASE}/feed.rss")
    assert [(e.url, e.title) for e in feed.entries] == [
        (f"{BASE}/a-long-story-about-things-12345", "A"),
        (f"{BASE}/b", None),
    ]
    atom = (
        b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>C</title><link rel='alternate' href='/c'/>"
        b"<link rel='edit' href='/edit/c'/><published>2026-11-20T08:00:00Z</published></entry></feed>"
    )
    assert [(e.url, e.published) for e in read_feed(atom, BASE).entries] == [(f"{BASE}/c", "2026-11-20T08:00:00Z")]
    bounded = read_feed(SecondSite().page("/feeds/alle.rss", BASE).body, BASE, max_items=5)
    assert len(bounded.entries) == 5 and bounded.skipped == 25
    assert read_feed(b"<html/>", BASE).error and read_feed(b"", BASE).error


XXE_RSS = (
    b"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
    b"<rss version='2.0'><channel><title>News &xxe;</title>"
    b"<item><title>A</title><link>https://www.example.de/story-a-12345/&xxe;</link></item>"
    b"<item><title>B</title><link>https://www.example.de/story-b-12345</link></item>"
    b"<item><title>C &xxe;</title><link>https://www.example.de/story-c-12345</link></item>"
    b"</channel></rss>"
)


def test_a_feed_with_an_external_entity_is_read_without_it_and_says_so() -> None:
    feed = read_feed(XXE_RSS, f"{BASE}/feed.rss")
    assert [entry.url for entry in feed.entries] == [f"{BASE}/story-b-12345", f"{BASE}/story-c-12345"]
    assert feed.unreadable == 1 and feed.error and "entity" in feed.error
    assert all("root:" not in (entry.title or "") + entry.url for entry in feed.entries)


def test_a_cut_off_feed_keeps_what_it_could_read_and_says_so() -> None:
    body = XXE_RSS.replace(b"&xxe;", b"")[: XXE_RSS.replace(b"&xxe;", b"").index(b"story-c")]
    feed = read_feed(body, f"{BASE}/feed.rss")
    assert [entry.url for entry in feed.entries][:2] == [f"{BASE}/story-a-12345/", f"{BASE}/story-b-12345"]
    assert feed.error and "not well-formed" in feed.error


def test_a_whole_feed_has_no_error() -> None:
    feed = read_feed(XXE_RSS.replace(b"&xxe;", b""), f"{BASE}/feed.rss")
    assert len(feed.entries) == 3 and feed.error is None and feed.unreadable == 0


# -- URL shapes ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "shape"),
    [
        (f"{BASE}/politik/bahn-streik-legt-land-lahm-123456.html", ("{word}", "{slug}.html")),
        (f"{BASE}/2026/11/20/ein-langer-titel-ueber-etwas", ("{num}", "{num}", "{num}", "{slug}")),
        (f"{BASE}/story/3000000218734/nach-kalifat", ("{word}", "{id}", "{word}")),
        (f"{BASE}/article/b1d70952dd8f", ("{word}", "{id}")),
        (f"{BASE}/news/article123456.ece", ("{word}", "{slug}.ece")),
        (f"{BASE}/ressort/politik?page=2", ("{word}", "{word}")),
        (f"{BASE}/autor/greta-hollmann", ("{word}", "{word}")),
        (f"{BASE}/", ()),
    ],
)
def test_url_shapes(url: str, shape: tuple[str, ...]) -> None:
    assert url_shape(url) == shape
    assert has_identifier(url) == any(t.split(".")[0] in ("{id}", "{slug}") for t in shape)


def test_article_shapes_are_learnt_from_the_sitemap_and_listing_shapes_never() -> None:
    site = SecondSite()
    urls = [e.url for path in ("/sitemaps/artikel.xml.gz", "/sitemaps/seiten.xml")
            for e in read_sitemap(site.page(path, BASE).body).entries]  # fmt: skip
    patterns = ArticlePatterns(min_support=3)
    patterns.learn(urls)
    assert patterns.describe() == ["/{word}/{slug}.html"]
    archived = site.archive()[-1]  # listed nowhere, but of the learnt shape
    assert patterns.matches(BASE + archived.path)
    assert not patterns.matches(f"{BASE}/ressort/politik") and not patterns.matches(f"{BASE}/autor/greta-hollmann")


def test_a_shape_needs_its_support() -> None:
    patterns = ArticlePatterns(min_support=3)
    patterns.learn([f"{BASE}/a/one-long-story-slug-here", f"{BASE}/b/two-long-story-slug-here"])
    assert not patterns.learnt and not patterns.matches(f"{BASE}/c/three-long-story-slug-here")
    patterns.learn([f"{BASE}/c/three-long-story-slug-here"])
    assert patterns.matches(f"{BASE}/d/four-long-story-slug-here")


# -- pages ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("head", "evidence"),
    [
        ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": ["NewsArticle"]}]}</script>',
         "jsonld:NewsArticle"),
        ('<script type="application/ld+json">{"@type": "WebPage", "mainEntity": {"@type": "ReportageNewsArticle"}}'
         "</script>", "jsonld:ReportageNewsArticle"),
        ('<script type="application/ld+json">[{"@type": "http://schema.org/BlogPosting"}]</script>',
         "jsonld:BlogPosting"),
        ('<meta property="og:type" content=" Article ">', "og:type"),
        ('<script type="application/ld+json">{broken</script><meta property="og:type" content="website">', None),
        ('<script type="application/ld+json">{"@type": "WebPage"}</script>', None),
        ('<script type="application/ld+json">{"@type": "CollectionPage", "mainEntity": {"@type": "ItemList", '
         '"itemListElement": [{"@type": "NewsArticle", "headline": "a teaser"}]}}</script>', None),
    ],
)  # fmt: skip
def test_article_evidence(head: str, evidence: str | None) -> None:
    assert article_evidence(Selector(text=f"<html><head>{head}</head><body></body></html>")) == evidence


def test_microdata_evidence() -> None:
    page = '<html><body><div itemscope itemtype="https://schema.org/NewsArticle"><h1>x</h1></div></body></html>'
    assert article_evidence(Selector(text=page)) == "microdata:NewsArticle"


def test_the_second_replica_pages_carry_their_evidence() -> None:
    site = SecondSite()
    for story in site.stories.values():
        page = Selector(text=site.page(story.path, BASE).body.decode())
        want = {"jsonld": "jsonld:NewsArticle", "og": "og:type", "none": None}[story.evidence]
        assert article_evidence(page) == want, story.path
    assert article_evidence(Selector(text=site.page("/", BASE).body.decode())) is None


def test_same_site_links() -> None:
    page = Selector(
        text='<a href="/a#x">a</a><a href="https://example.de/b">b</a><a href="https://other.de/c">c</a>'
        '<a href="mailto:x@example.de">m</a><a href="/a">again</a><a href="#top">top</a><a href="http://[oops/">bad</a>'
    )
    origins = site_origins(BASE)
    assert same_site_links(page, f"{BASE}/", origins) == [f"{BASE}/a", "https://example.de/b"]
    assert same_site_links(page, f"{BASE}/", origins, limit=1) == [f"{BASE}/a"]


def test_same_site_links_are_read_as_the_downloader_reads_them() -> None:
    hostile = (
        "http://other.de\\@www.example.de/x-1", "https://user:pw@www.example.de/x-2", "https://news.example.de/x-3",
        "https://www.example.de:8443/x-4", "https://www.example.de\t.other.de/x-5",
    )  # fmt: skip
    kept = ("https://www.example.de:443/x-6", "/@author/story-slug-12345", "http://example.de/x-7")
    page = Selector(text="".join(f"<a href='{href}'>link</a>" for href in (*hostile, *kept)))
    assert same_site_links(page, f"{BASE}/", site_origins(BASE)) == [
        "https://www.example.de:443/x-6",
        f"{BASE}/@author/story-slug-12345",
        "http://example.de/x-7",
    ]


# -- sites --------------------------------------------------------------------------------
def test_a_site_owns_its_host_with_or_without_www_and_canonicalises_onto_its_origin() -> None:
    site = CrawlSite("https://www.example.de/news/")
    assert site.origin == "https://www.example.de" and site.domains == ["example.de", "www.example.de"]
    assert site.owns("http://example.de/x") and not site.owns("https://example.com/x")
    assert site.canonical("http://example.de/a/b/?utm_source=x&z=1#c") == "https://www.example.de/a/b/?z=1"
    local = CrawlSite("http://127.0.0.1:8766")
    assert local.domains == ["127.0.0.1"] and not local.owns("http://127.0.0.1:8767/x")
    urls = SitesCanonicaliser([site, local])
    assert urls.site_of("http://127.0.0.1:8766/a") is local
    assert urls.canonical("https://other.de/x?utm_medium=y") == "https://other.de/x"


def test_a_site_without_a_profile_keeps_its_paths_as_written() -> None:
    """No trailing slash added or removed, no case folded: ``/Story/`` and ``/story`` may be other pages."""
    site = CrawlSite("https://www.example.de/")
    assert (
        site.canonical("https://example.de/2024/05/03/Some-Story/") == "https://www.example.de/2024/05/03/Some-Story/"
    )
    assert site.canonical("https://www.example.de/techy-gift-guide") == "https://www.example.de/techy-gift-guide"
    assert site.canonical("https://www.example.de") == "https://www.example.de/"
    # still cleaned: tracking parameters, fragment, the query's order, the host's www and case
    assert site.canonical("http://EXAMPLE.de/a/?z=1&utm_source=x&b=2#top") == "https://www.example.de/a/?b=2&z=1"


def test_the_trtworld_canonical_form_is_unchanged() -> None:
    from newsbot.sites.trtworld.urls import canonicaliser

    urls = canonicaliser()
    expected = "https://www.trtworld.com/africa/some-story-12345"
    assert urls.canonical("https://trtworld.com/africa/some-story-12345/") == expected


def test_a_site_takes_the_origin_it_answers_at() -> None:
    site = CrawlSite("http://example.de")
    assert not site.adopt_origin("http://example.de/robots.txt")
    assert not site.adopt_origin("https://other.de/robots.txt")
    assert site.adopt_origin("https://www.example.de/robots.txt")
    assert (site.origin, site.home) == ("https://www.example.de", "https://www.example.de/")
    assert site.canonical("http://example.de/a/") == "https://www.example.de/a/"
    deep = CrawlSite("http://example.de/news/")
    deep.adopt_origin("https://example.de/robots.txt")
    assert deep.home == "http://example.de/news/"  # a given start page stays as given (it redirects itself)


def test_read_sites(tmp_path: pytest.TempPathFactory) -> None:
    listing = tmp_path / "sites.txt"  # type: ignore[operator]
    listing.write_text("# my sites\nhttps://a.example\n\n  http://b.example/news  # comment\n", encoding="utf-8")
    assert read_sites(sites=str(listing)) == ["https://a.example", "http://b.example/news"]
    assert read_sites("https://c.example", str(listing))[0] == "https://c.example"
    with pytest.raises(ValueError, match="give the site"):
        read_sites()
    with pytest.raises(ValueError, match="cannot read"):
        read_sites(sites=str(listing) + ".missing")
    listing.write_text("https://a.example\nfile:///etc/passwd\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"sites\.txt:2"):
        read_sites(sites=str(listing))
    with pytest.raises(ValueError, match="not an http"):
        read_sites("example.com")


def test_real_article_pages_prove_they_are_articles_and_have_article_addresses() -> None:
    """Floors on the shared corpus (every page is an article; when written: 255 of 258 pages
    had article structured data, 249 of 258 URLs an article identifier)."""
    folder = require_corpus()
    pages = corpus_pages(folder)
    proven = sum(bool(article_evidence(Selector(text=html.decode("utf-8", "replace")))) for _, html in pages)
    addressed = sum(has_identifier(record["url"]) for record, _ in pages)
    assert proven >= 250 and addressed >= 245, (proven, addressed, len(pages))
