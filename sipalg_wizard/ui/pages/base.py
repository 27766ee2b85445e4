"""What every step of the wizard has in common: a heading the wizard numbers, a one-line summary."""

from __future__ import annotations

from sipalg_wizard.ui.qt import Qt, QtGui, QtWidgets

# The description under the title is this much larger than body text (points).
DESCRIPTION_EXTRA_PT = 1


class StepPage(QtWidgets.QWizardPage):
    """A wizard step. The wizard sets the title to "Step N of M: <heading>" so an agent on the phone
    can say "go to step 2"; the Welcome page lists every later step's ``summary()``.
    """

    def heading(self) -> str:
        """The step's short name, already translated (e.g. "Your network")."""
        raise NotImplementedError

    def summary(self) -> str:
        """One plain sentence saying what this step does, for the Welcome page's list."""
        return ""

    def make_body(self) -> tuple[QtWidgets.QVBoxLayout, QtWidgets.QVBoxLayout]:
        """The page's layout: a scrolling body (returned first) above a fixed row for buttons.

        Content that grows (advice, long translations, large system fonts) scrolls instead of
        being squashed or clipped; the page's own buttons stay in sight below it.
        """
        outer = QtWidgets.QVBoxLayout(self)
        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName(f"{self.objectName() or 'page'}_scroll")
        scroll.setAccessibleName(self.tr("Page content"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls, not the frame
        content = QtWidgets.QWidget()
        content.setObjectName(f"{self.objectName() or 'page'}_content")
        scroll.setWidget(content)
        scroll.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        body = QtWidgets.QVBoxLayout(content)
        body.setContentsMargins(0, 0, 6, 0)
        body.setSpacing(12)
        outer.addWidget(scroll, 1)
        footer = QtWidgets.QVBoxLayout()
        outer.addLayout(footer)
        return body, footer

    def make_description(self, text: str) -> QtWidgets.QLabel:
        """The page's opening sentence(s), slightly larger, wrapping freely.

        Kept in the page body rather than QWizard's subtitle, whose header clips after two lines
        (longer translations would be cut off).
        """
        label = QtWidgets.QLabel(text)
        label.setObjectName(f"{self.objectName() or 'page'}_description")
        label.setWordWrap(True)
        font = QtGui.QFont(self.font())
        font.setPointSizeF(font.pointSizeF() + DESCRIPTION_EXTRA_PT)
        label.setFont(font)
        return label

    def shutdown(self) -> None:
        """Stop any background work (the wizard is closing)."""
