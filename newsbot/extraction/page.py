"""The generic article page: structured data first, then head metadata, then the visible page.

:class:`ArticlePage` has one small method per field. Each takes the most reliable layer that has
the field: JSON-LD > Next.js flight data > ``<head>`` metadata > visible page. Site profiles
(:mod:`newsbot.sites.trtworld.page`) subclass it to add text-anchored rules for their blocks.
"""

from __future__ import annotations

from typing import Any

from parsel import Selector

from newsbot.cleaning import join_url, parse_date, split_url, storable
from newsbot.dates import day_first_for
from newsbot.extraction.body import InsideAny, body_paragraphs, element_text
from newsbot.extraction.boilerplate import without_titles
from newsbot.extraction.bylines import byline_anchor, byline_text_authors
from newsbot.extraction.credits import (
    account_page,
    data_layers,
    editors_named,
    head_authors,
    people,
    single_latin_word,
    site_names,
)
from newsbot.extraction.headline import HeadlineChooser, host_names
from newsbot.extraction.layers import prefer_structured, structured_text
from newsbot.extraction.lazy import lazy
from newsbot.extraction.metadata import (
    flight_content_record,
    flight_payload,
    head_metadata,
    jsonld_article,
    page_scripts,
)
from newsbot.extraction.names import byline_authors
from newsbot.extraction.published import (
    headline_zone_published,
    meta_published,
    microdata_published,
    shown_published,
    time_published,
    visible_published,
)
from newsbot.extraction.script_body import script_paragraphs, stands_in
from newsbot.extraction.script_dates import inline_state_texts, script_published
from newsbot.extraction.walk import PageElements, page_elements
from newsbot.items import Author, Image, Link


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


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type")
    if isinstance(kind, str):
        return [kind]
    return [k for k in kind if isinstance(k, str)] if isinstance(kind, list) else []


SUFFIX_SEPARATORS = ("|", "-", "–", "—", "::")
_ORGANISATION_TYPES = frozenset({"Organization", "NewsMediaOrganization", "Corporation", "WebSite", "Brand"})
# <head> author metadata, most specific first (read only when JSON-LD names no author)
AUTHOR_META = ("author", "article:author", "parsely-author", "byl", "dc.creator", "dc:creator",
               "article:author_name", "sailthru.author", "dcterms.creator")  # fmt: skip
# the labels of a social card's "Written by" line (``twitter:label1``/``twitter:data1``, WordPress SEO plugins)
WRITTEN_BY_LABELS = frozenset({"written by", "verfasst von", "geschrieben von", "escrito por", "écrit par",
                               "scritto da", "geschreven door", "skrevet av", "skrivet av", "napisane przez",
                               "autor", "auteur", "author", "yazar"})  # fmt: skip


def written_by_card(meta: dict[str, str]) -> str | None:
    """The name of a social card's "Written by" line: ``twitter:dataN`` beside a ``twitter:labelN``
    reading "Written by" ("Verfasst von", "Escrito por"...), or ``twitter:misc:Written by``."""
    for number in range(1, 5):
        label = meta.get(f"twitter:label{number}")
        if label is None:
            break
        if " ".join(label.split()).casefold().rstrip(":") in WRITTEN_BY_LABELS:
            return meta.get(f"twitter:data{number}")
    return next((meta[f"twitter:misc:{label}"] for label in WRITTEN_BY_LABELS if f"twitter:misc:{label}" in meta), None)


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
        return page_scripts(self.selector, self.elements.scripts)

    @lazy
    def jsonld(self) -> dict[str, Any]:
        return jsonld_article(self.selector, self.scripts[0])

    @lazy
    def meta(self) -> dict[str, str]:
        return head_metadata(self.selector, self.elements.metas, self.elements.links)

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

    @lazy
    def elements(self) -> PageElements:
        """Scripts, ``<meta>``, ``<link>``, forms and headings, found in one walk of the page."""
        return page_elements(self.root)

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
            named=(_as_text(self.jsonld.get("name")),),
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
        return self.elements.headings

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
        return body_paragraphs(
            self.root,
            lede=lede,
            title=self.title_element,
            forms=self.elements.forms,
            find_lede=not self.standfirst_apart,
        )

    def furniture(self, headline: str | None, description: str | None) -> set[str | None]:
        """Texts that are no paragraph of the body: the headline. A page whose standfirst stands
        apart from the story (``standfirst_apart``) has it left out too; elsewhere a description
        that is the story's first paragraph (a lede) stays in the body."""
        return {headline, description} if self.standfirst_apart else {headline}

    def body(self, furniture: set[str | None] | None = None) -> tuple[str | None, str | None]:
        """The article body and the layer it came from; ``furniture`` texts (headline...) left out
        (:func:`newsbot.extraction.boilerplate.without_titles`: at the top also after a kicker).

        The JSON-LD ``articleBody`` (its markup read as markup) and the visible body are compared
        (:func:`newsbot.extraction.layers.prefer_structured`): a teaser or another text there
        loses to the page, a page cut short or padded loses to it.
        """
        structured = structured_text(_as_text(self.jsonld.get("articleBody")))
        paragraphs = self.body_paragraphs()
        if furniture is None:
            furniture = self.furniture(self.headline(), self.description())
        visible = "\n\n".join(without_titles(paragraphs, furniture)) or None
        if structured and (prefer_structured(structured, visible) or stands_in(structured, visible)):
            return structured, "jsonld"
        if self.scripts[1] and stands_in(None, visible):  # the story only in a script's data
            scripted = script_paragraphs(flight_payload(self.selector, self.scripts[1]))
            scripted_text = "\n\n".join(without_titles(scripted, furniture))
            if stands_in(scripted_text, visible):
                return scripted_text, "script"
        return visible, ("visible" if visible else None)

    def authors(self) -> list[Author]:
        """The structured authors, else the byline a reader sees; only people
        (:func:`newsbot.extraction.credits.person_name`: never the site itself, a wire service, a
        desk or a link text); a structured author the page's data layer gives as the editor gives way
        to the visible byline (:func:`newsbot.extraction.credits.editors_named`). No author is better
        than a wrong one."""
        sites = self.site_names()
        structured = people(self.structured_authors(), sites)
        editors = editors_named(structured, data_layers(self.elements.scripts)) if structured else ()
        if editors:  # the data layer calls them the editor: the byline a reader sees names the author
            return [author for author in structured if author.name not in editors] or self.visible_authors(sites)
        return structured or self.visible_authors(sites)

    def visible_authors(self, sites: set[str]) -> list[Author]:
        """The people of the byline links a reader sees: ``rel="author"`` links, else links to an
        author page (``/author/<name>``, ``/autor/``, ``/writers/``...) outside menus, sidebars and
        footers, in the first byline's box. When none of them is a person ("Reporter", "Editorial
        policies"; a single Latin word is a handle or a first name: "Eddie"): an ``itemprop="author"``
        element, an element whose class names a byline or its author ("byline", "article__author",
        "author-name"), or a short line reading "By <name>" ("Von A und B", "Par ...", "Written by
        ...") after the heading that shows the headline. None when a link names the site's built-in
        account; more than ``MAX_BYLINE_NAMES`` names are a list of other stories' authors: none.
        ``sites``: the site's own names (:meth:`site_names`)."""
        links = byline_authors(self.root, self.absolute)
        if any(account_page(author.url) for author in links):
            return []  # the byline is the site's built-in account ("/author/admin/")
        anchor = byline_anchor(self.title_element, self.headings, self.headline())
        named = [author for author in people(links, sites) if not single_latin_word(author.name)]
        return named or people(byline_text_authors(self.root, anchor, sites), sites)

    def site_names(self) -> set[str]:
        """The site's own names (``og:site_name``, ``application-name``, the JSON-LD publisher, the host)."""
        return self._site_names

    @lazy
    def _site_names(self) -> set[str]:
        publisher = self.jsonld.get("publisher")
        return site_names(
            self.url,
            (
                self.meta.get("og:site_name"),
                self.meta.get("application-name"),
                self.meta.get("twitter:site", "").lstrip("@") or None,
                _as_text(publisher) if isinstance(publisher, dict | str) else None,
            ),
        )

    def structured_authors(self) -> list[Author]:
        """JSON-LD ``author`` (an ``Organization`` left out), else the ``<head>`` author metadata
        (``author``, ``article:author`` when no address, ``parsely-author``, ``byl``, ``dc.creator``,
        ``sailthru.author``: every value of the first name that gives a person, so a site's own name
        in the first ``author`` tag gives way to the reporter's in the next), then a social card's
        "Written by" line: each person once."""
        found: list[Author] = []
        raw = self.jsonld.get("author")
        for entry in raw if isinstance(raw, list) else [raw] if raw else []:
            if isinstance(entry, dict) and _ORGANISATION_TYPES & set(_types(entry)):
                continue
            name = _as_text(entry.get("name")) if isinstance(entry, dict) else _as_text(entry)
            if isinstance(entry, dict) and account_page(entry.get("@id")):
                continue
            if name:
                url = entry.get("url") if isinstance(entry, dict) else None
                found.append(Author(name=name, url=self.absolute(url) if isinstance(url, str) else None))
        if not found and any(key in self.meta for key in AUTHOR_META):
            found = head_authors(self.elements.metas, AUTHOR_META, self.site_names())
        if not found:
            name = written_by_card(self.meta)
            found = [Author(name=name)] if name else []
        return found

    def date_published_raw(self) -> str | None:
        """JSON-LD, ``article:published_time``, flight data, other ``<meta>`` names, microdata: the first
        value that reads as a date (``<meta name="published" content="true">`` does not); else what the
        page shows (the headline's zone, ``<time>``, a date line), then its own stamp in its inline
        script state (:meth:`script_date`), checked against the URL's day
        (:func:`newsbot.extraction.published.shown_published`)."""
        sources = (
            lambda: _as_text(self.jsonld.get("datePublished")),
            lambda: self.meta.get("article:published_time"),
            lambda: _as_text(self.flight.get("publishedAt")),
            lambda: self.meta.get("og:article:published_time"),
            lambda: meta_published(self.meta),
            lambda: microdata_published(self.root),
        )
        found = next((value for value in (source() for source in sources) if value and parse_date(value)), None)
        shown = (
            lambda: headline_zone_published(self.root, day_first_for(self.language())),
            self.visible_date,
            lambda: visible_published(self.root, day_first_for(self.language())),
            self.script_date,
        )
        image = self.meta.get("og:image") or self.meta.get("twitter:image")
        return found or shown_published(shown, self.url, image)

    def script_date(self) -> str | None:
        """The page's own publication stamp in its inline script state (:mod:`.script_dates`)."""
        headline = self.meta.get("og:title") or self.meta.get("twitter:title")
        return script_published(inline_state_texts(self.elements.scripts), self.url, headline)

    def visible_date(self) -> str | None:
        """The ``<time>`` that says when the article was published (not an update, not a comment's)."""
        return time_published(self.root)

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
