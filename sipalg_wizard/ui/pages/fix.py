"""Step 6: how to turn the SIP ALG off on this router, one step at a time, with a picture each.

The guide comes from ``sipalg_wizard.guides`` for the identified (or chosen) maker, or the generic
guide. "Step X of N" is in large type so the agent and the customer stay on the same step; the
admin address and CLI commands have copy buttons; a button opens the router's page in the browser.
When no ALG was found there is nothing to change, and the page says so (the steps stay available).
"""

from __future__ import annotations

from html import escape

from sipalg_wizard.ui.pages.base import (
    Notice,
    StepPage,
    big_label,
    code_view,
    copy_text,
    make_button,
    text_label,
)
from sipalg_wizard.ui.qt import Qt, QtCore, QtGui, QtWidgets

PICTURE_WIDTH = 340


class ClickableLabel(QtWidgets.QLabel):
    clicked = QtCore.Signal()

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class PictureDialog(QtWidgets.QDialog):
    """The step picture at full size (scrolls when larger than the screen)."""

    def __init__(self, pixmap: QtGui.QPixmap, title: str, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fix_picture_dialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QtWidgets.QVBoxLayout(self)
        scroll = QtWidgets.QScrollArea()
        label = QtWidgets.QLabel()
        label.setPixmap(pixmap)
        scroll.setWidget(label)
        layout.addWidget(scroll, 1)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        screen = self.screen().availableGeometry() if self.screen() else QtCore.QRect(0, 0, 1280, 900)
        size = pixmap.deviceIndependentSize()  # a @2x picture is 900x560 on screen, not 1800x1120
        self.resize(min(round(size.width()) + 60, screen.width() - 40),
                    min(round(size.height()) + 100, screen.height() - 40))


class FixPage(StepPage):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fix_page")
        self.guide = None
        self.index = 0
        self._pixmap: QtGui.QPixmap | None = None
        layout, _footer = self.make_body()
        self.intro = self.make_description("")
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.intro)

        self.show_anyway = make_button(self.tr("Show the steps &anyway"), "fix_show_anyway",
                                       self.tr("Show the steps to turn SIP ALG off anyway"),
                                       lambda: self._show_steps(True))
        layout.addWidget(self.show_anyway, 0, Qt.AlignmentFlag.AlignLeft)

        self.steps_box = QtWidgets.QWidget()
        box = QtWidgets.QVBoxLayout(self.steps_box)
        box.setContentsMargins(0, 0, 0, 0)

        top = QtWidgets.QHBoxLayout()
        self.counter = big_label(name="fix_counter", extra_pt=8)
        self.counter.setAccessibleName(self.tr("Guide step"))
        self.prev_button = make_button(self.tr("\u2190 &Previous step"), "fix_prev",
                                       self.tr("Previous step of the guide"),
                                       lambda: self.show_step(self.index - 1))
        self.next_button = make_button(self.tr("Ne&xt step \u2192"), "fix_next",
                                       self.tr("Next step of the guide"),
                                       lambda: self.show_step(self.index + 1))
        top.addWidget(self.counter, 1)
        top.addWidget(self.prev_button, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignVCenter)
        box.addLayout(top)

        columns = QtWidgets.QHBoxLayout()
        columns.setSpacing(16)
        left = QtWidgets.QVBoxLayout()
        self.where = text_label("fix_where")
        left.addWidget(self.where)
        self.step_text = text_label("fix_step_text")
        self.step_text.setAccessibleName(self.tr("What to do in this step"))
        self.step_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QtGui.QFont(self.step_text.font())
        font.setPointSizeF(font.pointSizeF() + 1)
        self.step_text.setFont(font)
        left.addWidget(self.step_text)
        self.warning = text_label("fix_warning", rich=True)
        left.addWidget(self.warning)
        self.commands = code_view("fix_commands", self.tr("Commands to type"))
        self.commands.setMaximumHeight(110)
        self.copy_commands = make_button(self.tr("Copy co&mmands"), "fix_copy_commands",
                                         self.tr("Copy the commands"),
                                         lambda: copy_text(self.commands.toPlainText()))
        left.addWidget(self.commands)
        left.addWidget(self.copy_commands, 0, Qt.AlignmentFlag.AlignLeft)
        left.addStretch(1)
        columns.addLayout(left, 1)

        right = QtWidgets.QVBoxLayout()
        self.picture = ClickableLabel()
        self.picture.setObjectName("fix_picture")
        self.picture.setAccessibleName(self.tr("Picture of this step (click to enlarge)"))
        self.picture.setToolTip(self.tr("Click to enlarge"))
        self.picture.setCursor(Qt.CursorShape.PointingHandCursor)
        self.picture.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.picture.clicked.connect(self.enlarge)
        self.enlarge_button = make_button(self.tr("&Enlarge picture"), "fix_enlarge",
                                          self.tr("Show the picture larger"), self.enlarge)
        right.addWidget(self.picture)
        right.addWidget(self.enlarge_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addStretch(1)
        columns.addLayout(right)
        box.addLayout(columns)

        admin = QtWidgets.QHBoxLayout()
        self.admin_label = text_label("fix_admin", rich=True)
        self.admin_label.setAccessibleName(self.tr("Address of the router's page"))
        self.admin_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_admin = make_button(self.tr("&Copy address"), "fix_copy_admin",
                                      self.tr("Copy the router page's address"),
                                      lambda: copy_text(self.admin_url))
        self.open_admin = make_button(self.tr("&Open the router's page"), "fix_open_admin",
                                      self.tr("Open the router's page in your web browser"),
                                      self.open_router_page)
        admin.addWidget(self.admin_label, 1)
        admin.addWidget(self.copy_admin)
        admin.addWidget(self.open_admin)
        box.addLayout(admin)
        self.login = text_label("fix_login")
        box.addWidget(self.login)
        self.reboot = text_label("fix_reboot", rich=True)
        box.addWidget(self.reboot)
        self.notice = Notice("fix_notice", self.tr("About these steps"))
        box.addWidget(self.notice)
        layout.addWidget(self.steps_box)
        layout.addStretch(1)

    def heading(self) -> str:
        return self.tr("Turn off SIP ALG")

    def summary(self) -> str:
        return self.tr("If your router gets in the way, we show you step by step how to fix it.")

    # --- guide ------------------------------------------------------------------------------
    @property
    def admin_url(self) -> str:
        wizard = self.wizard()
        net = wizard.network
        if net is not None and net.gateway_ipv4:
            return f"http://{net.gateway_ipv4}/"
        if self.guide is not None and self.guide.admin_urls:
            return self.guide.admin_urls[0]
        return "http://192.168.1.1/"

    def open_router_page(self) -> bool:
        wizard = self.wizard()
        opener = wizard.core.open_url
        if opener is not None:
            return bool(opener(self.admin_url))
        return QtGui.QDesktopServices.openUrl(QtCore.QUrl(self.admin_url))

    def initializePage(self) -> None:
        wizard = self.wizard()
        self.guide = wizard.choose_guide()
        verdict = wizard.diagnosis.verdict if wizard.diagnosis is not None else "inconclusive"
        self.verdict = verdict
        title = escape(self.guide.title) if self.guide is not None else ""
        if verdict == "no_alg_detected":
            self.intro.setText(self.tr(
                "<b>There is nothing to change on your router.</b> The test messages got through "
                "unchanged, so SIP ALG is either off or not getting in the way. You can skip this "
                "step: press Next."))
            self._show_steps(False)
        elif verdict == "alg_detected":
            self.intro.setText(self.tr("Follow these steps: <b>{title}</b>. Keep this window open; "
                                       "we will test again afterwards.").format(title=title)
                               + self._measured_workaround(wizard))
            self._show_steps(True)
        else:
            self.intro.setText(self.tr(
                "We could not finish the test, so we do not know for sure whether your router gets "
                "in the way. If your calls have the problems described before, these steps are safe "
                "to follow: <b>{title}</b>.").format(title=title))
            self._show_steps(True)
        if self.guide is not None:
            self._fill_guide()

    def _measured_workaround(self, wizard) -> str:
        """For a router with no switch (or no guide of its own): what the probe measured gets
        past it (another SIP port, TLS), when it did; "" otherwise."""
        from sipalg_wizard.ui.pages.diagnosis import explain_for, workaround_html

        return workaround_html(self, explain_for(wizard)) if wizard.diagnosis is not None else ""

    def _show_steps(self, visible: bool) -> None:
        self.steps_box.setVisible(visible and self.guide is not None)
        self.show_anyway.setVisible(not visible and self.guide is not None)

    def _fill_guide(self) -> None:
        guide = self.guide
        notes = [n for n in (guide.confidence_notice, *guide.quirks[:2]) if n]
        self.notice.show_items([("guide_notes", self.tr("Good to know"), " ".join(notes))]
                               if notes else [], "info")
        self.admin_label.setText(self.tr("Router's page: <b>{url}</b>").format(
            url=escape(self.admin_url)))
        self.admin_label.setTextFormat(Qt.TextFormat.RichText)
        self.login.setText(guide.login_hint)
        self.login.setVisible(bool(guide.login_hint))
        afterwards = self.tr("Afterwards:")
        self.reboot.setText(f"<b>{escape(afterwards)}</b> {escape(guide.reboot)}")
        self.show_step(0)

    def show_step(self, index: int) -> None:
        guide = self.guide
        if guide is None or not guide.steps:
            return
        self.index = max(0, min(index, len(guide.steps) - 1))
        step = guide.steps[self.index]
        self.counter.setText(self.tr("Step {x} of {n}").format(x=self.index + 1, n=len(guide.steps)))
        self.where.setText(self.tr("Where: {path}").format(path=" \u203a ".join(step.menu_path))
                           if step.menu_path else "")
        self.where.setVisible(bool(step.menu_path))
        self.step_text.setText(step.text)
        self.warning.setText(f"<b>\u26a0 {escape(step.warning)}</b>" if step.warning else "")
        self.warning.setVisible(bool(step.warning))
        self.commands.setPlainText("\n".join(step.commands))
        self.commands.setVisible(bool(step.commands))
        self.copy_commands.setVisible(bool(step.commands))
        self._pixmap = self._load_picture(guide, self.index) if step.picture else None
        if self._pixmap is not None:
            self.picture.setPixmap(self._thumbnail(self._pixmap))
            self.picture.show()
            self.enlarge_button.show()
        else:
            self.picture.clear()
            self.picture.hide()
            self.enlarge_button.hide()
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(guide.steps) - 1)

    def changeEvent(self, event: QtCore.QEvent) -> None:
        """Moved to a screen of another scale factor: redraw the picture for it (1x or @2x)."""
        change = getattr(QtCore.QEvent.Type, "DevicePixelRatioChange", None)  # Qt 6.6+
        if change is not None and event.type() == change and self.guide is not None:
            self.show_step(self.index)
        super().changeEvent(event)

    def _load_picture(self, guide, index: int) -> QtGui.QPixmap | None:
        """The step picture for this screen: ``step-N@2x.png`` on a high-DPI screen (scale
        factor above 1) when the guide has it, so its small labels stay sharp; else ``step-N.png``.

        The pixmap carries its device pixel ratio, so Qt lays it out at its logical size."""
        ratio = max(1.0, self.devicePixelRatioF())
        path = guide.picture_path(index, scale=ratio)
        if path is None or not path.is_file():
            return None
        pixmap = QtGui.QPixmap(str(path))
        if pixmap.isNull():
            return None
        pixmap.setDevicePixelRatio(2.0 if path.stem.endswith("@2x") else 1.0)
        return pixmap

    def _thumbnail(self, pixmap: QtGui.QPixmap) -> QtGui.QPixmap:
        """``pixmap`` at PICTURE_WIDTH logical pixels, drawn with every physical pixel the screen
        has (at 200 % that is 680 real pixels, not a 340-pixel image stretched and blurred)."""
        ratio = max(1.0, self.devicePixelRatioF())
        logical_width = pixmap.width() / pixmap.devicePixelRatio()
        width = round(min(PICTURE_WIDTH, logical_width) * ratio)
        shown = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        shown.setDevicePixelRatio(ratio)
        return shown

    def enlarge(self) -> PictureDialog | None:
        if self._pixmap is None:
            return None
        dialog = PictureDialog(self._pixmap, self.counter.text(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog
