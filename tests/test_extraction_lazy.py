"""The cached property of page objects (newsbot.extraction.lazy)."""

from __future__ import annotations

import pytest

from newsbot.extraction.lazy import lazy


class Counter:
    """A page-like object counting how often its lazy field is computed."""

    def __init__(self) -> None:
        self.calls = 0
        self.fail = False

    @lazy
    def value(self) -> int:
        """The number of calls so far."""
        self.calls += 1
        if self.fail:
            raise ValueError("no value")
        return self.calls


def test_computed_once_and_kept_in_the_instance() -> None:
    counter = Counter()
    assert counter.value == 1
    assert counter.value == 1
    assert counter.calls == 1
    assert counter.__dict__["value"] == 1


def test_each_instance_has_its_own_value() -> None:
    first, second = Counter(), Counter()
    first.calls = 10
    assert first.value == 11
    assert second.value == 1


def test_an_error_is_not_cached() -> None:
    counter = Counter()
    counter.fail = True
    with pytest.raises(ValueError):
        _ = counter.value
    counter.fail = False
    assert counter.value == 2


def test_read_on_the_class_gives_the_descriptor() -> None:
    assert isinstance(Counter.value, lazy)
    assert Counter.value.__doc__ == "The number of calls so far."
