"""The date window of a crawl: articles published before a cutoff are not wanted.

The cutoff comes from the spider argument ``-a since=...`` (a day ``2026-12-01``, a moment
``2026-12-01T06:00:00+01:00``, or a duration back from now: ``3d``, ``12h``, ``2w``, ``30m``), the
setting ``NEWSBOT_SINCE`` (same forms; the argument wins over it) and the setting
``NEWSBOT_MAX_AGE_DAYS`` (a number of days, 0: off). When both give a cutoff the later one holds
(the narrower window). A day without a time starts at 00:00 UTC.

What a site says about an entry before it is downloaded (a sitemap's ``lastmod``, a news
sitemap's publication date, a feed item's date, a date in the URL path ``/2026/11/30/``) is read
by :meth:`DateWindow.entry_too_old`: an entry is old only when its *newest* known date is before
the cutoff, and a date given to the day counts until that day's end anywhere on earth (UTC+14),
so nothing in the window is skipped for a time zone. An entry with no date is fetched.
After extraction :meth:`DateWindow.article_too_old` judges the page's ``datePublished``.

Stats (counted by the spiders): ``newsbot/skipped/too_old`` (entries and links not requested),
``newsbot/dropped/too_old`` (pages whose ``datePublished`` is before the cutoff),
``newsbot/window/undated`` (pages kept because no date was found anywhere).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.settings import BaseSettings

from newsbot.config import newsbot_settings
from newsbot.dates import iso_with_zone_name

SKIPPED_TOO_OLD = "newsbot/skipped/too_old"
UNDATED = "newsbot/window/undated"
#: A date given only to the day may still be that day somewhere until UTC+14.
_DAY_SLACK = timedelta(days=1, hours=14)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|h|d|w)\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_URL_DAY = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?=/|$|[-_.])")
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/")
_DAY_ONLY = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
SINCE_FORMS = "a day (2026-12-01), a moment (2026-12-01T06:00:00Z) or a duration (90m, 12h, 3d, 2w)"


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """The cutoff ``text`` names (see the module), aware, in UTC; ``ValueError`` saying the accepted forms."""
    now = now or datetime.now(UTC)
    value = str(text).strip()
    duration = _DURATION.match(value)
    if duration:
        amount, unit = float(duration.group(1)), duration.group(2).lower()
        return now - timedelta(**{_UNITS[unit]: amount})
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
    except ValueError:
        moment = None
    if moment is None or not re.match(r"^\d{4}-\d{2}-\d{2}", value):
        raise ValueError("neither a date nor a duration")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if moment > now:
        raise ValueError("a date in the future")
    return moment.astimezone(UTC)


def read_date(text: str | None) -> tuple[datetime, bool] | None:
    """A date as sitemaps (W3C/ISO 8601) and feeds (RFC 822, ISO) write it: ``(moment, day_only)``, or ``None``.

    ``moment`` is aware (UTC when the text names no zone); ``day_only`` says the text gave no time.
    """
    if not text:
        return None
    value = text.strip()
    if _DAY_ONLY.match(value):
        value = value if len(value) == 10 else value + "-01"
        try:
            return datetime.fromisoformat(value).replace(tzinfo=UTC), True
        except ValueError:
            return None
    for candidate in (value.replace("Z", "+00:00"), iso_with_zone_name(value)):
        if not candidate:
            continue
        try:
            moment = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)), False
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)), False


def newest_date(dates: Iterable[str | None]) -> datetime | None:
    """The newest readable moment of ``dates`` (a day without a time: its start, in UTC), or ``None``."""
    read = [found[0] for found in map(read_date, dates) if found is not None]
    return max(read) if read else None


def url_date(url: str) -> datetime | None:
    """The last moment the date in ``url``'s path can stand for (``/2026/11/30/``: that day; ``/2026/11/``: the
    month), in UTC, without the time-zone slack; ``None`` when the path holds no date."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    day = _URL_DAY.search(path)
    try:
        if day:
            year, month, number = (int(part) for part in day.groups())
            return datetime(year, month, number, tzinfo=UTC) + timedelta(days=1)
        month_match = _URL_MONTH.search(path)
        if month_match:
            year, month = (int(part) for part in month_match.groups())
            return datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
    except ValueError:  # /2026/02/31/
        return None
    return None


@dataclass(frozen=True)
class DateWindow:
    """Articles published at or after ``cutoff`` are wanted; ``cutoff=None``: every article (no window)."""

    cutoff: datetime | None = None

    @property
    def active(self) -> bool:
        return self.cutoff is not None

    def _before(self, moment: datetime, day_only: bool) -> bool:
        assert self.cutoff is not None
        return (moment + _DAY_SLACK if day_only else moment) < self.cutoff

    def entry_too_old(self, dates: Iterable[str | None], url: str) -> bool:
        """True when what the site says of an entry (``dates``: lastmod, publication date...) or, without any
        readable date, ``url``'s path dates it before the cutoff; an entry with no date is never too old."""
        if self.cutoff is None:
            return False
        read = [found for found in map(read_date, dates) if found is not None]
        if read:
            newest = max(read, key=lambda found: found[0] + (_DAY_SLACK if found[1] else timedelta(0)))
            return self._before(*newest)
        return self.url_too_old(url)

    def url_too_old(self, url: str) -> bool:
        """True when ``url``'s path holds a date (``/2026/11/30/``) before the cutoff."""
        if self.cutoff is None:
            return False
        end = url_date(url)
        return end is not None and end + _DAY_SLACK - timedelta(days=1) < self.cutoff

    def article_too_old(self, date_published: str | None) -> bool | None:
        """True when ``date_published`` (the item's ISO date) is before the cutoff; ``None`` when it is not
        readable (the page is undated); ``False`` when there is no window."""
        if self.cutoff is None:
            return False
        found = read_date(date_published)
        if found is None:
            return None
        return self._before(*found)


def window_from(settings: BaseSettings | Any, since: str | None = None, now: datetime | None = None) -> DateWindow:
    """The window ``settings`` (``NEWSBOT_SINCE``, ``NEWSBOT_MAX_AGE_DAYS``) and the ``since`` argument ask
    for; ``ValueError`` naming the argument or setting whose value is not a date or duration."""
    now, settings = now or datetime.now(UTC), newsbot_settings(settings)
    cutoffs = []
    given, name = (since, "since") if since not in (None, "") else (settings.get("NEWSBOT_SINCE") or "", "")
    if given:
        try:
            cutoffs.append(parse_since(str(given), now))
        except ValueError as error:
            raise ValueError(f"{name or 'NEWSBOT_SINCE'}={given!r}: {error}; expected {SINCE_FORMS}") from None
    days = settings.getfloat("NEWSBOT_MAX_AGE_DAYS")
    if days > 0:
        cutoffs.append(now - timedelta(days=days))
    return DateWindow(max(cutoffs) if cutoffs else None)
