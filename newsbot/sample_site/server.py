"""HTTP plumbing: a threading stdlib server for a :class:`SampleSite`, and the ``serve`` helper."""

from __future__ import annotations

import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from .routes import Response, handle

if TYPE_CHECKING:
    from .site import SampleSite


class SiteHTTPServer(ThreadingHTTPServer):
    """A ``ThreadingHTTPServer`` bound to one site; ``base_url`` is what links are built on."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, site: SampleSite, host: str, port: int, verbose: bool = False) -> None:
        """Bind to ``host:port`` (port 0 picks a free one)."""
        super().__init__((host, port), SiteRequestHandler)
        self.site = site
        self.verbose = verbose
        self.public_host = "127.0.0.1" if host in ("", "0.0.0.0") else host
        self.base_url = f"http://{self.public_host}:{self.server_address[1]}"

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """A client that went away (a crawler killed mid-request) is normal here: no traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionResetError, BrokenPipeError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class SiteRequestHandler(BaseHTTPRequestHandler):
    """Turns each HTTP request into a :func:`~newsbot.sample_site.routes.handle` call."""

    server: SiteHTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "newsbot-sample-site/1.0"
    timeout = 30

    def do_GET(self) -> None:
        """Answer GET."""
        self._answer("GET")

    def do_HEAD(self) -> None:
        """Answer HEAD (GET without a body)."""
        self._answer("HEAD")

    def do_POST(self) -> None:
        """Answer POST (control endpoints only)."""
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self._answer("POST")

    def response_for(self, method: str) -> Response:
        """The answer to this request (a subclass may change it: the benchmark grows page sizes)."""
        return handle(self.server.site, method, self.path, self.headers, self.server.base_url, self.client_address[0])

    def _answer(self, method: str) -> None:
        response = self.response_for(method)
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if method != "HEAD" and response.body:
            try:
                self.wfile.write(response.body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        """Log to stderr only when the server is verbose."""
        if self.server.verbose:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")


class RunningServer:
    """A site served in a daemon thread; use as a context manager or call :meth:`stop`."""

    def __init__(self, httpd: SiteHTTPServer) -> None:
        """Start serving ``httpd`` in a background thread."""
        self.httpd = httpd
        self.site = httpd.site
        self.host: str = httpd.public_host
        self.port: int = httpd.server_address[1]
        self.base_url = httpd.base_url
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, name="sample-site", daemon=True
        )
        self._thread.start()

    def url(self, path: str = "/") -> str:
        """Absolute URL of a root-relative ``path`` on this server."""
        return f"{self.base_url}{path}"

    def request_counts(self, status: int | None = None) -> dict[str, int]:
        """Requests answered so far, per path (see :class:`~newsbot.sample_site.RequestLog`)."""
        return self.site.request_log.counts(status)

    def stop(self) -> None:
        """Stop serving and close the socket (idempotent)."""
        if self._thread.is_alive():
            self.httpd.shutdown()
            self._thread.join(timeout=5)
        self.httpd.server_close()

    def __enter__(self) -> RunningServer:
        """Return the running server."""
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Stop the server."""
        self.stop()


class Served(Protocol):
    """A running replica: its ``base_url``, stopped when its ``with`` block ends."""

    base_url: str

    def __enter__(self) -> Any: ...
    def __exit__(self, *exc_info: Any) -> Any: ...


def serve_until_signalled(server: Served) -> int:
    """Print ``Serving <base_url>/`` and serve until SIGTERM or Ctrl-C; 0 (a replica's command-line exit)."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    with server:
        print(f"Serving {server.base_url}/", flush=True)
        while not stop.wait(0.5):
            pass
    return 0


def serve(site: SampleSite, host: str = "127.0.0.1", port: int = 0, verbose: bool = False) -> RunningServer:
    """Serve ``site`` on ``host:port`` in a daemon thread (``port=0`` picks a free port).

    >>> with serve(SampleSite.demo()) as server:   # doctest: +SKIP
    ...     urllib.request.urlopen(server.base_url + "/robots.txt", timeout=5).read()
    """
    return RunningServer(SiteHTTPServer(site, host, port, verbose))
