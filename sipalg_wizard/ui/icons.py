"""Small state icons drawn at run time (a coloured disc with a sign), sharp at any scale and
legible in light and dark themes; no image files to ship or to get lost in a frozen bundle."""

from __future__ import annotations

from functools import cache

from sipalg_wizard.ui.qt import Qt, QtCore, QtGui

COLOURS = {
    "pending": ("#9aa0a6", "\u2022"),
    "running": ("#1a73e8", "\u2026"),
    "ok": ("#1e8e3e", "\u2713"),
    "warning": ("#e37400", "!"),
    "error": ("#d93025", "\u2715"),
    "skipped": ("#9aa0a6", "\u2013"),
}


@cache
def state_icon(state: str, size: int = 32) -> QtGui.QIcon:
    colour, sign = COLOURS.get(state, COLOURS["pending"])
    pixmap = QtGui.QPixmap(size * 2, size * 2)  # drawn at 2x, scaled down crisply
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(pixmap)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QtGui.QColor(colour))
    painter.drawEllipse(QtCore.QRectF(4, 4, size * 2 - 8, size * 2 - 8))
    font = QtGui.QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 1.15))
    painter.setFont(font)
    painter.setPen(QtGui.QColor("#ffffff"))
    painter.drawText(QtCore.QRectF(0, 0, size * 2, size * 2), Qt.AlignmentFlag.AlignCenter, sign)
    painter.end()
    return QtGui.QIcon(pixmap)


def outcome_state(outcome: str) -> str:
    """The icon for a probe test's state or outcome."""
    if outcome in ("pending", "running", "ok", "skipped"):
        return outcome
    if outcome in ("rewritten", "mangled", "intercepted"):
        return "warning"
    return "error"  # dropped, error, refused, timeout, blocked ...
