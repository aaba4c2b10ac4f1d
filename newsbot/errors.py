"""Every exception newsbot raises on purpose, in one tree (a reader catches what its branch names).

::

    NewsbotError                  anything below: ``except NewsbotError`` catches newsbot's own errors
    ├── UsageError (ValueError)   a bad command line or arguments that cannot work together (exit 2)
    ├── SettingsError (ValueError)    invalid ``NEWSBOT_*`` settings, one line per problem (exit 2)
    ├── UnsafeUrl (ValueError)    a URL the crawler refuses to request (``reason``, never the URL)
    ├── UnreadablePage            ``python -m newsbot.extract``: a saved page that cannot be read (exit 2)
    ├── CommandFailed             an archive command cannot go on (``code``: its exit code)
    ├── SharedStateLost           the run's shared discovery state (Redis) cannot be reached any more
    ├── LockHeld (RuntimeError)   another process holds a lock file (the message says who)
    ├── LockWaitTimeout           a PostgreSQL lock not obtained in time (``holder``: who held it)
    └── StorageError (RuntimeError)   a store cannot be opened, read or written (the message says why)
        ├── DatabaseInUse         another crawl holds the database's lock
        ├── LockTimeout           a batch gave up waiting for a lock; nothing of it was committed
        └── StoreMissing          the SQLite file does not exist (yet)

The built-in class in brackets is a second base, kept so that code catching ``ValueError`` or
``RuntimeError`` catches them as before. ``DropRequest`` (:mod:`newsbot.drops`) is no
error but Scrapy's ``IgnoreRequest`` with a reason, and stays with the middlewares that raise it
for Scrapy to handle. Extraction raises nothing: a page it cannot read whole still gives an
item, and :mod:`newsbot.extraction.guard` says where an unexpected error is caught, logged and
counted. This module imports nothing of newsbot but :mod:`newsbot.redaction`, so every layer can
import it.
"""

from __future__ import annotations

from newsbot.redaction import redact

__all__ = [
    "CommandFailed",
    "DatabaseInUse",
    "LockHeld",
    "LockTimeout",
    "LockWaitTimeout",
    "NewsbotError",
    "SettingsError",
    "SharedStateLost",
    "StorageError",
    "StoreMissing",
    "UnreadablePage",
    "UnsafeUrl",
    "UsageError",
]


class NewsbotError(Exception):
    """The root of newsbot's own exceptions."""


class UsageError(NewsbotError, ValueError):
    """A bad command line, or arguments that cannot work together (exit code 2)."""


class SettingsError(NewsbotError, ValueError):
    """Invalid ``NEWSBOT_*`` settings; ``problems`` holds one ``"NAME=value: expected ..."`` line each (redacted)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = [redact(problem) for problem in problems]
        super().__init__("invalid newsbot settings: " + "; ".join(self.problems))


class UnsafeUrl(NewsbotError, ValueError):
    """A URL the crawler refuses to request; ``reason`` says why in a few words (never the URL)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UnreadablePage(NewsbotError):
    """The saved page cannot be read: missing, empty, or not the gzip file it starts like."""


class CommandFailed(NewsbotError):
    """A command cannot go on: ``code`` is its exit code, the message its one line."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


class SharedStateLost(NewsbotError):
    """The shared discovery state cannot be reached any more (the crawl is told, and closes)."""


class LockHeld(NewsbotError, RuntimeError):
    """Another process holds the lock; the message says who (pid, since when, what)."""


class LockWaitTimeout(NewsbotError):
    """A lock was not obtained within the timeout; ``holder`` says who held it."""

    def __init__(self, what: str, waited: float, holder: str) -> None:
        super().__init__(f"waited {waited:g} s for {what}, held by {holder}")
        self.what = what
        self.waited = waited
        self.holder = holder


class StorageError(NewsbotError, RuntimeError):
    """The backend cannot be opened, read or written; the message says which file/server and why."""


class DatabaseInUse(StorageError):
    """Another crawl holds the database's lock."""


class LockTimeout(StorageError):
    """A batch gave up waiting for a lock another process held (``holder``: who); nothing of it was committed."""

    def __init__(self, message: str, holder: str | None = None) -> None:
        super().__init__(message)
        self.holder = holder


class StoreMissing(StorageError):
    """The SQLite file does not exist (yet)."""
