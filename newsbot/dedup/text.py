"""Text normalisation and shingling for near-duplicate detection (no Scrapy imports).

``normalise`` maps two copies of a story that differ only in presentation (case, Unicode forms,
punctuation, spacing, Turkish dotted/dotless i) to the same string; ``shingles`` cuts the result
into word n-grams (3-grams by default: 5-grams miss copy-edited wire stories); ``exact_hash`` is
the digest of the normalised text used by the exact layer.
"""

from __future__ import annotations

import re
import unicodedata

import xxhash

__all__ = ["exact_hash", "normalise", "shingles", "word_count"]

# Turkish i: the dotted capital İ (U+0130) and dotless small ı (U+0131) fold to plain "i", and so
# does the ASCII capital I (whose Turkish lowercase would be ı). Done before casefold, which would
# otherwise turn İ into "i" + U+0307 COMBINING DOT ABOVE (three str.replace calls in normalise:
# a translate table would leave the fast path on non-ASCII text).
# Apostrophes join (Türkiye'nin -> türkiyenin, don't -> dont); so does a stray U+0307 (the dot of
# a decomposed i).
_DELETE = frozenset("'\u2019\u02bc\u02bb\u2018`\u00b4\u0307")


class _WordTable(dict):
    """``str.translate`` table built lazily: letters, digits and combining marks (any script) stay,
    apostrophes go, every other character (punctuation, symbols, "_", spaces) becomes a space.
    A translate table instead of a regex: one pass over the text."""

    def __missing__(self, code: int):
        ch = chr(code)
        if ch in _DELETE:
            value = None
        elif ch.isalnum() or unicodedata.category(ch)[0] == "M":
            value = ch
        else:
            value = " "
        self[code] = value
        return value


_WORDS = _WordTable()
_NON_ASCII = re.compile("[^\x00-\x7f]")
# ``_WORDS`` for the ASCII bytes (bytes >= 0x80 are parts of characters that stay: identity).
_ASCII_DELETE = bytes(code for code in range(128) if _WORDS[code] is None)
_ASCII_WORDS = bytes(
    code if code >= 128 or _WORDS[code] == chr(code) else ord(" ") if _WORDS[code] == " " else code
    for code in range(256)
)


def normalise(text: str) -> str:
    """Return ``text`` in the canonical form compared by the dedup index.

    NFKC (fullwidth digits, ligatures, compatibility forms), Turkish dotted/dotless i folded to
    "i", casefold, apostrophes removed, other punctuation and symbols turned into spaces, digits
    kept, whitespace collapsed to single spaces and stripped.

    ``str.translate`` is fast only on ASCII text, and a single curly quote makes a whole article
    take its slow path. So each distinct non-ASCII character is mapped with one
    ``str.replace`` (a story has a handful: quotes, dashes, a few letters that stay), and the ASCII
    characters with ``bytes.translate`` on the UTF-8 bytes, where the bytes of the letters that
    stay (all >= 0x80) map to themselves. The result is the same as one ``translate`` over the
    table of :class:`_WordTable`.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u0130", "i").replace("\u0131", "i").replace("I", "i").casefold()
    if not text.isascii():
        for ch in set(_NON_ASCII.findall(text)):
            value = _WORDS[ord(ch)]
            if value != ch:
                text = text.replace(ch, value or "")
    data = text.encode("utf-8").translate(_ASCII_WORDS, _ASCII_DELETE)
    return b" ".join(data.split()).decode("utf-8")


def word_count(normalised: str) -> int:
    """Number of words in an already normalised text."""
    return normalised.count(" ") + 1 if normalised else 0


def shingles(text: str, n: int = 3, *, normalised: bool = False) -> list[bytes]:
    """Word ``n``-grams of ``text`` as UTF-8 bytes (words joined by one space), in text order.

    Repeated n-grams are kept (callers wanting a set take ``set()``). A text with fewer than
    ``n`` words yields no shingles. Pass ``normalised=True`` if ``text`` is already normalised.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    words = (text if normalised else normalise(text)).encode("utf-8").split()
    if len(words) < n:
        return []
    if n == 1:
        return words
    return [b" ".join(gram) for gram in zip(*(words[i:] for i in range(n)), strict=False)]


def exact_hash(text: str, *, normalised: bool = False) -> str:
    """Hex digest (xxh3-128, 32 hex digits) of the normalised ``text``: the exact-duplicate key."""
    norm = text if normalised else normalise(text)
    return xxhash.xxh3_128_hexdigest(norm.encode("utf-8"))
