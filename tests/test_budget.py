"""The volume bounds (newsbot.frontier.budget) in the project's scheduler: a page budget per site, a bounded queue.

Real schedulers (``ResumeSafeScheduler`` with newsbot's memory queue) fed the requests the real
spiders build; the end-to-end crawls (an endless site, two sites in one ``news`` crawl, the
shared frontier) are in ``tests/test_budget_crawls.py``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
import scrapy
from scrapy.utils.test import get_crawler

from newsbot.frontier import RunLedger, connect
from newsbot.frontier.budget import bounds_reached
from newsbot.frontier.local_scheduler import ResumeSafeScheduler
from newsbot.middlewares.incremental import IncrementalMiddleware
from newsbot.report import run_summary
from newsbot.spiders.news import NewsSpider
from newsbot.spiders.trtworld import TrtWorldSpider
from newsbot.storage import KnownPage
from newsbot.storage.known import StoredPages

BASE = "http://127.0.0.1:8765"
REDIS_URL = "redis://127.0.0.1:6379/0"
SITE = "127.0.0.1:8765"


def open_scheduler(tmp_path: Path, settings: dict[str, Any], spidercls: type = TrtWorldSpider, **kwargs: Any) -> Any:
    values = {"NEWSBOT_BASE_URL": BASE, "NEWSBOT_SQLITE_PATH": str(tmp_path / "db.sqlite3"), **settings}
    # Scrapy's default priority queue asks the engine's downloader for slots: no engine here
    crawler = get_crawler(spidercls, {**values, "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue"})
    crawler.spider = crawler._create_spider(**kwargs)
    crawler.stats.open_spider()
    scheduler = ResumeSafeScheduler.from_crawler(crawler)
    scheduler.open(crawler.spider)
    return scheduler


def articles(spider: TrtWorldSpider, count: int, start: int = 0, base: str = BASE) -> list[scrapy.Request]:
    return [spider.article_request(f"{base}/article/{n:012x}", 1) for n in range(start, start + count)]


def stats(scheduler: Any) -> dict[str, Any]:
    return scheduler.stats.get_stats()


def test_a_site_gets_its_budget_and_no_more(tmp_path: Path) -> None:
    scheduler = open_scheduler(tmp_path, {"NEWSBOT_MAX_PAGES_PER_SITE": 5})
    spider = scheduler.crawler.spider
    listing = scrapy.Request(f"{BASE}/politics", callback=spider.parse_listing, dont_filter=True)
    queued = [scheduler.enqueue_request(request) for request in [listing, *articles(spider, 7)]]
    assert queued == [True] * 5 + [False] * 3  # the listing page counts as a page of the site
    assert len(scheduler) == 5
    values = stats(scheduler)
    assert values[f"newsbot/budget/pages/{SITE}"] == 5
    assert values["newsbot/skipped/page_budget"] == values[f"newsbot/skipped/page_budget/{SITE}"] == 3
    assert values[f"newsbot/budget/spent/{SITE}"] == 1
    assert values["newsbot/budget/max_pages_per_site"] == 5
    assert "newsbot/skipped/queue_full" not in values


def test_the_budget_counts_pages_not_duplicates_retries_or_redirects(tmp_path: Path) -> None:
    scheduler = open_scheduler(tmp_path, {"NEWSBOT_MAX_PAGES_PER_SITE": 3})
    spider = scheduler.crawler.spider
    first, second, third = articles(spider, 3)
    assert scheduler.enqueue_request(first) and scheduler.enqueue_request(second)
    assert not scheduler.enqueue_request(first.copy())  # a duplicate: filtered, costs nothing
    assert scheduler.enqueue_request(third)  # the third page still fits: the site has spent its budget now
    retry = first.replace(meta={**first.meta, "retry_times": 1}, dont_filter=True)
    redirect = second.replace(url=f"{BASE}/article/{99:012x}", meta={**second.meta, "redirect_times": 1})
    assert scheduler.enqueue_request(retry) and scheduler.enqueue_request(redirect)  # continue paid-for pages
    assert not scheduler.enqueue_request(articles(spider, 1, start=50)[0])  # a new page: refused
    values = stats(scheduler)
    assert values[f"newsbot/budget/pages/{SITE}"] == 3 and values["newsbot/skipped/page_budget"] == 1


def test_a_refused_page_is_not_marked_seen(tmp_path: Path) -> None:
    """Refused before the dupefilter: a resumed JOBDIR crawl (a new run, a new budget) may still fetch it."""
    scheduler = open_scheduler(tmp_path, {"NEWSBOT_MAX_PAGES_PER_SITE": 1})
    spider = scheduler.crawler.spider
    first, refused = articles(spider, 2)
    assert scheduler.enqueue_request(first) and not scheduler.enqueue_request(refused)
    assert not scheduler.df.request_seen(refused.copy())  # the first look at it


def test_stored_articles_the_incremental_middleware_skips_cost_no_budget(tmp_path: Path) -> None:
    scheduler = open_scheduler(tmp_path, {"NEWSBOT_MAX_PAGES_PER_SITE": 2})
    spider = scheduler.crawler.spider
    middleware = IncrementalMiddleware.from_crawler(scheduler.crawler)  # built by the engine in a crawl
    known = articles(spider, 3)
    middleware.known = StoredPages.of_pages(
        {request.url: KnownPage("2026-12-01T00:00:00+00:00", None, None) for request in known}
    )
    assert all(scheduler.enqueue_request(request) for request in known)  # answered from the store: free
    assert all(scheduler.enqueue_request(request) for request in articles(spider, 2, start=10))
    assert not scheduler.enqueue_request(articles(spider, 1, start=20)[0])
    assert stats(scheduler)[f"newsbot/budget/pages/{SITE}"] == 2


def test_the_budget_of_one_site_takes_nothing_from_another(tmp_path: Path) -> None:
    other = "http://127.0.0.1:8766"
    sites = tmp_path / "sites.txt"
    sites.write_text(f"{BASE}/\n{other}/\n", encoding="utf-8")
    scheduler = open_scheduler(tmp_path, {"NEWSBOT_MAX_PAGES_PER_SITE": 2}, NewsSpider, sites=str(sites))
    spider = scheduler.crawler.spider
    ours = [scheduler.enqueue_request(request) for request in articles(spider, 4)]
    theirs = [scheduler.enqueue_request(request) for request in articles(spider, 2, base=other)]
    assert ours == [True, True, False, False] and theirs == [True, True]
    values = stats(scheduler)
    assert values["newsbot/skipped/page_budget/127.0.0.1:8765"] == 2
    assert "newsbot/skipped/page_budget/127.0.0.1:8766" not in values
    assert values["newsbot/budget/pages/127.0.0.1:8766"] == 2


def test_trtworld_aliases_count_as_one_site(tmp_path: Path) -> None:
    crawler = get_crawler(TrtWorldSpider, {"NEWSBOT_BASE_URL": "https://www.trtworld.com", "NEWSBOT_SQLITE_PATH": ""})
    spider = crawler._create_spider()
    keys = {
        spider.site_key(url) for url in ("https://www.trtworld.com/a", "https://trt.global/b", "https://trtworld.com/")
    }
    assert keys == {"trtworld.com"}
    assert spider.site_key("https://example.com/article/1") is None


def test_a_full_queue_refuses_new_article_links_until_it_has_room(tmp_path: Path) -> None:
    scheduler = open_scheduler(tmp_path, {"NEWSBOT_MAX_PENDING_REQUESTS": 3, "NEWSBOT_MAX_PAGES_PER_SITE": 0})
    spider = scheduler.crawler.spider
    batch = articles(spider, 5)
    assert [scheduler.enqueue_request(request) for request in batch] == [True, True, True, False, False]
    # the spider's own pages (start requests, listings) still pass: each is bounded by the spider
    start = scrapy.Request(f"{BASE}/", callback=spider.parse_listing, dont_filter=True, meta={"is_start_request": True})
    assert scheduler.enqueue_request(start)
    assert scheduler.next_request() is not None and scheduler.next_request() is not None
    assert scheduler.enqueue_request(batch[3])  # room again: accepted (it was not marked seen)
    values = stats(scheduler)
    assert values["newsbot/skipped/queue_full"] == values[f"newsbot/skipped/queue_full/{SITE}"] == 2
    assert values["newsbot/budget/queue_peak"] == 4
    assert "newsbot/skipped/page_budget" not in values


def test_with_a_jobdir_the_requests_on_disk_count_as_pending_and_against_the_budget(tmp_path: Path) -> None:
    settings = {"JOBDIR": str(tmp_path / "job"), "NEWSBOT_MAX_PENDING_REQUESTS": 4, "NEWSBOT_MAX_PAGES_PER_SITE": 6}
    scheduler = open_scheduler(tmp_path, settings)
    spider = scheduler.crawler.spider
    assert [scheduler.enqueue_request(request) for request in articles(spider, 5)] == [True] * 4 + [False]
    assert stats(scheduler)["scheduler/enqueued/disk"] == 4  # kept on disk, counted all the same
    scheduler.next_request(), scheduler.next_request(), scheduler.next_request()
    assert [scheduler.enqueue_request(request) for request in articles(spider, 3, start=10)] == [True, True, False]
    values = stats(scheduler)
    assert values["newsbot/skipped/queue_full"] == 1 and values["newsbot/skipped/page_budget"] == 1
    scheduler.close("finished")


def test_both_bounds_off_change_nothing(tmp_path: Path) -> None:
    scheduler = open_scheduler(tmp_path, {"NEWSBOT_MAX_PENDING_REQUESTS": 0, "NEWSBOT_MAX_PAGES_PER_SITE": 0})
    assert scheduler.budget is None
    assert all(scheduler.enqueue_request(request) for request in articles(scheduler.crawler.spider, 20))
    assert not any(key.startswith(("newsbot/skipped/", "newsbot/budget/")) for key in stats(scheduler))


def test_the_defaults_bound_both() -> None:
    from newsbot import settings

    assert settings.NEWSBOT_MAX_PAGES_PER_SITE == 5000 and settings.NEWSBOT_MAX_PENDING_REQUESTS == 100_000


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, None),
        ({"newsbot/budget/max_pages_per_site": 5000, "newsbot/budget/pages/a.example": 12}, None),
        ({"newsbot/budget/max_pages_per_site": 12, "newsbot/budget/spent/a.example": 1}, None),  # used, none cut
        (
            {
                "newsbot/budget/max_pages_per_site": 40,
                "newsbot/budget/spent/a.example": 1,
                "newsbot/skipped/page_budget": 900,
                "newsbot/skipped/page_budget/a.example": 900,
            },
            "page budget (NEWSBOT_MAX_PAGES_PER_SITE=40) spent by 1 site: a.example (900 links not followed)",
        ),
        (
            {"newsbot/budget/max_pending": 10, "newsbot/skipped/queue_full": 7},
            "pending queue full (NEWSBOT_MAX_PENDING_REQUESTS=10): 7 requests not queued",
        ),
    ],
)
def test_the_bounds_line(values: dict[str, Any], expected: str | None) -> None:
    assert bounds_reached(values) == expected


def test_the_summary_says_which_bound_was_reached_and_that_the_crawl_ended_normally() -> None:
    values = {
        "finish_reason": "finished",
        "newsbot/budget/max_pages_per_site": 40,
        "newsbot/budget/spent/a.example": 1,
        "newsbot/skipped/page_budget": 900,
        "newsbot/skipped/page_budget/a.example": 900,
    }
    text = run_summary(values, [], "trtworld OK (exit 0: ok)")
    assert (
        "  bounds reached (the crawl ended normally, some links were not followed): page budget"
        " (NEWSBOT_MAX_PAGES_PER_SITE=40) spent by 1 site: a.example (900 links not followed)"
    ) in text.splitlines()
    assert "bounds reached" not in run_summary({"finish_reason": "finished"}, [], "trtworld OK (exit 0: ok)")


# -- the shared frontier's budget: one counter per run in Redis ----------------------------------


@pytest.fixture()
def ledger() -> Iterator[RunLedger]:
    client = connect(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.fail(f"this test needs Redis on 127.0.0.1:6379 ({error}); start it (`redis-server`) and rerun")
    prefix = f"newsbot-test-{uuid.uuid4().hex[:10]}"
    yield RunLedger(client, prefix, "trtworld", lease_seconds=30)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


def test_the_run_budget_is_one_counter_for_every_worker_and_ends_with_the_run(ledger: RunLedger) -> None:
    run = ledger.join("host:1").run
    other = RunLedger(ledger.client, ledger.base.rpartition(":")[0], "trtworld", lease_seconds=30)
    assert other.join("host:2").run == run
    granted = [(ledger if n % 2 else other).spend(run, "a.example", 5) for n in range(8)]
    assert granted == [True] * 5 + [False] * 3  # two workers, one budget
    assert ledger.spend(run, "b.example", 5)  # another site: its own count
    budget = ledger.key(run, "budget")
    assert ledger.client.hgetall(budget) == {b"a.example": b"5", b"b.example": b"1"}
    assert 0 < ledger.client.pttl(budget) <= 30_000  # expires with the run should every worker die
    ledger.leave(run, "host:1")
    assert other.leave(run, "host:2") is True and not ledger.client.exists(budget)  # the run ended: gone
