"""Speed and memory of the near-duplicate index on same-site, non-ASCII text, as the index grows.

    python bench/dedup_speed.py [--quick] [--sizes 2000,10000,100000] [--rounds 5] [--out PATH]

Stories are the replica's own generated bodies (bench/dedup_sitecorpus.py: one outlet's style,
curly quotes, Turkish names), so distinct stories share words and phrasing as on a real site.
In one process, with the index of commit 5702599 (bench/dedup_legacy.py: datasketch MinHashLSH,
22 x 3 bands) as the baseline beside the current one:

* ``normalise`` calls/s and signatures/s (``NearDuplicateIndex.signature``) on these bodies;
* for each index size N (the legacy index up to 10,000): N stories loaded (no window, so every
  stored story is a possible candidate), then 300 queries (150 new stories of the same site,
  150 copy-edited copies of stored ones): LSH candidates per query, and the time of the lookup
  after the signature is computed (exact layer, band lookup, verification), median per round;
  the copies found and the new stories merged, as a check;
* memory per story held (tracemalloc over ``load()``);
* rebuilding the index of N stories from a SQLite database written by newsbot's own store.

Each timing is repeated ``--rounds`` times; the tables give min / median / max over rounds.
Prints a markdown block and writes it to bench/results/dedup_speed.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from dedup_legacy import LegacyIndex, legacy_normalise  # noqa: E402
from dedup_sitecorpus import near_copy, site_bodies  # noqa: E402

import newsbot.dedup.index as index_module  # noqa: E402
from newsbot.dedup import MemorySignatureStore, NearDuplicateIndex, normalise  # noqa: E402
from newsbot.storage.sqlite import SqliteStore  # noqa: E402

QUERIES = 300
_DAY = 86400.0


def machine() -> str:
    uname = subprocess.run(["uname", "-srm"], capture_output=True, text=True).stdout.strip()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{uname}; nproc={os.cpu_count()}; Python {platform.python_version()}; load avg {load}"


def spread(values: list[float], fmt: str = "{:.3f}") -> str:
    return " / ".join(fmt.format(v) for v in (min(values), statistics.median(values), max(values)))


def per_second(fn, n: int, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        out.append(n / (time.perf_counter() - t))
    return out


class Stage:
    """One index of N stories and the queries judged against it."""

    def __init__(self, index, stored, queries, copies_of) -> None:
        self.index = index
        self.queries = queries  # (key, sig, hv, size)
        self.copies_of = copies_of  # key of the stored story each copy comes from, or None
        self.stored = stored

    def candidates(self) -> list[int]:
        index = self.index
        counts = []
        for _key, _sig, hv, _size in self.queries:
            if isinstance(index, LegacyIndex):
                from datasketch import LeanMinHash

                found = index._lsh.query(LeanMinHash(seed=index.seed, hashvalues=hv, scheme="affine32"))
                counts.append(len(found))
            else:
                counts.append(int(index._held.candidates(hv).size))
        return counts

    def lookup_round(self) -> tuple[float, int, int]:
        """Median lookup ms over the queries, copies found, new stories merged."""
        times, found, merged = [], 0, 0
        lookup = self.index._lookup
        for (key, sig, hv, size), origin in zip(self.queries, self.copies_of, strict=True):
            t = time.perf_counter()
            verdict = lookup(key, sig, hv, size, None)
            times.append(time.perf_counter() - t)
            if origin is not None:
                found += verdict.duplicate_of == origin
            else:
                merged += verdict.is_duplicate
        return statistics.median(times) * 1000.0, found, merged


def build_stage(cls, stored, queries, rounds):
    store = MemorySignatureStore()
    for sig in stored:
        store.add(sig)
    index = cls(store, window_days=None)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    index.load()
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    loads = []
    for _ in range(rounds):
        fresh = cls(store, window_days=None)
        t = time.perf_counter()
        fresh.load()
        loads.append(time.perf_counter() - t)
        del fresh
    return index, held / len(stored), loads


def sqlite_rebuild(sigs, rounds: int) -> tuple[list[float], list[float], int, float]:
    """Seconds to rebuild the current index from newsbot's SQLite store (no window / 7-day window),
    stories held, and bytes per story held after a load without a window (key strings included)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = SqliteStore(Path(tmp) / "bench.sqlite")
        db.open()
        db.connection.execute("BEGIN")
        db.connection.executemany(
            "INSERT OR REPLACE INTO dedup_signatures (key, exact_hash, minhash, published) VALUES (?, ?, ?, ?)",
            [(s.key, s.exact_hash, s.minhash, s.published) for s in sigs],
        )
        db.connection.execute("COMMIT")
        newest = max(s.published for s in sigs)
        all_, windowed = [], []
        gc.collect()
        tracemalloc.start()
        index = NearDuplicateIndex(db.signatures, window_days=None)
        held = index.load()
        per_story = tracemalloc.get_traced_memory()[0] / held
        tracemalloc.stop()
        del index
        for _ in range(rounds):
            for window, out in ((None, all_), (7.0, windowed)):
                index = NearDuplicateIndex(db.signatures, window_days=window)
                t = time.perf_counter()
                held = index.load(now=newest) if window else index.load()
                out.append(time.perf_counter() - t)
                del index
        db.close()
    return all_, windowed, held, per_story


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="sizes 2,000 and 10,000, 3 rounds")
    ap.add_argument("--sizes", default="2000,10000,100000")
    ap.add_argument("--legacy-max", type=int, default=10_000, help="largest size the legacy index is run at")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--out", default=str(HERE / "results" / "dedup_speed.md"))
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    if args.quick:
        sizes, args.rounds = [s for s in sizes if s <= 10_000] or [2000], 3
    started = time.perf_counter()
    command = "python bench/dedup_speed.py" + (" --quick" if args.quick else "")
    command += f" --sizes {','.join(map(str, sizes))} --rounds {args.rounds}"
    lines = ["### Near-duplicate index cost as it grows (bench/dedup_speed.py)", ""]
    lines += [f"Command: `{command}`  ", f"Machine: `{machine()}`  "]

    biggest = max(sizes)
    rng = random.Random(9)
    bodies = site_bodies(biggest + QUERIES // 2, seed=5)
    stored_bodies, new_bodies = bodies[:biggest], bodies[biggest:]
    words = statistics.mean(len(b.split()) for b in bodies[:2000])
    non_ascii = sum(not b.isascii() for b in bodies[:2000]) / min(2000, len(bodies))
    lines.append(
        f"Corpus: {len(bodies):,} generated same-site bodies (bench/dedup_sitecorpus.py), mean {words:.0f} words, "
        f"{non_ascii:.0%} non-ASCII; rounds per timing: {args.rounds}; figures are min / median / max over rounds."
    )

    # -- A. normalise and signatures on non-ASCII text ------------------------------------------
    sample = bodies[:300]
    index = NearDuplicateIndex(MemorySignatureStore(), window_days=None)
    for text in sample[:20]:
        index.signature("warm", text)
        legacy_normalise(text)

    def run_normalise(fn):
        return lambda: [fn(t) for t in sample]

    def run_signatures():
        for i, t in enumerate(sample):
            index.signature(str(i), t)

    norm_new = per_second(run_normalise(normalise), len(sample), args.rounds)
    norm_old = per_second(run_normalise(legacy_normalise), len(sample), args.rounds)
    sig_new = per_second(run_signatures, len(sample), args.rounds)
    index_module.normalise = legacy_normalise  # the same signature path with the former normalise
    try:
        sig_old = per_second(run_signatures, len(sample), args.rounds)
    finally:
        index_module.normalise = normalise
    lines += [
        "",
        "| measure (300 bodies) | before (5702599) | now | ratio now/before (medians) |",
        "|---|---:|---:|---:|",
        f"| `normalise` calls/s | {spread(norm_old, '{:,.0f}')} | {spread(norm_new, '{:,.0f}')} | "
        f"{statistics.median(norm_new) / statistics.median(norm_old):.1f}x |",
        f"| signatures/s (normalise + shingles + MinHash, 256 perm) | {spread(sig_old, '{:,.0f}')} | "
        f"{spread(sig_new, '{:,.0f}')} | {statistics.median(sig_new) / statistics.median(sig_old):.2f}x |",
    ]

    # -- B. signatures of the stored stories and of the queries ------------------------------------
    t = time.perf_counter()
    now = 1_767_225_600.0
    stored_sigs = index.signatures(
        (f"https://www.example-site.com/article/{i:08x}", body, now - (i % 300) * _DAY / 100)
        for i, body in enumerate(stored_bodies)
    )
    sig_seconds = time.perf_counter() - t
    lines.append("")
    lines.append(f"Signatures of {len(stored_sigs):,} stored stories computed in {sig_seconds:.0f} s.")

    def queries_for(n: int):
        q_rng = random.Random(n)
        out, origins = [], []
        for i, body in enumerate(new_bodies):
            out.append((f"https://www.example-site.com/new/{i}", body))
            origins.append(None)
        for i in range(QUERIES - len(new_bodies)):
            k = q_rng.randrange(n)
            out.append((f"https://mirror.example.net/copy/{i}", near_copy(stored_bodies[k], rng)))
            origins.append(stored_sigs[k].key)
        computed = []
        for key, text in out:
            sig, hv, size = index._compute(key, text, None, None)
            computed.append((key, sig, hv, size))
        return computed, origins

    def insert_times(built) -> list[float]:
        """``check_and_add`` (signature included) of 2,000 new same-site stories into ``built``."""
        out = []
        for i, body in enumerate(site_bodies(2000, seed=77)):
            t = time.perf_counter()
            built.check_and_add(f"https://www.example-site.com/later/{i}", body)
            out.append(time.perf_counter() - t)
        return out

    rows, inserts = [], []
    for n in sizes:
        queries, origins = queries_for(n)
        for label, cls in (("before (22x3, MinHashLSH)", LegacyIndex), ("now", NearDuplicateIndex)):
            if cls is LegacyIndex and n > args.legacy_max:
                continue
            built, per_story, loads = build_stage(cls, stored_sigs[:n], queries, min(args.rounds, 3))
            stage = Stage(built, stored_sigs[:n], queries, origins)
            cands = stage.candidates()
            medians, found, merged = [], 0, 0
            stage.lookup_round()  # warm-up
            for _ in range(args.rounds):
                ms, found, merged = stage.lookup_round()
                medians.append(ms)
            rows.append(
                (
                    n,
                    f"{label} ({built.bands}x{built.rows})" if cls is NearDuplicateIndex else label,
                    cands,
                    medians,
                    per_story,
                    loads,
                    found,
                    merged,
                    sum(o is not None for o in origins),
                )
            )
            if cls is NearDuplicateIndex and n == biggest:
                inserts = insert_times(built)
            del built, stage
            gc.collect()

    lines += [
        "",
        "| stored | index | candidates/query mean (p50 / p99 / max) | lookup + verification median ms | "
        "memory per story | load() from memory s | copies found | new merged |",
        "|---:|---|---|---|---:|---|---:|---:|",
    ]
    for n, label, cands, medians, per_story, loads, found, merged, copies in rows:
        c = np.asarray(cands)
        p50, p99 = np.percentile(c, 50), np.percentile(c, 99)
        lines.append(
            f"| {n:,} | {label} | {c.mean():.1f} ({p50:.0f} / {p99:.0f} / {c.max()}) | "
            f"{spread(medians)} | {per_story / 1024:.2f} KiB | {spread(loads, '{:.2f}')} | "
            f"{found}/{copies} | {merged}/{QUERIES - copies} |"
        )

    if inserts:
        ms = sorted(x * 1000.0 for x in inserts)
        lines += [
            "",
            f"`check_and_add` of {len(ms):,} new same-site stories into the index of {biggest:,} (signature "
            f"included, each inserted): p50 {ms[len(ms) // 2]:.2f} ms, p99 {ms[int(len(ms) * 0.99)]:.2f} ms, "
            f"max {ms[-1]:.1f} ms, mean {statistics.mean(ms):.2f} ms.",
        ]

    # -- C. rebuild from SQLite -----------------------------------------------------------------
    all_, windowed, held, sqlite_per_story = sqlite_rebuild(stored_sigs, min(args.rounds, 3))
    lines += [
        "",
        f"Rebuild from SQLite (newsbot's `SqliteStore`, {len(stored_sigs):,} signatures spread over 3 days): "
        f"`load()` without a window {spread(all_, '{:.2f}')} s, with the default 7-day window "
        f"(`load(now=newest)`, digests of every exact hash too) {spread(windowed, '{:.2f}')} s; {held:,} held, "
        f"{sqlite_per_story / 1024:.2f} KiB per story held after the load, key strings included "
        "(in the table above the keys belong to the in-memory store, so they are not counted).",
        "",
        f"Run time: {time.perf_counter() - started:.0f} s.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
