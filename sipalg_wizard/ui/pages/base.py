"""What every step of the wizard has in common: a heading the wizard numbers, a one-line summary;
and, for steps that work in the background, Start/Stop and one worker at a time (``WorkerPage``).

The small widgets the pages are built from are in ``widgets``."""

from __future__ import annotations

from collections.abc import Callable

from sipalg_wizard.ui.qt import QtGui, QtWidgets, Signal, set_properties
from sipalg_wizard.ui.workers import Task, run_in_background

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
        # No sideways scrolling; Tab goes to the controls, not the frame (by name: ui/qt.py).
        set_properties(scroll, horizontalScrollBarPolicy="ScrollBarAlwaysOff", focusPolicy="NoFocus")
        # The page's own background shows through. A viewport of our own rather than
        # scroll.viewport(): a method returning a plain QWidget makes PySide load every widget
        # class it might be (79 Python enums, ~5-17 ms) before the first page shows.
        viewport = QtWidgets.QWidget()
        viewport.setAutoFillBackground(False)
        scroll.setViewport(viewport)
        content = QtWidgets.QWidget()
        content.setObjectName(f"{self.objectName() or 'page'}_content")
        scroll.setWidget(content)
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


class WorkerPage(StepPage):
    """A step whose work runs in the background (``ui.workers``) with a Start/Retry button and,
    where the work can take long, a Stop button.

    The page builds its own buttons and assigns ``start_button`` (and ``stop_button``); this class
    holds the one running task, cancels it when the customer leaves the page or the wizard closes,
    and moves the buttons (and the keyboard focus between them) as work starts and ends.
    """

    settled = Signal()  # the page stopped working: done, failed or stopped

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._task: Task | None = None
        self.start_button: QtWidgets.QPushButton | None = None
        self.stop_button: QtWidgets.QPushButton | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and self._task.running

    @property
    def task(self) -> Task | None:
        """The current (or last) background run, for tests and for the wizard."""
        return self._task

    def stop(self) -> None:
        """Stop the work at once (the Stop button; leaving the page; closing the wizard)."""
        if self._task is not None:
            self._task.cancel()

    def shutdown(self) -> None:
        self.stop()

    def cleanupPage(self) -> None:  # the customer went Back
        self.stop()

    def run_work(self, work: Callable, name: str, on_result: Callable, on_error: Callable,
                 on_cancelled: Callable[[], None], on_progress: Callable | None = None) -> Task:
        """Run ``work(cancel, progress)`` in the background instead of any earlier run."""
        self.stop()
        self._task = run_in_background(work, parent=self, name=name, on_result=on_result,
                                       on_error=on_error, on_progress=on_progress)
        self._task.cancelled.connect(on_cancelled)
        self.completeChanged.emit()
        return self._task

    def buttons_working(self, focus_stop: bool = True) -> None:
        """Start turns into Stop. ``focus_stop=False``: Stop takes the focus only from Start."""
        start_had_focus = self.start_button.hasFocus()
        if self.stop_button is not None:
            self.stop_button.setEnabled(True)
        self.start_button.setEnabled(False)
        if self.stop_button is not None and (focus_stop or start_had_focus):
            self.stop_button.setFocus()  # keyboard users keep their place

    def buttons_idle(self) -> None:
        """Stop turns back into Start (taking the focus back); the page says it settled."""
        stop_had_focus = self.stop_button is not None and self.stop_button.hasFocus()
        self.start_button.setEnabled(True)
        if self.stop_button is not None:
            self.stop_button.setEnabled(False)
        if stop_had_focus:
            self.start_button.setFocus()
        self.completeChanged.emit()
        self.settled.emit()


def wizard_of(page: QtWidgets.QWizardPage):
    """The page's Wizard (typed loosely to avoid an import cycle)."""
    return page.wizard()
