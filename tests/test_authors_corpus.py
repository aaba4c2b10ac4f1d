"""Authors floors on both shared corpora: right pages, and pages without an author given a name.

fundus-pages: the set of names equals the manifest's (as ``bench/authors_compare.py`` counts it).
readability-pages: names compared with the visible byline Readability expects (every name given
occurs in it and the names cover its capitalised words before any digit); a page without a byline
is right with no name. The floors sit just under the figures measured when they were set
(bench/RESULTS.md, "Authors on sites never seen"). The pages are read from the shared folder
(:mod:`corpus`), never copied into the repository; without it these tests skip.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata

import pytest
from corpus import corpus_pages, require_corpus, require_readability
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article

# measured when set (#18 round 4): fundus 195/258 right (75.6%), 0 of 5 pages without an author given a
# name; readability 103/130 right (79.2%), 6 of 54 pages without a byline given a name (each of the six
# shows its author: a "Posted by" line, an author link, a rel="author" byline, <meta property="author">;
# Readability's expected byline misses them). Round 4 gives up two readability pages on purpose: both
# expect an organisation ("Organization for Transformative Works", the magazine "Mac & i"), which the
# issue counts as no author. Before round 4: 191/258 with 0 false, 105/130.
FUNDUS_FLOOR, FUNDUS_MAX_FALSE = 0.75, 0
READABILITY_FLOOR, READABILITY_MAX_FALSE = 0.79, 6
_LEAD = re.compile(r"^\s*(?:written\s+by|by|par|von|por)\b[:\s]*", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


def byline_right(byline: str | None, names: list[str]) -> bool:
    names = [norm(a) for a in names if norm(a)]
    if not byline or not byline.strip():
        return not names
    if not names or not all(name in norm(byline) for name in names):
        return False
    first = next(line for line in byline.splitlines() if line.strip())
    first = _LEAD.sub("", re.split(r"\d", unicodedata.normalize("NFKC", first))[0])
    wanted = [w for w in _WORD.findall(first) if w[0].isupper() or (not w[0].isascii() and not w[0].islower())]
    covered = " ".join(names)
    return all(norm(w).strip(".") in covered for w in wanted)


def test_fundus_authors_stay_above_their_floor() -> None:
    right = false = 0
    pages = corpus_pages(require_corpus())
    for record, body in pages:
        names = [a.name for a in extract_article(HtmlResponse(url=record["url"], body=body)).authors]
        expected = record["expected"].get("authors") or []
        right += {norm(a) for a in expected if norm(a)} == {norm(a) for a in names if norm(a)}
        false += not expected and bool(names)
    assert right / len(pages) >= FUNDUS_FLOOR, f"{right}/{len(pages)} right"
    assert false <= FUNDUS_MAX_FALSE


def test_readability_authors_stay_above_their_floor() -> None:
    folder = require_readability()
    right = false = total = 0
    for meta in sorted(folder.glob("*/expected-metadata.json")):
        body = gzip.decompress((meta.parent / "source.html.gz").read_bytes())
        item = extract_article(HtmlResponse(url=f"https://example.com/{meta.parent.name}/", body=body))
        byline = json.loads(meta.read_text()).get("byline")
        names = [a.name for a in item.authors]
        right += byline_right(byline, names)
        false += not byline and bool(names)
        total += 1
    assert total == 130
    assert right / total >= READABILITY_FLOOR, f"{right}/{total} right"
    assert false <= READABILITY_MAX_FALSE


@pytest.mark.parametrize(
    ("byline", "names", "right"),
    [("By Jane Roe\n  March 3, 2015", ["Jane Roe"], True), ("Jane Roe, John Doe", ["Jane Roe"], False),
     ("Jane Roe", ["Jane Roe", "Staff"], False), (None, [], True), (None, ["Jane Roe"], False),
     ("by Jane Roe22 Dec 2016", ["Jane Roe"], True), ("Jane Roe", [], False)],
)  # fmt: skip
def test_the_byline_scoring_tells_right_from_wrong(byline: str | None, names: list[str], right: bool) -> None:
    assert byline_right(byline, names) is right
