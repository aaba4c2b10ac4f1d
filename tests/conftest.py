"""Shared test set-up: the tests' own folder is importable (helpers such as replica_expectations)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
