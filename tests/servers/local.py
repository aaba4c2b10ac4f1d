"""A test site answering from a table of paths: :class:`LocalServer` and its :class:`Answer`.

The table is filled by the test (or by a site builder such as :func:`servers.hostile.hostile_site`);
every request path is recorded, so a test can say what a crawl asked for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from types import TracebackType

from servers.loopback import LoopbackServer

HTML = "text/html; charset=utf-8"
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
    ``(Host header, path)``. ``fallback`` (path -> answer or None), when set, answers paths the table
    lacks (pages made up on request). Use as a context manager; :meth:`forget_requests` empties the
    records (a server shared by several tests).
    """

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.answers: dict[str, Answer] = {}
        self.fallback: Callable[[str], Answer | None] | None = None
        self.requests: list[str] = []
        self.visits: list[tuple[str, str]] = []
        self.answered: list[str] = []
        self.served: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self._loopback = LoopbackServer(_handler_for(self), host)
        self.base_url = self._loopback.base_url

    def url(self, path: str) -> str:
        return self._loopback.url(path)

    def count(self, path: str) -> int:
        with self._lock:
            return self.requests.count(path)

    def when_served(self, path: str) -> threading.Event:
        """An event set once an answer for ``path`` has been sent."""
        with self._lock:
            return self.served.setdefault(path, threading.Event())

    def forget_requests(self) -> None:
        """Empty :attr:`requests`, :attr:`visits`, :attr:`answered` and :attr:`served`."""
        with self._lock:
            self.requests.clear()
            self.visits.clear()
            self.answered.clear()
            self.served.clear()

    def _record(self, path: str, host: str = "") -> Answer | None:
        with self._lock:
            self.requests.append(path)
            self.visits.append((host, path))
            answer = self.answers.get(path)
        return answer if answer is not None or self.fallback is None else self.fallback(path)

    def __enter__(self) -> LocalServer:
        self._loopback.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self._loopback.stop()


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
