"""Requests a first crawl of the dated replica makes with and without ``since=7d`` / ``NEWSBOT_LANGUAGES=de``.

    python bench/fresh_requests.py

Serves :class:`newsbot.sample_site.dated.DatedSite` (two years of articles in three languages) on
127.0.0.1 and runs ``python -m newsbot crawl news`` on it into a fresh SQLite file per variant;
prints the replica's request log (all pages, article pages) and the articles stored.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from newsbot.sample_site.dated import DatedSite  # noqa: E402
from newsbot.sample_site.second import serve_second  # noqa: E402

LOCAL = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "NEWSBOT_PROGRESS_INTERVAL=0"]
VARIANTS = {"no window": [], "since=7d": ["-a", "since=7d"], "NEWSBOT_LANGUAGES=de": ["-s", "NEWSBOT_LANGUAGES=de"]}


def main() -> None:
    for name, extra in VARIANTS.items():
        site = DatedSite()
        articles = {a.path for a in site.articles.values()}
        with tempfile.TemporaryDirectory() as folder, serve_second(site) as server:  # type: ignore[arg-type]
            database = Path(folder) / "news.db"
            command = [sys.executable, "-m", "newsbot", "crawl", "news", "-a", f"site={server.base_url}/", *LOCAL,
                       "-s", f"NEWSBOT_SQLITE_PATH={database}", *extra]  # fmt: skip
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
            counts = site.request_log.counts()
            with sqlite3.connect(database) as connection:
                stored = connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        article_pages = sum(n for path, n in counts.items() if path in articles)
        print(f"{name}: requests {sum(counts.values())}, article pages {article_pages}, stored {stored}")


if __name__ == "__main__":
    main()
