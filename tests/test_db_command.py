"""``python -m newsbot db check|vacuum|stats`` on both backends, and the bounded check a crawl makes at start."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from archive_store import A2, filled_store
from services import SECRET, secret_url

from newsbot.__main__ import main
from newsbot.archive.synthetic import fill
from newsbot.locking import database_lock_path
from newsbot.storage.factory import make_store
from newsbot.storage.readonly import read_rows
from newsbot.storage.sqlite_check import open_check

#: another process holding a database's crawl lock, as a crawl does
HOLD_LOCK = (
    "import fcntl, sys, time; lock = open(sys.argv[1], 'a'); fcntl.flock(lock, fcntl.LOCK_EX);"
    " print('held', flush=True); time.sleep(60)"
)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with filled_store(request.param, tmp_path) as value:
        yield value


def execute(url: str, sql: str) -> None:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            connection.execute(sql)
    else:
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(sql)


def test_check_finds_a_sound_store_and_an_inconsistent_one(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "check", "--db", url]) == 0
    assert capsys.readouterr().out.strip().endswith(": sound")
    execute(url, f"DELETE FROM revisions WHERE canonical_url = '{A2}' AND revision = 2")
    assert main(["db", "check", "--db", url]) == 1
    out = capsys.readouterr().out
    assert "problem: 1 articles without their current revision" in out and out.strip().endswith("inconsistent")


def test_stats_count_rows_and_bytes_per_story(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "stats", "--db", url]) == 0
    out = capsys.readouterr().out
    for table in ("articles", "revisions", "links", "duplicates", "crawl_runs"):
        count = read_rows(url, f"SELECT COUNT(*) FROM {table}")[0][0]
        assert f"  {table}: {count} rows" in out
    assert "per stored story: " in out and "of item JSON" in out


def test_vacuum_gives_space_back(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    execute(url, "UPDATE articles SET article_body = article_body || '" + "x" * 200_000 + "'")
    execute(url, "UPDATE articles SET article_body = 'short'")
    assert main(["db", "vacuum", "--db", url]) == 0
    before, after = (float(part.split(" MiB")[0].split()[-1]) for part in capsys.readouterr().out.split(","))
    if url.startswith("sqlite"):  # VACUUM rewrites the file; PostgreSQL's plain VACUUM only marks space reusable
        assert after < before


def test_vacuum_waits_for_no_crawl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "news.sqlite3"
    with make_store(f"sqlite:///{database}", 100):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(database_lock_path(database))], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert main(["db", "vacuum", "--db", str(database)]) == 3
    finally:
        holder.kill()
        holder.wait(timeout=10)
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "in use by a crawl" in err


def test_a_damaged_file_fails_the_whole_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "news.sqlite3"
    fill(str(database), 300, body_words=40)
    with database.open("r+b") as file:  # every page but the first: garbage after its header
        size = file.seek(0, 2)
        for offset in range(4096, size, 4096):
            file.seek(offset + 8)
            file.write(b"\xa5" * 200)
    code = main(["db", "check", "--db", str(database)])
    captured = capsys.readouterr()
    assert code in (1, 8), captured
    assert "damaged" in captured.out + captured.err or "malformed" in captured.out + captured.err


def test_missing_file_and_unreachable_server(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "stats", "--db", str(tmp_path / "missing.sqlite3")]) == 2
    assert "does not exist (crawl first, or give --db)" in capsys.readouterr().err
    assert not (tmp_path / "missing.sqlite3").exists()
    assert main(["db", "check", "--db", secret_url("postgresql://postgres@127.0.0.1:9/test?connect_timeout=2")]) == 8
    err = capsys.readouterr().err
    assert SECRET not in err and len(err.strip().splitlines()) == 1


def steps_of_open_check(database: Path) -> int:
    """SQLite virtual-machine steps (counted in hundreds) of the crawl's open check: work, not time."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    connection = sqlite3.connect(database)
    connection.set_progress_handler(count, 100)
    try:
        assert open_check(connection) == []
    finally:
        connection.close()
    return steps


def test_the_open_check_does_not_grow_with_the_archive(tmp_path: Path) -> None:
    small, large = tmp_path / "small.sqlite3", tmp_path / "large.sqlite3"
    fill(str(small), 200, body_words=20)
    fill(str(large), 20_000, body_words=20)
    with sqlite3.connect(large) as connection:  # the full check does grow: it reads every page
        whole = 0

        def count() -> int:
            nonlocal whole
            whole += 1
            return 0

        connection.set_progress_handler(count, 100)
        connection.execute("PRAGMA integrity_check").fetchall()
    assert steps_of_open_check(large) <= steps_of_open_check(small) + 5
    assert whole > 50 * steps_of_open_check(large)
