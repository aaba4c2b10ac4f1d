"""Thread-safe count of the requests the replica answered, per path and per status."""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import Any


class RequestLog:
    """Counts requests by URL path (query string and fragment not included) and by status.

    Control requests (``/_control/...``) are not counted, so tests can read the log without
    changing it.
    """

    def __init__(self) -> None:
        """Start with empty counts."""
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._by_status: dict[int, Counter[str]] = {}
        #: ``time.monotonic()`` of the last counted request (``None``: none yet), for benchmarks
        self.last_at: float | None = None

    def record(self, path: str, status: int) -> None:
        """Count one request for ``path`` answered with ``status``."""
        with self._lock:
            self._counts[path] += 1
            self._by_status.setdefault(status, Counter())[path] += 1
            self.last_at = time.monotonic()

    def counts(self, status: int | None = None) -> dict[str, int]:
        """Requests per path; only those answered with ``status`` when it is given."""
        with self._lock:
            source = self._counts if status is None else self._by_status.get(status, Counter())
            return dict(source)

    def total(self, prefix: str = "", status: int | None = None) -> int:
        """Number of requests whose path starts with ``prefix`` (e.g. ``"/article/"``)."""
        return sum(n for path, n in self.counts(status).items() if path.startswith(prefix))

    def reset(self) -> None:
        """Forget every count."""
        with self._lock:
            self._counts.clear()
            self._by_status.clear()

    def snapshot(self) -> dict[str, Any]:
        """JSON-ready view: ``{"total": n, "counts": {path: n}, "by_status": {"200": {...}}}``."""
        with self._lock:
            return {
                "total": sum(self._counts.values()),
                "counts": dict(self._counts),
                "by_status": {str(s): dict(c) for s, c in sorted(self._by_status.items())},
            }
