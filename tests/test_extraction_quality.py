"""Per-field quality floors of the generic layers on the shared corpus (258 pages, 181 publishers).

Body: token-shingle precision, recall and F1 (NFC text, invisible marks left out, lower-cased
``\\w+`` tokens, 4-gram multisets, per page, averaged), the method of
``bench/extraction_compare.py``. Headline, authors and date: agreement with the manifest's
expected values, as that bench counts it. Each floor sits just under the figure measured when it
was set (bench/RESULTS.md), so a change that makes a field worse fails here. The pages are read
from the shared folder (:mod:`corpus`), never copied into the repository.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from datetime import UTC, datetime

import pytest
from corpus import corpus_pages, require_corpus
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article

TOKEN = re.compile(r"\w+")
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero-width marks
# measured when set (bench/results/extraction_compare.md): F1 0.950, precision 0.939, recall 0.966,
# 1 empty body, headline 84.5%, authors 83.3%, date (same day) 96.1%. Authors then 71.3%: since #18 the site's own
# name, wire services and desks ("dpa", "Salzburger Nachrichten") are no author, which this corpus expects on ~40 pages.
# Headline 83.3% since the visible heading wins over og:/twitter: titles (#18): on 3 pages the labels follow og:title
# where the page's <h1> shows another wording (bench/RESULTS.md, "Headlines as shown"). Authors 72.5% since bylines
# marked by their class and social cards' "Written by" lines are read, headline 84.5% since a stated "Kicker: Headline"
# gives way to the bare headline the page shows (#18, "authors and headlines, round 2").
# Body since #18 (bench/results/extraction_compare_h18_1.md): F1 0.954, precision 0.945, recall 0.968. Body since
# #18 round 2 (bench/results/extraction_compare_h18b_1.md; text compared in NFC, invisible marks left out):
# F1 0.9599, precision 0.9499, recall 0.9744. Body since #18 round 3 (bench/results/extraction_compare_h18c.md:
# a story only in a script, hidden boxes, comment sections by name, closing notes, standfirsts apart): F1 0.9695,
# precision 0.9611, recall 0.9817, no empty body. Headline 82.9% as labelled since #18 round 4 follows the heading the
# page shows where the label is og:title or a breadcrumb's wording (97.7% as shown: tests/test_headline_corpora.py).
FLOORS = {"f1": 0.968, "precision": 0.959, "recall": 0.980, "headline": 0.829, "authors": 0.72, "date": 0.955}
MAX_EMPTY = 1


def norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(unicodedata.normalize("NFC", text).translate(INVISIBLE).lower())
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def body_scores(expected: str, extracted: str | None) -> tuple[float, float, float]:
    truth, got = shingles(expected), shingles(extracted or "")
    common = sum((truth & got).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(got.values()), common / sum(truth.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def same_day(expected: str | None, got: str | None) -> bool:
    if not expected or not got:
        return not expected and not got
    a = datetime.fromisoformat(expected.replace("Z", "+00:00"))
    b = datetime.fromisoformat(got)
    if a.tzinfo and b.tzinfo and len(got) > 10:
        return a.astimezone(UTC).date() == b.astimezone(UTC).date()
    return a.date() == b.date()


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    rows = []
    for record, body in corpus_pages(require_corpus()):
        item = extract_article(HtmlResponse(url=record["url"], body=body))
        expected = record["expected"]
        precision, recall, f1 = body_scores("\n".join(expected["articleBodyParagraphs"]), item.articleBody)
        authors = {norm(a) for a in expected.get("authors") or [] if norm(a)}
        rows.append(
            {
                "f1": f1,
                "precision": precision,
                "recall": recall,
                "empty": not item.articleBody,
                "headline": norm(item.headline) == norm(expected["headline"]),
                "authors": {norm(a.name) for a in item.authors if norm(a.name)} == authors,
                "date": same_day(expected.get("datePublished"), item.datePublished),
            }
        )
    assert len(rows) == 258
    return {key: statistics.mean(float(row[key]) for row in rows) for key in rows[0]} | {
        "empty": sum(row["empty"] for row in rows)
    }


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_field_stays_above_its_floor(figures: dict[str, float], field: str) -> None:
    assert figures[field] >= FLOORS[field], f"{field}: {figures[field]:.4f} < floor {FLOORS[field]}"


def test_empty_bodies_stay_rare(figures: dict[str, float]) -> None:
    assert figures["empty"] <= MAX_EMPTY


def test_the_scoring_tells_a_good_body_from_a_bad_one() -> None:
    story = "The ferry runs every forty minutes from June. Residents welcomed the change on Tuesday."
    assert body_scores(story, story) == (1.0, 1.0, 1.0)
    precision, recall, _ = body_scores(story, story + " Subscribe to our newsletter for more stories like this.")
    assert precision < 1.0 and recall == 1.0
    assert body_scores(story, "") == (0.0, 0.0, 0.0)
