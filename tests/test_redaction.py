"""No credential is ever printed: the one redaction (:mod:`newsbot.redaction`) and every path that prints.

The unit tests pin what :func:`redact` removes and, as much, what it must leave alone (an article
address with ``@`` in its path, a sentence about passwords). The crawls run the real commands with
a password in ``NEWSBOT_DATABASE_URL`` (PostgreSQL's trust authentication accepts any password, so
the crawl succeeds) and grep everything they print and everything they record for it.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from schedule_support import LOCAL, ROOT, free_port
from services import SECRET, postgres_admin, postgres_schema, secret_url

from newsbot.redaction import install_log_redaction, redact
from newsbot.sample_site import RunningServer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postgresql://user:S3CRET@db.example/news", "postgresql://***@db.example/news"),
        ("postgres://S3CRET@db.example:5433/news", "postgres://***@db.example:5433/news"),
        ("postgresql://user:S3#CR/ET@db.example/news", "postgresql://***@db.example/news"),
        ("postgresql://user:S3C@RET@db.example/news", "postgresql://***@db.example/news"),
        ("postgresql://u:S3CRET@[::1/news", "postgresql://***@[::1/news"),
        ("postgresql://db/news?sslmode=require&password=S3CRET", "postgresql://db/news?sslmode=require&password=***"),
        ("postgresql://db/news?PASSWORD=S3CRET#frag", "postgresql://db/news?PASSWORD=***#frag"),
        ("host=db password=S3CRET dbname=news", "host=db password=*** dbname=news"),
        ("host=db password='S3 CRET' dbname=news", "host=db password=*** dbname=news"),
        (
            "postgresql://S3CRET@127.0.0.1/test?options=-csearch_path%3Dt_1",
            "postgresql://***@127.0.0.1/test?options=-csearch_path%3Dt_1",
        ),
        ("redis://:S3CRET@127.0.0.1:6379/0", "redis://***@127.0.0.1:6379/0"),
        ("rediss://worker:S3CRET@cache:6380", "rediss://***@cache:6380"),
        ("http://user:S3CRET@127.0.0.1:8765/article/1", "http://***@127.0.0.1:8765/article/1"),
        ("http://user:S3#CRET@host/x", "http://***@host/x"),
        ("https://api.example/v1?api_key=S3CRET&page=2", "https://api.example/v1?api_key=***&page=2"),
        (
            "NEWSBOT_DATABASE_URL='postgresql://u:S3CRET@h/db': cannot connect (postgresql://u:S3CRET@h/db)",
            "NEWSBOT_DATABASE_URL='postgresql://***@h/db': cannot connect (postgresql://***@h/db)",
        ),
        ("<http://a.example/b>,<http://u:S3CRET@c.example/>", "<http://a.example/b>,<http://***@c.example/>"),
    ],
)
def test_credentials_are_removed_whatever_the_form(text: str, expected: str) -> None:
    assert redact(text) == expected
    assert "S3" not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "https://medium.example/@author/a-long-story-slug-12345",
        "http://127.0.0.1:8765/article/1a2b3c4d5e6f?utm_source=x",
        "http://127.0.0.1:8765/path/with@sign",
        "Crawled (200) <GET http://127.0.0.1:8765/article/abc> (referer: None)",
        "Reset your password in three steps: the story of a leak",
        "mailto:desk@example.com wrote: the cache key=abc expired",
        "sqlite:///data/newsbot.sqlite3",
    ],
)
def test_text_without_credentials_is_left_alone(text: str) -> None:
    assert redact(text) == text


def test_a_log_record_is_redacted_in_its_message_and_its_traceback() -> None:
    install_log_redaction()
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep()
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("newsbot.test_redaction")
    logger.addHandler(handler)
    try:
        logger.warning("No coverage history in %s: %s", "postgresql://u:S3CRET@h/db", "gone")
        try:
            raise ConnectionError("connection to postgresql://u:S3CRET@h/db failed")
        except ConnectionError:
            logger.exception("storage failed")
    finally:
        logger.removeHandler(handler)
    printed = "\n".join(handler.format(record) for record in records)
    assert "No coverage history in postgresql://***@h/db: gone" in printed
    assert "connection to postgresql://***@h/db failed" in printed
    assert "S3CRET" not in printed


def _crawl(command: str, base_url: str, database: str, log_file: Path) -> subprocess.CompletedProcess[str]:
    prefix = ["-m", "scrapy", "crawl"] if command == "scrapy" else ["-m", "newsbot", "crawl"]
    argv = [sys.executable, *prefix, "trtworld", *LOCAL, "-s", "LOG_LEVEL=DEBUG", "-s", f"LOG_FILE={log_file}"]
    argv += ["-s", f"NEWSBOT_BASE_URL={base_url}", "-s", "NEWSBOT_FOLLOW_DEPTH=0"]
    argv += ["-s", f"NEWSBOT_DATABASE_URL={database}"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)


@pytest.mark.slow
@pytest.mark.parametrize("command", ["python -m newsbot", "scrapy"])
def test_a_first_crawl_into_postgresql_prints_and_records_no_password(
    command: str, replica: RunningServer, tmp_path: Path
) -> None:
    log_file = tmp_path / "crawl.log"
    with postgres_schema() as url:
        schema = url.rsplit("%3D", 1)[1]
        database = secret_url(url)
        result = _crawl(command.split()[0], replica.base_url, database, log_file)
        with postgres_admin() as admin:
            rows = admin.execute(f"SELECT stats_json FROM {schema}.crawl_runs").fetchall()
            stored = admin.execute(f"SELECT COUNT(*) FROM {schema}.articles").fetchone()[0]
    printed = result.stdout + result.stderr + log_file.read_text()
    assert result.returncode == 0, printed[-3000:]
    assert stored > 0 and rows
    assert "No coverage history in postgresql://***@127.0.0.1:5432/test" in printed
    assert "postgresql://***@127.0.0.1:5432/test" in printed
    assert SECRET not in printed
    assert all(SECRET not in json.dumps(json.loads(stats)) for (stats,) in rows)


@pytest.mark.slow
def test_a_driver_error_names_the_database_without_its_password(replica: RunningServer, tmp_path: Path) -> None:
    port = free_port()
    database = f"postgresql://postgres:a#b/{SECRET}@127.0.0.1:{port}/test?password={SECRET}"
    result = _crawl("newsbot", replica.base_url, database, tmp_path / "crawl.log")
    log_file = tmp_path / "crawl.log"  # not written when the crawl lock cannot be taken before the crawl
    printed = result.stdout + result.stderr + (log_file.read_text() if log_file.exists() else "")
    assert result.returncode == 8, printed[-3000:]
    assert f"127.0.0.1:{port}" in printed
    assert SECRET not in printed


def test_an_uncaught_exception_is_printed_without_its_password() -> None:
    code = f"import newsbot\nraise RuntimeError('cannot connect to postgresql://u:{SECRET}@db/news')"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "RuntimeError: cannot connect to postgresql://***@db/news" in result.stderr
    assert SECRET not in result.stderr
