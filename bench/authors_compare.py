"""Authors on both shared corpora: newsbot beside trafilatura, false names and CPU per page.

    python bench/authors_compare.py [--shared DIR] [--passes 3] [--no-trafilatura] [--misses FILE]

fundus-pages (``manifest.jsonl``): right when the set of names equals the expected one (NFKC,
whitespace collapsed, case folded; a page expecting none agrees only with no name).
readability-pages (``expected-metadata.json``): its ``byline`` is the visible byline text, so names
are compared with it, not the whole string: a page without a byline is right with no name; a page
with one is right when every name given occurs in the byline and the names cover every capitalised
word of the byline's first line (cut at its first digit: dates; a leading "By"/"Par"/"Written by"
left out). A byline naming no person (a date, "Follow Author") can then never be right: the same
for every extractor.

False names: pages expecting no author that get a name. newsbot: ``extract_article`` (parse and
cleaning included); trafilatura 2.3.1: ``extract_metadata(...).author`` split at ``;``. CPU:
``time.process_time`` around each call (newsbot: the whole item), median ms/page over ``--passes``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from crawl import machine, write_report  # noqa: E402
from scrapy.http import HtmlResponse  # noqa: E402

from newsbot.sites import extract_article  # noqa: E402

_LEAD = re.compile(r"^\s*(?:written\s+by|by|par|von|por)\b[:\s]*", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


def fundus_right(expected: Any, names: list[str]) -> bool:
    return {norm(a) for a in expected or [] if norm(a)} == {norm(a) for a in names if norm(a)}


def byline_right(byline: Any, names: list[str]) -> bool:
    names = [norm(a) for a in names if norm(a)]
    if not byline or not str(byline).strip():
        return not names
    if not names:
        return False
    text = norm(byline)
    if not all(name in text for name in names):
        return False
    first = next(line for line in str(byline).splitlines() if line.strip())
    first = _LEAD.sub("", re.split(r"\d", unicodedata.normalize("NFKC", first))[0])
    wanted = [w for w in _WORD.findall(first) if w[0].isupper() or (not w[0].isascii() and not w[0].islower())]
    covered = " ".join(names)
    return all(norm(w).strip(".") in covered for w in wanted)


def load(shared: Path) -> dict[str, list[tuple[str, str, bytes, Any, Callable[[Any, list[str]], bool]]]]:
    fundus = shared / "corpora" / "fundus-pages"
    pages: dict[str, list] = {"fundus-pages": [], "readability-pages": []}
    for line in (fundus / "manifest.jsonl").read_text().splitlines():
        if line.strip():
            record = json.loads(line)
            body = gzip.decompress((fundus / record["file"]).read_bytes())
            expected = record["expected"].get("authors")
            pages["fundus-pages"].append((record["file"], record["url"], body, expected, fundus_right))
    readability = shared / "corpora" / "readability-pages"
    for meta in sorted(readability.glob("*/expected-metadata.json")):
        name = meta.parent.name
        body = gzip.decompress((meta.parent / "source.html.gz").read_bytes())
        expected = json.loads(meta.read_text()).get("byline")
        pages["readability-pages"].append((name, f"https://example.com/{name}/", body, expected, byline_right))
    return pages


def newsbot_names(url: str, body: bytes) -> tuple[list[str], float]:
    started = time.process_time()
    item = extract_article(HtmlResponse(url=url, body=body))
    return [a.name for a in item.authors], time.process_time() - started


def trafilatura_names(url: str, body: bytes) -> tuple[list[str], float]:
    from trafilatura.metadata import extract_metadata

    started = time.process_time()
    meta = extract_metadata(body, default_url=url)
    spent = time.process_time() - started
    return [a.strip() for a in ((meta.author if meta else None) or "").split(";") if a.strip()], spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = next((p for p in (ROOT.parent / "shared", Path("/work/shared")) if p.is_dir()), ROOT.parent / "shared")
    parser.add_argument("--shared", type=Path, default=shared)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--misses", type=Path, help="write newsbot's wrong pages here (JSON)")
    parser.add_argument("--name", default="authors_compare")
    args = parser.parse_args()
    corpora = load(args.shared)
    runners = {"newsbot": newsbot_names} | ({} if args.no_trafilatura else {"trafilatura": trafilatura_names})
    lines = [
        "### Authors beside trafilatura on both shared corpora",
        f"Command: `python bench/authors_compare.py --passes {args.passes}"
        + (" --no-trafilatura" if args.no_trafilatura else "") + "`",
        f"Machine: {machine()}",
        "",
        "| corpus | extractor | authors right | false names (pages without an author given one) "
        "| CPU ms/page, median |",
        "|---|---|---|---|---|",
    ]  # fmt: skip
    misses: list[dict[str, Any]] = []
    for corpus, pages in corpora.items():
        for who, run in runners.items():
            right = false = 0
            cpu: list[float] = []
            for number in range(args.passes):
                spent = 0.0
                for name, url, body, expected, judge in pages:
                    names, took = run(url, body)
                    spent += took
                    if number:
                        continue
                    ok = judge(expected, names)
                    right += ok
                    false += not expected and bool(names)
                    if not ok and who == "newsbot":
                        misses.append({"corpus": corpus, "page": name, "expected": expected, "got": names})
                cpu.append(spent * 1000 / len(pages))
            without = sum(not expected for _, _, _, expected, _ in pages)
            lines.append(
                f"| {corpus} ({len(pages)} pages) | {who} | {right / len(pages):.1%} ({right}) "
                f"| {false} of {without} | {statistics.median(cpu):.2f} |"
            )
    if args.misses:
        args.misses.write_text(json.dumps(misses, indent=1, ensure_ascii=False))
    write_report(args.name, lines)


if __name__ == "__main__":
    main()
