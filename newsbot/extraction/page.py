"""The generic article page: structured data first, then head metadata, then the visible page.

:class:`ArticlePage` has one small method per field. Each takes the most reliable layer that has
the field: JSON-LD > Next.js flight data > ``<head>`` metadata > visible page. Site profiles
(:mod:`newsbot.extraction.trtworld`) subclass it to add text-anchored rules for their blocks.
"""

from __future__ import annotations

from typing import Any

from parsel import Selector

from newsbot.cleaning import join_url, split_url, storable
from newsbot.extraction.body import InsideAny, body_paragraphs, element_text
from newsbot.extraction.headline import HeadlineChooser, host_names
from newsbot.extraction.item import page_item
from newsbot.extraction.layers import prefer_structured, structured_text
from newsbot.extraction.lazy import lazy
from newsbot.extraction.metadata import (
    flight_content_record,
    flight_payload,
    head_metadata,
    jsonld_article,
    page_scripts,
)
from newsbot.extraction.names import byline_authors, unique_authors
from newsbot.items import ArticleItem, Author, Image, Link


def _first(*values: Any) -> Any:
    for value in values:
        if value not in (None, "", [], {}):
            return value
    return None


_MAX_NESTING = 20


def _as_text(value: Any) -> str | None:
    """The text of a structured value: a string, a ``{"name": ...}`` object or the first of a list."""
    for _ in range(_MAX_NESTING):
        if isinstance(value, str):
            return value.strip() or None
        if isinstance(value, dict):
            value = value.get("name") or value.get("@value") or value.get("url")
        elif isinstance(value, list) and value:
            value = value[0]
        else:
            return None
    return None


SUFFIX_SEPARATORS = ("|", "-", "–", "—", "::")


class ArticlePage:
    """One fetched page, read as a news article.

    ``url`` is the address the page was fetched from, ``html`` its decoded text. Properties are
    computed lazily and cached, so reading one field does not pay for the others.
    """

    extractor_name = "generic"
    standfirst_apart = False  # the description is a standfirst shown apart, never a body paragraph

    def __init__(self, url: str, html: str | Selector) -> None:
        self.url = url
        self.selector = html if isinstance(html, Selector) else Selector(text=storable(html), type="html")

    # -- layers ---------------------------------------------------------------------------
    @lazy
    def scripts(self) -> tuple[list[str], list[str]]:
        """The JSON-LD and Next.js flight script texts (read in one pass)."""
        return page_scripts(self.selector)

    @lazy
    def jsonld(self) -> dict[str, Any]:
        return jsonld_article(self.selector, self.scripts[0])

    @lazy
    def meta(self) -> dict[str, str]:
        return head_metadata(self.selector)

    @lazy
    def flight(self) -> dict[str, Any]:
        return flight_content_record(flight_payload(self.selector, self.scripts[1]), self.slug)

    @property
    def slug(self) -> str | None:
        """The id of the article in its URL, used to pick the right flight record."""
        return None

    @lazy
    def root(self) -> Any:
        return self.selector.root

    def absolute(self, url: str | None) -> str | None:
        """``url`` resolved against the page's address; ``None`` when it is not a valid URL."""
        return join_url(self.url, url) if url else None

    # -- fields ---------------------------------------------------------------------------
    def canonical_url(self) -> str | None:
        return self.absolute(
            _first(self.meta.get("canonical"), self.meta.get("og:url"), _as_text(self.jsonld.get("url")))
        )

    def headline(self) -> str | None:
        """The headline (read once per page: several rules compare against it)."""
        return self._headline

    @lazy
    def _headline(self) -> str | None:
        return self.read_headline()

    def read_headline(self) -> str | None:
        """The headline a reader sees (:class:`newsbot.extraction.headline.HeadlineChooser`): the
        visible heading the metadata titles agree with, else a metadata title without the site's name."""
        publisher = self.jsonld.get("publisher")
        chooser = HeadlineChooser(
            stated=(_as_text(self.jsonld.get("headline")), _as_text(self.flight.get("title"))),
            titles=(
                self.meta.get("og:title"),
                self.meta.get("twitter:title"),
                self.meta.get("title"),
            ),
            sites=(
                self.meta.get("og:site_name"),
                self.meta.get("application-name"),
                _as_text(publisher) if isinstance(publisher, (dict, list)) else None,
            ),
            hosts=host_names(self.url),
            sections=(_as_text(self.jsonld.get("articleSection")), self.meta.get("article:section")),
            headings=self.headings,
        )
        return chooser.choose()

    def metadata_headline(self) -> str | None:
        """The headline from the most reliable layer that has one, without a site-name suffix the
        page's ``<h1>`` shows it does not carry."""
        headline = _first(
            _as_text(self.jsonld.get("headline")),
            _as_text(self.flight.get("title")),
            self.meta.get("og:title"),
            self.meta.get("twitter:title"),
            self.visible_headline(),
            self.meta.get("title"),
        )
        return self._without_site_suffix(headline) if headline else None

    def _without_site_suffix(self, headline: str) -> str:
        """``headline`` without a trailing `` | Site name``, `` - Section | Site``... that the page's
        own ``<h1>`` shows it does not carry (titles written for search engines and tabs)."""
        visible = self.visible_headline() or ""
        if visible and headline.startswith(visible) and headline[len(visible) :].lstrip().startswith(SUFFIX_SEPARATORS):
            return visible
        site = self.meta.get("og:site_name")
        for separator in SUFFIX_SEPARATORS:
            if site and headline.endswith(f" {separator} {site}"):
                return headline[: -len(f" {separator} {site}")]
        # the site's own host as the suffix ("... - Golem.de", "... | example.com")
        parts = split_url(self.url)
        host = parts.netloc.lower().removeprefix("www.") if parts else ""
        head, separator, tail = headline.rpartition(" ")
        if host and tail.casefold() == host and head.rstrip().endswith(SUFFIX_SEPARATORS):
            return head.rstrip().rstrip("".join(SUFFIX_SEPARATORS)).rstrip() or headline
        return headline

    def visible_headline(self) -> str | None:
        return self._visible_headline

    @lazy
    def _visible_headline(self) -> str | None:
        return element_text(self.title_element) or None if self.title_element is not None else None

    @lazy
    def headings(self) -> list[Any]:
        """The page's ``h1``, ``h2`` and ``h3`` elements in document order (one walk serves the
        headline and the title element)."""
        return list(self.root.iter("h1", "h2", "h3"))

    @lazy
    def title_element(self) -> Any:
        """The first ``<h1>`` outside page furniture (header, nav, aside, footer), or ``None``."""
        page_furniture = InsideAny(("header", "nav", "aside", "footer"))
        return next((e for e in self.headings if e.tag == "h1" and not page_furniture(e)), None)

    def description(self) -> str | None:
        return _first(
            _as_text(self.jsonld.get("description")),
            _as_text(self.flight.get("description")),
            self.meta.get("og:description"),
            self.meta.get("description"),
            self.visible_description(),
        )

    def visible_description(self) -> str | None:
        return None

    def body_paragraphs(self) -> list[str]:
        lede = None if self.standfirst_apart else self.description()
        return body_paragraphs(self.root, lede=lede, title=self.title_element)

    def furniture(self, headline: str | None, description: str | None) -> set[str | None]:
        """Texts that are no paragraph of the body: the headline. A page whose standfirst stands
        apart from the story (``standfirst_apart``) has it left out too; elsewhere a description
        that is the story's first paragraph (a lede) stays in the body."""
        return {headline, description} if self.standfirst_apart else {headline}

    def body(self, furniture: set[str | None] | None = None) -> tuple[str | None, str | None]:
        """The article body and the layer it came from; ``furniture`` texts (headline...) left out.

        The JSON-LD ``articleBody`` (its markup read as markup) and the visible body are compared
        (:func:`newsbot.extraction.layers.prefer_structured`): a teaser or another text there
        loses to the page, a page cut short or padded loses to it.
        """
        structured = structured_text(_as_text(self.jsonld.get("articleBody")))
        paragraphs = self.body_paragraphs()
        if furniture is None:
            furniture = self.furniture(self.headline(), self.description())
        visible = "\n\n".join(p for p in paragraphs if p not in furniture) or None
        if structured and prefer_structured(structured, visible):
            return structured, "jsonld"
        return visible, ("visible" if visible else None)

    def authors(self) -> list[Author]:
        """The structured authors, else the byline links a reader sees."""
        return self.structured_authors() or self.visible_authors()

    def structured_authors(self) -> list[Author]:
        """JSON-LD ``author``, else ``<meta name=author>``: each person once."""
        found: list[Author] = []
        raw = self.jsonld.get("author")
        for entry in raw if isinstance(raw, list) else [raw] if raw else []:
            name = _as_text(entry.get("name")) if isinstance(entry, dict) else _as_text(entry)
            if name:
                url = entry.get("url") if isinstance(entry, dict) else None
                found.append(Author(name=name, url=self.absolute(url) if isinstance(url, str) else None))
        if not found and self.meta.get("author"):
            found = [Author(name=self.meta["author"])]
        return unique_authors(found)

    def visible_authors(self) -> list[Author]:
        """Byline links a reader sees: ``rel="author"`` links, else links to an author page
        (``/author/<name>``, ``/autor/``, ``/auteur/``...) outside menus, sidebars and footers.
        More than ``MAX_BYLINE_NAMES`` names are a list of other stories' authors: none."""
        return byline_authors(self.root, self.absolute)

    def date_published_raw(self) -> str | None:
        return _first(
            _as_text(self.jsonld.get("datePublished")),
            self.meta.get("article:published_time"),
            _as_text(self.flight.get("publishedAt")),
            self.meta.get("og:article:published_time"),
            self.meta.get("date"),
            self.visible_date(),
        )

    def visible_date(self) -> str | None:
        times = list(self.root.iter("time"))
        return next((t.get("datetime") for t in times if t.get("datetime")), None) or next(
            (t.text for t in times if t.text), None
        )

    def date_modified_raw(self) -> str | None:
        return _first(
            _as_text(self.jsonld.get("dateModified")),
            self.meta.get("article:modified_time"),
            _as_text(self.flight.get("updatedAt")),
            self.meta.get("og:updated_time"),
        )

    def language(self) -> str | None:
        return _first(_as_text(self.jsonld.get("inLanguage")), self.meta.get("html:lang"), self.meta.get("og:locale"))

    def main_image(self) -> Image | None:
        image = self.jsonld.get("image")
        if isinstance(image, list):
            image = image[0] if image else None
        cover = self.flight.get("coverImage") if isinstance(self.flight.get("coverImage"), dict) else {}
        url = _first(_as_text(image), _as_text(cover.get("url")), self.meta.get("og:image"))
        if not url:
            return None
        caption = _first(image.get("caption") if isinstance(image, dict) else None, cover.get("caption"))
        credit = _first(image.get("creditText") if isinstance(image, dict) else None, cover.get("credit"))
        return Image(url=self.absolute(url) or url, caption=_as_text(caption), credit=_as_text(credit))

    def section(self) -> str | None:
        category = self.flight.get("category")
        return _first(
            _as_text(self.jsonld.get("articleSection")),
            self.meta.get("article:section"),
            _as_text(category.get("title")) if isinstance(category, dict) else _as_text(category),
        )

    def keywords(self) -> list[str]:
        raw = _first(
            self.jsonld.get("keywords"),
            self.meta.get("keywords"),
            self.meta.get("news_keywords"),
            self.flight.get("tags"),
        )
        if isinstance(raw, str):
            raw = raw.split(",")
        if not isinstance(raw, list):
            return []
        words = [_as_text(k) for k in raw]
        return list(dict.fromkeys(w for w in words if w))

    def reading_time(self) -> int | None:
        value = self.flight.get("readingTime")
        return value if type(value) is int and value > 0 else None

    def source_credit(self) -> str | None:
        return _as_text(self.flight.get("source"))

    def related_links(self) -> list[Link]:
        return []

    # -- the item -------------------------------------------------------------------------
    def to_item(self) -> ArticleItem:
        """The raw (uncleaned) item: values as found on the page (:func:`page_item`)."""
        return page_item(self)
