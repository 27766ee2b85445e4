"""The one place the GUI imports the Qt binding from (after qutebrowser's ``qutebrowser/qt/``).

Everything under ``sipalg_wizard.ui`` writes ``from sipalg_wizard.ui.qt import QtCore, QtWidgets``
instead of naming PySide6, so Qt usage is greppable here and a change of binding is one file.

``Qt`` here stands in for ``QtCore.Qt`` and fetches it on first use. PySide creates that namespace's
93 Python enums (1 195 members) the first time anything touches it: about 18 ms on Python 3.11,
a tenth of the time to the first page. The first page therefore never touches it: it sets its few
enum-typed properties by their C++ names with ``set_properties``, and everything after the first
paint writes ``Qt.AlignmentFlag.AlignTop`` as usual. A test in ``tests/ui/test_ui_wizard.py``
(``test_the_first_page_shows_before_the_costly_parts_of_pyside``) keeps it so.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets
from shiboken6 import isValid as is_alive  # False once Qt has deleted the C++ object

Signal = QtCore.Signal
Slot = QtCore.Slot


class _QtNamespace:
    """``QtCore.Qt``, fetched when an attribute is first read (see the module's docstring)."""

    def __getattr__(self, name: str):
        value = getattr(QtCore.Qt, name)
        setattr(self, name, value)  # later reads skip __getattr__
        return value

    def __repr__(self) -> str:
        return "<QtCore.Qt, fetched on first use>"


Qt = _QtNamespace()


def set_properties(obj: QtCore.QObject, **values: object) -> None:
    """Set Qt properties by name; an enum or flag by its C++ key(s), e.g.
    ``set_properties(label, textFormat="RichText", alignment="AlignLeft|AlignTop")``.

    Qt converts the key itself (QMetaProperty::write), so no Python enum is created. Raises
    ValueError for a property or key Qt does not know, instead of silently doing nothing.
    """
    for name, value in values.items():
        if not obj.setProperty(name, value):
            raise ValueError(f"{type(obj).__name__} has no property {name!r} taking {value!r}")


__all__ = ["Qt", "QtCore", "QtGui", "QtWidgets", "Signal", "Slot", "is_alive", "set_properties"]
