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


def start_logging(level: int = logging.INFO) -> TailHandler:
    """The cheap half, before the window shows: the root level, the tail, Qt's messages."""
    root = logging.getLogger()
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    QtCore.qInstallMessageHandler(qt_message_handler)
    return tail()


_file_handler: logging.Handler | None = None


def open_log_file(log_dir: Path | None = None) -> Path | None:
    """The rotating log file (the folder, the file, ``logging.handlers``: start-up time, so the
    wizard opens it once the first page is on screen). What the tail caught before is written
    first, so the file misses nothing. None when the folder cannot be written: the program still
    runs."""
    global _file_handler
    from logging.handlers import RotatingFileHandler

    try:
        folder = log_dir or default_log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_NAME
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                      encoding="utf-8")
    except OSError as exc:
        logging.getLogger(__name__).warning("no log file: %s", exc)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    earlier = tail().text()
    if earlier and handler.stream is not None:
        handler.stream.write(earlier + "\n")
    logging.getLogger().addHandler(handler)
    _file_handler = handler
    return path


def log_file_open() -> bool:
    """Whether this process's log file is open (still attached to the root logger)."""
    return _file_handler is not None and _file_handler in logging.getLogger().handlers


def setup_logging(log_dir: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Both halves at once (tests, and a start that cannot wait for a window). Returns the log
    file, or None."""
    start_logging(level)
    return open_log_file(log_dir)
