"""Where the shared page corpus is, and what a test that needs it does when it is missing.

The corpus (saved pages of real publishers, ``corpora/fundus-pages``: ``manifest.jsonl`` and
gzipped pages) is not in the repository; it lives in the project's shared folder:
``$NEWSBOT_CORPUS_DIR`` when set, else ``../shared`` beside the checkout (from any checkout,
worktrees included), else the machines' ``/work/shared``.

A fresh clone has no shared folder: its corpus tests skip with the reason, so the README's test
command passes. With ``NEWSBOT_REQUIRE_CORPUS=1`` (CI) a missing corpus fails them instead.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import pytest

CORPUS_DIR_ENV = "NEWSBOT_CORPUS_DIR"
REQUIRE_ENV = "NEWSBOT_REQUIRE_CORPUS"


def corpus_folder() -> Path:
    """``$NEWSBOT_CORPUS_DIR``, else ``fundus-pages`` of ``../shared`` beside the checkout or ``/work/shared``."""
    if os.environ.get(CORPUS_DIR_ENV):
        return Path(os.environ[CORPUS_DIR_ENV])
    candidates = [Path(__file__).resolve().parents[2] / "shared", Path("/work/shared")]
    shared = next((folder for folder in candidates if folder.is_dir()), candidates[0])
    return shared / "corpora" / "fundus-pages"


def readability_folder() -> Path:
    """``readability-pages`` beside the fundus corpus (its ``README.md`` says what it holds)."""
    return corpus_folder().parent / "readability-pages"


def require_readability() -> Path:
    """The readability corpus folder; a missing one skips the calling test, or fails it when required."""
    folder = readability_folder()
    if (folder / "README.md").is_file():
        return folder
    reason = f"the shared readability corpus is missing ({folder} not found; set {CORPUS_DIR_ENV} to the fundus folder)"
    if corpus_required():
        pytest.fail(f"{reason}, and {REQUIRE_ENV}=1 makes it mandatory", pytrace=False)
    pytest.skip(f"{reason}; set {REQUIRE_ENV}=1 to make this a failure")


def readability_pages(folder: Path) -> list[tuple[str, dict[str, Any], bytes]]:
    """Every page of the readability corpus: its name, its expected metadata and its bytes."""
    pages = []
    for page in sorted(path for path in folder.iterdir() if (path / "expected-metadata.json").is_file()):
        expected = json.loads((page / "expected-metadata.json").read_text())
        pages.append((page.name, expected, gzip.decompress((page / "source.html.gz").read_bytes())))
    return pages


def corpus_required() -> bool:
    """True when ``NEWSBOT_REQUIRE_CORPUS`` asks for the corpus (``1``, ``true``, ``yes``)."""
    return os.environ.get(REQUIRE_ENV, "").strip().lower() in ("1", "true", "yes")


def require_corpus() -> Path:
    """The corpus folder; a missing one skips the calling test, or fails it when required."""
    folder = corpus_folder()
    manifest = folder / "manifest.jsonl"
    if manifest.is_file():
        return folder
    reason = f"the shared page corpus is missing ({manifest} not found; set {CORPUS_DIR_ENV} to the corpus folder)"
    if corpus_required():
        pytest.fail(f"{reason}, and {REQUIRE_ENV}=1 makes it mandatory", pytrace=False)
    pytest.skip(f"{reason}; set {REQUIRE_ENV}=1 to make this a failure")


def corpus_pages(folder: Path) -> list[tuple[dict[str, Any], bytes]]:
    """Every page of the corpus in manifest order: its manifest record and its decompressed bytes."""
    records = [json.loads(line) for line in (folder / "manifest.jsonl").read_text().splitlines() if line.strip()]
    return [(record, gzip.decompress((folder / record["file"]).read_bytes())) for record in records]
