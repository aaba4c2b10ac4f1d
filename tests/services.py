"""Real services for tests: a fresh PostgreSQL schema per test, Redis checks (both on 127.0.0.1).

A test that needs a service fails, never skips, when it does not answer: CI starts both
(``.ci/run``); on a user's machine the message says what to start.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
#: A password that no output of the test suite may contain (conftest.py scans every test's output).
SECRET = "pw-Never-Printed-5e1f"


def secret_url(url: str) -> str:
    """``url`` of the test database with :data:`SECRET` as its password, in the user info and the query.

    PostgreSQL's trust authentication ignores it, so a crawl with this URL works like one without.
    """
    return url.replace("postgresql://postgres@", f"postgresql://postgres:{SECRET}@", 1) + f"&password={SECRET}"


def postgres_admin() -> Any:
    """A psycopg connection (autocommit) to the test database, or a failure saying what to start."""
    import psycopg

    try:
        return psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise AssertionError(
            f"these tests need PostgreSQL at {POSTGRES_ADMIN_URL} (trust auth); start it (.ci/run does): {error}"
        ) from error


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A store URL whose tables live in a new, empty schema of the test database, dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with postgres_admin() as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{POSTGRES_ADMIN_URL}?options=-csearch_path%3D{schema}"
    finally:
        with postgres_admin() as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@contextmanager
def store_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A store URL of ``backend`` (``sqlite`` or ``postgresql``) with nothing stored yet."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'news.db'}"
    else:
        with postgres_schema() as url:
            yield url


def assert_no_secret(*outputs: str) -> None:
    """Fail when a subprocess printed the test password (:data:`SECRET`)."""
    for output in outputs:
        assert SECRET not in (output or ""), "a subprocess printed the test password"


REDIS_URL = "redis://127.0.0.1:6379/0"


@contextmanager
def redis_prefix(label: str) -> Iterator[str]:
    """A key prefix of this test's own (``newsbot-<label>-<hex>``) on the test Redis; its keys deleted afterwards.

    Fails, never skips, when Redis does not answer.
    """
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        raise AssertionError(f"these tests need Redis on 127.0.0.1:6379 ({error}); start it (.ci/run does)") from error
    name = f"newsbot-{label}-{uuid.uuid4().hex[:10]}"
    try:
        yield name
    finally:
        keys = list(client.scan_iter(match=f"{name}:*", count=1000))
        if keys:
            client.delete(*keys)
        client.close()
