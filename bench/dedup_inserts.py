"""What stories inserted one by one (a crawl's ``check_and_add``) cost the dedup index, before and after.

Issue #8: in a crawl, the index's Python memory grew with every unique story it inserted, and
tracemalloc put most of it in ``newsbot/dedup/bands.py``. This benchmark runs the tables of the
current tree and those of ``--before`` (a git revision; ``newsbot/dedup/bands.py`` of that commit
is read with ``git show`` and put in place of :class:`~newsbot.dedup.bands.HashTable`) on the same
same-site, non-ASCII bodies (bench/dedup_sitecorpus.py, one near copy every ten stories):

* **memory**: signatures are computed first; then, under tracemalloc, a fresh
  :class:`~newsbot.dedup.held.HeldSignatures` judges and holds them one by one (``best`` then
  ``add``, what ``check_and_add`` does). Reported per story held: traced bytes and blocks allocated
  from bands.py and from held.py (the innermost of the two in the allocation's traceback, so that
  arrays numpy allocates for them count), after ``N`` inserts, and the peak of all traced memory during
  the inserts (the tables' merges included).
* **CPU**: ``NearDuplicateIndex.check_and_add`` over the same bodies in a fresh index (memory store),
  process CPU per story, and the share spent in the held signatures (``best`` + ``add``), per round;
  min / median / max over ``--rounds`` rounds.

Both variants must give the same verdict for every body (checked; the run stops otherwise).

    .venv/bin/python bench/dedup_inserts.py --before 5a6d159 --sizes 2000 10000 --rounds 5
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from dedup_sitecorpus import near_copy, site_bodies  # noqa: E402

import newsbot.dedup.held as held_module  # noqa: E402
from newsbot.dedup import MemorySignatureStore, NearDuplicateIndex  # noqa: E402
from newsbot.dedup.held import HeldSignatures  # noqa: E402

_START = 1_767_225_600.0  # 2026-01-01, one story a minute


def corpus(n: int) -> list[str]:
    """``n`` bodies: distinct site stories, every tenth a near copy of an earlier one."""
    rng = random.Random(8)
    distinct = site_bodies(n - n // 10)
    out: list[str] = []
    for body in distinct:
        out.append(body)
        if len(out) % 10 == 9 and len(out) < n:
            out.append(near_copy(out[rng.randrange(len(out))], rng))
    return out[:n]


def table_class(revision: str | None) -> type:
    """:class:`HashTable` of the tree, or of ``newsbot/dedup/bands.py`` at ``revision``."""
    if revision is None:
        return held_module.HashTable
    source = subprocess.run(
        ["git", "show", f"{revision}:newsbot/dedup/bands.py"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    path = Path(tempfile.mkdtemp()) / "bands.py"
    path.write_bytes(source)
    spec = importlib.util.spec_from_file_location("bands_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.HashTable


@contextmanager
def tables(cls: type) -> Iterator[None]:
    """Make :class:`HeldSignatures` build its three tables from ``cls``."""
    saved = held_module.HashTable
    held_module.HashTable = cls
    try:
        yield
    finally:
        held_module.HashTable = saved


def judge_and_hold(held: HeldSignatures, index: NearDuplicateIndex, sigs: list) -> list[str | None]:
    """What ``check_and_add`` does with the held signatures; the verdicts (``None``: unique)."""
    verdicts: list[str | None] = []
    for key, sig, hv, size, published in sigs:
        best = held.best(
            hv, size, key, published, index._window, index.threshold, index.containment_threshold,
            containment_share=index.containment_share,
        )  # fmt: skip
        verdicts.append(None if best is None else best[0])
        if best is None:
            held.add(key, sig.exact_hash, hv, size, published)
    return verdicts


def memory(bodies: list[str], cls: type) -> tuple[dict[str, tuple[int, int]], int, int, list[str | None]]:
    """Traced ``{file: (bytes, blocks)}`` after one-by-one inserts, peak traced bytes, stories held, verdicts."""
    index = NearDuplicateIndex(MemorySignatureStore())
    sigs = []
    for i, body in enumerate(bodies):
        sig, hv, size = index._compute(f"s{i}", body, _START + 60 * i, None)
        sigs.append((f"s{i}", sig, hv, size, _START + 60 * i))
    gc.collect()
    with tables(cls):
        tracemalloc.start(32)  # deep tracebacks: numpy's allocations are put to the caller in newsbot
        held = HeldSignatures(index.num_perm, index.bands, index.rows, index.seed)
        verdicts = judge_and_hold(held, index, sigs)
        gc.collect()
        snapshot = tracemalloc.take_snapshot()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    out = {"bands.py": (0, 0), "held.py": (0, 0)}
    for stat in snapshot.statistics("traceback"):
        # the innermost frame in one of the two files owns the block (numpy's own frames skipped)
        for frame in reversed(stat.traceback):  # oldest frame first: start from the allocation
            name = Path(frame.filename).name
            if frame.filename.endswith(("dedup/bands.py", "dedup/held.py")) or name == "bands.py":
                size, count = out["held.py" if name == "held.py" else "bands.py"]
                out["held.py" if name == "held.py" else "bands.py"] = (size + stat.size, count + stat.count)
                break
    return out, peak, len(held), verdicts


def cpu(bodies: list[str], cls: type) -> tuple[float, float, list[str | None]]:
    """CPU ms per story of ``check_and_add`` and of its held-signatures part; verdicts."""
    spent = 0.0
    original_best, original_add = HeldSignatures.best, HeldSignatures.add

    def timed(method):
        def wrapper(*args, **kwargs):
            nonlocal spent
            t = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                spent += time.process_time() - t

        return wrapper

    with tables(cls):
        index = NearDuplicateIndex(MemorySignatureStore())
        HeldSignatures.best, HeldSignatures.add = timed(original_best), timed(original_add)
        try:
            gc.collect()
            t = time.process_time()
            verdicts = [
                index.check_and_add(f"s{i}", body, _START + 60 * i).duplicate_of for i, body in enumerate(bodies)
            ]
            total = time.process_time() - t
        finally:
            HeldSignatures.best, HeldSignatures.add = original_best, original_add
    n = len(bodies)
    return 1000 * total / n, 1000 * spent / n, verdicts


def spread(values: list[float]) -> str:
    return f"{min(values):.3f} / {statistics.median(values):.3f} / {max(values):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default="5a6d159", help="git revision of the 'before' bands.py")
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--rounds", type=int, default=5, help="CPU rounds (at the smallest size)")
    args = parser.parse_args()
    variants = {f"before ({args.before})": table_class(args.before), "after (tree)": table_class(None)}
    print(f"python {sys.version.split()[0]}; bodies from bench/dedup_sitecorpus.py, one near copy in ten")
    for n in args.sizes:
        bodies = corpus(n)
        verdicts = {}
        print(f"\n## memory after {n} one-by-one inserts (tracemalloc, per story held)")
        print("| tables | stories held | bands.py KiB | bands.py blocks | held.py KiB | held.py blocks | peak KiB |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, cls in variants.items():
            files, peak, count, verdicts[name] = memory(bodies, cls)
            (bb, bn), (hb, hn) = files["bands.py"], files["held.py"]
            cells = (f"{bb / count / 1024:.3f}", f"{bn / count:.2f}", f"{hb / count / 1024:.3f}", f"{hn / count:.2f}")
            print(f"| {name} | {count} | " + " | ".join(cells) + f" | {peak / count / 1024:.3f} |")
        first, *others = verdicts.values()
        if any(v != first for v in others):
            sys.exit("the variants disagree on a verdict")
        print(f"(same verdicts; {sum(v is not None for v in first)} near copies found of {n // 10} made)")
    if not args.rounds:
        return
    n = min(args.sizes)
    bodies = corpus(n)
    print(f"\n## CPU ms per story, check_and_add of {n} bodies into a fresh index, {args.rounds} rounds")
    print("| tables | check_and_add min / median / max | of it held best + add min / median / max |")
    print("|---|---|---|")
    results: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in variants}
    reference = None
    for _ in range(args.rounds):  # variants alternate within a round: the machine's load hits both
        for name, cls in variants.items():
            total, held_part, verdicts = cpu(bodies, cls)
            if reference is None:
                reference = verdicts
            elif verdicts != reference:
                sys.exit("the variants disagree on a verdict")
            results[name][0].append(total)
            results[name][1].append(held_part)
    for name, (totals, held_parts) in results.items():
        print(f"| {name} | {spread(totals)} | {spread(held_parts)} |")


if __name__ == "__main__":
    main()
