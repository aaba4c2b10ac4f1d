"""The article item and its parts.

Field names follow schema.org ``NewsArticle`` as used by zyte-common-items' ``Article``, so
exports plug into tools that already speak that schema. Missing data is ``None`` or ``[]``,
never an invented value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LINK_KINDS = ("related", "recommended", "explore")


@dataclass
class Author:
    """A person credited with the article; ``url`` is their profile page when the site links one."""

    name: str
    url: str | None = None


@dataclass
class Image:
    """The article's hero image with the caption and credit shown under it."""

    url: str
    caption: str | None = None
    credit: str | None = None


@dataclass
class Link:
    """An outgoing article link found in a typed block of the page.

    ``kind`` is one of :data:`LINK_KINDS`: ``related`` (boxes inside the body),
    ``recommended`` (teasers after the RECOMMENDED marker) or ``explore`` (the list at the end).
    """

    url: str
    headline: str | None
    kind: str


@dataclass
class ArticleItem:
    """One news article as extracted, cleaned and (maybe) stored."""

    url: str
    canonicalUrl: str | None = None
    headline: str | None = None
    description: str | None = None
    articleBody: str | None = None
    authors: list[Author] = field(default_factory=list)
    datePublished: str | None = None
    datePublishedRaw: str | None = None
    dateModified: str | None = None
    inLanguage: str | None = None
    mainImage: Image | None = None
    articleSection: str | None = None
    keywords: list[str] = field(default_factory=list)
    readingTimeMinutes: int | None = None
    sourceCredit: str | None = None
    #: schema.org ``isAccessibleForFree``: False for a paywalled story (its body is then only what is free)
    isAccessibleForFree: bool | None = None
    relatedLinks: list[Link] = field(default_factory=list)
    duplicateOf: str | None = None
    similarity: float | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def _plain(value: Any) -> Any:
    if isinstance(value, (Author, Image, Link)):
        return dict(vars(value))
    if isinstance(value, list):
        return [_plain(entry) for entry in value]
    if isinstance(value, dict):
        return dict(value)
    return value


def item_to_dict(item: ArticleItem) -> dict[str, Any]:
    """The item as plain JSON-ready data (like ``dataclasses.asdict``, without its deep copies)."""
    return {name: _plain(value) for name, value in vars(item).items()}
