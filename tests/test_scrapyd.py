"""Deploy the project to a real Scrapyd 1.6 with scrapyd-client 2.0.3 and run a crawl through schedule.json.

Scrapyd runs on 127.0.0.1 on a free port with its own directory and ``scrapyd.conf``; the project
is deployed from a temporary copy (``scrapyd-deploy`` builds the egg with ``setup.py`` in the
project folder, so the working tree is left alone); the crawl reads the replica site and writes
to an absolute SQLite path. Every wait is bounded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from schedule_support import ROOT, check_each_story_stored_once, free_port, rows, stop, stored_stories, wait_for

from newsbot.sample_site import SampleSite, serve

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent


def call(url: str, data: dict[str, Any] | list[tuple[str, str]] | None = None, timeout: float = 10) -> dict[str, Any]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=timeout) as response:  # 127.0.0.1 only
        return json.loads(response.read())


def answers(url: str) -> bool:
    try:
        return call(url, timeout=2).get("status") == "ok"
    except OSError:
        return False


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[str]:
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        f"bind_address = 127.0.0.1\nhttp_port = {port}\n"
        f"eggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\ndbs_dir = {home / 'dbs'}\n"
        "items_dir =\njobs_dir =\nmax_proc = 1\npoll_interval = 0.5\nusername =\npassword =\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SCRAPY_SETTINGS_MODULE")}
    env["HOME"] = str(home)  # no ~/.scrapyd.conf of the user
    with (home / "scrapyd.log").open("w") as log:
        process = subprocess.Popen(
            [str(BIN / "scrapyd"), "--pidfile", str(home / "twistd.pid")], cwd=home, env=env, stdout=log,
            stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        if not wait_for(lambda: answers(url + "daemonstatus.json") or process.poll() is not None, timeout=60):
            pytest.fail("Scrapyd did not start: " + (home / "scrapyd.log").read_text()[-2000:])
        assert process.poll() is None, (home / "scrapyd.log").read_text()[-2000:]
        yield url
    finally:
        stop(process)


def project_copy(destination: Path, scrapyd_url: str) -> Path:
    """The files ``scrapyd-deploy`` needs, with ``scrapy.cfg`` pointing at the test's Scrapyd."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "newsbot", destination / "newsbot", ignore=ignore)
    shutil.copy(ROOT / "setup.py", destination / "setup.py")
    config = (ROOT / "scrapy.cfg").read_text(encoding="utf-8").replace("http://127.0.0.1:6800/", scrapyd_url)
    assert scrapyd_url in config
    (destination / "scrapy.cfg").write_text(config, encoding="utf-8")
    return destination


def test_deploy_schedule_and_crawl_through_scrapyd(scrapyd: str, tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project", scrapyd)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SCRAPY_SETTINGS_MODULE")}
    deploy = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "--version", "1"], cwd=project, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    assert json.loads(deploy.stdout)["status"] == "ok"
    assert call(scrapyd + "listspiders.json?project=newsbot")["spiders"] == ["news", "trtworld"]

    db = tmp_path / "data" / "news.db"  # absolute: Scrapyd crawls in its own directory
    with serve(SampleSite.demo()) as site:
        scheduled = call(
            scrapyd + "schedule.json",
            [("project", "newsbot"), ("spider", "trtworld"),
             ("setting", f"NEWSBOT_BASE_URL={site.base_url}"), ("setting", f"NEWSBOT_SQLITE_PATH={db}"),
             ("setting", "AUTOTHROTTLE_ENABLED=False"), ("setting", "DOWNLOAD_DELAY=0"),
             ("setting", "NEWSBOT_CONTACT=mailto:ops@example.org")],
        )  # fmt: skip
        assert scheduled["status"] == "ok", scheduled
        job = scheduled["jobid"]
        deadline, finished = time.monotonic() + 120, None
        for _ in range(240):  # at most 240 polls, at most 120 s
            jobs = call(scrapyd + "listjobs.json?project=newsbot")
            finished = next((j for j in jobs["finished"] if j["id"] == job), None)
            if finished is not None or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert finished is not None, f"job {job} did not finish: {jobs}"
        assert site.request_counts().get("/robots.txt")

    log = next((tmp_path / "scrapyd" / "logs" / "newsbot" / "trtworld").glob(f"{job}.log")).read_text()
    assert "Spider closed (finished)" in log, log[-3000:]
    stored, copies = stored_stories(db)
    check_each_story_stored_once(site.site, stored, copies)
    reason, stats_json = rows(db, "SELECT finish_reason, stats_json FROM crawl_runs")[0]
    stats = json.loads(stats_json)
    assert reason == "finished" and stats["newsbot/store/new"] == len(stored)
    assert all(str(stats[f"newsbot/health/{check}"]).startswith("ok")  # the Spidermon monitors ran in Scrapyd
               for check in ("storage", "finish", "errors", "coverage", "articles"))  # fmt: skip
