"""The wizard as a whole: the page order, step numbers, keyboard, accessible names, start-up."""

from __future__ import annotations

import re

import pytest
from flow_helpers import open_network_page, start_held_discovery

from sipalg_wizard.profile import Profile
from sipalg_wizard.ui import app as ui_app
from sipalg_wizard.ui.qt import Qt, QtWidgets


def test_opens_on_welcome_with_numbered_title(make_wizard, network):
    wizard = make_wizard(lambda: network)
    assert wizard.currentPage() is wizard.welcome_page
    assert wizard.currentPage().title() == "Step 1 of 8: Welcome to Acme Call Doctor"
    assert wizard.windowTitle() == "Acme Call Doctor"


def test_only_the_first_page_is_built_before_the_window_shows(qtbot, network):
    """Start-up: the Welcome page alone is built (and its modules imported) before the window
    is on screen; the later steps follow once it has been painted, and Next never waits on a
    page that is missing (a property or Next builds them at once if asked sooner)."""
    import sys

    from sipalg_wizard.ui.app import create_application, create_wizard

    create_application()
    wizard = create_wizard(Profile(product_name="Acme"), discover=lambda: network)
    qtbot.addWidget(wizard)
    assert wizard.pageIds() == [0]
    assert wizard.currentPage() is None or wizard.currentPage() is wizard.welcome_page
    wizard.show()
    qtbot.waitExposed(wizard)
    assert wizard.button(QtWidgets.QWizard.WizardButton.NextButton).isVisible()
    qtbot.waitUntil(lambda: len(wizard.pageIds()) == 8, timeout=5000)
    assert "sipalg_wizard.ui.pages.probe" in sys.modules
    assert "<b>Step 8</b>" in wizard.welcome_page.steps.text()
    assert wizard.page(7).title() == "Step 8 of 8: Your support code and report"


def test_next_before_the_idle_build_still_goes_to_the_network_step(qtbot, network):
    from sipalg_wizard.ui.app import create_application, create_wizard

    create_application()
    wizard = create_wizard(Profile(product_name="Acme"), discover=lambda: network)
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard._pages  # not painted yet: nothing built
    wizard.next()
    assert wizard.currentPage() is wizard.network_page
    assert len(wizard.pageIds()) == 8


def test_every_page_says_step_n_of_m(make_wizard, network):
    wizard = make_wizard(lambda: network)
    titles = [wizard.page(i).title() for i in wizard.pageIds()]
    assert [re.match(r"Step (\d) of (\d): ", t).groups() for t in titles] == [
        (str(n), "8") for n in range(1, 9)]


def test_welcome_lists_the_steps_and_the_support_number(make_wizard, network):
    wizard = make_wizard(lambda: network)
    page = wizard.welcome_page
    assert "<b>Step 2</b>" in page.steps.text() and "We find your router" in page.steps.text()
    assert page.support.isVisible()
    assert "0800 555 0199" in page.support.text() and "Acme Support" in page.support.text()
    assert "0800 555 0199" in page.subTitle()


def test_welcome_hides_an_empty_support_number(make_wizard, network):
    wizard = make_wizard(lambda: network, profile=Profile())
    assert not wizard.welcome_page.support.isVisible()
    assert wizard.welcome_page.subTitle() == "SIP ALG Wizard"


def test_next_goes_to_network_and_it_starts_looking(qtbot, make_wizard, network):
    wizard = make_wizard(lambda: network)
    open_network_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.network_page
    assert wizard.currentPage().title() == "Step 2 of 8: Your network"
    assert wizard.network is network


def test_enter_key_moves_to_the_next_step(qtbot, make_wizard, network):
    wizard = make_wizard(lambda: network)
    with qtbot.waitSignal(wizard.network_page.network_found, timeout=5000):
        qtbot.keyClick(wizard, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.network_page


def test_alt_mnemonics_reach_the_buttons(qtbot, make_wizard, network):
    wizard = make_wizard(lambda: network)
    open_network_page(qtbot, wizard, activate=True)
    with qtbot.waitSignal(wizard.currentIdChanged, timeout=2000):  # mnemonics "animate" a click
        qtbot.keyClick(wizard, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert wizard.currentPage() is wizard.welcome_page


def test_the_body_text_is_large(make_wizard, network):
    wizard = make_wizard(lambda: network)
    body = wizard.welcome_page.reassurance.font().pointSizeF()
    assert body >= 12
    title = wizard.findChild(QtWidgets.QLabel, "wizard_title")
    assert title is not None and title.text().startswith("Step 1 of 8")
    assert title.font().pointSizeF() >= body + 4


def interactive_widgets(root: QtWidgets.QWidget) -> list[QtWidgets.QWidget]:
    """Everything a keyboard or mouse user can operate, visible now."""
    kinds = (QtWidgets.QAbstractButton, QtWidgets.QLineEdit, QtWidgets.QComboBox,
             QtWidgets.QAbstractSpinBox, QtWidgets.QAbstractItemView, QtWidgets.QTextEdit)
    return [w for w in root.findChildren(QtWidgets.QWidget)
            if w.isVisible() and (isinstance(w, kinds) or w.focusPolicy() != Qt.FocusPolicy.NoFocus)]


def assert_all_named(root: QtWidgets.QWidget) -> int:
    widgets = interactive_widgets(root)
    unnamed = [f"{type(w).__name__} {w.objectName()!r} {getattr(w, 'text', lambda: '')()!r}"
               for w in widgets if not w.accessibleName().strip()]
    assert not unnamed, f"no accessible name: {unnamed}"
    return len(widgets)


def test_every_visible_interactive_widget_has_an_accessible_name(qtbot, make_wizard, network):
    wizard = make_wizard(lambda: network)
    assert assert_all_named(wizard) >= 2  # Next, Cancel
    with qtbot.waitSignal(wizard.network_page.network_found, timeout=5000):
        wizard.next()
    # Back, Finish, Cancel, Retry, Stop and the six selectable values.
    assert assert_all_named(wizard) >= 11


def test_the_accessibility_check_can_fail(make_wizard, network):
    wizard = make_wizard(lambda: network)
    QtWidgets.QPushButton("Unnamed", wizard.welcome_page).show()
    with pytest.raises(AssertionError, match="Unnamed"):
        assert_all_named(wizard)


@pytest.mark.expect_log("sipalg_wizard.ui.app")  # the bad profile is logged for support
def test_a_bad_profile_shows_a_message_not_a_traceback(qtbot, monkeypatch, tmp_path):
    bad = tmp_path / "profile.toml"
    bad.write_text("product_name = [1, 2\n")
    shown = []
    monkeypatch.setattr(ui_app, "explain_bad_profile", shown.append)
    assert ui_app.run_gui(profile_path=str(bad)) == ui_app.EXIT_BAD_PROFILE
    assert len(shown) == 1 and "not valid TOML" in str(shown[0]) and str(bad) in str(shown[0])


def test_the_bad_profile_box_says_what_is_wrong(qtbot, tmp_path):
    from sipalg_wizard.profile import ProfileError

    boxes = []

    def inspect_and_close():
        box = QtWidgets.QApplication.activeModalWidget()
        boxes.append((box.text(), box.informativeText()))
        box.accept()

    from sipalg_wizard.ui.qt import QtCore

    QtCore.QTimer.singleShot(0, inspect_and_close)
    ui_app.explain_bad_profile(ProfileError("profile /x/profile.toml: 'reflectors' must be a list"))
    assert boxes and "settings file" in boxes[0][0] and "'reflectors' must be a list" in boxes[0][1]


def test_run_gui_opens_the_window_and_returns_when_it_closes(qtbot, private_settings_and_logs):
    from sipalg_wizard.ui.qt import QtCore

    seen = []

    def close_soon():
        wizard = next(w for w in QtWidgets.QApplication.topLevelWidgets()
                      if w.objectName() == "wizard" and w.isVisible())
        seen.append(wizard.currentPage().title())
        wizard.reject()
        QtWidgets.QApplication.instance().quit()

    # Quit explicitly, not through "last window closed": that one posts a deferred Quit event
    # which would end the next test's event loops before they start.
    app = QtWidgets.QApplication.instance()
    app.setQuitOnLastWindowClosed(False)
    try:
        QtCore.QTimer.singleShot(0, close_soon)
        assert ui_app.run_gui(reflector="203.0.113.10:5060") == 0
    finally:
        app.setQuitOnLastWindowClosed(True)
    assert seen and seen[0].startswith("Step 1 of 8: Welcome")
    QtCore.qInstallMessageHandler(None)
    log_file = private_settings_and_logs / "logs" / "sipalg-wizard.log"
    assert "starting; log file" in log_file.read_text()


def test_app_icon_loads():
    icon = ui_app.app_icon()
    assert not icon.isNull()
    assert not icon.pixmap(64, 64).isNull()


def test_tab_reaches_every_control_of_the_network_step(qtbot, make_wizard, network):
    wizard = make_wizard(lambda: network)
    page = open_network_page(qtbot, wizard, activate=True)
    wizard.button(wizard.WizardButton.NextButton).setFocus()
    reached = []
    for _ in range(30):
        qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QtWidgets.QApplication.focusWidget())
    wanted = [page.retry_button, page.values["gateway_ipv4"], page.values["maker"],
              wizard.button(wizard.WizardButton.BackButton),
              wizard.button(wizard.WizardButton.NextButton),
              wizard.button(wizard.WizardButton.CancelButton)]
    missing = [w.accessibleName() for w in wanted if w not in reached]
    assert not missing, f"Tab never reaches: {missing}"


def test_closing_the_wizard_stops_background_work(qtbot, make_wizard, gate):
    wizard, task = start_held_discovery(make_wizard, gate)
    wizard.reject()
    assert task.cancel_event.is_set() and not task.running


# Run in a fresh interpreter (this one has long since made every Qt type): the real start-up,
# reporting what exists when the first page is on screen.
_FIRST_PAINT_PROBE = """
import sys
from PySide6 import QtCore, QtWidgets
from sipalg_wizard.ui import app

def report():
    later = [m for m in sys.modules if m.startswith("sipalg_wizard.ui.pages.")
             and m.rsplit(".", 1)[1] not in ("base", "welcome", "widgets")]
    print("qt-namespace", "Qt" in QtCore.__dict__)
    print("widget-classes", "QTabWidget" in QtWidgets.__dict__)
    print("later-pages", sorted(later))
    print("log-handlers", "logging.handlers" in sys.modules)
    QtWidgets.QApplication.exit(0)

app._report_first_paint = report
sys.exit(app.run_gui())
"""


def test_the_first_page_shows_before_the_costly_parts_of_pyside(tmp_path):
    """PySide creates Python enums lazily and slowly (ui/qt.py): the ``Qt`` namespace (93 enums)
    and, after any method returning a plain QWidget, every widget class it might be (79 more).
    The first page needs neither; nor the later pages' modules, nor the log file's."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),  # the log file: here
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_STATE_HOME=str(tmp_path / "state"))
    env[ui_app.STARTUP_PROBE_ENV] = "1"
    proc = subprocess.run([sys.executable, "-c", _FIRST_PAINT_PROBE], env=env, text=True,
                          capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    seen = proc.stdout.splitlines()
    if sys.platform == "win32":  # Windows 10's classic style must ask the colour scheme first
        seen = [line for line in seen if not line.startswith("qt-namespace")]
        assert seen == ["widget-classes False", "later-pages []", "log-handlers False"]
    else:
        assert seen == ["qt-namespace False", "widget-classes False", "later-pages []",
                        "log-handlers False"], proc.stderr


class _FakeApp:
    """What ``_follow_color_scheme`` asks of the application, and what it sets."""

    def __init__(self, style: str, scheme) -> None:
        self._style, self._scheme, self.set_to = style, scheme, None

    def style(self):
        return type("Style", (), {"name": lambda _self: self._style})()

    def styleHints(self):
        return type("Hints", (), {"colorScheme": lambda _self: self._scheme})()

    def setStyle(self, name: str) -> None:
        self.set_to = name


@pytest.mark.parametrize("platform, style, dark, expected", [
    ("win32", "windowsvista", True, "Fusion"),   # the classic style cannot draw dark
    ("win32", "windowsvista", False, None),
    ("win32", "windows11", True, None),          # Windows 11's own style draws dark itself
    ("darwin", "macos", True, None),
    ("linux", "fusion", True, None),
])
def test_dark_windows_leaves_the_classic_style(monkeypatch, platform, style, dark, expected):
    monkeypatch.setattr(ui_app.sys, "platform", platform)
    scheme = Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light
    fake = _FakeApp(style, scheme)
    ui_app._follow_color_scheme(fake)
    assert fake.set_to == expected
