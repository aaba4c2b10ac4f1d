"""Run ``python -m newsbot ...`` with the database capped at a number of pages: a real full disk for SQLite.

Usage, from the repo root: ``PYTHONPATH=. python tests/run_with_quota.py PAGES crawl trtworld -s ...``.
Every store the crawl opens gets ``PRAGMA max_page_count`` = its size at open + PAGES, so writes beyond that fail with
SQLite's own ``SQLITE_FULL`` ("database or disk is full"), as on a full filesystem. Not a test
module: the fault-injection tests start it as a subprocess.
"""

from __future__ import annotations

import sys

from newsbot.__main__ import main
from newsbot.storage import sqlite as backend

QUOTA_PAGES = int(sys.argv[1])
_open = backend.SqliteStore.open


def open_with_quota(self: backend.SqliteStore) -> None:
    _open(self)
    pages = self.connection.execute("PRAGMA page_count").fetchone()[0]
    self.connection.execute(f"PRAGMA max_page_count={pages + QUOTA_PAGES}")


backend.SqliteStore.open = open_with_quota  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.exit(main(sys.argv[2:]))
