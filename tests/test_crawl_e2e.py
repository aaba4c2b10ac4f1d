"""End-to-end: crawl the replica over real HTTP on 127.0.0.1 and check what was stored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from crawling import rows, scrapy_crawl

from newsbot.sample_site import SampleSite, serve
from newsbot.sample_site.server import RunningServer


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with serve(SampleSite.demo()) as running:
        yield running


@pytest.fixture(scope="module")
def crawl(server: RunningServer, tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("crawl")
    database = folder / "news.db"
    result = scrapy_crawl(server.base_url, database, "-O", str(folder / "items.jsonl"))
    assert result.returncode == 0, result.stderr[-3000:]
    return {"db": database, "log": result.stderr, "items": folder / "items.jsonl", "site": server.site}


def article_url(server: RunningServer, case: str) -> str:
    return f"{server.base_url}/article/{server.site.cases[case]}"


def test_the_crawl_finishes_and_records_its_run(crawl: dict) -> None:
    ((reason, stats_json),) = rows(crawl["db"], "SELECT finish_reason, stats_json FROM crawl_runs")
    assert reason == "finished"
    stats = json.loads(stats_json)
    assert stats["newsbot/dropped/body_too_short"] == 1  # the truncated page, counted, not a crash
    assert stats["newsbot/errors/http_404"] == 1  # the dead link
    assert "Traceback" not in crawl["log"]


def test_every_reachable_story_is_stored_once(crawl: dict, server: RunningServer) -> None:
    site: SampleSite = crawl["site"]
    stored = {url for (url,) in rows(crawl["db"], "SELECT canonical_url FROM articles")}
    copies = {url for (url,) in rows(crawl["db"], "SELECT url FROM duplicates")}
    broken = article_url(server, "broken")
    expected = {f"{server.base_url}/article/{aid}" for aid in site.articles} - {broken}
    assert stored | copies == expected
    assert not stored & copies


def test_url_forms_redirects_and_encodings(crawl: dict, server: RunningServer) -> None:
    (count,) = rows(crawl["db"], "SELECT COUNT(*) FROM articles WHERE canonical_url LIKE ?",
                    (f"%{server.site.cases['url_forms']}%",))[0]  # fmt: skip
    assert count == 1
    legacy = article_url(server, "redirect")
    assert rows(crawl["db"], "SELECT COUNT(*) FROM articles WHERE canonical_url = ?", (legacy,)) == [(1,)]
    (body,) = rows(crawl["db"], "SELECT article_body FROM articles WHERE canonical_url = ?",
                   (article_url(server, "non_utf8"),))[0]  # fmt: skip
    expected = server.site.expected(server.site.cases["non_utf8"])["articleBody"]
    assert body == expected and any(letter in body for letter in "şğıİ")


def test_every_related_and_explore_link_is_in_the_links_table(crawl: dict) -> None:
    for (item_json,) in rows(crawl["db"], "SELECT item_json FROM articles"):
        item = json.loads(item_json)
        stored = set(rows(crawl["db"], "SELECT to_url, kind FROM links WHERE from_url = ?", (item["canonicalUrl"],)))
        assert {(link["url"], link["kind"]) for link in item["relatedLinks"]} == stored
    kinds = dict(rows(crawl["db"], "SELECT kind, COUNT(*) FROM links GROUP BY kind"))
    assert kinds.keys() == {"related", "recommended", "explore"}


def test_only_article_pages_are_followed(crawl: dict, server: RunningServer) -> None:
    requested = server.request_counts()
    assert not [path for path in requested if path.startswith(("/video/", "/author/"))]
    assert requested.get("/robots.txt") == 1


def test_wire_copies_are_recorded_against_the_first_story_stored(crawl: dict, server: RunningServer) -> None:
    site = server.site
    wire = {article_url(server, case) for case in ("wire_original", "wire_new_headline", "wire_trimmed", "wire_edited")}
    kept = {url for (url,) in rows(crawl["db"], "SELECT canonical_url FROM articles")} & wire
    assert len(kept) == 1
    copies = dict(rows(crawl["db"], "SELECT url, duplicate_of FROM duplicates"))
    assert copies == {url: next(iter(kept)) for url in wire - kept}
    assert article_url(server, "same_topic") not in copies
    assert site is not None


def test_json_lines_export_works_beside_sqlite(crawl: dict) -> None:
    exported = [json.loads(line) for line in crawl["items"].read_text().splitlines()]
    stored = rows(crawl["db"], "SELECT COUNT(*) FROM articles")[0][0]
    assert len(exported) == stored
    assert all(item["metadata"]["extractor"].startswith("trtworld:") for item in exported)
    assert all(isinstance(item["authors"], list) for item in exported)


def test_a_second_crawl_stores_no_new_copy(crawl: dict, server: RunningServer, tmp_path: Path) -> None:
    database = tmp_path / "again.db"
    database.write_bytes(crawl["db"].read_bytes())
    # incremental crawling off: every page is fetched again and must be recognised by the index
    result = scrapy_crawl(server.base_url, database, settings={"NEWSBOT_INCREMENTAL_ENABLED": "False"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert rows(database, "SELECT COUNT(*) FROM articles") == rows(crawl["db"], "SELECT COUNT(*) FROM articles")
    assert rows(database, "SELECT COUNT(*) FROM revisions") == rows(crawl["db"], "SELECT COUNT(*) FROM revisions")
    assert rows(database, "SELECT COUNT(*) FROM duplicates") == rows(crawl["db"], "SELECT COUNT(*) FROM duplicates")


def test_one_article_with_the_url_argument(server: RunningServer, tmp_path: Path) -> None:
    database = tmp_path / "one.db"
    url = article_url(server, "no_author") + "?utm_source=newsletter"
    result = scrapy_crawl(server.base_url, database, "-a", f"url={url}", settings={"NEWSBOT_FOLLOW_DEPTH": "0"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert rows(database, "SELECT canonical_url FROM articles") == [(article_url(server, "no_author"),)]


def test_unwritable_database_stops_the_crawl_at_start(server: RunningServer, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = scrapy_crawl(server.base_url, tmp_path / "file" / "news.db")
    assert "cannot open SQLite database" in result.stderr
    assert "'finish_reason': 'storage_unavailable'" in result.stderr
    assert "downloader/response_count" not in result.stderr.split("Dumping Scrapy stats")[-1]
