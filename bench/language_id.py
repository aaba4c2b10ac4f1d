"""Language of a page from its text (py3langid, ``newsbot.languages``): CPU per page and agreement with declarations.

    python bench/language_id.py [--shared DIR]

For each page of fundus-pages (258 real pages, 41 countries): ``extract_article`` gives the page's
declared language (``inLanguage``: JSON-LD, ``html lang``, ``og:locale``) and its body; the body's
language is identified (:func:`newsbot.languages.identify`, its first 1,000 characters). Reported:
CPU per identification (``time.process_time``, median and 95th percentile, ms), the model's one-off
load, the share of pages where the identified language equals the declared one, and every page
where :func:`newsbot.languages.page_language` would let the text overrule the declaration.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from scrapy.http import HtmlResponse  # noqa: E402

from newsbot.languages import _identifier, identify, language_code, page_language  # noqa: E402
from newsbot.sites import extract_article  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    corpus = args.shared / "corpora" / "fundus-pages"
    started = time.process_time()
    _identifier()
    load = time.process_time() - started
    costs: list[float] = []
    agree = compared = undeclared = short = 0
    overruled, differ = [], []
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        html = gzip.decompress((corpus / entry["file"]).read_bytes())
        item = extract_article(HtmlResponse(url=entry["url"], body=html, encoding="utf-8"), clean=False)
        started = time.process_time()
        found = identify(item.articleBody)
        costs.append((time.process_time() - started) * 1000)
        declared = language_code(item.inLanguage)
        if found is None:
            short += 1
            continue
        if declared is None:
            undeclared += 1
            continue
        compared += 1
        agree += found[0] == declared
        if found[0] != declared:
            differ.append(f"{entry['file']}: declared {declared}, text {found[0]} ({found[1]:.4f})")
        verdict = page_language(item.inLanguage, item.articleBody)
        if verdict.source == "text_over_declared":
            overruled.append(f"{entry['file']}: declared {declared}, text {verdict.code}")
    costs.sort()
    print(f"pages {len(costs)}; model load {load * 1000:.0f} ms CPU once")
    p95 = costs[int(len(costs) * 0.95)]
    print(f"CPU per identification: median {statistics.median(costs):.2f} ms, p95 {p95:.2f} ms")
    print(f"identified = declared on {agree}/{compared} pages ({agree / max(compared, 1):.3f}); "
          f"undeclared {undeclared}; too short to identify {short}")  # fmt: skip
    print("identified differently:")
    for text in differ:
        print("  " + text)
    print(f"text overrules the declaration on {len(overruled)} pages:")
    for text in overruled:
        print("  " + text)


if __name__ == "__main__":
    main()
