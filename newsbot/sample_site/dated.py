"""The dated replica: two years of a small news site in three languages, dated back from a given moment.

Built to test what a crawl skips or refreshes by date, language and access (issue 19); the other
replicas' page counts are left alone. Everything follows from ``now`` (default: the present, so
``since=7d`` means something) and ``seed``:

- one article a day over the last :data:`RECENT_DAYS` days, then none until :data:`OLD_FROM_DAYS`
  days back, then one every :data:`OLD_STEP_DAYS` days until :data:`SPAN_DAYS` days back, in
  English, German and French in turn (``/<lang>/...``); every other article has its date in its
  URL (``/en/2026/11/30/<slug>-<id>.html``), the others not (``/en/story/<slug>-<id>.html``);
- each article links, as "Related", the two latest earlier articles of its language that have a
  date in their URL (so recent articles link old ones, and a crawl can tell they are old),
  declares its language (``html lang``, ``og:locale``, JSON-LD ``inLanguage``) and its
  dates (JSON-LD ``datePublished``/``dateModified``); one recent English article is paywalled
  (``isAccessibleForFree: false``, its body cut after the lead);
- one undated explainer page per language (no date in its URL, its data or its sitemap entry):
  the English one declares English, the German one English too (wrongly), the French one nothing;
- ``/robots.txt`` names ``/sitemap.xml``, an index of ``/sitemap-news.xml`` (a Google News sitemap
  of the recent articles, with ``news:language`` and ``news:publication_date``) and
  ``/sitemap-articles.xml`` (the older articles and the explainers, with ``lastmod`` when the page
  has a date: a sitemap split by period, as large sites do); the home page
  links the newest articles and announces ``/feed.xml`` (RSS, ``pubDate``, newest first).

:meth:`DatedSite.revise` changes an article after publication (new paragraph, newer
``dateModified`` and ``lastmod``); :meth:`DatedSite.touch` moves only the ``lastmod``. Pages
carry an ``ETag`` and ``Last-Modified``; served by
:class:`newsbot.sample_site.second.server.SecondSiteServer`, which answers a matching
``If-None-Match`` with ``304``. ``python -m newsbot.sample_site.dated [--port P]`` serves it alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import random
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

from newsbot.sample_site.requestlog import RequestLog
from newsbot.sample_site.second.site import Answer

SPAN_DAYS = 730
OLD_STEP_DAYS = 10
RECENT_DAYS = 7
OLD_FROM_DAYS = 12  # no article between a week and 12 days old: a day-exact URL date never straddles ``since=7d``
NEWS_SITEMAP_DAYS = 10
HOME_SIZE = 12
FEED_SIZE = 20
LANGUAGES = ("en", "de", "fr")
LOCALES = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR"}
HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"

#: Invented words per language, drawn at random into sentences (no two bodies alike).
_WORDS = {
    "en": (
        "harbour council river bridge market winter budget ferry school orchard mayor rail tunnel library "
        "festival storm harvest clinic museum tram garden cyclists farmers repairs funding residents plan "
        "vote hall quarter evening schedule detour lantern workshop choir volunteers bakery pier grant"
    ),
    "de": (
        "Hafen Gemeinderat Fluss Brücke Markt Winter Haushalt Fähre Schule Obstgarten Bürgermeisterin Bahn "
        "Tunnel Bücherei Festival Sturm Ernte Praxis Museum Straßenbahn Garten Radfahrer Landwirte Reparatur "
        "Förderung Anwohner Plan Abstimmung Halle Viertel Abend Fahrplan Umleitung Laterne Werkstatt Chor "
        "Helfer Bäckerei Steg Zuschuss"
    ),
    "fr": (
        "port conseil rivière pont marché hiver budget bac école verger maire rail tunnel bibliothèque "
        "festival tempête récolte cabinet musée tramway jardin cyclistes agriculteurs travaux financement "
        "habitants projet scrutin salle quartier soirée horaire déviation lanterne atelier chorale bénévoles "
        "boulangerie jetée subvention"
    ),
}
_JOINERS = {
    "en": ("the", "and", "after", "before", "with", "near", "for", "while", "at", "from"),
    "de": ("der", "und", "nach", "vor", "mit", "neben", "für", "während", "am", "vom"),
    "fr": ("le", "et", "après", "avant", "avec", "près", "pour", "pendant", "au", "du"),
}
_EXPLAINER = {"en": "How the town votes", "de": "So wählt die Stadt", "fr": "Comment la ville vote"}
_RELATED = {"en": "Related", "de": "Mehr zum Thema", "fr": "À lire aussi"}
_SUBSCRIBE = {"en": "Subscribe to read the rest of this story.", "de": "", "fr": ""}


@dataclass
class DatedArticle:
    """One page of the dated replica: an article, or an undated explainer (``published is None``)."""

    id: int
    language: str
    path: str
    headline: str
    paragraphs: list[str]
    published: datetime | None
    modified: datetime | None = None
    paywalled: bool = False
    related: list[int] = field(default_factory=list)
    touched: datetime | None = None  # the sitemap's lastmod moved without the page changing
    declares: str | None = ""  # the language the page declares: "" its own, None none (may be wrong)

    @property
    def declared(self) -> str | None:
        return self.language if self.declares == "" else self.declares

    @property
    def lastmod(self) -> datetime | None:
        dates = [date for date in (self.modified or self.published, self.touched) if date is not None]
        return max(dates) if dates else None


def _sentence(rng: random.Random, language: str) -> str:
    words, joiners = _WORDS[language].split(), _JOINERS[language]
    chosen = [rng.choice(words) if n % 2 == 0 else rng.choice(joiners) for n in range(rng.randint(9, 15))]
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, language: str, count: int) -> list[str]:
    return [" ".join(_sentence(rng, language) for _ in range(3)) for _ in range(count)]


class DatedSite:
    """The dated replica (see the module); ``pages`` maps a path to its :class:`DatedArticle`."""

    def __init__(self, now: datetime | None = None, seed: int = 0) -> None:
        self.now = (now or datetime.now(UTC)).replace(microsecond=0)
        self.request_log = RequestLog()
        self.lock = threading.Lock()
        rng = random.Random(seed)
        ages = [timedelta(days=day, hours=3) for day in range(RECENT_DAYS)]
        ages += [timedelta(days=day, hours=5) for day in range(OLD_FROM_DAYS, SPAN_DAYS, OLD_STEP_DAYS)]
        self.articles: dict[int, DatedArticle] = {}
        dated_urls: dict[str, list[int]] = {language: [] for language in LANGUAGES}
        for number, age in enumerate(sorted(ages, reverse=True)):  # oldest first: related links point back
            language = LANGUAGES[number % 3]
            published = self.now - age
            words = unicodedata.normalize("NFKD", _sentence(rng, language).lower()).encode("ascii", "ignore").split()
            slug = "-".join(word.decode() for word in words[:4]).strip(".")
            story_id = 100 + number
            if number % 2:
                path = f"/{language}/{published:%Y/%m/%d}/{slug}-{story_id}.html"
            else:
                path = f"/{language}/story/{slug}-{story_id}.html"
            headline = _sentence(rng, language).rstrip(".")[:90]
            article = DatedArticle(story_id, language, path, headline, _paragraphs(rng, language, 5), published,
                                   related=dated_urls[language][-2:][::-1])  # fmt: skip
            if number % 2:
                dated_urls[language].append(story_id)
            self.articles[story_id] = article
        newest_english = max((a for a in self.articles.values() if a.language == "en"), key=lambda a: a.published)
        newest_english.paywalled = True
        # the explainers: English declares English, German declares English (a site-wide template's
        # mistake), French declares nothing: only their text tells
        for number, (language, declares) in enumerate((("en", ""), ("de", "en"), ("fr", None))):
            story_id = 90 + number
            self.articles[story_id] = DatedArticle(
                story_id, language, f"/{language}/explainer/{story_id}", _EXPLAINER[language],
                _paragraphs(rng, language, 4), None, declares=declares,
            )  # fmt: skip
        self._by_path = {article.path: article for article in self.articles.values()}

    # -- content ---------------------------------------------------------------------------------
    def dated(self) -> list[DatedArticle]:
        """The dated articles, newest first."""
        return sorted((a for a in self.articles.values() if a.published), key=lambda a: a.published, reverse=True)  # type: ignore[arg-type,return-value]

    def undated(self) -> list[DatedArticle]:
        return [a for a in self.articles.values() if a.published is None]

    def published_since(self, cutoff: datetime) -> list[DatedArticle]:
        """The dated articles published at or after ``cutoff``."""
        return [a for a in self.dated() if a.published and a.published >= cutoff]

    def revise(self, story_id: int, when: datetime | None = None) -> DatedArticle:
        """Change an article after publication: one more paragraph, ``dateModified``/``lastmod`` set to ``when``."""
        with self.lock:
            article = self.articles[story_id]
            article.paragraphs = [*article.paragraphs, _paragraphs(random.Random(story_id), article.language, 1)[0]]
            article.modified = (when or datetime.now(UTC)).replace(microsecond=0)
            return article

    def touch(self, story_id: int, when: datetime) -> DatedArticle:
        """Move an article's sitemap ``lastmod`` to ``when`` without changing its page (same ``ETag``)."""
        with self.lock:
            article = self.articles[story_id]
            article.touched = when.replace(microsecond=0)
            return article

    # -- pages -----------------------------------------------------------------------------------
    def page(self, path: str, base: str) -> Answer:
        """The answer to ``GET path`` on the site served at ``base`` (the server answers a matching
        ``If-None-Match`` with ``304``)."""
        with self.lock:
            return self._page(path, base)

    def _page(self, path: str, base: str) -> Answer:
        if path == "/robots.txt":
            text = f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n"
            return Answer(200, text.encode(), {"Content-Type": "text/plain; charset=utf-8"})
        if path == "/sitemap.xml":
            children = "".join(f"<sitemap><loc>{base}/{n}</loc></sitemap>" for n in ("sitemap-news.xml",
                                                                                  "sitemap-articles.xml"))  # fmt: skip
            body = f'<?xml version="1.0"?><sitemapindex xmlns="{_SITEMAP_NS}">{children}</sitemapindex>'
            return Answer(200, body.encode(), {"Content-Type": XML})
        if path == "/sitemap-news.xml":
            return Answer(200, self._news_sitemap(base).encode(), {"Content-Type": XML})
        if path == "/sitemap-articles.xml":
            return Answer(200, self._urlset(base).encode(), {"Content-Type": XML})
        if path == "/feed.xml":
            return Answer(200, self._feed(base).encode(), {"Content-Type": "application/rss+xml; charset=utf-8"})
        if path == "/":
            links = "".join(f'<li><a href="{a.path}">{escape(a.headline)}</a></li>' for a in self.dated()[:HOME_SIZE])
            head = f'<link rel="alternate" type="application/rss+xml" href="{base}/feed.xml">'
            return _html(f"<!doctype html><html lang='en'><head><title>Dated Herald</title>{head}</head>"
                         f"<body><h1>Dated Herald</h1><ul>{links}</ul></body></html>")  # fmt: skip
        article = self._by_path.get(path)
        if article is None:
            return Answer(404, b"<html><body>Not found</body></html>", {"Content-Type": HTML})
        answer = _html(self._article_html(article, base))
        answer.headers["ETag"] = '"' + hashlib.sha1(answer.body).hexdigest()[:16] + '"'
        if article.lastmod:
            answer.headers["Last-Modified"] = format_datetime(article.lastmod, usegmt=True)
        return answer

    def _article_html(self, article: DatedArticle, base: str) -> str:
        data: dict[str, object] = {
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": article.headline,
            "author": {"@type": "Person", "name": "Ada Lindqvist"},
        }  # fmt: skip
        declared = article.declared
        if declared:
            data["inLanguage"] = declared
        if article.published:
            data["datePublished"] = article.published.isoformat()
        if article.modified:
            data["dateModified"] = article.modified.isoformat()
        paragraphs = article.paragraphs
        if article.paywalled:
            data["isAccessibleForFree"] = False
            data["hasPart"] = {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"}
            paragraphs = paragraphs[:2]
        body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
        if article.paywalled:
            body += f'<div class="paywall"><p>{_SUBSCRIBE[article.language]}</p></div>'
        related = "".join(
            f'<li><a href="{self.articles[n].path}">{escape(self.articles[n].headline)}</a></li>'
            for n in article.related
        )
        aside = (
            f"<aside class='related'><h2>{_RELATED[article.language]}</h2><ul>{related}</ul></aside>" if related else ""
        )
        html = f"<html lang='{declared}'>" if declared else "<html>"
        locale = f"<meta property='og:locale' content='{LOCALES[declared]}'>" if declared else ""
        return (
            f"<!doctype html>{html}<head><meta charset='utf-8'>"
            f"<title>{escape(article.headline)}</title><link rel='canonical' href='{base}{article.path}'>"
            f"<meta property='og:type' content='article'>{locale}"
            f"<script type='application/ld+json'>{json.dumps(data, ensure_ascii=False)}</script></head>"
            f"<body><article><h1>{escape(article.headline)}</h1><div class='body'>{body}</div></article>{aside}"
            "</body></html>"
        )

    def _news_sitemap(self, base: str) -> str:
        cutoff = self.now - timedelta(days=NEWS_SITEMAP_DAYS)
        entries = "".join(
            f"<url><loc>{base}{a.path}</loc><news:news><news:publication><news:name>Dated Herald</news:name>"
            f"<news:language>{a.language}</news:language></news:publication>"
            f"<news:publication_date>{a.published.isoformat()}</news:publication_date>"  # type: ignore[union-attr]
            f"<news:title>{escape(a.headline)}</news:title></news:news></url>"
            for a in self.dated()
            if a.published and a.published >= cutoff
        )
        return f'<?xml version="1.0"?><urlset xmlns="{_SITEMAP_NS}" xmlns:news="{_NEWS_NS}">{entries}</urlset>'

    def _urlset(self, base: str) -> str:
        recent = self.now - timedelta(days=NEWS_SITEMAP_DAYS)
        older = [a for a in self.dated() if a.published and a.published < recent]
        entries = "".join(
            f"<url><loc>{base}{a.path}</loc>" + (f"<lastmod>{a.lastmod.isoformat()}</lastmod>" if a.lastmod else "")
            + "</url>"
            for a in [*older, *self.undated()]
        )  # fmt: skip
        return f'<?xml version="1.0"?><urlset xmlns="{_SITEMAP_NS}">{entries}</urlset>'

    def _feed(self, base: str) -> str:
        items = "".join(
            f"<item><title>{escape(a.headline)}</title><link>{base}{a.path}</link>"
            f"<pubDate>{format_datetime(a.published, usegmt=True)}</pubDate></item>"  # type: ignore[arg-type]
            for a in self.dated()[:FEED_SIZE]
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Dated Herald</title>{items}</channel></rss>'


_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def _html(text: str) -> Answer:
    return Answer(200, text.encode("utf-8"), {"Content-Type": HTML})


def main(argv: list[str] | None = None) -> int:
    """``python -m newsbot.sample_site.dated [--host H] [--port P] [--seed S]``: serve the site until
    SIGTERM or Ctrl-C (exit status 0)."""
    import argparse
    import signal

    from newsbot.sample_site.second.server import serve_second

    parser = argparse.ArgumentParser(prog="python -m newsbot.sample_site.dated", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8767, help="0 picks a free port (default: 8767)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    with serve_second(DatedSite(seed=args.seed), args.host, args.port) as server:  # type: ignore[arg-type]
        print(f"Serving {server.base_url}/", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            stopped.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
