"""What discovery learns, shared by the workers of a run in Redis (newsbot.frontier.learnt).

Two :class:`CrawlSite` objects (or two ``news`` spiders) stand for two workers of one run; their
state meets in the real Redis on 127.0.0.1:6379 (fails, never skips, when it does not answer),
under a key prefix of each test's own, deleted afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from schedule_support import free_port
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newsbot import settings as project_settings
from newsbot.discovery import CrawlSite
from newsbot.frontier.connection import connect
from newsbot.frontier.learnt import SharedDiscovery
from newsbot.frontier.runs import RunLedger
from newsbot.items import ArticleItem
from newsbot.spiders.news import SHAPE_META_KEY, NewsSpider

REDIS_URL = "redis://127.0.0.1:6379/0"
HOME = "https://www.zeitung.example/"
LEASE_MS = 10_000


@pytest.fixture()
def client() -> Iterator[redis.Redis]:
    server = connect(REDIS_URL)
    try:
        server.ping()
    except redis.RedisError as error:
        pytest.fail(f"these tests need Redis on 127.0.0.1:6379 ({error}); start it (`redis-server`) and rerun")
    prefix = f"newsbot-learnt-{uuid.uuid4().hex[:10]}"
    server.test_prefix = prefix  # type: ignore[attr-defined]
    yield server
    keys = list(server.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        server.delete(*keys)
    server.close()


def run_key(client: redis.Redis) -> str:
    return f"{client.test_prefix}:news:run:r1:learnt"  # type: ignore[attr-defined]


def workers(client: redis.Redis, count: int = 2, min_support: int = 3) -> list[CrawlSite]:
    """The same site in ``count`` workers of one run."""
    run = SharedDiscovery(client, run_key(client), LEASE_MS)
    sites = [CrawlSite(HOME, min_support) for _ in range(count)]
    for site in sites:
        site.share(run.site(site.host))
    return sites


def article(n: int) -> str:
    return f"https://www.zeitung.example/lokales/neue-meldung-aus-der-stadt-{100000 + n}.html"


def test_shape_counts_add_up_across_workers_and_reach_every_worker(client: redis.Redis) -> None:
    one, two = workers(client)
    one.learn([article(1), article(2)])
    assert not one.patterns.learnt  # two URLs: below the support of 3
    two.learn([article(3), "https://www.zeitung.example/ressort/lokales"])
    assert two.patterns.matches(article(99))  # 2 + 1 URLs of the run: learnt
    assert not one.patterns.matches(article(99))  # worker one has not looked yet
    assert one.refresh() == {("{word}", "{slug}.html")}
    assert one.patterns.matches(article(99))
    assert one.refresh() == set()  # nothing new since
    assert one.patterns.describe() == two.patterns.describe() == ["/{word}/{slug}.html"]
    # negative: a shape nobody learnt stays unknown; a listing shape is never learnt
    assert not one.patterns.matches("https://www.zeitung.example/video/88776655")
    assert not two.patterns.matches("https://www.zeitung.example/ressort/politik")
    # counts from the run never teach a shape without an identifier, nor lower a count
    assert one.patterns.adopt({("{word}", "{word}"): 50, ("{word}", "{slug}.html"): 1}) == set()
    assert one.patterns.counts[("{word}", "{slug}.html")] == 3 and ("{word}", "{word}") not in one.patterns.learnt


def test_a_worker_alone_learns_nothing_from_another_run(client: redis.Redis) -> None:
    (one,) = workers(client, 1)
    other = CrawlSite(HOME, 3)
    other.share(SharedDiscovery(client, run_key(client) + "-other-run", LEASE_MS).site(other.host))
    one.learn([article(n) for n in range(5)])
    assert other.refresh() == set() and not other.patterns.learnt


def test_sitemaps_are_claimed_once_per_run_and_the_home_page_waits_for_all_of_them(client: redis.Redis) -> None:
    one, two = workers(client)
    index, news, more = (f"https://www.zeitung.example/{name}.xml" for name in ("sitemap", "news", "more"))
    assert one.claim_sitemap(index, limit=2) == "claimed"
    assert two.claim_sitemap(index, limit=2) == "seen"  # claimed by worker one
    assert two.home_due() is False and one.home_due() is False  # the index is pending
    assert two.claim_sitemap(news, limit=2) == "claimed"
    assert one.claim_sitemap(more, limit=2) == "capped"  # two sitemaps claimed in the run
    assert one.claim_sitemap("https://elsewhere.example/sitemap.xml", limit=2) == "offsite"
    two.sitemap_done()  # worker two read the index
    assert one.home_due() is False  # the news sitemap is still pending
    one.sitemap_done()
    assert [two.home_due(), one.home_due(), two.home_due()] == [True, False, False]  # once per run


def test_the_origin_one_worker_adopted_is_every_workers(client: redis.Redis) -> None:
    site = "http://zeitung.example/"
    one, two = CrawlSite(site), CrawlSite(site)
    run = SharedDiscovery(client, run_key(client), LEASE_MS)
    one.share(run.site(one.host))
    two.share(run.site(two.host))
    assert two.settle_origin() is False  # nobody has read robots.txt yet
    assert one.adopt_origin("https://www.zeitung.example/robots.txt")
    one.publish_origin()
    assert two.settle_origin() is True and two.origin == "https://www.zeitung.example"
    assert two.home == "https://www.zeitung.example/"
    page = "http://zeitung.example/lokales/x-100001.html?utm_source=feed"
    assert two.canonical(page) == one.canonical(page) == "https://www.zeitung.example/lokales/x-100001.html"


def test_the_learnt_state_expires_with_the_run_and_is_deleted_with_it(client: redis.Redis) -> None:
    ledger = RunLedger(client, client.test_prefix, "news", lease_seconds=10)  # type: ignore[attr-defined]
    membership = ledger.join("host:1", "r1")
    key = ledger.key(membership.run, "learnt")
    assert key == run_key(client)
    (one,) = workers(client, 1)
    one.learn([article(1)])
    assert 0 < client.pttl(key) <= LEASE_MS  # a write gives the hash the run's expiry
    assert ledger.heartbeat(membership.run, "host:1")
    assert 0 < client.pttl(key) <= LEASE_MS
    assert ledger.leave(membership.run, "host:1")  # the last worker ends the run
    assert client.exists(key) == 0


def test_redis_lost_is_reported_and_the_site_goes_on_with_its_own_state() -> None:
    failures: list[Exception] = []
    gone = SharedDiscovery(connect(f"redis://127.0.0.1:{free_port()}/0"), "k", LEASE_MS, on_error=failures.append)
    site = CrawlSite(HOME, 1)
    site.share(gone.site(site.host))
    site.learn([article(1)])
    assert len(failures) == 1 and site.shared is None
    assert site.patterns.matches(article(2))  # its own counts kept
    assert site.claim_sitemap("https://www.zeitung.example/sitemap.xml", 5) == "claimed"


# -- two ``news`` spiders of one run --------------------------------------------------------


def spider_of(client: redis.Redis, home: str = HOME) -> NewsSpider:
    settings = {name: getattr(project_settings, name) for name in dir(project_settings) if name.startswith("NEWSBOT_")}
    crawler = get_crawler(NewsSpider, {**settings, "NEWSBOT_SQLITE_PATH": "", "NEWSBOT_PATTERN_MIN_SUPPORT": 3})
    spider = NewsSpider.from_crawler(crawler, site=home)
    crawler.spider = spider
    run = SharedDiscovery(client, run_key(client), LEASE_MS)
    for site in spider.sites:
        site.share(run.site(site.host))
    spider.sharing_checked = True
    return spider


URLSET = '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>'


def page(url: str, request: Request | None = None) -> HtmlResponse:
    """A story page with no article structured data: an article only by its URL shape, if any."""
    text = " ".join(f"Satz {n} der Meldung nennt die Zahl {n * 31} und den Ort Lindenau {n}." for n in range(40))
    body = f"<html lang='de'><head><title>Meldung</title></head><body><article><h1>Meldung</h1><p>{text}</p>"
    body += f"<p>{text}</p></article></body></html>"
    return HtmlResponse(url, body=body.encode(), encoding="utf-8", request=request or Request(url))


def items(results: Any) -> list[ArticleItem]:
    return [result for result in results if isinstance(result, ArticleItem)]


def test_a_worker_takes_a_page_by_the_shape_another_worker_learnt(client: redis.Redis) -> None:
    reader, judge = spider_of(client), spider_of(client)
    sitemap = URLSET.format("".join(f"<url><loc>{article(n)}</loc></url>" for n in range(4)))
    sitemap_url = "https://www.zeitung.example/sitemap.xml"
    assert reader.sites[0].claim_sitemap(sitemap_url, 5) == "claimed"
    response = HtmlResponse(sitemap_url, body=sitemap.encode(), request=Request(sitemap_url))
    requests = [r for r in reader.parse_sitemap(response) if r.url.startswith(article(0)[:-11])]
    assert len(requests) == 4 and {r.meta[SHAPE_META_KEY] for r in requests} == {"/{word}/{slug}.html"}
    # the judge read no sitemap; the request the reader queued carries the evidence
    carried = requests[0]
    assert len(items(judge.parse_article(page(carried.url, carried)))) == 1
    assert judge.crawler.stats.get_value("newsbot/discovery/shape_carried") == 1
    # a page of that shape queued with no shape (e.g. found before the sitemap): the run is asked
    assert len(items(judge.parse_article(page(article(50))))) == 1
    assert judge.crawler.stats.get_value("newsbot/discovery/shape_shared") == 1
    assert judge.crawler.stats.get_value("newsbot/dropped/not_an_article") is None


def test_a_page_of_no_learnt_shape_and_no_article_data_is_still_dropped_by_any_worker(client: redis.Redis) -> None:
    reader, judge = spider_of(client), spider_of(client)
    sitemap = URLSET.format("".join(f"<url><loc>{article(n)}</loc></url>" for n in range(4)))
    url = "https://www.zeitung.example/sitemap.xml"
    reader.sites[0].claim_sitemap(url, 5)
    list(reader.parse_sitemap(HtmlResponse(url, body=sitemap.encode(), request=Request(url))))
    video = "https://www.zeitung.example/video/88776655"
    assert items(judge.parse_article(page(video))) == []
    # a request that carries a shape its page's URL does not have (a redirect): no evidence either
    moved = Request(article(1), meta={SHAPE_META_KEY: "/{word}/{slug}.html", "redirect_urls": [article(1)]})
    assert items(judge.parse_article(page(video, moved))) == []
    assert items(reader.parse_article(page(video))) == []
    stats = judge.crawler.stats
    assert stats.get_value("newsbot/dropped/not_an_article") == 2 and stats.get_value("newsbot/spider/articles") is None


def test_a_worker_canonicalises_on_the_origin_another_worker_found_in_robots_txt(client: redis.Redis) -> None:
    reader, judge = spider_of(client, "http://zeitung.example/"), spider_of(client, "http://zeitung.example/")
    robots = "https://www.zeitung.example/robots.txt"  # where http://zeitung.example/robots.txt led
    list(reader.parse_robots(HtmlResponse(robots, body=b"User-agent: *\n", request=Request(robots))))
    story = "http://zeitung.example/lokales/x-100001.html?utm_source=feed"
    assert judge.urls.canonical(story) == "http://zeitung.example/lokales/x-100001.html"  # not told yet
    list(judge.parse_article(page("https://www.zeitung.example/lokales/y-100002.html")))
    assert (
        judge.urls.canonical(story)
        == reader.urls.canonical(story)
        == "https://www.zeitung.example/lokales/x-100001.html"
    )
