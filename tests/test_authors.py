"""Authors on sites never seen: bylines in several languages found, and no name that is no author.

Each page of ``tests/fixtures/authors`` (written for these tests) holds one class of byline or one
thing that is not an author (``expected.json``: the names wanted, ``[]`` for none). The unit tests
below pin each rule of :mod:`newsbot.extraction.credits` with its negative.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html as lxml_html
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article
from newsbot.extraction.bylines import byline_anchor, byline_text_authors, credit_names
from newsbot.extraction.credits import (
    account_page,
    editors_named,
    head_authors,
    people,
    person_name,
    single_latin_word,
    site_names,
    strip_lead,
)
from newsbot.extraction.names import COMMENT_MARKS, co_authors, split_names
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
    "credit",
    [
        "Reporter",
        "Software Engineer",
        "Redakteurin",
        "Giornalista",
        "israel news",
        "Nachrichten",
        "News",
        "Redaktor",
        "Administrador",
        "Webmaster",
        "Fotógrafo",
        "Chefredakteurin",
    ],
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


@pytest.mark.parametrize(
    ("credit", "name"),
    [("신현주 기자", "신현주"), ("山田太郎 記者", "山田太郎"), ("王伟记者", "王伟"), ("Jana Hesse", "Jana Hesse"),
     # negatives: a job title alone is no name, whatever the language
     ("기자", None), ("Reporterin", None), ("Journalistin", None)],
)  # fmt: skip
def test_a_job_title_after_the_name_is_cut_off(credit: str, name: str | None) -> None:
    assert person_name(credit) == name


def _metas(markup: str) -> list:
    return lxml_html.fromstring(f"<html><head>{markup}</head><body></body></html>").xpath("//meta")


def test_every_head_author_tag_is_read_and_the_sites_name_gives_way() -> None:
    sites = site_names("https://bada.example/news/1", ["바다일보"])
    metas = _metas('<meta name="author" content="바다일보"><meta name="author" content="김민수 기자">')
    assert [a.name for a in head_authors(metas, ("author",), sites)] == ["김민수"]
    two = _metas('<meta name="dc.creator" content="Okafor, Hana"><meta name="dc.creator" content="Lindgren, Rui">')
    assert [a.name for a in head_authors(two, ("author", "dc.creator"), sites)] == ["Hana Okafor", "Rui Lindgren"]
    # negatives: only the site's name, or only an address, gives none
    assert head_authors(_metas('<meta name="author" content="바다일보">'), ("author",), sites) == []
    assert head_authors(_metas('<meta name="author" content="desk@bada.example">'), ("author",), sites) == []


@pytest.mark.parametrize(
    ("tail", "names"),
    [(" (avec Damien Roux et Inès Roy)", ["Damien Roux", "Inès Roy"]), (" (with Tom Ash)", ["Tom Ash"]),
     (" (mit Jana Hesse und Ole Berg) ", ["Jana Hesse", "Ole Berg"]),
     # negatives: an aside that names no co-author, or words before the aside
     (" (à Sète)", []), (" (Lyon)", []), (", avec (Tom Ash)", []), (" (with reporting from Tom Ash)", []),
     (None, [])],
)  # fmt: skip
def test_co_authors_written_after_a_byline_link(tail: str | None, names: list[str]) -> None:
    assert co_authors(tail) == names


def test_a_with_aside_is_read_as_co_authors_and_other_asides_dropped() -> None:
    assert split_names("Léa Martin (avec Hugo Blanc et Inès Roy)") == ["Léa Martin", "Hugo Blanc", "Inès Roy"]
    assert split_names("Jane Doe (jd)") == ["Jane Doe"]
    assert split_names("Jane Doe (with reporting from Tom Ash)") == ["Jane Doe"]


def test_the_byline_is_looked_for_after_the_heading_that_shows_the_headline() -> None:
    root = lxml_html.fromstring(
        "<html><body><h1>Harbour Weekly</h1><h2>Other story</h2>"
        "<h2><span>Kicker</span><span>Night buses return</span></h2></body></html>"
    )
    brand, other, story = root.xpath("//h1 | //h2")
    assert byline_anchor(brand, [brand, other, story], "Night buses return") is story
    # negatives: the first h1 when it shows the headline, or when no heading does
    assert byline_anchor(brand, [brand, other, story], "Harbour Weekly") is brand
    assert byline_anchor(brand, [brand, other, story], "Not on the page") is brand
    assert byline_anchor(None, [], None) is None


def test_an_h1_showing_the_headline_is_the_anchor_before_a_teaser_heading_that_repeats_it() -> None:
    root = lxml_html.fromstring(
        "<html><body><h3>Night buses return</h3><h1>Night buses return</h1><h1>A photo caption</h1></body></html>"
    )
    teaser, story, caption = root.xpath("//h1 | //h3")
    assert byline_anchor(caption, [teaser, story, caption], "Night buses return") is story
    # negative: without an h1 showing it, the teaser's heading is the only one that does
    assert byline_anchor(caption, [teaser, caption], "Night buses return") is teaser


@pytest.mark.parametrize(
    ("name", "single"),
    [("Eddie", True), ("admin", True), ("Eddie Levite", False), ("신현주", False), ("牛镛", False)],
)  # fmt: skip
def test_one_latin_word_from_a_byline_link_is_a_handle_or_first_name(name: str, single: bool) -> None:
    assert single_latin_word(name) is single


@pytest.mark.parametrize(
    ("credit", "names"),
    [("Roe, Jane", ["Jane Roe"]), ("Jong, Michiel de", ["Michiel de Jong"]), ("Berg, Anna von", ["Anna von Berg"]),
     # negatives: two people stay apart; one word before another name is no "Last, First" (and one capitalised
     # Latin word names no person: what follows it describes it)
     ("Jane Roe, John Doe", ["Jane Roe", "John Doe"]), ("Jong, Michiel Tak", [])],
)  # fmt: skip
def test_a_last_first_credit_is_read_first_last(credit: str, names: list[str]) -> None:
    assert [a.name for a in people([Author(name=credit)])] == names


@pytest.mark.parametrize(
    "credit",
    ["Musterstadt Medien GmbH", "Diario del Valle", "Agencia EFE", "Redação Folha do Vale", "Harbour Media Group",
     "Valley Radio", "Redação", "Редакция", "編集部", "Haber Merkezi", "Sunrise Publishing Ltd", "Gazeta Lokalna"],
)  # fmt: skip
def test_a_name_holding_a_legal_form_or_a_mediums_word_is_an_organisation(credit: str) -> None:
    assert person_name(credit) is None


@pytest.mark.parametrize("credit", ["Jane Roe", "Mohammed Ab Rahman", "Ana Gruppioni", "Pressley Hart", "Mediana Ruiz"])
def test_names_merely_holding_such_letters_stay(credit: str) -> None:
    assert person_name(credit) == credit


def test_the_sites_name_with_an_article_is_still_the_site() -> None:
    sites = site_names("https://kyivledger.example/news/1", ["Kyiv Ledger"])
    assert person_name("The Kyiv Ledger", sites) is None
    # negative: a short site label inside a person's name is no reason to drop it
    assert person_name("Anna Bbcson", site_names("https://bbc.example/x", [])) == "Anna Bbcson"


@pytest.mark.parametrize(
    ("script", "editors"),
    [("var d = {'author': 'Rina Wulandari', 'editor': 'Heru Santoso'};", {"Heru Santoso"}),
     ('dataLayer.push({"editorName": "Heru Santoso"})', {"Heru Santoso"}),
     # negatives: the same person named author and editor, a name only as author, no data layer
     ("var d = {'author': 'Heru Santoso', 'editor': 'Heru Santoso'};", set()),
     ("var d = {'author': 'Heru Santoso', 'editor': 'Paul Brenner'};", set()), ("", set())],
)  # fmt: skip
def test_a_structured_author_the_data_layer_calls_the_editor(script: str, editors: set[str]) -> None:
    assert editors_named([Author(name="Heru Santoso")], [script, None]) == editors


def _byline_root(markup: str):  # type: ignore[no-untyped-def]
    root = lxml_html.fromstring(f"<html><body><article><h1>Ferry fares rise</h1>{markup}</article></body></html>")
    return root, root.xpath("//h1")[0]


_STORY = "<p>" + "The ferry operator said fares would rise in autumn because of fuel costs and new rules. " * 2 + "</p>"


@pytest.mark.parametrize(
    ("markup", "names"),
    [("<p><strong>Jane Roe</strong></p>" + _STORY * 3, ["Jane Roe"]),
     (_STORY * 3 + "<p><b>Jane Roe</b></p>", ["Jane Roe"]),
     ("<div><span>Jane Roe |</span><span>05.04.2025</span></div>" + _STORY, ["Jane Roe"]),
     ("<div><span>Jane Roe | 05.04.2025</span></div>" + _STORY, ["Jane Roe"]),
     ("<div>(责编：王丽华、陈志强)</div>" + _STORY, ["王丽华", "陈志强"]),
     ("<p>作者：李明</p>" + _STORY, ["李明"]),
     (_STORY * 3 + "<p><strong>Nguyễn Văn An</strong></p>", ["Nguyễn Văn An"]),
     # negatives: a bold crosshead inside the story, a question, capitals, another role's credit, a common word,
     # a name before a separator without a date, a section label, a source or a photographer in Chinese
     (_STORY * 3 + "<p><strong>Jane Roe</strong></p>" + _STORY, []),
     ("<p><strong>What Now?</strong></p>" + _STORY, []), ("<p><strong>NE OLDU NEDEN</strong></p>" + _STORY, []),
     ("<p><strong>Foto: Karl Brenner</strong></p>" + _STORY, []), (_STORY * 3 + "<p><b>Read More</b></p>", []),
     ("<div><span>Jane Roe |</span><span>Ferries</span></div>" + _STORY, []),
     ("<div><span class='category'>Jane Roe |</span><span>05.04.2025</span></div>" + _STORY, []),
     ("<div><a href='/people'>Jane Roe |</a><span>05.04.2025</span></div>" + _STORY, []),
     (_STORY + "<div><span>Jane Roe |</span><span>05.04.2025</span></div>" + _STORY, []),
     ("<div>来源：新华社</div>" + _STORY, []), ("<p>（摄影：刘建国）</p>" + _STORY, [])],
)  # fmt: skip
def test_bylines_without_a_lead_word_or_class(markup: str, names: list[str]) -> None:
    root, title = _byline_root(markup)
    assert [a.name for a in byline_text_authors(root, title)] == names


def test_a_byline_naming_the_site_gives_way_to_the_next_one() -> None:
    root, title = _byline_root("<span class='byline'>by Harbour Times</span><p><strong>Jane Roe</strong></p>" + _STORY)
    sites = site_names("https://harbourtimes.example/x", ["Harbour Times"])
    assert [a.name for a in byline_text_authors(root, title, sites)] == ["Jane Roe"]
    # negative: the site's byline alone gives no name, and it never becomes one
    root, title = _byline_root("<span class='byline'>by Harbour Times</span>" + _STORY)
    assert byline_text_authors(root, title, sites) == []


@pytest.mark.parametrize(
    ("credit", "names"),
    [("Jane Roe | Harbour Times", ["Jane Roe"]), ("Jean-Pierre Dupont - Harbour Times", ["Jean-Pierre Dupont"]),
     ("Von Anna Berg, Berlin", ["Anna Berg"]), ("Por Ana Ruiz / Madrid", ["Ana Ruiz"]),
     ("Jane Roe, Ph.D.", ["Jane Roe"]),
     ("Jane Roe, special to the Times", ["Jane Roe"]), ("María de los Ángeles Pérez", ["María de los Ángeles Pérez"]),
     # negatives: another role's credit, a source, a sentence, a kind of piece or an advertiser
     ("Foto: Karl Brenner", []), ("Photo: Jane Roe", []), ("Quelle: dpa", []), ("Jane Roe in Berlin", []),
     ("Gastbeitrag", []), ("Pressemitteilung", []), ("Sponsored", []), ("Contenido patrocinado", []),
     ("Harbour Times | Jane Roe", []), ("By The Numbers", []), ("Friends Of The Earth", []),
     ("Designed by Acme Studio", []), ("Tom Derby", ["Tom Derby"]), ("Anna Dietz", ["Anna Dietz"]),
     ("Fenna Van Der Berg", ["Fenna Van Der Berg"]), ("Rana Das", ["Rana Das"])],
)  # fmt: skip
def test_what_a_credit_holds_beside_the_name_is_left_out(credit: str, names: list[str]) -> None:
    sites = site_names("https://harbourtimes.example/x", ["Harbour Times"])
    assert [a.name for a in people([Author(name=credit)], sites)] == names


@pytest.mark.parametrize(
    ("marks", "comments"),
    [("comment-list", True), ("comentarios", True), ("kommentare", True), ("yorum-item", True), ("komentarze", True),
     ("disqus_thread", True),
     # negatives: a story's box stating whether comments are open, an opinion piece, a word merely holding one
     ("post has-comments-closed", False), ("comments-open", False), ("article commentary", False),
     ("penci-content noloaddisqus", False)],
)  # fmt: skip
def test_comment_sections_are_known_by_their_class_in_several_languages(marks: str, comments: bool) -> None:
    assert bool(COMMENT_MARKS.search(marks)) is comments


@pytest.mark.parametrize(
    ("credit", "names"),
    [("Kathimerini", []), ("TPN", []), ("Eddie", []), ("Jane Roe, Eddie", ["Jane Roe"]),
     # negatives: initials in lower case (a desk's shorthand for its writers) and names in other scripts stay
     ("ssi", ["ssi"]), ("신현주", ["신현주"]), ("Jane Roe", ["Jane Roe"])],
)  # fmt: skip
def test_one_capitalised_latin_word_is_no_author(credit: str, names: list[str]) -> None:
    assert [a.name for a in people([Author(name=credit)])] == names
