"""Smoke-test hooks for the frozen bundle: prove the packaged program finds its code and data.

Two hooks, both switched on by environment variables so the command line stays as documented:

- ``SIPALG_WIZARD_SELFCHECK=1``: the frozen launcher (``packaging/launcher.py``) runs
  :func:`selfcheck` instead of the program. It loads the bundled profile, looks up a MAC vendor
  through netaddr's OUI registry, finds the licence texts and imports scapy, then prints one JSON
  document and exits non-zero if anything is missing.
- ``SIPALG_WIZARD_SMOKE_SCREENSHOT=/path/shot.png``: :func:`arm` is called once the window is
  shown (by the UI, or else by the frozen launcher when the event loop starts); after a short
  delay the window is grabbed into that PNG, facts about the bundle go beside it as
  ``shot.png.json``, and the application quits. Nothing happens when the variable is unset.

This module does not import Qt (the core rule): :func:`arm` receives the window, the application
and ``QTimer.singleShot`` from the caller and only calls ``grab().save()``, ``windowTitle()`` and
``exit()`` on them.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

SCREENSHOT_ENV = "SIPALG_WIZARD_SMOKE_SCREENSHOT"
DELAY_ENV = "SIPALG_WIZARD_SMOKE_DELAY_MS"
SELFCHECK_ENV = "SIPALG_WIZARD_SELFCHECK"

# A NETGEAR OUI (the lab router's LAN MAC vendor): present in every netaddr registry release.
_KNOWN_OUI = ("00:09:5b:00:00:01", "netgear")


_armed = False


def is_armed() -> bool:
    """Whether :func:`arm` has scheduled a screenshot in this process."""
    return _armed


def screenshot_path() -> Path | None:
    value = os.environ.get(SCREENSHOT_ENV, "").strip()
    return Path(value) if value else None


def arm(window: Any, app: Any, single_shot: Callable[[int, Callable[[], None]], Any]) -> bool:
    """If a smoke screenshot is requested, save one of ``window`` soon and quit ``app``.

    Returns whether the hook was armed. The UI calls it right after ``window.show()``:
    ``smoke.arm(window, app, QTimer.singleShot)``.
    """
    global _armed
    path = screenshot_path()
    if path is None or _armed:
        return False
    _armed = True
    try:
        delay = int(os.environ.get(DELAY_ENV, "1500"))
    except ValueError:
        delay = 1500
    # Qt's messages go into Python logging (ui/logs.py), i.e. the log file, not stderr: keep the
    # warnings logged while the window paints (a missing font, an image format without its
    # plugin) for the smoke test to read beside the screenshot.
    warnings = _WarningCollector()
    logging.getLogger().addHandler(warnings)

    def shoot() -> None:
        saved = False
        try:
            saved = bool(window.grab().save(str(path)))
            _write_json(path.with_suffix(path.suffix + ".json"), {
                "saved": saved,
                "window_title": str(window.windowTitle()),
                "log_warnings": list(warnings.messages),
                **_bundle_facts(),
            })
        finally:
            logging.getLogger().removeHandler(warnings)
            app.exit(0 if saved else 1)

    single_shot(delay, shoot)
    return True


class _WarningCollector(logging.Handler):
    """Warnings and errors logged after the window showed (at most 200), as "logger: message"."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.messages) < 200:
            self.messages.append(f"{record.name}: {record.getMessage()}")


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _bundle_facts() -> dict:
    from sipalg_wizard.paths import resources_dir

    return {
        "frozen": bool(getattr(sys, "frozen", False)),
        "bundle_dir": getattr(sys, "_MEIPASS", None),
        "resources_dir": str(resources_dir()),
    }


def _check(name: str, results: dict, func: Callable[[], Any]) -> None:
    try:
        results[name] = {"ok": True, "value": func()}
    except Exception as exc:  # a self-check reports every failure, it never stops at the first
        results[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}


def _starts_without_qt() -> str:
    """The frozen command line and reflector (on Linux the same executable) start without Qt:
    PyInstaller's own PySide6 run-time hook imported QtCore at every start (~60 ms, ~25 MB); the
    spec swaps it for packaging/rthooks/pyi_rth_qt_paths.py. Outside a bundle there is nothing to
    check (the interpreter running this may have loaded Qt for its own reasons)."""
    if getattr(sys, "frozen", False) and "PySide6" in sys.modules:
        raise RuntimeError("Qt was loaded before the program ran (a run-time hook imports it)")
    return "Qt not loaded" if getattr(sys, "frozen", False) else "not frozen"


def _profile() -> str:
    from sipalg_wizard.profile import load_profile

    return load_profile().product_name


def _oui() -> str:
    from sipalg_wizard.net import oui

    mac, expected = _KNOWN_OUI
    prefix = int(oui.normalise_mac(mac).replace(":", "")[:6], 16)
    organisation = oui._org_from_index(prefix)  # the fast path, not netaddr's fallback
    if not organisation or expected not in organisation.lower():
        raise LookupError(f"OUI {mac} resolved to {organisation!r} through netaddr's index file")
    return organisation


def _licences() -> list[str]:
    base = Path(getattr(sys, "_MEIPASS", "")) / "licenses"
    if not getattr(sys, "frozen", False):
        base = Path(__file__).resolve().parent.parent / "packaging" / "licenses"
    names = sorted(p.name for p in base.iterdir()) if base.is_dir() else []
    if not names:
        raise FileNotFoundError(f"no licence texts in {base}")
    return names


def _scapy() -> str:
    """scapy is imported lazily by the code that needs it; if the bundle has it, it must work."""
    import importlib
    import importlib.util

    if importlib.util.find_spec("scapy") is None:
        return "not bundled"
    inet = importlib.import_module("scapy.layers.inet")  # dynamic: no import of our own pulls it in
    bytes(inet.IP(dst="127.0.0.1", ttl=1) / inet.UDP(dport=5060))  # built only; nothing is sent
    return importlib.import_module("scapy").VERSION


def _privileges() -> dict:
    from sipalg_wizard.privileges import raw_packets

    access = raw_packets()
    return {"raw_packets": access.available, "reason": access.reason}


def selfcheck() -> int:
    """Print what the bundle contains as one JSON document; exit status 1 if anything is missing."""
    results: dict[str, Any] = {}
    _check("starts_without_qt", results, _starts_without_qt)  # first: before any check imports
    _check("bundle", results, _bundle_facts)
    _check("profile", results, _profile)
    _check("oui", results, _oui)
    _check("licences", results, _licences)
    _check("scapy", results, _scapy)
    _check("privileges", results, _privileges)
    ok = all(entry["ok"] for entry in results.values())
    if ok and getattr(sys, "frozen", False):
        bundle = results["bundle"]["value"]
        inside = Path(bundle["resources_dir"]).is_relative_to(Path(bundle["bundle_dir"]))
        results["resources_inside_bundle"] = {"ok": inside}
        ok = inside
    print(json.dumps({"ok": ok, "checks": results}, indent=2, sort_keys=True))
    return 0 if ok else 1
