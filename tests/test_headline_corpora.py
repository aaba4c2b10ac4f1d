"""Headline floors on both shared corpora (read from ../shared; skipped, or failed under
``NEWSBOT_REQUIRE_CORPUS=1``, when absent: see :mod:`corpus`).

The figures come from ``python bench/headlines_compare.py`` (bench/RESULTS.md, "Headlines as
shown"). Two counts per corpus: right as labelled (the corpus's expected headline) and right as
shown (the headline the page shows where ``bench/headlines_as_shown.json`` says the label is
another text, compared without invisible characters and with typographic quotes unified).
Extraction is deterministic: the floors are the measured counts, so any page lost fails.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from corpus import corpus_pages, readability_pages, require_corpus, require_readability
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article

# of 258. Round 4 (#18) follows the page where the label is a metadata wording it does not show:
# 219 -> 214 as labelled, 223 -> 252 as shown (bench/RESULTS.md, round 4)
FUNDUS_RIGHT = 214
FUNDUS_SHOWN = 252
# of 127 pages with a title (73, 96, 99 as labelled in rounds 1-3); round 4: 99 -> 91 as labelled,
# 112 -> 117 as shown (Readability's labels keep <title>'s site name and prefer metadata to the <h1>)
READABILITY_RIGHT = 91
READABILITY_SHOWN = 117
AS_SHOWN = Path(__file__).resolve().parents[1] / "bench" / "headlines_as_shown.json"
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})


def norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


def norm_shown(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(QUOTES)
    return norm("".join(char for char in text if unicodedata.category(char) != "Cf"))


def shown(corpus: str) -> dict[str, str]:
    return {page: entry["shown"] for page, entry in json.loads(AS_SHOWN.read_text())[corpus].items()}


def counts(found: list[tuple[str, str, str | None]], corpus: str) -> tuple[int, int]:
    """(right as labelled, right as shown) of ``found`` (page, label, headline)."""
    errata = shown(corpus)
    labelled = sum(norm(headline) == norm(label) for _, label, headline in found)
    as_shown = sum(norm_shown(headline) == norm_shown(errata.get(page, label)) for page, label, headline in found)
    return labelled, as_shown


def test_fundus_headlines_stay_at_their_floor() -> None:
    pages = corpus_pages(require_corpus())
    found = [
        (
            record["file"],
            record["expected"]["headline"],
            extract_article(HtmlResponse(url=record["url"], body=body)).headline,
        )
        for record, body in pages
    ]
    right, as_shown = counts(found, "fundus-pages")
    assert len(pages) == 258
    assert right >= FUNDUS_RIGHT, f"{right} of {len(pages)} headlines right, floor {FUNDUS_RIGHT}"
    assert as_shown >= FUNDUS_SHOWN, f"{as_shown} of {len(pages)} headlines right as shown, floor {FUNDUS_SHOWN}"


def test_readability_headlines_stay_at_their_floor() -> None:
    found = [
        (name, expected["title"], extract_article(HtmlResponse(url=f"https://example.com/{name}/", body=body)).headline)
        for name, expected, body in readability_pages(require_readability())
        if expected.get("title")
    ]
    right, as_shown = counts(found, "readability-pages")
    assert len(found) == 127
    assert right >= READABILITY_RIGHT, f"{right} of {len(found)} titles right, floor {READABILITY_RIGHT}"
    assert as_shown >= READABILITY_SHOWN, f"{as_shown} of {len(found)} titles right as shown, floor {READABILITY_SHOWN}"


def test_every_page_shown_otherwise_is_in_its_corpus() -> None:
    """The as-shown file names pages of the corpora (a renamed page would silently count its label)."""
    fundus = {record["file"] for record, _ in corpus_pages(require_corpus())}
    readability = {name for name, _, _ in readability_pages(require_readability())}
    assert set(shown("fundus-pages")) <= fundus
    assert set(shown("readability-pages")) <= readability
