"""``python -m newsbot.extract page.html --url URL``: print the item of a saved page as JSON.

For debugging extraction and for evaluating it on saved corpora. Reads ``.html`` or ``.html.gz``
(``-`` for stdin); the bytes are decoded as a browser would (HTTP-less: BOM, then ``<meta>``
charset, then UTF-8), exactly as Scrapy decodes a response without a charset header.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
from pathlib import Path

from scrapy.http import HtmlResponse

from newsbot.extraction import extract_article
from newsbot.extraction import trtworld as profile


def read_page(path: str) -> bytes:
    """The raw bytes of a saved page (gzip is unpacked)."""
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsbot.extract", description=__doc__.splitlines()[0])
    parser.add_argument("page", help="saved page (.html or .html.gz), or - for stdin")
    parser.add_argument("--url", required=True, help="the URL the page was fetched from")
    parser.add_argument("--base-url", help="the site's base URL for canonical links (default: from --url)")
    parser.add_argument("--raw", action="store_true", help="print the item before cleaning")
    args = parser.parse_args(argv)
    try:
        body = read_page(args.page)
    except OSError as error:
        print(f"error: cannot read {args.page}: {error}", file=sys.stderr)
        return 2
    response = HtmlResponse(url=args.url, body=body)
    urls = profile.canonicaliser(args.base_url) if args.base_url else None
    item = extract_article(response, urls, clean=not args.raw)
    json.dump(dataclasses.asdict(item), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
