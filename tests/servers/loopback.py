"""The one threaded HTTP server of the tests: a request handler class served on 127.0.0.1 at a free port.

Every test site (:mod:`servers.local`, :mod:`servers.tiny`, and through them the hostile, endless
and recognition sites) plugs its handler into :class:`LoopbackServer`. The replica sites are served
by their own product code (:func:`newsbot.sample_site.serve`), which users run too.
"""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

#: How long :meth:`LoopbackServer.stop` waits for the serving loop to end before giving up on it.
STOP_SECONDS = 5.0
#: Seconds between the serving loop's checks for a stop request.
POLL_SECONDS = 0.05


class _QuietServer(ThreadingHTTPServer):
    """A threading server that answers each request in a daemon thread and logs no traceback for a
    client that hung up (a crawler cutting off a large body is expected here)."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class ServerDidNotStop(RuntimeError):
    """The serving loop was still running :data:`STOP_SECONDS` after it was asked to stop."""


class LoopbackServer:
    """Serves ``handler`` on ``127.0.0.1`` (port 0: a free one) from a daemon thread.

    ``host`` is the name put in :attr:`base_url`: ``"localhost"`` gives a second site on the same
    machine that an off-site filter must tell apart. Start it with :meth:`start` or a ``with``
    block; :meth:`stop` (the end of the block) returns within :data:`STOP_SECONDS` or raises
    :class:`ServerDidNotStop`, and is idempotent.
    """

    def __init__(self, handler: type[BaseHTTPRequestHandler], host: str = "127.0.0.1") -> None:
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.port: int = self.httpd.server_address[1]
        self.base_url = f"http://{host}:{self.port}"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": POLL_SECONDS}, name=f"loopback-{self.port}",
            daemon=True,
        )  # fmt: skip
        self._closed = False

    def url(self, path: str = "/") -> str:
        """Absolute URL of the root-relative ``path`` on this server."""
        return f"{self.base_url}{path}"

    def start(self) -> LoopbackServer:
        """Start serving (once)."""
        if not self._thread.is_alive() and not self._closed:
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket; answers still being written are left to their threads."""
        if self._closed:
            return
        self._closed = True
        if self._thread.is_alive():
            # shutdown() waits for the loop with no limit of its own: run it aside and bound the wait
            stopper = threading.Thread(target=self.httpd.shutdown, name=f"stop-{self.port}", daemon=True)
            stopper.start()
            self._thread.join(STOP_SECONDS)
        self.httpd.server_close()
        if self._thread.is_alive():
            raise ServerDidNotStop(f"the test server at {self.base_url} still serves after {STOP_SECONDS} s")

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
