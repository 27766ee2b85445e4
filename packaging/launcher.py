"""The frozen program's entry point: one bundle, several executables, chosen by file name.

``sipalg-reflector`` runs the reflector server; every other name (``sipalg-wizard``,
``sipalg-wizard-cli``, the macOS app) runs the wizard's command line, which opens the GUI when no
command is given. Two smoke-test switches (environment variables, see ``sipalg_wizard.smoke``):
``SIPALG_WIZARD_SELFCHECK=1`` checks the bundled data instead of running the program, and
``SIPALG_WIZARD_SMOKE_SCREENSHOT=PATH`` makes the GUI save a screenshot and quit.
"""

import os
import sys


def _screenshot_fallback() -> None:
    """Arm the screenshot hook when the event loop starts, if the UI has not armed it itself.

    The UI can call ``sipalg_wizard.smoke.arm(window, app, QTimer.singleShot)`` after showing its
    window; this wrapper does the same for a UI that does not, so the smoke test never depends on
    it. Only active when the smoke variable is set: the shipped program is untouched otherwise.
    """
    from PySide6 import QtCore, QtWidgets

    from sipalg_wizard import smoke

    original_exec = QtWidgets.QApplication.exec

    def exec_with_smoke(*args):
        app = QtWidgets.QApplication.instance()
        if app is not None and not smoke.is_armed():
            shown = [w for w in app.topLevelWidgets() if w.isVisible()]
            window = app.activeWindow() or (shown[0] if shown else None)
            if window is not None:
                smoke.arm(window, app, QtCore.QTimer.singleShot)
        return original_exec(*args[1:]) if args and args[0] is app else original_exec(*args)

    QtWidgets.QApplication.exec = exec_with_smoke


def _main() -> int:
    # Finder on older macOS passes a process serial number that argparse would reject.
    sys.argv[1:] = [arg for arg in sys.argv[1:] if not arg.startswith("-psn_")]
    if os.environ.get("SIPALG_WIZARD_SELFCHECK") == "1":
        from sipalg_wizard.smoke import selfcheck

        return selfcheck()
    # sys.executable has symbolic links resolved; argv[0] is the name the program was started by
    # (on Linux sipalg-reflector is a link to sipalg-wizard, see the spec).
    names = {os.path.splitext(os.path.basename(path))[0].lower() for path in (sys.executable, sys.argv[0])}
    if any("reflector" in name for name in names):
        from sipalg_wizard.reflector.cli import main
    else:
        if os.environ.get("SIPALG_WIZARD_SMOKE_SCREENSHOT") and len(sys.argv) == 1:
            _screenshot_fallback()
        from sipalg_wizard.cli import main
    return main()


if __name__ == "__main__":
    sys.exit(_main())
