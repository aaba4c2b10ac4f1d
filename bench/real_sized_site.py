"""The generated replica with article pages grown to a real page's size, for the crawl bench.

    python bench/real_sized_site.py --articles 2000 --page-kb 250 [--seed 1] [--port 0]

Real article pages are mostly page furniture: the corpus pages (../shared/corpora/fundus-pages)
are 254 KB at the median, while the replica's are a few KB. Every article page here gets, before
``</body>``, furniture of about ``--page-kb`` KB in the proportions of a typical real page: inline
script (a state blob as JSON, ~55%), inline CSS (~15%) and markup (~30%: a mega-menu of section
links, teaser grids of headlines without article links, ad slots, a footer of link lists). The story,
its links and its metadata are untouched, so both crawlers fetch and store the same articles as on
the plain replica. Prints ``Serving http://127.0.0.1:<port>/`` as the replica does.
"""

from __future__ import annotations

import argparse
import random
import sys
import zlib
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsbot.sample_site import SampleSite  # noqa: E402
from newsbot.sample_site.routes import Response  # noqa: E402
from newsbot.sample_site.server import (  # noqa: E402
    RunningServer,
    SiteHTTPServer,
    SiteRequestHandler,
    serve_until_signalled,
)

WORDS = (
    "market", "council", "weather", "league", "election", "festival", "harbour", "budget", "school", "railway",
    "museum", "drought", "treaty", "startup", "vaccine", "bridge", "coast", "senate", "tariff", "village",
)  # fmt: skip
SECTIONS = ("world", "turkiye", "business", "sport", "life", "opinion", "science", "culture", "travel", "video")


def furniture(size: int, seed: int) -> bytes:
    """About ``size`` bytes of page furniture (script, style, markup), the same for the same seed."""
    rng = random.Random(seed)

    def words(count: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(count))

    state = ",".join(
        f'{{"id":"{rng.getrandbits(48):012x}","title":"{words(8)}","slot":{rng.randrange(99)},"tags":["{words(1)}"]}}'
        for _ in range(max(1, size * 55 // 100 // 110))
    )
    style = "".join(
        f".c{n}{{margin:{rng.randrange(20)}px;padding:{rng.randrange(9)}px;color:#{rng.getrandbits(24):06x}}}"
        for n in range(max(1, size * 15 // 100 // 45))
    )
    menu = "".join(
        f'<li><a href="/{section}">{section.title()}</a><ul>'
        + "".join(f'<li><a href="/{section}">{words(2)}</a></li>' for _ in range(6))
        + "</ul></li>"
        for section in SECTIONS
    )
    markup_size = size * 30 // 100
    blocks: list[str] = [f'<nav class="mega-menu"><ul>{menu}</ul></nav>']
    while sum(map(len, blocks)) < markup_size:
        card = '<div class="card"><span class="kicker">{}</span><h3>{}</h3></div>'
        cards = "".join(card.format(words(1), words(7)) for _ in range(6))
        blocks.append(f'<div class="teaser-grid">{cards}</div><div class="ad-slot" data-size="300x250"></div>')
    footer = "".join(f'<ul><li><a href="/{section}">{words(2)}</a></li></ul>' for section in SECTIONS)
    page = (
        f"<style>{style}</style>{''.join(blocks)}<footer>{footer}</footer>"
        f'<script type="application/json" id="__STATE__">[{state}]</script>'
    )
    return page.encode()


class RealSizedHandler(SiteRequestHandler):
    """Answers as the replica does, with furniture added to article pages."""

    def response_for(self, method: str) -> Response:
        response = super().response_for(method)
        content_type = response.headers.get("Content-Type", "")
        if self.path.startswith("/article/") and content_type.startswith("text/html") and b"</body>" in response.body:
            extra = furniture(self.server.page_bytes, zlib.crc32(self.path.encode()))  # type: ignore[attr-defined]
            response = replace(response, body=response.body.replace(b"</body>", extra + b"</body>", 1))
        return response


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--page-kb", type=int, default=250)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    site = SampleSite.generate(args.articles, seed=args.seed)
    httpd = SiteHTTPServer(site, "127.0.0.1", args.port)
    httpd.RequestHandlerClass = RealSizedHandler
    httpd.page_bytes = args.page_kb * 1000  # type: ignore[attr-defined]
    return serve_until_signalled(RunningServer(httpd))


if __name__ == "__main__":
    sys.exit(main())
