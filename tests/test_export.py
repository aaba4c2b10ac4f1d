"""``python -m newsbot export`` on both backends: every format, every filter, bad arguments, an empty store.

Each test with the ``url`` fixture runs against a real SQLite file and a real PostgreSQL schema.
What the export writes is compared with what the database holds, counted with plain SQL.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from archive_store import A1, A2, B1, COPY, filled_store, story
from services import SECRET, secret_url

from newsbot.__main__ import main
from newsbot.storage.factory import make_store
from newsbot.storage.readonly import read_rows


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with filled_store(request.param, tmp_path) as value:
        yield value


def export(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["export", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_json_lines_hold_every_stored_article_with_its_parts(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = export("--db", url, "--with", "all", capsys=capsys)
    assert code == 0
    exported = {record["id"]: record for record in records(out)}
    assert len(exported) == read_rows(url, "SELECT COUNT(*) FROM articles")[0][0] == 3
    assert err.strip() == "exported 3 articles with copies, links, revisions as jsonl to stdout"
    first = exported[A1]
    assert [author["name"] for author in first["authors"]] == ["Mira Sandoval", "Tomás Ibarra"]
    assert {kind: [link["url"] for link in links] for kind, links in first["links"].items()} == {
        "related": [A2], "recommended": [COPY], "explore": ["https://alpha.example/topics/rivers"],
    }  # fmt: skip
    assert first["links"]["recommended"][0]["original"] == A1  # the copy stands for the stored original
    assert first["links"]["related"][0]["original"] is None
    assert [(copy["url"], copy["similarity"], copy["method"]) for copy in first["copies"]] == [(COPY, 0.91, "near")]
    assert [entry["revision"] for entry in exported[A2]["revisions"]] == [1, 2]
    assert exported[A2]["revision"] == 2 and exported[A2]["articleBody"].startswith("First paragraph, corrected")
    stored_links = read_rows(url, "SELECT COUNT(*) FROM links")[0][0]
    assert sum(len(links) for record in exported.values() for links in record["links"].values()) == stored_links


def test_parts_only_when_asked(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = export("--db", url, capsys=capsys)
    assert code == 0
    for record in records(out):
        assert not {"links", "copies", "revisions"} & record.keys()
        assert record["runId"] is not None and record["firstSeen"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (["--site", "alpha.example"], {A1, A2}),
        (["--site", "beta.example"], {B1}),  # www. or not
        (["--site", "www.alpha.example", "--site", "beta.example"], {A1, A2, B1}),
        (["--site", "alpha.exampl"], set()),  # a host, not a prefix
        (["--since", "2026-11-30"], {A1, A2}),
        (["--until", "2026-11-30"], {A1, B1}),  # the day as the page gives it (B1: 29 Nov in New York)
        (["--since", "2026-11-30", "--until", "2026-11-30"], {A1}),
        (["--language", "en"], {A1, A2}),  # en-GB is English
        (["--language", "DE"], {B1}),
        (["--site", "alpha.example", "--language", "de"], set()),
    ],
)
def test_filters(url: str, filters: list[str], expected: set[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = export("--db", url, *filters, capsys=capsys)
    assert code == 0
    assert {record["id"] for record in records(out)} == expected


def test_run_filter_takes_what_a_run_stored(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with make_store(url, 100) as store:
        run = store.start_run("news")
        store.store_article(story("https://alpha.example/world/late-story", datePublished="2026-12-06T08:00:00Z"))
        store.finish_run("finished", {})
    code, out, _ = export("--db", url, "--run", str(run), capsys=capsys)
    assert code == 0
    assert [record["id"] for record in records(out)] == ["https://alpha.example/world/late-story"]


def test_csv_has_a_row_per_article_and_lists_joined(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "news.csv"
    code, out, err = export("--db", url, "--with", "links,copies", "-o", str(target), capsys=capsys)
    assert code == 0 and out == ""
    assert err.strip() == f"exported 3 articles with copies, links as csv to {target}"
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(target.read_text(encoding="utf-8")))}
    assert rows.keys() == {A1, A2, B1}
    assert rows[A1]["authors"] == "Mira Sandoval; Tomás Ibarra"
    assert rows[A1]["related"] == A2 and rows[A1]["copies"] == COPY
    assert rows[A1]["keywords"] == "rivers; treaties"
    assert rows[A2]["revision"] == "2" and rows[B1]["inLanguage"] == "de"
    assert "Second paragraph." in rows[B1]["articleBody"]  # multi-line text stays in its cell


def test_parquet_keeps_types(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pyarrow.parquet as pq  # requirements-parquet.txt, part of requirements-dev.txt

    target = tmp_path / "news.parquet"
    code, _, _ = export("--db", url, "--with", "all", "-o", str(target), capsys=capsys)
    assert code == 0
    table = pq.read_table(target)
    assert table.num_rows == 3
    rows = {row["id"]: row for row in table.to_pylist()}
    assert rows[A1]["authors"][1] == {"name": "Tomás Ibarra", "url": None}
    assert rows[A1]["copies"][0]["similarity"] == 0.91
    assert [entry["revision"] for entry in rows[A2]["revisions"]] == [1, 2]
    assert rows[A2]["revision"] == 2 and isinstance(rows[A2]["runId"], int)


def test_an_empty_store_exports_nothing_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "empty.sqlite3"
    with make_store(f"sqlite:///{database}", 100):
        pass
    target = tmp_path / "out.jsonl"
    code, _, err = export("--db", str(database), "-o", str(target), capsys=capsys)
    assert code == 0 and target.read_text() == ""
    assert err.strip() == f"exported 0 articles as jsonl to {target} (no stored article matches the selection)"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--with", "links,pictures"], "--with takes links, copies, revisions or all, not pictures"),
        (["-o", "news.txt"], "cannot tell the format of 'news.txt'"),
        (["--format", "parquet"], "Parquet cannot go to stdout"),
        (["--since", "2026-12-05", "--until", "2026-12-01"], "--since 2026-12-05 is after --until 2026-12-01"),
        (["--since", "yesterday"], "not a day (YYYY-MM-DD): 'yesterday'"),
        (["--format", "xml"], "invalid choice: 'xml'"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    tmp_path: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "news.sqlite3"
    with make_store(f"sqlite:///{database}", 100):
        pass
    try:
        code, out, err = export("--db", str(database), *argv, capsys=capsys)
    except SystemExit as exit_:  # argparse's own checks
        code, captured = int(exit_.code or 0), capsys.readouterr()
        out, err = captured.out, captured.err
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err


def test_a_missing_file_is_a_usage_error_and_keeps_the_old_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "news.jsonl"
    target.write_text("earlier export\n")
    code, _, err = export("--db", str(tmp_path / "missing.sqlite3"), "-o", str(target), capsys=capsys)
    assert code == 2
    assert err.strip().endswith("does not exist (crawl first, or give --db)")
    assert target.read_text() == "earlier export\n" and not (tmp_path / "missing.sqlite3").exists()
    assert [path.name for path in tmp_path.iterdir()] == ["news.jsonl"]  # no partial file left


def test_an_unreachable_server_exits_8_without_its_password(capsys: pytest.CaptureFixture[str]) -> None:
    unreachable = secret_url("postgresql://postgres@127.0.0.1:9/test?connect_timeout=2")
    code, out, err = export("--db", unreachable, capsys=capsys)
    assert code == 8 and out == ""
    assert err.startswith("python -m newsbot export: error: opening PostgreSQL database postgresql://***@127.0.0.1:9/")
    assert SECRET not in err and len(err.strip().splitlines()) == 1
