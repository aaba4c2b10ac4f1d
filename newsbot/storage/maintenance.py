"""Maintenance of a store, outside crawls: the whole check, vacuum, and what the store holds on disk.

SQLite: :func:`check` is ``PRAGMA integrity_check`` of the whole file plus the consistency checks;
:func:`vacuum` checkpoints the write-ahead log and rewrites the file (``VACUUM``; with 16 KiB pages if
its pages are smaller: :data:`~newsbot.storage.sqlite_schema.PAGE_SIZE`), under the database's crawl
lock, so no crawl writes meanwhile; :func:`stats` reads table sizes from ``dbstat`` when SQLite has it.
PostgreSQL: the consistency checks, ``VACUUM (ANALYZE)`` of
newsbot's tables, and their sizes from ``pg_total_relation_size``. Consistency: every stored
article has its current revision, every copy and link starts from a stored article, no dedup
signature is left without its story.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbot.errors import DatabaseInUse, LockHeld, StorageError
from newsbot.locking import database_lock_path, hold_lock
from newsbot.storage.article_keys import link_source
from newsbot.storage.base import first_line
from newsbot.storage.factory import redacted, sqlite_path
from newsbot.storage.item_layout import COLUMN_FIELDS, dumps, join_item
from newsbot.storage.sqlite_check import full_check
from newsbot.storage.sqlite_schema import PAGE_SIZE

TABLES = ("articles", "revisions", "links", "duplicates", "dedup_signatures", "crawl_runs")
#: PostgreSQL's own table: the LSH band keys of every stored signature (the shared dedup index)
POSTGRES_TABLES = (*TABLES, "dedup_bands")
CONSISTENCY = (
    ("articles without their current revision",
     "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS"
     " (SELECT 1 FROM revisions r WHERE r.canonical_url = a.canonical_url AND r.revision = a.revision)"),
    ("links from a page that is not stored",
     "SELECT COUNT(*) FROM links l WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE {link_source})"),
    ("copies of a story that is not stored",
     "SELECT COUNT(*) FROM duplicates d WHERE NOT EXISTS"
     " (SELECT 1 FROM articles a WHERE a.canonical_url = d.duplicate_of)"),
)  # fmt: skip
#: how a ``links`` row names its source article: version 4 by its number, older stores by its URL
LINK_SOURCE = {keyed: link_source("a", keyed) for keyed in (True, False)}


@dataclass
class TableFigures:
    """Rows of a table and the bytes it takes (data and indexes; ``None`` when the backend cannot say)."""

    name: str
    rows: int
    bytes: int | None


@dataclass
class StoreFigures:
    """What ``db stats`` shows."""

    location: str
    total_bytes: int
    tables: list[TableFigures] = field(default_factory=list)
    text_bytes: int = 0  # the stored articles' items as JSON (headline, body, metadata), UTF-8 bytes

    @property
    def articles(self) -> int:
        return next((table.rows for table in self.tables if table.name == "articles"), 0)


class Maintenance:
    """One store opened for maintenance (``with Maintenance(url) as store``)."""

    def __init__(self, url: str, timeout: float = 10.0) -> None:
        self.url = url if "://" in url else f"sqlite:///{url}"
        self.path = sqlite_path(self.url)
        self.timeout = timeout
        self._connection: Any = None
        self.description = (
            f"SQLite database {str(self.path)!r}" if self.path else f"PostgreSQL database {redacted(url)}"
        )

    def __enter__(self) -> Maintenance:
        try:
            if self.path is not None:
                if not self.path.is_file():
                    raise FileNotFoundError(f"{self.description} does not exist")
                self._connection = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            else:
                import psycopg

                self._connection = psycopg.connect(self.url, autocommit=True, connect_timeout=max(1, int(self.timeout)))
        except FileNotFoundError:
            raise
        except Exception as error:
            raise StorageError(f"cannot open {self.description}: {first_line(error)}") from error
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._connection is not None:
            self._connection.close()

    def _value(self, sql: str) -> Any:
        return self._connection.execute(sql).fetchone()[0]

    def check(self) -> list[str]:
        """Every problem found (an empty list: the store is sound)."""
        try:
            problems = full_check(self._connection) if self.path is not None else []
            link_source = LINK_SOURCE[self._links_by_article()]
            for what, sql in CONSISTENCY:
                count = int(self._value(sql.format(link_source=link_source)))
                if count:
                    problems.append(f"{count} {what}")
        except Exception as error:
            raise StorageError(f"checking {self.description} failed: {first_line(error)}") from error
        return problems

    def vacuum(self) -> tuple[int, int]:
        """Reclaim free space; the store's size in bytes before and after."""
        before = self.size()
        try:
            if self.path is not None:
                try:
                    lock = hold_lock(database_lock_path(self.path), f"db vacuum of {self.path}")
                except LockHeld as held:
                    raise DatabaseInUse(f"{self.description} is in use by a crawl ({held}): vacuum later") from held
                try:
                    self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    self._vacuum_sqlite()
                    self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    lock.release()
            else:
                for table in POSTGRES_TABLES:
                    self._connection.execute(f"VACUUM (ANALYZE) {table}")
        except StorageError:
            raise
        except Exception as error:
            raise StorageError(f"vacuum of {self.description} failed: {first_line(error)}") from error
        return before, self.size()

    def _vacuum_sqlite(self) -> None:
        """``VACUUM``; a file with pages smaller than :data:`PAGE_SIZE` is rewritten with pages of that size.

        SQLite changes the page size of a file in write-ahead-log mode only out of that mode: the file
        leaves it for the ``VACUUM`` and goes back to it after (a reader holding the file open makes that
        fail: then the file is vacuumed with the pages it has).
        """
        connection = self._connection
        if int(self._value("PRAGMA page_size")) < PAGE_SIZE:
            mode = str(self._value("PRAGMA journal_mode"))
            if str(self._value("PRAGMA journal_mode=DELETE")).lower() == "delete":
                try:
                    connection.execute(f"PRAGMA page_size={PAGE_SIZE}")
                    connection.execute("VACUUM")
                finally:
                    connection.execute(f"PRAGMA journal_mode={mode}")
                return
        connection.execute("VACUUM")

    def size(self) -> int:
        """Bytes the store takes: the file and its write-ahead log, or the tables on the server."""
        if self.path is not None:
            wal = Path(f"{self.path}-wal")
            return self.path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
        sizes = " + ".join(f"pg_total_relation_size('{table}')" for table in POSTGRES_TABLES)
        return int(self._value(f"SELECT {sizes}"))

    def stats(self) -> StoreFigures:
        """Rows and bytes per table, the whole size, the text the articles hold."""
        try:
            figures = StoreFigures(location=self.description, total_bytes=self.size())
            for table in TABLES if self.path is not None else POSTGRES_TABLES:
                rows = int(self._value(f"SELECT COUNT(*) FROM {table}"))
                figures.tables.append(TableFigures(table, rows, self._table_bytes(table)))
            figures.text_bytes = self._text_bytes()
        except Exception as error:
            raise StorageError(f"reading {self.description} failed: {first_line(error)}") from error
        return figures

    def _text_bytes(self) -> int:
        """The items the store holds as JSON, UTF-8 bytes: each article's rebuilt, and superseded versions'."""
        length = "LENGTH(CAST(item_json AS BLOB))" if self.path is not None else "octet_length(item_json)"
        if not self._has_layout_3():  # before version 3: item_json is whole, revisions repeat the current one
            return int(self._value(f"SELECT COALESCE(SUM({length}), 0) FROM articles"))
        superseded = int(self._value(f"SELECT COALESCE(SUM({length}), 0) FROM revisions WHERE item_json IS NOT NULL"))
        source = LINK_SOURCE[self._links_by_article()]
        if self.path is not None:
            return superseded + _items_bytes(self._connection.cursor(), source)
        with self._connection.transaction():  # a server-side cursor: the rows stream, whatever the archive
            cursor = self._connection.cursor(name="newsbot_text_bytes")
            cursor.itersize = 5000
            return superseded + _items_bytes(cursor, source)

    def _has_layout_3(self) -> bool:
        return self._has_column("articles", "links_count")

    def _links_by_article(self) -> bool:
        """Whether ``links`` is keyed by the source article's number (version 4)."""
        return self._has_column("links", "from_id")

    def _has_column(self, table: str, column: str) -> bool:
        try:
            self._connection.execute(f"SELECT {column} FROM {table} WHERE 1 = 0").fetchall()
        except Exception:
            return False
        return True

    def _table_bytes(self, table: str) -> int | None:
        if self.path is None:
            return int(self._value(f"SELECT pg_total_relation_size('{table}')"))
        try:
            return int(self._value(
                "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat"
                f" WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name = '{table}')"
            ))  # fmt: skip
        except sqlite3.OperationalError:  # SQLite built without dbstat
            return None


def _items_bytes(cursor: Any, link_source: str) -> int:
    """The UTF-8 bytes of every article's item, rebuilt from its row and its positioned links
    (``link_source``: the join condition of :data:`LINK_SOURCE`)."""
    cursor.execute(
        "SELECT a.canonical_url, l.to_url, l.kind, l.headline, a.item_json, a.links_count,"
        f" {', '.join('a.' + column for _, column in COLUMN_FIELDS)}"
        f" FROM articles a LEFT JOIN links l ON {link_source} AND a.links_count IS NOT NULL"
        " AND l.item_order IS NOT NULL ORDER BY a.canonical_url, l.item_order"
    )
    total, key, row, links = 0, None, None, []
    for url, to_url, kind, headline, item_json, links_count, *columns in cursor:
        if url != key:
            if row is not None:
                total += _item_bytes(*row, links)
            key, row, links = url, (item_json, columns, links_count), []
        if to_url is not None:
            links.append((to_url, kind, headline))
    if row is not None:
        total += _item_bytes(*row, links)
    cursor.close()
    return total


def _item_bytes(item_json: str | None, columns: list[Any], links_count: int | None, links: list[Any]) -> int:
    try:
        return len(dumps(join_item(item_json, columns, links_count, links)).encode("utf-8"))
    except ValueError:
        return len((item_json or "").encode("utf-8"))
