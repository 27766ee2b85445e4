"""Logging for the desktop program: a rotating file in the platformdirs log folder, a short
in-memory tail for "Copy details" (Picard's TailLogger idea), and Qt's own messages routed into
Python logging (qutebrowser's qtlog idea), so support sees one log.
"""

from __future__ import annotations

import collections
import logging
from pathlib import Path

from sipalg_wizard.ui.qt import QtCore

LOG_NAME = "sipalg-wizard.log"
MAX_BYTES = 512 * 1024
BACKUPS = 3
TAIL_LINES = 200
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class TailHandler(logging.Handler):
    """Keeps the last ``capacity`` formatted lines in memory."""

    def __init__(self, capacity: int = TAIL_LINES) -> None:
        super().__init__(logging.DEBUG)
        self.lines: collections.deque[str] = collections.deque(maxlen=capacity)
        self.setFormatter(logging.Formatter(FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:
            self.handleError(record)

    def text(self) -> str:
        return "\n".join(self.lines)


_tail: TailHandler | None = None


def tail() -> TailHandler:
    """The process's tail (created on first use, attached to the root logger)."""
    global _tail
    if _tail is None:
        _tail = TailHandler()
        logging.getLogger().addHandler(_tail)
    return _tail


def default_log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("sipalg-wizard", appauthor=False))


_QT_LEVELS = {
    QtCore.QtMsgType.QtDebugMsg: logging.DEBUG,
    QtCore.QtMsgType.QtInfoMsg: logging.INFO,
    QtCore.QtMsgType.QtWarningMsg: logging.WARNING,
    QtCore.QtMsgType.QtCriticalMsg: logging.ERROR,
    QtCore.QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(kind, context, message: str) -> None:
    category = getattr(context, "category", None) or "default"
    logging.getLogger(f"qt.{category}").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def setup_logging(log_dir: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Attach the rotating file and the tail to the root logger; route Qt messages. Returns the
    log file (None when the folder cannot be written: the program still runs)."""
    root = logging.getLogger()
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    tail()
    path: Path | None = None
    from logging.handlers import RotatingFileHandler  # here: it costs start-up time

    try:
        folder = log_dir or default_log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_NAME
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                      encoding="utf-8")
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    except OSError as exc:
        logging.getLogger(__name__).warning("no log file: %s", exc)
        path = None
    QtCore.qInstallMessageHandler(qt_message_handler)
    return path
