"""A story paragraph between two inline teaser cards is the story's (issue 18): a short paragraph
whose nearest neighbours are the link blocks of cards to other stories looks like a teaser's
blurb, but it sits beside the story's other paragraphs, in the same element.

A heading right before story text is the story's even past a short label between them (live
updates, each in sections of their own with an "Article content" label for screen readers).

Negative tests: a blurb inside a card of its own (a related-stories box closing the story) and a
heading before a link list stay out.

All text here is made up for the tests.
"""

from __future__ import annotations

from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article

STORY = [
    "The city will build a new campus for the engineering faculty on the site of the old freight yard.",
    "Planning has taken four years, and the first buildings should open to students in the autumn of 2029.",
    "The land also leaves room for research firms, which the city hopes will settle beside the faculty.",
    "Related talks between the two ministries are expected to continue next week.",
    "The council votes on the plan in May, and a public hearing is held before that in the town hall.",
]


def card(title: str, author: str) -> str:
    return (
        f"<div class='teaser'><div><a href='/city/{len(title)}'><picture><img src='/t.jpg'></picture></a></div>"
        f"<div><a href='/city/{len(title)}' class='teaser-link'><strong>{title}</strong></a>"
        f"<span>Von <span>{author}</span></span></div></div>"
    )


def body(article: str, after: str = "") -> list[str]:
    html = (
        "<html><head><title>New campus</title></head><body><main><article><h1>New campus</h1>"
        f"<div class='text'>{article}</div>{after}</article></main></body></html>"
    )
    item = extract_article(HtmlResponse(url="https://city.example/campus", body=html.encode("utf-8")))
    return (item.articleBody or "").split("\n\n")


def test_a_paragraph_between_two_teaser_cards_stays() -> None:
    article = (
        "".join(f"<p>{p}</p>" for p in STORY[:2])
        + card("Freight yard: what happens to the old sheds now?", "Erika Muster")
        + f"<p>{STORY[2]}</p>"
        + card("Engineering students: where they live today and what they pay", "Max Muster")
        + "".join(f"<p>{p}</p>" for p in STORY[3:])
    )
    assert body(article) == STORY


def test_a_blurb_in_a_related_card_after_the_story_stays_out() -> None:
    related = (
        "<section class='related'><h2>More from the city</h2><div class='card'><a href='/city/a'>Old sheds to become"
        " a market</a><p>The sheds on the freight yard may house a weekly market from next spring.</p>"
        "<a href='/city/a'>Read the story</a></div><div class='card'><a href='/city/b'>Rents near the campus</a>"
        "</div></section>"
    )
    assert body("".join(f"<p>{p}</p>" for p in STORY), related) == STORY


def test_live_updates_keep_their_headings_past_a_screen_reader_label() -> None:
    updates = [
        ("Council confirms the campus site", "The council confirmed on Monday that the old freight yard is the site."),
        ("Students' union welcomes the plan", "The students' union said the campus would end years of crowded rooms."),
        ("Freight company asks for more time", "The freight company asked for a year longer to move its last sheds."),
    ]
    sections = "".join(
        f"<section class='entry'><div class='visually-hidden'>Article content</div><h3>{title}</h3></section>"
        f"<section class='entry'><div class='visually-hidden'>Article content</div><p>{text}</p></section>"
        for title, text in updates
    )
    html = (
        "<html><head><title>New campus</title></head><body><main><h1>New campus</h1><div class='live'>"
        "<div class='text'>" + "".join(f"<p>{p}</p>" for p in STORY) + f"</div>{sections}</div></main></body></html>"
    )
    item = extract_article(HtmlResponse(url="https://city.example/campus", body=html.encode("utf-8")))
    assert item.articleBody.split("\n\n") == [*STORY, *(line for update in updates for line in update)]


def test_a_heading_before_a_link_list_stays_out() -> None:
    links = (
        "<ul><li><a href='/a'>Old sheds to become a market</a></li><li><a href='/b'>Rents near the campus</a></li></ul>"
    )
    article = "".join(f"<p>{p}</p>" for p in STORY) + "<h3>More on the campus</h3><div>Updated daily</div>" + links
    assert body(article) == STORY
