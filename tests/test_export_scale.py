"""``export`` streams: on a generated 100,000-article SQLite archive its peak memory is that of a small one.

Peak RSS is read by the export's own process (``VmHWM``) so the test process is not counted.
bench/export_memory.py records the figures on both backends.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from crawling import ROOT

from newsbot.archive.synthetic import fill

#: Generates a 100,000-article database and exports it in child processes.
pytestmark = pytest.mark.slow

CHILD = """
import sys
from newsbot.__main__ import main
code = main(sys.argv[1:])
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM")).split()[1]
print(f"PEAK_KIB {peak}", file=sys.stderr)
sys.exit(code)
"""


def exported(database: Path, target: Path) -> tuple[int, float]:
    """Lines written and the export's peak RSS in MiB."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD, "export", "--db", str(database), "--with", "all", "-o", str(target)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    peak = int(result.stderr.split("PEAK_KIB")[1].split()[0]) / 1024
    with open(target, encoding="utf-8") as lines:
        return sum(1 for _ in lines), peak


def test_a_hundred_thousand_articles_export_in_the_memory_of_two_thousand(tmp_path: Path) -> None:
    small, large = tmp_path / "small.sqlite3", tmp_path / "large.sqlite3"
    fill(str(small), 2_000, body_words=30)
    fill(str(large), 100_000, body_words=30)
    small_lines, small_peak = exported(small, tmp_path / "small.jsonl")
    large_lines, large_peak = exported(large, tmp_path / "large.jsonl")
    assert (small_lines, large_lines) == (2_000, 100_000)
    assert large_peak < small_peak + 16, (small_peak, large_peak)
