"""The log-fail fixture itself: a stray warning fails a test; an expected one does not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent

SAMPLE = '''
import logging
import threading

import pytest

log = logging.getLogger("sample.module")


def test_stray_warning():
    log.warning("something went wrong")


def test_stray_error_in_a_thread():
    worker = threading.Thread(target=lambda: log.error("a worker failed"))
    worker.start()
    worker.join()


def test_info_is_fine():
    log.info("all good")


@pytest.mark.expect_log("sample")
def test_expected_by_marker():
    log.warning("the test provokes this")


@pytest.mark.expect_log("other")
def test_marker_for_another_logger_does_not_cover_this_one():
    log.warning("not the logger the test expected")


def test_expected_with_caplog(caplog):
    log.warning("checked below")
    assert "checked below" in caplog.text
'''


def test_unexpected_warnings_fail_and_expected_ones_pass(tmp_path: Path):
    (tmp_path / "conftest.py").write_text(
        f"import sys\nsys.path.insert(0, {str(TESTS)!r})\n"
        "from logfail import fail_on_unexpected_log  # noqa: F401\n")
    (tmp_path / "test_sample.py").write_text(SAMPLE)
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    expect_log: expected logs\n")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-p", "no:randomly", "-rE", str(tmp_path)],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    out = done.stdout
    assert "6 passed, 3 errors" in out, out  # passed, then failed at teardown (like qutebrowser)
    for name in ("test_stray_warning", "test_stray_error_in_a_thread",
                 "test_marker_for_another_logger_does_not_cover_this_one"):
        assert f"ERROR test_sample.py::{name}" in out, out
    assert "WARNING sample.module: something went wrong" in out
