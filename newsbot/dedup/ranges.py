"""Which publication-date ranges of the signature store the in-memory index already holds.

:class:`~newsbot.dedup.index.NearDuplicateIndex` loads the signatures of a date range from its
store only when a story needs them; :class:`CoveredRanges` remembers what was loaded, as a sorted
list of disjoint closed intervals of epoch seconds (``-inf`` and ``inf`` allowed).
"""

from __future__ import annotations

import bisect
import math

__all__ = ["CoveredRanges"]


class CoveredRanges:
    """A set of closed intervals ``[low, high]``; touching or overlapping intervals are merged."""

    def __init__(self) -> None:
        self._lows: list[float] = []
        self._highs: list[float] = []

    def __bool__(self) -> bool:
        return bool(self._lows)

    def __repr__(self) -> str:
        return f"CoveredRanges({list(zip(self._lows, self._highs, strict=True))})"

    @property
    def intervals(self) -> list[tuple[float, float]]:
        return list(zip(self._lows, self._highs, strict=True))

    def covers(self, low: float, high: float) -> bool:
        """True when ``[low, high]`` lies inside one held interval."""
        i = bisect.bisect_right(self._lows, low) - 1
        return i >= 0 and self._highs[i] >= high

    def missing(self, low: float, high: float) -> list[tuple[float, float]]:
        """The parts of ``[low, high]`` not held yet, in order (their ends may touch held ones)."""
        gaps = []
        cursor = low
        for lo, hi in zip(self._lows, self._highs, strict=True):
            if hi < cursor:
                continue
            if lo > high:
                break
            if lo > cursor:
                gaps.append((cursor, lo))
            cursor = max(cursor, hi)
            if cursor >= high:
                return gaps
        if cursor < high or (cursor == low == high and not self.covers(low, high)):
            gaps.append((cursor, high))
        return gaps

    def add(self, low: float, high: float) -> None:
        """Hold ``[low, high]`` too, merging it with every interval it touches."""
        if math.isnan(low) or math.isnan(high) or low > high:
            raise ValueError(f"not an interval: [{low}, {high}]")
        start = bisect.bisect_left(self._highs, low)
        end = bisect.bisect_right(self._lows, high)
        if start < end:
            low = min(low, self._lows[start])
            high = max(high, self._highs[end - 1])
        self._lows[start:end] = [low]
        self._highs[start:end] = [high]
