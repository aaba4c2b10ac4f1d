"""Runs of a shared frontier in Redis: who seeds, who is alive, who ends the run; the queue's length.

No Scrapy imports. A *run* is one scheduled crawl shared by any number of workers (processes on
one machine or many). Its state lives under ``<prefix>:<spider>`` (``prefix`` from
``NEWSBOT_REDIS_KEY_PREFIX``; an empty prefix leaves just the spider name):

==========================  ============================================================
``<base>:run``              the id of the current run (absent: no run)
``<base>:run:<id>:queue``   the shared request queue (scrapy-redis ``PriorityQueue``: a sorted set)
``<base>:run:<id>:seen``    the shared seen-set (scrapy-redis ``RFPDupeFilter``: a set of fingerprints)
``<base>:run:<id>:workers`` live workers: sorted set of ``host:pid`` scored by lease deadline (ms, Redis clock)
``<base>:run:<id>:info``    hash: ``seeder`` (``host:pid``), ``seeded`` (0/1), ``started_ms``
``<base>:run:<id>:idle``    workers waiting out their idle time (queue empty, nothing new queued)
``<base>:run:<id>:learnt``  what discovery learnt in the run (:mod:`newsbot.frontier.learnt`)
``<base>:run:<id>:budget``  hash: site -> pages scheduled in the run (``NEWSBOT_MAX_PAGES_PER_SITE``)
==========================  ============================================================

Every step that decides something is one Lua script, so it is atomic against every other
worker: :meth:`RunLedger.join` creates the run if there is none, or if the one found is over:
every worker of it is gone (all leases expired; its keys are dropped), or it is winding down
(seeded, its queue empty and every live worker idle: its workers finish it and leave, the new
run gets the current-run key); the caller of a new run is its seeder, otherwise the caller only
consumes. Each worker renews its lease (:meth:`RunLedger.heartbeat`), which also renews the
expiry of every key of the run, so a run whose workers were all killed vanishes by itself one
lease later. :meth:`RunLedger.leave` removes the caller, drops expired leases, and when nobody is
left deletes every key of the run: the next start begins a new run with an empty seen-set.
Times are the Redis server's (``TIME``), so workers' clocks need not agree. The scripts name run
keys they build from the base, which suits one Redis server (not Redis Cluster).
"""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass
from datetime import UTC, datetime

import redis

from newsbot.config import default

PARTS = ("queue", "seen", "workers", "info", "idle", "learnt", "budget")

_PRELUDE = """
local base = ARGV[1]
local function key(run, part) return base .. ':run:' .. run .. ':' .. part end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local parts = {'queue', 'seen', 'workers', 'info', 'idle', 'learnt', 'budget'}
local function drop(run)
  for _, part in ipairs(parts) do redis.call('DEL', key(run, part)) end
end
local function renew(run, lease)
  if redis.call('GET', KEYS[1]) == run then redis.call('PEXPIRE', KEYS[1], lease) end
  for _, part in ipairs(parts) do redis.call('PEXPIRE', key(run, part), lease) end
end
"""

# KEYS[1] current-run key; ARGV: base, worker, id for a new run, lease (ms)
_JOIN = (
    _PRELUDE
    + """
local worker, fresh, lease = ARGV[2], ARGV[3], tonumber(ARGV[4])
local run = redis.call('GET', KEYS[1])
local abandoned, replaced = '', ''
if run then
  redis.call('ZREMRANGEBYSCORE', key(run, 'workers'), '-inf', now)
  if redis.call('ZCARD', key(run, 'workers')) == 0 then
    drop(run)
    abandoned = run
    run = false
  elseif redis.call('HGET', key(run, 'info'), 'seeded') == '1' and redis.call('EXISTS', key(run, 'queue')) == 0 then
    local winding_down = true
    for _, live in ipairs(redis.call('ZRANGE', key(run, 'workers'), 0, -1)) do
      if redis.call('SISMEMBER', key(run, 'idle'), live) == 0 then winding_down = false break end
    end
    if winding_down then
      replaced = run
      run = false
    end
  end
end
local seeder = 0
if not run then
  run = fresh
  seeder = 1
  redis.call('SET', KEYS[1], run)
  redis.call('HSET', key(run, 'info'), 'seeder', worker, 'seeded', '0', 'started_ms', now)
end
redis.call('ZADD', key(run, 'workers'), now + lease, worker)
renew(run, lease)
return {run, seeder, abandoned, replaced}
"""
)

# KEYS[1] current-run key; ARGV: base, run, worker, lease (ms)
_HEARTBEAT = (
    _PRELUDE
    + """
local run, worker, lease = ARGV[2], ARGV[3], tonumber(ARGV[4])
if redis.call('EXISTS', key(run, 'info')) == 0 then return 0 end
redis.call('ZADD', key(run, 'workers'), now + lease, worker)
renew(run, lease)
return 1
"""
)

# KEYS[1] current-run key; ARGV: base, run, worker
_LEAVE = (
    _PRELUDE
    + """
local run, worker = ARGV[2], ARGV[3]
redis.call('ZREM', key(run, 'workers'), worker)
redis.call('SREM', key(run, 'idle'), worker)
redis.call('ZREMRANGEBYSCORE', key(run, 'workers'), '-inf', now)
if redis.call('ZCARD', key(run, 'workers')) > 0 then return 0 end
drop(run)
if redis.call('GET', KEYS[1]) == run then redis.call('DEL', KEYS[1]) end
return 1
"""
)

# KEYS[1] current-run key; ARGV: base, run
_SEEDED = (
    _PRELUDE
    + """
local run = ARGV[2]
if redis.call('EXISTS', key(run, 'info')) == 0 then return 0 end
redis.call('HSET', key(run, 'info'), 'seeded', '1')
return 1
"""
)

# KEYS[1] current-run key; ARGV: base, run, worker, 1 (idle) or 0 (working), lease (ms)
_IDLE = (
    _PRELUDE
    + """
local run, worker, idle, lease = ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
if redis.call('EXISTS', key(run, 'info')) == 0 then return 0 end
if idle == '1' then
  redis.call('SADD', key(run, 'idle'), worker)
  redis.call('PEXPIRE', key(run, 'idle'), lease)
else
  redis.call('SREM', key(run, 'idle'), worker)
end
return 1
"""
)

# KEYS[1] current-run key; ARGV: base, run. 1 while the seeder is alive and has not finished seeding.
_SEEDING = (
    _PRELUDE
    + """
local run = ARGV[2]
local info = redis.call('HMGET', key(run, 'info'), 'seeded', 'seeder')
if info[1] ~= '0' or not info[2] then return 0 end
local deadline = redis.call('ZSCORE', key(run, 'workers'), info[2])
if deadline and tonumber(deadline) > now then return 1 end
return 0
"""
)

# KEYS[1] the run's budget hash; ARGV: site, limit, lease (ms). 1: one more page of the site counted; 0: spent.
_SPEND = """
local spent = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if spent >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
if spent == 0 and redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1
"""


def worker_name() -> str:
    """This process as a worker: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def new_run_id() -> str:
    """A run id that sorts by start time and is unique: ``20261202T063917Z-3f9a1c``."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def base_key(prefix: str, spider: str) -> str:
    """``<prefix>:<spider>``, or the spider name alone when ``prefix`` is empty."""
    return f"{prefix}:{spider}" if prefix else spider


@dataclass(frozen=True)
class Membership:
    """This worker's place in a run: the run id, whether it seeds, and the run it replaced (if any).

    ``abandoned``: a run whose workers were all gone (its keys dropped); ``replaced``: a run
    winding down (its workers finish it).
    """

    run: str
    seeder: bool
    abandoned: str | None = None
    replaced: str | None = None


@dataclass(frozen=True)
class RunStatus:
    """What Redis holds about the current run of a spider (for monitoring)."""

    run: str
    seeder: str | None
    seeded: bool
    workers: tuple[str, ...]
    idle: tuple[str, ...]
    queued: int
    seen: int


class RunLedger:
    """The runs of one spider under one key prefix, in the Redis of ``client``.

    ``lease_seconds``: how long a worker counts as alive after its last heartbeat (and how long
    the keys of a run whose workers all died survive them).
    """

    def __init__(
        self,
        client: redis.Redis,
        prefix: str,
        spider: str,
        lease_seconds: float = default("NEWSBOT_REDIS_LEASE_SECONDS"),
    ) -> None:
        self.client = client
        self.base = base_key(prefix, spider)
        self.current_key = f"{self.base}:run"
        self.lease_ms = max(1, int(lease_seconds * 1000))
        self._join = client.register_script(_JOIN)
        self._heartbeat = client.register_script(_HEARTBEAT)
        self._leave = client.register_script(_LEAVE)
        self._seeded = client.register_script(_SEEDED)
        self._seeding = client.register_script(_SEEDING)
        self._idle = client.register_script(_IDLE)
        self._spend = client.register_script(_SPEND)

    def key(self, run: str, part: str) -> str:
        """The key of ``part`` (one of :data:`PARTS`) of ``run``."""
        return f"{self.base}:run:{run}:{part}"

    def join(self, worker: str, fresh_run: str | None = None) -> Membership:
        """Join the current run, or start a new one (then ``seeder`` is True); atomic."""
        run, seeder, abandoned, replaced = self._join(
            keys=[self.current_key], args=[self.base, worker, fresh_run or new_run_id(), self.lease_ms]
        )
        return Membership(_text(run), bool(int(seeder)), _text(abandoned) or None, _text(replaced) or None)

    def heartbeat(self, run: str, worker: str) -> bool:
        """Renew ``worker``'s lease and the run's keys; False when ``run`` has ended (or was dropped)."""
        return bool(int(self._heartbeat(keys=[self.current_key], args=[self.base, run, worker, self.lease_ms])))

    def mark_seeded(self, run: str) -> bool:
        """Record that the seeder has handed over every start request (False: the run is gone)."""
        return bool(int(self._seeded(keys=[self.current_key], args=[self.base, run])))

    def set_idle(self, run: str, worker: str, idle: bool) -> bool:
        """Record that ``worker`` waits out its idle time (True) or works again (False); False: the run is gone."""
        args = [self.base, run, worker, "1" if idle else "0", self.lease_ms]
        return bool(int(self._idle(keys=[self.current_key], args=args)))

    def seeding(self, run: str) -> bool:
        """True while the run's seeder is alive and has not finished seeding."""
        return bool(int(self._seeding(keys=[self.current_key], args=[self.base, run])))

    def seen(self, run: str) -> int:
        """Requests recorded in ``run``'s seen-set (it grows with every new request queued)."""
        return int(self.client.scard(self.key(run, "seen")))

    def spend(self, run: str, site: str, limit: int) -> bool:
        """Count one more page of ``site`` in ``run`` unless ``limit`` pages are counted already; atomic
        across workers. A new budget hash gets the run's lease as expiry (renewed by every heartbeat)."""
        return bool(int(self._spend(keys=[self.key(run, "budget")], args=[site, limit, self.lease_ms])))

    def leave(self, run: str, worker: str) -> bool:
        """Take ``worker`` out of ``run``; True when it was the last one and the run has been ended."""
        return bool(int(self._leave(keys=[self.current_key], args=[self.base, run, worker])))

    def drop(self, run: str) -> None:
        """Delete every key of ``run`` (for a worker that learnt its run is gone: what it queued since)."""
        self.client.delete(*(self.key(run, part) for part in PARTS))

    def current(self) -> str | None:
        """The id of the current run, or None."""
        return _text(self.client.get(self.current_key)) or None

    def status(self) -> RunStatus | None:
        """The current run as Redis holds it, or None when there is none."""
        run = self.current()
        if run is None:
            return None
        clock = self.client.time()
        now_ms = clock[0] * 1000 + clock[1] // 1000
        workers = self.client.zrangebyscore(self.key(run, "workers"), now_ms, "+inf")
        seeder, seeded = self.client.hmget(self.key(run, "info"), "seeder", "seeded")
        return RunStatus(
            run=run,
            seeder=_text(seeder) or None,
            seeded=_text(seeded) == "1",
            workers=tuple(_text(worker) for worker in workers),
            idle=tuple(sorted(_text(worker) for worker in self.client.smembers(self.key(run, "idle")))),
            queued=self.queued(run),
            seen=self.seen(run),
        )

    def queued(self, run: str) -> int:
        """Requests waiting in ``run``'s queue (a sorted set by default; a list for the FIFO/LIFO queues)."""
        key = self.key(run, "queue")
        kind = _text(self.client.type(key))
        if kind == "zset":
            return int(self.client.zcard(key))
        if kind == "list":
            return int(self.client.llen(key))
        return 0


def queue_length(client: redis.Redis, spider: str, prefix: str = default("NEWSBOT_REDIS_KEY_PREFIX")) -> int:
    """Requests waiting in the shared queue of ``spider``'s current run (0 when no run is going on).

    ``client``: e.g. ``newsbot.frontier.connection.connect("redis://127.0.0.1:6379/0")``;
    ``prefix``: the crawl's ``NEWSBOT_REDIS_KEY_PREFIX``.
    """
    ledger = RunLedger(client, prefix, spider)
    run = ledger.current()
    return ledger.queued(run) if run else 0


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return "" if value is None else str(value)
