"""PostgreSQL advisory locks of one store: their keys, who holds them, and a bounded wait (no Scrapy imports).

Keys. An advisory lock is one 64-bit number in one database. newsbot's locks are keyed by what
they protect: the purpose (``crawl <spider>``, ``dedup``), the database and the schema the
tables live in (``current_schema()``, the first existing schema of the ``search_path``), so two
crawls into two schemas of one database never share a lock, and two URLs naming the same
database and schema (another host alias, a password or not, a longer search
path) always do. :func:`lock_key` hashes them with BLAKE2b.

Holders. A process states who it is in its session's ``application_name``
(:func:`session_label`: ``newsbot <host>:<pid> <what>``, at most 63 bytes as PostgreSQL keeps
it), set while it holds or waits for a lock; :func:`holder_of` reads it back for a waiter from
``pg_locks`` and ``pg_stat_activity``, with the server's view of that session (its backend pid,
``idle in transaction`` and for how long: a frozen holder shows as idle in an open transaction).

Waits. :func:`take_xact_lock` takes a transaction-level lock within ``timeout`` seconds: at once
when free; else it waits half the timeout, logs one WARNING naming the holder, and waits the rest;
then raises :class:`LockWaitTimeout` (the transaction is still usable: each wait runs in a
savepoint with ``lock_timeout`` set, so the expired wait is rolled back alone).
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
from typing import Any

from psycopg import errors

from newsbot.errors import LockWaitTimeout

logger = logging.getLogger(__name__)

#: PostgreSQL keeps this many bytes of ``application_name`` (NAMEDATALEN - 1)
LABEL_BYTES = 63

#: where the tables are: the schema unqualified names are created in (none exists yet: the search path)
SCHEMA_IDENTITY = "SELECT current_database(), COALESCE(current_schema(), current_setting('search_path'))"

HOLDER = """
SELECT a.application_name, l.pid, a.state,
       EXTRACT(EPOCH FROM clock_timestamp() - a.xact_start)::float8,
       to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"')
FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.classid = %s::bigint::oid AND l.objid = %s::bigint::oid
LIMIT 1
"""


def this_process() -> str:
    """``host:pid``: how a worker names itself (as :func:`newsbot.frontier.runs.worker_name` does)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def session_label(worker: str, what: str) -> str:
    """``newsbot <worker> <what>`` cut to what PostgreSQL keeps of an ``application_name`` (ASCII, 63 bytes).

    The host part of ``worker`` (``host:pid``) is shortened first, so the pid and ``what`` survive.
    """
    host, sep, pid = worker.rpartition(":")
    tail = f"{sep}{pid} {what}" if sep else f" {what}"
    room = LABEL_BYTES - len("newsbot ") - len(tail.encode("ascii", "replace"))
    host = host if sep else worker
    label = f"newsbot {host[: max(room, 8)]}{tail}"
    return label.encode("ascii", "replace").decode("ascii")[:LABEL_BYTES]


def lock_key(purpose: str, database: str, schema: str) -> int:
    """The advisory lock key (a signed 64-bit number) of ``purpose`` in this database and schema."""
    material = "\0".join([purpose, database, schema])
    digest = hashlib.blake2b(material.encode("utf-8"), digest_size=8, person=b"newsbot-lock").digest()
    return int.from_bytes(digest, "big", signed=True)


def schema_key(connection: Any, purpose: str) -> int:
    """:func:`lock_key` of ``purpose`` for the database and schema ``connection`` writes to."""
    database, schema = connection.execute(SCHEMA_IDENTITY).fetchone()
    return lock_key(purpose, database, schema)


def holder_of(connection: Any, key: int) -> str:
    """Who holds the advisory lock ``key`` in this database, as a line for a log, or ``"nobody now"``.

    ``connection`` must not be in a failed transaction. Another role's session shows its
    ``application_name`` only when the server lets this role see it.
    """
    unsigned = key & 0xFFFFFFFFFFFFFFFF
    row = connection.execute(HOLDER, (unsigned >> 32, unsigned & 0xFFFFFFFF)).fetchone()
    if row is None:
        return "nobody now"
    name, pid, state, seconds, since = row
    who = name if name else "a session that did not name itself"
    seen = f"PostgreSQL backend {pid}"
    if since:
        seen += f" connected since {since}"
    if state:
        seen += f", {state}"
    if seconds is not None:
        seen += f", transaction open for {seconds:.0f} s"
    return f"{who} ({seen})"


def _wait(connection: Any, key: int, seconds: float, restore: str) -> bool:
    """Wait up to ``seconds`` for the transaction-level lock ``key`` in a savepoint; whether it was taken.

    The lock stays with the transaction; ``lock_timeout`` goes back to ``restore`` for the rest of it.
    """
    try:
        with connection.transaction():
            connection.execute("SELECT set_config('lock_timeout', %s, true)", (f"{max(1, round(seconds * 1000))}ms",))
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (key,))
            connection.execute("SELECT set_config('lock_timeout', %s, true)", (restore,))
    except errors.LockNotAvailable:
        return False
    return True


def take_xact_lock(connection: Any, key: int, timeout: float, what: str) -> None:
    """Take the transaction-level advisory lock ``key`` within ``timeout`` seconds (module docstring).

    ``connection`` is a psycopg connection inside a transaction; ``what`` names the lock in the
    WARNING and in :class:`LockWaitTimeout`.
    """
    if connection.execute("SELECT pg_try_advisory_xact_lock(%s)", (key,)).fetchone()[0]:
        return
    restore = connection.execute("SELECT current_setting('lock_timeout')").fetchone()[0]
    first = timeout / 2
    if _wait(connection, key, first, restore):
        return
    logger.warning(
        "Waiting for %s, held by %s: waited %g s, giving up after %g s (NEWSBOT_LOCK_TIMEOUT_SECONDS)",
        what, holder_of(connection, key), first, timeout,
    )  # fmt: skip
    if _wait(connection, key, timeout - first, restore):
        return
    raise LockWaitTimeout(what, timeout, holder_of(connection, key))
