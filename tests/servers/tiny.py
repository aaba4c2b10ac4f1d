"""A few fixed pages over HTTP on 127.0.0.1: :class:`TinySite`, for tests of settings, usage and the ``news`` spider."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

from servers.loopback import LoopbackServer


class TinySite:
    """A few fixed pages over HTTP on 127.0.0.1, recording each request's path and User-Agent.

    ``pages`` maps a path to ``(content type, body)``; every other path answers 404. The table may
    be changed while the site serves (a test that learns its ``base_url`` first). Use as a context
    manager.
    """

    def __init__(self, pages: dict[str, tuple[str, str]]) -> None:
        self.pages = pages
        self.requests: list[tuple[str, str]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                site.requests.append((self.path, self.headers.get("User-Agent", "")))
                content_type, body = site.pages.get(path, ("text/html", "<h1>Not found</h1>"))
                data = body.encode("utf-8")
                self.send_response(200 if path in site.pages else 404)
                self.send_header("Content-Type", f"{content_type}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self._loopback = LoopbackServer(Handler)
        self.base_url = self._loopback.base_url

    def __enter__(self) -> TinySite:
        self._loopback.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._loopback.stop()
