"""The HTML report and the browse view as a real browser shows them (headless Chromium), on both backends.

``browse`` runs as a user starts it (a subprocess serving on 127.0.0.1); its canned queries are
read as JSON and compared with the database, and its pages are rendered by Chromium.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import lxml.html
import pytest
from archive_store import A1, A2, COPY, filled_store
from browser import chromium, rendered_dom
from crawling import ROOT

from newsbot.__main__ import main
from newsbot.storage.readonly import read_rows

#: Chromium and Datasette in subprocesses.
pytestmark = pytest.mark.slow


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with filled_store(request.param, tmp_path) as value:
        yield value


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(address: str) -> Any:
    with urllib.request.urlopen(address, timeout=10) as answer:
        return json.loads(answer.read())


def test_the_report_renders_its_charts_and_tables(url: str, tmp_path: Path) -> None:
    chromium()
    target = tmp_path / "report.html"
    assert main(["report", "--db", url, "--html", str(target)]) == 0
    page = lxml.html.fromstring(rendered_dom(target.as_uri()))
    assert page.cssselect("h1")[0].text_content() == "newsbot report"
    bars = page.cssselect("svg.chart rect.bar")
    assert bars and sum(int(bar.get("data-value")) for bar in bars) == 3
    assert len(page.cssselect("#runs tbody tr")) == read_rows(url, "SELECT COUNT(*) FROM crawl_runs")[0][0]
    assert len(page.cssselect("#sites tbody tr")) == 2
    assert [row.cssselect("td")[2].text_content() for row in page.cssselect("#copies tbody tr")] == [COPY]


@pytest.fixture()
def browsing(url: str) -> Iterator[tuple[str, str]]:
    """``python -m newsbot browse`` serving the store; yields the base URL and the database's name."""
    chromium()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsbot", "browse", "--db", url, "--port", str(port)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            get(f"{base}/-/versions.json")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"browse did not start: {process.communicate()[0][-2000:]}")
            time.sleep(0.2)
    try:
        yield base, "news" if url.startswith("sqlite") else "newsbot"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        output = process.stdout.read() if process.stdout else ""
        assert "Browse the archive at" in output
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # closed connections may linger
            probe.bind(("127.0.0.1", port))  # no server is left listening


def test_browse_serves_canned_queries_with_the_database_rows(url: str, browsing: tuple[str, str]) -> None:
    base, name = browsing
    clusters = get(f"{base}/{name}/duplicate_clusters.json?_shape=array")
    assert [(row["original"], row["copy"], row["similarity"], row["method"]) for row in clusters] == [
        (A1, COPY, 0.91, "near")
    ]
    graph = get(f"{base}/{name}/link_graph.json?" + urlencode({"_shape": "array", "url": A1}))
    outgoing = {(row["kind"], row["link"], row["article"]) for row in graph if row["direction"] == "out"}
    assert outgoing == {
        ("related", A2, A2), ("recommended", COPY, A1), ("explore", "https://alpha.example/topics/rivers",
                                                         "https://alpha.example/topics/rivers"),
    }  # fmt: skip
    incoming = get(f"{base}/{name}/link_graph.json?" + urlencode({"_shape": "array", "url": A2}))
    assert [(row["direction"], row["article"]) for row in incoming if row["direction"] == "in"] == [("in", A1)]
    runs = get(f"{base}/{name}/runs_with_drops.json?_shape=array")
    assert len(runs) == 2 and runs[-1]["drops"] == "dropped/not_an_article 2" and runs[-1]["failures"] == "http_404 1"
    coverage = get(f"{base}/{name}/field_coverage.json?_shape=array")
    assert {(row["site"], row["articles"]) for row in coverage} == {("alpha.example", 1), ("alpha.example", 1),
                                                                    ("www.beta.example", 1)}  # fmt: skip
    assert sum(row["articles"] for row in coverage) == read_rows(url, "SELECT COUNT(*) FROM articles")[0][0]


def test_browse_pages_render_in_a_browser(url: str, browsing: tuple[str, str]) -> None:
    base, name = browsing
    page = lxml.html.fromstring(rendered_dom(f"{base}/{name}/articles_with_authors?search="))
    rows = page.cssselect("table.rows-and-columns tbody tr")
    assert len(rows) == read_rows(url, "SELECT COUNT(*) FROM articles")[0][0] == 3
    assert "Mira Sandoval; Tomás Ibarra" in page.text_content()
    front = lxml.html.fromstring(rendered_dom(f"{base}/{name}"))
    listed = front.text_content()
    for canned in ("Articles, authors, links", "Duplicate clusters", "link graph", "Field coverage per run and site"):
        assert canned in listed
