"""Maps a request (method, target, headers) to a response; no sockets here.

Public pages: ``/``, ``/<section>``, ``/feed/rss.xml``, ``/robots.txt``, ``/article/<id>`` (also
with a trailing slash and as the ``/world/article/<id>`` mirror), old-style
``/<section>/<slug>-<8 digits>`` (301 to ``/article/<8 digits>``), ``/author/<slug>``,
``/video/<id>``; anything else is 404. Control endpoints (127.0.0.1 only, JSON):
``POST /_control/publish?count=N``, ``POST /_control/update/<id>``,
``POST /_control/republish/<id>``, ``GET /_control/requests``, ``POST /_control/requests/reset``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .model import SECTIONS_BY_SLUG
from .site import SampleSite
from .structured import iso_local
from .urls import article_id_from_path, old_style_target

HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
ROBOTS = "User-agent: *\nDisallow: /_control/\nDisallow: /search\nAllow: /\n"
LOOPBACK = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})
#: Articles must be revalidated on every fetch, so crawlers with an HTTP cache send
#: ``If-None-Match``/``If-Modified-Since`` and get 304 answers.
ARTICLE_CACHE_CONTROL = "public, max-age=0, must-revalidate"


@dataclass
class Response:
    """Status, headers and body of one answer."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def _html(status: int, text: str) -> Response:
    return Response(status, text.encode("utf-8"), {"Content-Type": HTML})


def _json(status: int, data: Any) -> Response:
    return Response(status, json.dumps(data).encode(), {"Content-Type": "application/json"})


def etag_of(body: bytes) -> str:
    """The strong ETag of a page: a hash of its bytes, quoted."""
    return '"' + hashlib.sha1(body).hexdigest()[:20] + '"'


def _not_modified(headers: Mapping[str, str], etag: str, modified: datetime) -> bool:
    """RFC 9110 conditional GET: If-None-Match wins over If-Modified-Since."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or etag in tags
    if_modified_since = headers.get("If-Modified-Since")
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return modified.replace(microsecond=0) <= since
    return False


def _article(site: SampleSite, article_id: str, base: str, headers: Mapping[str, str]) -> Response:
    article = site.get(article_id)
    if article is None:
        return _html(404, site.not_found_html())
    body = site.article_bytes(article_id, base)
    etag = etag_of(body)
    meta = {
        "ETag": etag,
        "Last-Modified": format_datetime(article.modified.astimezone(UTC), usegmt=True),
        "Cache-Control": ARTICLE_CACHE_CONTROL,
    }
    if _not_modified(headers, etag, article.modified):
        return Response(304, b"", meta)
    content_type = HTML if article.encoding == "utf-8" else "text/html"
    return Response(200, body, {"Content-Type": content_type, **meta})


def _public(site: SampleSite, path: str, base: str, headers: Mapping[str, str]) -> Response:
    """Answer a GET for a public page."""
    if path == "/":
        return _html(200, site.home_html())
    if path == "/robots.txt":
        return Response(200, ROBOTS.encode(), {"Content-Type": "text/plain; charset=utf-8"})
    if path == "/feed/rss.xml":
        return Response(200, site.feed_xml(base).encode(), {"Content-Type": RSS})
    if path.rstrip("/").lstrip("/") in SECTIONS_BY_SLUG:
        return _html(200, site.section_html(path.strip("/")))
    article_id = article_id_from_path(path)
    if article_id:
        return _article(site, article_id, base, headers)
    legacy = old_style_target(path)
    if legacy and site.get(legacy):
        return Response(301, b"", {"Location": f"{base}/article/{legacy}", "Content-Type": HTML})
    kind, _, name = path.strip("/").partition("/")
    page = None
    if kind == "author" and "/" not in name:
        page = site.author_html(name)
    elif kind == "video" and "/" not in name:
        page = site.video_html(name)
    return _html(200, page) if page else _html(404, site.not_found_html())


def _control(site: SampleSite, method: str, path: str, query: str) -> Response:
    """Answer a control request (the caller has checked it comes from 127.0.0.1)."""
    parts = path.strip("/").split("/")[1:]
    if parts == ["requests"] and method == "GET":
        return _json(200, site.request_log.snapshot())
    if method != "POST":
        return _json(405, {"error": "method not allowed"})
    if parts == ["requests", "reset"]:
        site.request_log.reset()
        return _json(200, {"reset": True})
    if parts == ["publish"]:
        try:
            count = int(parse_qs(query).get("count", ["1"])[0])
        except ValueError:
            count = 0
        if not 1 <= count <= 1000:
            return _json(400, {"error": "count must be between 1 and 1000"})
        return _json(200, {"published": site.publish_new(count)})
    if len(parts) == 2 and parts[0] in ("update", "republish"):
        article_id = parts[1]
        if site.get(article_id) is None:
            return _json(404, {"error": f"unknown article {article_id}"})
        if parts[0] == "update":
            site.update_article(article_id)
            modified = site.articles[article_id].modified
            return _json(200, {"updated": article_id, "dateModified": iso_local(modified)})
        return _json(200, {"republished": site.republish(article_id), "of": article_id})
    return _json(404, {"error": "unknown control endpoint"})


def handle(site: SampleSite, method: str, target: str, headers: Mapping[str, str], base: str, client: str) -> Response:
    """Answer one request; public requests are counted in ``site.request_log``.

    ``target`` is the request target (path and query), ``base`` the served base URL (no
    trailing slash) and ``client`` the client's IP address.
    """
    split = urlsplit(target)
    path = split.path or "/"
    if path.startswith("/_control/"):
        if client not in LOOPBACK:
            return _json(403, {"error": "control endpoints answer only 127.0.0.1"})
        return _control(site, method, path, split.query)
    if method not in ("GET", "HEAD"):
        response = _html(405, site.not_found_html())
        response.headers["Allow"] = "GET, HEAD"
    else:
        response = _public(site, path, base, headers)
    site.request_log.record(path, response.status)
    return response
