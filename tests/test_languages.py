"""Which languages a crawl keeps (issue 19): language tags, declarations, and the text when there is none."""

from __future__ import annotations

import pytest

from newsbot.languages import LanguageFilter, identify, language_code, language_filter, page_language
from newsbot.settings_check import validate_settings

# our own sentences, long enough to be identified
GERMAN = (
    "Der Gemeinderat hat am Dienstagabend den Umbau der alten Fähranlegestelle beschlossen. Die Arbeiten "
    "sollen im Frühjahr beginnen und den Verkehr auf dem Fluss nur an wenigen Tagen stören. Anwohner hatten "
    "seit Jahren über Lärm und lange Wartezeiten geklagt, nun sollen zwei neue Stege gebaut werden. "
)
ENGLISH = (
    "The town council approved the rebuilding of the old ferry landing on Tuesday evening. Work is due to "
    "start in spring and should disrupt traffic on the river on only a few days. Residents had complained "
    "for years about noise and long waits, and two new jetties are now to be built along the bank. "
)
FRENCH = (
    "Le conseil municipal a approuvé mardi soir la reconstruction de l'ancien embarcadère du bac. Les travaux "
    "doivent commencer au printemps et ne perturberont la circulation sur la rivière que quelques jours. Les "
    "habitants se plaignaient depuis des années du bruit et de l'attente, deux nouvelles jetées seront construites."
)


@pytest.mark.parametrize(
    ("tag", "code"),
    [("de", "de"), ("de-AT", "de"), ("en_GB", "en"), ("EN", "en"), (" pt-BR ", "pt"), ("fil", "fil")],
)
def test_a_language_tag_is_its_primary_subtag(tag: str, code: str) -> None:
    assert language_code(tag) == code


@pytest.mark.parametrize("tag", [None, "", "english", "d", "de AT", "12", "x-klingon-", 3])
def test_what_is_not_a_language_tag(tag: object) -> None:
    assert language_code(tag) is None


def test_text_is_identified_only_when_there_is_enough_of_it() -> None:
    assert identify(GERMAN)[0] == "de" and identify(ENGLISH)[0] == "en" and identify(FRENCH)[0] == "fr"  # type: ignore[index]
    assert identify("Der Gemeinderat hat beschlossen.") is None
    assert identify(None) is None


def test_a_page_is_in_the_language_it_declares_unless_its_text_says_otherwise_for_sure() -> None:
    assert page_language("de-DE", GERMAN).code == "de"
    assert page_language(None, FRENCH).code == "fr" and page_language(None, FRENCH).source == "text"
    wrong = page_language("en", GERMAN + GERMAN)
    assert (wrong.code, wrong.source, wrong.declared) == ("de", "text_over_declared", "en")
    # a declaration stands against a short text, or a text mixing languages (an English story quoting German)
    assert page_language("en", GERMAN[:300]).code == "en"
    assert page_language("en", ENGLISH + GERMAN[:120] + ENGLISH).code == "en"
    assert page_language(None, "Kurz.").code is None and page_language(None, None).source == "unknown"


def test_the_filter_refuses_only_a_named_language_not_wanted() -> None:
    wanted = language_filter(["en", "de-CH"])
    assert wanted.wanted == {"en", "de"}
    assert wanted.refuses("fr") and wanted.refuses("pt-BR")
    assert not wanted.refuses("de") and not wanted.refuses("EN-us")
    assert not wanted.refuses(None) and not wanted.refuses("") and not wanted.refuses("unknown language")
    assert not LanguageFilter().refuses("fr")
    with pytest.raises(ValueError, match="'german' is not a language tag"):
        language_filter(["en", "german"])


def test_bad_language_settings_are_named() -> None:
    assert any(p.startswith("NEWSBOT_LANGUAGES=") and "'german'" in p
               for p in validate_settings({"NEWSBOT_LANGUAGES": "en,german"}))  # fmt: skip
    assert validate_settings({"NEWSBOT_LANGUAGES": "en,de"}) == []
    assert validate_settings({"NEWSBOT_LANGUAGES": []}) == []
