"""Datasette metadata for ``browse``: the tables explained and the canned queries (SQLite SQL).

The queries join what a reader wants on one screen: articles with their authors (from the stored
item) and link counts, duplicate clusters, one article's link graph (links to a copy resolve to
the stored original), crawl runs with drops and failures by reason, and field coverage per run
and site (a column falling between runs is a layout that changed).
"""

from __future__ import annotations

from typing import Any

from newsbot.storage.article_keys import link_source

SITE = (
    "substr(canonical_url, instr(canonical_url, '://') + 3,"
    " instr(substr(canonical_url, instr(canonical_url, '://') + 3) || '/', '/') - 1)"
)

ARTICLES = f"""
SELECT a.canonical_url AS article, a.headline, a.date_published, a.language, {SITE} AS site,
  (SELECT group_concat(json_extract(j.value, '$.name'), '; ') FROM json_each(a.item_json, '$.authors') j) AS authors,
  (SELECT count(*) FROM links l WHERE {{source_a}} AND l.kind = 'related') AS related,
  (SELECT count(*) FROM links l WHERE {{source_a}} AND l.kind = 'recommended') AS recommended,
  (SELECT count(*) FROM links l WHERE {{source_a}} AND l.kind = 'explore') AS explore,
  COALESCE(c.copies, 0) AS copies, a.revision, a.first_seen, a.run_id
FROM articles a
LEFT JOIN (SELECT duplicate_of, count(*) AS copies FROM duplicates GROUP BY duplicate_of) c
  ON c.duplicate_of = a.canonical_url
WHERE a.duplicate_of IS NULL AND (:search = '' OR a.headline LIKE '%' || :search || '%')
ORDER BY a.date_published DESC
LIMIT 1000
"""

DUPLICATE_CLUSTERS = """
SELECT d.duplicate_of AS original, a.headline AS original_headline, d.url AS copy, d.headline AS copy_headline,
  d.similarity, d.method, d.seen_at, d.run_id
FROM duplicates d LEFT JOIN articles a ON a.canonical_url = d.duplicate_of
ORDER BY d.duplicate_of, d.similarity DESC, d.url
"""

LINK_GRAPH = """
SELECT 'out' AS direction, l.kind, COALESCE(d.duplicate_of, l.to_url) AS article, l.to_url AS link,
  COALESCE(t.headline, l.headline) AS headline, t.canonical_url IS NOT NULL AS stored
FROM links l
JOIN articles s ON {source_s}
LEFT JOIN duplicates d ON d.url = l.to_url
LEFT JOIN articles t ON t.canonical_url = COALESCE(d.duplicate_of, l.to_url)
WHERE s.canonical_url = :url
UNION ALL
SELECT 'in', l.kind, f.canonical_url, l.to_url, f.headline, 1
FROM links l JOIN articles f ON {source_f}
WHERE l.to_url = :url OR l.to_url IN (SELECT url FROM duplicates WHERE duplicate_of = :url)
ORDER BY 1 DESC, 2, 3
"""

CRAWL_RUNS = """
SELECT r.id, COALESCE(r.run_key, CAST(r.id AS TEXT)) AS run, r.worker, r.spider, r.started_at, r.finished_at,
  r.finish_reason, r.pages, r.stored, r.copies,
  (SELECT group_concat(substr(s.key, 9) || ' ' || s.value, ', ') FROM json_each(r.stats_json) s
     WHERE (s.key LIKE 'newsbot/dropped/%' OR s.key LIKE 'newsbot/skipped/%') AND s.value > 0) AS drops,
  (SELECT group_concat(substr(s.key, 16) || ' ' || s.value, ', ') FROM json_each(r.stats_json) s
     WHERE s.key LIKE 'newsbot/errors/%' AND s.key NOT LIKE '%IgnoreRequest' AND s.value > 0) AS failures
FROM crawl_runs r WHERE r.spider <> 'open check'
ORDER BY r.id DESC
"""

FIELD_COVERAGE = f"""
SELECT run_id, site, count(*) AS articles,
  round(100.0 * sum(headline IS NOT NULL AND headline <> '') / count(*), 1) AS headline_pct,
  round(100.0 * sum(json_array_length(item_json, '$.authors') > 0) / count(*), 1) AS authors_pct,
  round(100.0 * sum(date_published IS NOT NULL) / count(*), 1) AS date_published_pct,
  round(100.0 * sum(article_body IS NOT NULL AND article_body <> '') / count(*), 1) AS body_pct
FROM (SELECT *, {SITE} AS site FROM articles WHERE duplicate_of IS NULL)
GROUP BY run_id, site
ORDER BY run_id DESC, site
"""

TABLES = {
    "articles": "One row per stored story, keyed by canonical URL (id: its number); item_json holds the item's"
    " fields that have no column of their own (its links are in links, item_order giving their place).",
    "revisions": "Each stored version of a story; item_json: the whole item of a superseded version.",
    "links": "Typed links of stored stories (from_id: the source's articles.id; to_url: the target): related"
    " (this story), recommended (popular, picks), explore (sections, topics).",
    "duplicates": "Pages recognised as copies of a stored story (exact or near), with similarity.",
    "crawl_runs": "One row per crawl (per worker of a shared run); stats_json holds every counter.",
    "dedup_signatures": "The dedup index: one MinHash signature per stored story.",
}


def metadata(database: str, *, title: str, links_by_article: bool = True) -> dict[str, Any]:
    """Datasette metadata for the database named ``database`` (the file's stem).

    ``links_by_article``: ``links`` names its source by ``articles.id`` (version 4), else by URL (a
    file of an older schema, served as it is).
    """
    sources = {name: link_source(name[-1], links_by_article) for name in ("source_a", "source_s", "source_f")}
    queries = {
        "articles_with_authors": (
            "Articles, authors, links",
            ARTICLES.format(**sources),
            "Newest first; search: words of the headline.",
        ),
        "duplicate_clusters": ("Duplicate clusters", DUPLICATE_CLUSTERS, "Each original and every copy of it."),
        "link_graph": (
            "An article's link graph",
            LINK_GRAPH.format(**sources),
            "Links from and to the article at :url.",
        ),
        "runs_with_drops": ("Crawl runs, drops and failures", CRAWL_RUNS, "Newest first, one row per worker."),
        "field_coverage": ("Field coverage per run and site", FIELD_COVERAGE, "Shares of stored articles."),
    }
    return {
        "title": title,
        "description": "The stories newsbot stored, read-only. Canned queries are listed below the tables.",
        "databases": {
            database: {
                "tables": {name: {"description": text} for name, text in TABLES.items()},
                "queries": {
                    name: {"title": heading, "sql": sql.strip(), "description": text}
                    for name, (heading, sql, text) in queries.items()
                },
            }
        },
    }
