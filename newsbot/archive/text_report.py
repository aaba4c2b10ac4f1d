"""``python -m newsbot report`` as text, and the copy lines the demo's report shares with it."""

from __future__ import annotations

from newsbot.archive.overview import COVERAGE_FIELDS, Overview
from newsbot.redaction import redact


def archive_report(overview: Overview) -> str:
    """``python -m newsbot report`` as text: totals, the last runs, the sites, the copies (as the HTML report)."""
    links = ", ".join(f"{kind} {count}" for kind, count in overview.links.items())
    lines = [
        f"Database: {redact(overview.location)}",
        f"Articles stored: {overview.articles}, copies recorded: {overview.copies}, sites: {len(overview.sites)}",
        f"Links by kind: {links}",
        f"Crawl runs (last {len(overview.runs)}):",
    ]
    for run in reversed(overview.runs):
        drops = ", ".join(f"{name} {count}" for name, count in sorted(run.drops.items())) or "none"
        errors = ", ".join(f"{name} {count}" for name, count in sorted(run.errors.items())) or "none"
        lines.append(
            f"  {run.run} {run.spider} started {run.started_at} {run.outcome}: pages {run.pages}, stored {run.stored},"
            f" copies {run.copies}; drops {drops}; failures {errors}"
        )
    lines.append("Sites:")
    for site in overview.sites:
        shares = ", ".join(
            f"{name} {site.coverage(name):.0%}" for name in COVERAGE_FIELDS if site.coverage(name) is not None
        )
        lines.append(f"  {site.site}: {site.articles} articles, {site.copies} copies; {shares or 'no articles'}")
    lines.append(f"Copies by original (last {len(overview.clusters)} originals):")
    lines.extend(copy_lines(overview))
    return "\n".join(lines)


def copy_lines(overview: Overview) -> list[str]:
    """Two lines per recorded copy: the copy (how it was recognised, how similar) and its original."""
    lines = []
    for cluster in sorted(overview.clusters, key=lambda cluster: cluster.original):
        for copy in sorted(cluster.copies, key=lambda copy: copy.url):
            score = f"{copy.similarity:.2f}" if copy.similarity is not None else "n/a"
            lines.append(f"  {copy.url} ({copy.headline!r}) is a copy ({copy.method}, similarity {score}) of")
            lines.append(f"      {cluster.original} ({cluster.headline!r})")
    return lines
