"""The health checks, the lock, the coverage history and the User-Agent, without a crawl."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsbot import __version__
from newsbot.errors import LockHeld
from newsbot.frontier.local_scheduler import MARKER, ResumeSafeScheduler, was_killed
from newsbot.middlewares.user_agent import ContactUserAgentMiddleware
from newsbot.monitoring.coverage_history import usual_coverage
from newsbot.monitoring.health import Thresholds, exit_code, recorded_results, run_checks
from newsbot.schedule import CrawlLock
from newsbot.spiders.trtworld import TrtWorldSpider

GOOD: dict[str, Any] = {
    "finish_reason": "finished",
    "downloader/request_count": 100,
    "downloader/response_status_count/200": 98,
    "downloader/response_status_count/404": 2,
    "newsbot/spider/articles": 80,
    "newsbot/validate/ok": 78,
    "newsbot/coverage/items": 80,
    "newsbot/coverage/headline": 80,
    "newsbot/coverage/articleBody": 80,
    "newsbot/coverage/datePublished": 79,
    "newsbot/coverage/authors": 64,
    "newsbot/coverage/usual/headline": 1.0,
    "newsbot/coverage/usual/articleBody": 1.0,
    "newsbot/coverage/usual/authors": 0.85,
    "newsbot/coverage/history_runs": 3,
}


def codes(stats: dict[str, Any], **thresholds: Any) -> tuple[int, list[str]]:
    results = run_checks(stats, Thresholds(**thresholds))
    return exit_code(results), [r.name for r in results if not r.ok]


def test_a_healthy_crawl_exits_0() -> None:
    assert codes(GOOD) == (0, [])


@pytest.mark.parametrize(
    ("changes", "expected", "failed"),
    [
        ({"finish_reason": "storage_unavailable", "newsbot/validate/ok": 0}, 8, ["storage", "finish", "articles"]),
        ({"newsbot/store/error": "disk I/O error"}, 8, ["storage"]),
        ({"finish_reason": "shutdown"}, 7, ["finish"]),
        ({"downloader/exception_count": 40, "newsbot/validate/ok": 0}, 6, ["errors", "articles"]),
        ({"newsbot/coverage/authors": 30}, 5, ["coverage"]),  # 38% < 85% - 30%
        ({"newsbot/coverage/articleBody": 0, "newsbot/validate/ok": 0}, 5, ["coverage", "articles"]),
        ({"newsbot/validate/ok": 0}, 4, ["articles"]),
    ],
)  # fmt: skip
def test_the_most_specific_failure_gives_the_exit_code(
    changes: dict[str, Any], expected: int, failed: list[str]
) -> None:
    assert codes({**GOOD, **changes}) == (expected, failed)


def test_skipped_known_articles_are_not_a_failure_nor_are_ignored_requests() -> None:
    incremental = {**GOOD, "newsbot/validate/ok": 0, "newsbot/spider/articles": 0, "newsbot/coverage/items": 0,
                   "newsbot/incremental/skipped": 40, "downloader/exception_count": 40,
                   "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest": 40}  # fmt: skip
    assert codes(incremental) == (0, [])


def test_coverage_floor_applies_without_history_and_small_runs_are_not_judged() -> None:
    first = {k: v for k, v in GOOD.items() if "/usual/" not in k}
    first["newsbot/coverage/authors"] = 8  # 10%
    assert codes(first) == (0, [])
    assert codes(first, coverage_floor=0.5) == (5, ["coverage"])
    tiny = {**first, "newsbot/coverage/items": 3, "newsbot/coverage/headline": 0}
    assert codes(tiny, coverage_floor=0.5) == (0, [])


def test_monitor_results_recorded_in_stats_are_read_back() -> None:
    stats = dict(GOOD)
    for result in run_checks({**GOOD, "finish_reason": "shutdown"}):
        stats[f"newsbot/health/{result.name}"] = result.as_stat()
    recorded = recorded_results(stats)
    assert recorded is not None and exit_code(recorded) == 7
    assert recorded_results(GOOD) is None


def test_usual_coverage_is_the_median_of_earlier_healthy_runs(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with sqlite3.connect(db) as connection:
        connection.execute(
            "CREATE TABLE crawl_runs (id INTEGER PRIMARY KEY, spider TEXT, started_at TEXT, finished_at TEXT,"
            " finish_reason TEXT, stats_json TEXT)"
        )
        runs = [("finished", 10, 9, ""), ("finished", 10, 7, ""), ("finished", 10, 8, ""),
                ("finished", 10, 0, "FAILED: layout"), ("shutdown", 10, 0, ""), ("finished", 2, 0, "")]  # fmt: skip
        for reason, items, authors, health in runs:
            stats = {"newsbot/coverage/items": items, "newsbot/coverage/authors": authors,
                     "newsbot/coverage/headline": items, "newsbot/health/coverage": health}  # fmt: skip
            connection.execute(
                "INSERT INTO crawl_runs (spider, started_at, finish_reason, stats_json) VALUES (?, ?, ?, ?)",
                ("trtworld", "2026-01-01", reason, json.dumps(stats)),
            )
    usual, used = usual_coverage(db, "trtworld", runs=10, min_items=5)
    assert used == 3
    assert usual["authors"] == pytest.approx(0.8)
    assert usual["headline"] == 1.0
    assert usual_coverage(tmp_path / "missing.db", "trtworld") == ({}, 0)


def test_the_lock_is_exclusive_across_processes_and_says_who_holds_it(tmp_path: Path) -> None:
    path = tmp_path / "news.db.lock"
    with CrawlLock(path, "crawl trtworld"):
        assert "crawl trtworld" in path.read_text()
        probe = (
            "import sys; from newsbot.schedule import CrawlLock, LockHeld\n"
            f"try:\n    CrawlLock({str(path)!r}).acquire()\nexcept LockHeld as e:\n    print(e); sys.exit(3)\n"
        )
        other = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
        assert other.returncode == 3 and "crawl trtworld" in other.stdout
        with pytest.raises(LockHeld):  # flock locks are per open file: a second open in this process is refused too
            CrawlLock(path).acquire()
    CrawlLock(path).acquire()  # released


def test_user_agent_is_built_from_the_contact_unless_set_explicitly() -> None:
    crawler = get_crawler(TrtWorldSpider, {"NEWSBOT_CONTACT": "mailto:ops@example.org"})
    request = Request("http://127.0.0.1/")
    build_from_crawler(ContactUserAgentMiddleware, crawler).process_request(request)
    assert request.headers["User-Agent"].decode() == f"newsbot/{__version__} (+mailto:ops@example.org)"

    class OwnAgentSpider(TrtWorldSpider):
        custom_settings = {"USER_AGENT": "mybot/1"}  # spider priority: above the project's

    explicit = get_crawler(OwnAgentSpider, {"NEWSBOT_CONTACT": "mailto:ops@example.org"})
    with pytest.raises(NotConfigured):
        build_from_crawler(ContactUserAgentMiddleware, explicit)


def test_scheduler_discards_the_state_of_a_killed_crawl_and_resets_a_finished_one(tmp_path: Path) -> None:
    jobdir = tmp_path / "job"
    (jobdir / "requests.queue").mkdir(parents=True)
    (jobdir / "requests.seen").write_bytes(b"\x00\x01x")
    (jobdir / MARKER).write_text("pid 1\n")
    assert was_killed(jobdir)
    crawler = get_crawler(
        TrtWorldSpider, {"JOBDIR": str(jobdir), "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue"}
    )
    crawler.spider = crawler._create_spider()
    scheduler = ResumeSafeScheduler.from_crawler(crawler)
    assert scheduler.discarded and (jobdir / MARKER).exists()
    assert (jobdir / "requests.seen").read_bytes() == b""  # a fresh seen-set
    scheduler.open(crawler.spider)
    scheduler.close("finished")
    assert not was_killed(jobdir)
    assert not (jobdir / "requests.seen").exists() and not (jobdir / "requests.queue").exists()
