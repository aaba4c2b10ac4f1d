"""The HTML report: one self-contained page (inline CSS and SVG, no script) from an :class:`Overview`.

Sections: totals; stories stored per day (bars); crawl runs with pages, stored, copies, drops and
failures by reason; field coverage over the runs (lines: a falling line is a layout that broke);
sites with their coverage; copies grouped by original. Every text from the web is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from html import escape
from typing import Any

from newsbot.archive.overview import COVERAGE_FIELDS, Overview, RunFigures
from newsbot.archive.svg import bar_chart, line_chart
from newsbot.redaction import redact

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #1f2328; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
h2 { margin-top: 1.8em; border-bottom: 1px solid #d0d7de; }
.empty { color: #57606a; font-style: italic; }
"""


def render_html(overview: Overview, *, generated: datetime | None = None) -> str:
    """The report page for ``overview``."""
    when = (generated or datetime.now(UTC)).isoformat(timespec="seconds")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>newsbot report</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>newsbot report</h1>",
        f"<p>{escape(redact(overview.location))}, generated {escape(when)}.</p>",
        _totals(overview),
        "<h2>Stories stored per day</h2>",
        bar_chart(overview.stored_per_day, label="stories stored per day"),
        "<h2>Crawl runs</h2>",
        _runs_table(overview.runs),
        "<h2>Field coverage per run</h2>",
        _coverage_chart(overview.runs),
        "<h2>Sites</h2>",
        _sites_table(overview),
        "<h2>Copies by original</h2>",
        _clusters(overview),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _table(table_id: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    body = []
    for row in rows:
        cells = [
            f'<td class="n">{value}</td>' if isinstance(value, int | float) else f"<td>{escape(str(value))}</td>"
            for value in row
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not body:
        return '<p class="empty">None yet.</p>'
    head = "".join(f"<th>{escape(header)}</th>" for header in headers)
    thead = f"<thead><tr>{head}</tr></thead>" if any(headers) else ""
    return f'<table id="{table_id}">{thead}<tbody>{"".join(body)}</tbody></table>'


def _totals(overview: Overview) -> str:
    links = ", ".join(f"{kind} {count}" for kind, count in overview.links.items())
    rows = [
        ("articles stored", overview.articles),
        ("copies recorded", overview.copies),
        ("sites", len(overview.sites)),
        ("links by kind", links or "none"),
        ("crawl runs shown", len(overview.runs)),
    ]
    return _table("totals", ("", ""), rows)


def _reasons(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in sorted(counts.items())) or "none"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _runs_table(runs: list[RunFigures]) -> str:
    headers = ("run", "spider", "started", "finished", "outcome", "workers", "pages", "stored", "copies",
               "drops by reason", "failures by kind")  # fmt: skip
    rows = [
        (run.run, run.spider, run.started_at or "", run.finished_at or "", run.outcome, run.workers, run.pages,
         run.stored, run.copies, _reasons(run.drops), _reasons(run.errors))
        for run in reversed(runs)
    ]  # fmt: skip
    return _table("runs", headers, rows)


def _coverage_chart(runs: list[RunFigures]) -> str:
    measured = [run for run in runs if run.items]
    names = [run.run for run in measured]
    series = {name: [run.coverage(name) for run in measured] for name in COVERAGE_FIELDS}
    return line_chart(names, series, label="field coverage per run")


def _sites_table(overview: Overview) -> str:
    headers = ("site", "articles", "copies", "first published", "last published", *COVERAGE_FIELDS)
    rows = [
        (site.site, site.articles, site.copies, site.first_published or "", site.last_published or "",
         *(_share(site.coverage(name)) for name in COVERAGE_FIELDS))
        for site in overview.sites
    ]  # fmt: skip
    return _table("sites", headers, rows)


def _clusters(overview: Overview) -> str:
    rows = []
    for cluster in overview.clusters:
        for copy in cluster.copies:
            similarity = "" if copy.similarity is None else f"{copy.similarity:.2f}"
            rows.append((cluster.original, cluster.headline or "", copy.url, copy.headline or "", copy.method,
                         similarity))  # fmt: skip
    return _table("copies", ("original", "its headline", "copy", "copy's headline", "method", "similarity"), rows)
