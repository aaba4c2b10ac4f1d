"""The shared dedup index's atomic step, run inside the transaction that commits a batch (PostgreSQL).

Several workers write to one database. Each judged its new stories against its own in-memory
index; a copy of a story another worker stored since (or is committing right now) is caught here:

1. the batch's new signatures (keys not stored yet) give lock keys: one per exact hash and one
   per LSH band key; they are taken with ``pg_advisory_xact_lock`` in ascending order (so two
   batches never wait for each other in a cycle) and held until the transaction ends;
2. the stored stories sharing an exact hash or a band key with them are read (read committed:
   whatever a batch holding one of those locks committed before is visible now);
3. :class:`newsbot.dedup.shared.SharedJudge` applies the index's rules; a new story that copies
   a stored one is *demoted*: recorded in ``duplicates`` instead of stored (or stored flagged, in
   ``flag`` mode), and its signature is not written.

Two copies of one story committed by two workers at the same moment share their exact key or,
with near certainty, a band key: the second waits for the first's commit and then sees it. The
signatures and band rows are written in the article's own transaction, so a failed batch leaves
none behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsbot.dedup.index import Verdict
from newsbot.dedup.shared import SharedJudge
from newsbot.dedup.store import StoredSignature

_BAND_SPACE = 1 << 32
_EXACT_SPACE = 2 << 32

CANDIDATES = (
    "SELECT s.key, s.exact_hash, s.minhash, s.published FROM dedup_signatures s"
    " WHERE s.exact_hash = ANY(%s) OR s.key IN (SELECT b.key FROM dedup_bands b WHERE b.band_key = ANY(%s))"
    " ORDER BY s.seq"
)


def exact_lock_key(exact_hash: str) -> int:
    """The advisory lock key of an exact hash (its first 32 bits, in their own key space)."""
    return _EXACT_SPACE | int(exact_hash[:8], 16)


def demotions(connection: Any, judge: SharedJudge, signatures: Sequence[StoredSignature]) -> dict[str, Verdict]:
    """Lock, read and judge the batch's new ``signatures`` (see the module docstring): ``{key: verdict}`` of copies.

    ``connection`` is a psycopg connection inside the batch's transaction.
    """
    keys = [signature.key for signature in signatures]
    stored = {row[0] for row in connection.execute("SELECT key FROM dedup_signatures WHERE key = ANY(%s)", (keys,))}
    fresh = [signature for signature in signatures if signature.key not in stored]
    if not fresh:
        return {}
    bands: set[int] = set()
    hashes: set[str] = set()
    for signature in fresh:
        bands.update(judge.band_keys(signature))
        hashes.add(signature.exact_hash)
    locks = sorted({exact_lock_key(exact) for exact in hashes} | {_BAND_SPACE | band for band in bands})
    connection.execute("SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) AS k", (locks,)).fetchall()
    batch = set(keys)
    candidates = [
        StoredSignature(key, exact, None if minhash is None else bytes(minhash), published)
        for key, exact, minhash, published in connection.execute(CANDIDATES, (sorted(hashes), sorted(bands)))
        if key not in batch
    ]
    if not candidates:
        return {}
    return judge.judge(fresh, candidates)


def band_rows(judge: SharedJudge, signature: StoredSignature) -> list[tuple[int, str]]:
    """The ``dedup_bands`` rows of a stored signature."""
    return [(band, signature.key) for band in set(judge.band_keys(signature))]
