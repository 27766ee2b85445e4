"""Fail a test that logs an unexpected WARNING or ERROR (after qutebrowser's tests/helpers/logfail.py).

A warning in the log is the program telling us something went wrong; a quiet suite is what lets a
new one stand out. Every record at WARNING or above that reaches the root logger during a test
(from any thread) fails that test, unless the test says it expects such records:

* by using pytest's ``caplog`` fixture (then the test checks the records itself), or
* with ``@pytest.mark.expect_log`` (optionally ``expect_log("logger.name", ...)`` to allow only
  those loggers and their children).
"""

from __future__ import annotations

import logging

import pytest

LEVEL = logging.WARNING


class LogFailHandler(logging.Handler):
    """Collects every record at WARNING or above (the check happens after the test)."""

    def __init__(self) -> None:
        super().__init__(level=LEVEL)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _allowed(record: logging.LogRecord, names: tuple[str, ...]) -> bool:
    return not names or any(record.name == n or record.name.startswith(n + ".") for n in names)


@pytest.fixture(autouse=True)
def fail_on_unexpected_log(request: pytest.FixtureRequest):
    handler = LogFailHandler()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
    if "caplog" in request.fixturenames:
        return
    marker = request.node.get_closest_marker("expect_log")
    unexpected = [r for r in handler.records
                  if marker is None or not _allowed(r, tuple(marker.args))]
    if unexpected:
        lines = "\n".join(f"  {r.levelname} {r.name}: {r.getMessage()}" for r in unexpected[:10])
        pytest.fail(f"unexpected log records at WARNING or above (expect them with caplog or "
                    f"@pytest.mark.expect_log):\n{lines}", pytrace=False)
