"""The date window (issue 19): what ``since``, ``NEWSBOT_SINCE`` and ``NEWSBOT_MAX_AGE_DAYS`` keep and skip."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from scrapy.settings import BaseSettings

from newsbot.discovery.feeds import read_feed
from newsbot.settings_check import validate_settings
from newsbot.window import DateWindow, parse_since, read_date, url_date, window_from

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
WEEK = DateWindow(NOW - timedelta(days=7))  # cutoff 2026-11-30 12:00 UTC


@pytest.mark.parametrize(
    ("text", "cutoff"),
    [
        ("3d", NOW - timedelta(days=3)),
        ("12h", NOW - timedelta(hours=12)),
        ("90m", NOW - timedelta(minutes=90)),
        ("2w", NOW - timedelta(weeks=2)),
        ("2026-12-01", datetime(2026, 12, 1, tzinfo=UTC)),
        ("2026-12-01T06:00:00+01:00", datetime(2026, 12, 1, 5, tzinfo=UTC)),
        ("2026-12-01T06:00:00Z", datetime(2026, 12, 1, 6, tzinfo=UTC)),
    ],
)
def test_since_reads_days_moments_and_durations(text: str, cutoff: datetime) -> None:
    assert parse_since(text, NOW) == cutoff


@pytest.mark.parametrize("text", ["yesterday-ish", "", "3x", "d3", "7 days", "01.12.2026", "2026-13-01", "2999-01-01"])
def test_since_refuses_what_is_not_a_past_date_or_a_duration(text: str) -> None:
    with pytest.raises(ValueError):
        parse_since(text, NOW)


def test_the_argument_wins_over_the_setting_and_the_later_cutoff_holds() -> None:
    settings = BaseSettings({"NEWSBOT_SINCE": "2026-11-01", "NEWSBOT_MAX_AGE_DAYS": 3})
    assert window_from(settings, now=NOW).cutoff == NOW - timedelta(days=3)
    assert window_from(settings, "1d", now=NOW).cutoff == NOW - timedelta(days=1)
    assert window_from(BaseSettings({"NEWSBOT_SINCE": "2026-12-05"}), now=NOW).cutoff == datetime(
        2026, 12, 5, tzinfo=UTC
    )
    assert window_from(BaseSettings({}), now=NOW).cutoff is None
    with pytest.raises(ValueError, match=r"^since='soon': neither a date nor a duration; expected"):
        window_from(settings, "soon", now=NOW)


def test_bad_settings_are_named() -> None:
    problems = validate_settings({"NEWSBOT_SINCE": "last week", "NEWSBOT_MAX_AGE_DAYS": "-2"})
    assert any(p.startswith("NEWSBOT_SINCE='last week'") for p in problems)
    assert any(p.startswith("NEWSBOT_MAX_AGE_DAYS='-2'") for p in problems)
    assert validate_settings({"NEWSBOT_SINCE": "12h", "NEWSBOT_MAX_AGE_DAYS": "1.5"}) == []


@pytest.mark.parametrize(
    ("text", "moment", "day_only"),
    [
        ("2026-11-30", datetime(2026, 11, 30, tzinfo=UTC), True),
        ("2026-11-30T08:15:00+02:00", datetime(2026, 11, 30, 6, 15, tzinfo=UTC), False),
        ("2026-11-30T08:15:00Z", datetime(2026, 11, 30, 8, 15, tzinfo=UTC), False),
        ("Mon, 30 Nov 2026 08:15:00 GMT", datetime(2026, 11, 30, 8, 15, tzinfo=UTC), False),
        ("Mon, 30 Nov 2026 08:15:00 +0100", datetime(2026, 11, 30, 7, 15, tzinfo=UTC), False),
    ],
)
def test_sitemap_and_feed_dates_are_read(text: str, moment: datetime, day_only: bool) -> None:
    found = read_date(text)
    assert found is not None and found[0] == moment and found[1] is day_only


@pytest.mark.parametrize("text", [None, "", "soon", "30/11/2026", "2026-02-31"])
def test_unreadable_dates_are_none(text: str | None) -> None:
    assert read_date(text) is None


def test_an_entry_is_old_only_when_its_newest_date_is_before_the_cutoff() -> None:
    assert WEEK.entry_too_old(["2026-11-20T10:00:00Z"], "https://example.com/a-1")
    # a newer lastmod keeps an old publication in: the page changed within the window
    assert not WEEK.entry_too_old(["2026-11-20T10:00:00Z", "2026-12-06T10:00:00Z"], "https://example.com/a-1")
    # a day without a time counts until its end anywhere on earth: the day before the cutoff stays in
    assert not WEEK.entry_too_old(["2026-11-29"], "https://example.com/a-1")
    assert WEEK.entry_too_old(["2026-11-27"], "https://example.com/a-1")
    # no readable date: the URL's date decides; none there either: fetched
    assert WEEK.entry_too_old([None, "soon"], "https://example.com/2025/03/04/a-1")
    assert not WEEK.entry_too_old([None], "https://example.com/a-1")
    # a readable date wins over the URL's
    assert not WEEK.entry_too_old(["2026-12-06T10:00:00Z"], "https://example.com/2025/03/04/a-1")
    assert not DateWindow().entry_too_old(["2001-01-01"], "https://example.com/2001/01/01/a")


def test_the_date_in_a_url() -> None:
    assert url_date("https://example.com/2026/11/30/story") == datetime(2026, 12, 1, tzinfo=UTC)
    assert url_date("https://example.com/news/2026/11/story.html") == datetime(2026, 12, 1, tzinfo=UTC)
    assert url_date("https://example.com/2026/12/05/") == datetime(2026, 12, 6, tzinfo=UTC)
    assert WEEK.url_too_old("https://example.com/world/2026/10/02/story-1.html")
    assert not WEEK.url_too_old("https://example.com/world/2026/11/30/story-1.html")
    # numbers that are not a date: an id, a year alone, a size, an impossible day, a query
    for url in ("https://example.com/story/2019/1234567", "https://example.com/2019/story",
                "https://example.com/img/1920/1080/x.jpg", "https://example.com/2026/02/31/x",
                "https://example.com/story?from=/2019/01/02/", "https://example.com/a-2019-01-02"):  # fmt: skip
        assert not WEEK.url_too_old(url), url


def test_a_published_date_outside_the_window_drops_the_article_and_no_date_is_undated() -> None:
    assert WEEK.article_too_old("2026-10-01T09:00:00+02:00") is True
    assert WEEK.article_too_old("2026-12-01") is False
    assert WEEK.article_too_old(None) is None and WEEK.article_too_old("unknown") is None
    assert DateWindow().article_too_old("2001-01-01") is False


def test_feed_items_keep_their_update_date() -> None:
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="/a-1"/><title>A</title>
        <published>2026-11-01T10:00:00Z</published><updated>2026-12-06T10:00:00Z</updated></entry>
        <entry><link href="/a-2"/><updated>2026-11-02T10:00:00Z</updated></entry></feed>"""
    entries = read_feed(atom, "https://example.com/feed").entries
    assert [(e.published, e.updated) for e in entries] == [
        ("2026-11-01T10:00:00Z", "2026-12-06T10:00:00Z"),
        ("2026-11-02T10:00:00Z", "2026-11-02T10:00:00Z"),
    ]
    assert not WEEK.entry_too_old((entries[0].published, entries[0].updated), entries[0].url)
    assert WEEK.entry_too_old((entries[1].published, entries[1].updated), entries[1].url)


def test_a_stored_page_is_due_again_only_when_the_site_dates_it_after_its_last_fetch() -> None:
    from scrapy import Request

    from newsbot.middlewares.incremental import IncrementalMiddleware
    from newsbot.request_meta import SITE_DATE_META_KEY
    from newsbot.storage import KnownPage

    page = KnownPage("2026-12-05T10:00:00+00:00", '"abc"', None)

    def due(date: str | None, known: KnownPage = page) -> bool:
        request = Request("https://example.com/a-1", meta={SITE_DATE_META_KEY: date} if date else {})
        return IncrementalMiddleware._changed_since(known, request)

    assert due("2026-12-05T10:00:01Z") and due("Sat, 05 Dec 2026 11:30:00 +0100")
    assert not due("2026-12-05T10:00:00Z")  # the same moment it was fetched: nothing new
    assert not due("2026-12-05T11:00:00+02:00")  # earlier, once the offset is read
    assert not due("2026-12-05")  # a day without a time counts from its start: not after the fetch
    assert not due(None) and not due("soon")
    assert not due("2026-12-06T00:00:00Z", KnownPage("2026-12-05T10:00:00+00:00", None, None, "https://x/original"))


def test_a_run_that_found_only_older_articles_passes_the_articles_check() -> None:
    from newsbot.monitoring.health import Thresholds, check_articles

    assert check_articles({"newsbot/skipped/too_old": 40}, Thresholds()).ok
    assert check_articles({"newsbot/skipped/language": 3}, Thresholds()).ok
    assert not check_articles({"newsbot/dropped/too_old": 40}, Thresholds()).ok  # fetched and dropped: nothing found
