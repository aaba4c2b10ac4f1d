"""The database lock: one crawl at a time writes to a database, however it was started.

A crawl takes an exclusive ``fcntl.flock`` on ``<database>.lock`` when it opens its store
(:meth:`newsbot.crawl_store.CrawlStore.acquire`), so ``scrapy crawl``, Scrapyd jobs and
``python -m newsbot crawl`` all exclude each other. The ``crawl`` command takes the same lock
before it starts the crawl (to exit 3 before anything else happens); the crawl in the same
process then finds the lock already held by its own process and shares it
(:func:`hold_lock`). A PostgreSQL store's lock is an advisory lock in the database itself
(:class:`newsbot.storage.pg_crawl_lock.PostgresCrawlLock`), shared the same way: any
:class:`ExclusiveLock` can be held through :func:`hold_lock`. No Scrapy imports.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from newsbot.errors import LockHeld


class ExclusiveLock(Protocol):
    """A lock one process at a time holds: ``identity`` is the same for every object naming the same lock
    in this process, ``description`` names it in messages (``lock /data/news.db.lock``)."""

    identity: str
    description: str

    def acquire(self) -> None: ...
    def release(self) -> None: ...


class CrawlLock:
    """An exclusive, non-blocking ``fcntl.flock`` on ``path``, which records who holds it.

    The file is created if missing and never deleted (deleting a lock file races with the next
    locker); while held it says ``pid <pid> since <time>: <what>``. The kernel drops the lock when
    the holder exits, even on SIGKILL, so a crashed crawl never leaves a stale lock. ``flock``
    locks belong to an open file, so a second :class:`CrawlLock` on the same path is refused even
    in the same process; :func:`hold_lock` is the way for one process to share its lock.
    """

    def __init__(self, path: str | Path, what: str = "") -> None:
        self.path = Path(path)
        self.what = what
        self.identity = str(_key(self.path))
        self.description = f"lock {self.path}"
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise :class:`LockHeld`; ``OSError`` when the file cannot be created."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            holder = os.pread(fd, 500, 0).decode("utf-8", "replace").strip()
            os.close(fd)
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise LockHeld(holder or "unknown holder") from error
            raise
        since = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()} since {since}: {self.what}\n".encode(), 0)
        except OSError:
            pass  # a full disk: the lock holds, only the note of who holds it is missing
        self._fd = fd
        register_held(self)

    def release(self) -> None:
        if self._fd is None:
            return
        unregister_held(self)
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> CrawlLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


_held: dict[str, list[ExclusiveLock | int]] = {}
_registry_lock = threading.Lock()


def _key(path: Path) -> Path:
    return Path(os.path.abspath(path))


def register_held(lock: ExclusiveLock) -> None:
    """Note that this process now holds ``lock`` (called by a lock's ``acquire``)."""
    with _registry_lock:
        _held.setdefault(lock.identity, [lock, 0])


def unregister_held(lock: ExclusiveLock) -> None:
    """Note that this process let go of ``lock`` (called by a lock's ``release``)."""
    with _registry_lock:
        entry = _held.get(lock.identity)
        if entry is not None and entry[0] is lock:
            del _held[lock.identity]


class SharedLock:
    """A hold on a lock that may already belong to this process; :meth:`release` lets go of the hold."""

    def __init__(self, lock: ExclusiveLock, owned: bool) -> None:
        self.lock = lock
        self.owned = owned

    def release(self) -> None:
        if self.owned:
            self.lock.release()
        else:
            with _registry_lock:
                entry = _held.get(self.lock.identity)
                if entry is not None:
                    entry[1] = int(entry[1]) - 1


def hold_lock(target: str | Path | ExclusiveLock, what: str = "") -> SharedLock:
    """Take ``target`` (a lock, or the path of a lock file), or share it when this process already holds it.

    Raises :class:`LockHeld` when another process holds it; ``OSError`` when a lock file cannot
    be created (a lock of another kind raises its own errors).
    """
    lock = CrawlLock(target, what) if isinstance(target, str | Path) else target
    with _registry_lock:
        entry = _held.get(lock.identity)
        if entry is not None:
            entry[1] = int(entry[1]) + 1
            held = entry[0]
            assert not isinstance(held, int)
            return SharedLock(held, owned=False)
    lock.acquire()
    return SharedLock(lock, owned=True)


def database_lock_path(database: str | Path) -> Path:
    """The lock file of a database: ``<database>.lock`` beside it."""
    return Path(f"{database}.lock")
