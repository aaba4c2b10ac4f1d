"""What discovery learnt in a run, shared by the run's workers in Redis; no Scrapy imports.

The ``news`` spider learns things about each site that change how a page is judged: the article
URL shapes counted in its sitemaps, the origin its robots.txt answered at, which sitemaps are
claimed and still pending (its home page is read once they are all in). On a shared frontier
each worker sees only the sitemaps it happened to take from the queue; kept to itself, what it
learnt would leave the others dropping shape-only articles as ``not_an_article``. So the run
keeps it, in one hash ``<base>:run:<id>:learnt`` (a part of the run: its expiry is renewed with
the run's other keys and it is deleted with them, see :mod:`newsbot.frontier.runs`):

=============================  ==========================================================
``shapes <host>``              JSON object: shape path (``/{word}/{slug}.html``) -> URLs counted
``origin <host>``              the origin the site answers at (set once robots.txt was read)
``sitemap <host> <url>``       a sitemap claimed in this run (``1``)
``sitemaps <host>``            sitemaps claimed in this run (the ``NEWSBOT_SITEMAP_MAX_FILES`` cap)
``pending <host>``             sitemaps claimed and not yet read
``home <host>``                ``1`` once a worker has requested the home page
=============================  ==========================================================

Each step is one Lua script (atomic against the other workers), and each write renews the
hash's expiry to the run's lease, so it never outlives a run whose workers all died.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

import redis
from redis.exceptions import RedisError

from newsbot.errors import SharedStateLost

PART = "learnt"

# KEYS[1] the hash; ARGV: field prefix ("<host>"), lease (ms), then shape path, count, ...
_LEARN = """
local field = 'shapes ' .. ARGV[1]
local raw = redis.call('HGET', KEYS[1], field)
local counts = raw and cjson.decode(raw) or {}
for i = 3, #ARGV, 2 do
  counts[ARGV[i]] = (tonumber(counts[ARGV[i]]) or 0) + tonumber(ARGV[i + 1])
end
local encoded = next(counts) and cjson.encode(counts) or '{}'
redis.call('HSET', KEYS[1], field, encoded)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return encoded
"""

# KEYS[1] the hash; ARGV: host, lease (ms), sitemap url, limit
_CLAIM = """
local host = ARGV[1]
local seen = 'sitemap ' .. host .. ' ' .. ARGV[3]
if redis.call('HEXISTS', KEYS[1], seen) == 1 then return 'seen' end
if tonumber(redis.call('HGET', KEYS[1], 'sitemaps ' .. host) or '0') >= tonumber(ARGV[4]) then return 'capped' end
redis.call('HSET', KEYS[1], seen, '1')
redis.call('HINCRBY', KEYS[1], 'sitemaps ' .. host, 1)
redis.call('HINCRBY', KEYS[1], 'pending ' .. host, 1)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 'claimed'
"""

# KEYS[1] the hash; ARGV: host, lease (ms)
_DONE = """
local field = 'pending ' .. ARGV[1]
if redis.call('HINCRBY', KEYS[1], field, -1) < 0 then redis.call('HSET', KEYS[1], field, 0) end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
"""

# KEYS[1] the hash; ARGV: host, lease (ms). 1 for the one caller that is to request the home page.
_HOME_DUE = """
local host = ARGV[1]
if tonumber(redis.call('HGET', KEYS[1], 'pending ' .. host) or '0') > 0 then return 0 end
local due = redis.call('HSETNX', KEYS[1], 'home ' .. host, '1')
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return due
"""


class SharedDiscovery:
    """The learnt-discovery hash of one run (``key``) in the Redis of ``client``.

    ``lease_ms``: the run's lease (the hash's expiry after each write); ``on_error``: called
    with the :class:`redis.exceptions.RedisError` of a failed call (the frontier closes the
    crawl with ``storage_unavailable``), after which the call raises
    :class:`~newsbot.errors.SharedStateLost`. :meth:`site` gives the view of one site
    that :class:`~newsbot.discovery.site.CrawlSite` shares its state through.
    """

    def __init__(
        self, client: redis.Redis, key: str, lease_ms: int, on_error: Callable[[RedisError], None] | None = None
    ) -> None:
        self.client = client
        self.key = key
        self.lease_ms = lease_ms
        self.on_error = on_error
        self._learn = client.register_script(_LEARN)
        self._claim = client.register_script(_CLAIM)
        self._done = client.register_script(_DONE)
        self._home_due = client.register_script(_HOME_DUE)

    def site(self, host: str) -> SharedSite:
        return SharedSite(self, host)

    def call(self, action: Callable[[], object]) -> object:
        """Run ``action`` (a Redis call); a Redis failure is reported and raised as ``SharedStateLost``."""
        try:
            return action()
        except RedisError as error:
            if self.on_error is not None:
                self.on_error(error)
            raise SharedStateLost(str(error)) from error


class SharedSite:
    """One site's part of a run's learnt state (:class:`~newsbot.discovery.site.SharedSiteState`)."""

    def __init__(self, run: SharedDiscovery, host: str) -> None:
        self.run = run
        self.host = host

    def _script(self, script: redis.commands.core.Script, *args: object) -> object:
        return self.run.call(lambda: script(keys=[self.run.key], args=[self.host, self.run.lease_ms, *args]))

    def claim_sitemap(self, url: str, limit: int) -> str:
        return _text(self._script(self.run._claim, url, limit))

    def sitemap_done(self) -> None:
        self._script(self.run._done)

    def home_due(self) -> bool:
        return bool(int(self._script(self.run._home_due)))  # type: ignore[call-overload]

    def learn(self, counts: Mapping[str, int]) -> dict[str, int]:
        pairs = [value for path, n in counts.items() for value in (path, n)]
        return _counts(self._script(self.run._learn, *pairs))

    def shapes(self) -> dict[str, int]:
        return _counts(self.run.call(lambda: self.run.client.hget(self.run.key, f"shapes {self.host}")))

    def publish_origin(self, origin: str) -> None:
        def publish() -> None:
            with self.run.client.pipeline() as pipe:  # MULTI/EXEC: the value and its expiry together
                pipe.hset(self.run.key, f"origin {self.host}", origin)
                pipe.pexpire(self.run.key, self.run.lease_ms)
                pipe.execute()

        self.run.call(publish)

    def origin(self) -> str | None:
        return _text(self.run.call(lambda: self.run.client.hget(self.run.key, f"origin {self.host}"))) or None


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return "" if value is None else str(value)


def _counts(raw: object) -> dict[str, int]:
    text = _text(raw)
    if not text:
        return {}
    decoded = json.loads(text)
    return {str(path): int(n) for path, n in decoded.items()} if isinstance(decoded, dict) else {}
