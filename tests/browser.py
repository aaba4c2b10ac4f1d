"""Headless Chromium for the tests that check what a page renders (the HTML report, the browse view).

Chromium comes from the distribution's packages (``apt-get install chromium``; ``.ci/run`` installs
it when missing). Without it these tests skip with that reason on a user's machine; with
``NEWSBOT_REQUIRE_BROWSER=1`` (CI) they fail instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

import pytest

REQUIRE_ENV = "NEWSBOT_REQUIRE_BROWSER"
NAMES = ("chromium", "chromium-browser", "google-chrome")


def chromium() -> str:
    """The Chromium binary, or a skip (a failure under ``NEWSBOT_REQUIRE_BROWSER=1``) saying how to get one."""
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    reason = "needs headless Chromium: apt-get install chromium (.ci/run installs it)"
    if os.environ.get(REQUIRE_ENV, "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{REQUIRE_ENV} is set and {reason}")
    pytest.skip(reason)


def rendered_dom(url: str, timeout: float = 90) -> str:
    """The DOM of ``url`` after Chromium has loaded and rendered it (``--dump-dom``)."""
    with tempfile.TemporaryDirectory(prefix="newsbot-chromium-") as profile:
        command = [
            chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            f"--user-data-dir={profile}", "--virtual-time-budget=5000", "--dump-dom", url,
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0 and result.stdout.strip(), result.stderr[-2000:]
    return result.stdout
