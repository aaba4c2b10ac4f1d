"""The tests' own servers: the loopback server's start and bounded stop, and the shared fixtures'
promise that what a test counts on a shared server is its own."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler

import pytest
from servers import loopback
from servers.hostile import HostileServers
from servers.local import Answer, LocalServer
from servers.loopback import LoopbackServer, ServerDidNotStop

from newsbot.sample_site import RunningServer


class Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"hello"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # 127.0.0.1 only
        return response.read()


def refuses(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_a_loopback_server_answers_on_a_free_port_and_stops_for_good() -> None:
    with LoopbackServer(Hello) as server:
        assert server.base_url == f"http://127.0.0.1:{server.port}" and server.port > 0
        assert get(server.url("/")) == b"hello"
    assert refuses(server.port)
    server.stop()  # again: nothing to do


def test_a_server_never_started_stops_at_once() -> None:
    server = LoopbackServer(Hello, host="localhost")
    assert server.base_url.startswith("http://localhost:")
    server.stop()
    assert refuses(server.port)


def test_a_serving_loop_that_does_not_end_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    server = LoopbackServer(Hello).start()
    really_shut_down = server.httpd.shutdown
    monkeypatch.setattr(loopback, "STOP_SECONDS", 0.2)
    monkeypatch.setattr(server.httpd, "shutdown", lambda: None)  # a loop deaf to the stop request
    try:
        with pytest.raises(ServerDidNotStop, match=server.base_url):
            server.stop()
    finally:
        really_shut_down()


def test_a_local_server_forgets_what_it_was_asked() -> None:
    with LocalServer() as server:
        server.answers["/a"] = Answer(body=b"a")
        assert get(server.url("/a")) == b"a"
        with pytest.raises(urllib.error.HTTPError):
            get(server.url("/b"))
        # each event is set just after its answer was written: then nothing more is recorded
        assert server.when_served("/a").wait(10) and server.when_served("/b").wait(10)
        assert server.requests == ["/a", "/b"]
        server.forget_requests()
        assert server.requests == server.answered == server.visits == []
        assert not server.when_served("/a").is_set()


def test_the_replica_fixture_hands_a_test_an_empty_request_log(
    replica_server: RunningServer, request: pytest.FixtureRequest
) -> None:
    get(replica_server.url("/robots.txt"))
    assert replica_server.request_counts()["/robots.txt"] >= 1  # counted on the shared server
    replica: RunningServer = request.getfixturevalue("replica")
    assert replica is replica_server and replica.request_counts() == {}


def test_the_hostile_fixture_hands_a_test_empty_request_records(
    hostile_servers: HostileServers, request: pytest.FixtureRequest
) -> None:
    get(hostile_servers.site.url("/robots.txt"))
    hostile: HostileServers = request.getfixturevalue("hostile")
    assert hostile is hostile_servers and hostile.site.requests == [] and hostile.other.requests == []


def test_a_generated_replica_needs_the_modules_size(request: pytest.FixtureRequest) -> None:
    with pytest.raises(pytest.UsageError, match="replica"):
        request.getfixturevalue("generated_replica")
