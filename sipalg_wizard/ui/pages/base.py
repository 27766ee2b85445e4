"""What every step of the wizard has in common: a heading the wizard numbers, a one-line summary."""

from __future__ import annotations

from collections.abc import Callable

from sipalg_wizard.ui.qt import Qt, QtGui, QtWidgets, Signal
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


def error_detail(exc: BaseException) -> str:
    """What went wrong in the background, for the "tell your support agent: ..." sentences."""
    return str(exc) or type(exc).__name__


def make_button(text: str, name: str, accessible: str,
                slot: Callable | None = None) -> QtWidgets.QPushButton:
    """A page's own button. Never the default button: Enter keeps meaning "Next"."""
    button = QtWidgets.QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setAutoDefault(False)
    if slot is not None:
        button.clicked.connect(slot)
    return button


def button_row(*buttons: QtWidgets.QWidget) -> QtWidgets.QHBoxLayout:
    """Buttons side by side from the left."""
    row = QtWidgets.QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def copy_text(text: str) -> None:
    """Put ``text`` on the clipboard (copy buttons)."""
    QtGui.QGuiApplication.clipboard().setText(text)


def text_label(name: str = "", bold: bool = False, rich: bool = False) -> QtWidgets.QLabel:
    """A wrapping label for a page's changing words (status lines, advice)."""
    label = QtWidgets.QLabel()
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


def icon_label() -> QtWidgets.QLabel:
    """The place for a state icon beside a headline or a line of text."""
    label = QtWidgets.QLabel()
    label.setAlignment(Qt.AlignmentFlag.AlignTop)
    return label


def mono_font() -> QtGui.QFont:
    """The system's fixed-width font, for what is typed or compared character by character."""
    return QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont)


def code_view(name: str, accessible: str) -> QtWidgets.QPlainTextEdit:
    """Read-only fixed-width text (commands to type, technical details) that can be selected."""
    view = QtWidgets.QPlainTextEdit()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setReadOnly(True)
    view.setFont(mono_font())
    return view


def list_view(name: str, accessible: str, headings: list[str],
              headings_name: str) -> QtWidgets.QTreeWidget:
    """A flat list with column headings; ``headings_name`` is what a screen reader calls them."""
    view = QtWidgets.QTreeWidget()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setHeaderLabels(headings)
    view.setRootIsDecorated(False)
    view.header().setAccessibleName(headings_name)
    return view


def busy_bar(name: str, accessible: str) -> QtWidgets.QProgressBar:
    """A short bar that moves while we wait for something whose length we cannot know."""
    bar = QtWidgets.QProgressBar()
    bar.setObjectName(name)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumWidth(140)
    bar.setAccessibleName(accessible)
    return bar


def progress_bar(name: str, accessible: str, text_format: str) -> QtWidgets.QProgressBar:
    """A bar counting finished tests ("%v of %m tests done")."""
    bar = QtWidgets.QProgressBar()
    bar.setObjectName(name)
    bar.setAccessibleName(accessible)
    bar.setFormat(text_format)
    return bar


def beside(*widgets: QtWidgets.QWidget, stretch: int = -1) -> QtWidgets.QHBoxLayout:
    """Widgets in a row; the one at index ``stretch`` takes the spare width."""
    row = QtWidgets.QHBoxLayout()
    for index, widget in enumerate(widgets):
        row.addWidget(widget, 1 if index == stretch % len(widgets) else 0)
    return row


def big_label(text: str = "", extra_pt: float = 6, bold: bool = True,
              name: str = "") -> QtWidgets.QLabel:
    """Large words the customer can read out to the agent (headlines, the support code)."""
    label = QtWidgets.QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    font = QtGui.QFont(label.font())
    font.setPointSizeF(font.pointSizeF() + extra_pt)
    font.setBold(bold)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class Notice(QtWidgets.QFrame):
    """A framed box with an icon: a problem and what to do, or good news. Hidden when empty."""

    def __init__(self, name: str, accessible: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(12, 10, 12, 10)
        row.setSpacing(12)
        self.icon = icon_label()
        self.text = text_label(f"{name}_text", rich=True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName(accessible)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        self.codes: list[str] = []
        self.hide()

    def show_items(self, items: list[tuple[str, str, str]], level: str = "warning") -> None:
        """``items``: (code, title, what to do). ``level``: info, warning or critical."""
        from html import escape

        self.codes = [code for code, _t, _a in items]
        if not items:
            self.text.clear()
            self.hide()
            return
        pixmaps = {"info": QtWidgets.QStyle.StandardPixmap.SP_MessageBoxInformation,
                   "warning": QtWidgets.QStyle.StandardPixmap.SP_MessageBoxWarning,
                   "critical": QtWidgets.QStyle.StandardPixmap.SP_MessageBoxCritical}
        size = self.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_MessageBoxIconSize)
        self.icon.setPixmap(self.style().standardIcon(pixmaps[level]).pixmap(size, size))
        self.text.setText("".join(
            f"<p><b>{escape(title)}</b>" + (f"<br>{escape(action)}" if action else "") + "</p>"
            for _code, title, action in items))
        self.show()

    def plain(self) -> str:
        doc = QtGui.QTextDocument()
        doc.setHtml(self.text.text())
        return doc.toPlainText()


class Expander(QtWidgets.QWidget):
    """A "Show details" toggle and the widget it shows (evidence, technical details)."""

    def __init__(self, title: str, content: QtWidgets.QWidget, name: str,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toggle = QtWidgets.QToolButton()
        self.toggle.setObjectName(f"{name}_toggle")
        self.toggle.setText(title)
        self.toggle.setAccessibleName(title)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self.set_open)
        self.content = content
        layout.addWidget(self.toggle)
        layout.addWidget(content)
        content.hide()

    def set_open(self, open_: bool) -> None:
        self.toggle.setChecked(open_)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.content.setVisible(open_)


def wizard_of(page: QtWidgets.QWizardPage):
    """The page's Wizard (typed loosely to avoid an import cycle)."""
    return page.wizard()
