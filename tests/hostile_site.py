"""Small local sites for crawl tests: hand-made TRT World-like articles and hostile pages.

:class:`LocalServer` answers from a table of paths on 127.0.0.1 (port 0: a free one) in its own
thread and records every request path it receives. :class:`StoryPages` writes article pages in
the TRT World shape (the replica's renderer) with links chosen by the test, so the link graph a
test expects is the one it wrote. :func:`hostile_site` adds the pages a crawler must survive.
"""

from __future__ import annotations

import gzip
import random
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from xml.sax.saxutils import escape

from newsbot.sample_site import Link, SampleSite
from newsbot.sample_site.generator import StoryWriter, make_authors

HTML = "text/html; charset=utf-8"
SECTIONS = ("politics", "turkiye", "war-on-gaza", "biztech", "infographics", "features", "opinion")
#: How long a held answer waits for its event at most, so a test can never hang on it.
HOLD_LIMIT_SECONDS = 20.0


@dataclass
class Answer:
    """One HTTP answer. ``body`` may be an iterable of chunks; ``sized=False`` sends no
    Content-Length and closes the connection after the body (a body of unannounced size).
    ``hold`` makes the answer wait until the event is set (at most :data:`HOLD_LIMIT_SECONDS`)."""

    status: int = 200
    body: bytes | Callable[[], Iterable[bytes]] = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": HTML})
    sized: bool = True
    hold: threading.Event | None = None


class LocalServer:
    """Serves ``answers`` (path -> :class:`Answer`) on ``127.0.0.1``; anything else is a 404.

    ``host`` is the name put in :attr:`base_url` (``"localhost"`` gives a second site on the same
    machine that an off-site filter must tell apart). :attr:`requests` lists every request path
    in the order received, :attr:`answered` in the order answered, :attr:`visits` each request's
    ``(Host header, path)``. Use as a context manager.
    """

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.answers: dict[str, Answer] = {}
        self.requests: list[str] = []
        self.visits: list[tuple[str, str]] = []
        self.answered: list[str] = []
        self.served: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self.base_url = f"http://{host}:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def count(self, path: str) -> int:
        with self._lock:
            return self.requests.count(path)

    def when_served(self, path: str) -> threading.Event:
        """An event set once an answer for ``path`` has been sent."""
        with self._lock:
            return self.served.setdefault(path, threading.Event())

    def _record(self, path: str, host: str = "") -> Answer | None:
        with self._lock:
            self.requests.append(path)
            self.visits.append((host, path))
            return self.answers.get(path)

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def _handler_for(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            host = self.headers.get("Host", "")
            answer = server._record(path, host) or Answer(404, b"<html><body>not found</body></html>")
            if answer.hold is not None:
                answer.hold.wait(HOLD_LIMIT_SECONDS)
            try:
                self._send(answer)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the crawler hung up (a size cut-off): expected
            with server._lock:
                server.answered.append(path)
            server.when_served(path).set()

        def _send(self, answer: Answer) -> None:
            body = answer.body if isinstance(answer.body, bytes) else None
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            if answer.sized and body is not None:
                self.send_header("Content-Length", str(len(body)))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            for chunk in [body] if body is not None else answer.body():  # type: ignore[operator]
                self.wfile.write(chunk)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


class StoryPages:
    """Article pages in the TRT World shape, each with the Explore links the test gives it.

    Ids are 12 hex digits; texts come from the replica's story writer (distinct stories, so no
    two are near duplicates). Link titles are set here, never taken from the target page.
    """

    def __init__(self, seed: int = 7) -> None:
        self.site = SampleSite(seed)
        self.rng = random.Random(seed)
        self.writer = StoryWriter(self.rng)
        self.authors = make_authors(self.rng, 6)
        self.clock = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)

    def new_id(self) -> str:
        return f"{self.rng.getrandbits(48):012x}"

    def add(self, article_id: str, links: Iterable[str] = (), headline: str | None = None) -> str:
        """Write the article ``article_id`` linking to ``links`` (ids or root-relative paths)."""
        self.clock += timedelta(minutes=7)
        section = self.rng.choice(("politics", "turkiye", "biztech", "features"))
        article, _ = self.writer.article(article_id, section, self.clock, self.authors)
        if headline is not None:
            article.headline = headline
        hrefs = [link if link.startswith("/") else f"/article/{link}" for link in links]
        article.explore = [Link(href, headline=f"Read next {n}") for n, href in enumerate(hrefs, 1)]
        self.site.add(article)
        return article_id

    def page(self, article_id: str, base_url: str) -> Answer:
        return Answer(body=self.site.article_bytes(article_id, base_url))


def listing(article_ids: Iterable[str]) -> Answer:
    """A home or section page whose cards link ``article_ids``."""
    cards = "".join(f'<li><a href="/article/{aid}">Story {aid}</a></li>' for aid in article_ids)
    return Answer(body=f"<html><head><title>TRT World</title></head><body><ul>{cards}</ul></body></html>".encode())


def feed(base_url: str, article_ids: Iterable[str]) -> Answer:
    """An RSS feed linking ``article_ids``."""
    items = "".join(f"<item><link>{escape(base_url)}/article/{aid}</link></item>" for aid in article_ids)
    body = f"<?xml version='1.0'?><rss version='2.0'><channel>{items}</channel></rss>"
    return Answer(body=body.encode(), headers={"Content-Type": "application/rss+xml"})


def start_pages(server: LocalServer, home: Iterable[str] = (), rss: Iterable[str] = ()) -> None:
    """Home, feed and every section page of the spider (the sections list nothing)."""
    server.answers["/"] = listing(home)
    server.answers["/feed/rss.xml"] = feed(server.base_url, rss)
    for section in SECTIONS:
        server.answers[f"/{section}"] = listing(())


def gzip_bomb(decompressed_bytes: int) -> bytes:
    """A gzip body of ``decompressed_bytes`` zeros, built from repeated 1 MiB members (a gzip
    stream may hold several, and readers decompress them all): about 1 KB per MiB."""
    member = gzip.compress(bytes(1 << 20), compresslevel=9)
    return member * (decompressed_bytes >> 20)


def filler(total: int, chunk: int = 1 << 16) -> Callable[[], Iterator[bytes]]:
    """A body of ``total`` bytes of HTML comment, written in chunks (never held in memory)."""

    def chunks() -> Iterator[bytes]:
        yield b"<html><body><!--"
        for _ in range(total // chunk):
            yield b"x" * chunk

    return chunks


@dataclass
class HostileSite:
    """What :func:`hostile_site` built: the good article ids and each hostile case's id."""

    good: set[str]
    cases: dict[str, str]
    disallowed: str


def hostile_site(server: LocalServer, other: LocalServer, pages: StoryPages) -> HostileSite:
    """Fill ``server`` with good articles and one article URL per hostile case, all linked.

    Cases (article URL -> what it serves): ``offsite`` 301 to ``other`` (another host);
    ``self_loop`` 301 to itself; ``endless`` 302 to ``/hop/1``, ``/hop/2``... for ever;
    ``bomb`` a gzip body of 1 GiB of zeros; ``huge`` 20 MB with its Content-Length;
    ``huge_unsized`` 20 MB without one; ``long_headline`` an article with a 1 MB headline;
    ``disallowed`` an article robots.txt forbids; ``dead`` a 404.
    """
    names = ("offsite", "self_loop", "endless", "bomb", "huge", "huge_unsized", "long_headline", "disallowed", "dead")
    cases = {name: pages.new_id() for name in names}
    good = [pages.new_id() for _ in range(4)]
    pages.add(good[3])
    pages.add(good[2])
    pages.add(good[1], [good[3]])
    # the hub (on the start pages) links two good articles and every case: all at depth 1
    pages.add(good[0], [good[1], good[2], *cases.values()])
    pages.add(cases["long_headline"], headline="Breaking news " * ((1 << 20) // 14))
    for article_id in (*good, cases["long_headline"]):
        server.answers[f"/article/{article_id}"] = pages.page(article_id, server.base_url)
    start_pages(server, home=[good[0]], rss=[good[0]])
    robots = f"User-agent: *\nDisallow: /article/{cases['disallowed']}\n"
    server.answers["/robots.txt"] = Answer(body=robots.encode(), headers={"Content-Type": "text/plain"})
    server.answers[f"/article/{cases['disallowed']}"] = pages.page(good[3], server.base_url)

    def redirect(target: str, status: int = 301) -> Answer:
        return Answer(status, b"", {"Location": target, "Content-Type": HTML})

    other_article = pages.new_id()
    pages.add(other_article)
    other.answers[f"/article/{other_article}"] = pages.page(other_article, other.base_url)
    other.answers["/robots.txt"] = Answer(body=b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"})
    server.answers[f"/article/{cases['offsite']}"] = redirect(other.url(f"/article/{other_article}"))
    server.answers[f"/article/{cases['self_loop']}"] = redirect(server.url(f"/article/{cases['self_loop']}"))
    server.answers[f"/article/{cases['endless']}"] = redirect("/hop/1", 302)
    for hop in range(1, 40):
        server.answers[f"/hop/{hop}"] = redirect(f"/hop/{hop + 1}", 302)
    server.answers[f"/article/{cases['bomb']}"] = Answer(
        body=gzip_bomb(1 << 30), headers={"Content-Type": HTML, "Content-Encoding": "gzip"}
    )
    twenty_mb = 20 * 1000 * 1000
    server.answers[f"/article/{cases['huge']}"] = Answer(body=b"<html><body>" + b"x" * twenty_mb)
    server.answers[f"/article/{cases['huge_unsized']}"] = Answer(body=filler(twenty_mb), sized=False)
    return HostileSite(good=set(good), cases=cases, disallowed=f"/article/{cases['disallowed']}")
