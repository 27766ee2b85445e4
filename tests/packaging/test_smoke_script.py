"""packaging/smoke_test.py's own logic, here where no Windows executable or hosted runner exists:
the PE reader that tells a windowed .exe from a console one, and what counts as a good loopback
diagnosis. (The script itself runs on the Linux bundle in .ci/run and on all three OSes in CI.)"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
import smoke_test


def _pe(tmp_path: Path, subsystem: int, magic: int = 0x20B) -> Path:
    """A minimal PE header as the linker writes it: MZ, e_lfanew, PE\\0\\0, COFF, optional header."""
    data = bytearray(512)
    data[:2] = b"MZ"
    struct.pack_into("<I", data, 0x3C, 0x80)
    data[0x80:0x84] = b"PE\0\0"
    struct.pack_into("<H", data, 0x80 + 24, magic)
    struct.pack_into("<H", data, 0x80 + 24 + 68, subsystem)
    path = tmp_path / f"prog{subsystem}.exe"
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("subsystem", [smoke_test.PE_GUI, smoke_test.PE_CONSOLE])
@pytest.mark.parametrize("magic", [0x10B, 0x20B])  # PE32 and PE32+ (64-bit)
def test_pe_subsystem(tmp_path, subsystem, magic):
    assert smoke_test.pe_subsystem(_pe(tmp_path, subsystem, magic)) == subsystem


def test_pe_subsystem_of_non_pe_files(tmp_path):
    elf = tmp_path / "elf"
    elf.write_bytes(b"\x7fELF" + bytes(200))
    assert smoke_test.pe_subsystem(elf) is None
    assert smoke_test.pe_subsystem(tmp_path / "missing.exe") is None
    broken = bytearray(_pe(tmp_path, 2).read_bytes())
    broken[0x80:0x84] = b"NE\0\0"
    (tmp_path / "ne.exe").write_bytes(bytes(broken))
    assert smoke_test.pe_subsystem(tmp_path / "ne.exe") is None


def _doc(verdict="no_alg_detected", findings=(), outcomes=None):
    outcomes = outcomes or {"udp": "ok", "tcp": "ok", "tls": "ok"}
    return {"schema": smoke_test.SCHEMA, "verdict": verdict, "support_code": "A000-0000-000M",
            "findings": [{"code": c} for c in findings],
            "probe": {"tests": [{"transport": t, "outcome": o} for t, o in outcomes.items()]}}


def test_a_clean_loopback_diagnosis_passes():
    assert smoke_test.diagnosis_problems(_doc(), 0) == []


def test_every_transport_must_answer():
    problems = smoke_test.diagnosis_problems(_doc(outcomes={"udp": "ok", "tcp": "timeout"}), 0)
    assert any("no tls probe" in p for p in problems)
    assert any(p.startswith("tcp:") for p in problems)


def test_no_gateway_is_allowed_only_inside_the_namespace():
    doc = _doc(verdict="inconclusive", findings=["no_gateway"])
    assert smoke_test.diagnosis_problems(doc, 4, no_gateway_ok=True) == []
    assert smoke_test.diagnosis_problems(doc, 4, no_gateway_ok=False)
    rewritten = _doc(verdict="alg_detected", findings=["no_gateway", "via_rewritten"])
    assert smoke_test.diagnosis_problems(rewritten, 3, no_gateway_ok=True)


def test_layout_of_a_macos_app():
    layout = smoke_test.Layout(Path("/Applications/SIP ALG Wizard.app"))
    assert layout.exe_dir == Path("/Applications/SIP ALG Wizard.app/Contents/MacOS")
    assert layout.app is not None


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_platform_plugins_check(tmp_path, platform):
    native = smoke_test.NATIVE_PLUGIN[platform]
    plugins = tmp_path / "prog" / "_internal" / "PySide6" / "plugins" / "platforms"
    plugins.mkdir(parents=True)
    (plugins / smoke_test.OFFSCREEN_PLUGIN[native]).touch()
    smoke = smoke_test.Smoke(smoke_test.Layout(tmp_path / "prog"), tmp_path / "work", isolated=False)
    smoke.platform_plugins(platform)
    assert smoke.failed and native in smoke.failed[0]  # the desktop plugin is missing
    (plugins / native).touch()
    smoke.failed.clear()
    smoke.platform_plugins(platform)
    assert not smoke.failed and smoke.passed == 1
