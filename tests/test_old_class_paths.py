"""Class paths README documented before the layout moved them still load the same classes."""

from __future__ import annotations

import pytest
from scrapy.utils.misc import load_object

from newsbot.frontier.local_scheduler import ResumeSafeScheduler
from newsbot.frontier.memory_queue import CompactLifoMemoryQueue
from newsbot.middlewares.user_agent import ContactUserAgentMiddleware


@pytest.mark.parametrize(
    ("old_path", "cls"),
    [
        ("newsbot.resume.ResumeSafeScheduler", ResumeSafeScheduler),
        ("newsbot.compact_queue.CompactLifoMemoryQueue", CompactLifoMemoryQueue),
        ("newsbot.politeness.ContactUserAgentMiddleware", ContactUserAgentMiddleware),
    ],
)
def test_a_documented_old_path_loads_the_moved_class(old_path: str, cls: type) -> None:
    assert load_object(old_path) is cls


def test_a_path_that_was_never_documented_is_gone() -> None:
    with pytest.raises(ImportError):
        load_object("newsbot.middlewares.drops.DroppedRequestCounter")
