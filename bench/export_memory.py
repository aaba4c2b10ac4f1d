"""Peak memory and time of ``python -m newsbot export`` as the archive grows, on SQLite and PostgreSQL.

    python bench/export_memory.py [--sizes 10000 100000] [--body-words 400] [--backends sqlite postgresql]

For each backend and size, fills a new store with generated articles (``newsbot.archive.synthetic``:
links, a revision, a copy for one article in ten), then exports it with every part
(``--with all``) as JSON Lines, CSV and Parquet, each in a child process that reports its own peak
RSS (``VmHWM``, read in the child: the parent's memory is not counted) and wall time.
PostgreSQL: a new schema of ``postgresql://postgres@127.0.0.1:5432/test``, dropped afterwards.
Writes the markdown block to bench/results/export_memory.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from crawl import machine, write_report  # noqa: E402

from newsbot.archive.synthetic import fill  # noqa: E402

POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
CHILD = """
import sys
from newsbot.__main__ import main
code = main(sys.argv[1:])
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM")).split()[1]
print(f"PEAK_KIB {peak} EXIT {code}", file=sys.stderr)
"""


def export(url: str, target: Path) -> tuple[float, float]:
    """Peak RSS (MiB) and wall seconds of one export in a child process."""
    command = [sys.executable, "-c", CHILD, "export", "--db", url, "--with", "all", "-q", "-o", str(target)]
    started = time.perf_counter()
    result = subprocess.run(
        command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - started
    fields = result.stderr.split()
    assert fields[fields.index("EXIT") + 1] == "0", result.stderr
    return int(fields[fields.index("PEAK_KIB") + 1]) / 1024, wall


def postgres_schema() -> tuple[str, str]:
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    return schema, f"{POSTGRES}?options=-csearch_path%3D{schema}"


def drop_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--body-words", type=int, default=400)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    lines = [
        "| backend | articles | format | peak RSS MiB | wall s | output MB |",
        "|---|---|---|---|---|---|",
    ]
    for backend in args.backends:
        for size in args.sizes:
            with tempfile.TemporaryDirectory() as tmp:
                schema = None
                if backend == "sqlite":
                    url = f"sqlite:///{Path(tmp) / 'archive.sqlite3'}"
                else:
                    schema, url = postgres_schema()
                try:
                    fill(url, size, args.body_words)
                    for fmt in ("jsonl", "csv", "parquet"):
                        target = Path(tmp) / f"out.{fmt}"
                        peak, wall = export(url, target)
                        size_mb = target.stat().st_size / 1e6
                        lines.append(f"| {backend} | {size:,} | {fmt} | {peak:.0f} | {wall:.1f} | {size_mb:.0f} |")
                        print(lines[-1], flush=True)
                finally:
                    if schema:
                        drop_schema(schema)
    write_report("export_memory", [f"Machine: {machine()}", f"Body words: {args.body_words}", "", *lines])


if __name__ == "__main__":
    main()
