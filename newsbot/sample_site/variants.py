"""Near-duplicate wire copies: trimmed bodies, copy-edited bodies and new headlines."""

from __future__ import annotations

import math
import random
import re

#: Word substitutions a copy editor might make; applied case-preserving.
SYNONYMS: dict[str, str] = {
    "said": "stated",
    "says": "states",
    "officials": "authorities",
    "official": "spokesperson",
    "government": "administration",
    "governments": "administrations",
    "agreement": "accord",
    "accord": "agreement",
    "deal": "pact",
    "country": "nation",
    "countries": "nations",
    "people": "residents",
    "city": "town",
    "large": "big",
    "major": "key",
    "new": "fresh",
    "began": "started",
    "begin": "start",
    "expected": "likely",
    "warned": "cautioned",
    "talks": "negotiations",
    "negotiations": "talks",
    "main": "principal",
    "during": "throughout",
    "still": "yet",
    "long": "lengthy",
    "farms": "holdings",
    "water": "supply",
    "river": "waterway",
    "ministers": "officials",
    "published": "released",
    "publish": "release",
    "dramatically": "sharply",
    "highest": "greatest",
    "welcomed": "praised",
    "groups": "organisations",
    "separate": "distinct",
    "final": "last",
    "record": "unprecedented",
    "added": "noted",
    "rising": "growing",
    "prices": "costs",
    "help": "assist",
    "reported": "announced",
    "told": "informed",
    "after": "following",
    "several": "numerous",
    "quickly": "rapidly",
    "local": "regional",
}
_WORD = re.compile(r"^(\W*)([A-Za-z]+)(\W*)$")
_HEADLINE_FORMS: tuple[str, ...] = (
    "{h}, officials say",
    "Latest: {h}",
    "{h}: what we know",
    "{h} as reaction pours in",
    "Update: {h}",
)


def trim(paragraphs: list[str], fraction: float = 0.7) -> list[str]:
    """Keep the first ``fraction`` of the paragraphs (at least one): a wire copy cut for space."""
    keep = max(1, round(len(paragraphs) * fraction))
    return list(paragraphs[:keep])


def copy_edit(paragraphs: list[str], fraction: float, rng: random.Random) -> list[str]:
    """Change about ``fraction`` of all words by synonym substitution, chosen with ``rng``.

    Only words with an entry in :data:`SYNONYMS` are changed, so the result stays readable; the
    number of changed words is ``round(fraction * total words)`` when enough candidates exist.
    """
    tokens = [p.split(" ") for p in paragraphs]
    total = sum(len(t) for t in tokens)
    candidates = [
        (i, j)
        for i, para in enumerate(tokens)
        for j, tok in enumerate(para)
        if (m := _WORD.match(tok)) and m.group(2).lower() in SYNONYMS
    ]
    rng.shuffle(candidates)
    for i, j in candidates[: max(1, math.floor(fraction * total + 0.5))]:
        match = _WORD.match(tokens[i][j])
        assert match is not None
        lead, word, tail = match.groups()
        new = SYNONYMS[word.lower()]
        if word[0].isupper():
            new = new[0].upper() + new[1:]
        tokens[i][j] = f"{lead}{new}{tail}"
    return [" ".join(t) for t in tokens]


def changed_word_fraction(original: list[str], edited: list[str]) -> float:
    """Fraction of word positions that differ between two same-length copy-edited bodies."""
    a = " ".join(original).split(" ")
    b = " ".join(edited).split(" ")
    return sum(x != y for x, y in zip(a, b, strict=True)) / len(a)


def retitle(headline: str, rng: random.Random) -> str:
    """A new headline for a republished copy of a story."""
    return rng.choice(_HEADLINE_FORMS).format(h=headline)
