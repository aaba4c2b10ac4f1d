"""The crawl bar of two source trees in one run, alternating: what a change did to pages/s, CPU, memory.

    python bench/crawl_trees.py OLD_TREE NEW_TREE [--articles 2000] [--rounds 5] [--kinds bare newsbot]

Each tree is a checkout of newsbot (``git archive <commit> | tar -x -C DIR``). One replica
(``python -m newsbot.sample_site`` of NEW_TREE) is served in its own process; every crawl is a
fresh process of that tree's ``bench/crawl_one.py`` (cwd and ``PYTHONPATH`` the tree), politeness
off. Rounds alternate which tree goes first. Reads pages/s, crawl CPU ms/page, peak RSS and CPU
before the first request from the ``bench/*`` stats, and prints a markdown block: every crawl, then
per kind the medians of each tree and the median of the per-round new/old ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def serve(tree: Path, articles: int, seed: int) -> tuple[subprocess.Popen[str], str]:
    """The replica of ``tree`` in its own process, and its base URL."""
    command = [
        sys.executable,
        "-m",
        "newsbot.sample_site",
        "--port",
        "0",
        "--articles",
        str(articles),
        "--seed",
        str(seed),
    ]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    server = subprocess.Popen(command, cwd=tree, env=env, stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline().strip() if server.stdout else ""
    if not line.startswith("Serving "):
        server.kill()
        raise SystemExit(f"the replica did not start: {line!r}")
    return server, line.removeprefix("Serving ").rstrip("/")


def crawl(tree: Path, kind: str, base_url: str) -> dict[str, float]:
    """One crawl by ``tree``'s ``bench/crawl_one.py`` in a fresh process, and what it measured."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, str(tree / "bench" / "crawl_one.py"), kind, base_url, str(Path(tmp) / "b.db")]
        env = {**os.environ, "PYTHONPATH": str(tree), "BENCH_TIMED": "0"}
        started = time.perf_counter()
        result = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, timeout=600)
        wall = time.perf_counter() - started
        if result.returncode:
            raise SystemExit(f"{tree} {kind} failed:\n{result.stderr[-3000:]}")
    stats = json.loads(result.stdout.strip().splitlines()[-1])
    pages = stats.get("downloader/response_count", 0)
    elapsed = float(stats.get("elapsed_time_seconds") or wall)
    return {
        "pages": pages,
        "items": stats.get("item_scraped_count", 0),
        "elapsed": elapsed,
        "rate": pages / elapsed,
        "cpu_ms_page": float(stats.get("bench/crawl_cpu_s", 0.0)) * 1000 / max(pages, 1),
        "rss_mib": float(stats.get("bench/maxrss_kib", 0)) / 1024,
        "startup_cpu_s": float(stats.get("bench/startup_cpu_s", 0.0)),
        "load": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kinds", nargs="+", default=["bare", "newsbot"])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    trees = {"old": args.old.resolve(), "new": args.new.resolve()}
    server, base_url = serve(trees["new"], args.articles, args.seed)
    runs: list[tuple[int, str, str, dict[str, float]]] = []
    try:
        for number in range(args.rounds):
            order = ["old", "new"] if number % 2 == 0 else ["new", "old"]
            for name in order:
                for kind in args.kinds:
                    result = crawl(trees[name], kind, base_url)
                    runs.append((number + 1, name, kind, result))
                    print(number + 1, name, kind, result, file=sys.stderr, flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    lines = [
        f"Command: `python bench/crawl_trees.py OLD NEW --articles {args.articles} --rounds {args.rounds} "
        f"--kinds {' '.join(args.kinds)}`",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average at end {load}",
        f"Trees: old = {trees['old']}, new = {trees['new']}",
        "",
        "| round | tree | spider | pages | items | seconds | pages/s | crawl CPU ms/page | peak RSS MiB "
        "| start-up CPU s | load (1 min) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for number, name, kind, r in runs:
        lines.append(
            f"| {number} | {name} | {kind} | {r['pages']} | {r['items']} | {r['elapsed']:.1f} | {r['rate']:.1f} | "
            f"{r['cpu_ms_page']:.2f} | {r['rss_mib']:.0f} | {r['startup_cpu_s']:.2f} | {r['load']:.2f} |"
        )
    lines += [
        "",
        "| spider | measure | old median | new median | new/old (median of per-round ratios) |",
        "|---|---|---|---|---|",
    ]
    for kind in args.kinds:
        for key, label in (
            ("rate", "pages/s"),
            ("cpu_ms_page", "CPU ms/page"),
            ("rss_mib", "peak RSS MiB"),
            ("startup_cpu_s", "start-up CPU s"),
        ):
            old = {n: r[key] for n, t, k, r in runs if t == "old" and k == kind}
            new = {n: r[key] for n, t, k, r in runs if t == "new" and k == kind}
            ratios = [new[n] / old[n] for n in old if old[n]]
            lines.append(
                f"| {kind} | {label} | {statistics.median(old.values()):.2f} | {statistics.median(new.values()):.2f} | "
                f"{statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f}) |"
            )
    for name in ("old", "new"):
        if "newsbot" in args.kinds and "bare" in args.kinds:
            nb = {n: r["rate"] for n, t, k, r in runs if t == name and k == "newsbot"}
            bare = {n: r["rate"] for n, t, k, r in runs if t == name and k == "bare"}
            ratios = [nb[n] / bare[n] for n in nb]
            lines.append(f"\n{name}: newsbot/bare pages/s, median of rounds: {statistics.median(ratios):.3f}")
    report = "\n".join(lines)
    if args.out:
        args.out.write_text(report + "\n")
    print(report)


if __name__ == "__main__":
    main()
