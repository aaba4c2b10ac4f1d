"""``python -m newsbot.extract page.html --url URL``: print the item of a saved page as JSON.

For debugging extraction and for evaluating it on saved corpora. Reads ``.html`` or ``.html.gz``
(``-`` for stdin); the bytes are decoded as a browser would (HTTP-less: BOM, then ``<meta>``
charset, then UTF-8), exactly as Scrapy decodes a response without a charset header.

Exit codes: 0 the item was printed; 1 the item was printed but a field's rule failed (named in
``metadata.extractionErrors`` and on stderr); 2 usage error or a page that cannot be read (missing,
empty, a broken gzip file), with one ``error:`` line on stderr and no traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
import zlib
from pathlib import Path

from scrapy.http import HtmlResponse

from newsbot.cleaning import split_url
from newsbot.errors import UnreadablePage
from newsbot.extraction import EXTRACTION_ERRORS
from newsbot.sites import extract_article
from newsbot.sites.trtworld.urls import canonicaliser


def read_page(path: str) -> bytes:
    """The raw bytes of a saved page (gzip is unpacked); :class:`UnreadablePage` when there are none."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as error:
        raise UnreadablePage(f"cannot read {path}: {error.strerror or error}") from None
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            raise UnreadablePage(f"{path} is not a readable gzip file: {error}") from None
    if not data.strip():
        raise UnreadablePage(f"{path} is empty")
    return data


def http_url(text: str) -> str:
    """``--url``: an absolute http(s) URL."""
    parts = split_url(text)
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise argparse.ArgumentTypeError(f"not an http(s) URL: {text!r}")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsbot.extract", description=__doc__.splitlines()[0])
    parser.add_argument("page", help="saved page (.html or .html.gz), or - for stdin")
    parser.add_argument("--url", required=True, type=http_url, help="the URL the page was fetched from")
    parser.add_argument(
        "--base-url", type=http_url, help="the site's base URL for canonical links (default: from --url)"
    )
    parser.add_argument("--raw", action="store_true", help="print the item before cleaning")
    args = parser.parse_args(argv)
    try:
        body = read_page(args.page)
    except UnreadablePage as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    response = HtmlResponse(url=args.url, body=body)
    urls = canonicaliser(args.base_url) if args.base_url else None
    item = extract_article(response, urls, clean=not args.raw)
    json.dump(dataclasses.asdict(item), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    errors = item.metadata.get(EXTRACTION_ERRORS)
    if errors:
        print(f"error: extraction failed for {len(errors)} field(s): {'; '.join(errors)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
