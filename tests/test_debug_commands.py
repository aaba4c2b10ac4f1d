"""Scrapy's debug commands (shell, parse, check, fetch) leave the record alone (issue 7, item 13).

Each test serves its own replica on 127.0.0.1, fills a temporary database with one real crawl
(a crawl-run row, an article, its signature, the lock file), then runs a debug command as a
user would, with ``-s NEWSBOT_SQLITE_PATH`` pointing at that database: afterwards the database
folder is byte for byte what it was (same files, contents and modification times), the run rows
are as many as before, no traceback was printed and the command did its job.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from schedule_support import LOCAL, ROOT, run_crawl

from newsbot.sample_site import Article, RunningServer

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow


def short_headline_article(server: RunningServer) -> Article:
    """A story whose headline fits on one pprint line (so the output can be searched for it)."""
    return next(article for article in server.site.latest(20) if 20 < len(article.headline) < 50)


def recorded_database(tmp_path: Path, server: RunningServer, article: Article) -> Path:
    """A database holding what one real crawl of one article leaves: a run row, the article, its signature."""
    database = tmp_path / "record" / "news.sqlite3"
    crawl = run_crawl(
        "-a", f"url={server.url(f'/article/{article.id}')}", "-s", f"NEWSBOT_BASE_URL={server.base_url}",
        "-s", f"NEWSBOT_SQLITE_PATH={database}", "-s", "NEWSBOT_FOLLOW_DEPTH=0", *LOCAL,
    )  # fmt: skip
    assert database.exists(), crawl.stderr[-3000:]
    assert run_rows(database) == 1
    assert count(database, "articles") == 1
    assert {"news.sqlite3", "news.sqlite3.lock"} <= set(snapshot(database.parent))  # the lock file is watched too
    return database


def count(database: Path, table: str) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def run_rows(database: Path) -> int:
    return count(database, "crawl_runs")


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file of ``folder``: its content hash and modification time.

    SQLite's ``-shm`` file is left out: it is the WAL index in shared memory, which even a
    read-only reader (this test's own counts) may touch; any write goes to the database or its
    ``-wal`` file, and taking the lock writes the ``.lock`` file.
    """
    return {
        path.name: (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        for path in sorted(folder.iterdir())
        if not path.name.endswith("-shm")
    }


def scrapy(
    *args: str, database: Path, base_url: str, cwd: Path = ROOT, pythonpath: str = ""
) -> subprocess.CompletedProcess[str]:
    """``python -m scrapy <args>`` in the project, with the record's database and the replica's URL."""
    settings = ["-s", f"NEWSBOT_SQLITE_PATH={database}", "-s", f"NEWSBOT_BASE_URL={base_url}"]
    settings += ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), pythonpath]))}
    command = [sys.executable, "-m", "scrapy", *args[:1], *settings, *args[1:]]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def assert_record_untouched(
    database: Path, before: dict[str, tuple[str, int]], result: subprocess.CompletedProcess[str]
) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert snapshot(database.parent) == before, output[-3000:]
    assert run_rows(database) == 1


def test_shell_writes_nothing(tmp_path: Path, replica: RunningServer) -> None:
    article = short_headline_article(replica)
    database = recorded_database(tmp_path, replica, article)
    before = snapshot(database.parent)
    expression = "__import__('newsbot.sites', fromlist=['_']).extract_article(response).headline"
    result = scrapy("shell", replica.url(f"/article/{article.id}"), "-c", expression, database=database,
                    base_url=replica.base_url)  # fmt: skip
    assert_record_untouched(database, before, result)
    assert article.headline in result.stdout


def test_parse_prints_the_item_and_writes_nothing(tmp_path: Path, replica: RunningServer) -> None:
    article = short_headline_article(replica)
    database = recorded_database(tmp_path, replica, article)
    before = snapshot(database.parent)
    # the README's command, on a page that is already stored: parsed, not skipped as known
    result = scrapy("parse", "--spider", "trtworld", "-c", "parse_article", replica.url(f"/article/{article.id}"),
                    database=database, base_url=replica.base_url)  # fmt: skip
    assert_record_untouched(database, before, result)
    assert "# Scraped Items" in result.stdout
    assert f"'headline': {article.headline!r}" in result.stdout, result.stdout[-3000:]
    assert "Spidermon" not in result.stdout + result.stderr  # no monitor ran


def test_parse_ignores_an_explicit_database_setting_with_a_note(tmp_path: Path, replica: RunningServer) -> None:
    article = short_headline_article(replica)
    database = recorded_database(tmp_path, replica, article)
    before = snapshot(database.parent)
    result = scrapy("parse", "--spider", "trtworld", "-c", "parse_article", "-s", "SPIDERMON_ENABLED=True",
                    replica.url(f"/article/{article.id}"), database=database, base_url=replica.base_url)  # fmt: skip
    assert_record_untouched(database, before, result)
    assert "-s NEWSBOT_SQLITE_PATH ignored" in result.stderr
    assert "-s SPIDERMON_ENABLED ignored" in result.stderr


def test_fetch_writes_nothing(tmp_path: Path, replica: RunningServer) -> None:
    article = short_headline_article(replica)
    database = recorded_database(tmp_path, replica, article)
    before = snapshot(database.parent)
    result = scrapy("fetch", "--spider", "trtworld", replica.url(f"/article/{article.id}"), database=database,
                    base_url=replica.base_url)  # fmt: skip
    assert_record_untouched(database, before, result)
    assert f"/article/{article.id}" in result.stdout


CONTRACT_SPIDER = '''
import scrapy

from newsbot.sites import extract_article


class ContractSpider(scrapy.Spider):
    name = "contracted"

    def parse(self, response):
        """An article page gives one item.

        @url {url}
        @returns items 1 1
        """
        yield extract_article(response)
'''


def test_check_runs_contracts_and_writes_nothing(tmp_path: Path, replica: RunningServer) -> None:
    article = short_headline_article(replica)
    database = recorded_database(tmp_path, replica, article)
    before = snapshot(database.parent)
    # a spider with a contract on the replica, so that `check` runs a crawl through every component
    spiders = tmp_path / "spiders" / "contract_spiders"
    spiders.mkdir(parents=True)
    (spiders / "__init__.py").write_text("")
    (spiders / "contracted.py").write_text(CONTRACT_SPIDER.format(url=replica.url(f"/article/{article.id}")))
    result = scrapy("check", "-s", "SPIDER_MODULES=newsbot.spiders,contract_spiders", "contracted",
                    database=database, base_url=replica.base_url, pythonpath=str(spiders.parent))  # fmt: skip
    assert_record_untouched(database, before, result)
    assert "Ran 1 contract" in result.stderr, result.stderr[-3000:]


def test_a_bad_setting_is_a_usage_error_in_a_debug_command(tmp_path: Path, replica: RunningServer) -> None:
    database = tmp_path / "record" / "news.sqlite3"
    result = scrapy("parse", "--spider", "trtworld", "-s", "NEWSBOT_FOLOW_DEPTH=1", replica.url("/"),
                    database=database, base_url=replica.base_url)  # fmt: skip
    assert result.returncode == 2
    assert (
        "scrapy parse: error: NEWSBOT_FOLOW_DEPTH='1': not a newsbot setting; did you mean NEWSBOT_FOLLOW_DEPTH?"
        in (result.stderr)
    )
    assert "Traceback" not in result.stderr
    assert replica.request_counts() == {}
