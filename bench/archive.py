"""The archive bench: an incremental crawl on a 2k archive and on the same archive grown to 1M stories.

    python bench/archive.py [--stories 1000000] [--replica 2000] [--backends sqlite postgresql]
                            [--folder /tmp] [--postgres URL]

For each backend: serves the replica (``python -m newsbot.sample_site``), crawls it whole into a
new store (SQLite file under ``--folder``, or a new schema of the ``--postgres`` database), runs
the same crawl again (incremental: the stored articles are skipped) and measures it; then adds
``--stories`` generated stories with plain SQL (:mod:`newsbot.archive.synthetic`: COPY on
PostgreSQL), runs the same incremental crawl once more and measures it, and reads the store's
figures (``db stats``: bytes on disk per story against the item JSON it holds). Each crawl runs in
a child process (real spider, every pipeline, politeness off, as ``bench/crawl_one.py``); its peak
RSS is the kernel's high-water mark of that process (``VmHWM`` in ``/proc``, polled until it ends:
``wait4``'s ``ru_maxrss`` would keep the parent's pre-``exec`` peak), its time to the first request
the ``bench/startup_wall_s`` stat (process age when the first request is scheduled). The big
stores are deleted at the end. Writes the markdown block to bench/results/archive.md (with one
backend: archive-<backend>.md).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from crawl import machine, serve, write_report  # noqa: E402

POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"


def peak_rss(pid: int) -> int:
    """The kernel's high-water mark of process ``pid``'s resident memory (``VmHWM``), bytes; 0 once gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            return 1024 * int(next(line for line in status if line.startswith("VmHWM")).split()[1])
    except (OSError, StopIteration, ValueError):
        return 0


def measured_crawl(base_url: str, store: str, folder: Path) -> dict[str, Any]:
    """One crawl of the replica into ``store`` in a child process: its stats, wall seconds, peak RSS."""
    command = [sys.executable, str(Path(__file__).resolve()), "--crawl", base_url, store]
    name = uuid.uuid4().hex[:6]
    out_path, err_path = folder / f"crawl-{name}.out", folder / f"crawl-{name}.err"
    started = time.monotonic()
    with out_path.open("w") as out, err_path.open("w") as err:
        child = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=out, stderr=err)
        peak = 0
        while True:
            peak = max(peak, peak_rss(child.pid))
            pid, status, _ = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.02)
    seconds = time.monotonic() - started
    output, errors = out_path.read_text(), err_path.read_text()
    out_path.unlink(), err_path.unlink()
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"crawl failed:\n{errors[-3000:]}")
    stats = json.loads(output.strip().splitlines()[-1])
    return {"stats": stats, "wall_s": seconds, "rss_mib": peak / 2**20}


def crawl_here(base_url: str, store: str) -> None:
    """The child: newsbot's crawl of the replica into ``store`` with the bench clock; stats as JSON."""
    from crawl_one import FAST
    from scrapy.utils.project import get_project_settings

    from newsbot.runner import run_crawl

    extensions = {**get_project_settings().getdict("EXTENSIONS"), "crawl_one.CpuClock": 1}
    settings = dict(FAST, NEWSBOT_BASE_URL=base_url, NEWSBOT_DATABASE_URL=store, NEWSBOT_FOLLOW_DEPTH=1000)
    settings["EXTENSIONS"] = extensions
    stats = run_crawl("trtworld", settings).stats
    print(json.dumps(stats, default=str))


def new_store(backend: str, folder: Path, postgres: str) -> tuple[str, Any]:
    """A new empty store of ``backend``: its URL and how to remove it."""
    if backend == "sqlite":
        path = folder / f"archive-{uuid.uuid4().hex[:6]}.sqlite3"

        def remove() -> None:
            for suffix in ("", "-wal", "-shm", ".lock"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)

        return f"sqlite:///{path}", remove
    import psycopg

    schema = f"bench_archive_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(postgres, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")

    def drop() -> None:
        with psycopg.connect(postgres, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")

    return f"{postgres}?options=-csearch_path%3D{schema}", drop


def store_figures(store: str) -> dict[str, Any]:
    from newsbot.storage.maintenance import Maintenance

    with Maintenance(store) as maintenance:
        figures = maintenance.stats()
    return {
        "articles": figures.articles,
        "bytes": figures.total_bytes,
        "text": figures.text_bytes,
        "tables": {table.name: table.bytes for table in figures.tables},
    }


def bench_backend(backend: str, base_url: str, args: argparse.Namespace) -> dict[str, Any]:
    from newsbot.archive.synthetic import fill

    store, remove = new_store(backend, args.folder, args.postgres)
    try:
        full = measured_crawl(base_url, store, args.folder)
        print(backend, "full crawl", round(full["wall_s"], 1), "s", file=sys.stderr, flush=True)
        small = measured_crawl(base_url, store, args.folder)
        small_figures = store_figures(store)
        print(backend, "incremental on the small archive", small["wall_s"], file=sys.stderr, flush=True)
        started = time.monotonic()
        fill(store, args.stories, seed=args.seed)
        fill_s = time.monotonic() - started
        print(backend, "filled", args.stories, "in", round(fill_s), "s", file=sys.stderr, flush=True)
        large = measured_crawl(base_url, store, args.folder)
        print(backend, "incremental on the large archive", large["wall_s"], file=sys.stderr, flush=True)
        large_figures = store_figures(store)
    finally:
        remove()
    return {"full": full, "small": small, "large": large, "fill_s": fill_s,
            "small_figures": small_figures, "large_figures": large_figures}  # fmt: skip


def crawl_row(label: str, stories: int, crawl: dict[str, Any]) -> str:
    stats = crawl["stats"]
    return (
        f"| {label} | {stories:,} | {stats.get('downloader/request_count', 0)} "
        f"| {stats.get('newsbot/incremental/skipped', 0)} | {float(stats['bench/startup_wall_s']):.2f} "
        f"| {crawl['wall_s']:.1f} | {crawl['rss_mib']:.0f} |"
    )


def figures_row(label: str, figures: dict[str, Any]) -> str:
    articles = max(1, figures["articles"])
    per_story, text = figures["bytes"] / articles, figures["text"] / articles
    tables = ", ".join(f"{name} {size / articles:,.0f}" for name, size in figures["tables"].items() if size)
    return (
        f"| {label} | {figures['articles']:,} | {figures['bytes'] / 2**30:.2f} GiB | {per_story / 1024:.1f} KiB "
        f"| {text / 1024:.1f} KiB | **{per_story / max(text, 1):.2f}x** | {tables} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1_000_000, help="generated stories added to the archive")
    parser.add_argument("--replica", type=int, default=2000, help="articles of the replica crawled first")
    parser.add_argument("--backends", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite", "postgresql"])
    parser.add_argument("--folder", type=Path, default=Path("/tmp"), help="where the SQLite files go (deleted)")
    parser.add_argument("--postgres", default=POSTGRES, help="database in which a new schema is made (dropped)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--crawl", nargs=2, metavar=("BASE_URL", "STORE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.crawl:
        crawl_here(*args.crawl)
        return
    server, base_url = serve(args.replica, args.seed)
    results: dict[str, dict[str, Any]] = {}
    try:
        for backend in args.backends:
            results[backend] = bench_backend(backend, base_url, args)
    finally:
        server.terminate()
        server.wait(timeout=10)
    backends = " ".join(args.backends)
    command = f"python bench/archive.py --stories {args.stories} --replica {args.replica} --backends {backends}"
    lines = [
        "### Incremental crawl against the archive's size",
        f"Command: `{command}`",
        f"Machine: {machine()}",
        "",
        "| backend, crawl | stored stories | requests | skipped as stored | time to first request s | wall s"
        " | peak RSS MiB |",
        "|---|---|---|---|---|---|---|",
    ]
    for backend, result in results.items():
        small_n, large_n = result["small_figures"]["articles"], result["large_figures"]["articles"]
        lines.append(crawl_row(f"{backend}, full crawl of the replica", 0, result["full"]))
        lines.append(crawl_row(f"{backend}, incremental", small_n, result["small"]))
        lines.append(crawl_row(f"{backend}, incremental", large_n, result["large"]))
    lines += ["", "Large / small archive:"]
    for backend, result in results.items():
        small, large = result["small"], result["large"]
        first = float(large["stats"]["bench/startup_wall_s"]) - float(small["stats"]["bench/startup_wall_s"])
        lines.append(
            f"- {backend}: peak RSS **{large['rss_mib'] / small['rss_mib']:.2f}x** (goal <= 1.3x), time to the first "
            f"request **+{first:.1f} s** (goal <= +2 s); {args.stories:,} stories generated in {result['fill_s']:.0f} s"
        )
    lines += [
        "",
        "| store | stories | on disk | per story | item JSON per story | ratio | bytes per story by table |",
        "|---|---|---|---|---|---|---|",
    ]
    for backend, result in results.items():
        lines.append(figures_row(f"{backend}, replica crawl", result["small_figures"]))
        lines.append(figures_row(f"{backend}, grown archive", result["large_figures"]))
    write_report("archive" if len(args.backends) > 1 else f"archive-{args.backends[0]}", lines)


if __name__ == "__main__":
    main()
