"""Shared test set-up: the tests' own folder is importable (helpers such as replica_expectations), and
no test's output may hold the test password (:data:`services.SECRET`): captured output, logs and
failure reports are scanned after each phase of each test, and the crawl helpers scan what their
subprocesses print."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import pytest
from services import SECRET


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport:
    """Fail a test whose captured output, log or failure report shows the test password."""
    report: pytest.TestReport = yield
    printed = [content for _title, content in report.sections]
    if report.longrepr is not None:
        printed.append(str(report.longrepr))
    if any(SECRET in text for text in printed):
        report.outcome = "failed"
        report.longrepr = f"the test password {SECRET[:3]}... was printed (see this test's captured output)"
    return report
