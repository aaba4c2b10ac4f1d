"""The shared frontier on Redis (newsbot.frontier): several ``python -m newsbot crawl`` workers, one queue.

Needs the Redis server on 127.0.0.1:6379 (``.ci/run`` starts it): every test that talks to it
FAILS when it does not answer. Each test uses its own key prefix (``NEWSBOT_REDIS_KEY_PREFIX``)
and deletes its keys afterwards. The crawls run with storage off (``NEWSBOT_SQLITE_PATH=``: the
SQLite store has one writer); the replica's request log says which pages were fetched, and each
worker's stats dump (stderr) says what it did.
"""

from __future__ import annotations

import asyncio
import json
import re
import signal
import subprocess
import time
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from schedule_support import LOCAL, ROOT, crawl_command, free_port, run_crawl, start_crawl, stop, wait_for
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from newsbot.frontier import RunLedger, connect, masked_url, queue_length
from newsbot.frontier.__main__ import main as frontier_status
from newsbot.frontier.addon import SharedFrontier
from newsbot.frontier.idle import IdleClock
from newsbot.frontier.runs import Membership
from newsbot.frontier.seeding import SeedOncePerRun
from newsbot.frontier.shared_scheduler import SharedFrontierScheduler
from newsbot.sample_site import SampleSite, serve
from newsbot.sample_site.server import RunningServer
from newsbot.settings_check import validate_settings

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

REDIS_URL = "redis://127.0.0.1:6379/0"
START_PAGES = ("/feed/rss.xml", "/", "/politics", "/opinion")


@pytest.fixture()
def client() -> Iterator[redis.Redis]:
    server = connect(REDIS_URL)
    try:
        server.ping()
    except redis.RedisError as error:
        pytest.fail(f"these tests need Redis on 127.0.0.1:6379 ({error}); start it (`redis-server`) and rerun")
    yield server
    server.close()


@pytest.fixture()
def prefix(client: redis.Redis) -> Iterator[str]:
    """A key prefix of this test alone; its keys are deleted afterwards."""
    name = f"newsbot-test-{uuid.uuid4().hex[:10]}"
    yield name
    keys = list(client.scan_iter(match=f"{name}:*", count=1000))
    if keys:
        client.delete(*keys)


def keys_of(client: redis.Redis, prefix: str) -> list[str]:
    return sorted(key.decode() for key in client.scan_iter(match=f"{prefix}:*", count=1000))


#: Workers started together do not start at the same instant (a second or two apart on a busy
#: machine); at the replica's full speed the first one would fetch everything before the last one
#: opens. Paced (20 pages/s a worker, at most 4 requests held each), every worker gets a share.
PACED = ("-s", "DOWNLOAD_DELAY=0.05", "-s", "CONCURRENT_REQUESTS=4")


def worker_args(base_url: str, prefix: str, *extra: str, idle: float = 3, lease: float = 10) -> list[str]:
    return [
        "-s", f"NEWSBOT_BASE_URL={base_url}", "-s", "NEWSBOT_SQLITE_PATH=", *LOCAL,
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s", f"NEWSBOT_REDIS_URL={REDIS_URL}", "-s", f"NEWSBOT_REDIS_KEY_PREFIX={prefix}",
        "-s", f"NEWSBOT_REDIS_IDLE_SECONDS={idle}", "-s", f"NEWSBOT_REDIS_LEASE_SECONDS={lease}", *extra,
    ]  # fmt: skip


def stat(log: str, name: str) -> str | None:
    """A value of the stats dump a worker logged when it closed (``None``: not in it)."""
    found = re.search(rf"'{re.escape(name)}': ([^,\n]+)", log)
    return found.group(1).strip().strip("'") if found else None


def error_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if "] ERROR: " in line and "[Spidermon]" not in line]


def article_fetches(server: RunningServer) -> dict[str, int]:
    return {path: n for path, n in server.request_counts().items() if path.startswith("/article/")}


class Workers:
    """Worker processes started together, each logging to its own file."""

    def __init__(self, folder: Path, args: list[str], count: int, spider: str = "trtworld") -> None:
        self.logs = [folder / f"worker-{n}.log" for n in range(count)]
        self.processes: list[subprocess.Popen[str]] = []
        for log in self.logs:
            with log.open("w") as handle:
                command = crawl_command(*args, spider=spider)
                self.processes.append(subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=handle))

    def wait(self, timeout: float) -> list[int]:
        deadline = time.monotonic() + timeout
        return [process.wait(timeout=max(1.0, deadline - time.monotonic())) for process in self.processes]

    def log(self, n: int) -> str:
        return self.logs[n].read_text(encoding="utf-8", errors="replace")

    def stop_all(self) -> None:
        for process in self.processes:
            stop(process, signal.SIGKILL, timeout=10)


@pytest.fixture()
def site() -> Iterator[RunningServer]:
    with serve(SampleSite.generate(articles=300, seed=5)) as server:
        yield server


# -- the run ledger (Lua scripts against the real Redis) --------------------------------------


def test_the_first_worker_seeds_the_others_join_and_the_last_to_leave_ends_the_run(
    client: redis.Redis, prefix: str
) -> None:
    ledger = RunLedger(client, prefix, "trtworld", lease_seconds=30)
    first, second = ledger.join("a:1"), ledger.join("b:2")
    assert first.seeder and not second.seeder and first.run == second.run and first.abandoned is None
    assert ledger.current() == first.run and ledger.seeding(first.run)
    assert ledger.mark_seeded(first.run) and not ledger.seeding(first.run)
    client.zadd(ledger.key(first.run, "queue"), {b"request": 0})
    client.sadd(ledger.key(first.run, "seen"), "fingerprint")
    assert queue_length(client, "trtworld", prefix) == 1
    status = ledger.status()
    assert status is not None and status.workers == ("a:1", "b:2") and status.seeder == "a:1" and status.seeded
    assert (status.queued, status.seen) == (1, 1)
    assert ledger.heartbeat(first.run, "a:1")  # renews every key of the run: a dead run expires by itself
    assert all(0 < client.pttl(key) <= 30_000 for key in keys_of(client, prefix)) and len(keys_of(client, prefix)) == 5

    assert ledger.leave(first.run, "a:1") is False and ledger.current() == first.run
    assert ledger.leave(second.run, "b:2") is True
    assert keys_of(client, prefix) == [] and queue_length(client, "trtworld", prefix) == 0
    assert ledger.heartbeat(first.run, "a:1") is False  # a late worker learns that its run is gone
    again = ledger.join("c:3")
    assert again.seeder and again.run != first.run


def test_a_run_whose_workers_all_died_is_replaced_by_a_new_one(client: redis.Redis, prefix: str) -> None:
    ledger = RunLedger(client, prefix, "trtworld", lease_seconds=30)
    dead = ledger.join("killed:1")
    client.zadd(ledger.key(dead.run, "queue"), {b"old request": 0})
    client.zadd(ledger.key(dead.run, "workers"), {"killed:1": 1})  # its lease ran out long ago
    assert not ledger.seeding(dead.run)  # a dead seeder keeps nobody waiting
    fresh = ledger.join("new:2")
    assert fresh.seeder and fresh.abandoned == dead.run and fresh.run != dead.run
    assert ledger.queued(fresh.run) == 0 and not client.exists(ledger.key(dead.run, "queue"))

    short = RunLedger(client, prefix, "other", lease_seconds=0.001)  # a lease of 1 ms: the whole run expires
    gone = short.join("killed:2")
    time.sleep(0.05)
    assert short.current() is None and keys_of(client, f"{prefix}:other") == []
    joined = short.join("new:3")  # a new run (itself gone 1 ms later: compare what join said, not the ledger)
    assert joined.seeder and joined.run and joined.run != gone.run and joined.abandoned is None


def test_a_run_winding_down_is_left_to_its_workers_and_a_newcomer_starts_the_next_one(
    client: redis.Redis, prefix: str
) -> None:
    ledger = RunLedger(client, prefix, "trtworld", lease_seconds=30)
    old = ledger.join("a:1").run
    ledger.join("b:2")
    client.zadd(ledger.key(old, "queue"), {b"request": 0})
    assert ledger.join("c:3") == Membership(old, seeder=False)  # seeding not done yet: a consumer
    ledger.mark_seeded(old)
    assert ledger.set_idle(old, "a:1", True) and ledger.set_idle(old, "b:2", True)
    assert ledger.join("d:4") == Membership(old, seeder=False)  # c:3 still works
    assert ledger.set_idle(old, "c:3", True) and ledger.set_idle(old, "d:4", True)
    assert ledger.join("e:5") == Membership(old, seeder=False)  # the queue still holds a request
    client.delete(ledger.key(old, "queue"))
    assert ledger.set_idle(old, "e:5", True)
    fresh = ledger.join("f:6")  # seeded, queue empty, every worker idle: the run is winding down
    assert fresh.seeder and fresh.replaced == old and fresh.run != old and ledger.current() == fresh.run
    assert all(ledger.heartbeat(old, worker) for worker in ("a:1", "b:2"))  # the old run's workers finish it
    for worker in ("a:1", "b:2", "c:3", "d:4"):
        assert not ledger.leave(old, worker)
    assert ledger.leave(old, "e:5") and ledger.current() == fresh.run  # the old run ended, the new one goes on
    fresh_keys = [ledger.current_key, ledger.key(fresh.run, "info"), ledger.key(fresh.run, "workers")]
    assert keys_of(client, prefix) == sorted(fresh_keys)


def test_a_leaving_worker_drops_expired_leases_and_ends_the_run(client: redis.Redis, prefix: str) -> None:
    ledger = RunLedger(client, prefix, "trtworld", lease_seconds=30)
    run = ledger.join("alive:1").run
    client.zadd(ledger.key(run, "workers"), {"killed:2": 1})  # a lease that ran out long ago
    assert ledger.leave(run, "alive:1") is True and keys_of(client, prefix) == []


def test_the_idle_clock_counts_from_the_first_empty_look_and_restarts_on_work() -> None:
    now = [100.0]
    clock = IdleClock(5, clock=lambda: now[0])
    assert clock.empty_for() == 0 and not clock.expired()
    now[0] = 104.0
    assert not clock.expired()
    clock.busy()
    now[0] = 108.0
    assert clock.empty_for() == 0
    now[0] = 113.0
    assert clock.expired()


def test_the_redis_url_is_logged_without_its_password() -> None:
    assert masked_url("redis://user:s3cret@cache:6379/0") == "redis://***@cache:6379/0"
    assert masked_url("redis://:s3cret@cache/2") == "redis://***@cache/2"
    assert masked_url("redis://cache:6379/0") == "redis://cache:6379/0"


# -- configuration ---------------------------------------------------------------------------


def test_the_addon_changes_nothing_without_a_redis_url_and_switches_the_scheduler_with_one() -> None:
    settings = get_project_settings()
    SharedFrontier().update_settings(settings)
    assert settings["SCHEDULER"] == "newsbot.frontier.local_scheduler.ResumeSafeScheduler"
    assert SeedOncePerRun not in settings.getdict("SPIDER_MIDDLEWARES")

    settings = get_project_settings()
    settings.set("NEWSBOT_REDIS_URL", REDIS_URL, priority="cmdline")
    SharedFrontier().update_settings(settings)
    assert settings["SCHEDULER"] is SharedFrontierScheduler  # over the project's own SCHEDULER
    assert settings["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert settings.getbool("SCHEDULER_PERSIST")
    assert settings.getdict("SPIDER_MIDDLEWARES")[SeedOncePerRun] == min(
        order for order in settings.getwithbase("SPIDER_MIDDLEWARES").values() if order is not None
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"NEWSBOT_REDIS_URL": "http://cache:6379"}, "NEWSBOT_REDIS_URL='http://cache:6379': expected empty, or a"),
        ({"NEWSBOT_REDIS_URL": "redis://cache:port/0"}, "NEWSBOT_REDIS_URL='redis://cache:port/0'"),
        ({"NEWSBOT_REDIS_URL": "redis://cache/zero"}, "NEWSBOT_REDIS_URL='redis://cache/zero'"),
        ({"NEWSBOT_REDIS_URL": "redis://cache/0?socket_timeout=x"}, "NEWSBOT_REDIS_URL='redis://cache/0?socket_"),
        ({"NEWSBOT_REDIS_URL": "unix:///run/redis.sock?db=one"}, "NEWSBOT_REDIS_URL='unix:///run/redis.sock?db=one'"),
        ({"NEWSBOT_REDIS_IDLE_SECONDS": "-1"}, "NEWSBOT_REDIS_IDLE_SECONDS='-1': expected a number >= 0"),
        ({"NEWSBOT_REDIS_LEASE_SECONDS": "0.5"}, "NEWSBOT_REDIS_LEASE_SECONDS='0.5': expected a number >= 1"),
        ({"NEWSBOT_REDIS_URL": REDIS_URL, "JOBDIR": "jobs"}, "JOBDIR='jobs' with NEWSBOT_REDIS_URL set"),
    ],
)
def test_bad_frontier_settings_are_named(values: dict[str, str], expected: str) -> None:
    problems = validate_settings(Settings(values))
    assert len(problems) == 1 and problems[0].startswith(expected), problems


def test_good_frontier_settings_pass() -> None:
    for url in ("", REDIS_URL, "rediss://user:pw@cache.example:6380", "unix:///run/redis.sock?db=1"):
        assert validate_settings(Settings({"NEWSBOT_REDIS_URL": url, "NEWSBOT_REDIS_IDLE_SECONDS": "0"})) == []


def test_a_jobdir_with_a_shared_frontier_exits_2_before_anything_starts(tmp_path: Path) -> None:
    done = run_crawl(*worker_args("http://127.0.0.1:1", "unused"), "--jobdir", str(tmp_path / "jobs"), timeout=60)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "JOBDIR=" in done.stderr and "NEWSBOT_REDIS_URL set" in done.stderr
    assert not (tmp_path / "jobs").exists()


# -- workers crawling the replica -------------------------------------------------------------


def test_three_workers_share_one_queue_each_page_is_fetched_once_and_all_exit_0(
    client: redis.Redis, prefix: str, site: RunningServer, tmp_path: Path
) -> None:
    workers = Workers(tmp_path, worker_args(site.base_url, prefix, *PACED), 3)
    try:
        codes = workers.wait(timeout=55)
    finally:
        workers.stop_all()
    logs = [workers.log(n) for n in range(3)]
    assert codes == [0, 0, 0], "\n\n".join(log[-2500:] for log in logs)

    fetched = article_fetches(site)
    assert len(fetched) == len(site.site.articles)  # the whole site...
    assert max(fetched.values()) == 1, {path: n for path, n in fetched.items() if n > 1}  # ...each page once
    assert all(site.request_counts().get(path) == 1 for path in START_PAGES)  # start pages: seeded once

    assert sorted(stat(log, "newsbot/frontier/seeded") for log in logs) == ["0", "0", "1"]
    assert len({stat(log, "newsbot/frontier/run") for log in logs}) == 1  # one run
    assert len({stat(log, "newsbot/frontier/worker") for log in logs}) == 3
    articles = [int(stat(log, "newsbot/spider/articles") or 0) for log in logs]
    assert all(n > 0 for n in articles) and sum(articles) == len(fetched), articles  # every worker did a part
    assert sorted(stat(log, "newsbot/frontier/ended_run") for log in logs) == ["0", "0", "1"]
    assert all(stat(log, "newsbot/frontier/idle_exit") for log in logs)
    assert all(error_lines(log) == [] and "Traceback" not in log for log in logs)
    assert keys_of(client, prefix) == []  # the last worker ended the run


def test_any_spider_shares_the_frontier_the_news_spider_too(client: redis.Redis, prefix: str, tmp_path: Path) -> None:
    with serve(SampleSite.generate(articles=150, seed=7)) as server:
        args = worker_args(server.base_url, prefix, *PACED, "-a", f"site={server.base_url}")
        workers = Workers(tmp_path, args, 2, "news")
        try:
            codes = workers.wait(timeout=55)
        finally:
            workers.stop_all()
        fetched = article_fetches(server)
    logs = [workers.log(n) for n in range(2)]
    assert codes == [0, 0], "\n\n".join(log[-2500:] for log in logs)
    assert len(fetched) == 150 and max(fetched.values()) == 1
    assert sorted(stat(log, "newsbot/frontier/seeded") for log in logs) == ["0", "1"]
    assert all(int(stat(log, "item_scraped_count") or 0) > 0 for log in logs)
    assert keys_of(client, prefix) == []


def test_the_next_run_seeds_again_with_a_fresh_seen_set(client: redis.Redis, prefix: str, tmp_path: Path) -> None:
    with serve(SampleSite.demo()) as server:
        first = run_crawl(*worker_args(server.base_url, prefix, idle=1), timeout=55)
        assert first.returncode == 0, first.stderr[-3000:]
        after_first = article_fetches(server)
        assert keys_of(client, prefix) == []
        second = run_crawl(*worker_args(server.base_url, prefix, idle=1), timeout=55)
        assert second.returncode == 0, second.stderr[-3000:]
        after_second = article_fetches(server)
    assert stat(first.stderr, "newsbot/frontier/seeded") == stat(second.stderr, "newsbot/frontier/seeded") == "1"
    assert stat(first.stderr, "newsbot/frontier/run") != stat(second.stderr, "newsbot/frontier/run")
    # the second run fetched every article of the first again: its seen-set started empty
    assert after_first and after_second == {path: 2 * n for path, n in after_first.items()}
    assert server.request_counts()["/feed/rss.xml"] == 2


def test_a_worker_started_in_the_idle_tail_of_a_run_starts_the_next_run(
    client: redis.Redis, prefix: str, tmp_path: Path
) -> None:
    ledger = RunLedger(client, prefix, "trtworld")

    def winding_down() -> bool:
        status = ledger.status()
        return status is not None and status.seeded and status.queued == 0 and set(status.workers) == set(status.idle)

    with serve(SampleSite.demo()) as server:
        late = Workers(tmp_path, worker_args(server.base_url, prefix, idle=8), 1)
        try:
            assert wait_for(winding_down, timeout=40)  # the crawl is done, the worker waits out its idle time
            tail_of = ledger.current()
            first = article_fetches(server)
            next_run = run_crawl(*worker_args(server.base_url, prefix, idle=1), timeout=55)
            codes = late.wait(timeout=30)
        finally:
            late.stop_all()
        assert next_run.returncode == 0 and codes == [0], next_run.stderr[-3000:] + late.log(0)[-3000:]
        assert stat(next_run.stderr, "newsbot/frontier/replaced") == tail_of
        assert stat(next_run.stderr, "newsbot/frontier/seeded") == "1"
        assert stat(next_run.stderr, "newsbot/frontier/run") != tail_of == stat(late.log(0), "newsbot/frontier/run")
        assert article_fetches(server) == {path: 2 * n for path, n in first.items()}  # a whole new run
    assert keys_of(client, prefix) == []


def test_redis_unreachable_at_start_exits_8_with_one_error_line(site: RunningServer) -> None:
    url = f"redis://newsbot:s3cret@127.0.0.1:{free_port()}/0"
    args = worker_args(site.base_url, "unused")
    args[args.index(f"NEWSBOT_REDIS_URL={REDIS_URL}")] = f"NEWSBOT_REDIS_URL={url}"
    done = run_crawl(*args, timeout=55)
    output = done.stdout + done.stderr
    assert done.returncode == 8, output[-3000:]
    assert "finish reason: storage_unavailable" in done.stdout
    errors = error_lines(done.stderr)
    assert len(errors) == 1 and masked_url(url) in errors[0] and "Redis unreachable" in errors[0], errors
    assert "s3cret" not in output and "Traceback" not in output
    assert article_fetches(site) == {}


def test_redis_lost_mid_crawl_exits_8_with_one_error_line(site: RunningServer, tmp_path: Path) -> None:
    port = free_port()
    own_redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        assert wait_for(lambda: _answers(f"redis://127.0.0.1:{port}/0"), timeout=10), "redis-server did not start"
        args = worker_args(site.base_url, "lost", "-s", "DOWNLOAD_DELAY=0.05", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2")
        args[args.index(f"NEWSBOT_REDIS_URL={REDIS_URL}")] = f"NEWSBOT_REDIS_URL=redis://127.0.0.1:{port}/0"
        log = tmp_path / "worker.log"
        with log.open("w") as handle:
            worker = start_crawl(*args, stdout=subprocess.PIPE, stderr=handle)
        try:
            assert wait_for(lambda: len(article_fetches(site)) >= 20, timeout=40)
            stop(own_redis, signal.SIGKILL, timeout=10)
            out, _ = worker.communicate(timeout=50)
        finally:
            stop(worker, signal.SIGKILL, timeout=10)
    finally:
        stop(own_redis, signal.SIGKILL, timeout=10)
    text = log.read_text()
    assert worker.returncode == 8, out + text[-3000:]
    assert "finish reason: storage_unavailable" in out
    errors = error_lines(text)
    assert len(errors) == 1 and f"redis://127.0.0.1:{port}/0" in errors[0], errors
    assert "Traceback" not in text
    assert len(article_fetches(site)) < len(site.site.articles)


def test_a_run_gone_from_redis_mid_crawl_exits_8_and_leaves_no_key(
    client: redis.Redis, prefix: str, site: RunningServer, tmp_path: Path
) -> None:
    workers = Workers(tmp_path, worker_args(site.base_url, prefix, *PACED, lease=4), 1)
    try:
        assert wait_for(lambda: len(article_fetches(site)) >= 20, timeout=40)
        client.delete(*keys_of(client, prefix))  # as if Redis restarted without persistence
        codes = workers.wait(timeout=30)
    finally:
        workers.stop_all()
    log = workers.log(0)
    assert codes == [8], log[-3000:]
    errors = error_lines(log)
    assert len(errors) == 1 and "is gone from Redis at redis://127.0.0.1:6379/0" in errors[0], errors
    assert "Traceback" not in log and "'finish_reason': 'storage_unavailable'" in log
    assert keys_of(client, prefix) == []  # what it queued after the loss was removed, not left without expiry


def _answers(url: str) -> bool:
    probe = connect(url)
    try:
        return bool(probe.ping())
    except redis.RedisError:
        return False
    finally:
        probe.close()


def test_a_killed_worker_does_not_stop_the_others_nor_keep_the_run_alive(
    client: redis.Redis, prefix: str, site: RunningServer, tmp_path: Path
) -> None:
    lease = 4
    args = worker_args(site.base_url, prefix, *PACED, lease=lease)
    workers = Workers(tmp_path, args, 3)
    try:
        assert wait_for(lambda: len(article_fetches(site)) >= 40, timeout=40)
        victim = workers.processes[1]
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
        codes = workers.wait(timeout=50)
    finally:
        workers.stop_all()
    survivors = [workers.log(0), workers.log(2)]
    assert codes[1] == -signal.SIGKILL and codes[0] == codes[2] == 0, "\n\n".join(log[-2500:] for log in survivors)
    fetched = article_fetches(site)
    assert max(fetched.values()) == 1  # nothing fetched twice in the run, the killed worker's pages included
    # what the killed worker held when it died is lost for this run only; the others crawled on
    assert len(fetched) > 40 and all(int(stat(log, "newsbot/spider/articles") or 0) > 0 for log in survivors)
    # its lease runs out: the run's keys are gone one lease later at most, so the next start is a new run
    assert wait_for(lambda: keys_of(client, prefix) == [], timeout=lease + 3)


# -- scrapy-redis against the pinned Scrapy, in this process ------------------------------------


class PlainSpider(Spider):
    name = "plain"


def test_scrapy_redis_scheduler_and_dupefilter_work_with_a_plain_spider_and_only_their_known_warning(
    client: redis.Redis, prefix: str
) -> None:
    settings = {"NEWSBOT_REDIS_URL": REDIS_URL, "NEWSBOT_REDIS_KEY_PREFIX": prefix, "ADDONS": {SharedFrontier: 0}}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every warning fails the test...
        warnings.filterwarnings(  # ...but scrapy-redis 0.9.1's own, about Scrapy 2.19's stats API
            "ignore",
            message=r"Passing a 'spider' argument to StatsCollector\.inc_value\(\) is deprecated",
            category=ScrapyDeprecationWarning,
            module=r"scrapy_redis\.",
        )
        crawler = get_crawler(PlainSpider, settings)
        assert crawler.settings["SCHEDULER"] is SharedFrontierScheduler
        crawler.spider = crawler._create_spider()
        asyncio.run(exercise_scheduler(crawler, client, prefix))  # the heartbeat needs a running loop
    stats = crawler.stats.get_stats()
    assert stats["newsbot/frontier/seeded"] == 1 and stats["newsbot/frontier/ended_run"] == 1
    assert stats["scheduler/enqueued/redis"] == stats["scheduler/dequeued/redis"] == 2
    assert keys_of(client, prefix) == []


async def exercise_scheduler(crawler: Crawler, client: redis.Redis, prefix: str) -> None:
    scheduler = SharedFrontierScheduler.from_crawler(crawler)
    scheduler.open(crawler.spider)
    try:
        assert scheduler.membership is not None and scheduler.membership.seeder
        deep, shallow = Request("http://127.0.0.1/a", priority=-2), Request("http://127.0.0.1/b", priority=0)
        assert scheduler.enqueue_request(deep) and scheduler.enqueue_request(shallow)
        assert not scheduler.enqueue_request(Request("http://127.0.0.1/a#fragment"))  # seen in this run
        assert scheduler.has_pending_requests() and len(scheduler) == 2
        assert queue_length(client, "plain", prefix) == 2
        taken = [scheduler.next_request(), scheduler.next_request()]
        assert [request.url for request in taken if request] == [shallow.url, deep.url]
        assert scheduler.next_request() is None and not scheduler.has_pending_requests()
    finally:
        scheduler.close("finished")


def test_the_status_command_shows_the_run_and_its_queue(
    client: redis.Redis, prefix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["trtworld", "--redis-url", REDIS_URL, "--prefix", prefix]
    assert frontier_status(command) == 1 and "no run of trtworld" in capsys.readouterr().out
    ledger = RunLedger(client, prefix, "trtworld", lease_seconds=30)
    run = ledger.join("a:1").run
    client.zadd(ledger.key(run, "queue"), {b"one": 0, b"two": 1})
    client.sadd(f"{prefix}:trtworld:run:older:seen", "left by a dead run")
    assert frontier_status([*command, "--orphans"]) == 0
    out = capsys.readouterr().out
    assert f"run {run} of trtworld" in out and "workers 1 (0 idle): a:1" in out and "queued 2 | seen 0" in out
    assert f"orphan key {prefix}:trtworld:run:older:seen" in out
    assert frontier_status([*command, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["run"]["queued"] == 2
    assert frontier_status(["trtworld", "--redis-url", f"redis://127.0.0.1:{free_port()}/0"]) == 8
    assert "Redis unreachable at redis://127.0.0.1:" in capsys.readouterr().err
