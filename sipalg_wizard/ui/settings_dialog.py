"""The Settings dialog: test server, the phone provider's SIP server, the router's maker (when
identification gets it wrong every time), and the language (takes effect at the next start)."""

from __future__ import annotations

from sipalg_wizard.ui.qt import QtWidgets
from sipalg_wizard.ui.settings import Settings

LANGUAGES = (("", "Automatic"), ("en", "English"), ("es", "Espa\u00f1ol"))


class SettingsDialog(QtWidgets.QDialog):
    def __init__(self, settings: Settings, vendors: list[tuple[str, str]],
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self._settings = settings
        form = QtWidgets.QFormLayout()
        self.reflector = QtWidgets.QLineEdit(settings.reflector)
        self.reflector.setObjectName("settings_reflector")
        self.reflector.setAccessibleName(self.tr("Test server address"))
        self.reflector.setPlaceholderText(self.tr("host or host:port"))
        self.sip_server = QtWidgets.QLineEdit(settings.sip_server)
        self.sip_server.setObjectName("settings_sip_server")
        self.sip_server.setAccessibleName(self.tr("Your phone provider's SIP server"))
        self.sip_server.setPlaceholderText(self.tr("host or host:port (optional)"))
        self.sip_server.setToolTip(self.tr("Asked what it received from your router; also used "
                                           "when no test server is set."))
        self.vendor = QtWidgets.QComboBox()
        self.vendor.setObjectName("settings_vendor")
        self.vendor.setAccessibleName(self.tr("Router maker"))
        self.vendor.addItem(self.tr("Detect automatically"), "")
        for key, name in vendors:
            self.vendor.addItem(name, key)
        if settings.vendor_override and self.vendor.findData(settings.vendor_override) < 0:
            self.vendor.addItem(settings.vendor_override, settings.vendor_override)
        self.vendor.setCurrentIndex(max(0, self.vendor.findData(settings.vendor_override)))
        self.language = QtWidgets.QComboBox()
        self.language.setObjectName("settings_language")
        self.language.setAccessibleName(self.tr("Language"))
        for code, name in LANGUAGES:
            self.language.addItem(self.tr("Automatic") if not code else name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        form.addRow(self.tr("&Test server:"), self.reflector)
        form.addRow(self.tr("&Phone provider's server:"), self.sip_server)
        form.addRow(self.tr("Router &maker:"), self.vendor)
        form.addRow(self.tr("&Language:"), self.language)
        note = QtWidgets.QLabel(self.tr("A new language is used the next time the program starts."))
        note.setWordWrap(True)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok
                                             | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {"reflector": self.reflector.text().strip(),
                "sip_server": self.sip_server.text().strip(),
                "vendor_override": self.vendor.currentData() or "",
                "language": self.language.currentData() or ""}

    def accept(self) -> None:
        for key, value in self.values().items():
            self._settings.set(key, value)
        super().accept()
