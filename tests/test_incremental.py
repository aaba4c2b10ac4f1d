"""Scheduled crawls pick up only what is new: two crawls of a replica that moves on in between.

Each test serves its own replica and counts its requests; crawls run with the project's defaults.
"""

from __future__ import annotations

import json
import sqlite3
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from crawling import rows, scrapy_crawl

from newsbot.sample_site.server import RunningServer

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow


def article_requests(fresh_replica: RunningServer, status: int | None = None) -> dict[str, int]:
    return {path: n for path, n in fresh_replica.request_counts(status).items() if "/article/" in path}


def last_stats(database: Path) -> dict:
    return json.loads(rows(database, "SELECT stats_json FROM crawl_runs ORDER BY id DESC LIMIT 1")[0][0])


def stored(database: Path) -> set[str]:
    return {url.rsplit("/", 1)[1] for (url,) in rows(database, "SELECT canonical_url FROM articles")}


def test_second_run_fetches_only_new_pages(fresh_replica: RunningServer, tmp_path: Path) -> None:
    site, database = fresh_replica.site, tmp_path / "news.db"
    assert scrapy_crawl(fresh_replica.base_url, database).returncode == 0
    before = stored(database)
    first_requests = sum(fresh_replica.request_counts().values())

    new_ids = site.publish_new(3)
    updated = next(iter(sorted(before)))
    site.update_article(updated)
    # a wire story republished within the dedup window (7 days) of the original: the newest stored one
    original = next(a.id for a in site.latest(10) if a.id in before)
    copy = site.republish(original)
    site.request_log.reset()

    # 5 new pages are too few to judge field coverage by (scrapy crawl exits with the health checks' code)
    result = scrapy_crawl(fresh_replica.base_url, database, settings={"NEWSBOT_MONITOR_COVERAGE_MIN_ITEMS": "10"})
    assert result.returncode == 0, result.stderr[-3000:]
    fetched = article_requests(fresh_replica, status=200)
    # pages that never made it into storage are tried again; nothing stored is downloaded again
    retried = {f"/article/{site.cases['broken']}"}
    assert set(fetched) - retried == {f"/article/{i}" for i in [*new_ids, copy]}
    assert sum(fresh_replica.request_counts().values()) < first_requests / 3
    assert stored(database) == before | set(new_ids)
    assert rows(database, "SELECT duplicate_of FROM duplicates WHERE url LIKE ?", (f"%{copy}",)) == [
        (f"{fresh_replica.base_url}/article/{original}",)
    ]
    stats = last_stats(database)
    assert stats["newsbot/incremental/skipped"] >= 20
    assert stats["newsbot/store/new"] == 3
    assert not [key for key in stats if key.startswith("newsbot/errors/") and "404" not in key]


def control_requests(fresh_replica: RunningServer) -> dict[str, Any]:
    """The replica's request log as a client reads it: ``GET /_control/requests``."""
    with urllib.request.urlopen(fresh_replica.url("/_control/requests"), timeout=10) as response:  # 127.0.0.1
        return json.loads(response.read())


def article_value(database: Path, column: str, article_id: str) -> Any:
    """One column of the stored article with this id."""
    (value,) = rows(database, f"SELECT {column} FROM articles WHERE canonical_url LIKE ?", (f"%/article/{article_id}",))
    return value[0]


def article_paths(counts: dict[str, int]) -> set[str]:
    return {path for path in counts if path.startswith("/article/")}


def age_rows(database: Path, table: str, column: str, key: str, ages: dict[str, timedelta]) -> None:
    """Make the rows of ``table`` whose ``key`` ends with an id of ``ages`` look fetched that long ago."""
    now = datetime.now(UTC)
    with sqlite3.connect(database) as connection:
        for article_id, age in ages.items():
            seen = (now - age).isoformat(timespec="seconds")
            changed = connection.execute(
                f"UPDATE {table} SET {column} = ? WHERE {key} LIKE ?", (seen, f"%/article/{article_id}")
            ).rowcount
            assert changed == 1, (table, article_id)


def test_refresh_refetches_only_articles_last_fetched_longer_ago_than_the_setting(
    fresh_replica: RunningServer, tmp_path: Path
) -> None:
    site, database = fresh_replica.site, tmp_path / "news.db"
    assert scrapy_crawl(fresh_replica.base_url, database).returncode == 0
    kept = sorted(stored(database))
    # the refresh rule gets old rows and fresh ones on both sides of 24 hours; copies are never refreshed
    old = {kept[0]: timedelta(days=30), kept[1]: timedelta(days=3), kept[2]: timedelta(hours=25)}
    fresh = {kept[3]: timedelta(hours=23), kept[4]: timedelta(hours=6)}  # the others: fetched a minute ago
    age_rows(database, "articles", "last_seen", "canonical_url", {**old, **fresh})
    copies = {url.rsplit("/", 1)[1] for (url,) in rows(database, "SELECT url FROM duplicates")}
    assert copies
    age_rows(database, "duplicates", "seen_at", "url", dict.fromkeys(copies, timedelta(days=30)))
    changed_old, changed_fresh = kept[1], kept[4]
    site.update_article(changed_old)
    site.update_article(changed_fresh)
    site.request_log.reset()

    result = scrapy_crawl(fresh_replica.base_url, database, settings={"NEWSBOT_REFRESH_AFTER_HOURS": "24"})
    assert result.returncode == 0, result.stderr[-3000:]
    log = control_requests(fresh_replica)
    stored_paths = {f"/article/{article_id}" for article_id in kept}
    assert article_paths(log["counts"]) & stored_paths == {f"/article/{article_id}" for article_id in old}
    assert not article_paths(log["counts"]) & {f"/article/{article_id}" for article_id in copies}
    # the old unchanged pages answer 304 to the conditional request; the changed one is downloaded
    assert article_paths(log["by_status"].get("304", {})) == {f"/article/{i}" for i in old if i != changed_old}
    assert article_paths(log["by_status"]["200"]) & stored_paths == {f"/article/{changed_old}"}

    revisions = dict(rows(database, "SELECT canonical_url, MAX(revision) FROM revisions GROUP BY canonical_url"))
    assert {url.rsplit("/", 1)[1]: n for url, n in revisions.items() if n != 1} == {changed_old: 2}
    assert article_value(database, "date_modified", changed_old) == site.expected(changed_old)["dateModified"]
    # an old row is fresh again after its check (304 or a new revision): the next run will not ask again
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    for article_id in old:
        assert datetime.fromisoformat(article_value(database, "last_seen", article_id)) > an_hour_ago, article_id
    stats = last_stats(database)
    assert stats["newsbot/incremental/refreshed"] == len(old)
    assert stats["newsbot/incremental/not_modified"] == len(old) - 1
    assert stats["newsbot/store/revised"] == 1
    assert stats["newsbot/incremental/skipped"] == len(kept) - len(old) + len(copies)
