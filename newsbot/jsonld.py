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
_WRAPPER = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")
#: a broken text gives up after this many values that could not be read (each costs a decode attempt)
_MAX_FAILURES = 200
_CONTROL_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: a repaired text longer than this is not worth a second pass (a strict read is tried first anyway)
MAX_REPAIR_CHARS = 2_000_000


def _drop_trailing_comma(out: list[str]) -> None:
    """Remove a ``,`` (and the blanks after it) at the end of ``out``, before a closing ``}`` or ``]``."""
    index = len(out) - 1
    while index >= 0 and out[index].isspace():
        index -= 1
    if index >= 0 and out[index] == ",":
        del out[index:]


def _repair(text: str) -> str:
    """``text`` without comments, with control characters inside strings escaped and trailing commas dropped."""
    out: list[str] = []
    i, size = 0, len(text)
    in_string = False
    while i < size:
        char = text[i]
        if in_string:
            if char == "\\" and i + 1 < size:
                out.append(text[i : i + 2])
                i += 2
                continue
            if char == '"':
                in_string = False
            elif char < " ":
                char = _CONTROL_ESCAPES.get(char, f"\\u{ord(char):04x}")
            out.append(char)
            i += 1
            continue
        if char == '"':
            in_string = True
        elif char in "}]":
            _drop_trailing_comma(out)
        elif char == "/" and text.startswith("//", i):
            end = text.find("\n", i)
            i = size if end < 0 else end
            continue
        elif char == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = size if end < 0 else end + 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


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


def read_jsonld(text: str | None) -> list[Any]:
    """The JSON values of one JSON-LD script text (usually one object or list), ``[]`` when none can be read."""
    if not text or not text.strip():
        return []
    stripped = _WRAPPER.sub("", text.strip()).strip().rstrip(";").strip()
    try:
        return [json.loads(stripped)]
    except (ValueError, RecursionError):
        pass
    if len(stripped) > MAX_REPAIR_CHARS:
        return []
    return _values(_repair(stripped))
