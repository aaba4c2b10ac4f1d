"""Do two source trees extract the same items? Every page of both development corpora, field by field.

    python bench/extraction_same_items.py BEFORE_DIR AFTER_DIR [--corpora ../shared/corpora]

Each directory holds a ``newsbot`` package (for the baseline: ``git archive <commit> | tar -x -C
DIR``). One process per tree reads every page of ``fundus-pages`` (its manifest's URLs) and of
``readability-pages`` (as ``https://example.com/<name>/``), and dumps, per page, the cleaned item
of ``extract_article``, the raw item (``clean=False``) and the typed links of ``article_links``
as JSON. The dumps are compared page by page and field by field; every difference is printed and
the exit status is 1 when there is one. Used to check a change meant to save CPU changes no output.
No settings.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = r"""
import dataclasses, gzip, json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from scrapy.http import HtmlResponse
from newsbot.sites import article_links, extract_article
corpora = Path(sys.argv[2])
pages = []
fundus = corpora / "fundus-pages"
for line in open(fundus / "manifest.jsonl"):
    if line.strip():
        record = json.loads(line)
        pages.append((record["file"], record["url"], fundus / record["file"]))
for folder in sorted((corpora / "readability-pages").iterdir()):
    if (folder / "source.html.gz").exists():
        pages.append((folder.name, f"https://example.com/{folder.name}/", folder / "source.html.gz"))
out = {}
for name, url, path in pages:
    body = gzip.decompress(path.read_bytes())
    response = HtmlResponse(url=url, body=body)
    out[name] = {
        "item": dataclasses.asdict(extract_article(response)),
        "raw": dataclasses.asdict(extract_article(HtmlResponse(url=url, body=body), clean=False)),
        "links": [dataclasses.asdict(link) for link in article_links(response)],
    }
json.dump(out, sys.stdout, sort_keys=True)
"""


def dump(tree: Path, corpora: Path) -> dict:
    """Every page's item, raw item and typed links as ``tree`` extracts them."""
    run = [sys.executable, "-c", CHILD, str(tree), str(corpora)]
    return json.loads(subprocess.run(run, capture_output=True, text=True, check=True).stdout)


def differences(before: dict, after: dict) -> list[str]:
    """One line per page part and field whose value differs between the two dumps."""
    found = []
    for page in sorted(set(before) | set(after)):
        if page not in before or page not in after:
            found.append(f"{page}: only in {'after' if page not in before else 'before'}")
            continue
        for part in ("item", "raw", "links"):
            old, new = before[page][part], after[page][part]
            if isinstance(old, dict) and isinstance(new, dict):
                for key in sorted(set(old) | set(new)):
                    if old.get(key) != new.get(key):
                        found.append(f"{page} {part}.{key}: {old.get(key)!r:.200} -> {new.get(key)!r:.200}")
            elif old != new:
                found.append(f"{page} {part}: {old!r:.200} -> {new!r:.200}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = parser.parse_args()
    before, after = dump(args.before, args.corpora), dump(args.after, args.corpora)
    found = differences(before, after)
    for line in found:
        print(line)
    print(f"{len(before)} pages, {len(found)} differences")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
