"""How the generic body reads the runs of a page's text (issue 18), on small hand-written pages.

- a newline of the page's source inside a paragraph is white space (``<br>`` and ``<pre>`` keep
  their lines);
- a box label followed by the words of its buttons ("Share this article: Share") is no story text;
- the headline shown after a kicker in one heading at the top of the story is the title, not a
  paragraph (further down, the same line is a subheading the story repeats);
- a story cut into sibling parts of one template (``<div class="block">``) is read whole;
- a short line ending in a colon that closes the story introduces nothing of it and is left out;
- the credit and date lines of a ``<br>``-split block go as they would as blocks (a listing keeps all).

Every rule has its negative. All story text here is made up for the tests, in several languages.
"""

from __future__ import annotations

import pytest
from lxml import etree
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article
from newsbot.extraction.blocks import Block
from newsbot.extraction.story import credit

SENTENCES = [
    "The ferry company added a second boat to the island route after a summer of long queues at the pier.",
    "Die neue Fähre fasst dreihundert Fahrgäste und zwanzig Autos und fährt jede Stunde ab dem Hafen.",
    "Les habitants de l'île réclamaient depuis des années un départ plus tôt le matin pour aller travailler.",
    "The harbour master said the timetable would be checked again in October once the season is over.",
]
HEADLINE = "Second ferry joins the island route"


def page(body: str, headline: str = HEADLINE) -> str:
    return (
        f"<html><head><title>{headline}</title></head><body><main><article>"
        f"<h1>{headline}</h1>{body}</article></main></body></html>"
    )


def paragraphs(html: str) -> list[str]:
    response = HtmlResponse(url="https://news.example.org/2026/07/second-ferry", body=html.encode())
    return (extract_article(response).articleBody or "").split("\n\n")


def story(first: int = 0, end: int = 4) -> str:
    return "".join(f"<p>{sentence}</p>" for sentence in SENTENCES[first:end])


# -- newlines of the source ---------------------------------------------------------------------------
def test_a_newline_of_the_source_inside_a_paragraph_is_a_space() -> None:
    wrapped = SENTENCES[0].replace(" a second boat", "\na second\n   boat")
    got = paragraphs(page(f"<p>{wrapped}</p>{story(1, 4)}"))
    assert got == SENTENCES


def test_a_br_still_ends_a_line_and_pre_keeps_its_lines() -> None:
    listing = 'boats = fleet.on_route("island")\nprint(len(boats))'
    got = paragraphs(page(f"{story(0, 2)}<p>{SENTENCES[2]}<br>{SENTENCES[3]}</p><pre>{listing}</pre>"))
    assert got == [*SENTENCES, *listing.split("\n")]


# -- a box label before its buttons -------------------------------------------------------------------
@pytest.mark.parametrize("label", ["Share this article: Share", "Share this story: Facebook X", "Tags: ferries"])
def test_a_box_label_followed_by_its_buttons_is_left_out(label: str) -> None:
    got = paragraphs(page(f"{story(0, 2)}<p>{label}</p>{story(2, 4)}"))
    assert got == SENTENCES


def test_a_line_opening_with_a_box_label_word_and_a_sentence_after_the_colon_stays() -> None:
    line = "Share: the island council owns a third of the company since the spring."
    got = paragraphs(page(f"{story(0, 2)}<p>{line}</p>{story(2, 4)}"))
    assert got == [*SENTENCES[:2], line, *SENTENCES[2:]]


def block_of(text: str, tag: str = "p") -> Block:
    return Block(etree.Element(tag), (text,), len(text), 0, 0, tag)


def test_a_box_label_with_its_buttons_gives_no_credit_and_a_sentence_of_its_length_does() -> None:
    # a label must not lend its container the weight of story text ("Share this article: Share")
    assert credit(block_of("Share this article: Share")) == 0.0
    assert credit(block_of("Ferries run every hour now.")) > 0.0


# -- the headline after a kicker -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kicker", "headline"),
    [
        ("Island transport - ", HEADLINE),
        ("Inselverkehr: ", "Zweite Fähre fährt ab Montag zur Insel"),
        ("Transports | ", "Un second ferry rejoint la ligne de l'île"),
    ],
)
def test_the_headline_after_a_kicker_at_the_top_of_the_story_is_the_title(kicker: str, headline: str) -> None:
    html = (
        f"<html><head><title>{headline}</title></head><body><main><article>"
        f"<h2><span>{kicker}</span><span>{headline}</span></h2>{story()}</article></main></body></html>"
    )
    got = paragraphs(html)
    assert got == SENTENCES


def test_the_headline_after_a_kicker_further_down_is_a_subheading_that_stays() -> None:
    subheading = f"Island transport: {HEADLINE}"
    got = paragraphs(page(f"{story(0, 2)}<h2>{subheading}</h2>{story(2, 4)}"))
    assert got == [*SENTENCES[:2], subheading, *SENTENCES[2:]]


def test_a_sentence_ending_in_the_headline_after_more_than_a_kicker_stays() -> None:
    line = f"The harbour office published its plans for the coming summer season as {HEADLINE}"
    got = paragraphs(page(f"<p>{line}</p>{story()}"))
    assert got == [line, *SENTENCES]


# -- a story cut into sibling parts ------------------------------------------------------------------------
PARTS = [
    "１３日午前、島と本土を結ぶ二隻目のフェリーが就航し、港では朝から多くの利用者が列を作った。運航会社によると、夏の間は一時間おきに出航する。",
    "島の住民からは朝の便を早めてほしいという声が以前から上がっており、会社は秋に時刻表を見直す方針だ。港湾局も桟橋の拡張を検討している。",
]
MENU = "".join(
    f"<li><a href='/news/{n}'>A longer headline of another story number {n} on this site</a></li>" for n in range(12)
)


def split_page(part_class: str | None, between: str = "", nested: bool = False, after: str = "") -> str:
    attribute = f" class='{part_class}'" if part_class else ""
    parts = between.join(
        f"<div{attribute}><div class='text'><p>{text}</p></div></div>" if nested else f"<div{attribute}>{text}</div>"
        for text in PARTS
    )
    return (
        f"<html><head><title>{HEADLINE}</title></head><body><div class='page'><h1>{HEADLINE}</h1>"
        f"<ul class='menu'>{MENU}</ul>{parts}{after}<ul class='menu'>{MENU}</ul></div></body></html>"
    )


CARD = "<div class='card'><a href='/news/99'>Another story of the day, told in a long headline here</a></div>"
NOTE = "<div class='note'>この記事は会員限定です。紙の新聞の定期購読者の方は、無料で会員登録できます。</div>"


def test_a_story_cut_into_sibling_parts_of_one_class_is_read_whole() -> None:
    assert paragraphs(split_page("block")) == PARTS
    assert paragraphs(split_page("block", "<div class='ad'></div><script>show()</script>")) == PARTS


def test_parts_of_one_template_apart_by_a_link_card_and_an_ad_are_read_whole() -> None:
    assert paragraphs(split_page("part", f"{CARD}<div class='ad'><span>Anzeige</span></div>", nested=True)) == PARTS


def test_parts_apart_by_other_text_or_without_a_class_are_not_twins() -> None:
    got = paragraphs(split_page("part", NOTE, nested=True))
    assert len(got) == 1 and got[0] in PARTS
    got = paragraphs(split_page(None))
    assert len(got) == 1 and got[0] in PARTS


def test_a_sibling_of_the_class_on_another_template_or_with_a_headline_is_no_twin() -> None:
    promo = "<div class='part'><div class='promo'>Zwei Wochen lang alle Artikel lesen.</div></div>"
    got = paragraphs(split_page("part", CARD, nested=True, after=CARD + promo))
    assert got == PARTS
    other = (
        "<div class='part'><h1>Another story</h1>"
        "<div class='text'><p>The next story on the page begins here.</p></div></div>"
    )
    got = paragraphs(split_page("part", CARD, nested=True, after=CARD + other))
    assert got == PARTS


# -- a closing line that introduces nothing --------------------------------------------------------------
@pytest.mark.parametrize(
    "line", ["Dieses Thema im Programm:", "More on the ferries in our live blog:", "Flere saker om fergene:"]
)
def test_a_short_line_ending_in_a_colon_that_closes_the_story_is_left_out(line: str) -> None:
    got = paragraphs(page(f"{story()}<p>{line}</p><div class='player'></div>"))
    assert got == SENTENCES


def test_a_line_ending_in_a_colon_before_story_text_or_a_long_closing_line_stays() -> None:
    said = "Der Hafenmeister sagte:"
    got = paragraphs(page(f"{story(0, 3)}<p>{said}</p>{story(3, 4)}"))
    assert got == [*SENTENCES[:3], said, SENTENCES[3]]
    long = "The harbour master listed the changes the company will make to the timetable from next month on:"
    got = paragraphs(page(f"{story()}<p>{long}</p>"))
    assert got == [*SENTENCES, long]


# -- lines of a <br>-split block -----------------------------------------------------------------------------
def test_credit_and_date_lines_of_a_br_split_block_are_left_out_and_story_lines_stay() -> None:
    lines = [*SENTENCES[:2], "Redaktion: Jana Beispiel und Max Muster", "Sendung: Radio Eins, 25.04.2026, 10.45 Uhr"]
    got = paragraphs(page(f"<div class='text'>{'<br>'.join(lines)}</div>{story(2, 4)}"))
    assert got == SENTENCES


def test_lines_of_a_listing_are_kept_whatever_they_show() -> None:
    listing = 'Redaktion: 10.45 Uhr\nSendung: 25.04.2026\nboats = fleet.on_route("island")\nprint(len(boats))'
    got = paragraphs(page(f"{story()}<pre>{listing}</pre>"))
    assert got == [*SENTENCES, *listing.split("\n")]
