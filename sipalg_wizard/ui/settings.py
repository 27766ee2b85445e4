"""The customer's or agent's own choices that outlive a run: test server, the phone provider's SIP
server, router maker, language.

Stored with QSettings (the platform's usual place: the registry on Windows, a plist on macOS, an
INI file under ~/.config on Linux). Tests pass an INI file of their own, or ``Settings.memory()``.
"""

from __future__ import annotations

from sipalg_wizard.ui.qt import QtCore

KEYS = ("reflector", "sip_server", "vendor_override", "language")
VERSION = 1


class Settings:
    def __init__(self, store: QtCore.QSettings | None = None) -> None:
        self._store = store
        self._memory: dict[str, str] = {}

    @classmethod
    def user(cls) -> Settings:
        return cls(QtCore.QSettings())

    @classmethod
    def ini(cls, path: str) -> Settings:
        return cls(QtCore.QSettings(path, QtCore.QSettings.Format.IniFormat))

    @classmethod
    def memory(cls) -> Settings:
        return cls(None)

    def get(self, key: str) -> str:
        if key not in KEYS:
            raise KeyError(key)
        if self._store is None:
            return self._memory.get(key, "")
        value = self._store.value(key, "")
        return str(value).strip() if value is not None else ""

    def set(self, key: str, value: str | None) -> None:
        if key not in KEYS:
            raise KeyError(key)
        value = (value or "").strip()
        if self._store is None:
            self._memory[key] = value
            return
        self._store.setValue("version", VERSION)
        if value:
            self._store.setValue(key, value)
        else:
            self._store.remove(key)
        self._store.sync()

    @property
    def reflector(self) -> str:
        return self.get("reflector")

    @property
    def sip_server(self) -> str:
        return self.get("sip_server")

    @property
    def vendor_override(self) -> str:
        return self.get("vendor_override")

    @property
    def language(self) -> str:
        return self.get("language")
