"""The near-duplicate index as it was before issue #8, the benchmarks' baseline, read from git history.

``LegacyIndex`` is ``newsbot.dedup.index.NearDuplicateIndex`` and ``legacy_normalise`` is
``newsbot.dedup.text.normalise`` at :data:`BASELINE_COMMIT` (datasketch ``MinHashLSH`` with
22 x 3 bands, one Python object per story, verification one candidate at a time; one
``str.translate`` pass, slow on non-ASCII text). The package ``newsbot/dedup`` of that commit is
written to a temporary folder with ``git show`` and imported as ``legacy_dedup``, so the baseline
is the code that ran, not a copy kept in the tree. bench/dedup_speed.py runs it beside the current
code in the same process. Needs the repository's history (a clone, not an exported tree).
"""

from __future__ import annotations

import atexit
import importlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

__all__ = ["BASELINE_COMMIT", "LegacyIndex", "legacy_normalise"]

BASELINE_COMMIT = "5702599"
ROOT = Path(__file__).resolve().parents[1]


def _git(*args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True).stdout


def load_baseline(commit: str = BASELINE_COMMIT) -> ModuleType:
    """Import ``newsbot/dedup`` as it was at ``commit`` (package ``legacy_dedup``)."""
    folder = Path(tempfile.mkdtemp(prefix="newsbot-legacy-dedup-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    package = folder / "legacy_dedup"
    package.mkdir()
    for name in _git("ls-tree", "--name-only", commit, "newsbot/dedup/").decode().split():
        if name.endswith(".py"):
            (package / Path(name).name).write_bytes(_git("show", f"{commit}:{name}"))
    sys.path.insert(0, str(folder))
    return importlib.import_module("legacy_dedup")


_baseline = load_baseline()
LegacyIndex = _baseline.NearDuplicateIndex
legacy_normalise = _baseline.normalise
