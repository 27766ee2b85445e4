"""The small widgets every page is built from: labels, buttons, lists, progress bars, a notice
box and an expander, each named and labelled for screen readers and UI tests alike."""

from __future__ import annotations

from collections.abc import Callable

from sipalg_wizard.ui.qt import Qt, QtGui, QtWidgets


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
