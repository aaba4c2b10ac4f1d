"""The headline a reader sees, on pages written for each failure class (tests/fixtures/headlines;
``cases.json`` gives each page's address, headline and class).

Classes (issue 18): the site's name added to the title in any separator and script; the social
(``og:``/``twitter:``) title preferred over the visible heading; a blog's name (the ``<h1>``) taken
for the post's title; a kicker ("Opinion |", a label inside the ``<h1>``). Round 4: an ``h1`` in a
breadcrumb trail or hidden by its class; the stated headline shown nowhere while a heading shows
the social one; the story's heading in its own words; the page's own kicker against the titles';
the heading's own quotes; a bracketed source after the heading. Each has its negative: a headline
holding a colon or a dash, with no site name around it, is never cut; one section link before an
``h1`` is no trail; a blog's name in an ``h1`` inside ``main`` is never the headline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article
from newsbot.extraction.headline import (
    agrees,
    carries_kicker,
    kicker_of,
    other_kicker,
    related,
    strip_site,
    without_label,
)

FIXTURES = Path(__file__).parent / "fixtures" / "headlines"
# each fixture page: its address, the headline a reader sees on it, and the class it stands for
CASES = json.loads((FIXTURES / "cases.json").read_text())


def headline_of(name: str) -> str | None:
    url = CASES[name]["url"]
    return extract_article(HtmlResponse(url=url, body=(FIXTURES / name).read_bytes())).headline


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_headline_is_the_one_a_reader_sees(name: str) -> None:
    assert headline_of(name) == CASES[name]["headline"]


def test_every_fixture_page_has_a_case() -> None:
    assert sorted(path.name for path in FIXTURES.glob("*.html")) == sorted(CASES)


def test_a_site_name_is_cut_only_where_it_stands() -> None:
    sites = ["harbourtimes", "harbour"]
    assert strip_site("River path opens | Harbour Times", sites) == "River path opens"
    assert strip_site("Harbour Times: River path opens", sites) == "River path opens"
    # the site's name inside the headline, or a segment that is no site name, stays
    assert strip_site("Harbour Times sold to a rival group", sites) == "Harbour Times sold to a rival group"
    assert strip_site("Brexit: what happens next", sites) == "Brexit: what happens next"
    assert strip_site("Biden – Putin summit ends", sites) == "Biden – Putin summit ends"
    # never the whole title
    assert strip_site("Harbour Times", sites) == "Harbour Times"


def test_a_heading_agrees_with_a_title_only_by_whole_segments() -> None:
    assert agrees("River path opens", "River path opens | Harbour Times")
    assert agrees("River path opens", "Opinion | River path opens")
    assert agrees("Le port rouvre", "Le port rouvre")
    # a part of a word, a part cut at a colon, or the title's tail (a blog's name) do not agree
    assert not agrees("River path open", "River path opens | Harbour Times")
    assert not agrees("what happens next", "Brexit: what happens next")
    assert not agrees("Cuaderno del Huerto", "Cómo plantar tomates en macetas pequeñas – Cuaderno del Huerto")
    # a bracketed source or site after the heading, then the end or a separator; never a bracket
    # the headline goes on after
    assert agrees("Weekly Edition for March 26", "Weekly Edition for March 26 [Harbour.net]")
    assert agrees("港の新ターミナル、来春開業へ", "港の新ターミナル、来春開業へ（みなと通信） - みなとニュース")
    assert not agrees("Why ferry fares rise", "Why ferry fares rise (and what to do) every spring")
    # a short heading only before one short segment: never a section before the headline
    assert agrees("Zeewier", "Zeewier - Strandgids")
    assert not agrees("News", "News | Harbour tolls rise again | Harbour Times")
    assert not agrees("News", "News - Harbour tolls rise again after the winter")
    assert not agrees("Kelp", "Why kelp - Shore Guide")


def test_a_kicker_is_a_short_lead_before_a_colon() -> None:
    assert kicker_of("Sturm an der Küste: Fähren bleiben im Hafen", "Fähren bleiben im Hafen")
    assert not kicker_of("Fähren bleiben im Hafen", "Fähren bleiben im Hafen")
    assert not kicker_of("Sturm - Fähren bleiben im Hafen", "Fähren bleiben im Hafen")
    assert not kicker_of("A lead far too long to be any kind of kicker at all: Fähren bleiben", "Fähren bleiben")


@pytest.mark.parametrize(
    ("url", "title", "expected"),
    [
        # the tab title is only the site's name (its host): the visible heading is the headline
        ("https://kyiyfarm.example/news/1", "Kyiyfarm", "Harvest starts early after a dry spring"),
        ("https://lighthouse.example/a/2", "lighthouse.example", "Harvest starts early after a dry spring"),
        # negative: a tab title that names no site stays the headline where the heading disagrees
        ("https://lighthouse.example/a/3", "Ferry fares rise in June", "Ferry fares rise in June"),
    ],
)
def test_a_title_that_only_names_the_site_gives_way_to_the_heading(url: str, title: str, expected: str) -> None:
    body = (
        f"<html><head><title>{title}</title></head><body><article>"
        "<h1>Harvest starts early after a dry spring</h1>"
        "<p>Farmers in the valley began cutting wheat two weeks before the usual date this year.</p>"
        "</article></body></html>"
    )
    assert extract_article(HtmlResponse(url=url, body=body.encode())).headline == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Opinion | The river path is too narrow", "The river path is too narrow"),
     ("ANALYSIS: Why the fares went up", "Why the fares went up"),
     ("Meinung – Der Hafen braucht Platz", "Der Hafen braucht Platz"),
     ("Мнение: Паром нужен каждый день", "Паром нужен каждый день"),
     # negatives: a word outside the vocabulary, a label with no headline after it, a label inside
     ("Brexit: what happens next", "Brexit: what happens next"), ("Opinion", "Opinion"),
     ("Opinion: Wrong", "Opinion: Wrong"), ("Why opinion polls failed", "Why opinion polls failed")],
)  # fmt: skip
def test_a_label_naming_the_kind_of_piece_is_cut_from_a_title(title: str, expected: str) -> None:
    assert without_label(title) == expected


def test_a_short_end_segment_ending_with_the_hosts_name_is_the_site() -> None:
    hosts = ["huertoexample", "huerto"]
    assert strip_site("Cómo podar un limonero – Cuaderno del Huerto", [], hosts=hosts) == "Cómo podar un limonero"
    # negatives: a longer segment, a segment at the start, a host name too short to match in part
    assert strip_site("Riego – Lo que aprendimos este año en el huerto", [], hosts=hosts) == (
        "Riego – Lo que aprendimos este año en el huerto"
    )
    assert strip_site("Mi Huerto – Cómo podar un limonero", [], hosts=hosts) == "Mi Huerto – Cómo podar un limonero"
    assert strip_site("Fares rise – The Abc", [], hosts=["abcexample", "abc"]) == "Fares rise – The Abc"


def test_another_wording_shares_a_word_with_a_title() -> None:
    assert related("Islanders will pay the same ferry fares", ["Ferry fares: council freezes prices"])
    assert related("新码头正式启用", ["港口新码头今日启用"])
    # negatives: short words shared alone ("the", "sea"), unrelated text
    assert not related("The sea and the sky", ["Why the sea rose"])
    assert not related("Mehr Geld für Schulen, dass alle lernen", ["Wer zahlt, dass der Hafen wächst"])
    assert not related("Harvest starts early after a dry spring", ["Ferry fares rise in June"])


def test_a_kicker_shown_apart_is_another_than_the_titles() -> None:
    shown = "Porto di Livorno «Ci fermiamo»"
    assert other_kicker("Sciopero dei traghetti: «Ci fermiamo»", shown, "«Ci fermiamo»")
    # negatives: the titles' kicker is the one shown; no kicker in the title
    assert not other_kicker("Porto di Livorno: «Ci fermiamo»", shown, "«Ci fermiamo»")
    assert not other_kicker("«Ci fermiamo»", shown, "«Ci fermiamo»")


def test_a_kicker_is_carried_when_a_title_opens_with_it() -> None:
    shown = "Waffen für den Hafen: Anwohner klagen"
    assert carries_kicker("Waffen für den Hafen: Klage eingereicht", shown, "Anwohner klagen")
    assert not carries_kicker("Klage gegen Hafen eingereicht", shown, "Anwohner klagen")
