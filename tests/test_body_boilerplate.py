"""Body classes of issue 18 on small hand-written pages: lists and keyword-linked lists that are
part of the story stay; calls to the reader, read-time lines and photo credits inside the story go.

Every rule has its negative: text of the same shape that is story text and must stay. All story
text here is made up for the tests.
"""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article

SENTENCES = [
    "The valley railway reopened its upper line on Saturday after eight months of repairs to the viaduct.",
    "Engineers replaced forty steel girders and the stone piers were strengthened with new anchors.",
    "The operator expects twelve hundred passengers a day once the summer timetable begins.",
    "Local shops along the line said the closure had cost them almost a third of their trade.",
    "A second phase, covering the tunnel south of the lake, is planned for the next winter season.",
    "The regional council will pay half of the cost, the rest coming from a national fund.",
]


def story(first: int, end: int) -> str:
    return "".join(f"<p>{sentence}</p>" for sentence in SENTENCES[first:end])


def paragraphs(body: str) -> list[str]:
    html = (
        "<html><head><title>Valley railway reopens</title></head><body><main><article>"
        f"<h1>Valley railway reopens</h1>{body}</article></main></body></html>"
    )
    response = HtmlResponse(url="https://news.example.org/2026/05/valley-railway", body=html.encode())
    return (extract_article(response).articleBody or "").split("\n\n")


def assert_story_whole(got: list[str]) -> None:
    assert [p for p in got if p in SENTENCES] == SENTENCES


# -- lists and tables between parts of a story split over sibling containers -------------------------
STOPS = "<ul><li>Lower bridge: 6.10</li><li>Mill lane: 6.25</li><li>Lake pier: 6.40</li></ul>"


def test_a_list_of_short_items_between_parts_of_a_split_story_is_kept() -> None:
    got = paragraphs(f"<div class='part'>{story(0, 3)}</div><div class='box'>{STOPS}</div><div>{story(3, 6)}</div>")
    assert_story_whole(got)
    assert [p for p in got if ":" in p] == ["Lower bridge: 6.10", "Mill lane: 6.25", "Lake pier: 6.40"]


def test_a_table_between_parts_of_a_split_story_is_kept() -> None:
    table = "<table><tr><td>Section</td><td>Reopens</td></tr><tr><td>Upper line</td><td>May</td></tr></table>"
    got = paragraphs(f"<div>{story(0, 3)}</div><div>{table}</div><div>{story(3, 6)}</div>")
    assert_story_whole(got)
    assert {"Section", "Reopens", "Upper line", "May"} <= set(got)


def test_a_list_after_the_story_and_a_byline_label_beside_an_author_link_are_not_taken() -> None:
    tags = "<ul><li>Rail</li><li>Valley</li><li>Transport</li></ul>"
    byline = "<dl><dt>von</dt><dd><a href='/autor/jana-beispiel'>Jana Beispiel</a></dd></dl>"
    got = paragraphs(f"<div>{story(0, 3)}</div><div>{byline}</div><div>{story(3, 6)}</div><div>{tags}</div>")
    assert_story_whole(got)
    assert not {"Rail", "Valley", "Transport", "von", "Jana Beispiel"} & set(got)


# -- enumerations whose words link to topic pages ------------------------------------------------------
def linked(*names: str, separator: str = ", ") -> str:
    return separator.join(f"<a href='/topics/{n}'>{n}</a>" for n in names)


def test_an_enumeration_of_keyword_links_inside_the_story_is_kept() -> None:
    places = (
        f"<p>＜震度4＞</p><p>長野県：{linked('松本市', '安曇野市', separator='、')}</p>"
        f"<p>Northern district: {linked('Alder Fork', 'Birchgate', 'Copper Hill')}</p>"
    )
    got = paragraphs(f"{story(0, 3)}{places}{story(3, 6)}")
    assert_story_whole(got)
    assert "長野県：松本市、安曇野市" in got
    assert "Northern district: Alder Fork, Birchgate, Copper Hill" in got


def test_headline_links_a_closing_tag_list_and_an_embedded_post_are_not_kept() -> None:
    headlines = (
        "<p><a href='/a'>Lake ferry adds an evening crossing this summer</a>, "
        "<a href='/b'>Viaduct repairs: what the engineers found</a></p>"
    )
    handles = " ".join(f"<a href='/{n}'>{n}</a>" for n in ("#valleyrail", "@valleyline", "@lakeferry", "@millshop"))
    post = f"<blockquote><p>Back on track: {handles}, pic.example.org/x1</p></blockquote>"
    closing = f"<p>Topics: {linked('Rail', 'Valley', 'Lake')}</p>"
    got = paragraphs(f"{story(0, 3)}{headlines}{post}{story(3, 6)}{closing}")
    assert_story_whole(got)
    assert len(got) == len(SENTENCES)


# -- calls to the reader: newsletters, follow us, get in touch, share messages ---------------------------
CALLS = (
    "For free breaking news alerts sent straight to your inbox, sign up to our morning emails",
    "Sign up for our weekly transport newsletter here.",
    "Abonnieren Sie unseren Newsletter und erhalten Sie jeden Morgen die wichtigsten Nachrichten.",
    "Inscrivez-vous à notre newsletter pour recevoir l'essentiel de l'actualité.",
    "Follow The Valley Courier on Google News for more stories like this.",
    "Follow valleycourier.example on Twitter and Facebook for the latest updates.",
    "Folgen Sie uns auf Instagram.",
    "Got a story? Get in touch with our news desk by email.",
    "Copy link",
    "Link copied!",
)


STORY_LINES = (
    "Residents can sign up for flood alerts on the council website, the mayor said.",
    "More than two thousand commuters signed up for the new e-mail alerts in the first week.",
    "Follow the money, the auditor told the committee on Tuesday.",
    "Our reporters followed the first train on its way up to the lake on Saturday morning.",
    "The photo was taken by a passer-by, police said.",
    "The crossing takes forty minutes, and most passengers read on the way.",
)


@pytest.mark.parametrize(("line", "is_story"), [(c, False) for c in CALLS] + [(s, True) for s in STORY_LINES])
def test_a_call_to_the_reader_is_left_out_and_a_story_line_of_its_shape_stays(line: str, is_story: bool) -> None:
    got = paragraphs(f"{story(0, 3)}<p>{line}</p>{story(3, 6)}")
    assert_story_whole(got)
    assert (line in got) is is_story


# -- read-time lines and photo credits -------------------------------------------------------------------
@pytest.mark.parametrize(
    "line", ["5 min read", "Reading time: 4 minutes", "Lesezeit: 3 Min.", "Temps de lecture : 2 min", "4 dk okuma"]
)
def test_a_read_time_line_is_left_out(line: str) -> None:
    got = paragraphs(f"<p>{line}</p>{story(0, 6)}")
    assert got == SENTENCES


@pytest.mark.parametrize(
    "caption",
    [
        "Workers on the viaduct in March. Photo: Jana Beispiel / Valley Courier",
        "Workers on the viaduct in March. (AP Photo/Jana Beispiel)",
        "Workers on the viaduct in March. (Jana Beispiel/Getty Images)",
        "Arbeiter auf dem Viadukt im März. Foto: Jana Beispiel",
    ],
)
def test_a_caption_ending_in_its_photo_credit_is_left_out(caption: str) -> None:
    got = paragraphs(f"{story(0, 3)}<p>{caption}</p>{story(3, 6)}")
    assert got == SENTENCES


# -- a paywall's pitch inside the story ------------------------------------------------------------------
PITCH = (
    "<div class='wall'><div>THIS STORY IS RESERVED FOR SUBSCRIBERS ONLY</div>"
    "<p>Subscribe now to read the latest news from the valley and beyond.</p>"
    "<ul><li>Unlimited access to every story on the website and in the app.</li>"
    "<li>The digital edition of the weekly paper.</li><li>Support local reporting.</li></ul></div>"
)


def test_a_paywall_pitch_and_what_it_offers_are_left_out() -> None:
    got = paragraphs(f"{story(0, 3)}{PITCH}{story(3, 6)}")
    assert got == SENTENCES


def test_story_text_under_a_paywall_label_and_a_sentence_about_subscribers_stay() -> None:
    label = "<p>Article réservé aux abonnés</p>"
    museum = (
        "The museum said its winter lecture series is reserved for subscribers of the quarterly magazine, "
        "who pay a yearly fee."
    )
    got = paragraphs(f"{label}{story(0, 3)}<p>{museum}</p><ul><li>{SENTENCES[3]}</li></ul>{story(4, 6)}")
    assert got == [*SENTENCES[:3], museum, *SENTENCES[3:]]


# -- comment sections and comment prompts; captions in an image box of their own -------------------------
@pytest.mark.parametrize("label", ["All Comments 4", "Comments (12)", "12 Responses", "3 Antworten"])
def test_a_comment_section_label_ends_the_story(label: str) -> None:
    comments = "<p>I took the train on Sunday and it was full by the second stop, so more carriages please.</p>"
    got = paragraphs(f"{story(0, 6)}<div><h2>{label}</h2>{comments}</div>")
    assert got == SENTENCES


def test_a_response_count_in_the_posts_meta_line_ends_nothing() -> None:
    meta = "<header><p class='meta'><a href='#comments'>2</a> responses</p></header>"
    got = paragraphs(f"{meta}{story(0, 6)}")
    assert [p for p in got if p in SENTENCES] == SENTENCES


def test_a_reactions_heading_and_a_comment_prompt_inside_the_story() -> None:
    prompt = "You must be logged in to post a comment."
    got = paragraphs(f"{story(0, 3)}<h2>Reactions</h2>{story(3, 6)}<p>{prompt}</p>")
    assert got == [*SENTENCES[:3], "Reactions", *SENTENCES[3:]]
    heading = "Comment réagissent les commerçants ?"  # French "how": no comment label
    got = paragraphs(f"{story(0, 3)}<h2>{heading}</h2>{story(3, 6)}")
    assert got == [*SENTENCES[:3], heading, *SENTENCES[3:]]


LONG_CAPTION = (
    "Passengers wait on the platform of the lower station on Saturday morning, as the first train in eight months "
    "is prepared for the climb to the lake; many had travelled from the capital to be on board, and some had "
    "booked their seats weeks in advance through the operator's new booking service"
)


def test_a_long_caption_in_an_image_box_of_its_own_is_left_out() -> None:
    box = f"<div class='media'><img src='/i/platform.jpg'><div><p>{LONG_CAPTION}</p></div></div>"
    got = paragraphs(f"{story(0, 3)}{box}{story(3, 6)}")
    assert got == SENTENCES


def test_a_story_paragraph_after_an_image_among_other_paragraphs_stays() -> None:
    got = paragraphs(f"{story(0, 3)}<p><img src='/i/platform.jpg'></p><p>{LONG_CAPTION}</p>{story(3, 6)}")
    assert got == [*SENTENCES[:3], LONG_CAPTION, *SENTENCES[3:]]
    got = paragraphs(f"<div><img src='/i/platform.jpg'><p>{LONG_CAPTION}</p><p>{SENTENCES[0]}</p></div>{story(1, 6)}")
    assert LONG_CAPTION in got


ZOOM = "<div class='pic'><img src='/i/lake.jpg'><button>Vergrößern</button></div>"
SHOWN = "<div class='pic'><img src='/i/lake.jpg'><span>Upper line, May 2026</span></div>"
CAPTION = "Der Zug am Seeufer am Samstagmorgen. Jana Beispiel"
HEADING = "Une ligne pour toute la vallée"


@pytest.mark.parametrize(
    ("markup", "kept"),
    [
        (f"<div>{ZOOM}<div><p>{CAPTION}</p></div></div>", []),  # the picture's only text is its zoom button
        (f"<div>{SHOWN}<div><p>{CAPTION}</p></div></div>", [CAPTION]),  # text beside the picture: no caption
        (f"{ZOOM}<h2>{HEADING}</h2>", [HEADING]),  # a heading after a picture opens a part of the story
    ],
)
def test_what_follows_a_picture(markup: str, kept: list[str]) -> None:
    got = paragraphs(f"{story(0, 3)}{markup}{story(3, 6)}")
    assert got == [*SENTENCES[:3], *kept, *SENTENCES[3:]]
