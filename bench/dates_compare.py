"""Publication-day accuracy on both shared corpora: newsbot beside trafilatura and htmldate, with CPU per page.

    python bench/dates_compare.py [--shared DIR] [--no-others] [--misses FILE]

fundus-pages (``manifest.jsonl``, expected ``datePublished`` in UTC): right when the calendar day
equals the expected one, read in UTC when newsbot gives a time and an offset, else the written day.
readability-pages (``expected-metadata.json``; only the pages with a ``publishedTime``): right when
the written day (the page's own offset) equals the expected one's first ten characters.

newsbot: ``extract_article`` (parse and cleaning included) and its ``datePublished``; trafilatura
2.3.1 ``extract_metadata(...).date``; htmldate 1.11 ``find_date(html, url=..., original_date=True)``
(bench-only, requirements-bench.txt). CPU: ``time.process_time`` around each call, median ms/page.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from scrapy.http import HtmlResponse  # noqa: E402

from newsbot.sites import extract_article  # noqa: E402


def _parse(value: Any) -> datetime | None:
    text = str(value or "").strip().replace("Z", "+00:00")
    for candidate in (text, text.replace(" ", "T", 1), text[:10]):
        try:
            return datetime.fromisoformat(candidate)
        except ValueError:
            continue
    return None


def fundus_day(expected: Any, got: Any) -> bool:
    a, b = _parse(expected), _parse(got)
    if a is None or b is None:
        return False
    if a.tzinfo and b.tzinfo and len(str(got).strip()) > 10:
        return a.astimezone(UTC).date() == b.astimezone(UTC).date()
    return a.date() == b.date()


def written_day(expected: Any, got: Any) -> bool:
    b = _parse(got)
    return b is not None and str(expected)[:10] == b.date().isoformat()


def fundus_pages(shared: Path) -> Iterator[tuple[str, str, str, Callable[[Any, Any], bool]]]:
    folder = shared / "corpora" / "fundus-pages"
    for line in (folder / "manifest.jsonl").read_text().splitlines():
        entry = json.loads(line)
        expected = entry["expected"].get("datePublished")
        if expected:
            html = gzip.decompress((folder / entry["file"]).read_bytes()).decode("utf-8", "replace")
            yield entry["url"], html, expected, fundus_day


def readability_pages(shared: Path) -> Iterator[tuple[str, str, str, Callable[[Any, Any], bool]]]:
    folder = shared / "corpora" / "readability-pages"
    for meta in sorted(folder.glob("*/expected-metadata.json")):
        expected = json.loads(meta.read_text()).get("publishedTime")
        if expected:
            html = gzip.decompress((meta.parent / "source.html.gz").read_bytes()).decode("utf-8", "replace")
            yield f"https://example.com/{meta.parent.name}/", html, expected, written_day


def newsbot_date(url: str, html: str) -> Any:
    response = HtmlResponse(url=url, body=html.encode("utf-8"), encoding="utf-8")
    item = extract_article(response)
    return item.datePublished if item else None


def trafilatura_date(url: str, html: str) -> Any:
    from trafilatura import extract_metadata

    meta = extract_metadata(html, default_url=url)
    return meta.date if meta else None


def htmldate_date(url: str, html: str) -> Any:
    from htmldate import find_date

    return find_date(html, url=url, original_date=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("/work/shared"))
    parser.add_argument("--no-others", action="store_true", help="newsbot only")
    parser.add_argument("--misses", type=Path, help="write newsbot's misses (url, expected, got) as JSON lines")
    args = parser.parse_args()
    tools: dict[str, Callable[[str, str], Any]] = {"newsbot": newsbot_date}
    if not args.no_others:
        tools |= {"trafilatura": trafilatura_date, "htmldate": htmldate_date}
    misses: list[dict[str, Any]] = []
    print("| corpus | pages | " + " | ".join(f"{name} day | {name} ms/page" for name in tools) + " |")
    print("|---|---|" + "---|---|" * len(tools))
    for corpus, pages in (("fundus-pages", fundus_pages), ("readability-pages", readability_pages)):
        right = dict.fromkeys(tools, 0)
        cpu: dict[str, list[float]] = {name: [] for name in tools}
        count = 0
        for url, html, expected, same in pages(args.shared):
            count += 1
            for name, tool in tools.items():
                start = time.process_time()
                try:
                    got = tool(url, html)
                except Exception:  # a tool that fails on a page scores a miss there
                    got = None
                cpu[name].append((time.process_time() - start) * 1000)
                if same(expected, got):
                    right[name] += 1
                elif name == "newsbot":
                    misses.append({"corpus": corpus, "url": url, "expected": expected, "got": got})
        cells = " | ".join(f"{right[n] / count:.1%} | {statistics.median(cpu[n]):.1f}" for n in tools)
        print(f"| {corpus} | {count} | {cells} |", flush=True)
    if args.misses:
        args.misses.write_text("".join(json.dumps(m) + "\n" for m in misses))


if __name__ == "__main__":
    main()
