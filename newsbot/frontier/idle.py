"""How long a worker has found the shared queue empty; no Scrapy, no Redis."""

from __future__ import annotations

import time
from collections.abc import Callable


class IdleClock:
    """Measures how long the shared queue has stayed empty, as seen by one worker.

    :meth:`busy` is called whenever work was found (a request taken from the queue, a non-empty
    queue, seeding still going on); :meth:`empty_for` is called when the worker is idle and the
    queue is empty: the first such call starts the clock. :meth:`expired` says whether
    ``limit`` seconds have passed since then without :meth:`busy`.
    """

    def __init__(self, limit: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.clock = clock
        self._since: float | None = None

    def busy(self) -> None:
        self._since = None

    def empty_for(self) -> float:
        """Seconds the queue has been empty (starts the clock on the first call after :meth:`busy`)."""
        now = self.clock()
        if self._since is None:
            self._since = now
        return now - self._since

    def expired(self) -> bool:
        return self.empty_for() >= self.limit
