"""End to end: the volume bounds (newsbot.frontier.budget) end a crawl of endless new articles by themselves.

Real crawls (``python -m newsbot crawl`` in a subprocess) of real local servers: the endless site
of ``tests/servers/endless.py`` (every article links 100 articles never seen before), small sites
of known size in the TRT World shape, the second replica for the ``news`` spider, and the shared
frontier on the real Redis. The crawl's peak memory is the kernel's high-water mark for that one
child process (``VmHWM`` in ``/proc``, read until it ends); the crawl is killed, and the test
fails, as soon as its resident memory passes the bound, so a crawl without bounds fails in
seconds instead of running for ever.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from crawling import LOCAL, ROOT, rows
from servers.endless import endless_site
from servers.local import LocalServer
from servers.pages import StoryPages, start_pages
from services import REDIS_URL
from services import redis_prefix as own_key_prefix

from newsbot.sample_site.second import SecondSite, serve_second

MiB = 1024 * 1024
RSS_LIMIT = 500 * MiB


@dataclass
class Measured:
    """A finished crawl process: exit code, output, peak resident memory (bytes), wall time, and
    why it was killed (``"memory"``, ``"time"``), if it was."""

    returncode: int
    stdout: str
    stderr: str
    peak_rss: int
    seconds: float
    killed: str | None = None


def memory_bytes(pid: int, field: str) -> int:
    """``VmRSS`` (resident now) or ``VmHWM`` (its peak) of process ``pid``, in bytes; 0 once it is gone.

    Read from ``/proc``, not ``wait4``'s ``ru_maxrss``: that one keeps the high-water mark of the
    memory the child had before ``exec`` (a copy of this test process, large late in a run).
    """
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def measured_crawl(
    folder: Path, *args: str, spider: str = "trtworld", timeout: float = 300, rss_limit: int = RSS_LIMIT
) -> Measured:
    """``python -m newsbot crawl SPIDER ARGS`` with its peak RSS; killed when it passes ``rss_limit`` or ``timeout``."""
    command = [sys.executable, "-m", "newsbot", "crawl", spider, *args]
    name = f"{spider}-{uuid.uuid4().hex[:6]}"
    out_path, err_path = folder / f"{name}.out", folder / f"{name}.err"
    started = time.monotonic()
    killed = None
    with out_path.open("w") as out, err_path.open("w") as err:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err)
        peak = 0
        while True:
            peak = max(peak, memory_bytes(process.pid, "VmHWM"))
            pid, status, _usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if memory_bytes(process.pid, "VmRSS") > rss_limit:
                killed = "memory"
            elif time.monotonic() - started > timeout:
                killed = "time"
            if killed:
                os.kill(process.pid, signal.SIGKILL)
                pid, status, _usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.25)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    return Measured(
        returncode=process.returncode,
        stdout=out_path.read_text(encoding="utf-8", errors="replace"),
        stderr=err_path.read_text(encoding="utf-8", errors="replace"),
        peak_rss=peak,  # read every 0.25 s until the end: what grows in the last quarter second is not seen
        seconds=time.monotonic() - started,
        killed=killed,
    )


def settings_args(values: dict[str, Any]) -> list[str]:
    return [argument for name, value in values.items() for argument in ("-s", f"{name}={value}")]


def last_run_stats(database: Path) -> tuple[str, dict[str, Any]]:
    reason, stats = rows(database, "SELECT finish_reason, stats_json FROM crawl_runs ORDER BY rowid DESC LIMIT 1")[0]
    return reason, json.loads(stats)


def article_paths(server: LocalServer) -> list[str]:
    return [path for path in server.requests if path.startswith("/article/")]


# -- an endless site ----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.timeout(900)  # 5000 pages: ~50 s on an idle 2-core machine, several times that on a busy one
def test_an_endless_site_ends_by_itself_at_default_settings_under_500_mib(tmp_path: Path) -> None:
    database = tmp_path / "endless.db"
    with LocalServer() as server:
        endless_site(server, links=100)
        crawl = measured_crawl(
            tmp_path,
            *settings_args({**LOCAL, "NEWSBOT_BASE_URL": server.base_url, "NEWSBOT_SQLITE_PATH": database}),
            timeout=840,
        )
        fetched = article_paths(server)
    site = server.base_url.removeprefix("http://")
    assert crawl.killed is None, f"killed for its {crawl.killed} after {crawl.seconds:.0f} s, {len(fetched)} articles"
    assert crawl.peak_rss < RSS_LIMIT, f"peak RSS {crawl.peak_rss / MiB:.0f} MiB"
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr[-3000:]
    reason, stats = last_run_stats(database)
    assert reason == "finished"
    assert stats[f"newsbot/budget/pages/{site}"] == 5000  # the default budget, every page of it
    assert len(fetched) == len(set(fetched)) <= 5000 - 9  # the 9 start pages counted too
    assert stats["newsbot/skipped/page_budget"] > 10_000  # what two hops of 100 links a page offered
    assert stats["newsbot/run/bounds_reached"].startswith("page budget (NEWSBOT_MAX_PAGES_PER_SITE=5000)")
    summary = crawl.stdout.splitlines()
    assert summary[0] == "newsbot crawl: trtworld OK (exit 0: ok)"
    assert any(
        line.startswith("  bounds reached (the crawl ended normally, some links were not followed): page budget")
        and f"spent by 1 site: {site} (" in line
        for line in summary
    ), crawl.stdout
    assert "finish reason: finished" in crawl.stdout
    assert crawl.stderr.count(f"Page budget spent for site {site}") == 1  # one line, not one per link
    print(f"endless site: peak RSS {crawl.peak_rss / MiB:.0f} MiB, {crawl.seconds:.0f} s, {len(fetched)} articles")


# -- a site of known size: the budget is exact, and a crawl within it is not cut ----------------


def small_site(server: LocalServer) -> int:
    """A hub on the start pages, 10 articles it links, 2 more under each: 31 articles (40 pages with the 9 start
    pages). Returns the number of articles."""
    pages = StoryPages(seed=17)
    hub = pages.new_id()
    children = [pages.new_id() for _ in range(10)]
    for child in children:
        grandchildren = [pages.new_id() for _ in range(2)]
        for grandchild in grandchildren:
            pages.add(grandchild)
        pages.add(child, grandchildren)
    pages.add(hub, children)
    for article_id in pages.site.articles:
        server.answers[f"/article/{article_id}"] = pages.page(article_id, server.base_url)
    start_pages(server, home=[hub], rss=[hub])
    return len(pages.site.articles)


def crawl_small_site(folder: Path, budget: int) -> tuple[Measured, set[str], dict[str, Any]]:
    database = folder / f"small-{budget}.db"
    with LocalServer() as server:
        size = small_site(server)
        assert size == 31
        values = {**LOCAL, "NEWSBOT_BASE_URL": server.base_url, "NEWSBOT_SQLITE_PATH": database}
        crawl = measured_crawl(folder, *settings_args({**values, "NEWSBOT_MAX_PAGES_PER_SITE": budget}), timeout=120)
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr[-3000:]
    stored = {url.removeprefix(server.base_url) for (url,) in rows(database, "SELECT canonical_url FROM articles")}
    return crawl, stored, last_run_stats(database)[1]


@pytest.mark.slow
def test_a_crawl_within_its_budget_stores_what_it_stores_without_one_and_one_page_less_cuts_one(
    tmp_path: Path,
) -> None:
    _, everything, _ = crawl_small_site(tmp_path, 0)
    assert len(everything) == 31
    exact, stored, stats = crawl_small_site(tmp_path, 40)  # 9 start pages + 31 articles
    assert stored == everything
    assert not any(key.startswith("newsbot/skipped/") for key in stats) and "newsbot/run/bounds_reached" not in stats
    assert "bounds reached" not in exact.stdout
    short, fewer, stats = crawl_small_site(tmp_path, 39)
    assert len(fewer) == 30 and fewer < everything
    assert stats["newsbot/skipped/page_budget"] >= 1 and stats["finish_reason"] == "finished"
    assert "bounds reached" in short.stdout and short.stdout.startswith("newsbot crawl: trtworld OK (exit 0: ok)")


# -- news: one budget per site ---------------------------------------------------------------


@pytest.mark.slow
def test_in_a_news_crawl_the_budget_of_one_site_does_not_cut_another(tmp_path: Path) -> None:
    second = SecondSite(seed=0, count=80)
    with serve_second(second) as calm, LocalServer() as endless:
        endless_site(endless, links=100)
        sites = tmp_path / "sites.txt"
        sites.write_text(f"{calm.base_url}/\n{endless.base_url}/\n", encoding="utf-8")
        alone_db, both_db = tmp_path / "alone.db", tmp_path / "both.db"
        common = {**LOCAL, "NEWSBOT_MAX_PAGES_PER_SITE": 150}
        alone = measured_crawl(
            tmp_path, "-a", f"site={calm.base_url}/", *settings_args({**common, "NEWSBOT_SQLITE_PATH": alone_db}),
            spider="news", timeout=180,
        )  # fmt: skip
        both = measured_crawl(
            tmp_path, "-a", f"sites={sites}", *settings_args({**common, "NEWSBOT_SQLITE_PATH": both_db}),
            spider="news", timeout=180,
        )  # fmt: skip
        endless_fetched = len(endless.requests)
    assert alone.returncode == 0, alone.stdout + alone.stderr[-3000:]
    assert both.returncode == 0, both.stdout + both.stderr[-3000:]
    calm_site, endless_site_key = calm.base_url.removeprefix("http://"), endless.base_url.removeprefix("http://")
    _, alone_stats = last_run_stats(alone_db)
    _, stats = last_run_stats(both_db)
    assert 0 < alone_stats[f"newsbot/budget/pages/{calm_site}"] < 150  # within its budget
    assert stats[f"newsbot/budget/pages/{endless_site_key}"] == 150 and endless_fetched <= 151  # + robots.txt
    assert stats[f"newsbot/skipped/page_budget/{endless_site_key}"] > 0
    assert f"newsbot/skipped/page_budget/{calm_site}" not in stats
    assert stats[f"newsbot/budget/pages/{calm_site}"] == alone_stats[f"newsbot/budget/pages/{calm_site}"]

    def calm_articles(database: Path) -> set[str]:
        found = rows(database, "SELECT canonical_url FROM articles UNION SELECT url FROM duplicates")
        return {url for (url,) in found if url.startswith(calm.base_url)}

    assert calm_articles(both_db) == calm_articles(alone_db) and len(calm_articles(alone_db)) > 50


# -- the shared frontier: one budget for the whole run ---------------------------------------


@pytest.fixture()
def redis_prefix() -> Iterator[str]:
    with own_key_prefix("budget") as name:
        yield name


@pytest.mark.slow
def test_workers_of_a_shared_frontier_share_one_budget_per_site(tmp_path: Path, redis_prefix: str) -> None:
    budget = 300  # at 10 pages/s a worker at most, the run lasts 15 s or more: both workers get a share
    with LocalServer() as server:
        endless_site(server, links=100)
        values = {
            **LOCAL, "NEWSBOT_BASE_URL": server.base_url, "NEWSBOT_SQLITE_PATH": "", "NEWSBOT_REDIS_URL": REDIS_URL,
            "NEWSBOT_REDIS_KEY_PREFIX": redis_prefix, "NEWSBOT_REDIS_IDLE_SECONDS": 3,
            "NEWSBOT_REDIS_LEASE_SECONDS": 10, "NEWSBOT_MAX_PAGES_PER_SITE": budget,
            "DOWNLOAD_DELAY": 0.1, "CONCURRENT_REQUESTS": 4,  # paced: a worker started a few seconds later works too
        }  # fmt: skip
        command = [sys.executable, "-m", "newsbot", "crawl", "trtworld", *settings_args(values)]
        logs = [tmp_path / f"worker-{n}.log" for n in range(2)]
        workers = []
        for log in logs:
            with log.open("w") as handle:
                workers.append(subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=handle))
        try:
            codes = [worker.wait(timeout=90) for worker in workers]
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.kill()
                    worker.wait(timeout=10)
        fetched = article_paths(server)
    texts = [log.read_text(encoding="utf-8", errors="replace") for log in logs]
    assert codes == [0, 0], "\n\n".join(text[-2500:] for text in texts)
    site = server.base_url.removeprefix("http://")
    counted = [int(stat_value(text, f"newsbot/budget/pages/{site}") or 0) for text in texts]
    # Both fetched pages from the shared queue (more than their own robots.txt), and every article a
    # worker parses links 100 new ones: with a budget of each worker's own, the second would have
    # queued up to 300 more. The first may spend the whole budget on its first three articles, so
    # one worker's own count may be 0.
    downloads = [int(stat_value(text, "downloader/response_count") or 0) for text in texts]
    assert all(count > 1 for count in downloads), downloads
    assert sum(counted) == budget, counted  # together, exactly the budget
    assert len(fetched) == len(set(fetched)) <= budget - 9  # the 9 start pages, seeded once, counted too
    assert any(stat_value(text, "newsbot/skipped/page_budget") for text in texts)


def stat_value(log: str, name: str) -> str | None:
    """A value of the stats dump a crawl logged when it closed (``None``: not in it)."""
    found = re.search(rf"'{re.escape(name)}': ([^,\n]+)", log)
    return found.group(1).strip().strip("'") if found else None
