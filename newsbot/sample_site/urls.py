"""URL shapes of the replica: article ids, the mirror path, old-style redirects, slugs."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

#: A current id (12 lowercase hex digits) or a legacy id (8 digits).
ARTICLE_ID = r"(?:[0-9a-f]{12}|[0-9]{8})"
_ARTICLE_PATH = re.compile(rf"^(?:/world)?/article/({ARTICLE_ID})/?$")
_OLD_STYLE_PATH = re.compile(r"^/([a-z-]+)/[a-z0-9-]+-([0-9]{8})/?$")
_TURKISH_FOLD = str.maketrans({"ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ğ": "g", "Ğ": "G"})


def article_id_from_path(path: str) -> str | None:
    """Return the id served at ``path`` (``/article/<id>``, ``/article/<id>/``, ``/world/article/<id>``).

    ``path`` may also be a full href with query string or fragment; both are ignored, as the
    server ignores them.
    """
    match = _ARTICLE_PATH.match(urlsplit(path).path)
    return match.group(1) if match else None


def old_style_target(path: str) -> str | None:
    """Return the legacy id an old-style ``/<section>/<slug>-<8 digits>`` URL redirects to."""
    match = _OLD_STYLE_PATH.match(urlsplit(path).path)
    return match.group(2) if match else None


def slugify(text: str, max_words: int = 10) -> str:
    """Lower-case ASCII slug of ``text`` (Turkish letters folded), at most ``max_words`` words."""
    folded = unicodedata.normalize("NFKD", text.translate(_TURKISH_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(words[:max_words])


def old_style_path(section: str, headline: str, legacy_id: str) -> str:
    """Build the old-style URL ``/<section>/<slug>-<legacy id>`` of a legacy article."""
    return f"/{section}/{slugify(headline)}-{legacy_id}"
