"""Run a real crawl of a served replica in a subprocess, as a user or a scheduler would."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from services import assert_no_secret

ROOT = Path(__file__).resolve().parents[1]
LOCAL = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "INFO",
}


def scrapy_crawl(
    base_url: str, database: Path, *extra: str, settings: dict[str, Any] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """``scrapy crawl trtworld`` against ``base_url`` into ``database``; output captured."""
    values = {**LOCAL, "NEWSBOT_BASE_URL": base_url, "NEWSBOT_SQLITE_PATH": str(database), **(settings or {})}
    command = [sys.executable, "-m", "scrapy", "crawl", "trtworld", *extra]
    for name, value in values.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert_no_secret(result.stdout, result.stderr)
    return result


def rows(database: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(sql, params).fetchall()
