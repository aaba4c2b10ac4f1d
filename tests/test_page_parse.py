"""The page's tree: a UTF-8 page is parsed once, from its bytes, to the tree Scrapy's selector gives."""

from __future__ import annotations

from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article, forget_selector, page_selector

PAGE = """<html><head><title>Brücke über den Fluss</title></head><body><article><h1>Brücke über den Fluss</h1>
<p>Die neue Brücke verbindet seit Montag die beiden Ufer der Kleinstadt; Pendler sparen zwanzig Minuten.</p>
<p>Ce pont de bois remplace le bac qui traversait la rivière depuis 1932, dit la mairie.</p>
</article></body></html>"""


def response(body: bytes, encoding: str = "utf-8") -> HtmlResponse:
    return HtmlResponse(url="https://example.org/news/bruecke", body=body, encoding=encoding)


def test_utf8_page_parsed_once_to_scrapys_tree() -> None:
    page = response(PAGE.encode("utf-8"))
    mine = page_selector(page)
    assert page_selector(page) is mine  # the spider and the extraction share one parse
    scrapys = response(PAGE.encode("utf-8")).selector
    assert mine.xpath("//p/text()").getall() == scrapys.xpath("//p/text()").getall()
    assert mine.xpath("string(//h1)").get() == "Brücke über den Fluss"
    forget_selector(page)
    assert page_selector(page) is not mine


def test_other_pages_keep_the_text_path() -> None:
    """Not the bytes path: a legacy charset, a byte order mark, NUL bytes, an empty body."""
    for page in (
        response(PAGE.encode("cp1252"), "cp1252"),
        response(b"\xef\xbb\xbf" + PAGE.encode("utf-8")),
        response(PAGE.encode("utf-8").replace(b"Pendler", b"Pend\x00ler")),
        response(b"   "),
    ):
        selector = page_selector(page)
        assert selector.xpath("string(//h1)").get() in ("Brücke über den Fluss", "")
    item = extract_article(response(PAGE.encode("cp1252"), "cp1252"))
    assert item.articleBody and "Brücke" in item.articleBody


def test_one_walk_finds_what_separate_walks_find() -> None:
    """Scripts, <meta>, <link>, forms and h1-h3 headings in document order, as root.iter(tag) gives them."""
    from newsbot.extraction.walk import page_elements

    html = (
        "<html><head><meta name='a' content='1'><link rel='canonical' href='/x'><script>var a;</script></head><body>"
        "<h2>Kicker</h2><h1>Title</h1><form><input type='email'></form><h3>Part</h3><meta itemprop='b' content='2'>"
        "<script type='application/ld+json'>{}</script></body></html>"
    )
    root = page_selector(response(html.encode())).root
    found = page_elements(root)
    assert found.scripts == list(root.iter("script"))
    assert found.metas == list(root.iter("meta"))
    assert found.links == list(root.iter("link"))
    assert found.forms == list(root.iter("form"))
    assert [h.text for h in found.headings] == ["Kicker", "Title", "Part"]
