"""Logs: a rotating file in the given folder, an in-memory tail, Qt's messages in Python logging."""

from __future__ import annotations

import logging
import logging.handlers

from sipalg_wizard.ui import logs
from sipalg_wizard.ui.qt import QtCore


def test_file_tail_and_qt_messages(tmp_path, qapp):
    root = logging.getLogger()
    try:
        path = logs.setup_logging(tmp_path)
        assert path == tmp_path / logs.LOG_NAME
        logging.getLogger("sipalg_wizard.test").info("probe finished in %d ms", 812)
        QtCore.qInfo("a message from Qt itself")
        for handler in root.handlers:
            handler.flush()
        text = path.read_text()
        assert "probe finished in 812 ms" in text and "a message from Qt itself" in text
        assert "probe finished in 812 ms" in logs.tail().text()
        assert "qt.default" in logs.tail().text()
        rotating = [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
        assert rotating and rotating[0].maxBytes == logs.MAX_BYTES
    finally:
        QtCore.qInstallMessageHandler(None)  # the conftest removes the file handler


def test_the_tail_keeps_only_the_last_lines():
    tail = logs.TailHandler(capacity=3)
    log = logging.getLogger("sipalg_wizard.tailtest")
    log.addHandler(tail)
    log.setLevel(logging.INFO)
    try:
        for n in range(5):
            log.info("line %d", n)
    finally:
        log.removeHandler(tail)
    assert [line.rsplit(": ", 1)[1] for line in tail.lines] == ["line 2", "line 3", "line 4"]


def test_the_log_file_opened_after_start_up_still_has_the_first_lines(tmp_path):
    """The wizard opens its log file once the first page is on screen (start-up time); what was
    logged before that is in the tail and is written to the file first."""
    import logging

    root = logging.getLogger()
    before = list(root.handlers)
    try:
        logs.start_logging()
        logging.getLogger("sipalg_wizard.test").info("logged before the file was opened")
        path = logs.open_log_file(tmp_path)
        logging.getLogger("sipalg_wizard.test").info("and after")
        for handler in root.handlers:
            handler.flush()
        text = path.read_text(encoding="utf-8")
        assert text.index("logged before the file was opened") < text.index("and after")
    finally:
        QtCore.qInstallMessageHandler(None)
        for handler in set(root.handlers) - set(before):
            if handler is not logs.tail():
                root.removeHandler(handler)
                handler.close()
