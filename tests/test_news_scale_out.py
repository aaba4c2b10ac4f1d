"""``news`` workers on one Redis and one PostgreSQL store what one ``news`` crawl stores (issue 17, item 4).

The second replica marks a tenth of its stories as articles only by their URL shape, which the
spider learns from the sitemaps. With several workers only one of them reads a given sitemap;
the others must still take those pages for articles: the request carries the shape its worker
learnt, and the run keeps what discovery learnt in Redis (:mod:`newsbot.frontier.learnt`).
Needs PostgreSQL and Redis on 127.0.0.1 (``.ci/run`` starts them); fails when they don't answer.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from schedule_support import LOCAL, run_crawl
from servers.tiny import TinySite
from services import postgres_schema
from test_scale_out import REDIS_URL, finish, prefix, start_workers  # noqa: F401 (prefix: a fixture)

from newsbot.sample_site.second import SecondSite, serve_second
from newsbot.storage.readonly import read_rows

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

WORKERS = 3
#: Every worker gets a share of the pages (20 a second each), however late it starts.
PACED = ["-s", "DOWNLOAD_DELAY=0.05", "-s", "CONCURRENT_REQUESTS=4"]
#: A site of 50 pages: 5 a second each.
TINY_PACE = ["-s", "DOWNLOAD_DELAY=0.2", "-s", "CONCURRENT_REQUESTS=2"]
#: The archive chain is reached through Related links only. Which depth a worker first reaches an
#: article at depends on the order pages arrive in, and the shortest-path bookkeeping is each
#: worker's own; a depth beyond the chain makes what is reached independent of it (this test is
#: about discovery, not depth).
DEEP = ["-s", "NEWSBOT_FOLLOW_DEPTH=7"]


def news_args(base_url: str, *extra: str) -> list[str]:
    return ["-a", f"site={base_url}/", *LOCAL, *DEEP, *extra]


def worker_args(base_url: str, database: str, key_prefix: str, pace: list[str] = PACED) -> list[str]:
    return news_args(
        base_url, "-s", f"NEWSBOT_DATABASE_URL={database}", "-s", f"NEWSBOT_REDIS_URL={REDIS_URL}",
        "-s", f"NEWSBOT_REDIS_KEY_PREFIX={key_prefix}", "-s", "NEWSBOT_REDIS_IDLE_SECONDS=4",
        "-s", "NEWSBOT_REDIS_LEASE_SECONDS=10", *pace,
    )  # fmt: skip


def urls(database: str, sql: str) -> set[str]:
    return {url for (url,) in read_rows(database, sql)}


def stat(log: str, name: str) -> int:
    found = re.search(rf"'{re.escape(name)}': (\d+)", log)
    return int(found.group(1)) if found else 0


def run_workers(
    base_url: str, database: str, key_prefix: str, folder: Path, count: int, pace: list[str] = PACED
) -> list[str]:
    """``count`` ``news`` workers on one run to their end; their logs."""
    workers = start_workers(worker_args(base_url, database, key_prefix, pace), folder, count, spider="news")
    codes = finish(workers, timeout=240)
    logs = [log.read_text() for _, log in workers]
    assert codes == [0] * count, "\n\n".join(text[-2500:] for text in logs)
    assert all("Traceback" not in text for text in logs)
    return logs


@pytest.mark.slow
def test_news_workers_store_what_one_news_crawl_stores(prefix: str, tmp_path: Path) -> None:  # noqa: F811
    site = SecondSite(seed=0, count=200)
    shape_only = {story.path for story in site.listed() if story.evidence == "none"}
    assert len(shape_only) >= 10
    with serve_second(site) as server:
        base = server.base_url
        one = tmp_path / "one.db"
        done = run_crawl(*news_args(base, "-s", f"NEWSBOT_SQLITE_PATH={one}"), spider="news", timeout=240)
        assert done.returncode == 0, done.stderr[-3000:]
        reference = f"sqlite:///{one}"
        one_stored = urls(reference, "SELECT canonical_url FROM articles")
        one_copies = urls(reference, "SELECT url FROM duplicates")
        assert {base + path for path in shape_only} <= one_stored | one_copies
        with postgres_schema() as database:
            logs = run_workers(base, database, prefix, tmp_path, WORKERS)
            stored = urls(database, "SELECT canonical_url FROM articles")
            copies = urls(database, "SELECT url FROM duplicates")
            pages = read_rows(database, "SELECT pages FROM crawl_runs")
    assert len(pages) == WORKERS and all(n > 0 for (n,) in pages), pages  # every worker did a part
    # which of a wire story's versions is stored first depends on arrival order; the pages are the same
    assert stored | copies == one_stored | one_copies
    assert len(stored) == len(one_stored) and len(copies) == len(one_copies)
    assert {base + path for path in shape_only} <= stored | copies  # a wire story may be the copy
    # the pages one crawl drops (sitemap entries of no article shape, fetched while within the budget) and no other
    dropped = stat(done.stderr, "newsbot/dropped/not_an_article")
    assert sum(stat(log, "newsbot/dropped/not_an_article") for log in logs) == dropped
    # Whether a page is taken by a shape another worker learnt, or by its content first
    # (NEWSBOT_ARTICLE_MIN_SCORE), depends on arrival order: tests/test_shared_discovery.py pins the
    # carried and the shared shape on their own.
    # discovery ran once for the run: one worker read the home page, the sitemaps were read once
    assert sum(stat(log, "newsbot/discovery/learnt_shapes") for log in logs) == 1
    assert sum(stat(log, "newsbot/discovery/sitemaps") for log in logs) == 5
    assert sum(stat(log, "newsbot/discovery/feeds") for log in logs) == 1


ARTICLE = """<html><head><title>{title}</title>{data}</head><body><article><h1>{title}</h1>
<p>{text}</p><p>{text} {text}</p></article></body></html>"""
JSONLD = '<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{title}"}}</script>'
WORDS = ("Gemeinderat", "Radweg", "Brücke", "Markt", "Bäckerei", "Schule", "Bahnhof", "Verein", "Feuerwehr",
         "Bürgermeisterin", "Haushalt", "Sporthalle", "Bibliothek", "Kita", "Wochenmarkt", "Stadtwerke", "Ortsteil",
         "Umleitung", "Baustelle", "Festwoche")  # fmt: skip
#: News sitemap entries of shapes never learnt (none has 3 URLs), pages without article data.
NOT_ARTICLES = ("/video/88776655", "/audio/44556677", "/live/ticker-zum-stadtfest-am-wochenende",
                "/bilder/2026/11/99887766")  # fmt: skip
TINY_ARTICLES = 40
TINY_SHAPE_ONLY = 6


def story_text(n: int) -> str:
    """A paragraph of its own for each page (the same text twice would be stored once, as a copy)."""
    rng = random.Random(n)
    return " ".join(f"{rng.choice(WORDS)} {rng.randint(10, 9999)}" for _ in range(60)) + "."


def tiny_news_site() -> dict[str, tuple[str, str]]:
    """A news sitemap of articles of one shape (learnt; a few have no article data: articles by their
    URL alone) and of pages of other shapes with no article data (not articles); ``{base}`` to fill in."""
    pages: dict[str, tuple[str, str]] = {"/": ("text/html", "<html><body><p>Startseite</p></body></html>")}
    entries = []
    for n in range(TINY_ARTICLES):
        title = f"Meldung {n} aus der Stadt"
        path = f"/lokales/meldung-nummer-{n}-aus-der-stadt-{100200 + n}.html"
        data = JSONLD.format(title=title) if n >= TINY_SHAPE_ONLY else ""
        pages[path] = ("text/html", ARTICLE.format(title=title, data=data, text=story_text(n)))
        entries.append(path)
    for n, path in enumerate(NOT_ARTICLES, 1000):
        pages[path] = ("text/html", ARTICLE.format(title=f"Seite {n}", data="", text=story_text(n)))
        entries.append(path)
    pages["/robots.txt"] = ("text/plain", "User-agent: *\nAllow: /\nSitemap: {base}/sitemap-news.xml\n")
    urlset = "".join(
        f"<url><loc>{{base}}{path}</loc><news:news><news:publication><news:name>Stadtblatt</news:name>"
        f"<news:language>de</news:language></news:publication><news:publication_date>2026-12-01T08:00:00+01:00"
        f"</news:publication_date><news:title>Meldung</news:title></news:news></url>"
        for path in entries
    )
    pages["/sitemap-news.xml"] = (
        "application/xml",
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urlset}</urlset>',
    )
    return pages


@pytest.mark.slow
def test_news_workers_still_drop_pages_of_no_learnt_shape_and_no_article_data(
    prefix: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    pages = tiny_news_site()
    with TinySite(pages) as site:
        base = site.base_url
        for path, (kind, body) in list(pages.items()):
            pages[path] = (kind, body.replace("{base}", base))
        with postgres_schema() as database:
            logs = run_workers(base, database, prefix, tmp_path, 2, pace=TINY_PACE)
            stored = {url.removeprefix(base) for url in urls(database, "SELECT canonical_url FROM articles")}
            runs = read_rows(database, "SELECT pages, stored FROM crawl_runs")
    assert len(runs) == 2 and all(pages > 0 and stored > 0 for pages, stored in runs), runs
    assert stored == {path for path in pages if path.startswith("/lokales/")}  # shape-only ones included
    assert sum(stat(log, "newsbot/dropped/not_an_article") for log in logs) == len(NOT_ARTICLES)
    dropped = "\n".join(logs)
    assert all(f"Dropped {base}{path} (not_an_article" in dropped for path in NOT_ARTICLES)
