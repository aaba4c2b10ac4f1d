"""MinHash signature bytes and LSH banding for the near-duplicate index (no Scrapy imports).

Layout of :attr:`StoredSignature.minhash <newsbot.dedup.signatures.StoredSignature.minhash>` bytes
written by :func:`encode_minhash` and read by :func:`decode_minhash`::

    offset  size  field
    0       4     magic b"NBMH"
    4       1     format version (1)
    5       1     permutation scheme (1 = datasketch "affine32")
    6       1     bytes per hash value, w (4 written; 8 also read)
    7       1     reserved, 0
    8       4     shingle set size |A|, uint32 little-endian (for the containment estimate)
    12      4     MinHash seed, uint32 little-endian
    16      w*k   the k = num_perm hash values, little-endian unsigned (each < 2**32)
"""

from __future__ import annotations

import math
import struct

import numpy as np

__all__ = ["SCHEME", "decode_minhash", "encode_minhash", "header_dtype", "lsh_params"]

SCHEME = "affine32"

_MAGIC = b"NBMH"
_VERSION = 1
_SCHEME_CODE = 1  # affine32
_HEADER = struct.Struct("<4sBBBBII")


def lsh_params(
    threshold: float, num_perm: int, *, margin: float = 0.08, recall: float = 0.96, min_rows: int = 5
) -> tuple[int, int]:
    """LSH ``(bands, rows)`` for a verification ``threshold``, set below it.

    A pair with Jaccard ``threshold - margin`` must become a candidate with probability at least
    ``recall`` (``1 - (1 - J**rows)**bands``). Among the settings with at least ``min_rows`` rows
    that achieve it within ``num_perm``, take the fewest bands: memory and lookup time grow with
    the band count, and verification decides anyway. 40 x 5 for the defaults (0.68, 256).

    Why at least 5 rows: stories of one site share boilerplate and phrasing, and with 3 rows a
    band of the same site collides often, so every query verifies many unrelated candidates; 6
    rows lose recall at ``threshold - margin``. The candidates per query and the recall of each
    setting are in bench/RESULTS.md ("Cost that stays flat (#8): dedup").
    """
    floor = min(max(threshold - margin, 0.05), 0.99)
    feasible = []
    for rows in range(1, num_perm // 2 + 1):
        hit = floor**rows
        if hit <= 0.0:
            break
        bands = max(2, math.ceil(math.log(1.0 - recall) / math.log1p(-hit)))
        if bands * rows <= num_perm:
            feasible.append((bands, rows))
    preferred = [p for p in feasible if p[1] >= min_rows]
    if preferred:
        return min(preferred)
    if feasible:  # too few permutations for min_rows: as many rows as fit
        return max(feasible, key=lambda p: (p[1], -p[0]))
    return max(2, num_perm // 2), 1 if num_perm < 4 else 2


def encode_minhash(hashvalues: np.ndarray, set_size: int, seed: int) -> bytes:
    """Pack MinHash hash values with the header described in the module docstring."""
    # affine32 values are below 2**32: four bytes each are enough and keep the store small
    header = _HEADER.pack(_MAGIC, _VERSION, _SCHEME_CODE, 4, 0, min(set_size, 0xFFFFFFFF), seed & 0xFFFFFFFF)
    return header + np.asarray(hashvalues, dtype="<u4").tobytes()


def decode_minhash(data: bytes) -> tuple[np.ndarray, int | None, int | None]:
    """Unpack ``minhash`` bytes into ``(uint32 hash values, set size or None, seed or None)``.

    Raises ``ValueError`` for bytes that are neither form described in the module docstring.
    """
    if len(data) > _HEADER.size and data[:4] == _MAGIC:
        _magic, version, scheme, width, _reserved, size, seed = _HEADER.unpack_from(data)
        body = data[_HEADER.size :]
        if version != _VERSION or scheme != _SCHEME_CODE or width not in (4, 8) or len(body) % width:
            raise ValueError(f"unsupported minhash header (version {version}, scheme {scheme}, width {width})")
    else:
        raise ValueError(f"minhash bytes of length {len(data)} have no NBMH header")
    values = np.frombuffer(body, dtype="<u8" if width == 8 else "<u4")
    if width == 8 and values.size and int(values.max()) > 0xFFFFFFFF:
        raise ValueError("minhash values exceed 32 bits: not an affine32 signature")
    return values.astype(np.uint32), size, seed


def header_dtype(num_perm: int) -> np.dtype:
    """numpy record type of a whole ``minhash`` blob with ``num_perm`` four-byte values.

    ``np.frombuffer(b"".join(blobs), header_dtype(k))`` reads many blobs of that length at once;
    the caller still checks ``magic``, ``version``, ``scheme``, ``width`` and ``seed``.
    """
    return np.dtype(
        [
            ("magic", "S4"),
            ("version", "u1"),
            ("scheme", "u1"),
            ("width", "u1"),
            ("reserved", "u1"),
            ("size", "<u4"),
            ("seed", "<u4"),
            ("values", "<u4", (num_perm,)),
        ]
    )
