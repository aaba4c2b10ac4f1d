"""Judging new stories against stories other processes stored: the shared index's step (no Scrapy imports).

Each worker of a scaled-out crawl judges stories with its own in-memory
:class:`~newsbot.dedup.index.NearDuplicateIndex`, which knows what the store held at start and
what this worker added. What *other* workers stored since is checked when a batch is committed
(:mod:`newsbot.storage.signatures.across_workers`): the store locks the batch's band and exact keys, reads the
stored stories that share one, and asks :class:`SharedJudge` which new story copies one of them.
The rules are the index's own (exact layer, then the same bands, window, threshold and
containment), so a story gets the verdict one process holding everything would give it.
"""

from __future__ import annotations

from collections.abc import Sequence

from .bands import band_keys
from .held import HeldSignatures
from .index import NearDuplicateIndex, Verdict
from .minhash import decode_minhash
from .signatures import StoredSignature
from .text import exact_hash

_EMPTY_HASH = exact_hash("")
_DAY = 86400.0


class SharedJudge:
    """The verdicts of an index's rules over a given set of stored signatures.

    ``index`` supplies the parameters (permutations, seed, bands x rows, threshold, containment,
    window); its held state is not used.
    """

    def __init__(self, index: NearDuplicateIndex) -> None:
        self.num_perm = index.num_perm
        self.seed = index.seed
        self.bands = index.bands
        self.rows = index.rows
        self.threshold = index.threshold
        self.containment_threshold = index.containment_threshold
        self.containment_share = index.containment_share
        self.window = None if index.window_days is None else index.window_days * _DAY

    def _values(self, signature: StoredSignature) -> tuple[object, int] | None:
        if signature.minhash is None:
            return None
        try:
            values, size, seed = decode_minhash(signature.minhash)
        except ValueError:
            return None
        if len(values) != self.num_perm or (seed is not None and seed != self.seed):
            return None
        return values, size or 0

    def band_keys(self, signature: StoredSignature) -> list[int]:
        """The LSH band keys of a signature (``[]`` for a text judged by the exact layer only)."""
        decoded = self._values(signature)
        if decoded is None:
            return []
        return [int(key) for key in band_keys(decoded[0], self.bands, self.rows)]  # type: ignore[arg-type]

    def judge(self, fresh: Sequence[StoredSignature], stored: Sequence[StoredSignature]) -> dict[str, Verdict]:
        """Which of ``fresh`` copy one of ``stored`` (given oldest write first): ``{key: verdict}``.

        Only duplicates are returned. A story is never its own copy.
        """
        first_by_hash: dict[str, str] = {}
        for signature in stored:
            first_by_hash.setdefault(signature.exact_hash, signature.key)
        held = HeldSignatures(self.num_perm, self.bands, self.rows, self.seed)
        held.add_many(stored)
        verdicts: dict[str, Verdict] = {}
        for signature in fresh:
            if signature.exact_hash == _EMPTY_HASH:
                continue
            original = first_by_hash.get(signature.exact_hash)
            if original is not None and original != signature.key:
                verdicts[signature.key] = Verdict("exact", original, 1.0)
                continue
            decoded = self._values(signature)
            if decoded is None or not len(held):
                continue
            values, size = decoded
            best = held.best(
                values, size, signature.key, signature.published, self.window,  # type: ignore[arg-type]
                self.threshold, self.containment_threshold, containment_share=self.containment_share,
            )  # fmt: skip
            if best is not None:
                verdicts[signature.key] = Verdict("near", best[0], best[1], containment=best[2])
        return verdicts
