"""Shared test set-up: the servers tests crawl, and the password check.

No test's output may hold the test password (:data:`services.SECRET`): captured output, logs and
failure reports are scanned after each phase of each test, and the crawl helpers scan what their
subprocesses print. The test helpers (``services``, ``crawling``, the :mod:`servers` package...)
are importable because pytest puts ``tests/`` on the path (``pythonpath`` in pyproject.toml).

Servers (all on 127.0.0.1, ports picked by the system):

- ``replica_server`` (session): the demo replica, :meth:`SampleSite.demo`, served by the product's
  own server (:func:`newsbot.sample_site.serve`); ``replica`` (function) is the same server with its
  request log emptied first, ``fresh_replica`` (function) a demo replica of the test's own.
- ``generated_replica`` (module): a generated replica sized by the module's ``replica`` marker.
- ``hostile_servers`` (session): the hostile site and its off-site host; ``hostile`` (function)
  is the same with its request records emptied first.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from servers.hostile import HostileServers, serving_hostile_site
from services import SECRET

from newsbot.sample_site import RunningServer, SampleSite, serve


def pytest_configure(config: pytest.Config) -> None:
    """Declare the ``replica`` marker read by :func:`generated_replica`."""
    config.addinivalue_line(
        "markers", "replica(articles, seed): the size and seed of the module's generated_replica fixture"
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport:
    """Fail a test whose captured output, log or failure report shows the test password."""
    report: pytest.TestReport = yield
    printed = [content for _title, content in report.sections]
    if report.longrepr is not None:
        printed.append(str(report.longrepr))
    if any(SECRET in text for text in printed):
        report.outcome = "failed"
        report.longrepr = f"the test password {SECRET[:3]}... was printed (see this test's captured output)"
    return report


@pytest.fixture(scope="session")
def replica_server() -> Iterator[RunningServer]:
    """The demo replica served once for the whole session (session scope: it is read, never changed).

    A test or fixture using it must not publish, republish or update stories (``fresh_replica`` is
    for that); tests that read its request log take ``replica``, which empties the log first.
    """
    with serve(SampleSite.demo()) as running:
        yield running


@pytest.fixture
def replica(replica_server: RunningServer) -> RunningServer:
    """The session's demo replica with an empty request log: the counts a test reads are its own."""
    replica_server.site.request_log.reset()
    return replica_server


@pytest.fixture
def fresh_replica() -> Iterator[RunningServer]:
    """A demo replica of this test's own (function scope), for tests that change the site: they
    publish or republish stories, or reset its log mid-test, which a shared server must not see."""
    with serve(SampleSite.demo()) as running:
        yield running


@pytest.fixture(scope="module")
def generated_replica(request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    """A generated replica, one per test module (module scope: each module asks for its own size).

    The module declares it with ``pytestmark = pytest.mark.replica(articles=N, seed=S)``. Its tests
    share it: they read it and compare request counts from before and after, never change it.
    """
    marker = request.node.get_closest_marker("replica")
    if marker is None:
        raise pytest.UsageError(f"{request.node.name} uses generated_replica without a replica(articles, seed) marker")
    with serve(SampleSite.generate(**marker.kwargs)) as running:
        yield running


@pytest.fixture(scope="session")
def hostile_servers() -> Iterator[HostileServers]:
    """The hostile site (:func:`servers.hostile.hostile_site`) served once for the session, with the
    off-site host it redirects to. Its pages are never changed; take ``hostile`` in a test."""
    with serving_hostile_site() as servers:
        yield servers


@pytest.fixture
def hostile(hostile_servers: HostileServers) -> HostileServers:
    """The session's hostile site with empty request records: what a test counts, it asked for."""
    hostile_servers.forget_requests()
    return hostile_servers
