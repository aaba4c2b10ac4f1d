"""The corpus tests in a fresh clone (no shared folder): skipped with the reason, or failed in CI.

Runs the corpus tests in a subprocess with ``NEWSBOT_CORPUS_DIR`` pointing at a folder that does
not exist, with and without ``NEWSBOT_REQUIRE_CORPUS=1``; and checks how :mod:`corpus` finds the
shared folder beside a checkout.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS_TESTS = (
    "tests/test_extraction_corpus.py",
    "tests/test_extraction_fuzz.py::test_fuzzed_corpus_pages_never_break_extraction",
)


def run_corpus_tests(corpus_dir: Path, require: str | None) -> subprocess.CompletedProcess[str]:
    # the outer run's PYTEST_ADDOPTS (a --randomly-seed, say) would not parse with randomly off
    env = {key: value for key, value in os.environ.items() if key not in ("NEWSBOT_REQUIRE_CORPUS", "PYTEST_ADDOPTS")}
    env["NEWSBOT_CORPUS_DIR"] = str(corpus_dir)
    if require is not None:
        env["NEWSBOT_REQUIRE_CORPUS"] = require
    command = [
        sys.executable,
        "-m",
        "pytest",
        *CORPUS_TESTS,
        "-q",
        "-rsE",
        "-p",
        "no:randomly",
        "-p",
        "no:cacheprovider",
    ]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_without_the_corpus_the_corpus_tests_skip_and_say_why(tmp_path: Path) -> None:
    result = run_corpus_tests(tmp_path / "no-such-folder", require=None)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "5 skipped" in result.stdout and "passed" not in result.stdout and "failed" not in result.stdout
    assert f"the shared page corpus is missing ({tmp_path / 'no-such-folder' / 'manifest.jsonl'} not found" in (
        result.stdout
    )
    assert "set NEWSBOT_REQUIRE_CORPUS=1 to make this a failure" in result.stdout


@pytest.mark.parametrize("require", ["1", "true"])
def test_with_the_corpus_required_its_absence_fails_them(tmp_path: Path, require: str) -> None:
    result = run_corpus_tests(tmp_path / "no-such-folder", require=require)
    assert result.returncode == 1, result.stdout[-3000:]
    assert "skipped" not in result.stdout
    assert "1 failed" in result.stdout and "4 errors" in result.stdout  # the 4 share a module fixture
    assert "NEWSBOT_REQUIRE_CORPUS=1 makes it mandatory" in result.stdout


def test_the_corpus_is_found_beside_any_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = tmp_path / "some-worktree"
    (checkout / "tests").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "corpus.py", checkout / "tests" / "corpus.py")
    beside = tmp_path / "shared" / "corpora" / "fundus-pages"
    beside.mkdir(parents=True)
    (beside / "manifest.jsonl").write_text("")
    spec = importlib.util.spec_from_file_location("corpus_of_a_checkout", checkout / "tests" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.delenv("NEWSBOT_CORPUS_DIR", raising=False)
    assert module.corpus_folder() == beside
    monkeypatch.setenv("NEWSBOT_CORPUS_DIR", str(tmp_path / "elsewhere"))
    assert module.corpus_folder() == tmp_path / "elsewhere"
