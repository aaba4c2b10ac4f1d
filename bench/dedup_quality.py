"""Quality of the near-duplicate index on a synthetic corpus with known edit types.

    python bench/dedup_quality.py [--quick] [--stories N] [--variants V] [--out PATH]

Builds base stories (tests/dedup_corpus.py: original prose from word banks, 8 topics, same-topic
stories share vocabulary, sentence frames and the outlet's footer), applies each edit type to each
base, and measures for several index settings:

* recall: share of true duplicate pairs (headline_footer, words5, sentences2, cut70) for which
  ``check()`` names the base story;
* false merges: share of distinct pairs (rewrite30, rewrite30_words, other stories on the same
  topic) reported as duplicates.

Ground truth similarity is the exact Jaccard of the word 3-gram shingle sets. Prints a markdown
block and writes it to bench/results/dedup_quality.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests")]  # the repo root and the test helpers

from dedup_corpus import (  # noqa: E402
    DISTINCT_EDITS,
    DUPLICATE_EDITS,
    EDIT_DESCRIPTIONS,
    TOPICS,
    Corpus,
    jaccard,
)

from newsbot.dedup import MemorySignatureStore, NearDuplicateIndex, shingles  # noqa: E402
from newsbot.dedup.index import DEFAULT_CONTAINMENT, DEFAULT_NUM_PERM, DEFAULT_THRESHOLD  # noqa: E402


def configs():
    """(label, NearDuplicateIndex kwargs). The first one is the shipped default."""
    from datasketch import MinHashLSH

    t, n = DEFAULT_THRESHOLD, DEFAULT_NUM_PERM
    tuned = MinHashLSH(threshold=t, num_perm=n)
    return [
        (f"default: T={t}, {n} perm", {}),
        (f"T={t}, 128 perm", {"num_perm": 128}),
        ("T=0.65, 128 perm", {"num_perm": 128, "threshold": 0.65}),
        (f"T={t - 0.05:.2f}, {n} perm", {"threshold": round(t - 0.05, 2)}),
        (f"T={t + 0.05:.2f}, {n} perm", {"threshold": round(t + 0.05, 2)}),
        (f"T={t}, {n} perm, no containment check", {"containment_threshold": None}),
        (f"T={t}, {n} perm, 22x3 bands (the default before #8)", {"bands": 22, "rows": 3}),
        (f"T={t}, {n} perm, 32x5 bands", {"bands": 32, "rows": 5}),
        (f"T={t}, {n} perm, 42x6 bands", {"bands": 42, "rows": 6}),
        (f"T={t}, {n} perm, datasketch-tuned bands", {"bands": tuned.b, "rows": tuned.r}),
    ]


def machine() -> str:
    uname = subprocess.run(["uname", "-a"], capture_output=True, text=True).stdout.strip()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{uname}; nproc={os.cpu_count()}; Python {platform.python_version()}; load avg {load}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small corpus (about 10 s)")
    ap.add_argument("--stories", type=int, default=50, help="base stories per topic (8 topics)")
    ap.add_argument("--variants", type=int, default=3, help="variants per base story and edit type")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=str(HERE / "results" / "dedup_quality.md"))
    args = ap.parse_args(argv)
    if args.quick:
        args.stories, args.variants = 12, 2
    started = time.perf_counter()

    corpus = Corpus(seed=args.seed)
    bases = [corpus.story(topic, i) for topic in sorted(TOPICS) for i in range(args.stories)]
    edits = DUPLICATE_EDITS + DISTINCT_EDITS
    variants = {e: [(b, corpus.variant(b, e, k)) for b in bases for k in range(args.variants)] for e in edits}

    sets = {b.key: set(shingles(b.text)) for b in bases}
    truth = {e: [jaccard(sets[b.key], set(shingles(v.text))) for b, v in pairs] for e, pairs in variants.items()}
    by_topic: dict[str, list] = {}
    for b in bases:
        by_topic.setdefault(b.topic, []).append(b)
    same = [
        jaccard(sets[a.key], sets[b.key]) for group in by_topic.values() for i, a in enumerate(group) for b in group[:i]
    ]
    words = statistics.mean(len(b.text.split()) for b in bases)

    results = []
    for label, kwargs in configs():
        index = NearDuplicateIndex(MemorySignatureStore(), window_days=None, **kwargs)
        merged_bases = 0
        for b in bases:
            if index.check_and_add(b.key, b.text).kind != "unique":
                merged_bases += 1
        row = {"label": label, "bands": f"{index.bands}x{index.rows}", "num_perm": index.num_perm}
        for e, pairs in variants.items():
            hits = wrong = 0
            for b, v in pairs:
                verdict = index.check(v.key, v.text)
                if verdict.duplicate_of == b.key:
                    hits += 1
                elif verdict.duplicate_of is not None:
                    wrong += 1
            row[e] = (hits, wrong, len(pairs))
        row["same_topic"] = merged_bases
        results.append(row)

    lines = [
        "### Near-duplicate quality (bench/dedup_quality.py)",
        "",
        f"Command: `python bench/dedup_quality.py{' --quick' if args.quick else ''}"
        f" --stories {args.stories} --variants {args.variants} --seed {args.seed}`  ",
        f"Machine: `{machine()}`  ",
        f"Corpus: {len(bases)} base stories ({len(by_topic)} topics x {args.stories}, "
        f"mean {words:.0f} words), {args.variants} variant(s) per base and edit type; "
        f"{len(same)} same-topic pairs of distinct stories.  ",
        f"Default verification: J >= {DEFAULT_THRESHOLD} or containment >= {DEFAULT_CONTAINMENT}; "
        "word 3-gram shingles; exact Jaccard of the shingle sets is the ground truth.",
        "",
        f"| edit type | should match | pairs | true J min / mean / max | true J >= {DEFAULT_THRESHOLD} |",
        "|---|---|---:|---|---:|",
    ]
    for e in edits:
        js = truth[e]
        lines.append(
            f"| {e}: {EDIT_DESCRIPTIONS[e]} | {'yes' if e in DUPLICATE_EDITS else 'NO'} | {len(js)} | "
            f"{min(js):.3f} / {statistics.mean(js):.3f} / {max(js):.3f} | "
            f"{sum(j >= DEFAULT_THRESHOLD for j in js)} |"
        )
    lines.append(
        f"| same_topic: {EDIT_DESCRIPTIONS['same_topic']} | NO | {len(same)} | "
        f"{min(same):.3f} / {statistics.mean(same):.3f} / {max(same):.3f} | "
        f"{sum(j >= DEFAULT_THRESHOLD for j in same)} |"
    )
    lines += [
        "",
        "Recall on duplicate edit types (share of pairs matched to their base) and false-merge rate on "
        "distinct ones (share reported as duplicates; same_topic counts base stories merged into another "
        "story while the index was built):",
        "",
        "| setting | bands x rows | "
        + " | ".join(f"recall {e}" for e in DUPLICATE_EDITS)
        + " | "
        + " | ".join(f"false {e}" for e in DISTINCT_EDITS)
        + " | false same_topic |",
        "|---|---|" + "---:|" * (len(edits) + 1),
    ]
    for row in results:
        cells = [f"{row[e][0] / row[e][2]:.4f}" for e in DUPLICATE_EDITS]
        cells += [f"{(row[e][0] + row[e][1]) / row[e][2]:.4f} ({row[e][0] + row[e][1]})" for e in DISTINCT_EDITS]
        cells.append(f"{row['same_topic'] / len(bases):.4f} ({row['same_topic']})")
        lines.append(f"| {row['label']} | {row['bands']} | " + " | ".join(cells) + " |")
    wrong = sum(row[e][1] for row in results[:1] for e in DUPLICATE_EDITS)
    lines += [
        "",
        f"Duplicates attributed to the wrong base story (default setting): {wrong}.  ",
        f"Run time: {time.perf_counter() - started:.1f} s.",
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
