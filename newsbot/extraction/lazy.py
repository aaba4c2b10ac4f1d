"""The cached property of page objects: computed on the first read, then a plain attribute."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class lazy(Generic[T]):  # lower case: used as a decorator, like functools.cached_property
    """Like ``functools.cached_property``: the value is computed on the first read and stored in
    the instance's ``__dict__``, which answers every later read without reaching the descriptor.

    Unlike it, no lock is taken. On Python 3.11 that lock is one per property shared by every
    instance, and it is taken on every first read of every page object (about 16 per page);
    a page object is read by one thread.
    """

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value
