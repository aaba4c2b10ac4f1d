"""Fine print around embeds and forms leaves the body (issue 18): the consent placeholder standing
in for an embedded post or video, a consent toggle to be shown it, and lines pointing the reader
to the site's privacy or cookie policy; a share button's message ("Link copied to clipboard"), a
call to report an error, box labels ("Social Sharing"), notes on affiliate links and registration-wall
lines ("Already have an account?"). Story sentences of the same shape stay.

All text here is made up for the tests, in several languages.
"""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article
from newsbot.extraction.boilerplate import is_fine_print

SENTENCES = [
    "The city library opened its new reading hall on Monday after two years of building work.",
    "Die Bibliothek verleiht ab sofort auch Werkzeug, Nähmaschinen und Instrumente an alle Mitglieder.",
    "Les horaires d'ouverture sont prolongés jusqu'à vingt-deux heures pendant la période des examens.",
    "The head librarian said the hall already had more visitors in its first week than expected.",
]

FINE_PRINT = (
    "External content not available",
    "Externer Inhalt nicht verfügbar",
    "An dieser Stelle findest du einen externen Inhalt von einem Videoportal, der den Artikel ergänzt.",
    "Ich bin damit einverstanden, dass mir Inhalte von einem Videoportal angezeigt werden.",
    "Deine Privatsphäre-Einstellungen verhindern das Laden dieses Inhalts. Bitte passe sie an.",
    "Mit der Anmeldung willigen Sie in die Verarbeitung Ihrer Daten gemäß unserer Datenschutzerklärung ein.",
    "By signing up you agree to our Terms of use and acknowledge our Privacy notice.",
    "En vous inscrivant, vous acceptez notre politique de confidentialité.",
)
STORY_LINES = (
    "Some names in the lending records were blacked out for privacy reasons, the council said.",
    "Der Landesbeauftragte prüft die Datenschutzerklärung der Stadtbibliothek seit dem Frühjahr.",
    "The regulator's review of the bank's privacy policy is expected to end in the autumn.",
    "Die Mitglieder waren einverstanden, die Versammlung auf den Herbst zu verschieben.",
)


@pytest.mark.parametrize("line", FINE_PRINT)
def test_fine_print_is_recognised(line: str) -> None:
    assert is_fine_print(line)


@pytest.mark.parametrize("line", STORY_LINES)
def test_a_story_sentence_about_privacy_or_consent_is_no_fine_print(line: str) -> None:
    assert not is_fine_print(line)


def test_a_long_paragraph_naming_a_privacy_policy_is_no_fine_print() -> None:
    long = "You may remember the row over the library's privacy policy. " + SENTENCES[0] * 4
    assert not is_fine_print(long)


def paragraphs(body: str) -> list[str]:
    html = (
        "<html><head><title>Library hall opens</title></head><body><main><article>"
        f"<h1>Library hall opens</h1>{body}</article></main></body></html>"
    )
    response = HtmlResponse(url="https://news.example.org/2026/08/library-hall", body=html.encode())
    return (extract_article(response).articleBody or "").split("\n\n")


def story(first: int, end: int) -> str:
    return "".join(f"<p>{sentence}</p>" for sentence in SENTENCES[first:end])


@pytest.mark.parametrize(("line", "is_story"), [(f, False) for f in FINE_PRINT] + [(s, True) for s in STORY_LINES])
def test_fine_print_inside_the_story_is_left_out_and_story_lines_stay(line: str, is_story: bool) -> None:
    got = paragraphs(f"{story(0, 2)}<div class='embed'><p>{line}</p></div>{story(2, 4)}")
    assert [p for p in got if p in SENTENCES] == SENTENCES
    assert (line in got) is is_story


# -- share-button messages, error-report calls and box labels ------------------------------------------
WIDGET_LINES = (
    "Link copied to clipboard",
    "Die Artikel-URL wurde erfolgreich in Ihrer Zwischenablage gespeichert.",
    "Lien copié dans le presse-papiers",
    "Fehler gefunden? Jetzt melden.",
    "Spotted a mistake? Tell our desk.",
    "Social Sharing",
    "Recommended Videos",
    "Weiterlesen",
    "Lire la suite",
    # affiliate-link notes and registration walls
    "If you buy something using links in our stories, we may earn a commission. Learn more.",
    "We independently select everything we recommend. Buying through us may earn us a commission.",
    "In diesem Artikel sind Affiliate-Links enthalten. Kaufen Sie dort, erhalten wir eine kleine Provision.",
    "Si vous achetez via nos liens, nous percevons une commission.",
    "Create a FREE account to continue reading",
    "Already have an account? Sign in",
    "Don't have an account? Create Account",
    "Sie sind bereits Kunde?",
    "Für 0,99 Euro können Sie diesen Artikel erwerben.",
)
WIDGET_SHAPED_STORY = (
    "The old ledger was copied by hand onto a clipboard, the archivist said.",
    "Der Trick mit der Zwischenablage funktioniert seit dem Update nicht mehr, sagte die Sprecherin.",
    "Fehler gefunden haben die Prüfer in elf von zwölf Bilanzen der Stadtwerke.",
    "Weiterlesen konnte die Klasse erst nach der großen Pause, erzählt die Lehrerin.",
    "The agents earn a commission on each ticket they sell, the library's treasurer said.",
    "Die Makler erhalten eine Provision von drei Prozent, wenn der Verkauf zustande kommt.",
    "The European Commission said it would review the library grant in the autumn.",
    "Members who already have an account with the old library can keep their cards.",
)


@pytest.mark.parametrize(
    ("line", "is_story"), [(w, False) for w in WIDGET_LINES] + [(s, True) for s in WIDGET_SHAPED_STORY]
)
def test_widget_lines_inside_the_story_are_left_out_and_story_lines_of_their_shape_stay(
    line: str, is_story: bool
) -> None:
    got = paragraphs(f"{story(0, 2)}<p>{line}</p>{story(2, 4)}")
    assert [p for p in got if p in SENTENCES] == SENTENCES
    assert (line in got) is is_story
