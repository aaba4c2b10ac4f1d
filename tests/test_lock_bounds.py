"""Bounded lock waits and locks keyed by database (real PostgreSQL and Redis on 127.0.0.1).

- A batch waits at most ``NEWSBOT_LOCK_TIMEOUT_SECONDS`` for the shared dedup lock: halfway a
  WARNING names the holder (``newsbot <host>:<pid> run <run>``, its session's
  ``application_name``), then the batch is given up whole (nothing stored, nothing of it in the
  dedup index) and the crawl ends with exit 8; the next run stores what was given up.
- The crawl lock of a PostgreSQL store is an advisory lock keyed by spider, database and
  schema: crawls into two schemas run side by side, two into one schema exclude each other.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import redis
from dedup_outcome import Outcome, story_of
from schedule_support import LOCAL, run_crawl, start_crawl, stop, wait_for
from services import REDIS_URL, postgres_schema, redis_prefix

from newsbot.dedup import NearDuplicateIndex
from newsbot.errors import DatabaseInUse, LockHeld, LockTimeout, StorageError
from newsbot.frontier import RunLedger
from newsbot.sample_site import RunningServer
from newsbot.storage.factory import make_store
from newsbot.storage.pg_crawl_lock import PostgresCrawlLock
from newsbot.storage.pg_locks import schema_key, session_label
from newsbot.storage.postgres import PostgresStore
from newsbot.storage.readonly import read_rows
from newsbot.storage.signatures.across_workers import DEDUP_PURPOSE

ARTICLES = 240
SEED = 5
#: The size of the generated_replica fixture (tests/conftest.py).
pytestmark = pytest.mark.replica(articles=ARTICLES, seed=SEED)

BODY = " ".join(f"kelime{n % 97} haber{n % 89} dünya{n % 83}" for n in range(200)) + "."


# -- the store alone ---------------------------------------------------------------------


def open_store(url: str, lock_timeout: float) -> tuple[PostgresStore, NearDuplicateIndex]:
    """A worker's store with its dedup index attached, as the pipelines open them."""
    store = make_store(url, batch_size=10, lock_timeout=lock_timeout)
    assert isinstance(store, PostgresStore)
    store.open()
    store.start_run("trtworld", "run-of-this-worker", None)
    index = NearDuplicateIndex(store.signatures)
    index.load()
    store.attach_dedup(index, keep_copies=False)
    return store, index


def queue_story(store: PostgresStore, index: NearDuplicateIndex, url: str) -> None:
    """Judge a new story (its signature is queued) and queue its article, as the pipelines do."""
    assert index.check_and_add(url, BODY, 1.7e9).duplicate_of is None
    store.store_article({"url": url, "canonicalUrl": url, "headline": "h", "articleBody": BODY})


class DedupLockHolder:
    """Another worker's session holding the dedup step's lock of ``url``'s schema in an open transaction."""

    def __init__(self, url: str, name: str = "newsbot otherhost:4242 run 20261207T120000Z-abcdef") -> None:
        self.connection = psycopg.connect(url, application_name=name)
        self.key = schema_key(self.connection, DEDUP_PURPOSE)
        self.connection.execute("SELECT pg_advisory_xact_lock(%s)", (self.key,))

    def release(self) -> None:
        self.connection.rollback()
        self.connection.close()


def test_a_batch_waiting_too_long_for_the_dedup_lock_is_given_up_naming_the_holder(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with postgres_schema() as url:
        store, index = open_store(url, lock_timeout=2.0)
        holder = DedupLockHolder(url)
        queue_story(store, index, "http://w.example/article/1")
        failures: list[StorageError] = []

        def commit() -> None:
            try:
                store.flush()
            except StorageError as error:
                failures.append(error)

        committing = threading.Thread(target=commit, daemon=True)
        with caplog.at_level(logging.WARNING, logger="newsbot.storage.pg_locks"):
            committing.start()
            committing.join(timeout=60)
            gave_up = not committing.is_alive()
            holder.release()  # a wait without bound ends here
            committing.join(timeout=30)
        assert gave_up, "the batch was still waiting for the lock after 60 s (NEWSBOT_LOCK_TIMEOUT_SECONDS is 2)"
        assert len(failures) == 1 and isinstance(failures[0], LockTimeout)
        warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1 and "the shared dedup lock" in warnings[0]
        assert "held by newsbot otherhost:4242 run 20261207T120000Z-abcdef (PostgreSQL backend" in warnings[0]
        assert "idle in transaction" in warnings[0]
        message = str(failures[0])
        assert message.startswith("gave up a batch of 1 articles to PostgreSQL database")
        assert "held by newsbot otherhost:4242 run 20261207T120000Z-abcdef" in message
        assert "nothing of it was committed" in message
        assert failures[0].holder is not None and failures[0].holder.startswith("newsbot otherhost:4242 run")
        assert store.failed is failures[0] and store.lost == 1
        with pytest.raises(StorageError):  # the store takes nothing more: the crawl ends
            store.flush()
        for table in ("articles", "dedup_signatures", "dedup_bands"):
            assert read_rows(url, f"SELECT COUNT(*) FROM {table}") == [(0,)], table
        store._pool.close()  # type: ignore[union-attr]
        # the next run: the lock is free, the article given up is stored
        again, index = open_store(url, lock_timeout=2.0)
        queue_story(again, index, "http://w.example/article/1")
        again.flush()
        again.close()
        assert read_rows(url, "SELECT canonical_url FROM articles") == [("http://w.example/article/1",)]


def test_a_lock_released_within_the_timeout_delays_the_batch_and_loses_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with postgres_schema() as url:
        store, index = open_store(url, lock_timeout=60.0)
        holder = DedupLockHolder(url)
        releasing = threading.Timer(0.3, holder.release)
        releasing.start()
        try:
            queue_story(store, index, "http://w.example/article/2")
            with caplog.at_level(logging.WARNING, logger="newsbot.storage.pg_locks"):
                store.flush()
        finally:
            releasing.join(timeout=10)
        store.close()
        assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
        assert read_rows(url, "SELECT canonical_url FROM articles") == [("http://w.example/article/2",)]
        assert read_rows(url, "SELECT COUNT(*) FROM dedup_signatures") == [(1,)]
        # the batch's session named its worker while writing; it is a plain session again now
        with psycopg.connect(url) as admin:
            names = admin.execute("SELECT application_name FROM pg_stat_activity").fetchall()
        assert all("run run-of-this-worker" not in name for (name,) in names)


def test_the_dedup_lock_of_another_schema_does_not_hold_a_batch_up() -> None:
    with postgres_schema() as url, postgres_schema() as other:
        holder = DedupLockHolder(other)
        try:
            store, index = open_store(url, lock_timeout=2.0)
            queue_story(store, index, "http://w.example/article/3")
            store.flush()
            store.close()
        finally:
            holder.release()
        assert read_rows(url, "SELECT COUNT(*) FROM articles") == [(1,)]


def test_any_other_lock_wait_of_a_batch_is_bounded_too() -> None:
    with postgres_schema() as url:
        store, _ = open_store(url, lock_timeout=2.0)
        store.store_article({"url": "http://w.example/a/4", "canonicalUrl": "http://w.example/a/4", "headline": "h"})
        with psycopg.connect(url) as other:  # a session keeping the table locked in an open transaction
            other.execute("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE")
            failures: list[StorageError] = []
            committing = threading.Thread(target=lambda: _flush_into(store, failures), daemon=True)
            committing.start()
            committing.join(timeout=60)
            gave_up = not committing.is_alive()
            other.rollback()
            committing.join(timeout=30)
        assert gave_up, "the batch was still waiting for the table lock after 60 s"
        assert len(failures) == 1 and isinstance(failures[0], LockTimeout)
        assert "a lock wait took longer than 2 s" in str(failures[0]) and store.lost == 1
        store._pool.close()  # type: ignore[union-attr]
        assert read_rows(url, "SELECT COUNT(*) FROM articles") == [(0,)]


def _flush_into(store: PostgresStore, failures: list[StorageError]) -> None:
    try:
        store.flush()
    except StorageError as error:
        failures.append(error)


def test_a_session_label_keeps_the_pid_and_the_run_within_what_postgresql_keeps() -> None:
    run = "run 20261207T120000Z-abcdef"
    assert session_label("web-1:4242", run) == f"newsbot web-1:4242 {run}"  # short: as it is
    label = session_label(f"{'node' * 30}.example.internal:4242", run)
    assert len(label.encode()) <= 63 and label.startswith("newsbot node") and label.endswith(f":4242 {run}")


# -- the crawl lock of a PostgreSQL database ---------------------------------------------


def test_the_crawl_lock_is_keyed_by_database_and_schema_not_by_url_spelling() -> None:
    with postgres_schema() as url, postgres_schema() as other:
        schema = url.rsplit("%3D", 1)[1]
        same_database = f"postgresql://postgres@localhost:5432/test?options=-csearch_path%3D{schema}%2Cpublic"
        with PostgresCrawlLock(url, "trtworld"):
            with PostgresCrawlLock(other, "trtworld"):  # another schema: its own lock
                pass
            with PostgresCrawlLock(url, "news"):  # another spider in the same schema: its own lock
                pass
            for spelling in (url, same_database):  # the same database and schema, however named
                with pytest.raises(LockHeld) as held:
                    PostgresCrawlLock(spelling, "trtworld").acquire()
                assert f"newsbot {os.uname().nodename[:20]}" in str(held.value)
                assert f":{os.getpid()} crawl trtworld (PostgreSQL backend" in str(held.value)
        with PostgresCrawlLock(same_database, "trtworld"):  # released: free again
            pass


def test_a_store_whose_crawl_lock_another_session_holds_is_in_use() -> None:
    with postgres_schema() as url:
        with psycopg.connect(url, autocommit=True, application_name="newsbot web-2:977 crawl trtworld") as other:
            other.execute("SELECT pg_advisory_lock(%s)", (schema_key(other, "crawl trtworld"),))
            store = make_store(url, exclusive=True, spider="trtworld")
            with pytest.raises(DatabaseInUse) as in_use:
                store.open()
            assert "held by newsbot web-2:977 crawl trtworld" in str(in_use.value)
            with make_store(url, exclusive=True, spider="news"):  # another spider writes side by side
                pass
        with make_store(url, exclusive=True, spider="trtworld"):  # the other session ended: free
            pass


def test_an_unreachable_server_for_the_crawl_lock_is_a_storage_error() -> None:
    with pytest.raises(StorageError) as raised:
        PostgresCrawlLock("postgresql://newsbot:secret@127.0.0.1:1/news", "trtworld", timeout=2).acquire()
    assert "cannot take the crawl lock of trtworld in PostgreSQL database" in str(raised.value)
    assert "secret" not in str(raised.value)


# -- whole crawls ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference(generated_replica: RunningServer, tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """What one uninterrupted SQLite crawl of the replica stores."""
    db = tmp_path_factory.mktemp("reference") / "news.db"
    done = run_crawl(
        "-s", f"NEWSBOT_BASE_URL={generated_replica.base_url}", "-s", f"NEWSBOT_SQLITE_PATH={db}", *LOCAL, timeout=300
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    return Outcome.read(db)


@pytest.fixture()
def prefix() -> Iterator[str]:
    with redis_prefix("locks") as name:
        yield name


def worker_args(server: RunningServer, database: str, prefix: str, *extra: str) -> list[str]:
    return [
        "-s", f"NEWSBOT_BASE_URL={server.base_url}", "-s", f"NEWSBOT_DATABASE_URL={database}", *LOCAL,
        "-s", f"NEWSBOT_REDIS_URL={REDIS_URL}", "-s", f"NEWSBOT_REDIS_KEY_PREFIX={prefix}",
        "-s", "NEWSBOT_REDIS_IDLE_SECONDS=3", "-s", "NEWSBOT_REDIS_LEASE_SECONDS=10", *extra,
    ]  # fmt: skip


def dedup_holder_backend(admin: Any, key: int, pid: int) -> int | None:
    """The PostgreSQL backend through which the worker ``pid`` holds the dedup lock ``key``, if it does."""
    unsigned = key & 0xFFFFFFFFFFFFFFFF
    row = admin.execute(
        "SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
        " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
        " AND l.classid = %s::bigint::oid AND l.objid = %s::bigint::oid AND a.application_name LIKE %s",
        (unsigned >> 32, unsigned & 0xFFFFFFFF, f"newsbot %:{pid} run %"),
    ).fetchone()
    return None if row is None else int(row[0])


def no_live_worker(prefix: str) -> bool:
    """Whether the spider's current run in Redis (if any) has no worker whose lease still runs."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5)
    try:
        status = RunLedger(client, prefix, "trtworld").status()
    finally:
        client.close()
    return status is None or not status.workers


def process_state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def freeze_while_holding(process: subprocess.Popen[str], url: str, timeout: float = 120) -> int:
    """SIGSTOP ``process`` at a moment it holds the dedup lock of ``url``'s schema; its backend pid.

    The lock is held only while a batch commits: stop the worker when it is seen holding it, and
    let it go on (SIGCONT) if it let go before the stop took effect; try again, until ``timeout``.
    """
    with psycopg.connect(url, autocommit=True) as admin:
        key = schema_key(admin, DEDUP_PURPOSE)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            if dedup_holder_backend(admin, key, process.pid) is None:
                time.sleep(0.005)
                continue
            os.kill(process.pid, signal.SIGSTOP)
            assert wait_for(lambda: process_state(process.pid) == "T", timeout=10, interval=0.01)
            time.sleep(0.5)  # a COMMIT sent just before the stop has reached the server by now
            backend = dedup_holder_backend(admin, key, process.pid)
            if backend is not None:
                return backend
            os.kill(process.pid, signal.SIGCONT)
    raise AssertionError("the worker was never caught holding the dedup lock")


@pytest.mark.slow
def test_a_worker_frozen_holding_the_dedup_lock_stalls_no_one_and_nothing_is_lost(
    generated_replica: RunningServer, reference: Outcome, prefix: str, tmp_path: Path
) -> None:
    stories = story_of(generated_replica.site, generated_replica.base_url)
    with postgres_schema() as database:
        frozen_log = tmp_path / "frozen.log"
        with frozen_log.open("w") as handle:
            frozen = start_crawl(
                *worker_args(generated_replica, database, prefix, "-s", "NEWSBOT_SQLITE_BATCH_SIZE=3"),
                stdout=handle, stderr=subprocess.STDOUT,
            )  # fmt: skip
        try:
            freeze_while_holding(frozen, database)
            run_key = read_rows(database, "SELECT run_key FROM crawl_runs ORDER BY id LIMIT 1")[0][0]
            # another worker: it waits 2 s, names the frozen one, gives up its batch at 4 s and ends
            waiting = run_crawl(
                *worker_args(generated_replica, database, prefix, "-s", "NEWSBOT_LOCK_TIMEOUT_SECONDS=4",
                             "-s", "NEWSBOT_SQLITE_BATCH_SIZE=10"),
                timeout=180,
            )  # fmt: skip
            assert process_state(frozen.pid) == "T"  # still frozen all along, still holding the lock
        finally:
            stop(frozen, signal.SIGKILL, timeout=30)
        output = waiting.stdout + waiting.stderr
        assert waiting.returncode == 8, output[-4000:]
        holder = f"newsbot {os.uname().nodename[:8]}"
        warnings = [line for line in waiting.stderr.splitlines() if "WARNING" in line and "Waiting for" in line]
        assert len(warnings) == 1, output[-4000:]
        assert "the shared dedup lock, held by " in warnings[0] and holder in warnings[0]
        assert f":{frozen.pid} run {run_key[:20]}" in warnings[0], (warnings[0], run_key)
        assert "transaction open for " in warnings[0]  # idle in it, or stopped in the middle of a statement
        assert "not stored: " in waiting.stdout
        assert "given up after waiting too long for a lock held by" in waiting.stdout
        assert "exit 8: storage unavailable" in waiting.stdout
        given_up = read_rows(
            database, "SELECT stats_json FROM crawl_runs WHERE finish_reason = 'storage_unavailable' ORDER BY id"
        )
        assert len(given_up) == 1
        stats = json.loads(given_up[0][0])
        # the batch given up: at most 10 articles (a recorded copy also counts towards a full batch, and which
        # articles this worker gets from the shared frontier depends on timing)
        assert 0 < stats["newsbot/store/lock_timeout"] <= 10
        assert f":{frozen.pid} run " in stats["newsbot/store/lock_holder"]
        # every article it did not store is counted: the batch given up, those queued behind it, those after
        judged = stats.get("newsbot/dedup/unique", 0) + stats.get("newsbot/dedup/refetched", 0)
        assert stats.get("newsbot/store/new", 0) == 0 and stats["newsbot/store/lost"] == judged > 10
        # the next run, once the killed worker's lease has run out (a start before that would join
        # its run, whose queue is empty): a recovery run (the frozen worker never ended); it stores
        # what was given up
        assert wait_for(lambda: no_live_worker(prefix), timeout=60, interval=0.5)
        done = run_crawl(*worker_args(generated_replica, database, prefix), timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr[-3000:]
        assert "Recovery run" in done.stderr
        final = Outcome.read(database)
        assert final.problems(stories) == []
        assert final.seen == reference.seen and len(final.stored) == len(reference.stored)


@pytest.mark.slow
def test_crawls_into_two_schemas_run_side_by_side_and_into_one_schema_exclude_each_other(
    generated_replica: RunningServer, tmp_path: Path
) -> None:
    base = ["-s", f"NEWSBOT_BASE_URL={generated_replica.base_url}", *LOCAL]
    slow = ["-s", "DOWNLOAD_DELAY=0.1", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"]  # the first one lasts
    with postgres_schema() as first_db, postgres_schema() as second_db:
        log = tmp_path / "first.log"
        with log.open("w") as handle:
            first = start_crawl(
                *base, "-s", f"NEWSBOT_DATABASE_URL={first_db}", *slow, stdout=handle, stderr=subprocess.STDOUT
            )  # fmt: skip
        try:
            assert wait_for(lambda: crawl_started(first_db), timeout=60, interval=0.2), log.read_text()[-3000:]
            # the same spider into another schema of the same server: runs at once, to its end
            other = run_crawl(*base, "-s", f"NEWSBOT_DATABASE_URL={second_db}", timeout=300)
            assert other.returncode == 0, other.stdout + other.stderr[-3000:]
            assert first.poll() is None  # the first crawl held its lock all along
            # the same schema: excluded, naming the holder
            same = run_crawl(*base, "-s", f"NEWSBOT_DATABASE_URL={first_db}", timeout=120)
            assert same.returncode == 3, same.stdout + same.stderr[-3000:]
            assert "another crawl is running (the crawl lock of trtworld in PostgreSQL database" in same.stderr
            assert f":{first.pid} crawl trtworld (PostgreSQL backend" in same.stderr
            with psycopg.connect(first_db, autocommit=True) as admin:  # the lock is in the database itself
                assert crawl_lock_holder(admin, schema_key(admin, "crawl trtworld")) == first.pid
            assert read_rows(first_db, "SELECT COUNT(*) FROM crawl_runs WHERE spider = 'trtworld'") == [(1,)]
            assert first.wait(timeout=300) == 0, log.read_text()[-3000:]
        finally:
            stop(first, signal.SIGKILL, timeout=10)
        assert read_rows(second_db, "SELECT COUNT(*) FROM articles")[0][0] > ARTICLES * 0.5
        counts = [read_rows(db, "SELECT COUNT(*) FROM articles") for db in (first_db, second_db)]
        assert counts[0] == counts[1]


def crawl_started(database: str) -> bool:
    """Whether a crawl has opened ``database`` for writing (its crawl-run row is there)."""
    try:
        return read_rows(database, "SELECT COUNT(*) FROM crawl_runs WHERE spider = 'trtworld'")[0][0] > 0
    except StorageError:
        return False


def crawl_lock_holder(admin: Any, key: int) -> int | None:
    """The worker pid named by the session holding the crawl lock ``key``, if any."""
    unsigned = key & 0xFFFFFFFFFFFFFFFF
    row = admin.execute(
        "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
        " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
        " AND l.classid = %s::bigint::oid AND l.objid = %s::bigint::oid",
        (unsigned >> 32, unsigned & 0xFFFFFFFF),
    ).fetchone()
    if row is None:
        return None
    return int(row[0].split(":", 1)[1].split()[0])
