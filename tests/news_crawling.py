"""Run the ``news`` spider in a subprocess, as a user or a scheduler would (``scrapy crawl`` or
``python -m newsbot crawl``), against servers on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from crawling import LOCAL
from services import assert_no_secret

ROOT = Path(__file__).resolve().parents[1]


def news_crawl(
    database: Path, *spider_args: str, command: str = "scrapy", extra: tuple[str, ...] = (), timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """``scrapy crawl news`` (or ``python -m newsbot crawl news``) with ``-a`` ``spider_args`` into ``database``."""
    prefix = ["-m", "scrapy", "crawl"] if command == "scrapy" else ["-m", "newsbot", "crawl"]
    argv = [sys.executable, *prefix, "news"]
    for argument in spider_args:
        argv += ["-a", argument]
    for name, value in {**LOCAL, "NEWSBOT_SQLITE_PATH": str(database)}.items():
        argv += ["-s", f"{name}={value}"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([*argv, *extra], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert_no_secret(result.stdout, result.stderr)
    return result
