"""``python -m newsbot report`` (text and HTML) on both backends: every figure is what the database holds.

The page itself is checked in a real browser by tests/test_browser.py; here its markup is read
with lxml: tables have the database's rows, charts have one mark per value, web text is escaped.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from archive_store import A1, A2, COPY, filled_store, story

from newsbot.__main__ import main
from newsbot.archive.cursors import open_archive
from newsbot.archive.overview import Overview, read_overview
from newsbot.storage.factory import make_store
from newsbot.storage.readonly import read_rows


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with filled_store(request.param, tmp_path) as value:
        yield value


def overview_of(url: str) -> Overview:
    archive = open_archive(url)
    try:
        return read_overview(archive)
    finally:
        archive.close()


def test_the_overview_counts_what_the_database_holds(url: str) -> None:
    overview = overview_of(url)
    assert overview.articles == read_rows(url, "SELECT COUNT(*) FROM articles")[0][0] == 3
    assert overview.copies == read_rows(url, "SELECT COUNT(*) FROM duplicates")[0][0] == 1
    assert overview.links == dict(read_rows(url, "SELECT kind, COUNT(*) FROM links GROUP BY kind"))
    sites = {site.site: site for site in overview.sites}
    assert (sites["alpha.example"].articles, sites["alpha.example"].copies) == (2, 0)
    assert (sites["beta.example"].articles, sites["beta.example"].copies) == (1, 1)  # the copy's own site
    assert sites["beta.example"].coverage("authors") == 0.0 and sites["alpha.example"].coverage("authors") == 1.0
    assert (sites["alpha.example"].first_published, sites["alpha.example"].last_published) == (
        "2026-11-30", "2026-12-02",
    )  # fmt: skip
    first, second = overview.runs
    assert (first.pages, first.stored, first.outcome) == (12, 3, "finished")
    assert read_rows(url, "SELECT pages FROM crawl_runs ORDER BY id") == [(12,), (5,)]
    assert dict(first.drops) == {"dropped/not_an_article": 2} and dict(first.errors) == {"http_404": 1}
    assert first.coverage("authors") == 0.75 and second.coverage("authors") is None
    assert [(cluster.original, [copy.url for copy in cluster.copies]) for cluster in overview.clusters] == [
        (A1, [COPY])
    ]


def test_the_text_report(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--db", url]) == 0
    text = capsys.readouterr().out
    assert "Articles stored: 3, copies recorded: 1, sites: 2" in text
    assert "pages 12, stored 3, copies 0; drops dropped/not_an_article 2; failures http_404 1" in text
    assert "alpha.example: 2 articles, 0 copies; headline 100%, authors 100%" in text
    assert f"{COPY} ('River deal (copy)') is a copy (near, similarity 0.91) of" in text
    assert "postgres@" not in text  # a server is named without its user


def test_the_html_report_has_the_database_rows(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.html"
    assert main(["report", "--db", url, "--html", str(target)]) == 0
    assert capsys.readouterr().out.strip() == f"report of 3 articles and 2 crawl runs written to {target}"
    page = lxml.html.fromstring(target.read_bytes())
    runs = page.cssselect("#runs tbody tr")
    assert len(runs) == read_rows(url, "SELECT COUNT(*) FROM crawl_runs")[0][0] == 2
    assert [cell.text_content() for cell in runs[-1].cssselect("td")][6:9] == ["12", "3", "0"]
    assert {row.cssselect("td")[0].text_content() for row in page.cssselect("#sites tbody tr")} == {
        "alpha.example", "beta.example",
    }  # fmt: skip
    days = read_rows(url, "SELECT COUNT(DISTINCT substr(first_seen, 1, 10)) FROM articles")[0][0]
    bars = page.cssselect("svg rect.bar")
    assert len(bars) == days and sum(int(bar.get("data-value")) for bar in bars) == 3
    points = page.cssselect("svg circle.point")
    assert {(point.get("data-series"), point.get("data-value")) for point in points} >= {("authors", "0.7500")}
    assert [row.cssselect("td")[2].text_content() for row in page.cssselect("#copies tbody tr")] == [COPY]


def test_web_text_is_escaped(tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite3"
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    with make_store(f"sqlite:///{database}", 100) as store:
        store.start_run("news")
        store.store_article(story(A2, headline=hostile))
        store.record_duplicate(f"{A2}-copy", A2, 0.8, "near", hostile, None)
        store.finish_run("finished", {})
    target = tmp_path / "report.html"
    assert main(["report", "--db", str(database), "--html", str(target)]) == 0
    page = lxml.html.fromstring(target.read_bytes())
    assert not page.cssselect("body script") and not page.cssselect("body img")
    assert hostile in page.cssselect("#copies tbody")[0].text_content()


def test_an_empty_store_reports_none_yet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "empty.sqlite3"
    with make_store(f"sqlite:///{database}", 100):
        pass
    target = tmp_path / "report.html"
    assert main(["report", "--db", str(database), "--html", str(target)]) == 0
    page = lxml.html.fromstring(target.read_bytes())
    assert not page.cssselect("svg") and not page.cssselect("#runs")
    assert "No data" in page.text_content() and "None yet." in page.text_content()
    assert main(["report", "--db", str(database)]) == 0
    assert "Articles stored: 0, copies recorded: 0, sites: 0" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--runs", "0"], "argument --runs: expects a whole number of 1 or more, got '0'"),
        (["--days", "many"], "argument --days: expects a whole number of 1 or more, got 'many'"),
        (["--db", "missing.sqlite3"], "SQLite database 'missing.sqlite3' does not exist (crawl first, or give --db)"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    argv: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    try:
        code = main(["report", *argv])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and message in err
    assert not (tmp_path / "missing.sqlite3").exists()


def test_browse_refuses_a_busy_port_and_a_missing_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "news.sqlite3"
    with make_store(f"sqlite:///{database}", 100):
        pass
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["browse", "--db", str(database), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and f"cannot listen on 127.0.0.1:{port}" in err
    assert main(["browse", "--db", str(tmp_path / "missing.sqlite3"), "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "missing.sqlite3' does not exist" in err
