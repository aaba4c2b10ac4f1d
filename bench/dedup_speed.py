"""Speed and memory of the near-duplicate index.

    python bench/dedup_speed.py [--quick] [--stored N] [--out PATH]

Measures, in one run on this machine:

* signatures per second on ~600-word articles: ``NearDuplicateIndex.signature`` (normalise,
  3-gram shingles, xxhash + ``update_batch``, affine32) at 256 and 128 permutations, and the
  ``signatures()`` batch path, against plain datasketch ``MinHash()`` with default settings
  (128 permutations, sha1) fed one ``update()`` per shingle, same shingling;
* LSH query + insert per second (datasketch ``MinHashLSH`` with the index's bands x rows);
* memory per stored story (tracemalloc over ``load()``, and RSS delta for the big load);
* ``load()`` time for N stored stories (default 100,000) from ``MemorySignatureStore`` and from a
  SQLite file table ``dedup_signatures(key TEXT PRIMARY KEY, exact_hash TEXT, minhash BLOB,
  published REAL)``;
* the per-article cost of ``check_and_add`` against an index holding N stories.

Prints a markdown block and writes it to bench/results/dedup_speed.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sqlite3
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

from datasketch import LeanMinHash, MinHash, MinHashLSH  # noqa: E402
from dedup_corpus import DUPLICATE_EDITS, TOPICS, Corpus  # noqa: E402

from newsbot.dedup import MemorySignatureStore, NearDuplicateIndex, StoredSignature, shingles  # noqa: E402
from newsbot.dedup.index import DEFAULT_SEED, decode_minhash, encode_minhash  # noqa: E402


class SqliteSignatureStore:
    """Minimal SignatureStore over the agreed table (the real backend lives in newsbot.storage)."""

    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS dedup_signatures(key TEXT PRIMARY KEY, exact_hash TEXT, "
            "minhash BLOB, published REAL)"
        )
        self.db.execute("CREATE INDEX IF NOT EXISTS dedup_signatures_published ON dedup_signatures(published)")

    def load(self, since=None):
        if since is None:
            rows = self.db.execute("SELECT key, exact_hash, minhash, published FROM dedup_signatures")
        else:
            rows = self.db.execute(
                "SELECT key, exact_hash, minhash, published FROM dedup_signatures "
                "WHERE published IS NULL OR published >= ?",
                (since,),
            )
        for row in rows:
            yield StoredSignature(*row)

    def add(self, s: StoredSignature) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO dedup_signatures VALUES (?, ?, ?, ?)",
            (s.key, s.exact_hash, s.minhash, s.published),
        )

    def add_many(self, sigs) -> None:
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO dedup_signatures VALUES (?, ?, ?, ?)",
                ((s.key, s.exact_hash, s.minhash, s.published) for s in sigs),
            )

    def prune(self, before: float) -> int:
        with self.db:
            return self.db.execute("DELETE FROM dedup_signatures WHERE published < ?", (before,)).rowcount


def rss_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def machine() -> str:
    uname = subprocess.run(["uname", "-a"], capture_output=True, text=True).stdout.strip()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{uname}; nproc={os.cpu_count()}; Python {platform.python_version()}; load avg {load}"


def synthetic(n: int, num_perm: int, seed: int = 3) -> list[StoredSignature]:
    """n signatures with random hash values (distinct stories) and realistic sizes and dates."""
    rng = np.random.default_rng(seed)
    out = []
    now = time.time()
    for start in range(0, n, 10000):
        block = rng.integers(0, 2**32, size=(min(10000, n - start), num_perm), dtype=np.uint64)
        for i, row in enumerate(block, start):
            out.append(
                StoredSignature(
                    f"https://synthetic.example/{i}",
                    f"{i:032x}",
                    encode_minhash(row, 560, DEFAULT_SEED),
                    now - (i % 86400),
                )
            )
    return out


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}/s"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smaller counts (about 20 s)")
    ap.add_argument("--stored", type=int, default=100_000, help="stories in the index for load/check")
    ap.add_argument("--out", default=str(HERE / "results" / "dedup_speed.md"))
    args = ap.parse_args(argv)
    n_articles, n_plain, n_mem = 800, 200, 20_000
    if args.quick:
        args.stored, n_articles, n_plain, n_mem = min(args.stored, 20_000), 200, 60, 5_000
    started = time.perf_counter()
    lines = [
        "### Near-duplicate speed (bench/dedup_speed.py)",
        "",
        f"Command: `python bench/dedup_speed.py{' --quick' if args.quick else ''} --stored {args.stored}`  ",
        f"Machine: `{machine()}`  ",
    ]

    corpus = Corpus(seed=11, sentences=40)
    topics = sorted(TOPICS)
    stories = [corpus.story(topics[i % len(topics)], i) for i in range(n_articles)]
    texts = [s.text for s in stories]
    words = statistics.mean(len(t.split()) for t in texts)
    lines.append(f"Articles: {len(texts)} synthetic stories, mean {words:.0f} words.")
    lines += ["", "| measure | value |", "|---|---:|"]

    # -- A. signatures per second ------------------------------------------------------------
    index = NearDuplicateIndex(MemorySignatureStore(), window_days=None)
    index128 = NearDuplicateIndex(MemorySignatureStore(), num_perm=128, window_days=None)
    for text in texts[:20]:  # warm-up: translate-table cache, numpy, allocator
        index.signature("warm", text)
        index128.signature("warm", text)

    def per_second(fn, n, repeat=3):
        """Best of ``repeat`` runs (the VM's timings wander by ~20% between runs)."""
        best = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - t)
        return n / best

    def plain_update():
        for text in texts[:n_plain]:
            m = MinHash()
            for sh in shingles(text):
                m.update(sh)

    def plain_update_batch():
        for text in texts[:n_plain]:
            MinHash().update_batch(shingles(text))

    def each(ix):
        def run():
            for i, x in enumerate(texts):
                ix.signature(str(i), x)

        return run

    ours = per_second(each(index), len(texts), repeat=5)
    ours128 = per_second(each(index128), len(texts), repeat=5)
    bulk = per_second(lambda: index.signatures((str(i), x, None) for i, x in enumerate(texts)), len(texts))
    plain = per_second(plain_update, n_plain)
    plain_batch = per_second(plain_update_batch, n_plain)
    lines += [
        f"| signatures/s, this index (256 perm, xxh32, update_batch; normalise + shingle included) | {ours:,.0f}/s |",
        f"| signatures/s, this index at 128 perm | {ours128:,.0f}/s |",
        f"| signatures/s, `signatures()` batch path (256 perm) | {bulk:,.0f}/s |",
        f"| signatures/s, plain datasketch `MinHash()` defaults (128 perm, sha1), `update()` per shingle | "
        f"{plain:,.0f}/s |",
        f"| signatures/s, plain `MinHash()` defaults with one `update_batch()` | {plain_batch:,.0f}/s |",
        f"| **ratio this index (256 perm) / plain per-shingle update** | **{ours / plain:.1f}x** |",
        f"| ratio this index (128 perm) / plain per-shingle update | {ours128 / plain:.1f}x |",
    ]

    # -- B. LSH query + insert ---------------------------------------------------------------
    sigs = index.signatures((f"real/{i}", text, None) for i, text in enumerate(texts))
    lean = [LeanMinHash(seed=DEFAULT_SEED, hashvalues=decode_minhash(s.minhash)[0], scheme="affine32") for s in sigs]
    lsh = MinHashLSH(num_perm=index.num_perm, params=(index.bands, index.rows))
    t = time.perf_counter()
    for s, m in zip(sigs, lean, strict=True):
        lsh.query(m)
        lsh.insert(s.key, m, check_duplication=False)
    lsh_rate = len(lean) / (time.perf_counter() - t)
    lines.append(
        f"| LSH query + insert ({index.bands} bands x {index.rows} rows, datasketch MinHashLSH) | {lsh_rate:,.0f}/s |"
    )

    # -- C. memory per stored story ----------------------------------------------------------
    mem_sigs = synthetic(n_mem, index.num_perm, seed=5)
    store = MemorySignatureStore()
    for s in mem_sigs:
        store.add(s)
    mem_index = NearDuplicateIndex(store, window_days=None)
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    mem_index.load()
    per_story = (tracemalloc.get_traced_memory()[0] - base) / n_mem
    tracemalloc.stop()
    lsh_only = tracemalloc_lsh(mem_index, mem_sigs[: min(n_mem, 5000)])
    del mem_index, store, mem_sigs
    gc.collect()
    lines += [
        f"| memory per stored story, in-memory index (tracemalloc over load() of {n_mem:,}) | "
        f"{per_story / 1024:.1f} KiB |",
        f"| of which datasketch MinHashLSH buckets and keys | {lsh_only / 1024:.1f} KiB |",
        f"| stored signature size (16-byte header + {index.num_perm} x uint32) | "
        f"{len(index.signature('k', texts[0]).minhash or b'')} B |",
    ]

    # -- D. load() from a memory store and from SQLite ---------------------------------------
    big = synthetic(args.stored, index.num_perm)
    store = MemorySignatureStore()
    for s in big:
        store.add(s)
    gc.collect()
    rss0 = rss_bytes()
    big_index = NearDuplicateIndex(store, window_days=None)
    t = time.perf_counter()
    loaded = big_index.load()
    load_mem = time.perf_counter() - t
    rss_delta = rss_bytes() - rss0
    assert loaded == args.stored, loaded
    lines += [
        f"| load() {args.stored:,} stories from MemorySignatureStore | {load_mem:.1f} s "
        f"({rate(args.stored, load_mem)}) |",
        f"| RSS growth for that index | {rss_delta / 2**20:,.0f} MiB "
        f"({rss_delta / args.stored / 1024:.1f} KiB/story) |",
    ]

    with tempfile.TemporaryDirectory() as tmp:
        sq = SqliteSignatureStore(os.path.join(tmp, "dedup.sqlite"))
        t = time.perf_counter()
        sq.add_many(big)
        write = time.perf_counter() - t
        sq.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = sum(os.path.getsize(os.path.join(tmp, f)) for f in os.listdir(tmp))
        del big_index
        gc.collect()
        sq_index = NearDuplicateIndex(sq, window_days=None)
        t = time.perf_counter()
        loaded = sq_index.load()
        load_sq = time.perf_counter() - t
        assert loaded == args.stored, loaded
        t = time.perf_counter()
        rows = sum(1 for _ in sq.load())
        scan = time.perf_counter() - t
        lines += [
            f"| load() {args.stored:,} stories from a SQLite file table | {load_sq:.1f} s "
            f"({rate(args.stored, load_sq)}) |",
            f"| of which SQLite SELECT + StoredSignature objects alone | {scan:.1f} s ({rows:,} rows) |",
            f"| writing them (one transaction, executemany) | {write:.1f} s; file {size / 2**20:,.0f} MiB |",
        ]

        # -- E. check_and_add per article against the loaded index ---------------------------
        docs = []
        for i, s in enumerate(stories):
            docs.append((s.key, s.text))
            if i % 2 == 0:
                v = corpus.variant(s, DUPLICATE_EDITS[i % len(DUPLICATE_EDITS)], 0)
                docs.append((v.key, v.text))
        times, kinds = [], {"unique": 0, "exact": 0, "near": 0}
        for key, text in docs:
            t = time.perf_counter()
            v = sq_index.check_and_add(key, text, time.time())
            times.append(time.perf_counter() - t)
            kinds[v.kind] += 1
        sq.db.rollback()
        times.sort()
        # the same with load(freeze_gc=True): no full cyclic-GC pass over the big index
        del sq_index
        gc.collect()
        frozen_index = NearDuplicateIndex(sq, window_days=None)
        frozen_index.load(freeze_gc=True)
        frozen = []
        for key, text in docs:
            t = time.perf_counter()
            frozen_index.check_and_add(key, text, time.time())
            frozen.append(time.perf_counter() - t)
        sq.db.rollback()
        gc.unfreeze()
        frozen.sort()
        lines += [
            f"| check_and_add per ~{words:.0f}-word article, index of {args.stored:,} (+ SQLite store.add) | "
            f"mean {statistics.mean(times) * 1e3:.2f} ms, p50 {times[len(times) // 2] * 1e3:.2f} ms, "
            f"p99 {times[int(len(times) * 0.99)] * 1e3:.2f} ms, max {times[-1] * 1e3:.0f} ms |",
            f"| the same after `load(freeze_gc=True)` | mean {statistics.mean(frozen) * 1e3:.2f} ms, "
            f"p50 {frozen[len(frozen) // 2] * 1e3:.2f} ms, "
            f"p99 {frozen[int(len(frozen) * 0.99)] * 1e3:.2f} ms, "
            f"max {frozen[-1] * 1e3:.0f} ms |",
            f"| verdicts in that run | {kinds['unique']} unique, {kinds['near']} near, "
            f"{kinds['exact']} exact of {len(docs)} |",
        ]
        sq.db.close()
    lines += ["", f"Run time: {time.perf_counter() - started:.0f} s.", ""]
    text = "\n".join(lines)
    print(text)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    return 0


def tracemalloc_lsh(index: NearDuplicateIndex, sigs) -> float:
    """Bytes per story held by a bare MinHashLSH with the index's banding."""
    lean = [LeanMinHash(seed=DEFAULT_SEED, hashvalues=decode_minhash(s.minhash)[0], scheme="affine32") for s in sigs]
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    lsh = MinHashLSH(num_perm=index.num_perm, params=(index.bands, index.rows))
    with lsh.insertion_session() as session:
        for s, m in zip(sigs, lean, strict=True):
            session.insert(s.key, m, check_duplication=False)
    used = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    return used / len(sigs)


if __name__ == "__main__":
    raise SystemExit(main())
