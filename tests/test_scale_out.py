"""Scaling out end to end: ``python -m newsbot crawl trtworld`` started three times on one Redis and one PostgreSQL.

The workers crawl a generated replica of 1,600 articles with wire-copy clusters and must end
with what one SQLite crawl of the same replica stores: the same pages seen, as many articles,
every story (an original and its copies, by the replica's own ground truth) stored once, no
article page fetched twice (the replica's request log), and every worker doing part of the work.
Needs PostgreSQL and Redis on 127.0.0.1 (``.ci/run`` starts them); fails when they don't answer.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from dedup_outcome import Outcome, story_of
from schedule_support import LOCAL, run_crawl, start_crawl, stop, wait_for
from services import REDIS_URL, postgres_schema, redis_prefix

from newsbot.sample_site import RunningServer
from newsbot.storage.readonly import read_rows

ARTICLES = 1600
SEED = 11  # 47 wire copies
#: Subprocess crawls and servers (a quick pass skips them: `pytest -m "not slow"`); the size of generated_replica.
pytestmark = [pytest.mark.slow, pytest.mark.replica(articles=ARTICLES, seed=SEED)]
WORKERS = 3


@pytest.fixture(scope="module")
def stories(generated_replica: RunningServer) -> dict[str, str]:
    return story_of(generated_replica.site, generated_replica.base_url)


@pytest.fixture(scope="module")
def one_crawl(
    generated_replica: RunningServer, stories: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Outcome:
    """The reference: one SQLite crawl of the replica."""
    db = tmp_path_factory.mktemp("one") / "news.db"
    done = run_crawl(
        "-s", f"NEWSBOT_BASE_URL={generated_replica.base_url}", "-s", f"NEWSBOT_SQLITE_PATH={db}", *LOCAL, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    outcome = Outcome.read(db)
    assert outcome.problems(stories) == []
    return outcome


@pytest.fixture()
def prefix() -> Iterator[str]:
    with redis_prefix("scale") as name:
        yield name


def worker_args(server: RunningServer, database: str, prefix: str) -> list[str]:
    return [
        "-s", f"NEWSBOT_BASE_URL={server.base_url}", "-s", f"NEWSBOT_DATABASE_URL={database}", *LOCAL,
        "-s", f"NEWSBOT_REDIS_URL={REDIS_URL}", "-s", f"NEWSBOT_REDIS_KEY_PREFIX={prefix}",
        "-s", "NEWSBOT_REDIS_IDLE_SECONDS=4", "-s", "NEWSBOT_REDIS_LEASE_SECONDS=10",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    ]  # fmt: skip


def start_workers(
    args: list[str], folder: Path, count: int = WORKERS, spider: str = "trtworld"
) -> list[tuple[subprocess.Popen[str], Path]]:
    started = []
    for n in range(count):
        log = folder / f"worker-{n}-{time.monotonic_ns()}.log"
        with log.open("w") as handle:
            started.append((start_crawl(*args, stdout=handle, stderr=subprocess.STDOUT, spider=spider), log))
    return started


def finish(workers: list[tuple[subprocess.Popen[str], Path]], timeout: float = 300) -> list[int]:
    deadline = time.monotonic() + timeout
    codes = []
    for process, log in workers:
        try:
            codes.append(process.wait(timeout=max(1.0, deadline - time.monotonic())))
        except subprocess.TimeoutExpired:
            stop(process, signal.SIGKILL, timeout=10)
            raise AssertionError(f"a worker did not end in time:\n{log.read_text()[-3000:]}") from None
    return codes


def article_fetches(server: RunningServer, before: dict[str, int]) -> Counter[str]:
    now = server.request_counts()
    return Counter(
        {p: n - before.get(p, 0) for p, n in now.items() if p.startswith("/article/") and n > before.get(p, 0)}
    )


def test_three_workers_store_what_one_crawl_stores(
    generated_replica: RunningServer, stories: dict[str, str], one_crawl: Outcome, prefix: str, tmp_path: Path
) -> None:
    with postgres_schema() as database:
        before = generated_replica.request_counts()
        workers = start_workers(worker_args(generated_replica, database, prefix), tmp_path)
        codes = finish(workers)
        logs = [log.read_text() for _, log in workers]
        assert codes == [0] * WORKERS, "\n\n".join(text[-2000:] for text in logs)
        shared = Outcome.read(database)
        assert shared.problems(stories) == []
        assert shared.seen == one_crawl.seen
        assert len(shared.stored) == len(one_crawl.stored) and len(shared.copies) == len(one_crawl.copies)
        fetched = article_fetches(generated_replica, before)
        assert [path for path, n in fetched.items() if n > 1] == []  # no article page fetched twice
        assert len(fetched) >= len(shared.seen) > ARTICLES * 0.9
        runs = read_rows(database, "SELECT run_key, worker, pages, stored, finish_reason FROM crawl_runs ORDER BY id")
        assert len(runs) == WORKERS and len({row[0] for row in runs}) == 1 and runs[0][0] is not None
        assert all(pages > 0 for _, _, pages, _, _ in runs), runs  # every worker did part of the work
        assert sum(stored for _, _, _, stored, _ in runs) == len(shared.stored)
        assert {reason for *_, reason in runs} == {"finished"}
        totals = read_rows(database, "SELECT workers, stored, unfinished FROM crawl_run_totals")
        assert totals == [(WORKERS, len(shared.stored), 0)]
        # the next scheduled run, one worker: incremental, every stored article skipped, nothing new
        before = generated_replica.request_counts()
        again = run_crawl(*worker_args(generated_replica, database, prefix), timeout=300)
        assert again.returncode == 0, again.stdout + again.stderr[-3000:]
        assert "known articles skipped 0" not in again.stdout and "stored 0 (0 new, 0 revised)" in again.stdout
        assert article_fetches(generated_replica, before) == Counter()  # no stored article fetched again
        assert Outcome.read(database) == shared


def test_a_killed_worker_loses_nothing_and_the_next_run_fetches_what_it_held(
    generated_replica: RunningServer, stories: dict[str, str], one_crawl: Outcome, prefix: str, tmp_path: Path
) -> None:
    with postgres_schema() as database:
        args = worker_args(generated_replica, database, prefix)
        workers = start_workers(args, tmp_path)
        victim, _ = workers[0]

        def stored_some() -> bool:
            try:
                return read_rows(database, "SELECT COUNT(*) FROM articles")[0][0] >= 200
            except Exception:
                return False

        assert wait_for(stored_some, timeout=120, interval=0.5)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
        assert finish(workers[1:]) == [0] * (WORKERS - 1)
        first = Outcome.read(database)
        assert first.problems(stories) == []  # nothing stored twice, even with one worker killed
        # the next scheduled run: what the killed worker held (in flight, in its open batch) is fetched
        done = run_crawl(*args, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr[-3000:]
        assert "Recovery run" in done.stdout + done.stderr  # the killed worker's run never ended
        final = Outcome.read(database)
        assert final.problems(stories) == []
        assert final.seen == one_crawl.seen and len(final.stored) == len(one_crawl.stored)
        runs = read_rows(database, "SELECT run_key, finished_at IS NULL FROM crawl_runs ORDER BY id")
        assert sum(bool(unfinished) for _, unfinished in runs) == 1 and len({key for key, _ in runs}) == 2
        assert json.loads(read_rows(database, "SELECT stats_json FROM crawl_runs ORDER BY id DESC LIMIT 1")[0][0])
