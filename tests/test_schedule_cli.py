"""``python -m newsbot crawl``: each exit code made real, against the replica site or a tiny server.

Every crawl is a subprocess with a timeout and the project's defaults (Spidermon, retries, the
dedup window...) unless a test is about a setting; every server listens on 127.0.0.1 only and
belongs to one test.
"""

from __future__ import annotations

import json
import re
import signal
from pathlib import Path

import pytest
from schedule_support import (
    LOCAL,
    check_each_story_stored_once,
    free_port,
    rows,
    run_crawl,
    start_crawl,
    stop,
    stored_stories,
    wait_for,
)
from servers.tiny import TinySite

from newsbot import __version__
from newsbot.sample_site.server import RunningServer
from newsbot.sites.trtworld import SECTIONS

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

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


def settings_for(base_url: str, database: Path, *extra: str) -> list[str]:
    return ["-s", f"NEWSBOT_BASE_URL={base_url}", "-s", f"NEWSBOT_SQLITE_PATH={database}", *LOCAL, *extra]


def last_run(database: Path) -> tuple[str, dict[str, object]]:
    reason, stats_json = rows(database, "SELECT finish_reason, stats_json FROM crawl_runs ORDER BY id DESC LIMIT 1")[0]
    return reason, json.loads(stats_json)


def summary_figures(summary: str) -> dict[str, int]:
    """The numbers of the summary's "stored" and "downloads" figures."""
    stored = re.search(r"stored (\d+) \((\d+) new, (\d+) revised\)", summary)
    downloads = re.search(r"downloads (\d+)[^,]*, failed (\d+)", summary)
    assert stored and downloads, summary
    names = ("stored", "new", "revised", "downloads", "failed")
    return dict(zip(names, map(int, stored.groups() + downloads.groups()), strict=True))


def test_crawl_exits_0_prints_the_summary_logs_progress_and_records_the_run(
    replica: RunningServer, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    progress = ("-s", "NEWSBOT_PROGRESS_INTERVAL=0.1", "-s", "CONCURRENT_REQUESTS=2")
    done = run_crawl(*settings_for(replica.base_url, db, *progress))
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    summary = done.stdout
    assert "trtworld OK (exit 0: ok)" in summary
    parts = ("pages ", "stored ", "duplicates ", "dropped by reason:", "requests failed after retries ", "coverage of ")
    assert all(part in summary for part in parts), summary
    assert len(summary.splitlines()) <= 24  # one screen
    assert "[newsbot.extensions.progress] INFO: Progress: " in done.stderr
    assert "[newsbot.extensions.progress] INFO: Finished: " in done.stderr
    assert "Spider.log() is deprecated" not in done.stderr
    reason, stats = last_run(db)
    assert reason == "finished"
    assert all(str(stats[f"newsbot/health/{check}"]).startswith("ok")
               for check in ("storage", "finish", "errors", "coverage", "articles"))  # fmt: skip
    stored, copies = stored_stories(db)
    check_each_story_stored_once(replica.site, stored, copies)
    figures = summary_figures(summary)
    # a first run into an empty database: what the summary says was stored is what the database holds
    assert figures["stored"] == figures["new"] == len(stored) == stats["newsbot/store/new"]
    assert rows(db, "SELECT COUNT(*) FROM revisions") == [(len(stored),)]
    assert stats["newsbot/run/duplicates"] == len(copies)
    assert f"duplicates {len(copies)} " in summary
    assert f"({len(stored)} articles in all)" in summary
    assert Path(f"{db}.lock").read_text() == ""  # released


def test_a_crawl_started_while_another_runs_exits_3_at_once(replica: RunningServer, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    lock = Path(f"{db}.lock")
    slow = ("-s", "DOWNLOAD_DELAY=0.5", "-s", "CONCURRENT_REQUESTS=1")
    first = start_crawl(*settings_for(replica.base_url, db, *slow))
    try:
        assert wait_for(lambda: lock.exists() and "pid" in lock.read_text(), timeout=60)
        second = run_crawl(*settings_for(replica.base_url, db), timeout=60)
        assert second.returncode == 3, second.stderr[-2000:]
        assert f"another crawl is running (lock {lock} held by pid {first.pid}" in second.stderr
        assert second.stdout == ""
        # the lock is taken before the crawl starts: stop it only once it is crawling
        assert wait_for(lambda: any(p.startswith("/article/") for p in replica.request_counts()), timeout=60)
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


def test_a_changed_layout_exits_5_against_the_coverage_of_earlier_runs(replica: RunningServer, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    assert run_crawl(*settings_for(replica.base_url, db)).returncode == 0  # the usual coverage
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


def test_refused_connections_exit_6_with_the_default_monitors_and_retries(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    done = run_crawl(*settings_for(f"http://127.0.0.1:{free_port()}", db))  # nothing listens there
    assert done.returncode == 6, done.stdout + done.stderr[-2000:]
    assert "exit 6: too many failed downloads" in done.stdout
    assert "checks run by the command" not in done.stdout  # the Spidermon monitors decided
    assert "[FAILED] errors: " in done.stdout
    assert "ConnectionRefusedError" in done.stdout  # errors by kind
    figures = summary_figures(done.stdout)
    assert figures["downloads"] == figures["failed"] > 0
    reason, stats = last_run(db)
    assert reason == "finished"
    assert str(stats["newsbot/health/errors"]).startswith("FAILED")
    assert stats["retry/count"] > 0  # every failed request was tried again first
    assert stats["downloader/request_count"] == figures["downloads"]


def test_without_spidermon_the_command_runs_the_checks_itself(tmp_path: Path) -> None:
    """``SPIDERMON_ENABLED=False`` (README): no monitor results in the stats, the command's own checks decide."""
    db = tmp_path / "news.db"
    done = run_crawl(*settings_for(f"http://127.0.0.1:{free_port()}", db, "-s", "SPIDERMON_ENABLED=False"))
    assert done.returncode == 6, done.stdout + done.stderr[-2000:]
    assert "exit 6: too many failed downloads" in done.stdout
    assert "checks run by the command" in done.stdout
    assert "[FAILED] errors: " in done.stdout
    _, stats = last_run(db)
    assert not [key for key in stats if key.startswith("newsbot/health/")]


def test_a_crawl_closed_before_the_end_exits_7(replica: RunningServer, tmp_path: Path) -> None:
    done = run_crawl(*settings_for(replica.base_url, tmp_path / "news.db", "-s", "CLOSESPIDER_PAGECOUNT=3"))
    assert done.returncode == 7, done.stdout + done.stderr[-2000:]
    assert "finish reason: closespider_pagecount" in done.stdout


def test_storage_that_cannot_be_written_exits_8(replica: RunningServer, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the database folder should be")
    db = blocker / "news.db"
    at_lock = run_crawl(*settings_for(replica.base_url, db))
    assert at_lock.returncode == 8 and "storage unavailable: cannot create the lock file" in at_lock.stderr
    in_crawl = run_crawl(*settings_for(replica.base_url, db), "--lock-file", str(tmp_path / "crawl.lock"))
    assert in_crawl.returncode == 8, in_crawl.stdout + in_crawl.stderr[-2000:]
    assert "exit 8: storage unavailable" in in_crawl.stdout
    assert "finish reason: storage_unavailable" in in_crawl.stdout
