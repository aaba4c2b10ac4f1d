"""``python -m newsbot demo``: the README's first command, run as a user runs it (a subprocess).

The report's figures are checked against the database (counted here with plain SQL) and the
database against the replica's own story data (``SampleSite.demo()`` builds the same site the
demo serves): which stories exist, which are wire copies of one another, which page is truncated,
which links each story's blocks hold.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from schedule_support import ROOT, check_each_story_stored_once, rows, stored_stories

from newsbot.sample_site import SampleSite
from newsbot.sample_site.urls import article_id_from_path

#: Subprocess crawls and servers: a quick pass skips them (`pytest -m "not slow"`).
pytestmark = pytest.mark.slow

KINDS = ("related", "recommended", "explore")


def run_demo(database: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsbot", "demo", "--db", str(database), *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)


def report_line(report: str, label: str) -> str:
    """The rest of the report line that starts with ``label: ``."""
    match = re.search(rf"^{re.escape(label)}: (.*)$", report, re.MULTILINE)
    assert match, f"no {label!r} line in:\n{report}"
    return match.group(1)


def named_counts(text: str) -> dict[str, int]:
    """``"a 1, b/c 2"`` -> ``{"a": 1, "b/c": 2}``; ``"none"`` -> ``{}``."""
    if text == "none":
        return {}
    return {name: int(count) for name, count in (part.rsplit(" ", 1) for part in text.split(", "))}


def expected_links(site: SampleSite, stored: set[str]) -> Counter[str]:
    """Links by kind that the stored stories' Related, RECOMMENDED and Explore blocks hold on the replica.

    A link counts once per (story, target, kind); its target is an article of the replica in any
    URL form, or an article address that answers 404 (the replica's dead link).
    """
    links = set()
    for story in stored:
        article = site.articles[story]
        for kind, block in zip(KINDS, (article.related, article.recommended, article.explore), strict=True):
            for link in block:
                target = site.resolve(link.href)
                target_id = target.id if target is not None else article_id_from_path(link.href)
                if target_id is not None:
                    links.add((story, target_id, kind))
    return Counter(kind for _, _, kind in links)


def test_demo_stores_every_story_once_and_reports_what_the_database_holds(tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite3"
    done = run_demo(database)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    report = done.stdout
    base = re.search(r"Serving the replica site at (http://127\.0\.0\.1:\d+)/", report)
    assert base, report
    assert report_line(report, "Database") == str(database)
    # a component that is off by default (the feed hint without -o) is not a WARNING of every crawl
    assert "Disabled" not in done.stdout + done.stderr

    site = SampleSite.demo()
    stored, copies = stored_stories(database)
    check_each_story_stored_once(site, stored, copies)
    truncated = [a for a in site.articles.values() if a.truncated]
    assert len(stored) == len(site.articles) - len(site.wire_copies) - len(truncated) == 31
    assert {url.rsplit("/article/", 1)[0] for (url,) in rows(database, "SELECT url FROM articles")} == {base[1]}

    articles = re.fullmatch(
        r"(\d+) \(this run: (\d+) written, finish reason: (\w+)\)", report_line(report, "Articles stored")
    )
    assert articles, report
    assert (int(articles[1]), int(articles[2]), articles[3]) == (len(stored), len(stored), "finished")

    (stats_json,) = rows(database, "SELECT stats_json FROM crawl_runs")[0]
    stats = json.loads(stats_json)
    pages = re.fullmatch(r"(\d+), items extracted: (\d+)", report_line(report, "Pages downloaded"))
    assert pages, report
    assert int(pages[1]) == stats["downloader/response_count"]
    assert int(pages[2]) == len(site.articles)  # every article page gives an item, the truncated one too

    links = named_counts(report_line(report, "Links by kind"))
    assert links == dict(rows(database, "SELECT kind, COUNT(*) FROM links GROUP BY kind"))
    assert links == expected_links(site, stored)

    reasons = named_counts(report_line(report, "Dropped or failed"))
    assert sum(n for reason, n in reasons.items() if reason.startswith("dropped/")) == len(truncated)
    assert sum(n for reason, n in reasons.items() if reason.startswith("duplicate/")) == len(site.wire_copies)
    assert reasons.get("errors/http_404") == 1  # the dead link
    for reason, count in reasons.items():
        assert stats[f"newsbot/{reason.replace('duplicate/', 'dedup/')}"] == count

    assert int(report_line(report, "Duplicates recognised")) == len(copies) == len(site.wire_copies)
    for copy, original in copies.items():
        pair = re.search(rf"^  \S+/article/{copy} .* is a copy .* of\n      \S+/article/(\w+) ", report, re.MULTILINE)
        assert pair and pair[1] == original, report


def test_demo_empties_the_database_first(tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite3"
    assert run_demo(database).returncode == 0
    again = run_demo(database)
    assert again.returncode == 0, again.stdout + again.stderr[-3000:]
    # the second demo serves the replica on another port: a kept database would hold every story twice
    base = re.search(r"Serving the replica site at (http://127\.0\.0\.1:\d+)/", again.stdout)
    assert base, again.stdout
    assert {url.rsplit("/article/", 1)[0] for (url,) in rows(database, "SELECT url FROM articles")} == {base[1]}
    assert rows(database, "SELECT COUNT(*) FROM crawl_runs") == [(1,)]
    stored, copies = stored_stories(database)
    check_each_story_stored_once(SampleSite.demo(), stored, copies)
    assert f"Articles stored: {len(stored)} (this run: {len(stored)} written" in again.stdout
