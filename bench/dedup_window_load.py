"""Load time and memory of the dedup index at crawl start, with the default 7-day window.

    .venv/bin/python bench/dedup_window_load.py [--stored 50000] [--days 730]

Builds a SQLite database with ``--stored`` signatures (256-permutation MinHash bytes, dates spread
evenly over ``--days``), copies it for each case, and in a fresh subprocess per case opens the
store and calls ``NearDuplicateIndex.load`` as the dedup pipeline does (``now`` = the newest stored
date). Reports the load time, the Python memory it keeps (tracemalloc, numpy included), the RSS
growth, the signatures held, and the rows left in the table afterwards; then the time of one
``check_and_add`` for a story a year older than the newest (a date range read on demand).
Cases: ``window`` (the default 7 days) and ``all`` (no window: every signature held).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DAY = 86400.0
T_END = 1_767_000_000.0


def build(path: Path, stored: int, days: float) -> None:
    import numpy as np

    from newsbot.dedup.index import DEFAULT_SEED, encode_minhash
    from newsbot.dedup.signatures import StoredSignature
    from newsbot.storage import SqliteStore

    rng = np.random.default_rng(1)
    with SqliteStore(path, batch_size=5000) as store:
        for n in range(stored):
            key = f"https://www.example.org/article/{n:012x}"
            values = rng.integers(0, 2**32, size=256, dtype=np.uint64)
            published = T_END - days * DAY * (stored - 1 - n) / max(stored - 1, 1)
            signature = StoredSignature(
                key, f"{rng.integers(0, 2**63):032x}", encode_minhash(values, 400, DEFAULT_SEED), published
            )
            store.signatures.add(signature)
            store.store_article({"url": key, "headline": "h", "articleBody": "b", "relatedLinks": []})
            if store.batch_full:
                store.flush()


def measure(path: str, window: float | None, trace: bool) -> dict[str, float]:
    import gc
    import tracemalloc

    from newsbot.dedup import NearDuplicateIndex
    from newsbot.storage import SqliteStore

    def rss() -> int:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    store = SqliteStore(path)
    store.open()
    gc.collect()
    rss0 = rss()
    if trace:
        tracemalloc.start()
    index = NearDuplicateIndex(store.signatures, window_days=window)
    newest = store.signatures.newest_published()
    start = time.perf_counter()
    held = index.load(newest)
    seconds = time.perf_counter() - start
    kept, peak = tracemalloc.get_traced_memory() if trace else (0, 0)
    tracemalloc.stop()
    grown = rss() - rss0
    text = " ".join(f"word{i % 97} term{i % 89} item{i}" for i in range(300))
    start = time.perf_counter()
    index.check_and_add("https://www.example.org/article/new", text, newest - 365 * DAY)
    range_read = time.perf_counter() - start
    rows = store.query("SELECT COUNT(*) FROM dedup_signatures")[0][0]
    store.close()
    return {"load_s": seconds, "held": held, "kept_mib": kept / 2**20, "peak_mib": peak / 2**20,
            "rss_mib": grown / 2**20, "rows_after": rows, "range_read_s": range_read,
            "range_loaded": getattr(index, "range_loaded", 0)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=50_000)
    parser.add_argument("--days", type=float, default=730)
    parser.add_argument("--measure", nargs=3, metavar=("DB", "WINDOW", "TRACE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        db, window, trace = args.measure
        print(json.dumps(measure(db, None if window == "none" else float(window), trace == "1")))
        return
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source.db"
        start = time.perf_counter()
        build(source, args.stored, args.days)
        print(f"built {args.stored:,} signatures over {args.days:g} days in {time.perf_counter() - start:.1f} s")
        print("| case | load | signatures held | Python memory kept (peak), tracemalloc | RSS growth | rows after "
              "| one story a year back |")  # fmt: skip
        print("|---|---|---|---|---|---|---|")
        cases = (("window 7 days, first start (creates the exact_hash index)", "7", "a"),
                 ("window 7 days, next start", "7", "a"), ("no window", "none", "b"))  # fmt: skip
        for name, window, copy in cases:
            db = Path(tmp) / f"{copy}.db"
            if not db.exists():
                shutil.copy(source, db)
            timed, traced = (
                json.loads(subprocess.run([sys.executable, __file__, "--measure", str(db), window, trace],
                                          capture_output=True, text=True, check=True).stdout)
                for trace in ("0", "1")
            )  # fmt: skip
            print(f"| {name} | {timed['load_s']:.2f} s | {timed['held']:,} | {traced['kept_mib']:.1f} MiB "
                  f"({traced['peak_mib']:.1f}) | {timed['rss_mib']:.0f} MiB | {timed['rows_after']:,} "
                  f"| {timed['range_read_s'] * 1e3:.0f} ms, {timed['range_loaded']:,} read |")  # fmt: skip


if __name__ == "__main__":
    main()
