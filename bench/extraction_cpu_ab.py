"""CPU per page of the whole item (``extract_article``) for two source trees, timed alternately.

    python bench/extraction_cpu_ab.py BEFORE_DIR AFTER_DIR [--rounds 4] [--passes 3] [--corpus DIR]

Each directory holds a ``newsbot`` package (for the baseline: ``git archive <commit> newsbot | tar
-x -C DIR``). Every round runs one fresh process per tree, in alternating order (before/after,
then after/before): the process reads the saved pages of ``../shared/corpora/fundus-pages`` once,
extracts every page once to warm up, then times ``--passes`` passes with ``time.process_time``.
A pass builds each response, extracts its item (parse, fields, cleaning), releases the response
as the spider does and ends with ``gc.collect()`` inside the timing, so freeing every page's tree
is counted whether a tree dies with its response or waits for the cycle collector. Prints min /
median / max ms per page per tree over all passes of all rounds. No settings.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = r"""
import gc, gzip, json, sys, time
sys.path.insert(0, sys.argv[1])
from scrapy.http import HtmlResponse
from newsbot.sites import extract_article
from newsbot.spiders.article import release_selector
corpus, passes = sys.argv[2], int(sys.argv[3])
records = [json.loads(line) for line in open(corpus + "/manifest.jsonl") if line.strip()]
pages = [(r["url"], gzip.decompress(open(corpus + "/" + r["file"], "rb").read())) for r in records]

def one_pass():
    for url, body in pages:
        response = HtmlResponse(url=url, body=body)
        extract_article(response)
        release_selector(response)
        del response
    gc.collect()

one_pass()
spent = []
for _ in range(passes):
    gc.collect()
    started = time.process_time()
    one_pass()
    spent.append((time.process_time() - started) * 1000 / len(pages))
print(json.dumps(spent))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "fundus-pages")
    args = parser.parse_args()
    trees = [args.before, args.after]
    spent: dict[Path, list[float]] = {tree: [] for tree in trees}
    for number in range(args.rounds):
        for tree in trees if number % 2 == 0 else trees[::-1]:
            run = [sys.executable, "-c", CHILD, str(tree), str(args.corpus), str(args.passes)]
            out = subprocess.run(run, capture_output=True, text=True, check=True)
            spent[tree] += json.loads(out.stdout.strip().splitlines()[-1])
    for tree, values in spent.items():
        print(f"{tree}: {min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f} ms per page")


if __name__ == "__main__":
    main()
