"""Storage faults made real: a full database, a bad value in a batch, read-only and damaged files.

The store-level tests drive :class:`~newsbot.storage.SqliteStore` directly; the crawl-level ones
run ``python -m newsbot crawl`` as a scheduler would and check the exit code, the one error line,
the summary's figures against the database, and, story by story, that the next run loses nothing.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from schedule_support import (
    LOCAL,
    ROOT,
    check_each_story_stored_once,
    crawl_command,
    rows,
    run_crawl,
    stop,
    stored_stories,
    wait_for,
)
from scrapy.utils.test import get_crawler

from newsbot.errors import StorageError
from newsbot.frontier.local_scheduler import ResumeSafeScheduler
from newsbot.locking import CrawlLock
from newsbot.sample_site import RunningServer, SampleSite, serve
from newsbot.spiders.trtworld import TrtWorldSpider
from newsbot.storage import SqliteStore

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow


def article(key: str, **fields: Any) -> dict[str, Any]:
    body = f"The body of {key}, long enough to be a story. " * 6
    return {"url": key, "canonicalUrl": key, "headline": f"Headline {key}", "articleBody": body,
            "relatedLinks": [{"url": f"{key}/next", "kind": "related", "headline": "next"}], **fields}  # fmt: skip


def count(database: Path, table: str = "articles") -> int:
    return rows(database, f"SELECT COUNT(*) FROM {table}")[0][0]


# -- the store ---------------------------------------------------------------------------------
def test_a_value_sqlite_cannot_take_rejects_its_article_only(tmp_path: Path) -> None:
    database = tmp_path / "news.db"
    with SqliteStore(database) as store:
        store.store_article(article("http://s/article/000000000001"))
        store.store_article(article("http://s/article/000000000002", headline="Lone \ud800 surrogate"))
        store.store_article(article("http://s/article/000000000003"))
        store.flush()
        assert [key for key, _ in store.rejected] == ["http://s/article/000000000002"]
        assert "surrogate" in store.rejected[0][1] or "UnicodeEncodeError" in store.rejected[0][1]
        assert not store.connection.in_transaction
        store.store_article(article("http://s/article/000000000004"))
        store.flush()  # the next batch commits: no transaction was left open
    stored = {url for (url,) in rows(database, "SELECT canonical_url FROM articles")}
    assert stored == {f"http://s/article/00000000000{n}" for n in (1, 3, 4)}
    linked = {
        url for (url,) in rows(database, "SELECT a.canonical_url FROM links l JOIN articles a ON a.id = l.from_id")
    }
    assert linked == stored  # the rejected article's links went with it


def test_a_full_database_fails_the_whole_batch_and_keeps_what_was_committed(tmp_path: Path) -> None:
    database = tmp_path / "news.db"
    with SqliteStore(database) as store:
        store.store_article(article("http://s/article/000000000001"))
        store.flush()
        pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
        store.connection.execute(f"PRAGMA max_page_count={pages + 3}")
        for n in range(2, 40):
            store.store_article(article(f"http://s/article/{n:012d}", articleBody="word " * 2000))
        with pytest.raises(StorageError, match="database or disk is full") as failed:
            store.flush()
        assert "nothing of it was committed" in str(failed.value)
        assert store.failed is failed.value and store.lost == 38
        assert not store.connection.in_transaction
        with pytest.raises(StorageError):  # a failed store refuses to pretend
            store.flush()
    assert count(database) == 1 and count(database, "links") == 1


@contextlib.contextmanager
def read_only_file(path: Path) -> Iterator[Path]:
    """``path`` made read-only, its folder still writable: mode 0444, or for root (who writes
    through file modes) a read-only bind mount of the file onto itself."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        yield path
        return
    subprocess.run(["mount", "--bind", str(path), str(path)], check=True, timeout=30)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(path)], check=True, timeout=30)
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False, timeout=30)


def test_a_read_only_database_file_is_refused_when_opened(tmp_path: Path) -> None:
    database = tmp_path / "news.db"
    with SqliteStore(database) as store:
        store.store_article(article("http://s/article/000000000001"))
    with read_only_file(database), pytest.raises(StorageError, match=r"readonly|read-only"):
        SqliteStore(database).open()


def damage(database: Path) -> None:
    """Overwrite every page after the first (the header stays intact) with garbage."""
    with database.open("r+b") as file:
        size = file.seek(0, os.SEEK_END)
        page = 4096
        for offset in range(page, size, page):
            file.seek(offset + 8)
            file.write(b"\xa5" * 200)


def damaged_database(tmp_path: Path) -> Path:
    database = tmp_path / "news.db"
    with SqliteStore(database) as store:
        for n in range(1, 30):
            store.store_article(article(f"http://s/article/{n:012d}"))
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage(database)
    return database


def test_a_damaged_database_is_refused_when_opened(tmp_path: Path) -> None:
    database = damaged_database(tmp_path)
    with pytest.raises(StorageError, match=r"damaged|malformed"):
        SqliteStore(database).open()


# -- whole crawls ------------------------------------------------------------------------------
@pytest.fixture
def replica() -> Iterator[RunningServer]:
    with serve(SampleSite.generate(articles=300, seed=23)) as running:
        yield running


def crawl_args(server: RunningServer, database: Path, *extra: str) -> list[str]:
    return ["-s", f"NEWSBOT_BASE_URL={server.base_url}", "-s", f"NEWSBOT_SQLITE_PATH={database}", *LOCAL, *extra]


def summary_stored(summary: str) -> int:
    found = re.search(r"stored (\d+) \((\d+) new, (\d+) revised\)", summary)
    assert found, summary
    assert int(found.group(1)) == int(found.group(2)) + int(found.group(3))
    return int(found.group(1))


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "] ERROR: " in line and "[Spidermon]" not in line]


def test_a_full_disk_exits_8_counts_only_committed_and_the_next_run_loses_nothing(
    replica: RunningServer, tmp_path: Path
) -> None:
    reference = tmp_path / "reference.db"
    done = run_crawl(*crawl_args(replica, reference))
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]

    database = tmp_path / "news.db"
    # room for about 60% of what the whole crawl writes: some batches commit, then one fails
    room = int(rows(reference, "PRAGMA page_count")[0][0] * 0.6)
    quota = [sys.executable, str(ROOT / "tests" / "run_with_quota.py"), str(room)]
    full = subprocess.run(
        [*quota, *crawl_command(*crawl_args(replica, database))[3:]],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    output = full.stdout + full.stderr
    assert full.returncode == 8, output[-3000:]
    assert "finish reason: storage_unavailable" in full.stdout
    assert "Traceback" not in output
    errors = error_lines(full.stderr)
    assert len(errors) == 1 and "database or disk is full" in errors[0], errors
    assert "not stored: " in full.stdout and "the next run fetches them again" in full.stdout
    drops = [line for line in full.stderr.splitlines() if "Dropped: " in line]
    assert drops and all(len(line) < 400 for line in drops)  # one line each, not the item
    assert "articleBody=" not in full.stderr and "'articleBody': " not in full.stderr
    assert 0 < summary_stored(full.stdout) == count(database) < count(reference)
    assert "[FAILED] storage:" in full.stdout

    again = run_crawl(*crawl_args(replica, database))
    assert again.returncode == 0, again.stdout + again.stderr[-3000:]
    assert "Recovery run" in again.stderr
    assert summary_stored(again.stdout) == count(database) - summary_stored(full.stdout)
    stored, copies = stored_stories(database)
    check_each_story_stored_once(replica.site, stored, copies)  # which copy of a wire story wins is order's
    assert len(stored) == count(reference) and len(copies) == count(reference, "duplicates")
    assert rows(database, "SELECT COUNT(*) FROM articles WHERE canonical_url IN (SELECT url FROM duplicates)") == [(0,)]


def test_a_lone_surrogate_in_a_page_costs_no_other_article(tmp_path: Path) -> None:
    site = SampleSite.demo()
    wire = set(site.wire_copies) | set(site.wire_copies.values())
    ordinary = [a.id for a in site.articles.values() if not a.truncated and a.id not in wire]
    with serve(site) as running:
        database = tmp_path / "news.db"
        bad_id = ordinary[0]
        page = site.article_bytes(bad_id, running.base_url)
        poisoned = page.replace(
            b"</head>",
            b'<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Lone \\ud800 surrogate"}'
            b"</script></head>",
            1,
        )
        site._pages[(bad_id, running.base_url)] = poisoned
        done = run_crawl(*crawl_args(running, database))
        assert done.returncode == 0, done.stdout + done.stderr[-3000:]
        headline = rows(database, "SELECT headline FROM articles WHERE canonical_url LIKE ?", (f"%{bad_id}",))
        assert headline == [("Lone surrogate",)]  # the page's JSON-LD headline, cleaned
        assert summary_stored(done.stdout) == count(database)


def test_a_read_only_database_exits_8_before_crawling(replica: RunningServer, tmp_path: Path) -> None:
    database = tmp_path / "news.db"
    with SqliteStore(database):
        pass
    with read_only_file(database):
        done = run_crawl(*crawl_args(replica, database))
    assert done.returncode == 8, done.stdout + done.stderr[-3000:]
    assert "[FAILED] storage:" in done.stdout and "readonly" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert len(error_lines(done.stderr)) == 1
    assert sum(n for path, n in replica.request_counts().items() if path.startswith("/article/")) == 0


def test_a_damaged_database_exits_8(replica: RunningServer, tmp_path: Path) -> None:
    database = damaged_database(tmp_path)
    done = run_crawl(*crawl_args(replica, database))
    assert done.returncode == 8, done.stdout + done.stderr[-3000:]
    assert "[FAILED] storage:" in done.stdout and "damaged" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert len(error_lines(done.stderr)) == 1


def test_an_unreadable_store_while_opening_exits_8(replica: RunningServer, tmp_path: Path) -> None:
    """A database whose tables cannot be read (here: ``articles`` replaced by a view of a missing table)."""
    database = tmp_path / "news.db"
    with SqliteStore(database):
        pass
    connection = sqlite3.connect(database)
    connection.executescript("DROP TABLE articles; CREATE VIEW articles AS SELECT * FROM gone;")
    connection.close()
    done = run_crawl(*crawl_args(replica, database))
    assert done.returncode == 8, done.stdout + done.stderr[-3000:]
    assert "Traceback" not in done.stdout + done.stderr


# -- the JOBDIR and the database lock ----------------------------------------------------------
def require_mounting() -> None:
    """Skip (or fail, under ``NEWSBOT_REQUIRE_ROOT=1``) where a small filesystem cannot be mounted."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        if os.environ.get("NEWSBOT_REQUIRE_ROOT") == "1":
            pytest.fail("NEWSBOT_REQUIRE_ROOT=1 but this run cannot mount a small filesystem (needs root and mount)")
        pytest.skip("mounting a small full filesystem needs root (set NEWSBOT_REQUIRE_ROOT=1 to make this a failure)")


@contextlib.contextmanager
def small_filesystem(mount: Path, size: int) -> Iterator[Path]:
    """A tmpfs of ``size`` bytes mounted on ``mount`` (created), unmounted at the end."""
    require_mounting()
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)], check=True, timeout=30)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False, timeout=30)


def free_bytes(mount: Path) -> int:
    found = os.statvfs(mount)
    return found.f_bavail * found.f_frsize


def fill(mount: Path, leave: int = 0) -> Path:
    """Fill the filesystem of ``mount`` with one file until ``leave`` bytes (or fewer) are free; the file's path."""
    filler = mount / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as file:
        while (free := free_bytes(mount)) > leave:
            file.write(b"\0" * min(65536, free - leave))
            file.flush()
    return filler


@pytest.fixture
def full_filesystem(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs filled to the last block (mounting needs root: CI runs as root)."""
    with small_filesystem(tmp_path / "small", 1 << 20) as mount:
        (mount / "jobs").mkdir()
        fill(mount)
        yield mount


def test_a_jobdir_on_a_full_filesystem_exits_8_at_once(
    replica: RunningServer, tmp_path: Path, full_filesystem: Path
) -> None:
    database = tmp_path / "news.db"
    done = run_crawl(*crawl_args(replica, database), "--jobdir", str(full_filesystem / "jobs"), timeout=60)
    assert done.returncode == 8, done.stdout + done.stderr[-3000:]
    assert "Traceback" not in done.stdout + done.stderr
    errors = error_lines(done.stderr)
    assert len(errors) == 1 and "JOBDIR" in errors[0] and "No space left" in errors[0], errors
    assert sum(n for path, n in replica.request_counts().items() if path.startswith("/article/")) == 0
    CrawlLock(f"{database}.lock").acquire()  # released: the next scheduled run is not locked out


@pytest.fixture(scope="module")
def replica_and_reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningServer, Path]]:
    """The 300-article replica and the database of one uninterrupted crawl of it (no JOBDIR)."""
    with serve(SampleSite.generate(articles=300, seed=23)) as running:
        reference = tmp_path_factory.mktemp("reference") / "news.db"
        done = run_crawl(*crawl_args(running, reference))
        assert done.returncode == 0, done.stdout + done.stderr[-3000:]
        yield running, reference


def article_urls(database: Path) -> tuple[set[str], set[str]]:
    """The stored articles' canonical URLs, and those recorded as copies."""
    stored = {url for (url,) in rows(database, "SELECT canonical_url FROM articles")}
    return stored, {url for (url,) in rows(database, "SELECT url FROM duplicates")}


#: Where the JOBDIR sits: on the filesystem that fills up, beside the database (the README's cron
#: and systemd recipes: /var/lib/newsbot/news.sqlite3 and /var/lib/newsbot/jobs/trtworld), or on
#: another one that keeps room (then Scrapy saves the queue and seen-set of the failed crawl whole).
JOBDIR_LAYOUTS = ("beside the database", "on another filesystem")


@pytest.mark.slow
@pytest.mark.parametrize("layout", JOBDIR_LAYOUTS)
def test_a_full_disk_during_a_jobdir_crawl_then_the_same_jobdir_stores_what_an_uninterrupted_crawl_stores(
    layout: str, replica_and_reference: tuple[RunningServer, Path], tmp_path: Path
) -> None:
    replica, reference = replica_and_reference
    needed = rows(reference, "PRAGMA page_count")[0][0] * rows(reference, "PRAGMA page_size")[0][0]
    with small_filesystem(tmp_path / "volume", 2 * needed + (4 << 20)) as volume:
        database = volume / "news.sqlite3"
        jobdir = (volume if layout == "beside the database" else tmp_path) / "jobs" / "trtworld"
        filler = fill(volume, leave=int(needed * 0.6))  # room for some batches, not for the whole crawl
        command = crawl_args(replica, database, "--jobdir", str(jobdir))

        full = run_crawl(*command)
        output = full.stdout + full.stderr
        assert full.returncode == 8, output[-3000:]
        assert "finish reason: storage_unavailable" in full.stdout and "Traceback" not in output
        errors = error_lines(full.stderr)
        assert len(errors) == 1 and ("database or disk is full" in errors[0] or "No space left" in errors[0]), errors
        assert 0 < count(database) < count(reference)
        # what the failed crawl marked seen was never all committed: nothing of it may filter the next run
        assert not (jobdir / "requests.seen").exists() and not (jobdir / "requests.queue").exists()

        filler.unlink()  # the operator frees space; the scheduler runs the same command again
        again = run_crawl(*command)
        assert again.returncode == 0, again.stdout + again.stderr[-3000:]
        assert "Recovery run" in again.stderr

        stored, copies = article_urls(database)
        expected_stored, expected_copies = article_urls(reference)
        assert len(stored) == len(expected_stored) and len(copies) == len(expected_copies)
        assert stored | copies == expected_stored | expected_copies  # which copy of a wire story wins is order's
        check_each_story_stored_once(replica.site, *stored_stories(database))


#: A site no request is sent to: the scheduler tests queue its URLs, nothing downloads them.
SITE = "http://127.0.0.1:8765"


def opened_scheduler(jobdir: Path, database: Path) -> tuple[TrtWorldSpider, ResumeSafeScheduler]:
    """The project's scheduler as a crawl opens it on ``jobdir`` (no download handler: nothing is fetched)."""
    settings = {"NEWSBOT_BASE_URL": SITE, "NEWSBOT_SQLITE_PATH": str(database), "JOBDIR": str(jobdir),
                "DOWNLOAD_HANDLERS": {"http": None, "https": None}}  # fmt: skip
    crawler = get_crawler(TrtWorldSpider, settings)
    crawler.spider = crawler._create_spider()
    crawler.engine = crawler._create_engine()  # the priority queue asks the downloader for its slots
    scheduler = ResumeSafeScheduler.from_crawler(crawler)
    scheduler.open(crawler.spider)
    return crawler.spider, scheduler


@pytest.mark.parametrize("disk", ["full", "with room"])
def test_a_jobdir_that_cannot_be_saved_whole_when_a_crawl_stops_is_discarded_and_nothing_is_lost(
    disk: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A stop (SIGTERM, Ctrl-C) while the JOBDIR's filesystem is full: the queue cannot be written
    whole (here a queue file created after the disk filled never gets its header), so the next run
    must not resume it: every request the stopped crawl held is requested again. With room on the
    disk the next run resumes the queue and requests nothing twice."""
    urls = [f"{SITE}/article/{n:012x}" for n in range(21)]
    with small_filesystem(tmp_path / "volume", 1 << 20) as volume:
        jobdir = volume / "jobs" / "trtworld"
        spider, stopped = opened_scheduler(jobdir, tmp_path / "news.db")
        for url in urls[:20]:
            assert stopped.enqueue_request(spider.article_request(url, 1))
        filler = fill(volume) if disk == "full" else None
        assert stopped.enqueue_request(spider.article_request(urls[20], 4))  # a new depth: a new queue file
        stopped.close("shutdown")
        logger = "newsbot.frontier.local_scheduler"
        unsaved = [r for r in caplog.records if r.name == logger and "could not be saved" in r.message]
        if filler is not None:
            assert len(unsaved) == 1 and unsaved[0].levelname == "ERROR" and "No space left" in unsaved[0].message
            assert not (jobdir / "requests.queue").exists() and not (jobdir / "requests.seen").exists()
            filler.unlink()
        else:
            assert unsaved == []

        spider, next_run = opened_scheduler(jobdir, tmp_path / "news.db")
        resumed = set()
        while (request := next_run.next_request()) is not None:
            resumed.add(request.url)
        requested = {url for n, url in enumerate(urls) if next_run.enqueue_request(spider.article_request(url, n % 5))}
        assert resumed | requested == set(urls)
        assert (resumed, requested) == ((set(), set(urls)) if filler is not None else (set(urls), set()))
        next_run.close("finished")


def test_a_second_crawl_on_a_database_in_use_closes_at_once(replica: RunningServer, tmp_path: Path) -> None:
    database = tmp_path / "news.db"
    slow = ["-s", "CONCURRENT_REQUESTS=1", "-s", "DOWNLOAD_DELAY=0.3"]
    first = start_scrapy_crawl(crawl_args(replica, database, *slow))
    try:
        lock = Path(f"{database}.lock")
        assert wait_for(lambda: lock.is_file() and "pid" in lock.read_text(), timeout=60), "the first crawl never ran"
        second = subprocess.run(
            scrapy_crawl_command(crawl_args(replica, database)), cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert "'finish_reason': 'database_in_use'" in second.stderr, second.stderr[-3000:]
        assert "is in use by another crawl" in second.stderr and "Traceback" not in second.stderr
        assert "'downloader/request_count'" not in second.stderr  # it fetched nothing
        scheduled = run_crawl(*crawl_args(replica, database), timeout=60)
        assert scheduled.returncode == 3, scheduled.stdout + scheduled.stderr[-2000:]
    finally:
        stop(first)
    both = rows(database, "SELECT COUNT(*) FROM articles WHERE canonical_url IN (SELECT url FROM duplicates)")
    assert both == [(0,)]
    runs = rows(database, "SELECT COUNT(*) FROM crawl_runs")
    assert runs == [(1,)]  # the refused crawls left no run row


def scrapy_crawl_command(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "scrapy", "crawl", "trtworld", *args]


def start_scrapy_crawl(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        scrapy_crawl_command(args), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True
    )
