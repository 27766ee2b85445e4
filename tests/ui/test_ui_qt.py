"""ui/qt.py: the ``Qt`` stand-in and setting enum properties by their C++ names."""

from __future__ import annotations

import pytest

from sipalg_wizard.ui.qt import Qt, QtCore, QtWidgets, set_properties


def test_qt_stands_in_for_the_namespace(qapp):
    assert Qt.AlignmentFlag is QtCore.Qt.AlignmentFlag
    assert Qt.TextFormat.RichText == QtCore.Qt.TextFormat.RichText
    with pytest.raises(AttributeError):
        Qt.NoSuchEnum  # noqa: B018 - the read is the test


def test_enum_and_flag_properties_are_set_by_name(qapp):
    label = QtWidgets.QLabel()
    set_properties(label, textFormat="RichText", alignment="AlignLeft|AlignTop",
                   textInteractionFlags="TextSelectableByMouse")
    assert label.textFormat() == Qt.TextFormat.RichText
    assert label.alignment() == Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse


@pytest.mark.parametrize("values", [{"textFormat": "Bogus"}, {"noSuchProperty": "RichText"}])
def test_a_wrong_name_is_an_error_not_silence(qapp, values):
    with pytest.raises(ValueError, match="QLabel has no property"):
        set_properties(QtWidgets.QLabel(), **values)
