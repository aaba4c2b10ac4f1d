"""`python -m newsbot.dedup`: JSON Lines in, one verdict line per valid record out."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from dedup_corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent

CORPUS = Corpus(seed=202)


def run_cli(*args, stdin=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run(
        [sys.executable, "-m", "newsbot.dedup", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def record(url, body, **extra):
    return json.dumps({"url": url, "articleBody": body, **extra}, ensure_ascii=False)


@pytest.fixture
def stories():
    base = CORPUS.story("election", 0)
    other = CORPUS.story("election", 1)
    near = CORPUS.variant(base, "words5", 0)
    return base, other, near


def outputs(proc):
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_reports_each_record_with_its_duplicate(tmp_path, stories):
    base, other, near = stories
    path = tmp_path / "items.jsonl"
    path.write_text(
        "\n".join(
            [
                record("https://a.example/1", base.text, headline=base.headline),
                record("https://b.example/2", other.text),
                record("https://c.example/3", near.text, headline="Another headline"),
                record("https://d.example/4", base.text.upper()),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    proc = run_cli(path)
    assert proc.returncode == 0, proc.stderr
    out = outputs(proc)
    assert [o["url"] for o in out] == [f"https://{c}.example/{i}" for c, i in zip("abcd", range(1, 5), strict=True)]
    assert out[0] == {"url": "https://a.example/1", "duplicateOf": None, "similarity": None}
    assert out[1]["duplicateOf"] is None
    assert out[2]["duplicateOf"] == "https://a.example/1" and 0.6 < out[2]["similarity"] < 1.0
    assert out[3] == {"url": "https://d.example/4", "duplicateOf": "https://a.example/1", "similarity": 1.0}
    assert proc.stderr == ""


def test_malformed_lines_are_reported_with_line_numbers_and_skipped(tmp_path, stories):
    base, _, near = stories
    lines = [
        record("https://a.example/1", base.text),  # 1
        "{not json",  # 2
        "",  # 3: blank, ignored silently
        json.dumps({"url": "https://x.example/no-body"}),  # 4
        json.dumps(["a", "list"]),  # 5
        json.dumps({"articleBody": "no url here"}),  # 6
        json.dumps({"url": 5, "articleBody": "url is not a string"}),  # 7
        record("https://c.example/3", near.text),  # 8
    ]
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run_cli(path)
    assert proc.returncode == 0
    out = outputs(proc)
    assert [o["url"] for o in out] == ["https://a.example/1", "https://c.example/3"]
    assert out[1]["duplicateOf"] == "https://a.example/1"
    errors = proc.stderr.splitlines()
    assert [e.split(":")[0] for e in errors] == ["line 2", "line 4", "line 5", "line 6", "line 7"]
    assert "articleBody" in errors[1] and "url" in errors[3]


def test_threshold_option(tmp_path, stories):
    base, _, near = stories
    path = tmp_path / "items.jsonl"
    path.write_text(record("a", base.text) + "\n" + record("b", near.text) + "\n", encoding="utf-8")
    assert outputs(run_cli(path))[1]["duplicateOf"] == "a"
    strict = run_cli(path, "--threshold", "0.95")
    assert strict.returncode == 0
    assert outputs(strict)[1] == {"url": "b", "duplicateOf": None, "similarity": None}
    assert run_cli(path, "--threshold", "1.5").returncode == 2  # argparse error
    assert outputs(run_cli(path, "--num-perm", "128"))[1]["duplicateOf"] == "a"


def test_reads_standard_input(stories):
    base, _, near = stories
    proc = run_cli("-", stdin=record("a", base.text) + "\n" + record("b", near.text) + "\n")
    assert proc.returncode == 0
    assert [o["duplicateOf"] for o in outputs(proc)] == [None, "a"]


def test_dates_and_window(tmp_path, stories):
    base, _, near = stories
    path = tmp_path / "items.jsonl"
    path.write_text(
        "\n".join(
            [
                record("a", base.text, datePublished="2025-03-01T10:00:00+03:00"),
                record("b", near.text, datePublished="2025-03-20T10:00:00Z"),
                record("c", near.text, datePublished="2025-03-02"),
                record("d", base.text, datePublished="not a date"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    proc = run_cli(path, "--window-days", "7")
    assert proc.returncode == 0
    # b is 19 days after a: not compared; c is b's body word for word: the exact layer has no window
    assert [o["duplicateOf"] for o in outputs(proc)] == [None, None, "b", "a"]
    assert proc.stderr.startswith("line 4: unreadable datePublished")
    assert [o["duplicateOf"] for o in outputs(run_cli(path))] == [None, "a", "a", "a"]  # no window


def test_unreadable_input_exits_2(tmp_path):
    proc = run_cli(tmp_path / "missing.jsonl")
    assert proc.returncode == 2
    assert "cannot read" in proc.stderr and proc.stdout == ""
    assert run_cli(tmp_path).returncode == 2  # a directory


def test_in_process_main(tmp_path, stories, capsys):
    from newsbot.dedup.__main__ import main, parse_date

    base, _, _ = stories
    path = tmp_path / "items.jsonl"
    path.write_text(record("a", base.text) + "\n" + record("b", base.text) + "\n", encoding="utf-8")
    assert main([str(path)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert out[1]["duplicateOf"] == "a"
    assert parse_date("2025-01-01T00:00:00Z") == 1735689600.0
    assert parse_date("2025-01-01") == 1735689600.0
    assert parse_date("yesterday") is None and parse_date(None) is None
