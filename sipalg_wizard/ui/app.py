"""Start the desktop wizard: the application object, its look, translations, profile, window.

``run_gui`` is what ``sipalg-wizard`` (no subcommand) calls. ``create_application`` and
``create_wizard`` are separate so tests, the screenshot script and the benchmark can build the
same window without entering the event loop.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

from sipalg_wizard import __version__
from sipalg_wizard.paths import resource
from sipalg_wizard.profile import Profile, ProfileError, load_profile
from sipalg_wizard.ui import i18n, logs, workers
from sipalg_wizard.ui.qt import QtCore, QtGui, QtWidgets
from sipalg_wizard.ui.settings import Settings
from sipalg_wizard.ui.wizard import Wizard

if TYPE_CHECKING:
    from sipalg_wizard.ui.pages.network import Discover

log = logging.getLogger(__name__)

APP_NAME = "sipalg-wizard"
# Body text is never smaller than this, whatever the desktop's default (customers on the phone).
MIN_POINT_SIZE = 12.0
EXIT_BAD_PROFILE = 2
# Set (to anything) by benchmarks/bench.py and the bundle's smoke test: print "first-paint" when
# the first page is on screen, then exit, so start-up is measured as the customer sees it.
STARTUP_PROBE_ENV = "SIPALG_WIZARD_EXIT_AFTER_FIRST_PAINT"


def app_icon() -> QtGui.QIcon:
    """The icon from its PNG renderings (packaging/make_icons.py --window): drawing the SVG
    itself loads Qt's SVG plugin, ~17 ms before the first page shows. The SVG is the fallback."""
    icon = QtGui.QIcon()
    for png in sorted(resource("icons", "window").glob("sipalg-wizard-*.png")):
        icon.addFile(str(png))
    return icon if not icon.isNull() else QtGui.QIcon(str(resource("icons", "sipalg-wizard.svg")))


def logo_pixmap(size: int = 56, margin: int = 10) -> QtGui.QPixmap:
    """The icon with some air around it: QWizard puts the logo flush against the header's edges."""
    ratio = QtGui.QGuiApplication.primaryScreen().devicePixelRatio() if \
        QtGui.QGuiApplication.primaryScreen() else 1.0
    full = size + 2 * margin
    pixmap = QtGui.QPixmap(round(full * ratio), round(full * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QtGui.QColor(0, 0, 0, 0))  # transparent
    painter = QtGui.QPainter(pixmap)
    app_icon().paint(painter, QtCore.QRect(margin, margin, size, size))
    painter.end()
    return pixmap


def create_application(argv: list[str] | None = None) -> QtWidgets.QApplication:
    """The QApplication (reused if one exists, as under pytest-qt) with name, icon, fonts, style."""
    app = QtWidgets.QApplication.instance()
    if app is None:
        # Qt 6 scales for high DPI by itself and passes fractional factors (125 %, 150 %) through
        # unrounded (its default rounding policy, PassThrough), so text stays crisp.
        app = QtWidgets.QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(app_icon())
    apply_look(app)
    return app


def apply_look(app: QtWidgets.QApplication) -> None:
    """Large text, and light or dark as the operating system says (now and when it changes)."""
    font = app.font()
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)
    _follow_color_scheme(app)
    if not getattr(app, "_sipalg_scheme_hooked", False):
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _follow_color_scheme(app))
        app._sipalg_scheme_hooked = True


def _follow_color_scheme(app: QtWidgets.QApplication) -> None:
    # Qt takes the palette from the OS. Only the classic Windows style cannot draw dark, so when
    # Windows is dark and that style is in use, switch to Fusion, which can. We never hard-code
    # colours elsewhere: every page uses palette roles, so both schemes look right.
    # Asked on Windows only: app.style() and colorScheme() each make PySide create dozens of
    # Python enums (~5 ms, see ui/qt.py) before the first page shows.
    if (sys.platform == "win32" and app.style().name().lower() == "windowsvista"
            and app.styleHints().colorScheme() == QtCore.Qt.ColorScheme.Dark):
        app.setStyle("Fusion")


def create_wizard(profile: Profile, reflector: str | None = None,
                  discover: Discover | None = None, core=None, settings=None) -> Wizard:
    wizard = Wizard(profile, reflector=reflector, discover=discover, core=core, settings=settings)
    wizard.setWindowIcon(app_icon())
    wizard.setPixmap(QtWidgets.QWizard.WizardPixmap.LogoPixmap, logo_pixmap())
    return wizard


def explain_bad_profile(exc: ProfileError) -> None:
    """A message box instead of a traceback: the customer or the ISP must see what to fix."""
    box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Critical,
                                QtCore.QCoreApplication.translate("App", "The settings file has a problem"),
                                QtCore.QCoreApplication.translate(
                                    "App", "The wizard cannot start because its settings file "
                                    "(profile) could not be used."))
    box.setInformativeText(str(exc))
    box.setAccessibleName(QtCore.QCoreApplication.translate("App", "Settings file problem"))
    box.exec()


def _open_log_file() -> None:
    if logs.log_file_open():
        return
    log_file = logs.open_log_file()
    log.info("%s %s starting; log file %s", APP_NAME, __version__, log_file)


def _report_first_paint() -> None:
    """``first-paint <peak RSS so far in kB>`` (0 where the OS does not say), then quit at once."""
    try:
        import resource as rusage

        rss = rusage.getrusage(rusage.RUSAGE_SELF).ru_maxrss
    except ImportError:  # Windows
        rss = 0
    print(f"first-paint {rss}", flush=True)
    QtWidgets.QApplication.exit(0)


def run_gui(reflector: str | None = None, profile_path: str | None = None,
            language: str | None = None) -> int:
    """Open the wizard and run until it closes; returns the process exit status."""
    app = create_application()
    logs.start_logging()  # the tail ("Copy details") from here on; the log file once shown
    settings = Settings.user()
    language = language or settings.language or None
    app._sipalg_translators = i18n.install_translators(app, language)  # keep them alive
    try:
        profile = load_profile(profile_path)
    except ProfileError as exc:
        _open_log_file()
        log.error("bad profile: %s", exc)
        explain_bad_profile(exc)
        return EXIT_BAD_PROFILE
    app.setApplicationDisplayName(profile.product_name)
    wizard = create_wizard(profile, reflector=reflector, settings=settings)
    if os.environ.get(STARTUP_PROBE_ENV):
        wizard.first_painted.connect(_report_first_paint)  # before the log file: not start-up
    wizard.first_painted.connect(_open_log_file)
    wizard.show()
    status = app.exec()
    _open_log_file()  # closed before its first paint: the log file still gets its lines
    workers.shutdown()
    return status
