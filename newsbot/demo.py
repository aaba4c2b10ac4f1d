"""The demo: serve the offline replica site, crawl it into SQLite, print a short report."""

from __future__ import annotations

import sys
from pathlib import Path

from newsbot.archive.cursors import SqliteArchive
from newsbot.archive.overview import read_overview
from newsbot.report import crawl_report
from newsbot.runner import run_crawl
from newsbot.sample_site import SampleSite, serve

LOCAL_CRAWL_SETTINGS = {
    # the replica runs on this machine: no need to be gentle with it
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "LOG_LEVEL": "WARNING",
}


def run_demo(database: Path, keep: bool = False, log_level: str = "WARNING", port: int = 8765) -> int:
    """Crawl the demo replica into ``database`` (emptied first unless ``keep``); 0 if articles were stored.

    The replica listens on ``port``; when it is taken, a new demo moves to another free port (with a
    note), while a ``keep`` run refuses (exit 2, one line): stored URLs include the port, so a
    ``keep`` run on another port would crawl the same stories as a new site and count them as copies.
    """
    if not keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    try:
        server = serve(SampleSite.demo(), port=port)
    except OSError as error:
        if keep:
            print(
                f"demo --keep: port {port} is not free ({error}); the stored URLs name that port: "
                "free it, or give the --port of the earlier demo",
                file=sys.stderr,
            )
            return 2
        print(f"Port {port} is not free ({error}); serving the replica on another port", flush=True)
        server = serve(SampleSite.demo())
    with server:
        print(f"Serving the replica site at {server.base_url}/ and crawling it...", flush=True)
        settings = dict(LOCAL_CRAWL_SETTINGS, LOG_LEVEL=log_level)
        settings.update(NEWSBOT_BASE_URL=server.base_url, NEWSBOT_SQLITE_PATH=str(database))
        outcome = run_crawl("trtworld", settings)
    archive = SqliteArchive(database)
    try:
        overview = read_overview(archive)
    finally:
        archive.close()
    print(crawl_report(overview, outcome.stats))
    return 0 if overview.articles and outcome.finish_reason == "finished" else 1
