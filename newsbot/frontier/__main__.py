"""``python -m newsbot.frontier SPIDER --redis-url URL [--prefix P]``: the shared run of a spider, for monitoring.

Prints one line per fact: the current run, its seeder and whether seeding is done, the live
workers, the requests waiting in the shared queue and the requests seen; with ``--json``, the
same as one JSON object. ``--orphans`` also lists keys under the spider's prefix that belong to
no current run (left by a run whose workers all died between two renewals). Exit codes: 0 a run
is going on, 1 no run, 8 Redis unreachable. Reads nothing else than Redis; changes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from redis.exceptions import RedisError

from newsbot.config import default
from newsbot.frontier.connection import connect, masked_url
from newsbot.frontier.runs import RunLedger


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsbot.frontier", description="The current shared run of a spider in Redis."
    )
    parser.add_argument("spider", help="the spider's name, e.g. trtworld")
    parser.add_argument("--redis-url", required=True, help="the workers' NEWSBOT_REDIS_URL")
    parser.add_argument("--prefix", default=default("NEWSBOT_REDIS_KEY_PREFIX"), help="their NEWSBOT_REDIS_KEY_PREFIX")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of text")
    parser.add_argument("--orphans", action="store_true", help="also list keys of no current run")
    args = parser.parse_args(argv)
    client = connect(args.redis_url)
    ledger = RunLedger(client, args.prefix, args.spider)
    try:
        status = ledger.status()
        orphans = _orphans(ledger, status.run if status else None) if args.orphans else []
    except RedisError as error:
        print(f"newsbot.frontier: Redis unreachable at {masked_url(args.redis_url)}: {error}", file=sys.stderr)
        return 8
    if args.json:
        print(json.dumps({"run": asdict(status) if status else None, "orphans": orphans}))
    elif status is None:
        print(f"no run of {args.spider} under {ledger.base}")
    else:
        print(f"run {status.run} of {args.spider} under {ledger.base}")
        print(f"  seeder {status.seeder or '?'} ({'seeded' if status.seeded else 'seeding'})")
        idle = f" ({len(set(status.idle) & set(status.workers))} idle)" if status.workers else ""
        print(f"  workers {len(status.workers)}{idle}: {', '.join(status.workers) or 'none alive'}")
        print(f"  queued {status.queued} | seen {status.seen}")
    for key in orphans if not args.json else ():
        print(f"  orphan key {key}")
    return 0 if status else 1


def _orphans(ledger: RunLedger, current: str | None) -> list[str]:
    keep = f"{ledger.base}:run:{current}:" if current else None
    found = []
    for raw in ledger.client.scan_iter(match=f"{ledger.base}:run:*", count=1000):
        key = raw.decode("utf-8", "replace")
        if keep is None or not key.startswith(keep):
            found.append(key)
    return sorted(found)


if __name__ == "__main__":
    sys.exit(main())
