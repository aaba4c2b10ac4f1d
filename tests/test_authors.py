"""Authors on sites never seen: bylines in several languages found, and no name that is no author.

Each page of ``tests/fixtures/authors`` (written for these tests) holds one class of byline or one
thing that is not an author (``expected.json``: the names wanted, ``[]`` for none). The unit tests
below pin each rule of :mod:`newsbot.extraction.credits` with its negative.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article
from newsbot.extraction.bylines import credit_names
from newsbot.extraction.credits import account_page, people, person_name, site_names, strip_lead
from newsbot.extraction.page import written_by_card
from newsbot.items import Author

FIXTURES = Path(__file__).parent / "fixtures" / "authors"
EXPECTED: dict[str, list[str]] = json.loads((FIXTURES / "expected.json").read_text())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_page_gives_its_authors_and_no_others(name: str) -> None:
    response = HtmlResponse(url=f"https://news.example.org/2024/05/{name}", body=(FIXTURES / name).read_bytes())
    item = extract_article(response)
    assert [author.name for author in item.authors] == EXPECTED[name]


def test_every_fixture_page_is_listed() -> None:
    assert sorted(path.name for path in FIXTURES.glob("*.html")) == sorted(EXPECTED)


@pytest.mark.parametrize(
    ("credit", "name"),
    [("By Jane Roe", "Jane Roe"), ("Von Jane Roe", "Jane Roe"), ("Par Jane Roe", "Jane Roe"),
     ("© Jane Roe", "Jane Roe"), ("Written by Jane Roe", "Jane Roe"), ("Autor: Jan Nowak", "Jan Nowak"),
     ("Jane Roe", "Jane Roe"), ("Byron Lake", "Byron Lake"), ("Dino Park", "Dino Park"),
     ("Di Marco Rossi", "Marco Rossi"), ("Da Silva", "Da Silva"), ("Di Maio", "Di Maio")],
)  # fmt: skip
def test_lead_words_are_stripped_and_names_beginning_like_them_kept(credit: str, name: str) -> None:
    assert strip_lead(credit) == name
    assert person_name(credit) == name


@pytest.mark.parametrize(
    "credit",
    ["Reuters", "AFP", "dpa", "The Associated Press", "Staff", "Redaktion", "Our Foreign Staff", "BR24 Redaktion",
     "257 Artikel", "See all", "Mehr Artikel von Jane Roe", "Editorial policies", "mdr.de", "105092"],
)  # fmt: skip
def test_organisations_desks_and_link_texts_are_no_person(credit: str) -> None:
    assert person_name(credit) is None


def test_the_sites_own_name_is_no_person_but_a_name_like_it_is() -> None:
    sites = site_names("https://www.n-tv.de/politik/x", ["Harbour Times"])
    assert person_name("Harbour Times", sites) is None
    assert person_name("n-tv NACHRICHTEN", sites) is None
    assert person_name("Harriet Times", sites) == "Harriet Times"
    assert person_name("Jane Roe", sites) == "Jane Roe"


@pytest.mark.parametrize(
    "credit", ["Reporter", "Software Engineer", "Redakteurin", "Giornalista", "israel news", "Nachrichten", "News"]
)
def test_job_titles_generic_accounts_and_lower_case_handles_are_no_person(credit: str) -> None:
    assert person_name(credit) is None


@pytest.mark.parametrize("credit", ["Editha Brenner", "Manon Writersby", "bell Hooks", "ssi"])
def test_names_merely_like_a_job_title_or_a_handle_stay(credit: str) -> None:
    assert person_name(credit) == credit


def test_a_credit_naming_a_web_address_is_an_organisation() -> None:
    assert people([Author(name="Hafenfunk (www.hafenfunk.example)")]) == []
    assert [a.name for a in people([Author(name="Jane Roe (jr)")])] == ["Jane Roe"]


@pytest.mark.parametrize(
    ("credit", "names"),
    [("Jane Roe, Lille", ["Jane Roe"]), ("Anna Berg und Lukas Stein, Sweidah", ["Anna Berg", "Lukas Stein"]),
     ("Jane Roe, John Doe", ["Jane Roe", "John Doe"]), ("Lille", []), ("Jane Roe and Lille", [])],
)  # fmt: skip
def test_a_closing_dateline_is_no_name(credit: str, names: list[str]) -> None:
    assert credit_names(credit) == names


@pytest.mark.parametrize(
    ("meta", "name"),
    [({"twitter:label1": "Written by", "twitter:data1": "Jane Roe"}, "Jane Roe"),
     ({"twitter:label1": "Tiempo de lectura", "twitter:data1": "2 minutos", "twitter:label2": "Escrito por",
       "twitter:data2": "Lucía Herrero"}, "Lucía Herrero"),
     ({"twitter:misc:written by": "Dieter Roe"}, "Dieter Roe"),
     ({"twitter:label1": "Est. reading time", "twitter:data1": "3 minutes"}, None), ({}, None)],
)  # fmt: skip
def test_a_social_cards_written_by_line_names_the_author(meta: dict[str, str], name: str | None) -> None:
    assert written_by_card(meta) == name


@pytest.mark.parametrize(
    ("url", "account"),
    [("https://news.example.org/author/admin/", True), ("https://news.example.org/user/webmaster", True),
     ("https://news.example.org/author/admina-lopez/", False), ("https://news.example.org/admin/", False),
     (None, False)],
)  # fmt: skip
def test_a_sites_built_in_account_is_no_person(url: str | None, account: bool) -> None:
    assert account_page(url) is account
