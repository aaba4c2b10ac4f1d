"""HTML rendering of the replica's pages, following ``notes/article_html_spec.md``.

Class names are meaningless hashes derived from the site seed (:class:`ClassNames`), so
nothing can rely on them. Internal links are root-relative; only the canonical URL, ``og:url``
and JSON-LD URLs are absolute (with the served base URL).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import UTC
from html import escape

from .model import NAV_NAMES, TRT_TZ, Article, Link, Person, split_markup
from .structured import flight_chunks, flight_scripts, iso_local, json_ld

#: Looks up the article an internal href points to (``None`` for off-site, dead or video links).
Resolver = Callable[[str], "Article | None"]
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
_SOCIAL = (
    ("https://twitter.com/trtworld", "X"),
    ("https://www.facebook.com/trtworld", "Facebook"),
    ("https://www.youtube.com/trtworld", "YouTube"),
    ("https://www.instagram.com/trtworld", "Instagram"),
)


class ClassNames:
    """Deterministic meaningless class names (``css-9f2k1x``) per site seed and element role."""

    def __init__(self, seed: int | str) -> None:
        """Derive every class name from ``seed``."""
        self.seed = seed
        self._cache: dict[str, str] = {}

    def name(self, role: str) -> str:
        """The class name of ``role`` (e.g. ``"body"``), like ``css-0k3j9z``."""
        if role not in self._cache:
            number = int.from_bytes(hashlib.sha1(f"{self.seed}:{role}".encode()).digest()[:6], "big")
            chars = []
            for _ in range(6):
                number, rest = divmod(number, 36)
                chars.append(_ALPHABET[rest])
            self._cache[role] = "css-" + "".join(chars)
        return self._cache[role]

    def __call__(self, role: str) -> str:
        """The ``class="..."`` attribute of ``role``, with a leading space."""
        return f' class="{self.name(role)}"'


def display_date(article: Article) -> str:
    """``March 4, 2025``: the publication date shown under the byline (Istanbul time)."""
    local = article.published.astimezone(TRT_TZ)
    return f"{local:%B} {local.day}, {local.year}"


def _e(text: str) -> str:
    """Escape element text."""
    return escape(text, quote=False)


def _a(text: str) -> str:
    """Escape an attribute value."""
    return escape(text, quote=True)


def _header(css: ClassNames) -> str:
    nav = " ".join(f'<a{css("nav-link")} href="/{slug}">{_e(name)}</a>' for slug, name in NAV_NAMES.items())
    return (
        f"<header{css('header')}><nav{css('nav')}>\n"
        f'  <a{css("logo-link")} href="/"><h1{css("logo")}>TRT World</h1></a>\n  {nav}\n</nav></header>'
    )


def _footer(css: ClassNames) -> str:
    social = " ".join(f'<a{css("social")} href="{href}" rel="noopener">{name}</a>' for href, name in _SOCIAL)
    return (
        f'<footer{css("footer")}><a{css("footer-link")} href="/about">About us</a> '
        f'<a{css("footer-link")} href="/contact">Contact</a> {social}'
        f"<p{css('copyright')}>Copyright TRT World. All rights reserved.</p></footer>"
    )


def _paragraph(text: str, css: ClassNames) -> str:
    runs = "".join(
        _e(part) if href is None else f'<a{css("inline-link")} href="{_a(href)}">{_e(part)}</a>'
        for part, href in split_markup(text)
    )
    return f"<p{css('paragraph')}>{runs}</p>"


class LinkText:
    """Computes the text shown for an outgoing link (headline and optional byline)."""

    def __init__(self, resolve: Resolver, videos: dict[str, str]) -> None:
        """``resolve`` finds linked articles; ``videos`` maps video ids to titles."""
        self.resolve = resolve
        self.videos = videos

    def headline(self, link: Link) -> str:
        """The link's own headline, else the target article's or video's title, else the href."""
        if link.headline is not None:
            return link.headline
        target = self.resolve(link.href)
        if target is not None:
            return target.headline
        if link.href.startswith("/video/"):
            return self.videos.get(link.href.removeprefix("/video/").strip("/"), link.href)
        return link.href

    def byline(self, link: Link) -> str | None:
        """``By <Author>`` text for Explore items: given, or the first author of opinion/features."""
        if link.byline is not None:
            return link.byline
        target = self.resolve(link.href)
        if target is not None and target.authors and target.section in ("opinion", "features"):
            return target.authors[0].name
        return None


def _body(article: Article, links: LinkText, css: ClassNames) -> str:
    """The body ``<div>``: paragraphs with Related boxes, RECOMMENDED, subheadings and SOURCE."""
    n = len(article.paragraphs)
    after: dict[int, list[str]] = {}
    for i, link in enumerate(article.related):
        spot = min(n, max(1, round((i + 1) * n / (len(article.related) + 1))))
        after.setdefault(spot, []).append(
            f"<div{css('related')}><span{css('related-label')}>Related</span>"
            f'<a{css("related-link")} href="{_a(link.href)}">{_e(links.headline(link))}</a></div>'
        )
    if article.recommended:
        teasers = " ".join(
            f'<a{css("teaser")} href="{_a(t.href)}">{_e(links.headline(t))}</a>' for t in article.recommended
        )
        after.setdefault(max(1, n // 2), []).append(
            f"<div{css('recommended')}><span{css('recommended-label')}>RECOMMENDED</span>\n     {teasers}</div>"
        )
    lines = []
    for i, text in enumerate(article.paragraphs):
        if i in article.subheads:
            lines.append(f"<h3{css('subhead')}>{_e(article.subheads[i])}</h3>")
        lines.append(_paragraph(text, css))
        lines.extend(after.get(i + 1, ()))
    if article.source:
        lines.append(f"<p{css('paragraph')}>SOURCE: {_e(article.source)}</p>")
    inner = "\n        ".join(lines)
    return f"<div{css('body')}>\n        {inner}\n      </div>"


def _byline(authors: Sequence[Person], article: Article, css: ClassNames) -> str:
    names = " ".join(f'<a{css("author")} href="{p.path}">{_e(p.name)}</a>' for p in authors)
    published = article.published.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    time = f'<time{css("date")} datetime="{published}">{display_date(article)}</time>'
    return f"<div{css('byline')}>{names + ' ' if names else ''}{time}</div>"


def _head(article: Article, base: str, charset_meta: str) -> str:
    canonical = f"{base}{article.path}"
    meta = [
        charset_meta,
        f"<title>{_e(article.headline)} - TRT World</title>",
        f'<link rel="canonical" href="{canonical}">',
        f'<meta name="description" content="{_a(article.standfirst)}">',
        f'<meta name="keywords" content="{_a(", ".join(article.keywords))}">',
    ]
    if article.authors:
        meta.append(f'<meta name="author" content="{_a(", ".join(p.name for p in article.authors))}">')
    meta += [
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{_a(article.headline)}">',
        f'<meta property="og:description" content="{_a(article.standfirst)}">',
        f'<meta property="og:url" content="{canonical}">',
    ]
    if article.image:
        meta.append(f'<meta property="og:image" content="{article.image.url}">')
    meta += [
        '<meta property="og:locale" content="en_US">',
        f'<meta property="article:published_time" content="{iso_local(article.published)}">',
        f'<meta property="article:modified_time" content="{iso_local(article.modified)}">',
        f'<meta property="article:section" content="{_a(article.section_info.name)}">',
    ]
    if article.jsonld:
        meta.append(f'<script type="application/ld+json">{json_ld(article, base)}</script>')
    return "<head>\n  " + "\n  ".join(meta) + "\n</head>"


def article_page(article: Article, base: str, links: LinkText, css: ClassNames) -> str:
    """The full HTML of an article page (as text; see :func:`encode_article`)."""
    if article.encoding == "utf-8":
        charset = '<meta charset="utf-8">'
    else:
        charset = f'<meta http-equiv="Content-Type" content="text/html; charset={article.encoding}">'
    section = article.section_info
    figure = ""
    if article.image:
        figure = (
            f'\n      <figure{css("figure")}>\n        <img{css("image")} src="{article.image.url}" '
            f'alt="{_a(article.headline)}">\n        <figcaption{css("caption")}>'
            f"{_e(article.image.caption)} / {_e(article.image.credit)}</figcaption>\n      </figure>"
        )
    explore = []
    for link in article.explore:
        by = links.byline(link)
        by_html = f" <span{css('explore-by')}>By {_e(by)}</span>" if by else ""
        explore.append(
            f'<li{css("explore-item")}><a{css("explore-link")} href="{_a(link.href)}">'
            f"{_e(links.headline(link))}</a>{by_html}</li>"
        )
    scripts = ""
    if article.flight:
        teasers = [
            (target.id, target.headline) for link in article.explore if (target := links.resolve(link.href)) is not None
        ][:6]
        scripts = "\n" + flight_scripts(flight_chunks(article, teasers, css.name("main")))
    explore_items = "\n        ".join(explore)
    kicker = (
        f'<a{css("section-link")} href="/{section.slug}">{_e(section.label)}</a>'
        f"<span{css('read-time')}>{article.reading_time} MIN READ</span>"
    )
    return f"""<!DOCTYPE html>
<html lang="en">
{_head(article, base, charset)}
<body{css("page")}>
{_header(css)}
<main{css("main")}>
    <article{css("article")}>
      <div{css("kicker")}>{kicker}</div>
      <h2{css("headline")}>{_e(article.headline)}</h2>
      <p{css("standfirst")}>{_e(article.standfirst)}</p>{figure}
      {_byline(article.authors, article, css)}
      {_body(article, links, css)}
    </article>
    <section{css("explore")}>
      <h2{css("explore-title")}>Explore</h2>
      <ul{css("explore-list")}>
        {explore_items}
      </ul>
    </section>
</main>
{_footer(css)}{scripts}
</body>
</html>
"""


def encode_article(article: Article, html_text: str, css: ClassNames) -> bytes:
    """Encode a rendered article in its declared charset; cut it mid-standfirst if ``truncated``."""
    if article.truncated:
        marker = f"<p{css('standfirst')}>"
        start = html_text.index(marker) + len(marker)
        html_text = html_text[: start + len(_e(article.standfirst)) // 2]
    return html_text.encode(article.encoding, errors="xmlcharrefreplace")


def _page(title: str, main: str, css: ClassNames) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <title>{_e(title)}</title>\n'
        f"</head>\n<body{css('page')}>\n{_header(css)}\n<main{css('main')}>\n{main}\n</main>\n"
        f"{_footer(css)}\n</body>\n</html>\n"
    )


def cards(articles: Sequence[Article], css: ClassNames) -> str:
    """Article cards: each one ``<a href="/article/<id>">`` holding headline and standfirst."""
    return "\n".join(
        f'<div{css("card")}><a{css("card-link")} href="{a.path}"><h3{css("card-title")}>{_e(a.headline)}</h3>'
        f"<p{css('card-text')}>{_e(a.standfirst)}</p></a></div>"
        for a in articles
    )


def listing_page(title: str, heading: str, articles: Sequence[Article], css: ClassNames) -> str:
    """Home or section page: a heading and the cards of ``articles``."""
    title_html = f"<h2{css('listing-title')}>{_e(heading)}</h2>"
    main = f"<section{css('listing')}>\n{title_html}\n{cards(articles, css)}\n</section>"
    return _page(title, main, css)


def author_page(person: Person, articles: Sequence[Article], css: ClassNames) -> str:
    """An author's profile page with cards of their latest articles (not an article page)."""
    main = (
        f"<section{css('profile')}>\n<h2{css('profile-name')}>{_e(person.name)}</h2>\n"
        f"<p{css('profile-bio')}>{_e(person.bio)}</p>\n{cards(articles, css)}\n</section>"
    )
    return _page(f"{person.name} - TRT World", main, css)


def video_page(video_id: str, title: str, css: ClassNames) -> str:
    """A video page (not an article): a title and a player element."""
    main = (
        f"<section{css('video')}>\n<h2{css('video-title')}>{_e(title)}</h2>\n"
        f'<video{css("player")} controls poster="https://images-cdn.trtworld.com/w960/q75/video-{video_id}.jpeg">'
        f"</video>\n</section>"
    )
    return _page(f"{title} - TRT World", main, css)


def not_found_page(css: ClassNames) -> str:
    """The small HTML body of 404 answers."""
    return _page("Page not found - TRT World", f"<h2{css('error')}>Page not found</h2>", css)


def section_heading(slug: str) -> str:
    """The heading of a section page (its navigation name)."""
    return NAV_NAMES[slug]
