"""What a site builder fills in: the parts of a :class:`~newsbot.sample_site.site.SampleSite` that
:mod:`~newsbot.sample_site.demo` and :mod:`~newsbot.sample_site.graph` write to and read back.

The builders are typed against this protocol, not the site class, so that ``site.py`` imports the
builders and no builder imports ``site.py`` (imports run one way).
"""

from __future__ import annotations

from typing import Protocol

from .model import Article, Person


class SiteContents(Protocol):
    """A site under construction: its article table and the lookup tables a builder fills in."""

    seed: int
    articles: dict[str, Article]
    cases: dict[str, str]
    urls: dict[str, str]
    link_sources: dict[str, str]
    wire_copies: dict[str, str]
    authors: dict[str, Person]
    videos: dict[str, str]

    def add(self, article: Article) -> None:
        """Store ``article``."""
        ...

    def resolve(self, href: str) -> Article | None:
        """The article an internal href leads to, if any."""
        ...

    def start_ids(self) -> set[str]:
        """Ids linked from the start pages."""
        ...
