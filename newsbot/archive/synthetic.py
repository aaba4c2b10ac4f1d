"""Fill a store with generated articles, fast (plain SQL, no crawl), for load tests of what reads the archive.

``python -m newsbot.archive.synthetic --db URL --articles 100000 [--body-words 400] [--links 12]``
creates the schema (as a crawl would) and writes articles spread over several sites and three
years, in the layout a crawl writes (:mod:`newsbot.storage.item_layout`): items with the fields a
crawl stores (description, authors, keywords, picture, metadata), links of every kind with
headlines, one revision, a dedup signature (:func:`newsbot.dedup.encode_minhash`, 256 values; on
PostgreSQL its ``dedup_bands`` rows too) and one recorded copy for every tenth article. The text
is generated from a fixed vocabulary, seeded: the same arguments give the same database. Adds to a
store that holds articles already (its keys are never those of a crawl). SQLite takes batched
``executemany``, PostgreSQL ``COPY``; the secondary indexes are dropped first and built again at
the end.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from newsbot.dedup import encode_minhash, lsh_params
from newsbot.dedup.bands import band_keys
from newsbot.dedup.index import DEFAULT_THRESHOLD
from newsbot.storage.factory import make_store, sqlite_path
from newsbot.storage.item_layout import split_item
from newsbot.storage.narrow_rows import stored_band_key

WORDS = (
    "council", "harbour", "budget", "river", "election", "ministry", "farmers", "court", "energy", "pipeline",
    "festival", "storm", "railway", "school", "hospital", "museum", "treaty", "border", "market", "drought",
    "vaccine", "bridge", "coast", "police", "union", "strike", "league", "coach", "season", "tariff", "export",
    "grain", "mayor", "village", "senate",
)  # fmt: skip
SITES = ("alpha.example", "www.beta.example", "gamma.example", "delta.example")
LANGUAGES = ("en", "de", "fr")
KINDS = ("related", "related", "related", "recommended", "recommended", "explore")
NUM_PERM = 256
BATCH = 2000
TABLES = {
    "articles": (
        "id", "canonical_url", "url", "headline", "description", "article_body", "date_published", "section",
        "language", "content_hash", "revision", "item_json", "links_count", "first_seen", "last_seen", "run_id",
    ),
    "revisions": ("canonical_url", "revision", "content_hash", "stored_at", "run_id"),
    "links": ("from_id", "to_url", "kind", "headline", "item_order"),
    "duplicates": ("url", "duplicate_of", "similarity", "method", "seen_at", "run_id"),
    "dedup_signatures": ("key", "exact_hash", "minhash", "published"),
}  # fmt: skip
Rows = dict[str, list[tuple[Any, ...]]]


def _phrase(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(WORDS, k=words))


def _articles(count: int, body_words: int, links: int, seed: int, first_id: int = 1) -> Iterator[Rows]:
    """Batches of rows per table, ``BATCH`` articles each; the articles are numbered from ``first_id``."""
    rng = random.Random(seed)
    values = np.random.default_rng(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    rows: Rows = {table: [] for table in TABLES}
    signatures: list[tuple[int, np.ndarray]] = []
    for number in range(count):
        site = SITES[number % len(SITES)]
        key = f"https://{site}/news/{number:08d}-{rng.choice(WORDS)}-{rng.choice(WORDS)}"
        moment = start + timedelta(minutes=number * 1576800 // max(count, 1))
        published = moment.isoformat()
        paragraphs = [_phrase(rng, 50) for _ in range(max(1, body_words // 50))]
        related = [
            {"url": f"https://{site}/news/{rng.randrange(count):08d}-{rng.choice(WORDS)}-{rng.choice(WORDS)}",
             "headline": _phrase(rng, rng.randint(5, 10)).capitalize(), "kind": KINDS[place % len(KINDS)]}
            for place in range(links)
        ]  # fmt: skip
        section = rng.choice(WORDS)
        item = {
            "url": key, "canonicalUrl": key, "headline": f"Story {number}: {_phrase(rng, 7)}",
            "description": _phrase(rng, 25).capitalize() + ".", "articleBody": "\n\n".join(paragraphs),
            "datePublished": published, "datePublishedRaw": published, "dateModified": None,
            "inLanguage": LANGUAGES[number % 3], "articleSection": section, "relatedLinks": related,
            "authors": [{"name": f"Writer {number % 97}", "url": f"https://{site}/authors/writer-{number % 97}"}],
            "keywords": [rng.choice(WORDS) for _ in range(4)], "sourceCredit": None, "duplicateOf": None,
            "similarity": None, "readingTimeMinutes": max(1, body_words // 200),
            "mainImage": {"url": f"https://{site}/images/{number:08d}.jpg", "caption": _phrase(rng, 8),
                          "credit": "Agency"},
            "metadata": {"dateDownloaded": published, "etag": f'"{number:020x}"', "extractor": "generic",
                         "site": site, "spider": "news"},
        }  # fmt: skip
        parts = split_item(item)
        digest = f"h{number}"
        number_id = first_id + number
        rows["articles"].append((
            number_id, key, key, item["headline"], item["description"], parts.columns["article_body"], published,
            section, item["inLanguage"],
            digest, 1, parts.item_json, None if parts.links is None else len(parts.links), published, published, 1,
        ))  # fmt: skip
        rows["revisions"].append((key, 1, digest, published, 1))
        rows["links"].extend(_link_rows(number_id, related, parts.links))
        if number % 10 == 0:
            rows["duplicates"].append((f"{key}-copy", key, 0.9, "near", published, 1))
        exact = hashlib.blake2b(item["articleBody"].encode(), digest_size=16).hexdigest()
        hashvalues = values.integers(0, 2**32, NUM_PERM, dtype=np.uint64)
        rows["dedup_signatures"].append((key, exact, encode_minhash(hashvalues, body_words, 1), moment.timestamp()))
        signatures.append((number_id, hashvalues))
        if len(rows["articles"]) >= BATCH:
            yield _with_bands(rows, signatures)
            rows, signatures = {table: [] for table in TABLES}, []
    if rows["articles"]:
        yield _with_bands(rows, signatures)


def _with_bands(rows: Rows, signatures: list[tuple[int, np.ndarray]]) -> Rows:
    """Add the ``dedup_bands`` rows of the batch's signatures (PostgreSQL's shared index, by the story's
    ``articles.id``), as a crawl writes them."""
    bands, width = lsh_params(DEFAULT_THRESHOLD, NUM_PERM)
    keys = band_keys(np.stack([values for _, values in signatures]), bands, width)
    rows["dedup_bands"] = [
        (stored_band_key(int(band)), number)
        for (number, _), story in zip(signatures, keys, strict=True)
        for band in set(story.tolist())
    ]
    return rows


def _link_rows(source: int, related: list[dict[str, Any]], positioned: list[Any] | None) -> list[tuple[Any, ...]]:
    """The rows of ``links`` (``source``: the article's id): in the item's order, or (a link twice in the item)
    once each, unordered."""
    if positioned is not None:
        return [(source, url, kind, headline, place) for place, (url, kind, headline) in enumerate(positioned)]
    once = {(link["url"], link["kind"]): link["headline"] for link in related}
    return [(source, url, kind, headline, None) for (url, kind), headline in once.items()]


def fill(url: str, articles: int, body_words: int = 400, seed: int = 1, links: int = 12) -> None:
    """Create the schema of ``url`` and write ``articles`` generated articles with their parts."""
    url = url if "://" in url else f"sqlite:///{url}"
    with make_store(url, 100):
        pass
    path = sqlite_path(url)
    if path is not None:
        import sqlite3

        connection = sqlite3.connect(path)
        batches = _articles(articles, body_words, links, seed, _next_id(connection))
        # a generator's file, not a crawl's: no write-ahead log (it would hold the whole fill), no fsync,
        # and a cache that holds the indexes' hot pages (the crawl sets its own pragmas when it opens the file)
        for pragma in ("journal_mode=DELETE", "synchronous=OFF", "cache_size=-262144"):
            connection.execute(f"PRAGMA {pragma}")
        tables = ", ".join(f"'{table}'" for table in TABLES)
        indexes = connection.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({tables})"
        ).fetchall()
        with _indexes_built_after(connection, indexes):
            for rows in batches:
                with connection:
                    for table, columns in TABLES.items():
                        marks = ", ".join("?" * len(columns))
                        insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
                        connection.executemany(insert, rows[table])
        connection.close()
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection, connection.cursor() as cursor:
        batches = _articles(articles, body_words, links, seed, _next_id(connection))
        indexes = cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema()"
            " AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            ([*TABLES, "dedup_bands"],),
        ).fetchall()
        with _indexes_built_after(connection, indexes):
            for rows in batches:
                with connection.transaction():
                    for table, columns in {**TABLES, "dedup_bands": ("band_key", "story")}.items():
                        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                            for row in rows[table]:
                                copy.write_row(row)
        # the ids were given here: the next article a crawl stores is numbered after them
        cursor.execute("SELECT setval(pg_get_serial_sequence('articles', 'id'), (SELECT MAX(id) FROM articles))")


def _next_id(connection: Any) -> int:
    """The first free ``articles.id`` (the generated articles are numbered from it)."""
    return int(connection.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM articles").fetchone()[0])


@contextmanager
def _indexes_built_after(connection: Any, indexes: list[tuple[str, str]]) -> Iterator[None]:
    """Drop the secondary ``indexes`` (name, its CREATE statement) and build them again after the writes.

    An index built once over a million rows is much faster than one kept up row by row in random order.
    """
    for name, _ in indexes:
        connection.execute(f"DROP INDEX {name}")
    try:
        yield
    finally:
        for _, create in indexes:
            connection.execute(create)
        connection.commit()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m newsbot.archive.synthetic", description=__doc__)
    parser.add_argument("--db", required=True, help="store URL or SQLite file path (created)")
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--body-words", type=int, default=400)
    parser.add_argument("--links", type=int, default=12, help="related links per article")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    fill(args.db, args.articles, args.body_words, args.seed, args.links)


if __name__ == "__main__":
    main()
