"""How well the content score (newsbot.discovery.content) tells articles from other pages without
structured data, on the shared corpora.

Positives: every page of corpora/fundus-pages and every ``readerable`` page of
corpora/readability-pages, with their structured data stripped (JSON-LD scripts, ``og:type``,
microdata ``itemscope``/``itemtype``/``itemprop``), as a WordPress post or a small site shows itself.
Negatives: the readability pages marked ``readerable: false`` (real non-articles), and pages made
from the articles: a listing (the headlines of 8 articles as linked headings, each with its first
paragraph as the teaser and a date), a contact page (the first two paragraphs, cut to 150
characters, under "Contact us", no date or byline) and a gallery (a headline, a date, 12 captioned
figures). Prints, per threshold, the share of positives that pass and of negatives that fail, and
the CPU time of the score per page.

    /work/main/.venv/bin/python bench/article_recognition.py [--corpora /work/shared/corpora]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from pathlib import Path

from scrapy.http import HtmlResponse

from newsbot.discovery.content import content_score
from newsbot.sites import extract_article

THRESHOLDS = (0.6, 0.7, 0.75, 0.8, 0.9)
_JSONLD = re.compile(r"<script[^>]*application/ld\+json[^>]*>.*?</script>", re.S | re.I)
_OG_TYPE = re.compile(r"<meta[^>]*og:type[^>]*>", re.I)
_MICRODATA = re.compile(r"\s(?:itemscope|itemtype=\"[^\"]*\"|itemprop=\"[^\"]*\")", re.I)


def stripped(page: str) -> str:
    return _MICRODATA.sub(" ", _OG_TYPE.sub("", _JSONLD.sub("", page)))


def score(url: str, page: str) -> tuple[float, float, dict]:
    response = HtmlResponse(url, body=page.encode("utf-8", "replace"), encoding="utf-8")
    item = extract_article(response, clean=False)
    extracted = time.process_time()
    dated = bool(item.datePublished or item.datePublishedRaw or item.authors)
    result = content_score(response.selector.root, url, item.headline, dated, item.articleBody)
    cpu = time.process_time() - extracted
    paragraphs = [p for p in (item.articleBody or "").split("\n\n") if p]
    return result.score, cpu, {"headline": item.headline, "paragraphs": paragraphs, "date": item.datePublished}


def made_negatives(articles: list[dict]) -> list[tuple[str, str, str]]:
    """Listing, contact and gallery pages made from the articles' own texts."""
    made = []
    for n in range(0, len(articles) - 8, 8):
        group = [a for a in articles[n : n + 8] if a["headline"] and a["paragraphs"]]
        cards = "".join(
            f"<h2><a href='/story-{k}/'>{a['headline']}</a></h2><time datetime='2024-05-0{k % 9 + 1}'>May</time>"
            f"<p>{a['paragraphs'][0][:300]}</p>"
            for k, a in enumerate(group)
        )
        flat = f"<html><body><h1>News</h1><div>{cards}</div></body></html>"
        made.append(("listing", "https://example.com/category/news/", flat))
        cards = "".join(
            f"<article class='card'><h3><a href='/story-{k}/'>{a['headline']}</a></h3>"
            f"<time datetime='2024-05-0{k % 9 + 1}'>May</time><p>{a['paragraphs'][0][:300]}</p></article>"
            for k, a in enumerate(group)
        )
        made.append(("listing", "https://example.com/tag/news/", f"<h1>News</h1><section>{cards}</section>"))
    for a in articles:
        if len(a["paragraphs"]) >= 2:
            text = "".join(f"<p>{p[:150]}</p>" for p in a["paragraphs"][:2])
            made.append(("contact", "https://example.com/contact/", f"<html><body><h1>Contact us</h1>{text}"))
        if a["headline"]:
            figures = "".join(
                f"<figure><img src='/i{k}.jpg'><figcaption>{a['headline'][:40]} {k}</figcaption></figure>"
                for k in range(12)
            )
            shown = f"<h1>{a['headline']}</h1><time datetime='2024-05-03'>3 May</time>{figures}"
            made.append(("gallery", "https://example.com/gallery/pictures/", f"<html><body>{shown}</body></html>"))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=Path("/work/shared/corpora"))
    args = parser.parse_args()
    positives: list[tuple[str, float]] = []
    negatives: list[tuple[str, float]] = []
    articles: list[dict] = []
    cpu: list[float] = []
    fundus = args.corpora / "fundus-pages"
    for line in (fundus / "manifest.jsonl").read_text().splitlines():
        record = json.loads(line)
        page = gzip.decompress((fundus / record["file"]).read_bytes()).decode("utf-8", "replace")
        value, spent, fields = score(record["url"], stripped(page))
        positives.append(("fundus", value))
        articles.append(fields)
        cpu.append(spent)
    readability = args.corpora / "readability-pages"
    for folder in sorted(p for p in readability.iterdir() if (p / "source.html.gz").exists()):
        expected = json.loads((folder / "expected-metadata.json").read_text())
        page = gzip.decompress((folder / "source.html.gz").read_bytes()).decode("utf-8", "replace")
        value, spent, fields = score(f"https://example.com/{folder.name}/", stripped(page))
        cpu.append(spent)
        if expected.get("readerable", True):
            positives.append(("readability", value))
            articles.append(fields)
        else:
            negatives.append(("readability non-article", value))
    for kind, url, page in made_negatives(articles):
        negatives.append((f"made {kind}", score(url, page)[0]))
    kinds = sorted({kind for kind, _ in positives}) + sorted({kind for kind, _ in negatives})
    print(f"content score CPU: {1000 * sum(cpu) / len(cpu):.2f} ms/page mean over {len(cpu)} pages (extraction apart)")
    print("| threshold | " + " | ".join(kinds) + " |")
    print("|---|" + "---|" * len(kinds))
    for threshold in THRESHOLDS:
        cells = []
        for kind in kinds:
            pos = [v for k, v in positives if k == kind]
            neg = [v for k, v in negatives if k == kind]
            if pos:
                cells.append(f"{sum(v >= threshold for v in pos)}/{len(pos)} pass")
            else:
                cells.append(f"{sum(v < threshold for v in neg)}/{len(neg)} fail")
        print(f"| {threshold} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
