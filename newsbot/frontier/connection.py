"""The Redis client of the shared frontier, and a Redis URL fit for a log line.

No Scrapy imports. Timeouts are short and retries few: when Redis is down a worker must say so
within seconds (exit code 8), not hang for minutes on the reactor thread.
"""

from __future__ import annotations

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from newsbot.redaction import redact

#: Seconds to open a connection / to wait for an answer.
CONNECT_TIMEOUT = 5.0
SOCKET_TIMEOUT = 10.0


def connect(url: str) -> redis.Redis:
    """A client for ``url`` (``redis://``, ``rediss://`` or ``unix://``); connects on first use.

    A refused or dropped connection is retried twice (0.1 s, then 0.2 s later) before the
    call raises :class:`redis.exceptions.ConnectionError`.
    """
    return redis.Redis.from_url(
        url,
        socket_connect_timeout=CONNECT_TIMEOUT,
        socket_timeout=SOCKET_TIMEOUT,
        retry=Retry(ExponentialBackoff(cap=1.0, base=0.1), 2),
        health_check_interval=30,
    )


def masked_url(url: str) -> str:
    """``url`` without its credentials, for messages and logs (:func:`newsbot.redaction.redact`)."""
    return redact(url)
