"""Scaling out: pages/s for 1, 2 and 3 workers, CPU per article in PostgreSQL vs SQLite, shared dedup latency.

    python bench/scale_out.py [--articles 2000] [--rounds 3] [--seed 1] [--part crawl|dedup|all]

``crawl``: serves the generated replica (``python -m newsbot.sample_site``) and, each round, runs
in turn: one SQLite crawl (``python -m newsbot crawl trtworld``, the baseline), one PostgreSQL
crawl without Redis, and 1, 2 and 3 workers sharing a Redis frontier and a PostgreSQL store.
Every crawl starts from an empty store (a new schema; a new Redis prefix). Pages/s is the pages
fetched over the wall time from the workers' start to the last page the replica served (served
in this process's threads, so its CPU is not the crawls'), which leaves out the time workers wait
on an empty shared queue before they leave (``NEWSBOT_REDIS_IDLE_SECONDS``). CPU per stored
article counts the crawl processes (``os.wait4``) and, for PostgreSQL, the server's backends too
(``/proc``, every process of the ``postgres`` user).
``dedup``: the cost per new story of the in-memory index's ``check_and_add`` alone, and of a
PostgreSQL batch commit with and without the shared dedup step (lock, candidate read, verdicts),
on same-site non-ASCII stories, median of ``--rounds``.
Writes bench/results/scale_out.md.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from crawl import machine, write_report  # noqa: E402

ADMIN = "postgresql://postgres@127.0.0.1:5432/test"
REDIS = "redis://127.0.0.1:6379/0"
IDLE = 3.0
LOCAL = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING",
         "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "SPIDERMON_ENABLED=False"]  # fmt: skip


def postgres_cpu() -> float:
    """CPU seconds used so far by every process of the postgres user (the server's backends)."""
    uid = pwd.getpwnam("postgres").pw_uid
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid != uid:
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / ticks
        except (OSError, IndexError, ValueError):
            continue
    return total


def new_schema() -> str:
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    return schema


def drop_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")


def run_workers(server: Any, store: str, workers: int, redis_prefix: str | None) -> dict[str, float]:
    """Start ``workers`` crawls at once; pages, stored articles, wall and CPU seconds."""
    from newsbot.storage.readonly import read_rows

    args = [sys.executable, "-m", "newsbot", "crawl", "trtworld", "-s", f"NEWSBOT_BASE_URL={server.base_url}", *LOCAL]
    if store.startswith("sqlite:///"):
        args += ["-s", f"NEWSBOT_SQLITE_PATH={store.removeprefix('sqlite:///')}"]
    else:
        args += ["-s", f"NEWSBOT_DATABASE_URL={store}", "-s", "NEWSBOT_SQLITE_PATH="]
    if redis_prefix:
        args += ["-s", f"NEWSBOT_REDIS_URL={REDIS}", "-s", f"NEWSBOT_REDIS_KEY_PREFIX={redis_prefix}",
                 "-s", f"NEWSBOT_REDIS_IDLE_SECONDS={IDLE}"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server_cpu = postgres_cpu()
    started = time.monotonic()
    with contextlib.ExitStack() as files:
        logs = [files.enter_context(tempfile.TemporaryFile("w+")) for _ in range(workers)]
        children = [subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT) for log in logs]
        cpu = 0.0
        for child, log in zip(children, logs, strict=True):
            _, status, usage = os.wait4(child.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                log.seek(0)
                raise SystemExit(f"a crawl failed (exit {os.waitstatus_to_exitcode(status)}): {' '.join(args)}\n"
                                 + log.read()[-3000:])  # fmt: skip
            cpu += usage.ru_utime + usage.ru_stime
    wall = (server.site.request_log.last_at or started) - started  # to the last page served: not the idle wait
    server_used = postgres_cpu() - server_cpu if not store.startswith("sqlite") else 0.0
    pages = sum(row[0] or 0 for row in read_rows(store, "SELECT pages FROM crawl_runs"))
    stored = read_rows(store, "SELECT COUNT(*) FROM articles")[0][0]
    return {"pages": pages, "stored": stored, "wall": wall, "cpu": cpu, "server_cpu": server_used}


def crawl_part(articles: int, seed: int, rounds: int) -> list[str]:
    from newsbot.sample_site import SampleSite, serve

    server = serve(SampleSite.generate(articles=articles, seed=seed))
    kinds = [("SQLite, 1 process", "sqlite", 1, False), ("PostgreSQL, 1 process", "pg", 1, False)]
    kinds += [(f"Redis + PostgreSQL, {n} worker{'s' * (n > 1)}", "pg", n, True) for n in (1, 2, 3)]
    results: dict[str, list[dict[str, float]]] = {name: [] for name, *_ in kinds}
    try:
        for _ in range(rounds):
            for name, backend, workers, shared in kinds:
                with tempfile.TemporaryDirectory() as tmp:
                    schema = new_schema() if backend == "pg" else None
                    store = f"{ADMIN}?options=-csearch_path%3D{schema}" if schema else f"sqlite:///{tmp}/b.db"
                    try:
                        prefix = f"bench-{uuid.uuid4().hex[:8]}" if shared else None
                        results[name].append(run_workers(server, store, workers, prefix))
                    finally:
                        if schema:
                            drop_schema(schema)
    finally:
        server.stop()
    base = statistics.median(r["pages"] / r["wall"] for r in results["SQLite, 1 process"])
    lines = [
        "| crawl | pages | stored | pages/s min / median / max | vs SQLite | CPU ms/article: crawl processes"
        " | + PostgreSQL server |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, runs in results.items():
        rates = sorted(r["pages"] / r["wall"] for r in runs)
        crawl_ms = statistics.median(r["cpu"] * 1000 / max(1, r["stored"]) for r in runs)
        server_ms = statistics.median(r["server_cpu"] * 1000 / max(1, r["stored"]) for r in runs)
        lines.append(
            f"| {name} | {runs[0]['pages']:.0f} | {runs[0]['stored']:.0f} | {rates[0]:.1f}"
            f" / {statistics.median(rates):.1f} / {rates[-1]:.1f} | {statistics.median(rates) / base:.2f}x"
            f" | {crawl_ms:.2f} | " + ("-" if name.startswith("SQLite") else f"{server_ms:.2f}") + " |"
        )
    return lines


WORDS = [
    *("ankara", "haber", "dünya", "ekonomi", "piyasa", "seçim"),
    *("bakan", "açıkladı", "güvenlik", "sınır", "anlaşma", "görüşme"),
]


def story(n: int) -> str:
    rng = random.Random(n)
    return " ".join(f"{rng.choice(WORDS)}{rng.randrange(3000)}" for _ in range(350)) + "."


def dedup_part(rounds: int, stories: int = 1000, batch: int = 100) -> list[str]:
    """Per new story: in-memory check_and_add; a PostgreSQL batch commit without and with the shared step."""
    from newsbot.dedup import NearDuplicateIndex
    from newsbot.storage.factory import make_store

    texts = [story(n) for n in range(stories)]
    figures: dict[str, list[float]] = {"memory": [], "commit": [], "shared": []}
    for _ in range(rounds):
        for shared in (False, True):
            schema = new_schema()
            try:
                with make_store(f"{ADMIN}?options=-csearch_path%3D{schema}", batch) as store:
                    index = NearDuplicateIndex(store.signatures)
                    index.load()
                    if shared:
                        store.attach_dedup(index, keep_copies=False)
                    check = commit = 0.0
                    for n, text in enumerate(texts):
                        key = f"http://bench/article/{n}"
                        t0 = time.perf_counter()
                        index.check_and_add(key, text, 1.7e9 + n)
                        t1 = time.perf_counter()
                        store.store_article({"url": key, "canonicalUrl": key, "headline": "h", "articleBody": text})
                        if store.batch_full:
                            store.flush()
                        check, commit = check + t1 - t0, commit + time.perf_counter() - t1
                    t1 = time.perf_counter()
                    store.flush()
                    commit += time.perf_counter() - t1
                figures["shared" if shared else "commit"].append(commit * 1000 / stories)
                figures["memory"].append(check * 1000 / stories)
            finally:
                drop_schema(schema)
    memory, commit, shared = (statistics.median(figures[k]) for k in ("memory", "commit", "shared"))
    return [
        f"{stories} new same-site stories (350 words, Turkish vocabulary), batches of {batch}, median of"
        f" {rounds} rounds, ms per story:",
        "",
        "| step | ms/story |",
        "|---|---|",
        f"| in-memory index, `check_and_add` | {memory:.3f} |",
        f"| PostgreSQL batch commit, no shared step | {commit:.3f} |",
        f"| PostgreSQL batch commit with the shared step (lock, candidates, verdicts, band rows) | {shared:.3f} |",
        f"| shared step alone (difference) | {shared - commit:.3f} |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--part", choices=("crawl", "dedup", "all"), default="all")
    args = parser.parse_args()
    lines = [
        f"`python bench/scale_out.py {' '.join(sys.argv[1:])}`".replace(" `", "`"),
        "",
        f"Machine: {machine()}",
        "",
    ]
    if args.part in ("crawl", "all"):
        lines += [*crawl_part(args.articles, args.seed, args.rounds), ""]
    if args.part in ("dedup", "all"):
        lines += dedup_part(args.rounds)
    write_report("scale_out", lines)


if __name__ == "__main__":
    main()
