"""ContactUserAgentMiddleware: a User-Agent that tells the site who crawls it and how to reach them."""

from __future__ import annotations

from typing import Any, Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import SETTINGS_PRIORITIES

from newsbot import __version__
from newsbot.config import newsbot_settings


def contact_user_agent(contact: str, version: str = __version__) -> str:
    """``newsbot/<version> (+<contact>)``: the bot, its version and a URL or address to reach its operator."""
    return f"newsbot/{version} (+{contact})"


class ContactUserAgentMiddleware:
    """Sets ``User-Agent: newsbot/<version> (+<NEWSBOT_CONTACT>)`` on every request.

    ``settings.py`` builds ``USER_AGENT`` from ``NEWSBOT_CONTACT`` when it is imported, so a
    contact given later (``-s NEWSBOT_CONTACT=...``, Scrapyd's ``setting=``, a spider's
    ``custom_settings``) would not reach it; this middleware builds the User-Agent from the final
    setting. It steps aside (``NotConfigured``) when ``USER_AGENT`` was set with a higher priority
    than the project's (command line, spider): an explicit User-Agent wins. It only sets the header
    when the request has none (a spider may still set its own per request) and runs before
    Scrapy's ``UserAgentMiddleware`` (order 500); robots.txt requests carry it too.

    Settings: ``NEWSBOT_CONTACT`` (a URL or e-mail address; empty: disabled), ``USER_AGENT``.
    Stats: none.
    """

    def __init__(self, user_agent: str) -> None:
        self.user_agent = user_agent

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = newsbot_settings(crawler.settings)
        contact = (settings.get("NEWSBOT_CONTACT") or "").strip()
        if not contact:
            raise NotConfigured("NEWSBOT_CONTACT is empty")
        if (settings.getpriority("USER_AGENT") or 0) > SETTINGS_PRIORITIES["project"]:
            raise NotConfigured("USER_AGENT was set explicitly")
        return cls(contact_user_agent(contact))

    def process_request(self, request: Request) -> Any:
        request.headers.setdefault(b"User-Agent", self.user_agent)
        return None
