"""Near-duplicate removal for news stories: normalise, shingle, MinHash + LSH (no Scrapy imports).

``NearDuplicateIndex(store).check_and_add(url, body, published)`` returns a :class:`Verdict`;
``python -m newsbot.dedup items.jsonl`` runs the same index over a JSON Lines export.
"""

from .index import (
    DEFAULT_CONTAINMENT,
    DEFAULT_CONTAINMENT_SHARE,
    DEFAULT_MIN_WORDS,
    DEFAULT_NUM_PERM,
    DEFAULT_SEED,
    DEFAULT_THRESHOLD,
    DEFAULT_WINDOW_DAYS,
    NearDuplicateIndex,
    Verdict,
    decode_minhash,
    encode_minhash,
    lsh_params,
)
from .signatures import MemorySignatureStore, SignatureStore, StoredSignature
from .text import exact_hash, normalise, shingles, word_count

__all__ = [
    "DEFAULT_CONTAINMENT",
    "DEFAULT_CONTAINMENT_SHARE",
    "DEFAULT_MIN_WORDS",
    "DEFAULT_NUM_PERM",
    "DEFAULT_SEED",
    "DEFAULT_THRESHOLD",
    "DEFAULT_WINDOW_DAYS",
    "MemorySignatureStore",
    "NearDuplicateIndex",
    "SignatureStore",
    "StoredSignature",
    "Verdict",
    "decode_minhash",
    "encode_minhash",
    "exact_hash",
    "lsh_params",
    "normalise",
    "shingles",
    "word_count",
]
