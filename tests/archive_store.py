"""A small stored archive on either backend, for the tests of what reads it back (export, report, browse).

Three articles on two sites (one revised), a copy recorded against the first, links of every kind
(one to the copy) and two finished crawl runs with drops and failures in their stats.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from services import store_url

from newsbot.storage.factory import make_store

A1 = "https://alpha.example/politics/river-deal-signed"
A2 = "https://alpha.example/economy/port-fees-rise"
B1 = "https://www.beta.example/2026/11/30/festival-opens"
COPY = "https://www.beta.example/2026/11/30/river-deal-signed-copy"
RUN_STATS = {
    "downloader/response_count": 12,
    "newsbot/store/new": 3,
    "newsbot/dropped/not_an_article": 2,
    "newsbot/errors/http_404": 1,
    "newsbot/coverage/items": 4,
    "newsbot/coverage/headline": 4,
    "newsbot/coverage/authors": 3,
    "newsbot/coverage/datePublished": 4,
    "newsbot/coverage/articleBody": 4,
}


def story(url: str, **fields: Any) -> dict[str, Any]:
    """An item as the pipelines hand it to the store."""
    item: dict[str, Any] = {
        "url": url, "canonicalUrl": url, "headline": f"Headline of {url.rsplit('/', 1)[-1]}",
        "articleBody": "First paragraph of the story.\n\nSecond paragraph.", "dateModified": None,
        "authors": [{"name": "Mira Sandoval", "url": None}], "keywords": ["rivers", "treaties"],
        "relatedLinks": [],
    }  # fmt: skip
    item.update(fields)
    return item


@contextmanager
def filled_store(backend: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a store of ``backend`` holding the archive of the module docstring."""
    with store_url(backend, tmp_path) as url:
        with make_store(url, 100) as store:
            store.start_run("news")
            store.store_article(story(
                A1, datePublished="2026-11-30T09:00:00+01:00", inLanguage="en",
                authors=[{"name": "Mira Sandoval", "url": "https://alpha.example/by/mira"},
                         {"name": "Tomás Ibarra", "url": None}],
                relatedLinks=[
                    {"url": A2, "headline": "Port fees rise", "kind": "related"},
                    {"url": COPY, "headline": "River deal (copy)", "kind": "recommended"},
                    {"url": "https://alpha.example/topics/rivers", "headline": "Rivers", "kind": "explore"},
                ],
            ))  # fmt: skip
            store.store_article(story(A2, datePublished="2026-12-02T10:00:00+00:00", inLanguage="en-GB"))
            store.store_article(story(B1, datePublished="2026-11-29T18:30:00-05:00", inLanguage="de", authors=[]))
            store.record_duplicate(COPY, A1, 0.91, "near", "River deal (copy)", "2026-11-30")
            store.flush()
            store.finish_run("finished", RUN_STATS)
        with make_store(url, 100) as store:
            store.start_run("news")
            store.store_article(story(A2, datePublished="2026-12-02T10:00:00+00:00", inLanguage="en-GB",
                                      articleBody="First paragraph, corrected.\n\nSecond paragraph."))  # fmt: skip
            store.flush()
            store.finish_run("finished", {"downloader/response_count": 5, "newsbot/store/revised": 1})
        yield url
