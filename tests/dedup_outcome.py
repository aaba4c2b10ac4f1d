"""What a crawl decided about stories, read from its database and judged by the replica's ground truth.

A *story* is an article of the replica together with its wire copies and republished copies
(``SampleSite.wire_copies`` maps a copy's id to its original's): the ground truth comes from the
replica, never from newsbot's own code.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsbot.sample_site import SampleSite
from newsbot.storage.readonly import read_rows


def story_of(site: SampleSite, base_url: str) -> dict[str, str]:
    """Canonical URL of every article of the replica -> id of the story it tells."""
    stories = {}
    for article_id in list(site.articles):
        story = article_id
        while story in site.wire_copies:  # a copy of a copy tells the first one's story
            story = site.wire_copies[story]
        stories[site.expected(article_id, base_url)["canonicalUrl"]] = story
    return stories


@dataclass(frozen=True)
class Outcome:
    """The articles and recorded copies of one database, by URL."""

    stored: frozenset[str]
    copies: dict[str, str]  # copy URL -> the URL it was recorded as a copy of
    unsigned: frozenset[str]  # stored articles without a dedup signature row
    orphan_signatures: frozenset[str]  # signature rows without a stored article

    @classmethod
    def read(cls, db: Path | str) -> Outcome:
        """The outcome in ``db``: a SQLite file, or any store URL (``postgresql://...``)."""
        stored = frozenset(url for (url,) in read_rows(str(db), "SELECT canonical_url FROM articles"))
        signed = {key for (key,) in read_rows(str(db), "SELECT key FROM dedup_signatures")}
        return cls(
            stored=stored,
            copies=dict(read_rows(str(db), "SELECT url, duplicate_of FROM duplicates")),
            unsigned=frozenset(stored - signed),
            orphan_signatures=frozenset(signed - stored),
        )

    @property
    def seen(self) -> frozenset[str]:
        return self.stored | self.copies.keys()

    def by_story(self, story: dict[str, str]) -> dict[str, tuple[int, int]]:
        """Story id -> (articles stored, copies recorded) among its URLs."""
        stored = Counter(story[url] for url in self.stored)
        copies = Counter(story[url] for url in self.copies)
        return {s: (stored[s], copies[s]) for s in stored.keys() | copies.keys()}

    def problems(self, story: dict[str, str]) -> list[str]:
        """Everything that contradicts the ground truth: a story stored twice, a copy of the wrong
        story or of an article not stored, a URL both stored and recorded as a copy, a signature
        missing or without its article."""
        found = [f"story {s} stored {n} times" for s, (n, _c) in self.by_story(story).items() if n > 1]
        for url, original in self.copies.items():
            if original not in self.stored or story.get(original) != story[url]:
                found.append(f"{url} recorded as a copy of {original}")
        found += [f"{url} stored and recorded as a copy" for url in self.stored & self.copies.keys()]
        found += [f"{url} stored without a signature" for url in self.unsigned]
        found += [f"signature of {key} without its article" for key in self.orphan_signatures]
        return sorted(found)
