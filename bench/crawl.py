"""Crawl benchmark: newsbot against a bare Scrapy spider over the same generated replica.

    python bench/crawl.py [--articles 2000] [--rounds 5] [--seed 1] [--kinds bare newsbot ...] [--timed 1]

Serves ``python -m newsbot.sample_site --articles N`` in its own process, then crawls it once per
kind in each round (``bench/crawl_one.py``: ``bare``, ``newsbot``, ``newsbot-items100``,
``newsbot-no-dedup``, ``newsbot-no-pipelines``, ``newsbot-passthrough``: newsbot's pipelines each
returning the item untouched; ``peer``: what a user would write instead, Scrapy + trafilatura +
datasketch's MinHashLSH + sqlite3), each crawl in a fresh process with politeness off.
``--page-kb N`` serves article pages grown to about N KB (bench/real_sized_site.py), as real pages are.
The bare spider has newsbot's GC thresholds and requests each article once (see crawl_one.py).
Reports pages/s and CPU ms/page of every crawl, and for each kind its ratio to the bare spider of
the same round (min / median / max over rounds). ``--timed N`` adds N newsbot crawls with
``BENCH_TIMED=1``: CPU ms per article of each part (extraction, each pipeline, each worker-thread
job), measured inside the crawl. Writes the markdown block to bench/results/crawl.md.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def serve(articles: int, seed: int, page_kb: int = 0) -> tuple[subprocess.Popen[str], str]:
    """The replica in its own process (``page_kb``: article pages grown to real size, bench/real_sized_site.py)."""
    if page_kb:
        command = [sys.executable, str(ROOT / "bench" / "real_sized_site.py"), "--page-kb", str(page_kb)]
    else:
        command = [sys.executable, "-m", "newsbot.sample_site"]
    command += ["--port", "0", "--articles", str(articles), "--seed", str(seed)]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline().strip() if server.stdout else ""
    if not line.startswith("Serving "):
        server.kill()
        raise SystemExit(f"the replica did not start: {line!r}")
    return server, line.removeprefix("Serving ").rstrip("/")


def machine() -> str:
    """One line describing this machine and how busy it is (for every report)."""
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}, load average {load}"
    )


def write_report(name: str, lines: list[str]) -> None:
    """Print a markdown report and keep it as bench/results/<name>.md."""
    report = "\n".join(lines)
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / f"{name}.md").write_text(report + "\n")
    print(report)


def crawl(kind: str, base_url: str, timed: bool = False) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, str(ROOT / "bench" / "crawl_one.py"), kind, base_url, str(Path(tmp) / "b.db")]
        started = time.perf_counter()
        env = {**os.environ, "PYTHONPATH": str(ROOT), "BENCH_TIMED": "1" if timed else "0"}
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
        if result.returncode:
            raise SystemExit(f"{kind} crawl failed:\n{result.stderr[-3000:]}")
        wall = time.perf_counter() - started
    stats = json.loads(result.stdout.strip().splitlines()[-1])
    pages = stats.get("downloader/response_count", 0)
    elapsed = float(stats.get("elapsed_time_seconds") or wall)
    return {
        "pages": pages,
        "elapsed": elapsed,
        "rate": pages / elapsed,
        "items": stats.get("item_scraped_count", 0),
        "cpu_ms_page": float(stats.get("bench/crawl_cpu_s", 0.0)) * 1000 / max(pages, 1),
        "ms": {key.removeprefix("bench/ms/"): value for key, value in stats.items() if key.startswith("bench/ms/")},
    }


def items_overhead(counts: tuple[int, ...] = (1, 8, 16, 100), responses: int = 2000) -> dict[int, float]:
    """CPU µs per response that Scrapy spends dispatching a callback's output (one item, two requests:
    an article page) with ``CONCURRENT_ITEMS = count``: it starts ``count`` worker tasks per
    response whatever the output holds. Measured on Scrapy's own dispatcher with a no-op handler."""
    import asyncio

    from scrapy.utils.asyncio import _parallel_asyncio

    async def handle(output: object, response: object) -> None:
        return None

    async def measure() -> dict[int, float]:
        spent: dict[int, list[float]] = {count: [] for count in counts}
        for _ in range(3):
            for count in counts:
                started = time.process_time()
                for _ in range(responses):
                    await _parallel_asyncio(iter(("item", "request", "request")), count, handle, None)
                spent[count].append((time.process_time() - started) * 1e6 / responses)
        return {count: min(values) for count, values in spent.items()}

    return asyncio.run(measure())


def spread(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kinds", nargs="+", default=["bare", "newsbot"], help="crawled in this order each round")
    parser.add_argument("--timed", type=int, default=0, help="newsbot crawls with per-part CPU timing")
    parser.add_argument("--page-kb", type=int, default=0, help="grow article pages to about this size (real: ~250)")
    args = parser.parse_args()
    if "bare" not in args.kinds:
        parser.error("--kinds must include bare (the yardstick)")
    server, base_url = serve(args.articles, args.seed, args.page_kb)
    try:
        runs: dict[str, list[dict]] = {kind: [] for kind in args.kinds}
        for _ in range(args.rounds):
            for kind in args.kinds:
                runs[kind].append(crawl(kind, base_url))
                print(kind, {k: v for k, v in runs[kind][-1].items() if k != "ms"}, file=sys.stderr, flush=True)
        timed = [crawl("newsbot", base_url, timed=True) for _ in range(args.timed)]
    finally:
        server.terminate()
        server.wait(timeout=10)
    kinds = " ".join(args.kinds)
    lines = [
        "### Crawl throughput",
        f"Command: `python bench/crawl.py --articles {args.articles} --rounds {args.rounds} --kinds {kinds}"
        f"{f' --timed {args.timed}' if args.timed else ''}{f' --page-kb {args.page_kb}' if args.page_kb else ''}`",
        f"Machine: {machine()}",
        "",
        "| round | spider | pages | items | seconds | pages/s | crawl CPU ms/page |",
        "|---|---|---|---|---|---|---|",
    ]
    for number in range(args.rounds):
        for kind in args.kinds:
            r = runs[kind][number]
            lines.append(
                f"| {number + 1} | {kind} | {r['pages']} | {r['items']} | {r['elapsed']:.1f} | {r['rate']:.1f} | "
                f"{r['cpu_ms_page']:.2f} |"
            )
    lines += ["", "| spider | pages/s min / median / max | ratio to bare, same round: min / median / max |"]
    lines.append("|---|---|---|")
    for kind in args.kinds:
        ratios = [r["rate"] / bare["rate"] for r, bare in zip(runs[kind], runs["bare"], strict=True)]
        lines.append(f"| {kind} | {spread([r['rate'] for r in runs[kind]])} | **{spread(ratios)}** |")
    if "newsbot" in runs:
        ratios = [r["rate"] / bare["rate"] for r, bare in zip(runs["newsbot"], runs["bare"], strict=True)]
        lines += ["", f"newsbot / bare, median of paired rounds: **{statistics.median(ratios):.2f}**."]
        cpu_per_article = [
            r["cpu_ms_page"] * r["pages"] / max(r["items"], 1) / bare["cpu_ms_page"]
            for r, bare in zip(runs["newsbot"], runs["bare"], strict=True)
        ]
        lines.append(
            "newsbot CPU per stored article / bare CPU per page, median of paired rounds: "
            f"**{statistics.median(cpu_per_article):.2f}** (goal <= 2)."
        )
        if "peer" in runs:
            peer = [r["rate"] / p["rate"] for r, p in zip(runs["newsbot"], runs["peer"], strict=True)]
            lines.append(
                f"newsbot / peer (Scrapy + trafilatura + datasketch LSH + sqlite3), pages/s, median of paired rounds: "
                f"**{statistics.median(peer):.2f}** (min {min(peer):.2f}, max {max(peer):.2f})."
            )
    if timed:
        parts = sorted({part for run in timed for part in run["ms"]})
        lines += [
            "",
            f"CPU ms per article inside a newsbot crawl ({len(timed)} crawl(s) with `BENCH_TIMED=1`, "
            "`time.thread_time` of each part on the thread it runs on; median):",
            "",
            "| part | CPU ms per article |",
            "|---|---|",
        ]
        total = 0.0
        for part in parts:
            value = statistics.median(run["ms"].get(part, 0.0) for run in timed)
            total += value
            if value >= 0.005:
                lines.append(f"| {part} | {value:.2f} |")
        lines.append(f"| **all parts** | **{total:.2f}** |")
    overhead = items_overhead()
    lines += [
        "",
        "Scrapy's dispatch of one article page's output (1 item, 2 requests), CPU µs per response by "
        "`CONCURRENT_ITEMS` (best of 3 x 2,000, no-op handler): "
        + ", ".join(f"{count}: {value:.0f}" for count, value in overhead.items())
        + ".",
    ]
    write_report("crawl", lines)


if __name__ == "__main__":
    main()
