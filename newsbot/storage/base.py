"""What every storage backend shares: errors, results and the content fingerprint."""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Any


class StorageError(RuntimeError):
    """The backend cannot be opened or written; the message says which file/server and why."""


class DatabaseInUse(StorageError):
    """Another crawl holds the database's lock."""


class StoreResult(StrEnum):
    """What storing one article did."""

    NEW = "new"
    REVISED = "revised"
    UNCHANGED = "unchanged"


def content_hash(article: dict[str, Any]) -> str:
    """Fingerprint of what a reader would see change: headline, standfirst, body, modified date."""
    material = json.dumps(
        [article.get("headline"), article.get("description"), article.get("articleBody"), article.get("dateModified")],
        ensure_ascii=False,
    )
    return hashlib.blake2b(material.encode("utf-8"), digest_size=16).hexdigest()
