"""The headline a reader sees, on pages written for each failure class (tests/fixtures/headlines).

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
CASES = {
    # the site's name added
    "site_suffix_pipe_en.html": (
        "https://harbourtimes.example/politics/river-path",
        "Council votes to widen the river path",
    ),
    "site_suffix_fullwidth_ja.html": ("https://minato.example/articles/123", "港の再開発計画、市議会で可決"),
    "site_suffix_middot_no_h1.html": (
        "https://openvoices.example/2025/03/solar-pumps/",
        "Fishermen in the delta turn to solar pumps",
    ),
    "site_suffix_korean_bar.html": ("https://bada.example/news/55", "항구 재개발 계획 시의회 통과"),
    "site_prefix_host_fr.html": ("https://lephare.example/port-rouvre", "Le port rouvre après trois semaines de grève"),
    "site_suffix_host_pt.html": (
        "https://www.jornaldocais.example/ferry-junho",
        "Preço dos bilhetes do ferry sobe em junho",
    ),
    # the social title differs from the visible one
    "social_title_differs_de.html": ("https://kuestenbote.example/faehre", "Neue Fähre verbindet die Inseln ab Mai"),
    # a blog's name in the <h1>
    "blog_name_h1_es.html": ("https://huerto.example/tomates-macetas/", "Cómo plantar tomates en macetas pequeñas"),
    # kickers
    "kicker_opinion_en.html": (
        "https://harbourtimes.example/opinion/river-path",
        "The river path should have been wider from the start",
    ),
    "kicker_span_nl.html": ("https://vuurtoren.example/haven", "Waarom de haven zo lang stillag"),
    # a stated "Kicker: Headline" where the page shows the kicker apart, or not at all, and og:title is bare
    "kicker_apart_de.html": ("https://kuestenbote.example/sturm", "Fähren bleiben bis Montag im Hafen"),
    "kicker_not_shown_no.html": ("https://kystposten.example/fyr", "Siste vakt på Skarvøy"),
    # negative: a first span that every title carries is the headline's own
    "kicker_part_of_headline_en.html": (
        "https://harbourtimes.example/tides",
        "Tide tables: what the new charts change",
    ),
    # the publisher's JSON-LD name where its "headline" is a description no heading shows; negative:
    # a name no heading shows (a slug) never beats the stated headline
    "jsonld_name_shown_en.html": ("https://fieldguide.example/wiki/saltmarsh", "Saltmarsh"),
    "jsonld_name_not_shown_en.html": (
        "https://harbourtimes.example/dredging",
        "Dredging of the harbour mouth starts in May",
    ),
    "jsonld_name_only_not_shown_en.html": (
        "https://harbourtimes.example/customs-house",
        "Harbour office moves to the old customs house",
    ),
    # the NewsArticle inside a WebPage's mainEntity states the headline
    "mainentity_headline_fr.html": ("https://journalducap.example/phare", "Le phare du cap rallumé après dix ans"),
    # a kind-of-piece label on a metadata title no heading shows; negative: a topic before a colon stays
    "label_analysis_no_h1_en.html": ("https://harbourtimes.example/fares", "Why the ferry fares went up"),
    "label_kommentar_no_h1_de.html": ("https://kuestenbote.example/rad", "Der Hafen braucht mehr Platz für Räder"),
    "label_topic_kept_no_h1_en.html": ("https://harbourtimes.example/june", "Ferries: what changes in June"),
    # an h1 in a breadcrumb trail (by its class, or after the trail's links) repeats a title; the
    # story's heading shows another wording. Negative: one section link before the h1 is no trail
    "breadcrumb_h1_de.html": (
        "https://deichkurier.example/region/radweg",
        "Neuer Radweg: Zwei Millionen Euro für den Deich",
    ),
    "breadcrumb_trail_links_es.html": (
        "https://gacetadelpuerto.example/local/puerto/muelle",
        "Más cruceros: el muelle norte crecerá 200 metros",
    ),
    "section_link_before_h1_en.html": (
        "https://harbourtimes.example/transport/night-bus",
        "Night buses return to the harbour line",
    ),
    # an h1 hidden by its class (screen readers, search engines); negative: a class hiding it from print only
    "hidden_class_h1_fr.html": (
        "https://lephare.example/maree-noire",
        "Après la marée noire, les baigneurs retrouvent les plages du nord",
    ),
    "hidden_print_class_kept_fr.html": ("https://lephare.example/phare-ile", "Le phare de l'île rouvre au public"),
    # the stated (JSON-LD) headline shown nowhere, the h1 shows the social title; negative: a heading
    # showing the stated headline keeps it over an h1 showing the social one
    "stated_not_shown_pt.html": (
        "https://jornaldocais.example/terminal",
        "Cais Norte vai ter terminal de ferries até 2027",
    ),
    "stated_shown_lower_kept_en.html": (
        "https://harbourtimes.example/dredging-june",
        "Dredging of the harbour mouth delayed to June",
    ),
    # the heading shows its own kicker apart, the titles another kicker: the headline is the rest.
    # Negative: the kicker the titles carry, shown apart, stays ("Kicker: Headline")
    "other_kicker_it.html": ("https://ilfaro.example/sciopero", "«Ci fermiamo per la sicurezza»"),
    "same_kicker_kept_ru.html": ("https://mayak.example/parom", "Паром на остров: рейсы вернутся в мае"),
    # the story's h1 agrees with no title but tells the same story: its own wording is the headline.
    # Negatives: a blog's name in an h1 inside main, an h1 a title carries after a kicker
    "own_wording_h1_en.html": (
        "https://harbourtimes.example/fares-freeze",
        "Islanders will pay the same ferry fares until 2027, council decides",
    ),
    "own_wording_h1_zh.html": ("https://haigang.example/news/88", "新码头正式启用，渡轮班次增加一倍"),
    "own_wording_blog_name_kept_es.html": ("https://huerto.example/podar-limonero/", "Cómo podar un limonero joven"),
    "own_wording_kicker_title_kept_de.html": (
        "https://kuestenbote.example/feuerwerk",
        "Hafenfest: Feuerwerk fällt wegen Sturm aus",
    ),
    # no h1 shown but a breadcrumb's: the story's h2 in its own words, without a kicker no title carries
    "own_wording_h2_after_breadcrumb_de.html": (
        "https://kuestenbote.example/parkhaus",
        "Parkhaus mit 600 Plätzen soll die Staus am Fährhafen beenden",
    ),
    # a bracketed source after the heading in the titles ("（共同通信） - Site")
    "bracketed_source_ja.html": ("https://minato.example/articles/200", "港の新ターミナル、来春開業へ"),
    # the heading's own quotes, where only they differ from the stated headline's
    "heading_quotes_en.html": ("https://harbourtimes.example/skipper", "Skipper’s ‘last’ crossing draws a crowd"),
    # a short heading at the start of a title ending in one short segment (an encyclopedia's entry)
    "short_heading_site_suffix_nl.html": ("https://strandgids.example/wiki/zeewier", "Zeewier"),
    # negatives: a headline's own colon or dash stays
    "colon_headline_en.html": ("https://harbourtimes.example/brexit-next", "Brexit: what happens next"),
    "dash_headline_en.html": ("https://dailyledger.example/summit", "Biden – Putin summit ends"),
    "colon_headline_ja.html": ("https://minato.example/articles/124", "日銀：金利を据え置き、物価見通しは上方修正"),
}


def headline_of(name: str) -> str | None:
    url, _ = CASES[name]
    return extract_article(HtmlResponse(url=url, body=(FIXTURES / name).read_bytes())).headline


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_headline_is_the_one_a_reader_sees(name: str) -> None:
    assert headline_of(name) == CASES[name][1]


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
