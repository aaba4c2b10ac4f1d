"""End-to-end: crawl the replica over real HTTP on 127.0.0.1 and check what was stored.

Expected values come from the replica's own story data (its articles, their link blocks, its URL
rules), never from what newsbot extracted. Every server belongs to one crawl: the shared crawl's
server is stopped once its request counts are taken, and other tests start their own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from crawling import rows, scrapy_crawl

from newsbot.sample_site import SampleSite, serve
from newsbot.sample_site.urls import article_id_from_path, old_style_target

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

LINK_KINDS = ("related", "recommended", "explore")


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One default crawl of the demo replica, on a server no other test talks to."""
    folder = tmp_path_factory.mktemp("crawl")
    database = folder / "news.db"
    site = SampleSite.demo()
    with serve(site) as server:
        result = scrapy_crawl(server.base_url, database, "-O", str(folder / "items.jsonl"))
        requested = server.request_counts()
    assert result.returncode == 0, result.stderr[-3000:]
    return {"db": database, "log": result.stderr, "items": folder / "items.jsonl", "site": site,
            "base": server.base_url, "requested": requested}  # fmt: skip


def article_url(crawl: dict, case: str) -> str:
    return f"{crawl['base']}/article/{crawl['site'].cases[case]}"


def story_links(site: SampleSite, article_id: str, base: str) -> set[tuple[str, str]]:
    """(URL, kind) of every article link in the story's blocks, by the replica's own URL rules."""
    story = site.articles[article_id]
    found = set()
    for kind in LINK_KINDS:
        for link in getattr(story, kind):
            if link.href.startswith("/"):
                target = article_id_from_path(link.href) or old_style_target(link.href)
                if target:
                    found.add((f"{base}/article/{target}", kind))
    return found


def test_the_crawl_finishes_and_records_its_run(crawl: dict) -> None:
    ((reason, stats_json),) = rows(crawl["db"], "SELECT finish_reason, stats_json FROM crawl_runs")
    assert reason == "finished"
    stats = json.loads(stats_json)
    assert stats["newsbot/dropped/body_too_short"] == 1  # the truncated page, counted, not a crash
    assert stats["newsbot/errors/http_404"] == 1  # the dead link
    assert "Traceback" not in crawl["log"]


def test_every_reachable_story_is_stored_once(crawl: dict) -> None:
    site: SampleSite = crawl["site"]
    stored = {url for (url,) in rows(crawl["db"], "SELECT canonical_url FROM articles")}
    copies = {url for (url,) in rows(crawl["db"], "SELECT url FROM duplicates")}
    expected = {f"{crawl['base']}/article/{aid}" for aid in site.articles} - {article_url(crawl, "broken")}
    assert stored | copies == expected
    assert not stored & copies


def test_url_forms_redirects_and_encodings(crawl: dict) -> None:
    site: SampleSite = crawl["site"]
    (count,) = rows(crawl["db"], "SELECT COUNT(*) FROM articles WHERE canonical_url LIKE ?",
                    (f"%{site.cases['url_forms']}%",))[0]  # fmt: skip
    assert count == 1
    legacy = article_url(crawl, "redirect")
    assert rows(crawl["db"], "SELECT COUNT(*) FROM articles WHERE canonical_url = ?", (legacy,)) == [(1,)]
    (body,) = rows(crawl["db"], "SELECT article_body FROM articles WHERE canonical_url = ?",
                   (article_url(crawl, "non_utf8"),))[0]  # fmt: skip
    expected = site.expected(site.cases["non_utf8"])["articleBody"]
    assert body == expected and any(letter in body for letter in "şğıİ")


def test_the_links_table_holds_each_story_s_related_and_explore_links(crawl: dict) -> None:
    site: SampleSite = crawl["site"]
    base = crawl["base"]
    stored = [url for (url,) in rows(crawl["db"], "SELECT canonical_url FROM articles")]
    assert stored
    for url in stored:
        links = set(
            rows(
                crawl["db"],
                "SELECT to_url, kind FROM links JOIN articles ON id = from_id WHERE canonical_url = ?",
                (url,),
            )
        )
        assert links == story_links(site, url.rsplit("/", 1)[1], base), url
    kinds = dict(rows(crawl["db"], "SELECT kind, COUNT(*) FROM links GROUP BY kind"))
    assert kinds.keys() == set(LINK_KINDS)


def test_only_article_pages_are_followed(crawl: dict) -> None:
    requested = crawl["requested"]
    assert not [path for path in requested if path.startswith(("/video/", "/author/"))]
    assert requested["/robots.txt"] == 1
    articles = {path: n for path, n in requested.items() if article_id_from_path(path)}
    assert articles and all(n == 1 for n in articles.values())  # each article page fetched once


def test_wire_copies_are_recorded_against_the_first_story_stored(crawl: dict) -> None:
    wire = {article_url(crawl, case) for case in ("wire_original", "wire_new_headline", "wire_trimmed", "wire_edited")}
    kept = {url for (url,) in rows(crawl["db"], "SELECT canonical_url FROM articles")} & wire
    assert len(kept) == 1
    copies = dict(rows(crawl["db"], "SELECT url, duplicate_of FROM duplicates"))
    assert copies == {url: next(iter(kept)) for url in wire - kept}
    assert article_url(crawl, "same_topic") not in copies


def test_json_lines_export_works_beside_sqlite(crawl: dict) -> None:
    exported = [json.loads(line) for line in crawl["items"].read_text().splitlines()]
    stored = {url for (url,) in rows(crawl["db"], "SELECT canonical_url FROM articles")}
    copies = dict(rows(crawl["db"], "SELECT url, duplicate_of FROM duplicates"))
    ((stats_json,),) = rows(crawl["db"], "SELECT stats_json FROM crawl_runs")
    # a story replaced by a fuller version of the same batch had passed on to the export already
    replaced = {item["canonicalUrl"] for item in exported} - stored
    assert replaced <= copies.keys() and len(replaced) == json.loads(stats_json).get("newsbot/dedup/replaced", 0)
    assert {item["canonicalUrl"] for item in exported} == stored | replaced
    assert len(exported) == len(stored) + len(replaced)
    assert all(item["metadata"]["extractor"].startswith("trtworld:") for item in exported)
    site: SampleSite = crawl["site"]
    for item in exported:
        authors = site.expected(item["canonicalUrl"].rsplit("/", 1)[1])["authors"]
        assert [a["name"] for a in item["authors"]] == [a["name"] for a in authors]


def test_a_second_crawl_asks_the_index_and_records_republished_stories_as_copies(tmp_path: Path) -> None:
    """Default settings, twice on one server: the second crawl skips stored pages, and the two
    newest stories, republished under new ids in between, are recognised by the index it loaded
    from the database (not stored again)."""
    database = tmp_path / "news.db"
    site = SampleSite.demo()
    with serve(site) as server:
        assert scrapy_crawl(server.base_url, database).returncode == 0
        before = {name: rows(database, f"SELECT COUNT(*) FROM {name}") for name in ("articles", "revisions")}
        copies_before = {url for (url,) in rows(database, "SELECT url FROM duplicates")}
        stored = {url for (url,) in rows(database, "SELECT canonical_url FROM articles")}
        originals = [a.id for a in site.latest(40) if f"{server.base_url}/article/{a.id}" in stored][:2]
        copies = {f"{server.base_url}/article/{site.republish(original)}" for original in originals}
        site.request_log.reset()
        result = scrapy_crawl(server.base_url, database)
        requested = server.request_counts()
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(copies) == 2 and all(requested.get(url.removeprefix(server.base_url)) == 1 for url in copies)
    assert {name: rows(database, f"SELECT COUNT(*) FROM {name}") for name in before} == before
    assert {url for (url,) in rows(database, "SELECT url FROM duplicates")} - copies_before == copies


def test_one_article_with_the_url_argument(tmp_path: Path) -> None:
    site = SampleSite.demo()
    with serve(site) as server:
        url = f"{server.base_url}/article/{site.cases['no_author']}"
        result = scrapy_crawl(server.base_url, tmp_path / "one.db", "-a", f"url={url}?utm_source=newsletter",
                              settings={"NEWSBOT_FOLLOW_DEPTH": "0"})  # fmt: skip
        requested = server.request_counts()
    assert result.returncode == 0, result.stderr[-3000:]
    assert rows(tmp_path / "one.db", "SELECT canonical_url FROM articles") == [(url,)]
    assert {path for path in requested if path != "/robots.txt"} == {f"/article/{site.cases['no_author']}"}


def test_unwritable_database_stops_the_crawl_at_start(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with serve(SampleSite.demo()) as server:
        result = scrapy_crawl(server.base_url, tmp_path / "file" / "news.db")
        requested = server.request_counts()
    assert "cannot open SQLite database" in result.stderr
    assert "'finish_reason': 'storage_unavailable'" in result.stderr
    assert "downloader/response_count" not in result.stderr.split("Dumping Scrapy stats")[-1]
    assert not [path for path in requested if path != "/robots.txt"]
