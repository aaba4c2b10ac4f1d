"""Extraction benchmark on real pages: speed and field coverage over the shared fundus corpus.

    python bench/extraction.py [--corpus DIR] [--passes 5] [--replica 300]

Reads the 258 saved pages (181 publishers) from ``../shared/corpora/fundus-pages`` (never copied
into the repository), extracts each with ``extract_article`` and reports CPU ms per page (parse
included, ``time.process_time``; min / median / max of ``--passes`` passes over all pages), field
coverage, and agreement with the hand-checked values. Then the same CPU figure on ``--replica``
generated replica pages (the TRT World profile, as the crawl benchmarks see it). Writes the
markdown block to bench/results/extraction.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from crawl import machine, write_report  # noqa: E402
from scrapy.http import HtmlResponse  # noqa: E402

from newsbot.sites import extract_article  # noqa: E402


def norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


def spread(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def replica_timings(count: int, passes: int) -> list[float]:
    """CPU ms per page of ``extract_article`` on ``count`` generated replica pages, per pass."""
    from newsbot.sample_site import SampleSite
    from newsbot.sites.trtworld.urls import canonicaliser

    base = "http://127.0.0.1:8765"
    site = SampleSite.generate(articles=count, seed=3)
    urls = canonicaliser(base)
    pages = [(f"{base}/article/{key}", site.article_bytes(key, base)) for key in list(site.articles)[:count]]
    timings = []
    for _ in range(passes):
        started = time.process_time()
        for url, body in pages:
            extract_article(HtmlResponse(url=url, body=body), urls)
        timings.append((time.process_time() - started) * 1000 / len(pages))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "fundus-pages")
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--replica", type=int, default=300, help="generated replica pages (0: none)")
    args = parser.parse_args()
    records = [json.loads(line) for line in (args.corpus / "manifest.jsonl").read_text().splitlines()]
    pages = [(r, gzip.decompress((args.corpus / r["file"]).read_bytes())) for r in records]
    size = statistics.mean(len(body) for _, body in pages) / 1024
    timings = []
    for _ in range(args.passes):
        started = time.process_time()
        items = [(r, extract_article(HtmlResponse(url=r["url"], body=body))) for r, body in pages]
        timings.append((time.process_time() - started) * 1000 / len(items))
    total = len(items)

    def share(test) -> str:  # type: ignore[no-untyped-def]
        return f"{sum(1 for r, item in items if test(r, item)) / total:.0%}"

    recalls = []
    for record, item in items:
        expected = [norm(p) for p in record["expected"]["articleBodyParagraphs"] if len(p) > 40]
        if expected:
            body = norm(item.articleBody)
            recalls.append(sum(p in body for p in expected) / len(expected))
    layers: dict[str, int] = {}
    for _, item in items:
        layers[item.metadata["extractor"]] = layers.get(item.metadata["extractor"], 0) + 1
    lines = [
        "### Extraction on real pages",
        f"Command: `python bench/extraction.py --passes {args.passes} --replica {args.replica}` "
        f"({total} pages, {len({r['publisher'] for r in records})} publishers, "
        f"mean {size:.0f} KiB)",
        f"Machine: {machine()}",
        "",
        f"- CPU per page (parse + extraction + cleaning), min / median / max of {args.passes} passes: "
        f"**{spread(timings)} ms**",
        f"- coverage: headline {share(lambda r, i: i.headline)}, body {share(lambda r, i: i.articleBody)}, "
        f"datePublished {share(lambda r, i: i.datePublished)}, authors {share(lambda r, i: i.authors)}",
        "- headline equal to the hand-checked one: "
        + share(lambda r, i: norm(i.headline) == norm(r["expected"]["headline"])),
        f"- body: share of the hand-checked paragraphs found, mean {statistics.mean(recalls):.2f}, "
        f"median {statistics.median(recalls):.2f}",
        "- body layer: " + ", ".join(f"{layer} {count}" for layer, count in sorted(layers.items())),
    ]
    if args.replica:
        replica = replica_timings(args.replica, args.passes)
        lines.append(
            f"- on {args.replica} generated replica pages (TRT World profile): **{spread(replica)} ms** per page"
        )
    write_report("extraction", lines)


if __name__ == "__main__":
    main()
