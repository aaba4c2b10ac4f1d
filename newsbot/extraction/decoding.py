"""Which encoding a page's bytes are read in, when the one it declares does not fit them.

Scrapy decodes a ``TextResponse`` in the encoding it declares (BOM, then the HTTP
``Content-Type`` charset, then the page's ``<meta>``), and bytes that encoding cannot read become
U+FFFD, silently: a page sent in windows-1254 under ``charset=utf-8`` is stored full of them.
:func:`page_decoding` checks the declared reading and, when it is wrong, finds the one that fits:

1. the declared encoding, when it reads every byte (a U+FFFD the page itself holds is kept);
   a page declaring a non-Unicode charset whose non-ASCII bytes are all valid UTF-8 (a stale
   ``<meta>``) is UTF-8 (source ``utf-8``): such bytes are almost never text in those charsets;
2. a page declared UTF-8 that is mostly valid UTF-8 (at least as many well-formed multi-byte
   characters as broken sequences), or one with a byte order mark, stays as it is (step 4), as a
   browser shows it: reading it in a single-byte charset would garble every character that is right;
3. otherwise the first candidate that reads every byte: the charset the page's own ``<meta>``
   (or XML declaration) names (source ``meta``), UTF-8 (``utf-8``), the legacy charset of the
   page's language from ``<html lang>`` or ``Content-Language`` (``language``: ``tr`` is
   windows-1254, as a browser's locale fallback), then charset-normalizer's best guess
   (``detector``);
4. when none does, the declared reading is kept with its U+FFFD (``replaced`` counts them): the
   page is ``damaged`` when at most one character in a hundred is lost (a browser shows it the
   same), else ``undecodable``: not text in any encoding tried (a binary body under ``text/html``).

A page read in another encoding than it declares, damaged or undecodable records it in the item's
metadata (``encoding``, ``declaredEncoding``, ``encodingSource``; ``encodingErrors``) and the
spiders count it (``newsbot/decoding/fallback``, ``newsbot/decoding/damaged``) or drop it
(``newsbot/dropped/undecodable``). What no check can see: a wrong declared charset that reads
every byte (``iso-8859-1`` over windows-1254 text) is trusted, as a browser trusts it.
Pure functions: no settings, no I/O.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any

from charset_normalizer import from_bytes
from w3lib.encoding import html_body_declared_encoding, read_bom, resolve_encoding

REPLACEMENT = "\ufffd"
#: The share of a page's characters that may be lost to bytes no encoding reads, for it to be kept.
MAX_DAMAGE = 0.01
#: How much of a page the detector reads.
DETECTOR_BYTES = 64 * 1024
#: Sources of a reading in another encoding than the declared one.
FALLBACKS = frozenset({"meta", "utf-8", "language", "detector"})
#: Legacy (pre-Unicode) charset of a language, as browsers fall back to per locale. Languages not
#: listed (English, French, German...) are windows-1252's, which the detector covers.
LANGUAGE_CHARSETS = {
    **dict.fromkeys(("tr", "az", "ku"), "cp1254"),
    **dict.fromkeys(("pl", "cs", "sk", "hu", "sl", "hr", "bs", "ro"), "cp1250"),
    **dict.fromkeys(("ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"), "cp1251"),
    "el": "cp1253",
    **dict.fromkeys(("he", "yi"), "cp1255"),
    **dict.fromkeys(("ar", "fa", "ur", "ps"), "cp1256"),
    **dict.fromkeys(("lt", "lv", "et"), "cp1257"),
    "vi": "cp1258",
    "th": "cp874",
    "ja": "shift_jis",
    "ko": "euc_kr",
    "zh": "gb18030",
}
_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([a-zA-Z]{2,3})\b", re.IGNORECASE)
#: Unicode encodings (codec names): text in them is never re-read as UTF-8 (step 1).
_UNICODE = frozenset({"utf-8", "utf-16", "utf-16-be", "utf-16-le", "utf-32", "utf-32-be", "utf-32-le"})


@dataclass(frozen=True)
class Decoding:
    """How a page's bytes are read: ``encoding`` (a Python codec name), the ``declared`` one,
    which rule picked it (``source``: ``declared``, one of :data:`FALLBACKS`; ``damaged`` or
    ``undecodable`` when nothing read every byte) and the U+FFFD left by bytes the chosen
    encoding could not read (``replaced``)."""

    encoding: str
    declared: str
    source: str = "declared"
    replaced: int = 0

    @property
    def is_fallback(self) -> bool:
        """True when the page is read in another encoding than the one it declares."""
        return self.source in FALLBACKS

    def metadata(self) -> dict[str, Any]:
        """What the item's ``metadata`` records: nothing for a page read as it declares."""
        if self.is_fallback:
            return {"encoding": self.encoding, "declaredEncoding": self.declared, "encodingSource": self.source}
        if self.replaced:
            return {"encoding": self.encoding, "encodingSource": self.source, "encodingErrors": self.replaced}
        return {}


def codec_name(encoding: str | None) -> str | None:
    """The Python codec name of ``encoding`` (WHATWG aliases applied), ``None`` if unknown."""
    if not encoding:
        return None
    try:
        return codecs.lookup(resolve_encoding(encoding) or encoding).name
    except LookupError:
        return None


def reads_cleanly(body: bytes, encoding: str) -> bool:
    """True when every byte of ``body`` (a BOM aside) decodes in ``encoding``."""
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def mostly_utf8(body: bytes, text: str | None = None) -> bool:
    """True when ``body`` has at least as many well-formed multi-byte UTF-8 characters as broken
    sequences (and at least one): UTF-8 text with a few damaged bytes, not another charset.
    ``text``: ``body`` already decoded as UTF-8 with replacement characters."""
    text = body.decode("utf-8", "replace") if text is None else text
    broken = text.count(REPLACEMENT) - body.count(REPLACEMENT.encode())
    well_formed = len(text) - len(text.encode("ascii", "ignore")) - text.count(REPLACEMENT)
    return well_formed > 0 and well_formed >= broken


def language_charset(body: bytes, headers: Any) -> str | None:
    """The legacy charset of the page's language (``Content-Language``, else ``<html lang>``)."""
    language = None
    header = headers.get(b"Content-Language") if headers is not None else None
    if header:
        language = header.decode("latin-1").split(",")[0].strip()[:3]
    else:
        match = _HTML_LANG.search(body, 0, 65536)
        language = match.group(1).decode("ascii") if match else None
    if not language:
        return None
    return LANGUAGE_CHARSETS.get(language.split("-")[0].lower())


def detected_charset(body: bytes) -> str | None:
    """charset-normalizer's best guess for ``body``, ``None`` when it has none.

    It reads at most :data:`DETECTOR_BYTES`, cut after a line end or ``>`` (never a byte inside a
    multi-byte character of any ASCII-compatible charset): the guess is checked against the whole
    body anyway, and the detector's time grows with what it reads.
    """
    if len(body) > DETECTOR_BYTES:
        cut = max(body.rfind(b"\n", 0, DETECTOR_BYTES), body.rfind(b">", 0, DETECTOR_BYTES))
        body = body[: cut + 1] if cut > 0 else body[:DETECTOR_BYTES]
    match = from_bytes(body).best()
    return match.encoding if match is not None else None


def page_decoding(response: Any) -> Decoding | None:
    """How ``response``'s body is best read (see the module docstring); ``None`` for an object
    without bytes and a declared encoding (not a Scrapy ``TextResponse``)."""
    body, declared = getattr(response, "body", None), codec_name(getattr(response, "encoding", None))
    if not isinstance(body, bytes) or declared is None:
        return None
    bom, mark = read_bom(body)
    content = body[len(mark) :] if bom and mark else body
    if declared == "utf-8" and not bom and reads_cleanly(content, declared):
        return Decoding(declared, declared)  # what the test below finds, without Scrapy decoding the page too
    if REPLACEMENT not in response.text or reads_cleanly(content, declared):  # text: Scrapy's cached reading
        if not bom and declared not in _UNICODE and not content.isascii() and reads_cleanly(content, "utf-8"):
            return Decoding("utf-8", declared, "utf-8")
        return Decoding(declared, declared)
    # a byte order mark is the page's own word; UTF-8 damaged here and there is still UTF-8
    if bom or (declared == "utf-8" and mostly_utf8(content, response.text)):
        return damaged(content, declared)
    tried = {declared}
    candidates = (
        ("meta", lambda: html_body_declared_encoding(content)),
        ("utf-8", lambda: "utf-8"),
        ("language", lambda: language_charset(content, getattr(response, "headers", None))),
        ("detector", lambda: detected_charset(content)),
    )
    for source, candidate in candidates:
        encoding = codec_name(candidate())
        if encoding is None or encoding in tried:
            continue
        tried.add(encoding)
        if reads_cleanly(content, encoding):
            return Decoding(encoding, declared, source)
    return damaged(content, declared)


def damaged(content: bytes, encoding: str) -> Decoding:
    """The reading of ``content`` in ``encoding`` that some bytes do not fit: ``damaged`` when at
    most :data:`MAX_DAMAGE` of its characters are lost, else ``undecodable``."""
    text = content.decode(encoding, "replace")
    lost = text.count(REPLACEMENT) - (content.count(REPLACEMENT.encode()) if encoding == "utf-8" else 0)
    source = "damaged" if lost <= MAX_DAMAGE * len(text) else "undecodable"
    return Decoding(encoding, encoding, source, lost)


def decoded_response(response: Any) -> Any:
    """``response`` itself when it is read as it declares, else a copy read in the encoding that
    fits (``response.replace(encoding=...)``). In ``scrapy shell``::

        from newsbot.extraction.decoding import decoded_response, page_decoding
        page_decoding(response)      # Decoding(encoding='cp1254', declared='utf-8', source='meta', ...)
        decoded_response(response).text
    """
    decoding = page_decoding(response)
    if decoding is None or not decoding.is_fallback:
        return response
    return response.replace(encoding=decoding.encoding)
