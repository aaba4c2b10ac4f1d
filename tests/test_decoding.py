"""Pages whose bytes do not fit the charset they declare: read in the one that fits, counted, never silent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import scrapy
from crawling import rows, scrapy_crawl
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from servers.local import Answer, LocalServer
from servers.pages import StoryPages, start_pages

from newsbot.extraction import extract_article, page_decoding
from newsbot.extraction.decoding import decoded_response
from newsbot.items import ArticleItem
from newsbot.sample_site import SampleSite
from newsbot.spiders.trtworld import TrtWorldSpider

BASE = "http://127.0.0.1:8765"
UTF8 = "text/html; charset=utf-8"
META_1254 = b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1254">'
TURKISH = "Şanlıurfa'da çiftçiler damla sulamaya geçti; İbrahim Doğan ve Ayşe Yıldırım hasatta, Diyarbakır'da da."


@pytest.fixture(scope="module")
def demo() -> SampleSite:
    return SampleSite.demo()


def replica_1254(demo: SampleSite) -> tuple[str, bytes]:
    """The replica's windows-1254 article (declared in its own <meta> only) and its bytes."""
    article_id = demo.cases["non_utf8"]
    return article_id, demo.article_bytes(article_id, BASE)


def response(url: str, body: bytes, content_type: str | None = UTF8, **headers: str) -> HtmlResponse:
    if content_type:
        headers["Content-Type"] = content_type
    return HtmlResponse(url=url, body=body, headers=headers, request=scrapy.Request(url))


def plain_page(text: str, lang: str = "", site: str = "Haber") -> str:
    """An article page with no metadata but its ``<title>``, which names the site (``site``)."""
    attribute = f' lang="{lang}"' if lang else ""
    paragraph = f"<p>{text} {text}</p>"
    head = f"<html{attribute}><head><title>{site}</title></head>"
    return f"{head}<body><article><h1>{text[:40]}</h1>{paragraph * 3}</article></body></html>"


def test_a_windows_1254_page_sent_as_utf8_is_read_in_its_meta_charset(demo: SampleSite) -> None:
    article_id, body = replica_1254(demo)
    page = response(f"{BASE}/article/{article_id}", body)  # the server's header says UTF-8: it lies
    assert "\ufffd" in page.text  # what Scrapy alone makes of it
    item = extract_article(page)
    expected = demo.articles[article_id]
    assert item.headline == expected.headline and "Ş" in item.headline
    assert item.articleBody is not None and "\ufffd" not in item.articleBody and "Şanlıurfa" in item.articleBody
    assert [a.name for a in item.authors] == [a.name for a in expected.authors]
    assert item.metadata["encoding"] == "cp1254" and item.metadata["declaredEncoding"] == "utf-8"
    assert item.metadata["encodingSource"] == "meta"
    assert "Şanlıurfa" in decoded_response(page).text  # the same reading in scrapy shell


def test_without_a_meta_the_page_language_names_the_legacy_charset() -> None:
    body = plain_page(TURKISH, lang="tr").encode("cp1254")
    item = extract_article(response("https://haber.example/2025/01/02/sulama", body))
    assert item.headline == TURKISH[:40]
    assert item.metadata["encoding"] == "cp1254" and item.metadata["encodingSource"] == "language"


@pytest.mark.parametrize("paragraphs", [1, 400])  # 400: past the detector's 64 KiB, which reads a prefix
def test_without_any_hint_the_detector_reads_the_page(paragraphs: int) -> None:
    russian = "Правительство объявило о новых мерах поддержки фермеров, пострадавших от засухи этим летом."
    page = plain_page(russian, site="News")
    body = page.replace("</article>", f"<p>{russian}</p>\n" * paragraphs + "</article>").encode("cp1251")
    item = extract_article(response("https://news.example/2025/01/02/zasukha", body))
    assert item.headline == russian[:40]
    assert item.metadata["encoding"] == "cp1251" and item.metadata["encodingSource"] == "detector"


def test_a_windows_1254_page_declared_in_its_meta_only_is_read_as_declared(demo: SampleSite) -> None:
    article_id, body = replica_1254(demo)
    item = extract_article(response(f"{BASE}/article/{article_id}", body, content_type="text/html"))
    assert item.headline == demo.articles[article_id].headline
    assert "encoding" not in item.metadata and "encodingSource" not in item.metadata


def test_a_correct_utf8_page_with_rare_characters_is_not_read_again() -> None:
    # rare but legitimate: a lone combining mark, a private-use sign, an emoji, CJK, a U+FFFD the page holds
    text = "Ğ e\u0301 \ue000 \U0001f600 汉字 \ufffd ½ € ‰ Ω ßẞ " + TURKISH
    body = plain_page(text, site="News").encode("utf-8")
    page = response("https://news.example/2025/01/02/rare", body)
    decoding = page_decoding(page)
    assert decoding is not None and decoding.source == "declared" and decoding.encoding == "utf-8"
    item = extract_article(page)
    assert item.articleBody is not None and "\U0001f600 汉字 \ufffd" in item.articleBody
    assert "encoding" not in item.metadata
    assert decoded_response(page) is page


def test_a_utf8_page_with_a_few_broken_bytes_stays_utf8_and_says_so() -> None:
    # a stray windows-1252 quote
    body = plain_page(TURKISH, site="News").encode("utf-8").replace(b"</h1>", b" \x92</h1>", 1)
    item = extract_article(response("https://news.example/2025/01/02/stray", body))
    assert item.headline is not None and item.headline.startswith("Şanlıurfa")  # not read as single-byte mojibake
    assert item.articleBody is not None and TURKISH in item.articleBody
    assert item.metadata["encodingSource"] == "damaged" and item.metadata["encodingErrors"] == 1


def test_a_body_no_encoding_reads_is_undecodable() -> None:
    body = b"<html><body><article><h1>" + bytes(range(128, 256)) * 30 + b"</h1></article></body></html>"
    decoding = page_decoding(response("https://news.example/2025/01/02/binary", body))
    assert decoding is not None and decoding.source == "undecodable" and decoding.replaced > 100


# -- the spider counts what extraction found, and drops what no encoding reads ------------------
def make_spider(tmp_path: Path) -> TrtWorldSpider:
    crawler = get_crawler(TrtWorldSpider, {"NEWSBOT_BASE_URL": BASE, "NEWSBOT_SQLITE_PATH": str(tmp_path / "db")})
    crawler.spider = crawler._create_spider()
    return crawler.spider


def items_of(spider: TrtWorldSpider, page: HtmlResponse) -> list[ArticleItem]:
    return [out for out in spider.parse_article(page) if isinstance(out, ArticleItem)]


def test_the_spider_counts_fallbacks_and_damage_and_drops_undecodable_pages(
    tmp_path: Path, demo: SampleSite, caplog: pytest.LogCaptureFixture
) -> None:
    spider = make_spider(tmp_path)
    stats = spider.crawler.stats
    article_id, body = replica_1254(demo)
    with caplog.at_level("INFO"):
        assert len(items_of(spider, response(f"{BASE}/article/{article_id}", body))) == 1
        assert len(items_of(spider, response(f"{BASE}/article/{article_id}", body, content_type="text/html"))) == 1
        damaged = demo.article_bytes(demo.cases["flight_data"], BASE).replace(b"</h1>", b"\x92</h1>", 1)
        assert len(items_of(spider, response(f"{BASE}/article/aaaaaaaaaaaa", damaged))) == 1
        binary = b"<html><body>" + bytes(range(128, 256)) * 30 + b"</body></html>"
        assert items_of(spider, response(f"{BASE}/article/bbbbbbbbbbbb", binary)) == []
    assert stats.get_value("newsbot/decoding/fallback") == 1  # the page declared in its meta only is no fallback
    assert stats.get_value("newsbot/decoding/damaged") == 1
    assert stats.get_value("newsbot/dropped/undecodable") == 1
    assert stats.get_value("newsbot/spider/articles") == 3
    lines = [r.getMessage() for r in caplog.records]
    assert [line for line in lines if line.startswith("Decoded ")] == [
        f"Decoded {BASE}/article/{article_id} as cp1254, not its declared utf-8 (meta)"
    ]
    assert any(line.startswith(f"Dropped {BASE}/article/bbbbbbbbbbbb (undecodable") for line in lines)


@pytest.mark.slow
def test_a_crawl_stores_a_mis_declared_page_in_its_real_charset(tmp_path: Path) -> None:
    pages = StoryPages()
    good, lying, damaged, binary = (pages.new_id() for _ in range(4))
    pages.add(good, headline="Ayşe Yıldırım opens the İzmir fair")
    pages.add(lying, headline="Şanlıurfa farmers switch to drip irrigation")
    pages.add(damaged, headline="Doğan wins the Diyarbakır race")
    pages.site.articles[lying].encoding = "windows-1254"
    database = tmp_path / "news.db"
    with LocalServer() as server:
        start_pages(server, home=[good, lying, damaged, binary])
        for article_id in (good, lying):
            server.answers[f"/article/{article_id}"] = pages.page(article_id, server.base_url)
        page = pages.site.article_bytes(damaged, server.base_url).replace(b"</h1>", b" \x92</h1>", 1)
        server.answers[f"/article/{damaged}"] = Answer(body=page)
        server.answers[f"/article/{binary}"] = Answer(body=b"<html><body>" + bytes(range(128, 256)) * 40)
        result = scrapy_crawl(server.base_url, database)
    assert result.returncode == 0, result.stderr[-3000:]
    assert server.answers[f"/article/{lying}"].headers["Content-Type"] == UTF8  # served under a false header
    stored = dict(rows(database, "SELECT canonical_url, headline FROM articles"))
    assert stored == {
        server.url(f"/article/{good}"): "Ayşe Yıldırım opens the İzmir fair",
        server.url(f"/article/{lying}"): "Şanlıurfa farmers switch to drip irrigation",
        server.url(f"/article/{damaged}"): "Doğan wins the Diyarbakır race",  # the JSON-LD's, whole
    }
    bodies = dict(rows(database, "SELECT canonical_url, article_body FROM articles"))
    assert "\ufffd" not in bodies[server.url(f"/article/{lying}")]
    items = rows(database, "SELECT canonical_url, item_json FROM articles")
    metadata = {url: json.loads(item)["metadata"] for url, item in items}
    assert metadata[server.url(f"/article/{lying}")]["encoding"] == "cp1254"
    assert "encoding" not in metadata[server.url(f"/article/{good}")]
    stats = json.loads(rows(database, "SELECT stats_json FROM crawl_runs ORDER BY id DESC LIMIT 1")[0][0])
    assert stats.get("newsbot/decoding/fallback") == 1
    assert stats.get("newsbot/decoding/damaged") == 1
    assert stats.get("newsbot/dropped/undecodable") == 1
    assert f"Decoded {server.url(f'/article/{lying}')} as cp1254, not its declared utf-8 (meta)" in result.stderr
