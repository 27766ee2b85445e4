"""The one place the GUI imports the Qt binding from (after qutebrowser's ``qutebrowser/qt/``).

Everything under ``sipalg_wizard.ui`` writes ``from sipalg_wizard.ui.qt import QtCore, QtWidgets``
instead of naming PySide6, so Qt usage is greppable here and a change of binding is one file.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets
from shiboken6 import isValid as is_alive  # False once Qt has deleted the C++ object

Qt = QtCore.Qt
Signal = QtCore.Signal
Slot = QtCore.Slot

__all__ = ["Qt", "QtCore", "QtGui", "QtWidgets", "Signal", "Slot", "is_alive"]
