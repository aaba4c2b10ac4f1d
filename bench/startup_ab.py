"""Start-up of a crawl process from two source trees, alternating: what one change costs before the first request.

    python bench/startup_ab.py BEFORE_TREE AFTER_TREE [--rounds 7] [--articles 50]

Each tree is a checkout of newsbot (``git archive <commit> | tar -x -C DIR``). Serves one small
replica, then runs ``bench/crawl_one.py newsbot`` of each tree in turn (a fresh process each,
``PYTHONPATH`` the tree), ``--rounds`` times, and reads the CPU and wall seconds from process start
to the first scheduled request (``bench/startup_cpu_s``, ``bench/startup_wall_s``) and the
crawl's whole CPU time; then ``python -m newsbot report`` of the same tree over the database that
crawl wrote (a command a user runs by hand), CPU and wall seconds. One more run of each under
``python -X importtime`` counts its modules and the import time of the packages that differ.
Writes the markdown block to bench/results/startup_ab.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from crawl import machine, serve, write_report  # noqa: E402
from startup import imports  # noqa: E402


def child(tree: Path, arguments: list[str]) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """``python <arguments>`` with ``tree``'s code in a fresh process: the result, its CPU and wall seconds."""
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(tree)}
    result = subprocess.run(
        [sys.executable, *arguments], cwd=tree, env=env, capture_output=True, text=True, timeout=600
    )
    wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        raise SystemExit(f"{arguments} of {tree} failed:\n{result.stderr[-3000:]}")
    return result, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def crawl(tree: Path, base_url: str, importtime: bool = False) -> tuple[dict[str, object], float, str, list[float]]:
    """One crawl by ``tree``'s code: its stats, its CPU seconds, its stderr; then the CPU and wall
    seconds of ``python -m newsbot report`` over the database it wrote."""
    flags = ["-X", "importtime"] if importtime else []
    with tempfile.TemporaryDirectory() as tmp:
        result, cpu, _ = child(tree, [*flags, str(tree / "bench" / "crawl_one.py"), "newsbot", base_url, f"{tmp}/s.db"])
        _, report_cpu, report_wall = child(tree, ["-m", "newsbot", "report", "--db", f"{tmp}/s.db"])
    return json.loads(result.stdout.strip().splitlines()[-1]), cpu, result.stderr, [report_cpu, report_wall]


def spread(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--articles", type=int, default=50)
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    server, base_url = serve(args.articles, 1)
    runs: dict[str, list[tuple[dict[str, object], float, list[float]]]] = {name: [] for name in trees}
    traced: dict[str, str] = {}
    try:
        for _ in range(args.rounds):
            for name, tree in trees.items():
                stats, cpu, _, report = crawl(tree, base_url)
                runs[name].append((stats, cpu, report))
        for name, tree in trees.items():
            traced[name] = crawl(tree, base_url, importtime=True)[2]
    finally:
        server.terminate()
        server.wait(timeout=10)
    lines = [
        "### Start-up A/B: two trees",
        f"Command: `python bench/startup_ab.py BEFORE AFTER --rounds {args.rounds} --articles {args.articles}`",
        f"Machine: {machine()}",
        "",
        f"Trees: before `{trees['before']}`, after `{trees['after']}`; min / median / max of {args.rounds} "
        "fresh processes each, alternating:",
        "",
        "| tree | CPU s to first request | wall s to first request | CPU s of the whole crawl | items "
        "| `report` CPU s | `report` wall s |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, results in runs.items():
        first_cpu = [float(stats["bench/startup_cpu_s"]) for stats, _, _ in results]  # type: ignore[arg-type]
        first_wall = [float(stats["bench/startup_wall_s"]) for stats, _, _ in results]  # type: ignore[arg-type]
        whole = [cpu for _, cpu, _ in results]
        items = sorted({int(stats.get("item_scraped_count", 0)) for stats, _, _ in results})  # type: ignore[call-overload]
        report_cpu, report_wall = [report[0] for *_, report in results], [report[1] for *_, report in results]
        lines.append(
            f"| {name} | {spread(first_cpu)} | {spread(first_wall)} | {spread(whole)} | {items} "
            f"| {spread(report_cpu)} | {spread(report_wall)} |"
        )
    packages: dict[str, dict[str, int]] = {}
    for name, stderr in traced.items():
        own: dict[str, int] = defaultdict(int)
        for self_us, _, _, module in imports(stderr):
            own[module.split(".")[0]] += self_us
        packages[name] = own
        total = sum(own.values())
        lines.append("")
        lines.append(
            f"{name}: {len(imports(stderr))} modules imported, {total / 1e6:.2f} s of import time (`-X importtime`),"
            f" newsbot's own modules {own.get('newsbot', 0) / 1e6:.3f} s (self time)"
        )
    differing = sorted(
        set(packages["before"]) ^ set(packages["after"]),
        key=lambda package: -max(packages["before"].get(package, 0), packages["after"].get(package, 0)),
    )
    lines += [
        "",
        "Packages imported by one tree only (self time, s):",
        "",
        "| package | before | after |",
        "|---|---|---|",
    ]
    for package in [name for name in differing if packages["before"].get(name) or packages["after"].get(name)][:10]:
        before, after = packages["before"].get(package), packages["after"].get(package)
        cells = [f"{value / 1e6:.3f}" if value is not None else "-" for value in (before, after)]
        lines.append(f"| {package} | {cells[0]} | {cells[1]} |")
    write_report("startup_ab", lines)


if __name__ == "__main__":
    main()
