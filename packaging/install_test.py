"""Install what the release built, as a customer gets it, and smoke-test the INSTALLED program.

    python packaging/install_test.py windows dist/sipalg-wizard-VERSION-windows-setup.exe
    python packaging/install_test.py macos   dist/sipalg-wizard-VERSION-macos.dmg [--signed] [--notarised]
    python packaging/install_test.py linux   dist/sipalg-wizard-VERSION-linux.tar.xz
    python packaging/install_test.py portable dist/sipalg-wizard-VERSION-windows-portable.zip

- Windows: the per-user installer runs silently (``/VERYSILENT /CURRENTUSER``; the script says
  ``PrivilegesRequired=lowest``, so it never asks for administrator rights), and the install must
  land in the per-user places only: ``%LOCALAPPDATA%\\Programs\\<app>``, the user's Start menu,
  the uninstall entry under HKCU (none under HKLM or Program Files). Then the smoke test of the
  installed folder, then the uninstaller, silently, and nothing of the program may be left: no
  folder, no shortcut, no uninstall entry. (What the wizard saved for the user — reports, settings
  in ``%LOCALAPPDATA%\\sipalg-wizard`` — is the user's and stays, as with any program; it is listed.)
- macOS: the DMG is mounted read-only, must show the app and an Applications link; the app is
  copied out (into a folder whose name has spaces and non-ASCII letters, like a customer's home),
  its Info.plist checked and the smoke test run on the copy. ``codesign --verify --deep --strict``
  always (an ad-hoc signature must verify too); ``spctl --assess`` only when ``--notarised``
  (Gatekeeper rejects a signed but un-notarised app, by design), and a Developer ID authority
  when ``--signed``.
- Linux: the tarball is unpacked into such a folder elsewhere and smoke-tested there; the same
  for the Windows portable zip (``portable``).

The smoke test is ``smoke_test.py`` beside this file, the same one CI runs on the built bundle.
Names (app, executables, AppId) come from ``buildinfo.py``. Work files go to ``build/install-test/``.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import buildinfo  # noqa: E402

# A folder name like a customer's: spaces and letters outside ASCII (user names such as "José").
UNUSUAL_DIR = "Programme für José"


class Checks:
    def __init__(self) -> None:
        self.failed: list[str] = []

    def check(self, condition: bool, what: str, details: str = "") -> bool:
        print(f"{'PASS' if condition else 'FAIL'}  {what}", flush=True)
        if not condition:
            if details:
                print("      " + details.strip()[:3000], flush=True)
            self.failed.append(what)
        return condition

    def smoke(self, target: Path, work: Path) -> None:
        # Windows and macOS runners have a desktop session: the GUI opens natively there too.
        native = ["--native-gui"] if sys.platform in ("win32", "darwin") else []
        proc = subprocess.run([sys.executable, str(HERE / "smoke_test.py"), str(target),
                               "--work", str(work), *native], check=False)
        self.check(proc.returncode == 0, f"smoke test of the installed program in {target}")

    def done(self) -> int:
        print(f"install test: {len(self.failed)} failed" + (": " + "; ".join(self.failed)
                                                           if self.failed else ""), flush=True)
        return 1 if self.failed else 0


def one(pattern: str) -> Path:
    """The single file a glob names (the workflow passes dist/…-*-setup.exe)."""
    found = sorted(glob.glob(pattern))
    if len(found) != 1:
        raise SystemExit(f"install_test: want exactly one file for {pattern!r}, found {found}")
    return Path(found[0]).resolve()


# -- Windows --------------------------------------------------------------------------------------

def windows_places() -> dict[str, Path]:
    """Where a per-user Inno Setup install puts things ({autopf}, {autoprograms} in
    non-administrative mode)."""
    local = Path(os.environ["LOCALAPPDATA"])
    roaming = Path(os.environ["APPDATA"])
    return {
        "app": local / "Programs" / buildinfo.APP_NAME,
        "shortcut": roaming / "Microsoft" / "Windows" / "Start Menu" / "Programs"
        / f"{buildinfo.APP_NAME}.lnk",
        "machine_app": Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / buildinfo.APP_NAME,
        "user_data": local / "sipalg-wizard",
    }


UNINSTALL_KEY = (r"Software\Microsoft\Windows\CurrentVersion\Uninstall"
                 "\\{" + buildinfo.WINDOWS_APP_GUID + "}_is1")


def _registry_has(root_name: str) -> bool:
    import winreg  # Windows only

    root = getattr(winreg, root_name)
    for view in (winreg.KEY_WOW64_64KEY, winreg.KEY_WOW64_32KEY):
        try:
            winreg.CloseKey(winreg.OpenKey(root, UNINSTALL_KEY, 0, winreg.KEY_READ | view))
            return True
        except OSError:
            continue
    return False


def windows(setup: Path, work: Path) -> int:
    c = Checks()
    places = windows_places()
    if places["app"].exists() or _registry_has("HKEY_CURRENT_USER"):
        raise SystemExit(f"install_test: {buildinfo.APP_NAME} is already installed here")
    proc = subprocess.run([str(setup), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
                           "/CURRENTUSER", f"/LOG={work / 'setup.log'}"], timeout=600)
    c.check(proc.returncode == 0, f"silent per-user install ({setup.name}) exit 0",
            f"exit {proc.returncode}; see {work / 'setup.log'}")
    exe = places["app"] / f"{buildinfo.GUI_EXE}.exe"
    c.check(exe.is_file(), f"installed into {places['app']}")
    c.check(places["shortcut"].is_file(), f"Start-menu shortcut {places['shortcut'].name}")
    c.check(_registry_has("HKEY_CURRENT_USER"), "uninstall entry under HKEY_CURRENT_USER")
    c.check(not _registry_has("HKEY_LOCAL_MACHINE") and not places["machine_app"].exists(),
            "nothing machine-wide (no HKLM entry, nothing in Program Files)")
    c.smoke(places["app"], work / "smoke")

    uninstaller = sorted(places["app"].glob("unins*.exe"))
    if c.check(bool(uninstaller), "an uninstaller beside the program"):
        subprocess.run([str(uninstaller[-1]), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
                        f"/LOG={work / 'uninstall.log'}"], timeout=600)
        # The uninstaller hands over to a copy of itself in %TEMP% and exits (it must, to be
        # deleted): wait for its work to be done rather than for the first process.
        end = time.monotonic() + 180
        while time.monotonic() < end and (places["app"].exists() or _registry_has("HKEY_CURRENT_USER")):
            time.sleep(1)
    left = sorted(str(p) for p in places["app"].rglob("*")) if places["app"].exists() else []
    c.check(not places["app"].exists(), "uninstall removed the program folder", "\n".join(left[:50]))
    c.check(not places["shortcut"].exists(), "uninstall removed the Start-menu shortcut")
    c.check(not _registry_has("HKEY_CURRENT_USER"), "uninstall removed its uninstall entry")
    if places["user_data"].exists():
        kept = sorted(str(p.relative_to(places["user_data"])) for p in places["user_data"].rglob("*"))
        print(f"INFO  the user's own data stays in {places['user_data']}: {kept[:20]}")
    return c.done()


# -- macOS ----------------------------------------------------------------------------------------

def macos(dmg: Path, work: Path, signed: bool, notarised: bool) -> int:
    c = Checks()
    mount = work / "mnt"
    mount.mkdir(parents=True, exist_ok=True)
    subprocess.run(["hdiutil", "attach", "-nobrowse", "-readonly", "-noautoopen",
                    "-mountpoint", str(mount), str(dmg)], check=True, timeout=300)
    apps = work / UNUSUAL_DIR / "Applications"
    app_name = f"{buildinfo.APP_NAME}.app"
    try:
        c.check((mount / app_name).is_dir(), f"the DMG holds {app_name}")
        c.check((mount / "Applications").is_symlink()
                and os.readlink(mount / "Applications") == "/Applications",
                "the DMG holds a link to /Applications")
        apps.mkdir(parents=True, exist_ok=True)
        # ditto keeps what a Finder copy keeps: symbolic links, extended attributes, signatures.
        subprocess.run(["ditto", str(mount / app_name), str(apps / app_name)], check=True, timeout=600)
    finally:
        subprocess.run(["hdiutil", "detach", str(mount)], timeout=120, check=False)
    app = apps / app_name
    if not c.check(app.is_dir(), f"app copied out to {apps}"):
        return c.done()
    proc = subprocess.run(["codesign", "--verify", "--deep", "--strict", "--verbose=2", str(app)],
                          capture_output=True, text=True)
    c.check(proc.returncode == 0, "codesign --verify --deep --strict", proc.stderr)
    if signed:
        proc = subprocess.run(["codesign", "-dvv", str(app)], capture_output=True, text=True)
        c.check("Authority=Developer ID Application" in proc.stderr,
                "signed with a Developer ID Application certificate", proc.stderr)
    if notarised:
        proc = subprocess.run(["spctl", "--assess", "--type", "execute", "-vv", str(app)],
                              capture_output=True, text=True)
        c.check(proc.returncode == 0, "Gatekeeper (spctl --assess) accepts the app", proc.stderr)
    c.smoke(app, work / "smoke")  # Info.plist keys are part of the smoke test for an .app
    return c.done()


# -- Linux ----------------------------------------------------------------------------------------

def unpacked(archive: Path, work: Path) -> int:
    """The Linux tarball or the Windows portable zip: unpacked elsewhere, then smoke-tested."""
    c = Checks()
    dest = work / UNUSUAL_DIR
    dest.mkdir(parents=True, exist_ok=True)
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(dest)
    else:
        with tarfile.open(archive) as tar:
            tar.extractall(dest, filter="tar")  # keeps the executable bits and the reflector's link
    target = dest / buildinfo.DIST_NAME
    exe = buildinfo.GUI_EXE + (".exe" if archive.suffix == ".zip" else "")
    c.check((target / exe).is_file(), f"unpacked into {dest}")
    c.smoke(target, work / "smoke")
    return c.done()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("system", choices=("windows", "macos", "linux", "portable"),
                        help="portable: the Windows portable zip, unpacked and smoke-tested")
    parser.add_argument("artifact", help="the installer, DMG or tarball (a glob is fine)")
    parser.add_argument("--work", default=str(buildinfo.ROOT / "build" / "install-test"))
    parser.add_argument("--signed", action="store_true", help="macOS: expect a Developer ID signature")
    parser.add_argument("--notarised", action="store_true", help="macOS: expect Gatekeeper to accept it")
    args = parser.parse_args(argv)
    artifact = one(args.artifact)
    work = Path(args.work).absolute()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if args.system == "windows":
        return windows(artifact, work)
    if args.system == "macos":
        return macos(artifact, work, args.signed, args.notarised)
    return unpacked(artifact, work)


if __name__ == "__main__":
    sys.exit(main())
