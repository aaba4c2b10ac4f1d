"""Crawl benchmark: newsbot against a bare Scrapy spider over the same generated replica.

    python bench/crawl.py [--articles 2000] [--rounds 2] [--seed 1]

Serves ``python -m newsbot.sample_site --articles N`` in its own process, then crawls it with
the bare spider and with newsbot (every pipeline, SQLite storage), alternating, each crawl in a
fresh process with politeness off. Reports pages/s of both and their ratio, then the CPU time per
article of extraction + cleaning + storage measured in-process on saved pages. Writes the
markdown block to bench/results/crawl.md.
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
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def serve(articles: int, seed: int) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "newsbot.sample_site", "--port", "0", "--articles", str(articles), "--seed", str(seed)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
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


def crawl(kind: str, base_url: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, str(ROOT / "bench" / "crawl_one.py"), kind, base_url, str(Path(tmp) / "b.db")]
        started = time.perf_counter()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
        if result.returncode:
            raise SystemExit(f"{kind} crawl failed:\n{result.stderr[-3000:]}")
        wall = time.perf_counter() - started
    stats = json.loads(result.stdout.strip().splitlines()[-1])
    pages = stats.get("downloader/response_count", 0)
    elapsed = float(stats.get("elapsed_time_seconds") or wall)
    return {"pages": pages, "elapsed": elapsed, "rate": pages / elapsed, "items": stats.get("item_scraped_count", 0)}


def cpu_per_article(base_url: str, sample: int) -> dict[str, float]:
    """CPU ms per article of extraction + cleaning, and of storage, on ``sample`` saved pages."""
    from scrapy.http import HtmlResponse

    from newsbot.cleaning import clean_article
    from newsbot.extraction import extract_article
    from newsbot.extraction.trtworld import canonicaliser
    from newsbot.items import item_to_dict
    from newsbot.storage import SqliteStore

    with urllib.request.urlopen(f"{base_url}/feed/rss.xml", timeout=10) as feed:
        text = feed.read().decode()
    links = [part.split("</link>")[0] for part in text.split("<link>")[1:] if "/article/" in part]
    pages = []
    frontier = list(dict.fromkeys(links))
    while frontier and len(pages) < sample:
        url = frontier.pop(0)
        with urllib.request.urlopen(url, timeout=10) as reply:
            pages.append(HtmlResponse(url=url, body=reply.read(), headers={"Content-Type": "text/html; charset=utf-8"}))
        frontier += [link.url for link in extract_article(pages[-1]).relatedLinks if link.url not in frontier]
    urls = canonicaliser(base_url)
    started = time.process_time()
    items = [clean_article(extract_article(page, urls, clean=False), urls) for page in pages]
    extract_ms = (time.process_time() - started) * 1000 / len(pages)
    with tempfile.TemporaryDirectory() as tmp, SqliteStore(Path(tmp) / "s.db") as store:
        started = time.process_time()
        for item in items:
            store.store_article(item_to_dict(item))
            if store.batch_full:
                store.flush()
        store.flush()
        store_ms = (time.process_time() - started) * 1000 / len(items)
    return {"pages": len(pages), "extract_clean_ms": extract_ms, "store_ms": store_ms}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ablation", action="store_true", help="also one run without dedup, one without pipelines")
    parser.add_argument("--sample", type=int, default=300, help="pages for the CPU-per-article measurement")
    args = parser.parse_args()
    server, base_url = serve(args.articles, args.seed)
    try:
        runs: dict[str, list[dict[str, float]]] = {"bare": [], "newsbot": []}
        for _ in range(args.rounds):
            for kind in ("bare", "newsbot"):
                runs[kind].append(crawl(kind, base_url))
                print(kind, runs[kind][-1], file=sys.stderr, flush=True)
        for kind in ("newsbot-no-dedup", "newsbot-no-pipelines") if args.ablation else ():
            runs[kind] = [crawl(kind, base_url)]
            print(kind, runs[kind][-1], file=sys.stderr, flush=True)
        cpu = cpu_per_article(base_url, args.sample)
    finally:
        server.terminate()
        server.wait(timeout=10)
    bare = statistics.median(r["rate"] for r in runs["bare"])
    ours = statistics.median(r["rate"] for r in runs["newsbot"])
    lines = [
        "### Crawl throughput",
        f"Command: `python bench/crawl.py --articles {args.articles} --rounds {args.rounds}"
        f"{' --ablation' if args.ablation else ''}`",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}",
        "",
        "| spider | pages | items | seconds | pages/s |",
        "|---|---|---|---|---|",
    ]
    for kind, results in runs.items():
        for r in results:
            lines.append(f"| {kind} | {r['pages']} | {r['items']} | {r['elapsed']:.1f} | {r['rate']:.1f} |")
    lines += [
        "",
        f"Median pages/s: bare {bare:.1f}, newsbot {ours:.1f}; "
        f"ratio newsbot/bare = **{ours / bare:.2f}** (goal >= 0.8).",
        f"CPU per article ({cpu['pages']} pages, in-process, `time.process_time`): extraction + cleaning "
        f"{cpu['extract_clean_ms']:.2f} ms, SQLite storage {cpu['store_ms']:.2f} ms.",
    ]
    write_report("crawl", lines)


if __name__ == "__main__":
    main()
