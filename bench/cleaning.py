"""clean_article before and after the fast paths of issue 8: identical output, CPU per article.

    python bench/cleaning.py [--old REV] [--rounds 7] [--corpus DIR]

The old implementation is read from git history (``git show REV:newsbot/cleaning.py``, by default
the last revision before the fast paths) and loaded as its own module; it is never copied here.
Items are extracted raw (``extract_article(response, clean=False)``) from every page of the demo
replica, a generated replica (``SampleSite.generate(articles=400, seed=3)``) and the shared page
corpus. The check cleans each item with both implementations and compares the results as JSON
(exits 1 on any difference), then cleans every item again to check both are idempotent alike.
The timing is ``time.process_time`` of a pass of ``clean_article`` over the items, per article,
min / median / max of ``--rounds`` rounds, old and new alternating within each round.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from scrapy.http import HtmlResponse  # noqa: E402

from newsbot import cleaning  # noqa: E402
from newsbot.cleaning import UrlCanonicaliser  # noqa: E402
from newsbot.items import ArticleItem, item_to_dict  # noqa: E402
from newsbot.sample_site import SampleSite  # noqa: E402
from newsbot.sites import extract_article  # noqa: E402
from newsbot.sites.trtworld.urls import canonicaliser  # noqa: E402

OLD_REVISION = "7239cd8"  # the last commit of newsbot/cleaning.py before the fast paths
BASE = "http://127.0.0.1:8765"
Case = tuple[str, ArticleItem, UrlCanonicaliser | None]


def old_cleaning(revision: str) -> types.ModuleType:
    """``newsbot/cleaning.py`` as it was at ``revision``, loaded as the module ``old_cleaning``."""
    source = subprocess.run(
        ["git", "show", f"{revision}:newsbot/cleaning.py"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    module = types.ModuleType("old_cleaning")
    module.__file__ = f"{revision}:newsbot/cleaning.py"
    sys.modules[module.__name__] = module
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module


def replica_cases(site: SampleSite, label: str) -> list[Case]:
    """Every article page of ``site``, extracted raw with the site's canonicaliser."""
    urls = canonicaliser(BASE)
    cases = []
    for key in site.articles:
        response = HtmlResponse(url=f"{BASE}/article/{key}", body=site.article_bytes(key, BASE))
        cases.append((f"{label}/{key}", extract_article(response, urls, clean=False), urls))
    return cases


def corpus_cases(folder: Path) -> list[Case]:
    """Every page of the shared corpus, extracted raw without a site canonicaliser."""
    records = [json.loads(line) for line in (folder / "manifest.jsonl").read_text().splitlines() if line.strip()]
    cases = []
    for record in records:
        body = gzip.decompress((folder / record["file"]).read_bytes())
        response = HtmlResponse(url=record["url"], body=body)
        cases.append((f"corpus/{record['file']}", extract_article(response, clean=False), None))
    return cases


def as_json(item: ArticleItem) -> str:
    """The item as JSON text, surrogates escaped so that any difference shows."""
    return json.dumps(item_to_dict(item), sort_keys=True, ensure_ascii=True, default=str)


def with_canonicaliser(cases: list[Case], module: types.ModuleType) -> list[Case]:
    """``cases`` with their canonicaliser rebuilt from ``module``'s own class (its hashing included)."""
    rebuilt: dict[int, UrlCanonicaliser] = {}
    converted = []
    for name, item, urls in cases:
        if urls is not None and id(urls) not in rebuilt:
            fields = (urls.base_url, urls.host_aliases, urls.article_patterns, urls.article_path)
            rebuilt[id(urls)] = module.UrlCanonicaliser(*fields)
        converted.append((name, item, rebuilt[id(urls)] if urls is not None else None))
    return converted


def compare(old_cases: list[Case], new_cases: list[Case], old: types.ModuleType) -> list[str]:
    """Names of the cases whose cleaned items differ (once cleaned, then cleaned again)."""
    differing = []
    for (name, item, old_urls), (_, _, new_urls) in zip(old_cases, new_cases, strict=True):
        before = old.clean_article(copy.deepcopy(item), old_urls)
        after = cleaning.clean_article(copy.deepcopy(item), new_urls)
        if as_json(before) != as_json(after):
            differing.append(name)
        elif as_json(old.clean_article(before, old_urls)) != as_json(cleaning.clean_article(after, new_urls)):
            differing.append(f"{name} (cleaned twice)")
    return differing


def timed(cases: list[Case], clean: Callable[..., ArticleItem]) -> float:
    """CPU ms per article of one pass of ``clean`` over ``cases``."""
    started = time.process_time()
    for _, item, urls in cases:
        clean(item, urls)
    return (time.process_time() - started) * 1000 / len(cases)


def spread(values: list[float]) -> str:
    return f"{min(values):.3f} / {statistics.median(values):.3f} / {max(values):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", default=OLD_REVISION, help="git revision of the old cleaning.py")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "fundus-pages")
    args = parser.parse_args()
    old = old_cleaning(args.old)
    groups: dict[str, list[Case]] = {
        "demo replica": replica_cases(SampleSite.demo(), "demo"),
        "generated replica (400, seed 3)": replica_cases(SampleSite.generate(articles=400, seed=3), "generated"),
        "corpus": corpus_cases(args.corpus),
    }
    failed = False
    for label, cases in groups.items():
        differing = compare(with_canonicaliser(cases, old), cases, old)
        print(f"{label}: {len(cases)} items, {len(differing)} differ")
        for name in differing[:20]:
            print(f"  differs: {name}")
        failed |= bool(differing)
    for label, cases in groups.items():
        old_cases = with_canonicaliser(cases, old)
        timings: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(args.rounds):
            timings["old"].append(timed(old_cases, old.clean_article))
            timings["new"].append(timed(cases, cleaning.clean_article))
        print(
            f"{label}: clean_article CPU ms/article, min / median / max of {args.rounds} rounds: "
            f"old ({args.old}) {spread(timings['old'])}, new {spread(timings['new'])}"
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
