"""Serve a :class:`~.site.SecondSite` over HTTP on 127.0.0.1 (a threading stdlib server)."""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

from .site import SecondSite


class _Handler(BaseHTTPRequestHandler):
    server: SecondSiteServer
    protocol_version = "HTTP/1.1"
    server_version = "newsbot-second-replica/1.0"
    timeout = 30

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        path = urlsplit(self.path).path or "/"
        site = self.server.site
        answer = site.page(path, self.server.base_url)
        etag = answer.headers.get("ETag")
        if etag and self.headers.get("If-None-Match") == etag:  # a page that declares its ETag: a conditional GET
            answer = type(answer)(304, b"", {"ETag": etag})
        site.request_log.record(path, answer.status)
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if not head and answer.body:
            try:
                self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        if self.server.verbose:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")


class SecondSiteServer(ThreadingHTTPServer):
    """The site served from a daemon thread; a context manager. ``base_url`` has no trailing slash."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, site: SecondSite, host: str = "127.0.0.1", port: int = 0, verbose: bool = False) -> None:
        super().__init__((host, port), _Handler)
        self.site = site
        self.verbose = verbose
        self.base_url = f"http://{host}:{self.server_address[1]}"
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    def start(self) -> SecondSiteServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            self.shutdown()
            self._thread.join(timeout=5)
        self.server_close()

    def __enter__(self) -> SecondSiteServer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def serve_second(site: SecondSite, host: str = "127.0.0.1", port: int = 0) -> SecondSiteServer:
    """Serve ``site`` on ``host:port`` (0: a free port) in a daemon thread."""
    return SecondSiteServer(site, host, port).start()
