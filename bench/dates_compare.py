"""Publication-day accuracy on both shared corpora: newsbot beside trafilatura and htmldate, with CPU per page.

    python bench/dates_compare.py [--shared DIR] [--no-others] [--misses FILE] [--strip | --both] [--state]
    python bench/dates_compare.py --scripts-alone

fundus-pages (``manifest.jsonl``, expected ``datePublished`` in UTC): right when the calendar day
equals the expected one, read in UTC when newsbot gives a time and an offset, else the written day.
readability-pages (``expected-metadata.json``; only the pages with a ``publishedTime``): right when
the written day (the page's own offset) equals the expected one's first ten characters.

newsbot: ``extract_article`` (parse and cleaning included) and its ``datePublished``; trafilatura
2.3.1 ``extract_metadata(...).date``; htmldate 1.11 ``find_date(html, url=..., original_date=True)``
(bench-only, requirements-bench.txt). CPU: ``time.process_time`` around each call, median ms/page.

``--strip``: every page as a small WordPress or hand-made site shows itself, the same for every
tool: no ``<script>`` at all (JSON-LD, Next.js data, a player's config), no ``<meta>`` whose name
says date, time, published, modified, created or issued (nor Parse.ly's ``parsely-page``), no
microdata (``itemprop``/``itemscope``/``itemtype`` attributes dropped, the elements and their text
kept). What is left: the visible text, ``<time>`` elements and the URL. ``--both``: the normal
pages, then the stripped ones, in one run. ``--state``: one more view, stripped the same way but
with the inline scripts that are not JSON-LD kept (Next.js/Nuxt state, data layers): a page whose
day is only in its script state.

Every row also says how many pages newsbot dated from inline script state
(:mod:`newsbot.extraction.script_dates`: the date it returned is the one that reader gave) and how
many of those are right ("script N/M"). ``--scripts-alone``: that reader alone on every normal page,
whatever the other sources say: how many pages it dates and how many of those right (its precision).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from lxml import etree  # noqa: E402
from lxml import html as lxml_html  # noqa: E402
from scrapy.http import HtmlResponse  # noqa: E402

from newsbot.extraction.page import ArticlePage  # noqa: E402
from newsbot.extraction.script_dates import inline_state_texts, script_published  # noqa: E402
from newsbot.sites import extract_article  # noqa: E402

#: what the script-state reader returned on the page being read (see :func:`_recording_script_date`)
_SCRIPT_DATES: list[str | None] = []
_script_date = getattr(ArticlePage, "script_date", None)  # absent in trees before the reader


def _recording_script_date(self: ArticlePage) -> str | None:
    value = _script_date(self) if _script_date is not None else None
    _SCRIPT_DATES.append(value)
    return value


if _script_date is not None:
    ArticlePage.script_date = _recording_script_date  # type: ignore[method-assign]


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


_DATE_META = re.compile(r"date|time|publish|modified|created|issued|parsely", re.IGNORECASE)
_MICRODATA = ("itemprop", "itemscope", "itemtype", "itemid")


def strip_structured(html: str, keep_state: bool = False) -> str:
    """``html`` without scripts, date ``<meta>`` names and microdata attributes (see the module's doc);
    ``keep_state``: inline scripts other than JSON-LD are kept."""
    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return html
    for script in list(root.iter("script")):
        inline_state = not script.get("src") and "ld+json" not in (script.get("type") or "").lower()
        if not (keep_state and inline_state):
            script.drop_tree()
    for meta in list(root.iter("meta")):
        key = " ".join(meta.get(name) or "" for name in ("name", "property", "itemprop", "http-equiv"))
        if _DATE_META.search(key):
            meta.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str):
            for name in _MICRODATA:
                if name in element.attrib:
                    del element.attrib[name]
    return lxml_html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


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
    views = parser.add_mutually_exclusive_group()
    views.add_argument("--strip", action="store_true", help="pages without scripts, date meta and microdata")
    views.add_argument("--both", action="store_true", help="normal pages, then stripped pages, in one run")
    parser.add_argument("--state", action="store_true", help="also: stripped pages keeping inline script state")
    parser.add_argument(
        "--scripts-alone", action="store_true", help="only the script-state reader, on every normal page"
    )
    args = parser.parse_args()
    if args.scripts_alone:
        for corpus, pages in (("fundus-pages", fundus_pages), ("readability-pages", readability_pages)):
            scripts_alone(corpus, pages(args.shared))
        return
    tools: dict[str, Callable[[str, str], Any]] = {"newsbot": newsbot_date}
    if not args.no_others:
        tools |= {"trafilatura": trafilatura_date, "htmldate": htmldate_date}
    misses: list[dict[str, Any]] = []
    views: list[str | None] = [None, "stripped"] if args.both else ["stripped" if args.strip else None]
    if args.state:
        views.append("stripped, state kept")
    print("| corpus | pages | " + " | ".join(f"{name} day | {name} ms/page" for name in tools) + " | script |")
    print("|---|---|" + "---|---|" * len(tools) + "---|")
    for view in views:
        for corpus, pages in (("fundus-pages", fundus_pages), ("readability-pages", readability_pages)):
            _run(corpus + (f" {view}" if view else ""), pages(args.shared), tools, view, misses)
    if args.misses:
        args.misses.write_text("".join(json.dumps(m) + "\n" for m in misses))


def _run(
    corpus: str,
    pages: Iterator[tuple[str, str, str, Callable[[Any, Any], bool]]],
    tools: dict[str, Callable[[str, str], Any]],
    view: str | None,
    misses: list[dict[str, Any]],
) -> None:
    """One corpus (stripped or not) through every tool: a table row, newsbot's misses appended."""
    right = dict.fromkeys(tools, 0)
    scripted = scripted_right = 0
    cpu: dict[str, list[float]] = {name: [] for name in tools}
    count = 0
    for url, page, expected, same in pages:
        html = strip_structured(page, keep_state=view == "stripped, state kept") if view else page
        count += 1
        for name, tool in tools.items():
            _SCRIPT_DATES.clear()
            start = time.process_time()
            try:
                got = tool(url, html)
            except Exception:  # a tool that fails on a page scores a miss there
                got = None
            cpu[name].append((time.process_time() - start) * 1000)
            from_script = name == "newsbot" and got is not None and _from_script(got)
            scripted += from_script
            if same(expected, got):
                right[name] += 1
                scripted_right += from_script
            elif name == "newsbot":
                misses.append({"corpus": corpus, "url": url, "expected": expected, "got": got})
    cells = " | ".join(f"{right[n] / count:.1%} | {statistics.median(cpu[n]):.1f}" for n in tools)
    print(f"| {corpus} | {count} | {cells} | {scripted_right}/{scripted} |", flush=True)


def scripts_alone(corpus: str, pages: Iterator[tuple[str, str, str, Callable[[Any, Any], bool]]]) -> None:
    """The script-state reader asked on every page whatever the other sources say (its precision where
    state exists): how many pages it dates, how many of those right, and the wrong ones."""
    given = right = 0
    for url, page, expected, same in pages:
        root = lxml_html.document_fromstring(page)
        headline = root.xpath("string(//meta[@property='og:title']/@content)") or None
        got = script_published(inline_state_texts(root.iter("script")), url, headline)
        if got is None:
            continue
        given += 1
        right += same(expected, got)
        if not same(expected, got):
            print(f"  wrong: {url} expected {expected} got {got}")
    print(f"{corpus}: script state dates {given} pages, {right} right", flush=True)


def _from_script(got: Any) -> bool:
    """True when newsbot's date is the one its script-state reader gave on this page."""
    wanted = _parse(got)
    return any(value and _parse(value) == wanted for value in _SCRIPT_DATES)


if __name__ == "__main__":
    main()
