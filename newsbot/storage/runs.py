"""Crawl runs in any backend: the columns of a worker's part, the view of a run as a whole, the recovery facts.

A crawl started once is one row of ``crawl_runs``. Workers sharing a frontier (several processes
started for one scheduled run, :mod:`newsbot.frontier`) each write their own row with the same
``run_key`` and their ``worker`` name (host:pid); the view ``crawl_run_totals`` shows each run as
a whole: when it started, when its last worker finished (``NULL`` while one has not: running,
or killed), how many workers, pages, stored articles and copies.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

#: columns added to ``crawl_runs`` by schema version 2 (name, SQL type valid in SQLite and PostgreSQL)
CRAWL_RUN_COLUMNS = (
    ("run_key", "TEXT"),
    ("worker", "TEXT"),
    ("pages", "INTEGER"),
    ("stored", "INTEGER"),
    ("copies", "INTEGER"),
)

CRAWL_RUN_TOTALS_VIEW = """
CREATE VIEW crawl_run_totals AS
SELECT COALESCE(run_key, CAST(id AS TEXT)) AS run, spider, MIN(started_at) AS started_at,
       CASE WHEN COUNT(finished_at) = COUNT(*) THEN MAX(finished_at) END AS finished_at,
       COUNT(*) AS workers, SUM(pages) AS pages, SUM(stored) AS stored, SUM(copies) AS copies,
       COUNT(*) - COUNT(finished_at) AS unfinished
FROM crawl_runs WHERE spider <> 'open check'
GROUP BY COALESCE(run_key, CAST(id AS TEXT)), spider
"""

#: the frontier's stats naming the shared run and this worker (:mod:`newsbot.frontier`)
RUN_KEY_STAT = "newsbot/frontier/run"
WORKER_STAT = "newsbot/frontier/worker"


def pages_of(stats: Mapping[str, Any]) -> int:
    """The pages of a crawl: HTTP answers received (304 Not Modified, redirects and retried errors included).

    The one definition for the summary, the progress line, ``crawl_runs.pages`` and the reports.
    """
    try:
        return int(stats.get("downloader/response_count") or 0)
    except (TypeError, ValueError):
        return 0


def run_counts(stats: Mapping[str, Any]) -> tuple[int, int, int]:
    """``(pages, stored, copies)`` of a worker from its final stats (stored: committed new + revised)."""

    def number(name: str) -> int:
        try:
            return int(stats.get(name) or 0)
        except (TypeError, ValueError):
            return 0

    pages = pages_of(stats)
    stored = number("newsbot/store/new") + number("newsbot/store/revised")
    copies = number("newsbot/dedup/exact") + number("newsbot/dedup/near")
    return pages, stored, copies


def previous_outcome(rows: Sequence[tuple[Any, ...]]) -> tuple[str | None, str | None] | None:
    """``(finished_at, finish_reason)`` of the previous run from its workers' rows ``(finished_at, reason)``.

    The run ended when all its workers ended; its finish reason is the first one that is not
    ``finished`` (a worker killed, or closed by a storage failure, makes the whole run incomplete).
    """
    if not rows:
        return None
    if any(finished is None for finished, _ in rows):
        return None, next((reason for finished, reason in rows if finished is None), None)
    reasons = [reason for _, reason in rows]
    worst = next((reason for reason in reasons if reason != "finished"), reasons[0])
    return max(finished for finished, _ in rows), worst


def previous_run(
    query: Any, spider: str, run_id: int | None, run_key: str | None
) -> tuple[str | None, str | None] | None:
    """The outcome of the spider's last run before this one (:func:`previous_outcome`), ``None`` if none.

    ``query(sql, params)`` runs portable SQL (``?`` placeholders). Rows of this crawl's own shared
    run (other workers, still running) are not a previous run.
    """
    sql = "SELECT COALESCE(run_key, CAST(id AS TEXT)) FROM crawl_runs WHERE spider = ?"
    params: tuple[Any, ...] = (spider,)
    if run_id is not None:
        sql += " AND id < ?"
        params += (run_id,)
    if run_key is not None:
        sql += " AND (run_key IS NULL OR run_key <> ?)"
        params += (run_key,)
    last = query(sql + " ORDER BY id DESC LIMIT 1", params)
    if not last:
        return None
    rows = query(
        "SELECT finished_at, finish_reason FROM crawl_runs WHERE spider = ? AND COALESCE(run_key, CAST(id AS TEXT)) = ?"
        " ORDER BY id",
        (spider, last[0][0]),
    )
    return previous_outcome(rows)


def finish_values(stats: Mapping[str, Any]) -> tuple[str | None, str | None, int, int, int]:
    """``(run_key, worker, pages, stored, copies)`` to record at the end of a worker's run."""
    run_key, worker = stats.get(RUN_KEY_STAT), stats.get(WORKER_STAT)
    return (
        None if run_key is None else str(run_key),
        None if worker is None else str(worker),
        *run_counts(stats),
    )
