"""The generic typed-link finder on both shared corpora: what it returns, what it costs, a sample to judge.

Runs :func:`newsbot.extraction.related.typed_links` over every page of ``fundus-pages`` (each with its
manifest URL) and ``readability-pages`` (each with its own ``rel=canonical``/``og:url``, else
``https://example.com/<name>/``: the pages carry no URL) and reports per corpus: pages with any typed
link, links per kind and CPU per page. ``--baseline REV`` runs the finder of git revision ``REV``
(its ``related.py`` loaded beside the current one) in the same process, so before and after come
from the same run. ``--sample N --seed S`` writes ``bench/results/typed_links_sample.md``: N pages
drawn at random (both corpora, seeded), each with its links by kind and headline, and the labelled
candidates a reader sees (short headings followed by same-site links), for judging by hand.

    python bench/typed_links.py --baseline 559af41 --sample 30 --seed 18
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import subprocess
import sys
import time
import types
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from crawl import machine, write_report  # noqa: E402
from parsel import Selector  # noqa: E402

from newsbot.extraction.body import element_text  # noqa: E402
from newsbot.extraction.related import _Finder, typed_links  # noqa: E402

Finder = Callable[[Selector, str], list[Any]]
Page = tuple[str, str, str, str]  # corpus, name, url, html


def fundus_pages(shared: Path) -> list[Page]:
    folder = shared / "corpora" / "fundus-pages"
    pages = []
    for line in (folder / "manifest.jsonl").read_text().splitlines():
        if line.strip():
            record = json.loads(line)
            html = gzip.decompress((folder / record["file"]).read_bytes()).decode("utf-8", "replace")
            pages.append(("fundus", record["file"], record["url"], html))
    return pages


def readability_pages(shared: Path) -> list[Page]:
    folder = shared / "corpora" / "readability-pages"
    pages = []
    for page in sorted(path for path in folder.iterdir() if (path / "source.html.gz").is_file()):
        html = gzip.decompress((page / "source.html.gz").read_bytes()).decode("utf-8", "replace")
        head = Selector(text=html)
        own = (
            head.xpath("//link[@rel='canonical']/@href").get()
            or head.xpath("//meta[@property='og:url']/@content").get()
        )
        url = own if own and own.startswith("http") else f"https://example.com/{page.name}/"
        pages.append(("readability", page.name, url, html))
    return pages


#: The finder's own modules: the baseline loads each of them at its revision (a module missing there is
#: taken from the current tree).
FINDER_MODULES = ("link_labels", "link_titles", "story_urls", "related")


def baseline_finder(revision: str) -> Finder:
    """``typed_links`` of ``related.py`` at git ``revision``, loaded with the finder's other modules of
    that revision (:data:`FINDER_MODULES`: labels, titles, story URLs) as modules of their own."""
    loaded: dict[str, str] = {}
    finder: Finder | None = None
    for name in FINDER_MODULES:
        shown = subprocess.run(
            ["git", "show", f"{revision}:newsbot/extraction/{name}.py"], cwd=ROOT, capture_output=True, text=True
        )
        if shown.returncode != 0:
            continue
        source = shown.stdout
        for other, alias in loaded.items():
            source = source.replace(f"from newsbot.extraction import {other}\n", f"import {alias} as {other}\n")
            source = source.replace(f"from newsbot.extraction.{other} import", f"from {alias} import")
        alias = f"_baseline_{name}"
        module = types.ModuleType(alias)
        sys.modules[alias] = module
        exec(compile(source, f"{alias}.py", "exec"), module.__dict__)
        loaded[name] = alias
        finder = getattr(module, "typed_links", finder)
    assert finder is not None, f"no finder at {revision}"
    return finder


def measure(pages: list[Page], finder: Finder, passes: int) -> dict[str, Any]:
    selectors = [Selector(text=html) for _, _, _, html in pages]
    kinds: Counter[str] = Counter()
    with_links = 0
    found: dict[str, list[Any]] = {}
    best = float("inf")
    cached = getattr(finder, "__globals__", {}).get("label_kind")
    for n in range(passes):
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()  # each pass pays for its labels (a crawl of one site would hit the cache)
        started = time.process_time()
        results = [finder(selector, url) for selector, (_, _, url, _) in zip(selectors, pages, strict=True)]
        best = min(best, time.process_time() - started)
        if n == 0:
            for (_, name, _, _), links in zip(pages, results, strict=True):
                found[name] = links
                kinds.update(link.kind for link in links)
                with_links += bool(links)
    return {
        "pages": len(pages),
        "with_links": with_links,
        "kinds": kinds,
        "ms": 1000 * best / len(pages),
        "found": found,
    }


def paired(pages: list[Page], baseline: Finder, current: Finder, rounds: int) -> tuple[float, float]:
    """CPU ms per page of ``baseline`` and ``current`` run page by page in turn, each page's best of
    ``rounds`` (load that changes during the run hits both alike); no label cache carried between pages."""
    selectors = [Selector(text=html) for _, _, _, html in pages]
    best = {"baseline": [float("inf")] * len(pages), "current": [float("inf")] * len(pages)}
    for _ in range(rounds):
        for n, (selector, (_, _, url, _)) in enumerate(zip(selectors, pages, strict=True)):
            for label, finder in (("baseline", baseline), ("current", current)):
                cached = getattr(finder, "__globals__", {}).get("label_kind")
                if hasattr(cached, "cache_clear"):
                    cached.cache_clear()
                started = time.process_time()
                finder(selector, url)
                best[label][n] = min(best[label][n], time.process_time() - started)
    return 1000 * sum(best["baseline"]) / len(pages), 1000 * sum(best["current"]) / len(pages)


def candidates(html: str, url: str) -> list[str]:
    """Lists of two same-site story links or more (``ul``/``ol`` or a ``div``/``section`` of links)
    with the nearest short text before them: the blocks a reader may see as typed, to judge recall."""
    selector = Selector(text=html)
    finder = _Finder(selector.root, url)
    out = []
    for box in selector.root.iter("ul", "ol", "section", "aside"):
        stories = {finder.article_url(anchor.get("href")) for anchor in box.iter("a")} - {None}
        if len(stories) < 2 or len(element_text(box)) > 3000:
            continue
        before = box.xpath("preceding::text()[normalize-space(.)][1]")
        label = " ".join(str(before[0]).split())[:60] if before else ""
        out.append(f"<{box.tag}> {len(stories)} stories after {label!r}: {element_text(box)[:90]!r}")
    return out[:25]


def sample_report(
    pages: list[Page], found: dict[str, list[Any]], before: dict[str, list[Any]], n: int, seed: int
) -> None:
    drawn = random.Random(seed).sample(pages, n)
    lines = [f"# Typed links: {n} pages drawn with seed {seed}", ""]
    for corpus, name, url, html in drawn:
        lines += [f"## {corpus} {name}", f"url: {url}", ""]
        for label, links in (("after", found[name]), ("before", before.get(name, []))):
            lines.append(f"### {label}: {len(links)} links")
            lines += [f"- {link.kind}: {link.url} | {link.headline!r}" for link in links]
        lines += ["### lists of story links (for recall)", *[f"- {text}" for text in candidates(html, url)], ""]
    path = ROOT / "bench" / "results" / "typed_links_sample.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent.parent / "shared")
    parser.add_argument("--baseline", help="a git revision whose finder runs beside the current one")
    parser.add_argument("--passes", type=int, default=3, help="timed passes (the best is kept)")
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    shared = args.shared if args.shared.is_dir() else Path("/work/shared")
    corpora = {"fundus-pages": fundus_pages(shared), "readability-pages": readability_pages(shared)}
    finders: dict[str, Finder] = {"current": typed_links}
    if args.baseline:
        finders = {f"baseline {args.baseline}": baseline_finder(args.baseline), **finders}
    lines = ["# Typed links on both corpora (bench/typed_links.py)", "", f"machine: {machine()}", ""]
    lines += ["| corpus | finder | pages | with typed links | related | recommended | explore | CPU ms/page |"]
    lines += ["|---|---|---|---|---|---|---|---|"]
    every: dict[str, dict[str, list[Any]]] = {}
    for corpus, pages in corpora.items():
        for label, finder in finders.items():
            result = measure(pages, finder, args.passes)
            every.setdefault(label, {}).update(result["found"])
            kinds = result["kinds"]
            lines.append(
                f"| {corpus} | {label} | {result['pages']} | {result['with_links']} | {kinds['related']} | "
                f"{kinds['recommended']} | {kinds['explore']} | {result['ms']:.2f} |"
            )
    if args.baseline:
        every_page = [page for pages in corpora.values() for page in pages]
        before, after = paired(every_page, finders[f"baseline {args.baseline}"], typed_links, args.passes)
        lines += [
            "",
            f"Paired, page by page in turn (best of {args.passes} each, both corpora): baseline {before:.2f} ms/page,"
            f" current {after:.2f} ms/page, ratio {after / before:.3f}.",
        ]
    write_report("typed_links", lines)
    if args.sample:
        before = every[next(iter(finders))] if args.baseline else {}
        sample_report(
            [page for pages in corpora.values() for page in pages], every["current"], before, args.sample, args.seed
        )


if __name__ == "__main__":
    main()
