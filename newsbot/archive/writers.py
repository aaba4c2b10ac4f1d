"""Writing export records as JSON Lines, CSV or Parquet, one record at a time (Parquet: in row groups).

JSON Lines keeps each record whole. CSV and Parquet have one column per field
(:data:`SCALAR_COLUMNS`); CSV joins a list into one cell (authors and keywords with ``"; "``, link
and copy URLs with spaces), Parquet keeps lists and structs typed. Parquet needs ``pyarrow``
(``pip install -r requirements-parquet.txt``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any, Protocol

from newsbot.items import LINK_KINDS

FORMATS = ("jsonl", "csv", "parquet")
SCALAR_COLUMNS = (
    "id", "url", "canonicalUrl", "headline", "description", "datePublished", "dateModified", "inLanguage",
    "articleSection", "sourceCredit", "duplicateOf", "similarity", "revision", "firstSeen", "lastSeen", "runId",
    "articleBody",
)  # fmt: skip
ROW_GROUP = 2000


class RecordWriter(Protocol):
    """Takes records one by one; ``close`` finishes the file (not the stream it was given)."""

    def write(self, record: dict[str, Any]) -> None: ...
    def close(self) -> None: ...


class JsonLinesWriter:
    """One JSON object per line, UTF-8, keys as stored."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, record: dict[str, Any]) -> None:
        self._stream.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")

    def close(self) -> None:
        self._stream.flush()


def list_columns(parts: Iterable[str]) -> tuple[str, ...]:
    """The list-valued columns of a flat export: authors and keywords, then those of the parts asked for."""
    columns = ["authors", "keywords"]
    if "links" in parts:
        columns.extend(LINK_KINDS)
    if "copies" in parts:
        columns.append("copies")
    if "revisions" in parts:
        columns.append("revisions")
    return tuple(columns)


def _list_value(record: dict[str, Any], column: str) -> list[Any]:
    if column in LINK_KINDS:
        return list((record.get("links") or {}).get(column) or [])
    return list(record.get(column) or [])


class CsvWriter:
    """A header row, then one row per record; lists joined into one cell."""

    def __init__(self, stream: IO[str], parts: Iterable[str]) -> None:
        self._lists = list_columns(parts)
        self._writer = csv.writer(stream)
        self._writer.writerow([*SCALAR_COLUMNS, *self._lists])
        self._stream = stream

    def write(self, record: dict[str, Any]) -> None:
        row: list[Any] = [record.get(column) for column in SCALAR_COLUMNS]
        for column in self._lists:
            row.append(_cell(column, _list_value(record, column)))
        self._writer.writerow(["" if value is None else value for value in row])

    def close(self) -> None:
        self._stream.flush()


def _cell(column: str, values: list[Any]) -> str:
    if column == "authors":
        return "; ".join(str(author.get("name") or "") for author in values if isinstance(author, dict))
    if column == "keywords":
        return "; ".join(str(value) for value in values)
    if column == "revisions":
        return " ".join(str(entry.get("revision")) for entry in values)
    return " ".join(str(entry.get("url")) for entry in values if isinstance(entry, dict))


class ParquetWriter:
    """Typed columns, lists as Arrow lists (authors, links and copies as structs), one row group per 2,000."""

    def __init__(self, path: str, parts: Iterable[str]) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as error:
            raise RuntimeError("Parquet export needs pyarrow: pip install -r requirements-parquet.txt") from error
        self._pa = pa
        self._lists = list_columns(parts)
        self._schema = pa.schema(
            [(column, _scalar_type(pa, column)) for column in SCALAR_COLUMNS]
            + [(column, _list_type(pa, column)) for column in self._lists]
        )
        self._file = pq.ParquetWriter(path, self._schema)
        self._batch: list[dict[str, Any]] = []

    def write(self, record: dict[str, Any]) -> None:
        row = {column: record.get(column) for column in SCALAR_COLUMNS}
        for column in self._lists:
            row[column] = _list_value(record, column)
        self._batch.append(row)
        if len(self._batch) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._batch:
            self._file.write_table(self._pa.Table.from_pylist(self._batch, schema=self._schema))
            self._batch = []

    def close(self) -> None:
        self._flush()
        self._file.close()


def _scalar_type(pa: Any, column: str) -> Any:
    if column == "similarity":
        return pa.float64()
    if column in ("revision", "runId"):
        return pa.int64()
    return pa.string()


def _list_type(pa: Any, column: str) -> Any:
    if column == "authors":
        return pa.list_(pa.struct([("name", pa.string()), ("url", pa.string())]))
    if column == "keywords":
        return pa.list_(pa.string())
    if column == "copies":
        return pa.list_(pa.struct([
            ("url", pa.string()), ("similarity", pa.float64()), ("method", pa.string()),
            ("headline", pa.string()), ("seenAt", pa.string()), ("runId", pa.int64()),
        ]))  # fmt: skip
    if column == "revisions":
        return pa.list_(pa.struct([
            ("revision", pa.int64()), ("dateModified", pa.string()), ("contentHash", pa.string()),
            ("storedAt", pa.string()), ("runId", pa.int64()),
        ]))  # fmt: skip
    return pa.list_(pa.struct([("url", pa.string()), ("headline", pa.string()), ("original", pa.string())]))
