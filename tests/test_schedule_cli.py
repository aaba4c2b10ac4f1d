"""``python -m newsbot crawl``: each exit code made real, against the replica site or a tiny server.

Every crawl is a subprocess with a timeout; every server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from schedule_support import (
    LOCAL,
    TinySite,
    free_port,
    rows,
    run_crawl,
    start_crawl,
    stop,
    wait_for,
)

from newsbot import __version__
from newsbot.sample_site import SampleSite, serve
from newsbot.spiders.trtworld import SECTIONS

ROBOTS = ("text/plain", "User-agent: *\nDisallow: /_control/\n")
EMPTY_FEED = (
    "application/rss+xml",
    '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
)
ARTICLE_IDS = [f"{n:012x}" for n in range(0xA1, 0xA9)]
#: A site that moved to client-side rendering: the article pages are an empty shell and a script.
SHELL = "<html><head><title>News</title></head><body><div id='root'></div><script src='/app.js'></script></body></html>"


def listing(links: list[str]) -> tuple[str, str]:
    anchors = "".join(f'<li><a href="{href}">A story</a></li>' for href in links)
    return "text/html", f"<html><head><title>Home</title></head><body><ul>{anchors}</ul></body></html>"


def empty_site() -> dict[str, tuple[str, str]]:
    pages = {"/robots.txt": ROBOTS, "/feed/rss.xml": EMPTY_FEED, "/": listing([])}
    pages.update({f"/{section}": listing([]) for section in SECTIONS})
    return pages


@pytest.fixture(scope="module")
def replica() -> Iterator[str]:
    with serve(SampleSite.demo()) as server:
        yield server.base_url


def settings_for(base_url: str, database: Path, *extra: str) -> list[str]:
    return ["-s", f"NEWSBOT_BASE_URL={base_url}", "-s", f"NEWSBOT_SQLITE_PATH={database}", *LOCAL, *extra]


def last_run(database: Path) -> tuple[str, dict[str, object]]:
    reason, stats_json = rows(database, "SELECT finish_reason, stats_json FROM crawl_runs ORDER BY id DESC LIMIT 1")[0]
    return reason, json.loads(stats_json)


def test_crawl_exits_0_prints_the_summary_logs_progress_and_records_the_run(replica: str, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    done = run_crawl(*settings_for(replica, db, "-s", "NEWSBOT_PROGRESS_INTERVAL=0.1", "-s", "CONCURRENT_REQUESTS=2"))
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    summary = done.stdout
    assert "trtworld OK (exit 0: ok)" in summary
    for line in ("pages ", "stored ", "duplicates ", "dropped by reason:", "failed requests by kind:", "coverage of "):
        assert line in summary
    assert len(summary.splitlines()) <= 24  # one screen
    assert "[newsbot.extensions.progress] INFO: Progress: " in done.stderr
    assert "[newsbot.extensions.progress] INFO: Finished: " in done.stderr
    assert "Spider.log() is deprecated" not in done.stderr
    reason, stats = last_run(db)
    assert reason == "finished"
    assert all(str(stats[f"newsbot/health/{check}"]).startswith("ok")
               for check in ("storage", "finish", "errors", "coverage", "articles"))  # fmt: skip
    assert stats["newsbot/run/pages"] > 0 and stats["newsbot/store/new"] > 0
    assert stats["newsbot/coverage/items"] >= stats["newsbot/store/new"]
    assert stats["newsbot/run/duplicates"] == stats.get("newsbot/dedup/exact", 0) + stats.get("newsbot/dedup/near", 0)
    assert f"({rows(db, 'SELECT COUNT(*) FROM articles')[0][0]} articles in all)" in summary
    assert Path(f"{db}.lock").read_text() == ""  # released


def test_a_crawl_started_while_another_runs_exits_3_at_once(replica: str, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    lock = Path(f"{db}.lock")
    first = start_crawl(*settings_for(replica, db, "-s", "DOWNLOAD_DELAY=0.5", "-s", "CONCURRENT_REQUESTS=1"))
    try:
        assert wait_for(lambda: lock.exists() and "pid" in lock.read_text(), timeout=60)
        second = run_crawl(*settings_for(replica, db), timeout=60)
        assert second.returncode == 3, second.stderr[-2000:]
        assert f"another crawl is running (lock {lock} held by pid {first.pid}" in second.stderr
        assert second.stdout == ""
    finally:
        code = stop(first, signal.SIGTERM)  # a graceful stop: finish reason "shutdown"
    assert code == 7
    assert "finish reason: shutdown" in first.stdout.read()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("args", "message"),
    [(["-s", "NEWSBOT_SQLITE_PATH"], "-s expects NAME=VALUE"), (["-a", "url"], "-a expects NAME=VALUE"),
     (["--no-such-option"], "unrecognized arguments")],
)  # fmt: skip
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    done = run_crawl(*args, timeout=60)
    assert done.returncode == 2 and message in done.stderr


def test_unknown_spider_exits_2(tmp_path: Path) -> None:
    done = run_crawl("-s", f"NEWSBOT_SQLITE_PATH={tmp_path / 'news.db'}", spider="nosuchspider", timeout=60)
    assert done.returncode == 2 and "unknown spider 'nosuchspider'" in done.stderr


def test_a_site_without_articles_exits_4_and_is_asked_with_the_contact_user_agent(tmp_path: Path) -> None:
    with TinySite(empty_site()) as site:
        done = run_crawl(
            *settings_for(site.base_url, tmp_path / "news.db", "-s", "NEWSBOT_CONTACT=mailto:ops@example.org")
        )
        agents = {agent for _, agent in site.requests}
        site.requests.clear()
        own = run_crawl(*settings_for(site.base_url, tmp_path / "news.db", "-s", "USER_AGENT=research-bot/2.0"))
        own_agents = {agent for _, agent in site.requests}
    assert done.returncode == 4, done.stdout + done.stderr[-2000:]
    assert "exit 4: no article extracted" in done.stdout
    assert "[FAILED] articles: 0 valid articles extracted" in done.stdout
    assert agents == {f"newsbot/{__version__} (+mailto:ops@example.org)"}  # robots.txt included
    assert own.returncode == 4 and own_agents == {"research-bot/2.0"}


def test_a_changed_layout_exits_5_against_the_coverage_of_earlier_runs(replica: str, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    assert run_crawl(*settings_for(replica, db)).returncode == 0  # the usual coverage
    pages = empty_site()
    pages["/"] = listing([f"/article/{article_id}" for article_id in ARTICLE_IDS])
    pages.update({f"/article/{article_id}": ("text/html", SHELL) for article_id in ARTICLE_IDS})
    with TinySite(pages) as site:
        done = run_crawl(*settings_for(site.base_url, db))
    assert done.returncode == 5, done.stdout + done.stderr[-2000:]
    assert "exit 5: field coverage far below the usual" in done.stdout
    assert "articleBody 0% (minimum 70%, usually 100%)" in done.stdout
    assert "[FAILED] articles" in done.stdout  # also true, but less specific
    _, stats = last_run(db)
    assert stats["newsbot/coverage/history_runs"] == 1
    assert str(stats["newsbot/health/coverage"]).startswith("FAILED")


def test_refused_connections_exit_6(tmp_path: Path) -> None:
    port = free_port()  # nothing listens there
    extra = ("-s", "RETRY_TIMES=0", "-s", "SPIDERMON_ENABLED=False")  # the command runs the same checks itself
    done = run_crawl(*settings_for(f"http://127.0.0.1:{port}", tmp_path / "news.db", *extra))
    assert done.returncode == 6, done.stdout + done.stderr[-2000:]
    assert "exit 6: too many failed downloads" in done.stdout
    assert "checks run by the command" in done.stdout
    assert "ConnectionRefusedError" in done.stdout  # errors by kind


def test_a_crawl_closed_before_the_end_exits_7(replica: str, tmp_path: Path) -> None:
    done = run_crawl(*settings_for(replica, tmp_path / "news.db", "-s", "CLOSESPIDER_PAGECOUNT=3"))
    assert done.returncode == 7, done.stdout + done.stderr[-2000:]
    assert "finish reason: closespider_pagecount" in done.stdout


def test_storage_that_cannot_be_written_exits_8(replica: str, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the database folder should be")
    db = blocker / "news.db"
    at_lock = run_crawl(*settings_for(replica, db))
    assert at_lock.returncode == 8 and "storage unavailable: cannot create the lock file" in at_lock.stderr
    in_crawl = run_crawl(*settings_for(replica, db), "--lock-file", str(tmp_path / "crawl.lock"))
    assert in_crawl.returncode == 8, in_crawl.stdout + in_crawl.stderr[-2000:]
    assert "exit 8: storage unavailable" in in_crawl.stdout
    assert "finish reason: storage_unavailable" in in_crawl.stdout
