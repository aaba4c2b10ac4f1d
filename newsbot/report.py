"""A short, readable report of a crawl: what was stored, which links, what was dropped and why."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsbot.storage import SqliteStore

DROP_PREFIXES = ("newsbot/dropped/", "newsbot/errors/")


def drop_reasons(stats: Mapping[str, Any]) -> dict[str, int]:
    """Pages dropped or failed during a crawl, by reason, from its stats."""
    reasons: dict[str, int] = {}
    for key, value in stats.items():
        for prefix in DROP_PREFIXES:
            if key.startswith(prefix):
                reasons[key.removeprefix("newsbot/")] = int(value)
    for kind in ("exact", "near"):
        count = stats.get(f"newsbot/dedup/{kind}")
        if count:
            reasons[f"duplicate/{kind}"] = int(count)
    return dict(sorted(reasons.items()))


def crawl_report(store: SqliteStore, stats: Mapping[str, Any]) -> str:
    """The report as text: counts from the database, reasons from the stats."""
    lines = [f"Database: {store.path}"]
    articles = store.query("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NULL")[0][0]
    new = stats.get("newsbot/store/queued", 0)
    lines.append(f"Articles stored: {articles} (this run: {new} written, finish reason: {stats.get('finish_reason')})")
    pages = stats.get("downloader/response_count", 0)
    lines.append(f"Pages downloaded: {pages}, items extracted: {stats.get('newsbot/spider/articles', 0)}")
    links = store.query("SELECT kind, COUNT(*) FROM links GROUP BY kind ORDER BY kind")
    lines.append("Links by kind: " + (", ".join(f"{kind} {count}" for kind, count in links) or "none"))
    reasons = drop_reasons(stats)
    lines.append("Dropped or failed: " + (", ".join(f"{r} {n}" for r, n in reasons.items()) or "none"))
    duplicates = store.query(
        "SELECT d.url, d.method, d.similarity, d.duplicate_of, a.headline, d.headline FROM duplicates d"
        " LEFT JOIN articles a ON a.canonical_url = d.duplicate_of ORDER BY d.duplicate_of, d.url"
    )
    lines.append(f"Duplicates recognised: {len(duplicates)}")
    for url, method, similarity, original, original_headline, headline in duplicates:
        score = f"{similarity:.2f}" if similarity is not None else "n/a"
        lines.append(f"  {url} ({headline!r}) is a {method} copy (similarity {score}) of")
        lines.append(f"      {original} ({original_headline!r})")
    return "\n".join(lines)
