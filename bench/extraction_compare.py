"""newsbot's extraction beside trafilatura on the shared corpus: body P/R/F1, headline, authors, date, CPU.

    python bench/extraction_compare.py [--corpus DIR] [--passes 3] [--name extraction_compare]
                                       [--pages-json FILE] [--no-trafilatura]

Reads the 258 saved pages (181 publishers) of ``../shared/corpora/fundus-pages`` (never copied into
the repository) and, for each page, compares what newsbot (``extract_article``, parse and cleaning
included) and trafilatura 2.3.1 (``extract`` with its defaults for the body, ``extract_metadata``
for headline, authors and date; bench-only, pinned in requirements-bench.txt) extract with the
manifest's expected values.

Body: the token-shingle method of the public article-extraction benchmark. Both texts are
put in Unicode's composed form (NFC: a page or an expected text writing "ü" as "u" and a combining
mark is the same text as one writing it as one character), invisible marks (soft hyphens,
zero-width spaces) left out as a reader sees them, lower-cased and cut into ``\\w+``
tokens; shingles are token 4-grams counted as a multiset (a text shorter than 4 tokens is one
shingle). Per page, true positives are the shingles both share
(counted with multiplicity), false positives the extra ones extracted, false negatives the
expected ones missed; precision, recall and F1 are computed per page and averaged over pages.
An empty extraction scores precision 0 and recall 0 (an empty expected body cannot happen here).

Headline: equal after NFKC, whitespace collapse and case folding. Authors: the same set of names
(normalised the same way; a page expecting none agrees with an empty list). Date: the same
calendar day (in UTC when both carry a time and an offset, else the written day); for newsbot also
the same instant within a minute ("exact").

CPU ms/page: ``time.process_time`` around each extractor call (newsbot: the response built, read
and released as the spider releases it, the page's tree freed inside the timing; trafilatura:
``extract`` only, as it is run for the body), min / median / max over ``--passes`` passes; the
quality figures come from the first pass.

Failure classes: every page whose newsbot body F1 is below 0.9 gets one class, the first that
fits, by a cheap heuristic on the page and the two texts (documented in :func:`failure_class`).
Writes the markdown block to ``bench/results/<name>.md``; ``--pages-json`` keeps per-page figures.
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
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from crawl import machine, write_report  # noqa: E402
from lxml import html as lxml_html  # noqa: E402
from scrapy.http import HtmlResponse  # noqa: E402

from newsbot.sites import extract_article  # noqa: E402
from newsbot.spiders.article import release_selector  # noqa: E402

TOKEN = re.compile(r"\w+")
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero-width marks
SHINGLE = 4
FAILING_F1 = 0.9
CLASSES = (
    "empty body",
    "whole-page <form>",
    "no <p> / br-split text",
    "lists/tables",
    "wrong block won",
    "split containers / lede apart",
    "boilerplate inside",
    "text hygiene",
    "other",
)


def norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(unicodedata.normalize("NFC", text).translate(INVISIBLE).lower())
    if not tokens:
        return Counter()
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def body_scores(expected: str, extracted: str | None) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``extracted`` against ``expected`` by token 4-gram shingles."""
    truth, got = shingles(expected), shingles(extracted or "")
    if not got or not truth:
        return 0.0, 0.0, 0.0
    tp = sum((truth & got).values())
    precision, recall = tp / sum(got.values()), tp / sum(truth.values())
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return precision, recall, f1


def parse_date(value: Any) -> datetime | None:
    if not value:
        return None
    text = str(value).strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        try:
            return datetime.fromisoformat(text[:10])
        except ValueError:
            return None


def same_day(expected: Any, got: Any) -> bool:
    a, b = parse_date(expected), parse_date(got)
    if a is None or b is None:
        return a is None and b is None
    has_time = len(str(got).strip()) > 10
    if a.tzinfo and b.tzinfo and has_time:
        return a.astimezone(UTC).date() == b.astimezone(UTC).date()
    return a.date() == b.date()


def same_instant(expected: Any, got: Any) -> bool:
    a, b = parse_date(expected), parse_date(got)
    if a is None or b is None:
        return a is None and b is None
    if a.tzinfo is None or b.tzinfo is None:
        return a.replace(tzinfo=None) == b.replace(tzinfo=None)
    return abs((a - b).total_seconds()) <= 60


def same_authors(expected: list[str], got: list[str]) -> bool:
    return {norm(a) for a in expected if norm(a)} == {norm(a) for a in got if norm(a)}


def page_structure(html: bytes, paragraphs: list[str]) -> dict[str, float]:
    """Where the expected paragraphs sit in the page: shares inside ``<p>``, inside list/table cells,
    inside a ``<form>`` holding most of the page, and the count of expected paragraphs."""
    try:
        root = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return {"in_p": 0.0, "in_cells": 0.0, "page_form": 0.0}
    probes = [norm(p)[:60] for p in paragraphs if len(norm(p)) >= 30]
    if not probes:
        return {"in_p": 1.0, "in_cells": 0.0, "page_form": 0.0}
    p_text = " ".join(norm(e.text_content()) for e in root.iter("p"))
    cell_text = " ".join(norm(e.text_content()) for e in root.iter("li", "dd", "td"))
    page_len = len(norm(root.text_content())) or 1
    page_form = any(len(norm(f.text_content())) > 0.6 * page_len for f in root.iter("form"))
    return {
        "in_p": sum(p in p_text for p in probes) / len(probes),
        "in_cells": sum(p in cell_text for p in probes) / len(probes),
        "page_form": float(page_form),
    }


HYGIENE = re.compile(r"</?[a-z][a-z0-9]*[\s>/]|function\s*\(|\bvar\s+\w+\s*=|&[a-z]+;|&#\d+;|[a-z][.,;:][A-Z][a-z]")


def failure_class(precision: float, recall: float, structure: dict[str, float], body: str | None) -> str:
    """The failure class of a page newsbot gets wrong (F1 below 0.9); the first that fits:

    - empty body: nothing extracted;
    - whole-page <form>: a ``<form>`` holds over 60% of the page's text;
    - no <p> / br-split text: under half of the expected paragraphs appear inside any ``<p>``;
    - lists/tables: a quarter or more of them sit inside ``li``/``dd``/``td`` and recall < 0.9;
    - wrong block won: precision and recall both under 0.5 (another block was taken);
    - split containers / lede apart: precision >= 0.8, recall < 0.9 (a part of the story);
    - boilerplate inside: recall >= 0.9, precision < 0.9 (the story plus furniture);
    - text hygiene: markup, script, undecoded entities or glued words in the body;
    - other.
    """
    if not body:
        return "empty body"
    if structure["page_form"]:
        return "whole-page <form>"
    if structure["in_p"] < 0.5:
        return "no <p> / br-split text"
    if structure["in_cells"] >= 0.25 and recall < 0.9:
        return "lists/tables"
    if precision < 0.5 and recall < 0.5:
        return "wrong block won"
    if precision >= 0.8 and recall < 0.9:
        return "split containers / lede apart"
    if recall >= 0.9 and precision < 0.9:
        return "boilerplate inside"
    if HYGIENE.search(body):
        return "text hygiene"
    return "other"


def run_newsbot(record: dict[str, Any], body: bytes) -> tuple[Any, float]:
    """The item and its CPU time: the response built, read and let go as the spider does
    (``release_selector``), so freeing the page's tree is counted, not left to the collector."""
    started = time.process_time()
    response = HtmlResponse(url=record["url"], body=body)
    item = extract_article(response)
    release_selector(response)
    del response
    return item, time.process_time() - started


def run_trafilatura(record: dict[str, Any], body: bytes) -> tuple[str | None, float]:
    import trafilatura

    started = time.process_time()
    text = trafilatura.extract(body, url=record["url"])
    return text, time.process_time() - started


def trafilatura_metadata(record: dict[str, Any], body: bytes) -> dict[str, Any]:
    from trafilatura.metadata import extract_metadata

    meta = extract_metadata(body, default_url=record["url"])
    authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()] if meta else []
    return {"headline": meta.title if meta else None, "authors": authors, "date": meta.date if meta else None}


def spread(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def summary(rows: list[dict[str, Any]], who: str) -> dict[str, float]:
    def mean(key: str) -> float:
        return statistics.mean(row[who][key] for row in rows)

    return {k: mean(k) for k in ("precision", "recall", "f1", "headline", "authors", "date")} | {
        "empty": sum(not row[who]["nonempty"] for row in rows)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "fundus-pages")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--name", default="extraction_compare", help="report name under bench/results")
    parser.add_argument("--pages-json", type=Path, help="write per-page figures here")
    parser.add_argument("--no-trafilatura", action="store_true", help="newsbot only (quick runs)")
    args = parser.parse_args()
    records = [json.loads(line) for line in (args.corpus / "manifest.jsonl").read_text().splitlines() if line]
    pages = [(r, gzip.decompress((args.corpus / r["file"]).read_bytes())) for r in records]
    who_all = ("newsbot",) if args.no_trafilatura else ("newsbot", "trafilatura")
    timings: dict[str, list[float]] = {w: [] for w in who_all}
    rows: list[dict[str, Any]] = []
    for number in range(args.passes):
        spent = dict.fromkeys(who_all, 0.0)
        for index, (record, body) in enumerate(pages):
            item, cpu = run_newsbot(record, body)
            spent["newsbot"] += cpu
            text = None
            if "trafilatura" in who_all:
                text, cpu = run_trafilatura(record, body)
                spent["trafilatura"] += cpu
            if number:
                continue
            expected = record["expected"]
            truth = "\n".join(expected["articleBodyParagraphs"])
            row: dict[str, Any] = {"file": record["file"]}
            p, r, f = body_scores(truth, item.articleBody)
            row["newsbot"] = {
                "precision": p, "recall": r, "f1": f, "nonempty": bool(item.articleBody),
                "headline": norm(item.headline) == norm(expected["headline"]),
                "authors": same_authors(expected.get("authors") or [], [a.name for a in item.authors]),
                "date": same_day(expected.get("datePublished"), item.datePublished),
                "date_exact": same_instant(expected.get("datePublished"), item.datePublished),
                "layer": item.metadata.get("extractor"),
            }  # fmt: skip
            if "trafilatura" in who_all:
                meta = trafilatura_metadata(record, body)
                p, r, f = body_scores(truth, text)
                row["trafilatura"] = {
                    "precision": p, "recall": r, "f1": f, "nonempty": bool(text),
                    "headline": norm(meta["headline"]) == norm(expected["headline"]),
                    "authors": same_authors(expected.get("authors") or [], meta["authors"]),
                    "date": same_day(expected.get("datePublished"), meta["date"]),
                }  # fmt: skip
            structure = page_structure(body, expected["articleBodyParagraphs"])
            nb = row["newsbot"]
            row["class"] = (
                failure_class(nb["precision"], nb["recall"], structure, item.articleBody)
                if nb["f1"] < FAILING_F1
                else None
            )
            rows.append(row)
            del index
        for w in who_all:
            timings[w].append(spent[w] * 1000 / len(pages))
    if args.pages_json:
        args.pages_json.write_text(json.dumps(rows, indent=1))
    lines = [
        "### Extraction beside trafilatura on the shared corpus",
        f"Command: `python bench/extraction_compare.py --passes {args.passes}"
        + (" --no-trafilatura" if args.no_trafilatura else "")
        + f"` ({len(pages)} pages, {len({r['publisher'] for r in records})} publishers)",
        f"Machine: {machine()}",
        "",
        "| | body F1 | precision | recall | empty bodies | headline | authors | date (day) "
        "| CPU ms/page (min / median / max) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for w in who_all:
        s = summary(rows, w)
        lines.append(
            f"| {w} | {s['f1']:.3f} | {s['precision']:.3f} | {s['recall']:.3f} | {s['empty']} | "
            f"{s['headline']:.1%} | {s['authors']:.1%} | {s['date']:.1%} | {spread(timings[w])} |"
        )
    exact = statistics.mean(row["newsbot"]["date_exact"] for row in rows)
    f1s = sorted(row["newsbot"]["f1"] for row in rows)
    lines += [
        "",
        f"newsbot date equal to the instant (within a minute): {exact:.1%}; body F1 median "
        f"{statistics.median(f1s):.3f}, pages under 0.5: {sum(f < 0.5 for f in f1s)}, under 0.9: "
        f"{sum(f < FAILING_F1 for f in f1s)}",
        "",
        f"newsbot pages with body F1 < {FAILING_F1} by failure class (heuristic in `failure_class`):",
        "",
        "| class | pages | mean F1 |",
        "|---|---|---|",
    ]
    for name in CLASSES:
        members = [row["newsbot"]["f1"] for row in rows if row["class"] == name]
        if members:
            lines.append(f"| {name} | {len(members)} | {statistics.mean(members):.3f} |")
    layers = Counter(row["newsbot"]["layer"] for row in rows)
    lines += ["", "newsbot body layer: " + ", ".join(f"{k} {v}" for k, v in sorted(layers.items(), key=str))]
    write_report(args.name, lines)


if __name__ == "__main__":
    main()
