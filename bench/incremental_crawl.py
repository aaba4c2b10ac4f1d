"""Incremental benchmark: a full crawl of a generated replica, then a second run after N new articles.

    python bench/incremental_crawl.py [--articles 2000] [--new 20]

Both runs use the real spider, pipelines and SQLite file, politeness off. Reports requests and
wall time of each run and the ratio (goal: the second run under 5% of the first's requests).
Writes the markdown block to bench/results/incremental.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from crawl import serve, write_report  # noqa: E402


def run(base_url: str, database: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, str(ROOT / "bench" / "crawl_one.py"), "newsbot", base_url, str(database)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--new", type=int, default=20)
    args = parser.parse_args()
    server, base_url = serve(args.articles, seed=1)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            database = Path(tmp) / "news.db"
            full = run(base_url, database)
            publish = urllib.request.Request(f"{base_url}/_control/publish?count={args.new}", method="POST")
            with urllib.request.urlopen(publish, timeout=10) as reply:
                published = json.load(reply)["published"]
            again = run(base_url, database)
    finally:
        server.terminate()
        server.wait(timeout=10)
    rows = [("full", full), ("incremental", again)]
    lines = [
        "### Incremental crawl",
        f"Command: `python bench/incremental_crawl.py --articles {args.articles} --new {args.new}`",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "",
        "| run | requests | responses | new articles stored | skipped as stored | seconds |",
        "|---|---|---|---|---|---|",
    ]
    for name, stats in rows:
        lines.append(
            f"| {name} | {stats.get('downloader/request_count', 0)} | {stats.get('downloader/response_count', 0)} "
            f"| {stats.get('newsbot/store/new', 0)} | {stats.get('newsbot/incremental/skipped', 0)} "
            f"| {float(stats['elapsed_time_seconds']):.1f} |"
        )
    ratio = again.get("downloader/request_count", 0) / max(1, full.get("downloader/request_count", 1))
    time_ratio = float(again["elapsed_time_seconds"]) / float(full["elapsed_time_seconds"])
    lines += [
        "",
        f"{len(published)} articles published between the runs. Second run / first run: requests "
        f"**{ratio:.1%}** (goal < 5%), wall time {time_ratio:.1%}.",
    ]
    write_report("incremental", lines)


if __name__ == "__main__":
    main()
