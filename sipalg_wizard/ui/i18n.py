"""Loading translations: ours (``resources/translations/sipalg_wizard_<lang>.qm``) and Qt's own.

The language is, in order: an explicit choice, the ``SIPALG_WIZARD_LANG`` environment variable,
the operating system's UI languages. English needs no file. Build the ``.qm`` files with
``scripts/update_translations.sh`` (pyside6-lupdate, then pyside6-lrelease).
"""

from __future__ import annotations

import os

from sipalg_wizard.paths import resource
from sipalg_wizard.ui.qt import QtCore

ENV_VAR = "SIPALG_WIZARD_LANG"
CATALOGUE = "sipalg_wizard"
_chosen: list[str | None] = [None]  # the language asked of install_translators (None: automatic)
_loaded: list[str] = ["en"]  # the language of the catalogue actually installed ("en": none)


def requested_locale(language: str | None = None) -> QtCore.QLocale:
    choice = language or os.environ.get(ENV_VAR)
    return QtCore.QLocale(choice) if choice else QtCore.QLocale.system()


def install_translators(app: QtCore.QCoreApplication,
                        language: str | None = None) -> list[QtCore.QTranslator]:
    """Install the translators for the chosen language; returns them (keep them alive).

    Returns an empty list when the language is English or has no translation of ours.
    """
    _chosen[0] = language
    locale = requested_locale(language)
    ours = QtCore.QTranslator(app)
    if not ours.load(locale, CATALOGUE, "_", str(resource("translations"))):
        ours.deleteLater()
        _loaded[0] = "en"
        return []
    _loaded[0] = ours.language().replace("_", "-") or "en"
    installed = [ours]
    app.installTranslator(ours)
    qt_dir = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QtCore.QTranslator(app)
    if qtbase.load(locale, "qtbase", "_", qt_dir):  # Qt's own dialogs and context menus
        app.installTranslator(qtbase)
        installed.append(qtbase)
    else:
        qtbase.deleteLater()
    return installed


def ui_language() -> str:
    """The language the UI is shown in: that of our installed catalogue, "en" without one."""
    return _loaded[0]


def content_languages() -> list[str]:
    """The customer's languages, most preferred first, for content that is not in ``.qm`` files
    (the fix guides' ``guide.<lang>.toml``): the same choice as the UI's, English as the end.

    A guide in the customer's language is shown even when the UI has no translation for it yet;
    the guide itself falls back to English text by text.
    """
    languages = [code.replace("_", "-") for code in requested_locale(_chosen[0]).uiLanguages()]
    return [*languages, "en"]


def remove_translators(app: QtCore.QCoreApplication, translators: list[QtCore.QTranslator]) -> None:
    _chosen[0] = None
    _loaded[0] = "en"
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()
