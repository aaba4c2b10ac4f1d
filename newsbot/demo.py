"""The demo: serve the offline replica site, crawl it into SQLite, print a short report."""

from __future__ import annotations

from pathlib import Path

from newsbot.report import crawl_report
from newsbot.runner import run_crawl
from newsbot.sample_site import SampleSite, serve
from newsbot.storage import SqliteStore

LOCAL_CRAWL_SETTINGS = {
    # the replica runs on this machine: no need to be gentle with it
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "LOG_LEVEL": "WARNING",
}


def run_demo(database: Path, keep: bool = False, log_level: str = "WARNING", port: int = 8765) -> int:
    """Crawl the demo replica into ``database`` (emptied first unless ``keep``); 0 if articles were stored.

    The replica listens on ``port`` (another free port if it is taken, with a note): stored URLs
    include the port, so a ``keep`` run on the same port is an incremental crawl of the same site.
    """
    if not keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    try:
        server = serve(SampleSite.demo(), port=port)
    except OSError as error:
        print(f"Port {port} is not free ({error}); serving the replica on another port", flush=True)
        server = serve(SampleSite.demo())
    with server:
        print(f"Serving the replica site at {server.base_url}/ and crawling it...", flush=True)
        settings = dict(LOCAL_CRAWL_SETTINGS, LOG_LEVEL=log_level)
        settings.update(NEWSBOT_BASE_URL=server.base_url, NEWSBOT_SQLITE_PATH=str(database))
        outcome = run_crawl("trtworld", settings)
    with SqliteStore(database) as store:
        print(crawl_report(store, outcome.stats))
        stored = store.query("SELECT COUNT(*) FROM articles")[0][0]
    return 0 if stored and outcome.finish_reason == "finished" else 1
