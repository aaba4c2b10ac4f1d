"""What a store holds and what its crawls did, as figures for the reports (text and HTML).

Counts come from the database alone: articles, copies and links from their tables, per site and per
day from the articles' rows, and each crawl run from ``crawl_runs`` (a shared run's workers summed):
its pages (``crawl_runs.pages``: HTTP answers received, 304 and redirects included), what it stored,
its drops and failures by reason and the field coverage of the items it extracted. Articles are the
stored originals (rows flagged as copies in ``NEWSBOT_DEDUP_MODE=flag`` are not counted twice). Rows are
streamed; what is kept grows with sites, days and runs, never with articles.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from newsbot.archive.cursors import Archive
from newsbot.items import LINK_KINDS

COVERAGE_FIELDS = ("headline", "authors", "datePublished", "articleBody")
DROP_PREFIXES = ("newsbot/dropped/", "newsbot/skipped/")
ERROR_PREFIX = "newsbot/errors/"
COVERAGE_PREFIX = "newsbot/coverage/"


@dataclass
class SiteFigures:
    """One site's stored articles: how many, copies of them recorded, field coverage, published range."""

    site: str
    articles: int = 0
    copies: int = 0
    filled: Counter[str] = field(default_factory=Counter)
    first_published: str | None = None
    last_published: str | None = None

    def coverage(self, name: str) -> float | None:
        """Share of this site's stored articles with ``name`` filled (``None`` without articles)."""
        return self.filled[name] / self.articles if self.articles else None


@dataclass
class RunFigures:
    """One crawl run (all workers of a shared run): when, pages, stored, copies, drops, failures, coverage."""

    run: str
    spider: str
    started_at: str | None = None
    finished_at: str | None = None
    finish_reasons: list[str] = field(default_factory=list)
    workers: int = 0
    unfinished: int = 0
    pages: int = 0
    stored: int = 0
    copies: int = 0
    drops: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    items: int = 0
    filled: Counter[str] = field(default_factory=Counter)

    @property
    def outcome(self) -> str:
        """``running or killed`` while a worker has no finish, else the first reason that is not ``finished``."""
        if self.unfinished:
            return "running or killed"
        return next((reason for reason in self.finish_reasons if reason != "finished"), "finished")

    def coverage(self, name: str) -> float | None:
        """Share of the run's extracted items with ``name`` filled (``None`` when it extracted none)."""
        return self.filled[name] / self.items if self.items else None


@dataclass
class Copy:
    """A page recorded as a copy of a stored article."""

    url: str
    headline: str | None
    similarity: float | None
    method: str
    seen_at: str | None


@dataclass
class Cluster:
    """A stored article and the copies recorded against it."""

    original: str
    headline: str | None
    copies: list[Copy] = field(default_factory=list)


@dataclass
class Overview:
    """The store at a glance (see the module docstring for where each figure comes from)."""

    location: str
    articles: int = 0
    copies: int = 0
    links: dict[str, int] = field(default_factory=dict)
    sites: list[SiteFigures] = field(default_factory=list)
    stored_per_day: list[tuple[str, int]] = field(default_factory=list)
    runs: list[RunFigures] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)


def site_of(url: str) -> str:
    """The host of ``url`` without ``www.`` (and with its port when it has one)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}:{parts.port}" if parts.port else host


def read_overview(archive: Archive, *, runs: int = 20, days: int = 60, clusters: int = 50) -> Overview:
    """The overview of ``archive``: the last ``runs`` runs, ``days`` days with stored articles, ``clusters`` copies."""
    overview = Overview(location=archive.location)
    sites: dict[str, SiteFigures] = {}
    per_day: Counter[str] = Counter()
    for key, headline, published, has_body, authors, first_seen in archive.rows(
        "SELECT canonical_url, headline, date_published, article_body IS NOT NULL AND article_body <> '',"
        f" {archive.authors_count}, first_seen FROM articles WHERE duplicate_of IS NULL"
    ):
        figures = sites.setdefault(site_of(key), SiteFigures(site_of(key)))
        figures.articles += 1
        overview.articles += 1
        figures.filled.update(
            name for name, value in zip(COVERAGE_FIELDS, (headline, authors, published, has_body), strict=True) if value
        )
        if published:
            day = published[:10]
            figures.first_published = min(figures.first_published or day, day)
            figures.last_published = max(figures.last_published or day, day)
        if first_seen:
            per_day[first_seen[:10]] += 1
    for (url,) in archive.rows("SELECT url FROM duplicates"):
        sites.setdefault(site_of(url), SiteFigures(site_of(url))).copies += 1
        overview.copies += 1
    overview.sites = sorted(sites.values(), key=lambda figures: (-figures.articles, figures.site))
    overview.stored_per_day = sorted(per_day.items())[-days:]
    overview.links = {kind: 0 for kind in LINK_KINDS}
    for kind, count in archive.rows("SELECT kind, COUNT(*) FROM links GROUP BY kind"):
        overview.links[kind] = int(count)
    overview.runs = _runs(archive, runs)
    overview.clusters = _clusters(archive, clusters)
    return overview


def _runs(archive: Archive, wanted: int) -> list[RunFigures]:
    found: dict[str, RunFigures] = {}
    for run, spider, started, finished, reason, stats_json, pages, stored, copies in archive.rows(
        "SELECT COALESCE(run_key, CAST(id AS TEXT)), spider, started_at, finished_at, finish_reason, stats_json,"
        " pages, stored, copies FROM crawl_runs WHERE spider <> 'open check' ORDER BY id DESC"
    ):
        if run not in found:
            if len(found) >= wanted:
                break
            found[run] = RunFigures(run=run, spider=spider)
        figures = found[run]
        figures.workers += 1
        figures.started_at = min(figures.started_at or started, started)
        if finished is None:
            figures.unfinished += 1
        else:
            figures.finished_at = max(figures.finished_at or finished, finished)
        figures.finish_reasons.append(reason or "")
        figures.pages += int(pages or 0)
        figures.stored += int(stored or 0)
        figures.copies += int(copies or 0)
        _add_stats(figures, stats_json)
    return list(found.values())[::-1]  # oldest first


def _add_stats(figures: RunFigures, stats_json: str | None) -> None:
    try:
        stats: dict[str, Any] = json.loads(stats_json or "{}")
    except ValueError:
        return
    for name, value in stats.items():
        if not isinstance(value, int | float) or not value:
            continue
        if name.startswith(DROP_PREFIXES):
            figures.drops[name.removeprefix("newsbot/")] += int(value)
        elif name.startswith(ERROR_PREFIX) and not name.endswith("IgnoreRequest"):
            figures.errors[name.removeprefix(ERROR_PREFIX)] += int(value)
    figures.items += int(stats.get(f"{COVERAGE_PREFIX}items") or 0)
    for name in COVERAGE_FIELDS:
        figures.filled[name] += int(stats.get(f"{COVERAGE_PREFIX}{name}") or 0)


def _clusters(archive: Archive, wanted: int) -> list[Cluster]:
    by_original: dict[str, Cluster] = {}
    for url, original, similarity, method, headline, seen_at, original_headline in archive.rows(
        "SELECT d.url, d.duplicate_of, d.similarity, d.method, d.headline, d.seen_at, a.headline FROM duplicates d"
        " LEFT JOIN articles a ON a.canonical_url = d.duplicate_of ORDER BY d.seen_at DESC, d.url"
    ):
        if original not in by_original:
            if len(by_original) >= wanted:
                continue
            by_original[original] = Cluster(original, original_headline)
        by_original[original].copies.append(Copy(url, headline, similarity, method, seen_at))
    return list(by_original.values())
