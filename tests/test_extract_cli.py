"""``python -m newsbot.extract``, run as a user runs it: a subprocess on saved replica pages.

The expected items are the replica fixtures' JSON, written from the replica's story data (see
``tests/fixtures/sites/trtworld/make_fixtures.py``), not from the extractor.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from replica_expectations import comparable

ROOT = Path(__file__).resolve().parents[1]
REPLICA = ROOT / "tests" / "fixtures" / "sites" / "trtworld"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsbot.extract", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def expected(kind: str) -> tuple[str, list[str], dict]:
    """The fixture's URL, its subheadings and its expected item."""
    item = json.loads((REPLICA / f"{kind}.json").read_text())
    return item.pop("_fixture")["url"], item.pop("subheadings"), item


@pytest.mark.parametrize("kind", ["jsonld", "non_utf8", "flight_data"])
def test_prints_the_item_of_a_saved_page(kind: str) -> None:
    url, subheadings, item = expected(kind)
    result = run(str(REPLICA / f"{kind}.html"), "--url", url)
    assert result.returncode == 0, result.stderr
    assert comparable(json.loads(result.stdout), subheadings) == item


def test_reads_gzip_pages(tmp_path: Path) -> None:
    url, subheadings, item = expected("jsonld")
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress((REPLICA / "jsonld.html").read_bytes()))
    result = run(str(page), "--url", url)
    assert result.returncode == 0, result.stderr
    assert comparable(json.loads(result.stdout), subheadings) == item


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (lambda page: gzip.compress(page)[:400], "is not a readable gzip file"),
        (lambda page: b"\x1f\x8b\x08\x00 not gzip at all", "is not a readable gzip file"),
        (lambda page: b" \n", "is empty"),
    ],
    ids=["truncated_gzip", "bad_gzip", "empty"],
)
def test_a_malformed_file_gives_one_clear_error(tmp_path: Path, content, message: str) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.html.gz"
    page.write_bytes(content((REPLICA / "jsonld.html").read_bytes()))
    result = run(str(page), "--url", "http://127.0.0.1:8765/article/b1d70952dd8f")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {page} {message}")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_missing_file_and_a_bad_url_are_usage_errors(tmp_path: Path) -> None:
    missing = run(str(tmp_path / "nothing.html"), "--url", "http://127.0.0.1:8765/article/b1d70952dd8f")
    assert missing.returncode == 2 and missing.stderr.startswith("error: cannot read ")
    bad_url = run(str(REPLICA / "jsonld.html"), "--url", "http://[oops")
    assert bad_url.returncode == 2 and "not an http(s) URL" in bad_url.stderr and "Traceback" not in bad_url.stderr


def test_a_page_of_garbage_still_prints_an_item(tmp_path: Path) -> None:
    page = tmp_path / "garbage.html"
    page.write_bytes(bytes(range(256)) * 8 + b'<a href="http://[oops">x</a><base href="//[x]">')
    result = run(str(page), "--url", "https://news.example.org/a/1")
    assert result.returncode == 0, result.stderr
    item = json.loads(result.stdout)
    assert item["url"] == "https://news.example.org/a/1" and item["headline"] is None
