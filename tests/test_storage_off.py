"""``NEWSBOT_SQLITE_PATH=""``: a crawl with storage off writes no database and still exports its items.

What a crawl with storage off is (README, settings table): no storage, no dedup, no incremental
skips; items go only to the feed exports (``-O``/``FEEDS``). Its exit code under
``python -m newsbot crawl`` is decided by the health checks as for any crawl: 0 when the crawl is
healthy (storage off is a choice, not a fault), 4 when no article was extracted, 6 when downloads
fail, and so on; the summary says that storage is off and shows "stored 0".

Each crawl runs in a working folder of its own, with the project's settings module, so that a
database created by mistake at the default relative path (``data/newsbot.sqlite3``) would be seen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from schedule_support import LOCAL, ROOT, article_id

from newsbot.sample_site import SampleSite
from newsbot.sample_site.server import RunningServer

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow


def run_in(folder: Path, temp: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """Run ``python <command>`` in ``folder`` with the project's settings and ``temp`` as TMPDIR."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "newsbot.settings", "TMPDIR": str(temp)}
    return subprocess.run([sys.executable, *command], cwd=folder, env=env, capture_output=True, text=True, timeout=180)


def folders(tmp_path: Path) -> tuple[Path, Path]:
    work, temp = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    temp.mkdir()
    return work, temp


def files_in(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*")}


def exported_ids(export: Path) -> list[str]:
    return [article_id(json.loads(line)["canonicalUrl"]) for line in export.read_text().splitlines()]


def every_whole_page(site: SampleSite) -> list[str]:
    """Without dedup every article page the replica serves whole is exported once, copies included."""
    return sorted(a.id for a in site.articles.values() if not a.truncated)


def test_scrapy_crawl_with_storage_off_exports_every_item_and_creates_no_file(
    replica: RunningServer, tmp_path: Path
) -> None:
    work, temp = folders(tmp_path)
    settings = [*LOCAL, "-s", f"NEWSBOT_BASE_URL={replica.base_url}", "-s", "NEWSBOT_SQLITE_PATH="]
    done = run_in(work, temp, "-m", "scrapy", "crawl", "trtworld", "-O", "items.jsonl", *settings)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Spider closed (finished)" in done.stderr
    assert files_in(work) == {"items.jsonl"} and files_in(temp) == set()
    assert sorted(exported_ids(work / "items.jsonl")) == every_whole_page(replica.site)


def test_the_crawl_command_with_storage_off_exits_0_and_says_storage_is_off(
    replica: RunningServer, tmp_path: Path
) -> None:
    work, temp = folders(tmp_path)
    feeds = json.dumps({"items.jsonl": {"format": "jsonlines"}})
    settings = [
        *LOCAL,
        "-s",
        f"NEWSBOT_BASE_URL={replica.base_url}",
        "-s",
        "NEWSBOT_SQLITE_PATH=",
        "-s",
        f"FEEDS={feeds}",
    ]
    done = run_in(work, temp, "-m", "newsbot", "crawl", "trtworld", *settings)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    summary = done.stdout
    assert "trtworld OK (exit 0: ok)" in summary
    assert "stored 0 (0 new, 0 revised)" in summary
    assert "database: none (NEWSBOT_SQLITE_PATH is empty: storage, dedup and incremental crawling are off)" in summary
    expected = every_whole_page(replica.site)
    assert f"[ok    ] articles: {len(expected)} valid articles extracted" in summary
    assert files_in(work) == {"items.jsonl"}
    assert {name for name in files_in(temp) if not name.endswith(".lock")} == set()  # the crawl lock only
    assert sorted(exported_ids(work / "items.jsonl")) == expected
