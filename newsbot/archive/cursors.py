"""Streamed, read-only queries of a store (SQLite file or PostgreSQL), a few thousand rows in memory at most.

A SQLite file is opened read-only and never created; PostgreSQL rows come through server-side
cursors inside one read-only transaction, so every query of an export sees the same snapshot.
Rows ordered by text use code-point order on both backends (``COLLATE "C"`` on PostgreSQL, SQLite's
binary collation), the order of Python's ``str`` comparison, so ordered streams can be merged.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from newsbot.errors import StorageError, StoreMissing
from newsbot.storage.base import first_line
from newsbot.storage.factory import redacted, sqlite_path, url_problem

FETCH_SIZE = 2000


class Archive(Protocol):
    """A read-only view of one store: ``rows`` streams a portable query (``?`` placeholders)."""

    description: str
    #: Where the archive is, for reports: the file path, or the server URL without credentials.
    location: str
    #: What makes ``ORDER BY text`` follow code-point order on this backend ("" or ``COLLATE "C"``).
    collate: str
    #: An SQL expression: how many authors the row's ``item_json`` names.
    authors_count: str

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]: ...
    def has_column(self, table: str, column: str) -> bool: ...
    def close(self) -> None: ...


class SqliteArchive:
    """A SQLite file opened with ``mode=ro``; several streams may be read at once."""

    collate = ""
    authors_count = "COALESCE(json_array_length(item_json, '$.authors'), 0)"

    def __init__(self, path: Path, timeout: float = 10.0) -> None:
        self.description = f"SQLite database {str(path)!r}"
        self.location = str(path)
        if not path.is_file():
            raise StoreMissing(f"{self.description} does not exist")
        try:
            self._connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)
        except sqlite3.Error as error:
            raise StorageError(f"opening {self.description} failed: {error}") from error

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        try:
            cursor = self._connection.execute(sql, params)
            while batch := cursor.fetchmany(FETCH_SIZE):
                yield from batch
        except sqlite3.Error as error:
            raise StorageError(f"reading {self.description} failed: {error}") from error

    def has_column(self, table: str, column: str) -> bool:
        """Whether ``table`` has ``column`` (a file of an older schema, not migrated yet, may not)."""
        query = "SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?"
        return any(count for (count,) in self.rows(query, (table, column)))

    def close(self) -> None:
        self._connection.close()


class PostgresArchive:
    """One read-only, repeatable-read transaction; each stream is a named server-side cursor."""

    collate = ' COLLATE "C"'
    authors_count = (
        "CASE WHEN json_typeof(CAST(item_json AS json) -> 'authors') = 'array'"
        " THEN json_array_length(CAST(item_json AS json) -> 'authors') ELSE 0 END"
    )

    def __init__(self, url: str, timeout: float = 10.0) -> None:
        import psycopg

        self._errors = psycopg.Error
        self.description = f"PostgreSQL database {redacted(url)}"
        self.location = redacted(url)
        self._names = itertools.count(1)
        try:
            self._connection = psycopg.connect(url, connect_timeout=max(1, int(timeout)))
            self._connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        except psycopg.Error as error:
            raise StorageError(f"opening {self.description} failed: {first_line(error)}") from error

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        from newsbot.storage.postgres_batch import to_psycopg

        try:
            with self._connection.cursor(name=f"newsbot_export_{next(self._names)}") as cursor:
                cursor.itersize = FETCH_SIZE
                cursor.execute(to_psycopg(sql), params)
                yield from cursor
        except self._errors as error:
            raise StorageError(f"reading {self.description} failed: {first_line(error)}") from error

    def has_column(self, table: str, column: str) -> bool:
        """Whether ``table`` has ``column`` (a database of an older schema, not migrated yet, may not)."""
        query = (
            "SELECT COUNT(*) FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?"
        )
        return any(count for (count,) in self.rows(query, (table, column)))

    def close(self) -> None:
        self._connection.close()


def open_archive(url: str) -> Archive:
    """The archive of a store URL (``sqlite:///...``, ``postgresql://...``) or a plain SQLite file path."""
    if "://" not in url:
        return SqliteArchive(Path(url))
    problem = url_problem(url)
    if problem:
        raise StorageError(f"database URL {redacted(url)} {problem}")
    path = sqlite_path(url)
    return SqliteArchive(path) if path is not None else PostgresArchive(url)
