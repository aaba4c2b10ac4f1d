"""One-off reads of a store by URL, outside a crawl (summaries, coverage history), on either backend.

A SQLite file is opened read-only (``mode=ro``), never created; a PostgreSQL server gets a
short-lived connection. Reads only: nothing here takes the crawl's lock.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from newsbot.errors import StorageError, StoreMissing
from newsbot.storage.base import first_line
from newsbot.storage.factory import redacted, sqlite_path


def read_rows(url: str, sql: str, params: tuple[Any, ...] = (), timeout: float = 10.0) -> list[tuple[Any, ...]]:
    """Rows of one portable query (``?`` placeholders); a plain file path counts as ``sqlite:///path``."""
    path = sqlite_path(url) if "://" in url else Path(url)
    if path is not None:
        if not path.is_file():
            raise StoreMissing(f"SQLite database {str(path)!r} does not exist")
        try:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)
            try:
                return connection.execute(sql, params).fetchall()
            finally:
                connection.close()
        except sqlite3.Error as error:
            raise StorageError(f"reading SQLite database {str(path)!r} failed: {error}") from error
    import psycopg

    from newsbot.storage.postgres import to_psycopg

    try:
        with psycopg.connect(url, connect_timeout=max(1, int(timeout))) as connection:
            return connection.execute(to_psycopg(sql), params).fetchall()
    except psycopg.Error as error:
        first = first_line(error)
        raise StorageError(f"reading PostgreSQL database {redacted(url)} failed: {first}") from error
