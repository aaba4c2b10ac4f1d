"""Which languages a crawl keeps (``NEWSBOT_LANGUAGES``), and the language of a page.

A language is its primary subtag, lower case: ``en-GB``, ``en_GB`` and ``EN`` are ``en``.
Before download, a news sitemap's ``news:language`` outside the wanted set skips the entry
(``newsbot/skipped/language``). After extraction the page's language is its declaration (the
item's ``inLanguage``: JSON-LD ``inLanguage``, else ``html lang``, else ``og:locale``) or, when
it declares none, its text identified by ``py3langid`` (a pure-Python port of langid.py on numpy,
pinned in requirements.txt; its model is loaded once, at the first page that needs it). A
declaration the text contradicts with near certainty (a site-wide ``lang="en"`` template on a
German story) gives way to the text. A page in another language is dropped (``language``); one
whose language cannot be told (no declaration, too little text) is kept and counted.

Settings: ``NEWSBOT_LANGUAGES`` (empty: every language). Stats: ``newsbot/skipped/language``,
``newsbot/dropped/language``, ``newsbot/languages/unknown``, ``newsbot/languages/from_text``
(pages whose language came from their text), ``newsbot/languages/declared_wrong``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

SKIPPED_LANGUAGE = "newsbot/skipped/language"
UNKNOWN = "newsbot/languages/unknown"
FROM_TEXT = "newsbot/languages/from_text"
DECLARED_WRONG = "newsbot/languages/declared_wrong"
_CODE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")
#: Text shorter than this is not identified (too little to tell closely related languages apart).
MIN_TEXT_CHARS = 200
#: Text this long whose identification is at least this sure overrides the page's declaration.
OVERRIDE_TEXT_CHARS = 500
OVERRIDE_CONFIDENCE = 0.97
TEXT_CHARS_READ = 1000
#: Tags that name the same language as another: macrolanguage members, ISO 639-2 codes, withdrawn codes.
ALIASES = {
    "nb": "no", "nn": "no", "iw": "he", "in": "id", "ji": "yi", "eng": "en", "deu": "de", "ger": "de",
    "fra": "fr", "fre": "fr", "spa": "es", "ita": "it", "por": "pt", "nld": "nl", "dut": "nl", "tur": "tr",
    "rus": "ru", "pol": "pl", "zho": "zh", "chi": "zh", "jpn": "ja", "kor": "ko", "ara": "ar", "ukr": "uk",
}  # fmt: skip


def language_code(value: Any) -> str | None:
    """The primary subtag of a language tag (``de-AT`` -> ``de``; an alias its usual code: ``nb`` -> ``no``,
    ``eng`` -> ``en``), or ``None`` when ``value`` is not one."""
    if not isinstance(value, str):
        return None
    match = _CODE.match(value)
    code = match.group(1).lower() if match else None
    return ALIASES.get(code, code) if code else None


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str | None) -> tuple[str, float] | None:
    """``(language, confidence)`` of ``text`` (its first :data:`TEXT_CHARS_READ` characters), or ``None``
    when it is shorter than :data:`MIN_TEXT_CHARS`."""
    if not text or len(text.strip()) < MIN_TEXT_CHARS:
        return None
    language, confidence = _identifier().classify(text[:TEXT_CHARS_READ])
    return language_code(language), float(confidence)  # type: ignore[return-value]


@dataclass(frozen=True)
class PageLanguage:
    """A page's language (``None``: unknown) and where it came from: ``declared``, ``text``, or
    ``text_over_declared`` (the text contradicted the declaration ``declared``)."""

    code: str | None
    source: str
    declared: str | None = None


def page_language(declared: Any, text: str | None) -> PageLanguage:
    """The language of a page declaring ``declared`` (``inLanguage``, ``html lang``...) whose text is ``text``."""
    code = language_code(declared)
    if code is None:
        found = identify(text)
        return PageLanguage(found[0], "text") if found else PageLanguage(None, "unknown")
    if text and len(text) >= OVERRIDE_TEXT_CHARS:
        found = identify(text)
        if found and found[0] != code and found[1] >= OVERRIDE_CONFIDENCE:
            return PageLanguage(found[0], "text_over_declared", code)
    return PageLanguage(code, "declared")


@dataclass(frozen=True)
class LanguageFilter:
    """The languages a crawl keeps; ``wanted`` empty: every language."""

    wanted: frozenset[str] = frozenset()

    @property
    def active(self) -> bool:
        return bool(self.wanted)

    def refuses(self, declared: Any) -> bool:
        """True when ``declared`` (e.g. a news sitemap's ``news:language``) names a language not wanted;
        nothing declared (or not a language tag) is never refused."""
        code = language_code(declared)
        return self.active and code is not None and code not in self.wanted


def language_filter(values: list[str]) -> LanguageFilter:
    """The filter for ``NEWSBOT_LANGUAGES`` entries; ``ValueError`` naming an entry that is not a language tag."""
    codes = set()
    for value in values:
        code = language_code(value)
        if code is None:
            raise ValueError(f"{value!r} is not a language tag (e.g. en, de, pt-BR)")
        codes.add(code)
    return LanguageFilter(frozenset(codes))
