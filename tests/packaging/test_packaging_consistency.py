"""The spec, the Windows installer script, the macOS Info.plist and DMG settings, and the release
workflow must agree on the version, the names and the bundled resources. They can only be built on
Windows and macOS, so these text-level checks are what keeps them honest here."""

from __future__ import annotations

import importlib.util
import plistlib
import re
import sys
import tomllib
from pathlib import Path

import pytest

import sipalg_wizard
from sipalg_wizard import paths

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


buildinfo = _load("sipalg_buildinfo", PACKAGING / "buildinfo.py")
SPEC = (PACKAGING / "sipalg-wizard.spec").read_text()
ISS = (PACKAGING / "windows" / "sipalg-wizard.iss").read_text()
WORKFLOW = (ROOT / ".github" / "workflows" / "release.yml").read_text()
BUILD_MACOS = (PACKAGING / "macos" / "build_macos.sh").read_text()
BUILD_WINDOWS = (PACKAGING / "windows" / "build_windows.ps1").read_text()
VERSION = sipalg_wizard.__version__


def _iss_define(name: str) -> str:
    match = re.search(rf'#define {name} "([^"]*)"', ISS)
    assert match, f"{name} is not defined in the .iss"
    return match.group(1)


def _iss_setup(key: str) -> str:
    match = re.search(rf"^{key}=(.*)$", ISS, re.MULTILINE)
    assert match, f"[Setup] has no {key}"
    return match.group(1).strip()


def test_buildinfo_reads_the_package_version():
    assert buildinfo.version() == VERSION
    assert buildinfo.version_tuple()[:3] == tuple(int(n) for n in VERSION.split(".")[:3])


def test_spec_takes_version_and_names_from_buildinfo():
    assert "VERSION = buildinfo.version()" in SPEC
    for name in ("GUI_EXE", "REFLECTOR_EXE", "CLI_EXE", "DIST_NAME", "APP_NAME", "BUNDLE_ID"):
        assert f"buildinfo.{name}" in SPEC, name


def test_spec_bundles_resources_where_the_frozen_app_looks():
    # paths.resources_dir() looks in sys._MEIPASS/resources; the spec must put them exactly there.
    assert '(str(buildinfo.RESOURCES), "resources")' in SPEC
    assert paths.resources_dir() == buildinfo.RESOURCES
    assert 'collect_data_files("netaddr"' in SPEC and "eui/*.txt" in SPEC and "eui/*.idx" in SPEC
    assert '(str(buildinfo.LICENSES), "licenses")' in SPEC


def test_info_plist_agrees():
    with (PACKAGING / "macos" / "Info.plist").open("rb") as f:
        plist = plistlib.load(f)
    assert plist["CFBundleShortVersionString"] == VERSION
    assert plist["CFBundleVersion"] == VERSION
    assert plist["CFBundleIdentifier"] == buildinfo.BUNDLE_ID
    assert plist["CFBundleName"] == buildinfo.APP_NAME
    assert len(plist["NSLocalNetworkUsageDescription"]) > 40  # macOS 15+ prompt text


def test_inno_setup_script_agrees():
    assert _iss_define("AppVersion") == VERSION
    assert _iss_define("AppName") == buildinfo.APP_NAME
    assert _iss_define("AppExeName") == buildinfo.GUI_EXE + ".exe"
    assert _iss_define("DistDir") == r"..\..\dist" + "\\" + buildinfo.DIST_NAME
    assert _iss_setup("AppId") == "{{" + buildinfo.WINDOWS_APP_GUID + "}"
    assert _iss_setup("PrivilegesRequired") == "lowest"  # per-user, no administrator rights
    assert _iss_setup("DefaultDirName").startswith("{autopf}")
    assert _iss_setup("OutputBaseFilename") == "sipalg-wizard-{#AppVersion}-windows-setup"
    # the whole onedir folder (resources, licences, Qt) goes in, recursively
    assert re.search(r'Source: "\{#DistDir\}\\\*";.*recursesubdirs', ISS)
    assert "{autoprograms}" in ISS  # Start-menu entry


def test_dmg_settings_agree():
    settings = {"defines": {}}
    code = (PACKAGING / "macos" / "dmgbuild_settings.py").read_text()
    exec(compile(code, str(PACKAGING / "macos" / "dmgbuild_settings.py"), "exec"), settings)
    assert settings["volume_name"] == f"{buildinfo.APP_NAME} {VERSION}"
    assert settings["files"] == [str(ROOT / "dist" / f"{buildinfo.APP_NAME}.app")]
    assert settings["symlinks"] == {"Applications": "/Applications"}


def test_workflow_builds_with_the_same_scripts_and_keeps_the_artifacts():
    for script in ("packaging/windows/build_windows.ps1", "packaging/macos/build_macos.sh",
                   "packaging/build_linux.sh", "packaging/smoke_test.py"):
        assert script in WORKFLOW, script
        assert (ROOT / script).is_file(), script
    # artifact patterns match what the scripts produce
    assert "dist/sipalg-wizard-*-windows-setup.exe" in WORKFLOW
    assert "dist/sipalg-wizard-*-windows-portable.zip" in WORKFLOW
    assert "dist/sipalg-wizard-*-macos.dmg" in WORKFLOW
    assert 'DMG="dist/sipalg-wizard-$VERSION-macos.dmg"' in BUILD_MACOS
    assert '"dist\\sipalg-wizard-$version-windows-portable.zip"' in BUILD_WINDOWS
    assert "/DAppVersion=$version" in BUILD_WINDOWS
    assert "upload-artifact" in WORKFLOW
    # the version is never written into the workflow: it comes from the package
    assert VERSION not in WORKFLOW


def test_every_runtime_dependency_has_its_licence_text():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    shipped = {p.name.lower() for p in buildinfo.LICENSES.iterdir()}
    for requirement in project["dependencies"]:
        name = re.split(r"[<>=!~; \[]", requirement)[0].lower()
        stem = {"pyside6-essentials": "pyside6-qt"}.get(name, name)
        assert any(f.startswith(stem) for f in shipped), f"no licence text for {name}"
    assert project["license"] == "GPL-2.0-or-later"
    licence = (ROOT / "LICENSE").read_text()
    assert "GNU GENERAL PUBLIC LICENSE" in licence and "Version 2, June 1991" in licence
    assert len(licence) > 15000  # the full text, not a notice


@pytest.mark.parametrize("name", ["build_linux.sh", "ci_bundle.sh",
                                  "macos/build_macos.sh"])
@pytest.mark.skipif(sys.platform == "win32", reason="shell scripts are for Linux and macOS; on a "
                    "Windows runner 'bash' may be WSL's, without a distribution")
def test_shell_scripts_parse(name: str):
    import subprocess

    subprocess.run(["bash", "-n", str(PACKAGING / name)], check=True, timeout=30)


def test_scapy_is_imported_only_where_the_spec_expects_it():
    """The spec leaves scapy out of the Linux and macOS bundles because only the Windows ICMP
    sniffer uses it. A new scapy import elsewhere must revisit SCAPY_PLATFORMS in the spec."""
    allowed = {"probe/ttl.py", "smoke.py"}  # smoke.py imports it dynamically, only if bundled
    importers = set()
    for path in (ROOT / "sipalg_wizard").rglob("*.py"):
        if re.search(r"^\s*(from scapy[\s.]|import scapy)", path.read_text(), re.MULTILINE):
            importers.add(path.relative_to(ROOT / "sipalg_wizard").as_posix())
    assert importers <= allowed, f"scapy imported from {importers - allowed}: see SCAPY_PLATFORMS"
    assert 'SCAPY_PLATFORMS = {"win32"}' in SPEC


def test_icon_is_rendered_from_the_svg(tmp_path: Path):
    """Windows/macOS need a bitmap icon; the spec renders the project's SVG when there is none.
    In a subprocess: a QGuiApplication here would break the widget tests that come later."""
    import subprocess
    import sys

    svgs = sorted((ROOT / "resources" / "icons").glob("*.svg"))
    if not svgs:
        pytest.skip("no SVG app icon yet")
    result = subprocess.run([sys.executable, str(PACKAGING / "make_icons.py"), str(svgs[0]),
                             str(tmp_path)], capture_output=True, text=True, timeout=120, check=True)
    png = Path(result.stdout.strip())
    assert png.parent == tmp_path
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    assert "make_icons.py" in SPEC


def test_bundled_images_need_only_the_png_svg_and_ico_readers():
    """The spec drops Qt's JPEG and GIF image plugins: every image in resources/ must be one that
    the kept plugins (built-in PNG, qsvg, qico) read, or it would not show in the frozen app."""
    images = {p.suffix.lower() for p in (ROOT / "resources").rglob("*")
              if p.suffix.lower() in {".png", ".svg", ".ico", ".jpg", ".jpeg", ".gif", ".bmp",
                                       ".webp", ".tif", ".tiff", ".tga", ".icns"}}
    assert images <= {".png", ".svg", ".ico", ".icns"}, f"add the reader for {images} back in the spec"
    assert '"*/plugins/imageformats/*qjpeg*"' in SPEC


def test_linux_host_libraries_keep_what_desktops_lack():
    """Libraries the Linux bundle takes from the host are the desktop's own; the xcb extension
    libraries (libxcb-cursor: Qt's most common start-up error), ICU, OpenSSL stay bundled."""
    block = SPEC.split("LINUX_HOST_LIBS = [", 1)[1].split("]", 1)[0]
    for kept in ("libxcb-cursor", "libxkbcommon", "libicu", "libssl", "libcrypto", "libpython", "libffi"):
        assert kept not in block, kept
    for host in ("libX11.so.6", "libfontconfig.so.1", "libglib-2.0.so.0", "libdbus-1.so.3"):
        assert f'"{host}"' in block, host
