"""The one JSON-LD reader: a page's ``application/ld+json`` text read leniently.

Publishers' JSON-LD often has small slips a strict parser rejects: raw line breaks or tabs inside
a string, ``//`` or ``/* */`` comments, an HTML comment or CDATA wrapper, a trailing comma, a
stray closing brace, several objects one after another without a list, a ``;`` at the end.
:func:`read_jsonld` reads the strict text first and, only when that fails, repairs those slips
(outside strings; inside strings only the control characters) and reads every top-level value it
can, skipping what is not JSON. It never raises. Used by metadata extraction and by article
recognition alike. No settings.
"""

from __future__ import annotations

import json
import re
from typing import Any

_DECODER = json.JSONDecoder()
_OPENERS = ("<!--", "<![CDATA[")  # an HTML comment or CDATA wrapper around the JSON
_CLOSERS = ("-->", "]]>")
#: a broken text gives up after this many values that could not be read (each costs a decode attempt)
_MAX_FAILURES = 50
#: a string (kept, its control characters escaped), a comment or a trailing comma (both dropped)
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|//[^\n]*|/\*.*?(?:\*/|$)|,(?=\s*[}\]])', re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x1f]")
_CONTROL_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: a repaired text longer than this is not worth a second pass (a strict read is tried first anyway)
MAX_REPAIR_CHARS = 500_000


def _repaired_token(match: re.Match[str]) -> str:
    token = match.group(0)
    if token.startswith('"'):
        return _CONTROL.sub(lambda c: _CONTROL_ESCAPES.get(c.group(0), f"\\u{ord(c.group(0)):04x}"), token)
    return ""  # a comment, or a comma before a closing bracket


def _repair(text: str) -> str:
    """``text`` without comments or trailing commas, with control characters inside strings escaped."""
    return _TOKEN.sub(_repaired_token, text)


def _values(text: str) -> list[Any]:
    """Every top-level JSON value in ``text``, skipping characters that start none (a stray brace, a ``;``)."""
    found: list[Any] = []
    position, size, failures = 0, len(text), 0
    while position < size and failures < _MAX_FAILURES:
        start = min((p for p in (text.find("{", position), text.find("[", position)) if p >= 0), default=-1)
        if start < 0:
            break
        try:
            value, position = _DECODER.raw_decode(text, start)
        except (ValueError, RecursionError):
            position, failures = start + 1, failures + 1
            continue
        found.append(value)
    return found


def _unwrapped(text: str) -> str:
    """``text`` (stripped) without an opening ``<!--``/``<![CDATA[`` and a closing ``-->``/``]]>``.

    Plain string tests: a regular expression anchored at the end is tried at every character
    of the text, which cost more than parsing the JSON."""
    start = next((len(opener) for opener in _OPENERS if text.startswith(opener)), 0)
    end = len(text) - 3 if text.endswith(_CLOSERS) and len(text) - 3 >= start else len(text)
    return text[start:end]


def read_jsonld(text: str | None) -> list[Any]:
    """The JSON values of one JSON-LD script text (usually one object or list), ``[]`` when none can be read."""
    if not text or not text.strip():
        return []
    stripped = _unwrapped(text.strip()).strip().rstrip(";").strip()
    try:
        return [json.loads(stripped)]
    except (ValueError, RecursionError):
        pass
    if len(stripped) > MAX_REPAIR_CHARS:
        return []
    return _values(_repair(stripped))
