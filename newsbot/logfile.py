"""``LOG_FILE`` made ready before Scrapy opens it: its folder created, like the database's.

Scrapy opens ``LOG_FILE`` when the crawler process is created and fails with a traceback when
its folder does not exist (``-s LOG_FILE=/var/log/newsbot/trtworld.log`` on a fresh machine, the
README's cron recipe). :func:`prepare_log_file` creates the folder (with its parents, as the
SQLite store does for the database) and opens the file for appending once, so that a path that
cannot be written (a read-only folder, a directory named like the file) is one clear line,
a usage error (exit code 2), before anything starts. Called by ``python -m newsbot crawl``
(:mod:`newsbot.schedule`) and the project's Scrapy commands (:mod:`newsbot.commands`). Reads
``LOG_FILE`` (and ``LOG_ENABLED``: no log, no file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def prepare_log_file(settings: Any) -> str | None:
    """Create the folder of ``LOG_FILE`` and check the file can be appended to; the problem, or ``None``."""
    name = settings.get("LOG_FILE")
    if not name or not settings.getbool("LOG_ENABLED", True):
        return None
    path = Path(name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8"):
            pass
    except OSError as error:
        return f"LOG_FILE={str(name)!r}: cannot create or write the log file: {error.strerror or error}"
    return None
