"""HTML, XML and text of the second replica's pages: its own markup, unlike the first replica's.

An article is an ``<article>`` with a kicker, a byline (``Von <a rel="author">``) and a
``<time>``; its text holds subheadings, lists, an inline "Lesen Sie auch:" line, a "Mehr zum
Thema" box and a newsletter box with a form; after it come "Das könnte Sie auch interessieren"
cards, the readers' comments and a "Meistgelesen" column. Class names are German and unlike the
first replica's; nothing is ``<header>``, ``<nav>`` or ``<aside>`` except the "Mehr zum Thema" box.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable
from datetime import datetime
from email.utils import format_datetime
from html import escape

from .model import Story
from .text import SECTIONS

SITE_NAME = "Der Tageskurier"
NEWSLETTER_TITLE = "Der Tageskurier am Morgen"
NEWSLETTER_TEXT = (
    "Jeden Werktag um sechs Uhr die wichtigsten Nachrichten aus der Region in Ihrem Postfach. "
    "Jetzt kostenlos anmelden und nichts mehr verpassen."
)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def shown(moment: datetime) -> str:
    return moment.strftime("%d.%m.%Y, %H:%M Uhr")


def _e(text: str) -> str:
    return escape(text, quote=True)


def _page(title: str, head: str, body: str) -> str:
    menu = "".join(f'<li><a href="/ressort/{slug}">{_e(name)}</a></li>' for slug, (name, _) in SECTIONS.items())
    return (
        f'<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8"><title>{_e(title)}</title>'
        f'<meta name="viewport" content="width=device-width">{head}</head>\n<body>'
        f'<div class="kopfleiste"><a class="logo" href="/">{SITE_NAME}</a><ul class="ressortmenue">{menu}</ul>'
        f'<a class="suche" href="/suche">Suche</a></div>\n<div class="inhalt">{body}</div>\n'
        f'<div class="fusszeile"><span>© 2026 {SITE_NAME}</span> <a href="/impressum">Impressum</a> '
        f'<a href="/datenschutz">Datenschutz</a></div></body></html>\n'
    )


def _jsonld(story: Story, base: str, body: str | None) -> str:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline,
        "description": story.teaser,
        "datePublished": iso(story.published),
        "dateModified": iso(story.modified),
        "inLanguage": "de",
        "articleSection": story.section_name,
        "keywords": ", ".join(story.keywords),
        "author": [{"@type": "Person", "name": a.name, "url": base + a.path} for a in story.authors],
        "publisher": {"@type": "Organization", "name": SITE_NAME},
        "mainEntityOfPage": base + story.path,
    }
    if body is not None:
        data["articleBody"] = body
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def _head(story: Story, base: str) -> str:
    parts = [
        f'<link rel="canonical" href="{base}{story.path}">',
        f'<meta name="description" content="{_e(story.teaser)}">',
        f'<meta property="og:site_name" content="{SITE_NAME}">',
        f'<meta property="og:title" content="{_e(story.headline)}">',
    ]
    if story.evidence in ("jsonld", "og"):
        parts += [
            '<meta property="og:type" content="article">',
            f'<meta property="article:published_time" content="{iso(story.published)}">',
            f'<meta property="article:modified_time" content="{iso(story.modified)}">',
            f'<meta property="article:section" content="{_e(story.section_name)}">',
        ]
        if story.authors:
            parts.append(f'<meta name="author" content="{_e(", ".join(a.name for a in story.authors))}">')
    else:
        parts.append('<meta property="og:type" content="website">')
    if story.evidence == "jsonld":
        parts.append(_jsonld(story, base, "\n\n".join(story.paragraphs()) if story.jsonld_body else None))
    return "".join(parts)


def _byline(story: Story) -> str:
    names = " und ".join(f'<a rel="author" href="{a.path}">{_e(a.name)}</a>' for a in story.authors)
    who = f'<span class="autoren">Von {names}</span> · ' if names else ""
    return (
        f'<div class="autorenzeile">{who}<time datetime="{iso(story.published)}">{shown(story.published)}</time></div>'
    )


def _text(story: Story, headline_of: Callable[[int], str], path_of: Callable[[int], str]) -> str:
    out: list[str] = []
    boxed = False
    for n, (kind, value) in enumerate(story.blocks):
        if kind == "p":
            out.append(f"<p>{_e(str(value))}</p>")
        elif kind == "h2":
            out.append(f'<h2 class="zwischentitel">{_e(str(value))}</h2>')
        elif kind == "ul":
            items = "".join(f"<li>{_e(str(item))}</li>" for item in value)  # type: ignore[attr-defined]
            out.append(f'<ul class="aufzaehlung">{items}</ul>')
        elif kind == "read_also":
            target = int(value)  # type: ignore[call-overload]
            out.append(
                f'<p class="lesetipp"><strong>Lesen Sie auch:</strong> '
                f'<a href="{path_of(target)}">{_e(headline_of(target))}</a></p>'
            )
        if n == 1 and story.related and not boxed:
            boxed = True
            links = "".join(f'<li><a href="{path_of(i)}">{_e(headline_of(i))}</a></li>' for i in story.related)
            out.append(f'<aside class="mzt-kasten"><h3>Mehr zum Thema</h3><ul>{links}</ul></aside>')
        if n == 2 and story.kind == "story":
            out.append(
                f'<div class="nl-kasten"><p class="nl-titel">{NEWSLETTER_TITLE}</p><p>{NEWSLETTER_TEXT}</p>'
                '<form action="/newsletter" method="post"><input type="email" name="adresse" '
                'placeholder="Ihre E-Mail-Adresse"><button type="submit">Anmelden</button></form></div>'
            )
    return "".join(out)


def article_html(
    story: Story, base: str, headline_of: Callable[[int], str], path_of: Callable[[int], str], most_read: list[int]
) -> str:
    """The page of ``story``."""
    cards = "".join(
        f'<div class="karte"><a href="{path_of(i)}"><span class="karte-titel">{_e(headline_of(i))}</span></a></div>'
        for i in story.recommended
    )
    recommended = (
        f'<section class="empfehlungen"><h2>Das könnte Sie auch interessieren</h2><div class="karten">{cards}</div>'
        "</section>"
        if cards
        else ""
    )
    comments = "".join(
        f'<div class="kommentar"><span class="nick">{_e(nick)}</span><p>{_e(text)}</p></div>'
        for nick, text in story.comments
    )
    comment_block = (
        f'<section id="kommentare" class="leserstimmen"><h2>Kommentare ({len(story.comments)})</h2>{comments}'
        '<a class="mehr" href="#kommentare">Alle Kommentare anzeigen</a></section>'
    )
    popular = "".join(f'<li><a href="{path_of(i)}">{_e(headline_of(i))}</a></li>' for i in most_read)
    body = (
        f'<div class="spalte"><article class="beitrag"><span class="dachzeile">{_e(story.section_name)}</span>'
        f'<h1 class="titel">{_e(story.headline)}</h1><p class="vorspann"><strong>{_e(story.teaser)}</strong></p>'
        f'{_byline(story)}<div class="beitragstext">{_text(story, headline_of, path_of)}</div></article>'
        f"{recommended}{comment_block}</div>"
        f'<div class="seitenleiste"><h3>Meistgelesen</h3><ol>{popular}</ol></div>'
    )
    return _page(f"{story.headline} | {SITE_NAME}", _head(story, base), body)


def listing_html(title: str, stories: Iterable[Story], feed: bool) -> str:
    """The home page (``feed``: it announces the feed) or a section page."""
    cards = "".join(
        f'<div class="aufmacher"><a href="{s.path}"><h2>{_e(s.headline)}</h2></a><p>{_e(s.teaser)}</p>'
        f'<a class="thema" href="/thema/{s.keywords[0].lower()}">{_e(s.keywords[0])}</a></div>'
        for s in stories
    )
    head = (
        '<link rel="alternate" type="application/rss+xml" title="Alle Nachrichten" href="/feeds/alle.rss">'
        '<meta property="og:type" content="website">'
        if feed
        else ""
    )
    return _page(f"{title} | {SITE_NAME}", head, f"<h1>{_e(title)}</h1>{cards}")


def simple_html(title: str, text: str) -> str:
    """An author page, a topic page, the imprint."""
    return _page(f"{title} | {SITE_NAME}", "", f"<h1>{_e(title)}</h1><p>{_e(text)}</p>")


def robots_txt(base: str) -> str:
    return f"User-agent: *\nDisallow: /suche\nDisallow: /_control/\n\nSitemap: {base}/sitemap.xml\n"


def sitemap_index(base: str, names: Iterable[str]) -> str:
    entries = "".join(f"<sitemap><loc>{base}/sitemaps/{name}</loc></sitemap>" for name in names)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{entries}</sitemapindex>\n"
    )


def urlset(base: str, entries: Iterable[tuple[str, datetime | None]]) -> str:
    rows = "".join(
        f"<url><loc>{base}{path}</loc>{f'<lastmod>{iso(when)}</lastmod>' if when else ''}</url>"
        for path, when in entries
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{rows}</urlset>\n"
    )


def gzipped(text: str) -> bytes:
    return gzip.compress(text.encode("utf-8"), mtime=0)


def news_sitemap(base: str, stories: Iterable[Story]) -> str:
    rows = "".join(
        f"<url><loc>{base}{s.path}</loc><news:news><news:publication><news:name>{SITE_NAME}</news:name>"
        f"<news:language>de</news:language></news:publication>"
        f"<news:publication_date>{iso(s.published)}</news:publication_date>"
        f"<news:title>{_e(s.headline)}</news:title></news:news></url>"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{rows}</urlset>\n'
    )


def rss(base: str, stories: Iterable[Story]) -> str:
    items = "".join(
        f"<item><title>{_e(s.headline)}</title><link>{base}{s.path}</link><guid>{base}{s.path}</guid>"
        f"<description>{_e(s.teaser)}</description>"
        f"<pubDate>{format_datetime(s.published)}</pubDate></item>"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{SITE_NAME}</title><link>{base}/</link><description>Alle Nachrichten</description>"
        f"{items}</channel></rss>\n"
    )
