"""Notes closing a story that are no part of it (issue 18): the credit of wire services and
colleagues ("With files from ...", "Reporting by ...; Editing by ...", "... contributed to this
report", "mit dpa", an editor's initials "(jr)"), where it first appeared, and a note on the
author ("Jane Roe is a senior reporter for ..."), in several languages.

Negative tests: the same shapes inside the story stay (a source introduced by name and role,
"reporting by" opening a sentence of the story); sentences naming reporters or in brackets are
no notes.

All text here is made up for the tests.
"""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article
from newsbot.extraction.boilerplate import is_closing_note

STORY = [
    "The harbour authority approved the new ferry terminal on Thursday after three years of planning.",
    "Construction starts in March and should take two years, at a cost the authority puts at 40 million.",
    "Related talks between the two ministries are expected to continue next week.",
    "Fishermen had asked for their quay to stay open during the works, and the plan now provides for it.",
]

NOTES = """\
With files from The Canadian Press and Jane Roe
With additional reporting by John Doe in Oslo
Reporting by Jane Roe in Lisbon; Editing by John Doe
Associated Press writers Jane Roe in Lisbon and John Doe in Porto contributed to this report.
First published in The Harbour Review.
mit dpa
Mit Material von dpa und AFP
(jr)
(dpa/jr)
Aus dem Englischen von Max Muster
Jane Roe is a senior reporter for the Harbour Post, covering transport and the port.
Max Muster ist Korrespondent in Lissabon und berichtet über Spanien und Portugal.
Korrespondentin Erika Muster ist bei der Hafenzeitung für Verkehrsthemen zuständig.
Marie Dupont est journaliste au service économie.
Jane Roe is on Bluesky at janeroe.example.
""".splitlines()  # one note a line


@pytest.mark.parametrize("note", NOTES)
def test_a_closing_note_is_recognised_and_leaves_the_body_after_the_story(note: str) -> None:
    assert is_closing_note(note)
    assert body([*STORY, note]) == STORY


INSIDE = [
    "Jane Roe is a professor of maritime law at the university and has advised the authority since 2019.",
    "The mayor, who was a reporter for twenty years, said the terminal would bring jobs back to the port.",
    "Reporting by local papers first raised questions about the cost of the project last spring.",
]


def test_the_same_shapes_inside_the_story_stay() -> None:
    for sentence in INSIDE:
        paragraphs = [*STORY[:2], sentence, *STORY[2:]]
        assert body(paragraphs) == paragraphs, sentence


def test_sentences_about_people_and_reporters_are_no_notes() -> None:
    assert not is_closing_note("The city is a major port with many reporters.")
    assert not is_closing_note("The harbour master said the plan was good news for the fishermen.")
    assert not is_closing_note("Fishermen are worried (and say so) about the new quay.")


def body(paragraphs: list[str]) -> list[str]:
    html = (
        "<html><head><title>Ferry terminal approved</title></head><body><main><article>"
        "<h1>Ferry terminal approved</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></main>"
        "<footer>© Harbour Post</footer></body></html>"
    )
    item = extract_article(HtmlResponse(url="https://harbour.example/port/terminal", body=html.encode("utf-8")))
    return (item.articleBody or "").split("\n\n")
