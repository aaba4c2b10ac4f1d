"""Memory and CPU per page as the crawl grows: peak RSS and CPU ms/page at several replica sizes.

    python bench/crawl_memory.py [--sizes 2000 10000] [--rounds 1] [--seed 1] [--compare | --compare-queue]

For each size, serves ``python -m newsbot.sample_site --articles N`` in its own process and runs
newsbot's crawl of it (every pipeline, SQLite, politeness off: ``bench/crawl_one.py``) in a child
process; the child's peak RSS and CPU come from ``os.wait4`` (the kernel's accounting of that one
child), its CPU from the first request to the end from the crawl's ``bench/crawl_cpu_s`` stat, and
(``BENCH_TIMED=1``) the CPU ms per article of each part, to show which part grows with the crawl.
``--compare`` also runs each size with the spider keeping Scrapy's cached selector
(``BENCH_KEEP_SELECTOR=1``: the behaviour before the fix), alternating with the default.
``--compare-queue`` alternates with crawls whose scheduler holds pending requests as Scrapy's
``LifoMemoryQueue`` does, whole ``Request`` objects (``BENCH_SCRAPY_QUEUE=1``), instead of
newsbot's ``CompactLifoMemoryQueue``.
Writes the markdown block to bench/results/crawl_memory.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from crawl import machine, serve, write_report  # noqa: E402


def crawl(base_url: str, variant: dict[str, str]) -> dict[str, float]:
    """One newsbot crawl in a child process (``variant``: environment of crawl_one.py): its pages,
    peak RSS (MiB) and CPU figures."""
    with tempfile.TemporaryDirectory() as tmp, open(Path(tmp) / "o", "w+") as out, open(Path(tmp) / "e", "w+") as err:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "BENCH_TIMED": "1", **variant}
        command = [sys.executable, str(ROOT / "bench" / "crawl_one.py"), "newsbot", base_url, str(Path(tmp) / "m.db")]
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)  # the kernel's accounting of this one child
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if child.returncode:
            raise SystemExit(f"crawl failed:\n{err.read()[-3000:]}")
        output = out.read()
    stats = json.loads(output.strip().splitlines()[-1])
    pages = stats["downloader/response_count"]
    return {
        "pages": pages,
        "items": stats.get("item_scraped_count", 0),
        "rss_mib": usage.ru_maxrss / 1024,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "crawl_ms_page": stats["bench/crawl_cpu_s"] * 1000 / pages,
        "gc": stats.get("newsbot/gc/collections", 0),
        "gc_s": stats.get("newsbot/gc/seconds", 0.0),
        "ms": {key.removeprefix("bench/ms/"): value for key, value in stats.items() if key.startswith("bench/ms/")},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    compare = parser.add_mutually_exclusive_group()
    compare.add_argument("--compare", action="store_true", help="also crawl with the cached selector kept")
    compare.add_argument("--compare-queue", action="store_true", help="also crawl with Scrapy's memory queue")
    args = parser.parse_args()
    variants: list[tuple[str, dict[str, str]]] = [("", {})]
    if args.compare:
        variants = [("selector kept (before)", {"BENCH_KEEP_SELECTOR": "1"}), ("selector dropped", {})]
    elif args.compare_queue:
        variants = [("Request objects queued (before)", {"BENCH_SCRAPY_QUEUE": "1"}), ("compact queue", {})]
    rows: dict[tuple[int, str], list[dict[str, float]]] = {}
    for size in args.sizes:
        server, base_url = serve(size, args.seed)
        try:
            for _ in range(args.rounds):
                for name, variant in variants:
                    result = crawl(base_url, variant)
                    rows.setdefault((size, name), []).append(result)
                    print(size, name, result, file=sys.stderr, flush=True)
        finally:
            server.terminate()
            server.wait(timeout=10)
    command = f"python bench/crawl_memory.py --sizes {' '.join(map(str, args.sizes))} --rounds {args.rounds}"
    lines = [
        "### Memory and CPU per page against crawl size",
        f"Command: `{command}{' --compare' if args.compare else ''}{' --compare-queue' if args.compare_queue else ''}`",
        f"Machine: {machine()}",
        "",
        "| articles | spider | pages | items | peak RSS MiB | process CPU s | crawl CPU ms/page | GC runs (s) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for (size, name), results in rows.items():
        for r in results:
            lines.append(
                f"| {size} | {name or 'newsbot'} | {r['pages']} | {r['items']} | {r['rss_mib']:.0f} | "
                f"{r['cpu_s']:.1f} | {r['crawl_ms_page']:.2f} | {r['gc']} ({r['gc_s']:.2f}) |"
            )
    small, large = min(args.sizes), max(args.sizes)
    lines.append("")
    for name, _ in variants:
        rss = [statistics.median(r["rss_mib"] for r in rows[(size, name)]) for size in (small, large)]
        cpu = [statistics.median(r["crawl_ms_page"] for r in rows[(size, name)]) for size in (small, large)]
        lines.append(
            f"- {name or 'newsbot'}: median peak RSS {rss[0]:.0f} MiB at {small}, {rss[1]:.0f} MiB at {large} "
            f"(**{rss[1] / rss[0]:.2f}x**, goal <= 1.3x); crawl CPU {cpu[0]:.2f} ms/page at {small}, "
            f"{cpu[1]:.2f} at {large} (**{cpu[1] / cpu[0] - 1:+.0%}**, goal within 10%)"
        )
    parts = sorted({part for results in rows.values() for r in results for part in r["ms"]})
    lines += ["", "CPU ms per article by part (median of the rounds; `bench/crawl_one.py` `BENCH_TIMED=1`):", ""]
    lines += ["| part | " + " | ".join(f"{size} {name}".strip() for size, name in rows) + " |"]
    lines += ["|---|" + "---|" * len(rows)]
    for part in parts:
        values = [statistics.median(r["ms"].get(part, 0.0) for r in results) for results in rows.values()]
        if max(values) >= 0.005:
            lines.append(f"| {part} | " + " | ".join(f"{value:.2f}" for value in values) + " |")
    write_report("crawl_memory", lines)


if __name__ == "__main__":
    main()
