"""A standfirst shown apart from the story, and a summary box before it (issue 18).

Between the page's title and the story's container, in a header of its own, the lede paragraph
(or a heading written as a sentence) opens the body, whatever the page's description says. A box
labelled "Summary", "Key points", "Kort fortalt"... before the story tells it again in points:
its list is left out. Text only screen readers get (``sr-only``, ``visually-hidden``: a teaser
card's heading printed twice) is no story text.

Negative tests: a byline, a date line, a caption under a picture, a link to another story and
a short kicker between the title and the story stay out; a list under another heading, and a
summary section deep in the story, stay; a page whose profile says its standfirst stands apart
(TRT World) is tested in ``tests/test_sites.py``.

All text here is made up for the tests.
"""

from __future__ import annotations

from lxml import html as lxml_html
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article
from newsbot.extraction.blocks import collect_blocks

STORY = [
    "The regional rail company will run a night train between the two valley towns from December.",
    "It leaves the northern station at half past eleven and stops at every village on the way south.",
    "Related talks between the two ministries are expected to continue next week.",
    "Tickets cost the same as on the day trains, and monthly passes are valid on the night train too.",
    "A trial run with the new carriages is planned for the last week of November, the company said.",
]
LEDE = "A night train will link the valley towns from December, the first in forty years, the company said."


def extract(header: str, description: str = "Night trains return to the valley.") -> list[str]:
    html = (
        f"<html><head><title>Night train returns</title><meta name='description' content='{description}'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/region'>Region</a></nav><main>"
        "<div class='head'><ul class='crumbs'><li><a href='/'>Valley Post</a></li><li><a href='/region'>Region"
        "</a></li><li><a href='/region/transport'>Transport and traffic</a></li></ul>"
        f"<h1>Night train returns</h1>{header}<div class='share'><a href='/s/f'>Share on Facebook</a>"
        " <a href='/s/m'>Send by e-mail</a> <a href='/s/p'>Print this article</a> <a href='/s/c'>Copy the link"
        "</a></div></div>"
        "<div class='body'><div class='text'>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "</div></div></main><footer>© Valley Post</footer></body></html>"
    )
    item = extract_article(HtmlResponse(url="https://post.example/region/night-train", body=html.encode("utf-8")))
    return (item.articleBody or "").split("\n\n")


def test_a_standfirst_apart_from_the_story_opens_the_body() -> None:
    header = f"<p class='byline'>By Jane Roe</p><p class='standfirst'>{LEDE}</p><time>3 Sep 2026</time>"
    assert extract(header) == [LEDE, *STORY]


def test_a_standfirst_written_as_a_heading_opens_the_body() -> None:
    assert extract(f"<h2>{LEDE}</h2>") == [LEDE, *STORY]


def test_a_two_paragraph_standfirst_keeps_both() -> None:
    second = "Passengers can book seats and couchettes from October, on the web site or at any station."
    assert extract(f"<div class='intro'><p>{LEDE}</p><p>{second}</p></div>") == [LEDE, second, *STORY]


def test_bylines_dates_kickers_and_links_between_title_and_story_stay_out() -> None:
    header = (
        "<p>By Jane Roe and John Doe, Valley Post reporters</p><p>Updated 3 September 2026, 14:05</p>"
        "<h2>Transport</h2><p><a href='/region/old-line'>How the old valley line closed forty years ago, and why"
        " the villages never forgot it</a></p>"
    )
    assert extract(header) == STORY


def test_a_caption_under_a_picture_between_title_and_story_stays_out() -> None:
    header = (
        "<div class='picture'><img src='/train.jpg' alt=''></div>"
        "<p>The new night carriages at the northern depot, photographed on Monday. Photo: Valley Post</p>"
    )
    assert extract(header) == STORY


def test_a_short_heading_is_no_standfirst() -> None:
    assert extract("<h2>Back on the rails after forty years</h2>") == STORY


def test_text_only_screen_readers_get_is_not_read() -> None:
    card = (
        "<div><h3><span class='sr-only'>Night train returns</span><a href='/region/night-train-2'>Night train"
        " returns</a></h3><p>Share<span class='visually-hidden'> this story on a social network</span></p></div>"
    )
    blocks = collect_blocks(lxml_html.fromstring(card)).blocks
    assert [(block.text, block.link_length == block.length) for block in blocks] == [
        ("Night train returns", True),  # a link block: the teaser card's heading, read once
        ("Share", False),
    ]


def test_story_text_in_a_span_with_another_class_stays() -> None:
    marked = STORY[1].replace("half past eleven", "<span class='highlight'>half past eleven</span>")
    html = (
        "<html><head><title>Night train returns</title></head><body><main><h1>Night train returns</h1>"
        + "".join(f"<p>{p}</p>" for p in [STORY[0], marked, *STORY[2:]])
        + "</main></body></html>"
    )
    item = extract_article(HtmlResponse(url="https://post.example/region/night-train", body=html.encode("utf-8")))
    assert item.articleBody.split("\n\n") == STORY


POINTS = [
    "Night trains return to the valley in December.",
    "Tickets cost the same as on day trains.",
    "A trial run is planned for November.",
]


def summary_box(label: str) -> str:
    return f"<div class='summary'><h2>{label}</h2><ul>" + "".join(f"<li>{p}</li>" for p in POINTS) + "</ul></div>"


def story_page(before: str, after: str = "") -> list[str]:
    html = (
        "<html><head><title>Night train returns</title></head><body><main><article><h1>Night train returns</h1>"
        + before
        + "".join(f"<p>{p}</p>" for p in STORY)
        + after
        + "</article></main></body></html>"
    )
    item = extract_article(HtmlResponse(url="https://post.example/region/night-train", body=html.encode("utf-8")))
    return (item.articleBody or "").split("\n\n")


def test_a_summary_box_before_the_story_is_left_out() -> None:
    for label in ("Summary", "Key points", "Kort fortalt", "Das Wichtigste in Kürze:", "En bref"):
        assert story_page(summary_box(label)) == STORY, label


def test_a_list_under_another_heading_and_a_summary_section_deep_in_the_story_stay() -> None:
    assert story_page(summary_box("What changes for passengers")) == ["What changes for passengers", *POINTS, *STORY]
    more = [f"In the second year, {p[0].lower()}{p[1:]}" for p in STORY]
    last = "The company will publish the winter timetable with both trains at the end of October."
    after = "".join(f"<p>{p}</p>" for p in more) + summary_box("Summary") + f"<p>{last}</p>"
    assert story_page("", after) == [*STORY, *more, "Summary", *POINTS, last]
