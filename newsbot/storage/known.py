"""Whether a page is stored, asked of the store page by page: nothing is loaded when a crawl opens.

An incremental crawl asks, for every article request, whether the page is stored and, when a
refresh rule applies, when it was last fetched and with which validators. Loading every stored
URL when the crawl opens costs time and memory that grow with the archive (seconds and hundreds
of MB at a million stories). :class:`StoredPages` answers each question with one indexed read
(the articles' primary key, then the copies'), on a connection of its own, and remembers the
answers for the last pages asked (:data:`REMEMBERED`), found or not, so the checks a request meets
twice (the page budget when it is queued, the incremental check when it is sent) read once.
Answers are what the store holds when asked: an article committed earlier in the same crawl is
stored too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

REMEMBERED = 65536
KNOWN_ARTICLE = "SELECT last_seen, etag, last_modified, duplicate_of FROM articles WHERE canonical_url = ?"
KNOWN_COPY = "SELECT seen_at, duplicate_of FROM duplicates WHERE url = ?"

Query = Callable[[str, tuple[str, ...]], list[tuple[str | None, ...]]]


@dataclass(frozen=True)
class KnownPage:
    """What the store knows of a page already fetched: when, its HTTP validators, whose copy it is."""

    last_seen: str
    etag: str | None
    last_modified: str | None
    duplicate_of: str | None = None

    @property
    def is_duplicate(self) -> bool:
        return self.duplicate_of is not None


class StoredPages:
    """``url in pages``, ``pages.get(url)``: a stored article or recorded copy, read from the store on demand."""

    def __init__(self, lookup: Callable[[str], KnownPage | None]) -> None:
        self._lookup = lru_cache(maxsize=REMEMBERED)(lookup)

    @classmethod
    def reading(cls, query: Query) -> StoredPages:
        """Pages looked up with ``query(sql, params)`` (portable SQL, ``?`` placeholders)."""
        return cls(lambda url: _read_page(query, url))

    @classmethod
    def of_pages(cls, pages: Mapping[str, KnownPage]) -> StoredPages:
        """Pages given in memory (tests, tools)."""
        return cls(pages.get)

    def __contains__(self, url: object) -> bool:
        return isinstance(url, str) and self._lookup(url) is not None

    def get(self, url: str, default: KnownPage | None = None) -> KnownPage | None:
        """What the store knows of ``url``: when it was fetched, its validators, whose copy it is."""
        found = self._lookup(url)
        return default if found is None else found


def _read_page(query: Query, url: str) -> KnownPage | None:
    rows = query(KNOWN_ARTICLE, (url,))
    if rows:
        seen, etag, modified, original = rows[0]
        return KnownPage(str(seen), etag, modified, original)
    rows = query(KNOWN_COPY, (url,))
    if rows:
        seen, original = rows[0]
        return KnownPage(str(seen), None, None, original)
    return None
