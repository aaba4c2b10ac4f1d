"""Fill a store with generated articles, fast (plain SQL, no crawl), for load tests of what reads the archive.

``python -m newsbot.archive.synthetic --db URL --articles 100000 [--body-words 400]`` creates the
schema (as a crawl would) and writes articles spread over several sites and three years, each with
authors, links of every kind, one revision, and one recorded copy for every tenth article. The
text is generated from a fixed vocabulary, seeded: the same arguments give the same database.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from newsbot.storage.factory import make_store, sqlite_path

WORDS = (
    "council", "harbour", "budget", "river", "election", "ministry", "farmers", "court", "energy", "pipeline",
    "festival", "storm", "railway", "school", "hospital", "museum", "treaty", "border", "market", "drought",
    "vaccine", "bridge", "coast", "police", "union", "strike", "league", "coach", "season", "tariff", "export",
    "grain", "mayor", "village", "senate",
)  # fmt: skip
SITES = ("alpha.example", "www.beta.example", "gamma.example", "delta.example")
LANGUAGES = ("en", "de", "fr")
BATCH = 1000
STATEMENTS = (
    "INSERT INTO articles (canonical_url, url, headline, article_body, date_published, language, content_hash,"
    " item_json, first_seen, last_seen, revision, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1)",
    "INSERT INTO revisions (canonical_url, revision, content_hash, item_json, stored_at, run_id)"
    " VALUES (?, 1, ?, ?, ?, 1)",
    "INSERT INTO links (from_url, to_url, kind, headline) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
    "INSERT INTO duplicates (url, duplicate_of, similarity, method, seen_at, run_id) VALUES (?, ?, 0.9, 'near', ?, 1)",
)


def _articles(count: int, body_words: int, seed: int) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for number in range(count):
        site = SITES[number % len(SITES)]
        key = f"https://{site}/news/{number:08d}-{rng.choice(WORDS)}-{rng.choice(WORDS)}"
        published = (start + timedelta(minutes=number * 1576800 // max(count, 1))).isoformat()
        body = " ".join(rng.choice(WORDS) for _ in range(body_words))
        links = [
            {"url": f"https://{site}/news/{rng.randrange(count):08d}-story", "headline": "A story", "kind": kind}
            for kind in ("related", "related", "recommended", "explore")
        ]  # fmt: skip
        item = {
            "url": key, "canonicalUrl": key, "headline": f"Story {number}", "articleBody": body,
            "datePublished": published, "inLanguage": LANGUAGES[number % 3], "relatedLinks": links,
            "authors": [{"name": f"Writer {number % 97}", "url": None}],
        }  # fmt: skip
        item_json = json.dumps(item)
        row = (key, key, item["headline"], body, published, item["inLanguage"], f"h{number}", item_json, published)
        yield row, [(key, link["url"], link["kind"], link["headline"]) for link in links]


def fill(url: str, articles: int, body_words: int = 400, seed: int = 1) -> None:
    """Create the schema of ``url`` and write ``articles`` generated articles with their parts."""
    url = url if "://" in url else f"sqlite:///{url}"
    with make_store(url, 100):
        pass
    connection, placeholder = _connect(url)
    statements = tuple(statement.replace("?", placeholder) for statement in STATEMENTS)
    batch: list[tuple[Any, ...]] = []
    links: list[tuple[Any, ...]] = []
    with connection:
        cursor = connection.cursor()
        for row, article_links in _articles(articles, body_words, seed):
            batch.append(row)
            links.extend(article_links)
            if len(batch) >= BATCH:
                _write(cursor, statements, batch, links)
                batch, links = [], []
        _write(cursor, statements, batch, links)
    connection.close()


def _write(cursor: Any, statements: tuple[str, ...], batch: list[Any], links: list[Any]) -> None:
    if not batch:
        return
    insert_article, insert_revision, insert_link, insert_copy = statements
    cursor.executemany(insert_article, [(*row, row[8]) for row in batch])
    cursor.executemany(insert_revision, [(row[0], row[6], row[7], row[8]) for row in batch])
    cursor.executemany(insert_link, links)
    cursor.executemany(insert_copy, [(f"{row[0]}-copy", row[0], row[8]) for row in batch if int(row[6][1:]) % 10 == 0])


def _connect(url: str) -> tuple[Any, str]:
    path = sqlite_path(url)
    if path is not None:
        import sqlite3

        return sqlite3.connect(path), "?"
    import psycopg

    return psycopg.connect(url), "%s"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m newsbot.archive.synthetic", description=__doc__)
    parser.add_argument("--db", required=True, help="store URL or SQLite file path (created)")
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--body-words", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    fill(args.db, args.articles, args.body_words, args.seed)


if __name__ == "__main__":
    main()
