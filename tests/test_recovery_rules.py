"""When a run must fetch stored articles again (a recovery run), from what the previous run left."""

from __future__ import annotations

import pytest

from newsbot.middlewares.incremental import recovery_reason

END = "2026-12-01T10:00:00+00:00"


@pytest.mark.parametrize(
    ("previous", "discarded", "resumed", "recovers"),
    [
        (None, False, 0, False),  # first run on this database
        ((END, "finished"), False, 0, False),
        ((None, None), False, 0, True),  # killed: no end recorded
        ((END, "storage_unavailable"), False, 0, True),  # its last batch was rolled back
        ((END, "storage_unavailable"), False, 40, True),  # a JOBDIR queue does not hold the lost batch
        ((END, "shutdown"), False, 0, True),  # stopped without a queue to resume
        ((END, "shutdown"), False, 25, False),  # stopped, and its JOBDIR queue is taken up
        ((END, "closespider_timeout"), False, 0, False),  # a bound chosen for every run
        ((END, "database_in_use"), False, 0, False),  # it never started
        ((END, "finished"), True, 0, True),  # a killed crawl's JOBDIR state was discarded
    ],
)
def test_recovery_follows_from_what_the_previous_run_left(
    previous: tuple[str | None, str | None] | None, discarded: bool, resumed: int, recovers: bool
) -> None:
    assert (recovery_reason(previous, discarded=discarded, resumed=resumed) is not None) is recovers
