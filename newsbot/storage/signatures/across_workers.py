"""The shared dedup index's atomic step, run inside the transaction that commits a batch (PostgreSQL).

Several workers write to one database. Each judged its new stories against its own in-memory
index; a copy of a story another worker stored since (or is committing right now) is caught here:

1. the batch takes the transaction-level advisory lock of the schema's dedup step
   (:class:`DedupLock`), held until it commits or rolls back, so batches with new stories pass
   this step one at a time. The wait is bounded (:func:`newsbot.storage.pg_locks.take_xact_lock`):
   a worker frozen while holding it (SIGSTOP, a hung VM) makes the others log a WARNING naming it,
   then give up their batch with :class:`~newsbot.errors.LockWaitTimeout`;
2. the stored stories sharing an exact hash or an LSH band key (table ``dedup_bands``, whose rows
   name a story by its ``articles.id``; the key shifted into ``INTEGER``'s range) with the
   batch's new ones are read: every batch that passed the step before has committed by now;
3. :class:`newsbot.dedup.judge.SharedJudge` applies the index's rules; a new story that copies
   a stored one is *demoted*: recorded in ``duplicates`` instead of stored (or stored flagged, in
   ``flag`` mode), and its signature is not written.

Why one lock and not one per band key: a new story has 41 keys (40 bands and its exact hash),
a batch of 100 stories 4,100 locks, and PostgreSQL's shared lock table (64 per connection by
default) ran out with three workers committing at once ("out of shared memory"); spread over
fewer stripes, every batch of more than a few stories takes all of them anyway. One lock is
held only while a batch's new stories are checked and written (bench/RESULTS.md, "Many machines").
The signatures and band rows are written in the article's own transaction, so a failed batch
leaves none behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsbot.dedup.index import Verdict
from newsbot.dedup.judge import SharedJudge
from newsbot.dedup.signatures import StoredSignature
from newsbot.storage.narrow_rows import stored_band_key
from newsbot.storage.pg_locks import take_xact_lock

#: the purpose of the dedup step's lock key (:func:`newsbot.storage.pg_locks.lock_key`)
DEDUP_PURPOSE = "dedup"


@dataclass(frozen=True)
class DedupLock:
    """The dedup step's advisory lock in one schema: its ``key``, how long a batch waits for it, its name in logs."""

    key: int
    timeout: float
    description: str


CANDIDATES = (
    "SELECT s.key, s.exact_hash, s.minhash, s.published FROM dedup_signatures s"
    " WHERE s.exact_hash = ANY(%s) OR s.key IN (SELECT a.canonical_url FROM dedup_bands b"
    " JOIN articles a ON a.id = b.story WHERE b.band_key = ANY(%s::integer[]))"
    " ORDER BY s.seq"
)


def demotions(
    connection: Any, judge: SharedJudge, signatures: Sequence[StoredSignature], lock: DedupLock
) -> tuple[dict[str, Verdict], set[str]]:
    """Lock, read and judge the batch's ``signatures`` (module docstring): ``({key: verdict} of copies, new keys)``.

    ``connection`` is a psycopg connection inside the batch's transaction. A signature whose key
    is stored already (a story fetched again) is not new and not judged. Raises
    :class:`~newsbot.errors.LockWaitTimeout` when ``lock`` is not obtained in time.
    """
    keys = [signature.key for signature in signatures]
    stored = {row[0] for row in connection.execute("SELECT key FROM dedup_signatures WHERE key = ANY(%s)", (keys,))}
    fresh = [signature for signature in signatures if signature.key not in stored]
    if not fresh:
        return {}, set()
    bands: set[int] = set()
    for signature in fresh:
        bands.update(band_keys(judge, signature))
    take_xact_lock(connection, lock.key, lock.timeout, lock.description)
    batch = set(keys)
    hashes = sorted({signature.exact_hash for signature in fresh})
    candidates = [
        StoredSignature(key, exact, None if minhash is None else bytes(minhash), published)
        for key, exact, minhash, published in connection.execute(CANDIDATES, (hashes, sorted(bands)))
        if key not in batch
    ]
    new_keys = {signature.key for signature in fresh}
    return (judge.judge(fresh, candidates) if candidates else {}), new_keys


def band_keys(judge: SharedJudge, signature: StoredSignature) -> list[int]:
    """The band keys of a stored signature, each once, as ``dedup_bands.band_key`` holds them (its rows,
    with the story's number)."""
    return sorted({stored_band_key(key) for key in judge.band_keys(signature)})
