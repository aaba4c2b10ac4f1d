"""The page's own publication stamp read from its inline script state, when nothing else says the day.

Next.js/Nuxt/Apollo state, ``window.__INITIAL_STATE__``, ``utag_data``, ``dataLayer.push({...})``
and the like often hold ``"datePublished": "2024-05-02T10:00:00Z"`` or ``publishedAt: 1714644000000``
for the story a page shows. :func:`script_published` reads those stamps from inline scripts (no
``src``, no JSON-LD: that is read elsewhere) and keeps one only when it is the page's own:

- keys of the publication only (:data:`PUBLISHED_KEYS`); never of an update, a modification, a
  comment (``createdAt``), an expiry or an embargo;
- not in the object of an image, a video or a sound (``ImageObject``, a ``"video": {...}``);
- values that are ISO days or stamps, or epoch seconds or milliseconds; nothing later than a day
  after now, nothing before 1995;
- when the stamps disagree on the day (state lists related stories with theirs): the one whose own
  object names the page's URL path, id or headline, else the one nearest to such a name in the same
  script (within :data:`_NEAR` characters), else
  the single day of a data layer that names only one (a script starting with ``dataLayer``,
  ``utag_data``...); else none.

Bounded: a cheap substring look for :data:`_ANCHORS` before any regex, each regex matched on a small
window at a found anchor (never run over a whole long script), at most :data:`_MAX_STAMPS` stamps
and :data:`_MAX_SCRIPT_CHARS` characters per script. No settings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from newsbot.cleaning import split_url

#: key names (lower-cased, without ``_``/``-``) that name the publication of the story itself
PUBLISHED_KEYS = frozenset(
    {"datepublished", "publishedat", "publishdate", "publisheddate", "publishedtime", "publishedon",
     "firstpublished", "firstpublishedat", "firstpublisheddate", "datefirstpublished", "pubdate",
     "publicationdate", "publicationtime", "articlepublishdate", "contentpublishdate", "articlepublisheddate",
     "contentpublisheddate", "pagepublishdate", "publishedtimestamp", "published", "originalpublishdate",
     "originalpublisheddate", "datepublishedutc"}
)  # fmt: skip
#: substrings one of which every key of :data:`PUBLISHED_KEYS` holds as scripts write them (each is one
#: scan of the script: ~0.3 ms for 850,000 characters on a loaded core, so they are few)
_ANCHORS = ("ublish", "ubDate", "ubdate", "ub_date", "ublication")
#: after the key: its closing quote (escaped in a JSON string inside a string), ``:``/``=``, the value
_VALUE = re.compile(
    r"""\\*["']?\s*[:=]\s*\\*["']?"""
    r"(?P<value>\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?)?|\d{4}/\d\d/\d\d"
    r"|1\d{12}|1\d{9})(?![\d/-])"
)
_NEAR = 1500
_MAX_STAMPS = 200
_MAX_SCRIPT_CHARS = 3_000_000
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
#: names of page-level data layers: the page's own analytics record, one story's stamps
_DATA_LAYERS = ("dataLayer", "utag_data", "digitalData", "pageData", "page_data", "gtmData", "analyticsData")
#: a data layer names itself at the start of its script
_LAYER_HEAD = 2000
_NON_SCRIPT_TYPES = ("ld+json", "template", "html", "css")


def inline_state_texts(scripts: Iterable[object]) -> list[str]:
    """The texts of the inline scripts (no ``src``) that may hold page state: not JSON-LD, templates or styles
    (each at most :data:`_MAX_SCRIPT_CHARS` characters)."""
    texts: list[str] = []
    for script in scripts:
        get = getattr(script, "get", None)
        if get is None or get("src"):
            continue
        kind = (get("type") or "").lower()
        if any(word in kind for word in _NON_SCRIPT_TYPES):
            continue
        text = getattr(script, "text", None)
        if text:
            texts.append(text if len(text) <= _MAX_SCRIPT_CHARS else text[:_MAX_SCRIPT_CHARS])
    return texts


def _stamp(value: str) -> tuple[str, datetime] | None:
    """The value as ISO text and a ``datetime`` (epoch numbers read in UTC), or ``None``."""
    if value.isdigit():
        seconds = int(value) / 1000 if len(value) == 13 else int(value)
        found = datetime.fromtimestamp(seconds, UTC)
        return found.isoformat(), found
    text = value.replace("/", "-")
    try:
        found = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return text, found


def _key_before(text: str, end: int) -> tuple[str, int]:
    """The identifier that ends at ``end`` (letters, digits, ``_``, ``-``) and where it starts."""
    start = end
    while start > 0 and end - start < 60 and text[start - 1] in _KEY_CHARS:
        start -= 1
    return text[start:end], start


def _stamps(text: str, now: datetime) -> list[tuple[int, str, datetime]]:
    """Every publication stamp in one script: (position, ISO text, datetime), in order."""
    found: list[tuple[int, str, datetime]] = []
    seen: set[int] = set()
    for anchor in _ANCHORS:
        position = text.find(anchor)
        while position != -1 and len(found) < _MAX_STAMPS:
            end = position + len(anchor)
            while end < len(text) and end - position < 60 and text[end] in _KEY_CHARS:
                end += 1
            key, start = _key_before(text, end)
            if start not in seen:
                seen.add(start)
                normal = key.lower().replace("_", "").replace("-", "")
                match = _VALUE.match(text, end, min(len(text), end + 80)) if normal in PUBLISHED_KEYS else None
                stamp = _stamp(match.group("value")) if match else None
                if stamp is not None and _plausible(stamp[1], now) and not _media_stamp(text, start):
                    found.append((start, stamp[0], stamp[1]))
            position = text.find(anchor, end)
    return sorted(found, key=lambda entry: entry[0])


#: an object of a picture, video or sound (JSON-LD embedded in state gives them their own ``datePublished``)
_MEDIA_TYPES = ("ImageObject", "VideoObject", "AudioObject", "MediaObject", "Clip")
_MEDIA_KEY = re.compile(r"""(?:image|video|photo|picture|thumbnail|media|audio|clip)s?\\*["']?\s*:\s*\[?\s*$""", re.I)


_BRACE = re.compile(r"[{}]")
_REACH = 400


def _own_object(text: str, position: int) -> tuple[int, str] | None:
    """Where the object around ``position`` opens and its own text (objects nested in it cut out),
    looked for within :data:`_REACH` characters each side; ``None`` when not found there."""
    low = max(0, position - _REACH)
    depth, opening = 0, -1
    for brace in reversed([m.start() for m in _BRACE.finditer(text, low, position)]):
        if text[brace] == "}":
            depth += 1
        elif depth:
            depth -= 1
        else:
            opening = brace
            break
    if opening == -1:
        return None
    parts, depth, last = [], 0, opening + 1
    for match in _BRACE.finditer(text, opening + 1, min(len(text), position + _REACH)):
        if match.group() == "{":
            if depth == 0:
                parts.append(text[last : match.start()])
            depth += 1
        elif depth:
            depth -= 1
            last = match.end() if depth == 0 else last
        else:
            parts.append(text[last : match.start()])
            return opening, "".join(parts)
    return opening, "".join(parts) + (text[last : position + _REACH] if depth == 0 else "")


def _media_stamp(text: str, position: int) -> bool:
    """True when the stamp at ``position`` belongs to an image, a video or a sound: its own object
    names a media type, or the object's key is ``image``, ``video``..."""
    found = _own_object(text, position)
    if found is None:
        return False
    opening, own = found
    return (
        any(kind in own for kind in _MEDIA_TYPES) or _MEDIA_KEY.search(text, max(0, opening - 40), opening) is not None
    )


def _plausible(found: datetime, now: datetime) -> bool:
    aware = found if found.tzinfo is not None else found.replace(tzinfo=UTC)
    return aware.year >= 1995 and aware <= now + timedelta(days=1)


def _page_markers(url: str, headline: str | None) -> list[str]:
    """What names the page in its own state: the URL's path (slashes escaped too), its last segment
    when long enough, its long numeric ids, and the headline's first words."""
    parts = split_url(url)  # None for a URL urlsplit rejects: the page is then named by its headline only
    path = parts.path.rstrip("/") if parts is not None else ""
    markers: list[str] = []
    if len(path) > 1:
        markers += [path, path.replace("/", "\\/")]
        last = path.rsplit("/", 1)[-1]
        if len(last) >= 12:
            markers.append(last)
    markers += re.findall(r"\d{6,}", path)
    if headline:
        words = " ".join(headline.split())[:40]
        if len(words) >= 15:
            markers.append(words)
    return markers


def _distance_to_marker(text: str, position: int, markers: list[str]) -> int | None:
    """The distance from ``position`` to the nearest page marker in ``text`` within :data:`_NEAR` characters."""
    low, high = max(0, position - _NEAR), position + _NEAR
    window = text[low:high]
    best: int | None = None
    for marker in markers:
        index = window.find(marker)
        while index != -1:
            distance = abs(low + index - position)
            best = distance if best is None else min(best, distance)
            index = window.find(marker, index + 1)
    return best


def _tie(text: str, position: int, markers: list[str]) -> int | None:
    """How closely the stamp at ``position`` is tied to the page: -1 when a page marker is in the stamp's
    own object (beside it, not in a nested one), else the distance to the nearest marker (``None``: none near)."""
    own = _own_object(text, position)
    if own is not None and any(marker in own[1] for marker in markers):
        return -1
    return _distance_to_marker(text, position, markers)


def _day(found: datetime) -> str:
    return found.date().isoformat()


def script_published(
    texts: list[str], url: str, headline: str | None = None, now: datetime | None = None
) -> str | None:
    """The page's own publication stamp in its inline script state (``texts``: :func:`inline_state_texts`),
    or ``None`` when there is none or the stamps disagree and none is tied to the page (see the module)."""
    now = now or datetime.now(UTC)
    markers = _page_markers(url, headline)
    every: list[tuple[int | None, str, datetime]] = []
    layer_days: list[tuple[str, datetime]] = []
    for text in texts:
        stamps = _stamps(text, now)
        if not stamps:
            continue
        for position, value, found in stamps:
            every.append((_tie(text, position, markers) if markers else None, value, found))
        days = {_day(found) for _, _, found in stamps}
        if len(days) == 1 and any(name in text[:_LAYER_HEAD] for name in _DATA_LAYERS):
            layer_days.append(stamps[0][1:])
    if not every:
        return None
    if len({_day(found) for _, _, found in every}) == 1:
        return every[0][1]
    tied = [entry for entry in every if entry[0] is not None]
    if tied:
        nearest = min(entry[0] for entry in tied if entry[0] is not None)
        days = {_day(found) for distance, _, found in tied if distance == nearest}
        if len(days) == 1:
            return next(value for distance, value, _ in tied if distance == nearest)
        return None
    if len({_day(found) for _, found in layer_days}) == 1:
        return layer_days[0][0]
    return None
