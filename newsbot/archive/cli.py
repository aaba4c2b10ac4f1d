"""What the archive commands (``export``, ``report``, ``browse``) share: the default store, exit codes, opening.

Exit codes: 2 for bad arguments or a SQLite file that does not exist, 8 for a store that cannot be read.
"""

from __future__ import annotations

import sys

from newsbot.archive.cursors import Archive, open_archive
from newsbot.errors import CommandFailed, StorageError, StoreMissing, UsageError
from newsbot.redaction import redact

EXIT_OK, EXIT_USAGE, EXIT_STORAGE = 0, 2, 8


def default_database() -> str:
    """The project's store: ``NEWSBOT_DATABASE_URL``, else ``sqlite:///NEWSBOT_SQLITE_PATH`` (settings.py)."""
    from newsbot import settings
    from newsbot.storage.factory import database_url

    url = database_url(vars(settings))
    if url is None:
        raise UsageError("no database configured: give --db")
    return url


def open_for(database: str | None) -> Archive:
    """The archive of ``--db`` (or the project's store); :class:`CommandFailed` when it cannot be opened."""
    try:
        return open_archive(database or default_database())
    except UsageError as error:
        raise CommandFailed(EXIT_USAGE, str(error)) from error
    except StoreMissing as error:
        raise CommandFailed(EXIT_USAGE, f"{error} (crawl first, or give --db)") from error
    except StorageError as error:
        raise CommandFailed(EXIT_STORAGE, str(error)) from error


def fail(command: str, code: int, message: str) -> int:
    """Print the one-line error of ``python -m newsbot COMMAND`` (redacted) and return ``code``."""
    print(redact(f"python -m newsbot {command}: error: {message}"), file=sys.stderr)
    return code
