"""Candidates per query for several LSH band settings, on same-site text, as the index grows.

    python bench/dedup_bands.py [--stored 10000] [--queries 200] [--out PATH]

Signatures (256 permutations, the index's own) of generated same-site bodies
(bench/dedup_sitecorpus.py); for each ``bands x rows`` setting, the number of stored stories that
share at least one band with each of ``--queries`` new same-site stories, with 2,000 and
``--stored`` stories held, and the probability ``1 - (1 - J**rows)**bands`` that a pair of
Jaccard 0.68 / 0.6 / 0.55 becomes a candidate. Also the Jaccard estimate between the queries and
the stored stories (how much one site's distinct stories share). Prints a markdown block and
writes it to bench/results/dedup_bands.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from dedup_sitecorpus import site_bodies  # noqa: E402

from newsbot.dedup import MemorySignatureStore, NearDuplicateIndex, decode_minhash  # noqa: E402
from newsbot.dedup.bands import band_keys  # noqa: E402

SETTINGS = [(22, 3), (39, 4), (32, 5), (40, 5), (51, 5), (36, 6), (42, 6), (30, 8)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stored", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--out", default=str(HERE / "results" / "dedup_bands.md"))
    args = ap.parse_args(argv)
    bodies = site_bodies(args.stored + args.queries, seed=5)
    index = NearDuplicateIndex(MemorySignatureStore(), window_days=None)
    sigs = index.signatures((str(i), body, None) for i, body in enumerate(bodies))
    hv = np.array([decode_minhash(sig.minhash)[0] for sig in sigs])
    stored, queries = hv[: args.stored], hv[args.stored :]
    jaccard = np.concatenate([(stored == q).mean(axis=1) for q in queries])
    sizes = sorted({min(2000, args.stored), args.stored})
    lines = [
        "### LSH candidates per query on same-site text (bench/dedup_bands.py)",
        "",
        f"Command: `python bench/dedup_bands.py --stored {args.stored} --queries {args.queries}`  ",
        f"Estimated Jaccard of distinct same-site stories ({jaccard.size:,} pairs): median "
        f"{np.median(jaccard):.3f}, p99 {np.percentile(jaccard, 99):.3f}, p99.9 {np.percentile(jaccard, 99.9):.3f}, "
        f"max {jaccard.max():.3f}.",
        "",
        "| bands x rows | "
        + " | ".join(f"candidates mean (max) at {n:,}" for n in sizes)
        + " | P(0.68) / P(0.6) / P(0.55) |",
        "|---|" + "---:|" * len(sizes) + "---|",
    ]
    for bands, rows in SETTINGS:
        if bands * rows > hv.shape[1]:
            continue
        query_keys = band_keys(queries, bands, rows)
        cells = []
        for n in sizes:
            stored_keys = band_keys(stored[:n], bands, rows)
            counts = [int(np.isin(stored_keys, keys).any(axis=1).sum()) for keys in query_keys]
            cells.append(f"{np.mean(counts):.1f} ({max(counts)})")
        prob = " / ".join(f"{1 - (1 - j**rows) ** bands:.4f}" for j in (0.68, 0.6, 0.55))
        lines.append(f"| {bands} x {rows} | " + " | ".join(cells) + f" | {prob} |")
    text = "\n".join(lines) + "\n"
    print(text)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
