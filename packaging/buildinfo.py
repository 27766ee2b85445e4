"""Names and the version every packaging file must agree on.

The PyInstaller spec, the DMG settings, the release workflow and the tests read them from here, so
the Windows installer, the macOS bundle and the Linux folder cannot drift apart. The version itself
lives in one place only: ``sipalg_wizard.__version__`` (read as text, without importing the package,
so this works before the dependencies are installed).

    python packaging/buildinfo.py version      -> 0.1.0
    python packaging/buildinfo.py dist-name    -> sipalg-wizard
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

APP_NAME = "SIP ALG Wizard"  # Start-menu entry, macOS .app name, DMG volume name
BUNDLE_ID = "org.sipalgwizard.wizard"  # macOS CFBundleIdentifier
PUBLISHER = "SIP ALG Wizard developers"
DIST_NAME = "sipalg-wizard"  # the onedir folder: dist/sipalg-wizard/
GUI_EXE = "sipalg-wizard"  # the wizard (windowed on Windows/macOS) and, elsewhere, the CLI
CLI_EXE = "sipalg-wizard-cli"  # Windows only: a console twin, so `diagnose --json` can print
REFLECTOR_EXE = "sipalg-reflector"  # the reflector server (console)
# Inno Setup AppId (a GUID): fixed forever, so a new version upgrades the old one in place.
WINDOWS_APP_GUID = "6F1C2B7E-5A0D-4C39-9E57-3B8A4D2F61C4"
RESOURCES = ROOT / "resources"
LICENSES = ROOT / "packaging" / "licenses"


def version() -> str:
    text = (ROOT / "sipalg_wizard" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if not match:
        raise RuntimeError("sipalg_wizard/__init__.py has no __version__")
    return match.group(1)


def version_tuple() -> tuple[int, int, int, int]:
    """Four numbers for the Windows version resource (pre-release suffixes dropped)."""
    numbers = [int(n) for n in re.findall(r"\d+", version().split("+")[0])[:4]]
    return tuple([*numbers, 0, 0, 0, 0][:4])  # type: ignore[return-value]


def main(argv: list[str]) -> int:
    values = {"version": version(), "dist-name": DIST_NAME, "app-name": APP_NAME,
              "bundle-id": BUNDLE_ID}
    if len(argv) != 1 or argv[0] not in values:
        print(f"usage: buildinfo.py {{{'|'.join(values)}}}", file=sys.stderr)
        return 2
    print(values[argv[0]])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
