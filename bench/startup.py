"""Start-up cost of a crawl process: CPU and wall time before its first request, import by import.

    python bench/startup.py [--rounds 5] [--articles 50] [--top 15]

Serves a small replica (``python -m newsbot.sample_site``), then crawls it ``--rounds`` times with
newsbot and with the bare spider (``bench/crawl_one.py``, each crawl a fresh process), reading the
``bench/startup_cpu_s`` and ``bench/startup_wall_s`` stats: the process's CPU and wall seconds from
its start to its first scheduled request. One more newsbot crawl runs under ``python -X importtime``
to say where import time goes: self time summed by top-level package (newsbot's own modules are
newsbot's share), and the heaviest imports by cumulative time with what pulled them in.
Writes the markdown block to bench/results/startup.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from crawl import machine, serve, write_report  # noqa: E402

IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)$")


def run(kind: str, base_url: str, importtime: bool = False) -> tuple[dict[str, object], str]:
    """One crawl in a fresh process: its stats and its stderr."""
    with tempfile.TemporaryDirectory() as tmp:
        flags = ["-X", "importtime"] if importtime else []
        script = str(ROOT / "bench" / "crawl_one.py")
        command = [sys.executable, *flags, script, kind, base_url, str(Path(tmp) / "s.db")]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode:
        raise SystemExit(f"{kind} crawl failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def imports(stderr: str) -> list[tuple[int, int, int, str]]:
    """(self µs, cumulative µs, nesting level, module) for every import line of ``-X importtime``."""
    found = []
    for line in stderr.splitlines():
        match = IMPORT_LINE.match(line)
        if match:
            own, total, indent, name = match.groups()
            found.append((int(own), int(total), (len(indent) - 1) // 2, name))
    return found


def importers(rows: list[tuple[int, int, int, str]]) -> dict[str, str]:
    """Module -> the module whose import first pulled it in (importtime lists children first)."""
    parent: dict[str, str] = {}
    waiting: list[tuple[int, str]] = []  # (level, module) seen, whose importer is not known yet
    for _, _, level, name in rows:
        while waiting and waiting[-1][0] > level:
            parent.setdefault(waiting.pop()[1], name)
        waiting.append((level, name))
    return parent


def spread(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    server, base_url = serve(args.articles, 1)
    try:
        stats: dict[str, list[dict[str, object]]] = {"bare": [], "newsbot": []}
        for _ in range(args.rounds):
            for kind in stats:
                stats[kind].append(run(kind, base_url)[0])
        _, stderr = run("newsbot", base_url, importtime=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    rows = imports(stderr)
    by_package: dict[str, int] = defaultdict(int)
    for own, _, _, name in rows:
        by_package[name.split(".")[0]] += own
    total = sum(by_package.values())
    ours = by_package.get("newsbot", 0)
    parent = importers(rows)
    lines = [
        "### Start-up: before the first request",
        f"Command: `python bench/startup.py --rounds {args.rounds} --articles {args.articles}`",
        f"Machine: {machine()}",
        "",
        "Seconds from process start to the first scheduled request (min / median / max of "
        f"{args.rounds} fresh processes each):",
        "",
        "| spider | CPU s | wall s |",
        "|---|---|---|",
    ]
    for kind, runs in stats.items():
        cpu = [float(r["bench/startup_cpu_s"]) for r in runs]  # type: ignore[arg-type]
        wall = [float(r["bench/startup_wall_s"]) for r in runs]  # type: ignore[arg-type]
        lines.append(f"| {kind} | {spread(cpu)} | {spread(wall)} |")
    lines += [
        "",
        f"Imports of one newsbot crawl process (`-X importtime`, wall time, so a little above CPU): "
        f"{total / 1e6:.2f} s in {len(rows)} modules; **newsbot's own modules {ours / 1e6:.3f} s** "
        "(self time of `newsbot.*`).",
        "",
        "| top-level package | self time s |",
        "|---|---|",
    ]
    for package, own in sorted(by_package.items(), key=lambda pair: -pair[1])[: args.top]:
        lines.append(f"| {package} | {own / 1e6:.3f} |")
    lines += ["", "Heaviest third-party imports made by a newsbot module (cumulative):", ""]
    heavy = [
        (cumulative, name, parent.get(name, "?"))
        for _, cumulative, _, name in rows
        if not name.startswith("newsbot") and parent.get(name, "").startswith("newsbot")
    ]
    lines += ["| module | cumulative s | imported by |", "|---|---|---|"]
    for cumulative, name, by in sorted(heavy, reverse=True)[: args.top]:
        lines.append(f"| {name} | {cumulative / 1e6:.3f} | {by} |")
    write_report("startup", lines)


if __name__ == "__main__":
    main()
