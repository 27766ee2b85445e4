"""Run-time hook in place of PyInstaller's ``pyi_rth_pyside6`` (the spec swaps them).

PyInstaller's hook imports ``PySide6.QtCore`` at every start of the frozen program, before our
code runs: ~60 ms and ~25 MB for ``--version``, ``diagnose``, ``decode`` and the reflector (on
Linux the same executable), which never use Qt. It imports QtCore only to register an embedded
``qt.conf`` when the binding has none; PySide6's PyPI wheels, which the bundle is built from
(packaging/requirements.txt), register their own when QtCore is first imported. Everything else
it does is setting environment variables, and that is kept here, unchanged.
"""


def _pyi_rthook():
    import os
    import sys

    from _pyi_rth_utils import is_macos_app_bundle, prepend_path_to_environment_variable

    if sys.platform.startswith("win"):
        qt_path = os.path.join(sys._MEIPASS, "PySide6")
    else:
        qt_path = os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_path, "plugins")
    os.environ["QML2_IMPORT_PATH"] = os.path.join(qt_path, "qml")
    if sys.platform.startswith("win"):  # OpenSSL DLLs collected beside the program
        prepend_path_to_environment_variable(sys._MEIPASS, "PATH")
    if sys.platform == "darwin" and not is_macos_app_bundle:
        prepend_path_to_environment_variable(sys._MEIPASS, "DYLD_LIBRARY_PATH")


_pyi_rthook()
del _pyi_rthook
