"""Headlines on both development corpora, newsbot beside trafilatura, with CPU per page.

    python bench/headlines_compare.py [--shared DIR] [--passes 3] [--name headlines_compare]
                                      [--no-trafilatura] [--misses FILE]

Corpora (read from the shared folder, ``../shared`` beside the checkout unless ``--shared``; never
copied into the repository):

- ``corpora/fundus-pages``: 258 pages of 181 publishers; expected: the manifest's ``headline``;
- ``corpora/readability-pages``: the pages whose ``expected-metadata.json`` has a ``title``
  (127 of 130), each fetched as ``https://example.com/<name>/`` (the pages carry no URL).

A headline is right when it equals the expected one after NFKC, whitespace collapse and case
folding (the rule of ``bench/extraction_compare.py``). trafilatura 2.3.1 (bench-only, pinned in
requirements-bench.txt): the ``title`` of ``extract_metadata``.

"As shown" (a second figure, both tools): the expected headline is the one the page shows where
``bench/headlines_as_shown.json`` says the label is another text (a metadata wording the page
does not show, a site name the heading does not carry; hand-checked from the page's headings,
with the reason), and texts are compared without invisible characters (zero-width spaces, soft
hyphens, word joiners) and with typographic quotes unified, which a reader cannot tell apart
from the page.

CPU ms/page: ``time.process_time`` around newsbot's whole item (``extract_article``: parse,
every field, cleaning) and around trafilatura's ``extract_metadata``; min / median / max over
``--passes`` passes. Writes the markdown block to ``bench/results/<name>.md``; ``--misses`` keeps
newsbot's wrong headlines (expected, shown, got; wrong as labelled or as shown) as JSON for
reading, not for tuning on single pages.
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
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from crawl import machine, write_report  # noqa: E402
from scrapy.http import HtmlResponse  # noqa: E402

from newsbot.sites import extract_article  # noqa: E402


def norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})


def norm_shown(text: str | None) -> str:
    """``norm`` without invisible (format) characters and with typographic quotes unified."""
    text = unicodedata.normalize("NFKC", text or "").translate(QUOTES)
    return norm("".join(char for char in text if unicodedata.category(char) != "Cf"))


def as_shown() -> dict[str, dict[str, str]]:
    """Per corpus, page -> the headline the page shows where its label is another text."""
    path = ROOT / "bench" / "headlines_as_shown.json"
    found = json.loads(path.read_text())
    return {
        corpus: {page: entry["shown"] for page, entry in pages.items()}
        for corpus, pages in found.items()
        if corpus != "about"
    }


def fundus_pages(shared: Path) -> list[tuple[str, str, bytes, str]]:
    """(name, url, page bytes, expected headline) of every fundus page."""
    folder = shared / "corpora" / "fundus-pages"
    pages = []
    for line in (folder / "manifest.jsonl").read_text().splitlines():
        if line.strip():
            record = json.loads(line)
            body = gzip.decompress((folder / record["file"]).read_bytes())
            pages.append((record["file"], record["url"], body, record["expected"]["headline"]))
    return pages


def readability_pages(shared: Path) -> list[tuple[str, str, bytes, str]]:
    """(name, url, page bytes, expected title) of every readability page that has a title."""
    folder = shared / "corpora" / "readability-pages"
    pages = []
    for page in sorted(path for path in folder.iterdir() if (path / "expected-metadata.json").is_file()):
        title = json.loads((page / "expected-metadata.json").read_text()).get("title")
        if title:
            body = gzip.decompress((page / "source.html.gz").read_bytes())
            pages.append((page.name, f"https://example.com/{page.name}/", body, title))
    return pages


def trafilatura_title(url: str, body: bytes) -> str | None:
    from trafilatura.metadata import extract_metadata

    meta = extract_metadata(body, default_url=url)
    return meta.title if meta else None


def measure(
    pages: list[tuple[str, str, bytes, str]], passes: int, rivals: bool, shown: dict[str, str] | None = None
) -> dict[str, Any]:
    """Share right (as labelled, and as shown: ``shown`` maps a page to the headline it shows
    where that is not its label) and CPU ms/page (min, median, max over passes) of newsbot and
    trafilatura."""
    shown = shown or {}
    right = {"newsbot": 0, "trafilatura": 0}
    seen = {"newsbot": 0, "trafilatura": 0}
    cpu: dict[str, list[float]] = {"newsbot": [], "trafilatura": []}
    misses: list[dict[str, str | None]] = []
    for number in range(passes):
        spent = {"newsbot": 0.0, "trafilatura": 0.0}
        for name, url, body, expected in pages:
            started = time.process_time()
            headline = extract_article(HtmlResponse(url=url, body=body)).headline
            spent["newsbot"] += time.process_time() - started
            title = None
            if rivals:
                started = time.process_time()
                title = trafilatura_title(url, body)
                spent["trafilatura"] += time.process_time() - started
            if number == 0:
                truth = norm_shown(shown.get(name, expected))
                labelled, seen_right = norm(headline) == norm(expected), norm_shown(headline) == truth
                right["newsbot"] += labelled
                seen["newsbot"] += seen_right
                if not (labelled and seen_right):
                    miss = {"page": name, "expected": expected, "shown": shown.get(name), "got": headline}
                    misses.append(miss | {"right as labelled": labelled, "right as shown": seen_right})
                right["trafilatura"] += norm(title) == norm(expected)
                seen["trafilatura"] += norm_shown(title) == truth
        for who, seconds in spent.items():
            cpu[who].append(seconds * 1000 / len(pages))
    return {"pages": len(pages), "right": right, "shown": seen, "cpu": cpu, "misses": misses}


def spread(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--name", default="headlines_compare", help="report name under bench/results")
    parser.add_argument("--no-trafilatura", action="store_true", help="newsbot only (quick runs)")
    parser.add_argument("--misses", type=Path, help="write newsbot's wrong headlines here (JSON)")
    args = parser.parse_args()
    rivals = not args.no_trafilatura
    lines = [
        "### Headlines on both corpora beside trafilatura",
        f"Command: `python bench/headlines_compare.py --passes {args.passes}"
        + ("" if rivals else " --no-trafilatura")
        + "`",
        f"Machine: {machine()}",
        "",
        "| corpus | pages | newsbot right | trafilatura right | newsbot right as shown | trafilatura right as shown "
        "| newsbot CPU ms/page (whole item) | trafilatura CPU ms/page (metadata) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    shown = as_shown()
    all_misses: dict[str, list[dict[str, str | None]]] = {}
    for corpus, reader in (("fundus-pages", fundus_pages), ("readability-pages", readability_pages)):
        result = measure(reader(args.shared), args.passes, rivals, shown.get(corpus))
        count, right, seen = result["pages"], result["right"], result["shown"]
        rival = f"{right['trafilatura'] / count:.1%}" if rivals else "-"
        rival_seen = f"{seen['trafilatura'] / count:.1%}" if rivals else "-"
        rival_cpu = spread(result["cpu"]["trafilatura"]) if rivals else "-"
        lines.append(
            f"| {corpus} | {count} | {right['newsbot'] / count:.1%} ({right['newsbot']}) | {rival} "
            f"| {seen['newsbot'] / count:.1%} ({seen['newsbot']}) | {rival_seen} "
            f"| {spread(result['cpu']['newsbot'])} | {rival_cpu} |"
        )
        all_misses[corpus] = result["misses"]
    if args.misses:
        args.misses.write_text(json.dumps(all_misses, indent=1, ensure_ascii=False))
    write_report(args.name, lines)


if __name__ == "__main__":
    main()
