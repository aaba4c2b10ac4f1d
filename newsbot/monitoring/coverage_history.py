"""The usual field coverage of a spider: the median over the earlier runs recorded in the store (reads only)."""

from __future__ import annotations

import json
import logging
import statistics
from dataclasses import fields as dataclass_fields
from pathlib import Path

from newsbot.errors import StorageError, StoreMissing
from newsbot.items import ArticleItem
from newsbot.monitoring.health import COVERAGE_PREFIX, RESULT_KEY
from newsbot.storage.readonly import read_rows

logger = logging.getLogger(__name__)

FIELD_NAMES = tuple(f.name for f in dataclass_fields(ArticleItem))


def usual_coverage(
    database: str | Path, spider: str, runs: int = 10, min_items: int = 5
) -> tuple[dict[str, float], int]:
    """The median share of items having each field over the last ``runs`` comparable runs.

    A comparable run is a finished run of ``spider`` recorded in ``database`` (a store URL or a
    SQLite file; table
    ``crawl_runs``) with at least ``min_items`` items counted and whose coverage check did not
    fail (a broken layout must not become the usual). Returns ``({field: share}, runs used)``;
    ``({}, 0)`` when the database or the table does not exist yet. Reads only.
    """
    if runs <= 0:
        return {}, 0
    try:
        rows = read_rows(
            str(database),
            "SELECT stats_json FROM crawl_runs WHERE spider = ? AND finish_reason = 'finished'"
            " AND stats_json IS NOT NULL ORDER BY id DESC LIMIT ?",
            (spider, runs * 5),
        )
    except StoreMissing:
        return {}, 0
    except StorageError as error:
        logger.info("No coverage history in %s: %s", database, error)
        return {}, 0
    shares: dict[str, list[float]] = {}
    used = 0
    for (stats_json,) in rows:
        try:
            stats = json.loads(stats_json)
        except ValueError:
            continue
        items = stats.get(f"{COVERAGE_PREFIX}items") or 0
        if items < max(1, min_items) or str(stats.get(RESULT_KEY.format("coverage"), "")).startswith("FAILED"):
            continue
        for name in FIELD_NAMES:
            shares.setdefault(name, []).append((stats.get(f"{COVERAGE_PREFIX}{name}") or 0) / items)
        used += 1
        if used >= runs:
            break
    return {name: statistics.median(values) for name, values in shares.items()}, used
