"""A SQLite migration that stops half-way leaves the file as it was (sqlite_schema.migrate)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsbot.storage.sqlite_schema import SCHEMA_VERSION, migrate

FIRST_RELEASE_RUNS = (
    "CREATE TABLE crawl_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, spider TEXT NOT NULL,"
    " started_at TEXT NOT NULL, finished_at TEXT, finish_reason TEXT, stats_json TEXT);"
)


def first_release_file(path: Path, extra: str = "") -> None:
    with sqlite3.connect(path) as connection:
        connection.executescript(FIRST_RELEASE_RUNS + extra)
    connection.close()


def columns(connection: sqlite3.Connection) -> list[str]:
    return [column[1] for column in connection.execute("PRAGMA table_info(crawl_runs)")]


def test_a_migration_that_fails_half_way_is_rolled_back_whole(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    # a table where the migration rebuilds a view: its DROP VIEW fails after the columns were added
    first_release_file(path, "CREATE TABLE crawl_run_totals (run TEXT);")
    connection = sqlite3.connect(path, isolation_level=None)
    before = columns(connection)
    with pytest.raises(sqlite3.OperationalError, match="DROP TABLE"):
        migrate(connection)
    assert not connection.in_transaction
    assert columns(connection) == before
    assert connection.execute("SELECT version FROM newsbot_schema").fetchall() == []
    connection.close()


def test_the_same_file_without_the_obstacle_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    first_release_file(path)
    connection = sqlite3.connect(path, isolation_level=None)
    before = columns(connection)
    migrate(connection)
    assert not connection.in_transaction
    assert len(columns(connection)) > len(before)
    assert connection.execute("SELECT version FROM newsbot_schema").fetchall() == [(SCHEMA_VERSION,)]
    connection.close()
