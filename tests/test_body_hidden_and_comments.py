"""What a reader never sees in the story (issue 18): a dialog or a copy hidden by the element's own
style (``style="display:none"``, ``visibility:hidden``) or by a utility class (``hidden``,
``d-none``; not when another class shows it on some screens), and a comment section under the site's own
label, found by its name (WordPress's ``#comments``/``.comments-area``, ``#respond``, Disqus's
``#disqus_thread``) and by a comment form's note ("Your email address will not be published").

Negative tests: a story whose every paragraph sits under a hiding style (shown by a script) is
still read; an opinion piece in an element named ``comment`` (a column, not a discussion) keeps
its text; a story sentence about comments or e-mail addresses stays; a short list and a table of
figures inside the story stay.

All text here is made up for the tests.
"""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article
from newsbot.extraction.boilerplate import is_reader_call
from newsbot.extraction.story import is_comment_section

STORY = [
    "The town council voted on Tuesday to keep the old market hall open through the winter months.",
    "Traders had asked for a decision before the autumn, when most of them sign their yearly leases.",
    "Related talks between the two ministries are expected to continue next week.",
    "The hall's roof will be repaired in spring, paid for from the council's reserve for old buildings.",
    "A public meeting on the hall's future is planned for January, the mayor's office said.",
]


def extract(article: str, after: str = "") -> list[str]:
    html = (
        "<html><head><title>Market hall stays open</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/town'>Town</a></nav>"
        f"<main><article><h1>Market hall stays open</h1>{article}</article>{after}</main>"
        "<footer>© Town Post</footer></body></html>"
    )
    item = extract_article(HtmlResponse(url="https://post.example/town/market-hall", body=html.encode("utf-8")))
    return (item.articleBody or "").split("\n\n")


def story_html(paragraphs: list[str] = STORY) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


STYLES = ("display:none", "display: none;", "color: red; DISPLAY : NONE", "visibility:hidden")
DIALOG = (
    "<section class='capping' style='display: none'><h2>Reading on another device</h2>"
    "<p>Another person is reading with this account on another device at the moment.</p>"
    "<p>You can read on one device at a time: continue here and the other device will stop.</p></section>"
)


PAYWALL_BOX = (
    "<div class='sign-in-box {classes}'><p>This content is reserved for our subscribers at the moment.</p>"
    "<p>Enjoy the latest local, national and international news every morning.</p>"
    "<p>Unlimited online access to every story and the daily puzzles.</p></div>"
)
HIDDEN_BOXES = [
    *(DIALOG.replace("display: none", style) for style in STYLES),
    *(PAYWALL_BOX.format(classes=classes) for classes in ("hidden", "d-none", "is-hidden", "box hide")),
]


@pytest.mark.parametrize("box", HIDDEN_BOXES)
def test_a_box_hidden_by_its_style_or_a_utility_class_is_left_out(box: str) -> None:
    assert extract(story_html(STORY[:3]) + box + story_html(STORY[3:])) == STORY


def test_a_copy_for_another_screen_size_hidden_by_style_is_read_once() -> None:
    copy = f"<div style='display:none'><p>{STORY[0]}</p><p>Tap here to open the app version of this story.</p></div>"
    assert extract(copy + story_html()) == STORY


def test_a_story_hidden_until_a_script_shows_it_is_still_read() -> None:
    hidden = f"<div class='article-body' style='visibility: hidden'>{story_html()}</div>"
    assert extract(hidden) == STORY


def test_a_visible_style_hides_nothing() -> None:
    shown = "".join(f"<p style='display:block; margin: 0'>{p}</p>" for p in STORY)
    assert extract(shown) == STORY


COMMENTS = (
    "<div class='comments-wrap'><div id='comments' class='comments-area'>"
    "<h2><span>7 Ergänzungen</span></h2><ol>"
    "<li><p>I have bought my vegetables in that hall every Saturday for twenty years and hope it stays.</p></li>"
    "<li><p>The roof has leaked since I was a child; it is about time somebody paid to repair it properly.</p></li>"
    "<li><p>Will the meeting in January be open to people from the villages around the town as well?</p></li>"
    "</ol><div id='respond'><form><p>Your email address will not be published. Required fields are marked *</p>"
    "<textarea name='comment'></textarea></form></div></div></div>"
)


def test_a_comment_section_named_so_is_left_out_under_any_label() -> None:
    assert extract(story_html(), COMMENTS) == STORY


@pytest.mark.parametrize(
    "opening",
    ["<div id='disqus_thread'>", "<section class='post comment-list'>", "<div id='Comments'>", "<div id='comment'>"],
)
def test_other_names_of_a_comment_section(opening: str) -> None:
    tag = opening[1 : opening.index(" ")]
    section = (
        f"{opening}<p>Reader one wrote a long reply about the old market hall and its leaking roof again.</p>"
        f"<p>Reader two answered that the council should have repaired the roof many years ago.</p></{tag}>"
    )
    assert extract(story_html() + section) == STORY


def test_a_column_in_an_element_named_comment_is_story() -> None:
    column = f"<div class='comment opinion'>{story_html()}</div>"
    assert extract(column) == STORY


def test_names_of_comment_sections() -> None:
    from lxml import etree

    def element(attributes: str) -> etree._Element:
        return etree.fromstring(f"<div {attributes}/>")

    assert is_comment_section(element("id='comments'"))
    assert is_comment_section(element("class='comments-area box'"))
    assert is_comment_section(element("id='disqus_thread'"))
    assert not is_comment_section(element("class='comment'"))  # an opinion column, one comment
    assert not is_comment_section(element("class='comments__headline'"))
    assert not is_comment_section(element("id='comment-count'"))
    assert not is_comment_section(element("class='article-body'"))


@pytest.mark.parametrize(
    "note",
    [
        "Your email address will not be published. Required fields are marked *",
        "Deine E-Mail-Adresse wird nicht veröffentlicht.",
        "Votre adresse e-mail ne sera pas publiée.",
        "Tu dirección de correo electrónico no será publicada.",
    ],
)
def test_a_comment_form_note_on_the_address_is_no_story(note: str) -> None:
    assert is_reader_call(note)


@pytest.mark.parametrize(
    "sentence",
    [
        "The council said that your email address will not be published in the list of objections.",
        "Comments from traders will be read out at the public meeting in January.",
    ],
)
def test_story_sentences_about_addresses_and_comments_stay(sentence: str) -> None:
    assert not is_reader_call(sentence)
    assert extract(story_html([*STORY[:2], sentence, *STORY[2:]])) == [*STORY[:2], sentence, *STORY[2:]]


def test_a_short_list_and_a_table_of_figures_inside_the_story_stay() -> None:
    items = ["Fish stalls: 14", "Vegetable stalls: 22", "Bakeries: 5"]
    rows = [("2022", "41,000"), ("2023", "44,500")]
    article = (
        story_html(STORY[:2])
        + "<ul>"
        + "".join(f"<li>{item}</li>" for item in items)
        + "</ul>"
        + story_html(STORY[2:4])
        + "<table><tr><th>Year</th><th>Visitors</th></tr>"
        + "".join(f"<tr><td>{year}</td><td>{count}</td></tr>" for year, count in rows)
        + "</table>"
        + story_html(STORY[4:])
    )
    body = extract(article)
    for text in [*STORY, *items, "2022", "41,000", "2023", "44,500"]:
        assert text in body


TWEET = (
    "<blockquote class='twitter-tweet'><p lang='en' dir='ltr'>Buses to the market hall leave from the station"
    " square again from Monday, every ten minutes. <a href='https://t.co/abc'>pic.twitter.com/abc</a></p>"
    "&mdash; Town Buses (@townbuses) <a href='https://twitter.com/townbuses/status/1234567890'>"
    "October 4, 2026</a></blockquote>"
)


@pytest.mark.parametrize(
    "embed",
    [
        TWEET,
        TWEET.replace("https://twitter.com/", "https://x.com/"),
        "<blockquote class='tiktok-embed' cite='https://www.tiktok.com/@market/video/7312'>"
        "<section><p>A stall keeper shows how the roof leaks when it rains on Saturdays at the market.</p>"
        "</section></blockquote>",
        "<blockquote class='instagram-media'><div><p>Saturday morning at the old market hall, "
        "fresh fish and bread.</p><p><a href='https://www.instagram.com/p/Cx12ab/'>A post shared by the hall"
        "</a></p></div></blockquote>",
    ],
)
def test_an_embedded_social_post_is_left_out(embed: str) -> None:
    assert extract(story_html(STORY[:2]) + embed + story_html(STORY[2:])) == STORY


def test_a_quotation_and_a_quote_linking_a_news_story_stay() -> None:
    quote = "The hall belongs to the town and it will stay open as long as I am mayor, she told the council."
    cited = "The market hall was built in 1898 and has been repaired twice since the war, the archive shows."
    article = (
        story_html(STORY[:2])
        + f"<blockquote><p>{quote}</p></blockquote>"
        + story_html(STORY[2:3])
        + f"<blockquote cite='https://archive.example/hall'><p>{cited}</p>"
        "<p><a href='https://news.example/2020/hall-history'>From our archive</a></p></blockquote>"
        + story_html(STORY[3:])
    )
    body = extract(article)
    assert quote in body and cited in body
    assert all(p in body for p in STORY)


def test_a_story_paragraph_linking_a_post_stays() -> None:
    linked = (
        "The bus company announced the new timetable in <a href='https://twitter.com/townbuses/status/1234'>"
        "a post</a> on Monday, a week before the hall reopens to traders and visitors."
    )
    body = extract(story_html(STORY[:2]) + f"<p>{linked}</p>" + story_html(STORY[2:]))
    assert any(p.startswith("The bus company announced the new timetable in a post") for p in body)


@pytest.mark.parametrize("classes", ["hidden md:block", "d-none d-lg-block", "hidden visible-lg", "hidden-gem"])
def test_a_box_shown_on_some_screens_or_merely_named_hidden_stays(classes: str) -> None:
    tower = "The market hall's clock tower, hidden behind scaffolding since May, is to be restored."
    body = extract(story_html(STORY[:3]) + f"<div class='{classes}'><p>{tower}</p></div>" + story_html(STORY[3:]))
    assert tower in body
