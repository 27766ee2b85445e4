"""Raw-packet privilege detection: parsing, every platform's decision, and the real process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sipalg_wizard import privileges
from sipalg_wizard.privileges import NpcapInfo, RawAccess

STATUS_ROOT = """Name:\tpython3
Uid:\t0\t0\t0\t0
CapInh:\t0000000000000000
CapPrm:\t000001ffffffffff
CapEff:\t000001ffffffffff
CapBnd:\t000001ffffffffff
"""
STATUS_USER = STATUS_ROOT.replace("000001ffffffffff", "0000000000000000")
STATUS_NET_RAW_ONLY = STATUS_USER.replace("CapEff:\t0000000000000000", "CapEff:\t0000000000002000")


def test_effective_capabilities_parses_the_mask():
    assert privileges.effective_capabilities(STATUS_ROOT) == 0x1FFFFFFFFFF
    assert privileges.effective_capabilities(STATUS_USER) == 0
    assert privileges.effective_capabilities("Name: x\n") is None
    assert privileges.effective_capabilities("CapEff:\tzz\n") is None


@pytest.mark.parametrize(("text", "expected"), [
    (STATUS_ROOT, True), (STATUS_USER, False), (STATUS_NET_RAW_ONLY, True), ("", False)])
def test_has_cap_net_raw(tmp_path: Path, text: str, expected: bool):
    status = tmp_path / "status"
    status.write_text(text)
    assert privileges.has_cap_net_raw(status) is expected


def test_has_cap_net_raw_without_proc(tmp_path: Path):
    assert privileges.has_cap_net_raw(tmp_path / "missing") is False


def test_posix_available_when_the_raw_socket_opens():
    access = privileges._posix_access(lambda: True, 1000, "linux")
    assert access == RawAccess(True, "ok", access.note)
    assert "CAP_NET_RAW" in access.note


def test_posix_unprivileged_user_gets_a_hint_not_an_error():
    linux = privileges._posix_access(lambda: False, 1000, "linux")
    mac = privileges._posix_access(lambda: False, 501, "darwin")
    assert not linux.available and linux.reason == "not_privileged"
    assert "setcap" in linux.note and "setcap" not in mac.note and "sudo" in mac.note


def test_posix_root_without_the_capability_says_so():
    access = privileges._posix_access(lambda: False, 0, "linux")
    assert not access.available and "CAP_NET_RAW" in access.note


def _registry(values: dict[tuple[str, str], object]):
    return lambda key, name: values.get((key, name))


def test_npcap_found_by_its_dll_folder(tmp_path: Path):
    folder = tmp_path / "System32" / "Npcap"
    folder.mkdir(parents=True)
    (folder / "wpcap.dll").write_bytes(b"MZ")
    info = privileges.detect_npcap(_registry({}), windir=str(tmp_path))
    assert info == NpcapInfo(installed=True, admin_only=False, location=str(folder))


def test_npcap_found_by_registry_with_admin_only(tmp_path: Path):
    values = {(r"SOFTWARE\WOW6432Node\Npcap", ""): r"C:\Program Files\Npcap",
              (privileges.NPCAP_PARAMETERS_KEY, "AdminOnly"): 1}
    info = privileges.detect_npcap(_registry(values), windir=str(tmp_path))
    assert info.installed and info.admin_only and info.location == r"C:\Program Files\Npcap"


def test_npcap_absent(tmp_path: Path):
    assert privileges.detect_npcap(_registry({}), windir=str(tmp_path)) == NpcapInfo(False)


@pytest.mark.parametrize(("npcap", "admin", "available", "reason"), [
    (NpcapInfo(False), True, True, "ok"),  # administrator: a raw ICMP socket, no driver
    (NpcapInfo(False), False, False, "not_privileged"),
    (NpcapInfo(True, admin_only=True), False, False, "npcap_admin_only"),
    (NpcapInfo(True, admin_only=True), True, True, "ok"),
    (NpcapInfo(True, admin_only=False), False, True, "ok"),
])
def test_windows_decision(npcap: NpcapInfo, admin: bool, available: bool, reason: str):
    access = privileges._windows_access(npcap, admin)
    assert (access.available, access.reason, access.npcap) == (available, reason, npcap.installed)
    assert access.note


def test_unknown_platform_is_skipped_not_crashed():
    access = privileges.raw_packets("plan9")
    assert not access.available and access.reason == "unsupported_platform"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux process capabilities")
def test_this_process_matches_its_capabilities():
    access = privileges.raw_packets()
    assert access.available is privileges.has_cap_net_raw()


@pytest.mark.skipif(not sys.platform.startswith("linux") or os.geteuid() != 0
                    or shutil.which("setpriv") is None, reason="needs root and setpriv")
def test_a_process_without_cap_net_raw_is_told_so():
    """The real thing: a child whose bounding set lacks CAP_NET_RAW cannot open a raw socket."""
    code = ("from sipalg_wizard.privileges import raw_packets; a = raw_packets(); "
            "print(a.available, a.reason)")
    result = subprocess.run(["setpriv", "--bounding-set", "-net_raw", sys.executable, "-c", code],
                            capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.split() == ["False", "not_privileged"]
