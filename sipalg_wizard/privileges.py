"""Can this process send raw packets? Asked at run time, so callers skip raw features, never crash.

The wizard runs as an ordinary user. A few witnesses (a TTL-limited probe through scapy, for one)
need raw packets: root or ``CAP_NET_RAW`` on Linux, root on macOS, and on Windows administrator
rights (a raw ICMP socket, no driver) or else the Npcap driver installed for every user.
:func:`raw_packets` answers with a reason code and a sentence for the report. It never imports
scapy (that costs ~0.7 s and fails noisily on a Windows machine without Npcap) and never sends a
packet: on Linux and macOS it opens and closes a raw socket, which is the one test that also holds
inside containers and sandboxes.

Reason codes: ``ok``, ``not_privileged`` (Linux/macOS: neither root nor CAP_NET_RAW; Windows: not
administrator and no Npcap), ``npcap_admin_only`` (Windows), ``unsupported_platform``.
(``npcap_missing`` was the Windows code before a raw socket as administrator was used.)
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CAP_NET_RAW = 13  # linux/capability.h

NPCAP_PARAMETERS_KEY = r"SYSTEM\CurrentControlSet\Services\npcap\Parameters"
NPCAP_SOFTWARE_KEYS = (r"SOFTWARE\Npcap", r"SOFTWARE\WOW6432Node\Npcap")


@dataclass(frozen=True)
class RawAccess:
    """Whether raw packets are possible, why (a code), and what to tell the user (a sentence)."""

    available: bool
    reason: str
    note: str
    npcap: bool | None = None  # Windows only: whether the Npcap driver is installed


@dataclass(frozen=True)
class NpcapInfo:
    installed: bool
    admin_only: bool = False
    location: str | None = None


# --- Linux and macOS ------------------------------------------------------------------------------


def effective_capabilities(status_text: str) -> int | None:
    """The ``CapEff`` bit mask from the text of ``/proc/self/status`` (None if absent)."""
    for line in status_text.splitlines():
        if line.startswith("CapEff:"):
            try:
                return int(line.split(":", 1)[1].strip(), 16)
            except ValueError:
                return None
    return None


def has_cap_net_raw(status_path: Path = Path("/proc/self/status")) -> bool:
    try:
        caps = effective_capabilities(status_path.read_text(encoding="ascii", errors="replace"))
    except OSError:
        return False
    return caps is not None and bool(caps & (1 << CAP_NET_RAW))


def can_open_raw_socket() -> bool:
    """Open and close an ICMP raw socket; nothing is sent. False on any refusal."""
    try:
        sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    except (OSError, AttributeError):
        return False
    sock.close()
    return True


def _posix_access(can_open: Callable[[], bool], euid: int, platform: str) -> RawAccess:
    if can_open():
        how = "running as root" if euid == 0 else "CAP_NET_RAW capability"
        return RawAccess(True, "ok", f"Raw packets are available ({how}).")
    if euid == 0:  # root without CAP_NET_RAW: a container or sandbox took it away
        return RawAccess(
            False, "not_privileged",
            "Raw-packet tests were skipped: this process runs as root but without the CAP_NET_RAW "
            "capability (a container or sandbox?). The other tests do not need it.")
    hint = ("run it with sudo, or grant the capability: setcap cap_net_raw+ep on the program"
            if platform.startswith("linux") else "run it with sudo")
    return RawAccess(
        False, "not_privileged",
        "Raw-packet tests were skipped: they need administrator rights. The other tests do not; "
        f"to include these too, {hint}.")


# --- Windows --------------------------------------------------------------------------------------


def _read_registry(path: str, value: str) -> object | None:
    """A value under HKEY_LOCAL_MACHINE, or None if the key or value does not exist."""
    import winreg  # Windows only

    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, path) as key:
            return winreg.QueryValueEx(key, value)[0]
    except OSError:
        return None


def detect_npcap(read_registry: Callable[[str, str], object | None] | None = None,
                 windir: str | None = None) -> NpcapInfo:
    """Find Npcap by its DLL folder (``%WINDIR%\\System32\\Npcap``) or its registry keys."""
    read_registry = read_registry or _read_registry
    windir = windir if windir is not None else os.environ.get("WINDIR", r"C:\Windows")
    folder = Path(windir) / "System32" / "Npcap"
    location = None
    if (folder / "wpcap.dll").is_file():
        location = str(folder)
    else:
        for key in NPCAP_SOFTWARE_KEYS:
            value = read_registry(key, "")  # the key's default value is the install folder
            if value:
                location = str(value)
                break
    if location is None:
        return NpcapInfo(installed=False)
    admin_only = read_registry(NPCAP_PARAMETERS_KEY, "AdminOnly")
    return NpcapInfo(installed=True, admin_only=bool(admin_only), location=location)


def is_windows_admin() -> bool:
    try:
        import ctypes

        return bool(ctypes.windll.shell32.IsUserAnAdmin())  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return False


def _windows_access(npcap: NpcapInfo, admin: bool) -> RawAccess:
    """Administrator rights are enough: a raw ICMP socket receives ICMP without any driver.
    Without them, only Npcap installed for every user still lets scapy's sniffer read ICMP."""
    if admin:
        return RawAccess(True, "ok", "Raw ICMP is available (administrator rights: a raw socket, "
                         "no driver needed).", npcap=npcap.installed)
    if not npcap.installed:
        return RawAccess(
            False, "not_privileged",
            "Raw-packet tests were skipped: they need administrator rights (the wizard's deeper "
            "test asks for them) or the free Npcap driver (npcap.com). The other tests do not "
            "need them.", npcap=False)
    if npcap.admin_only:
        return RawAccess(
            False, "npcap_admin_only",
            "Raw-packet tests were skipped: Npcap is installed for administrators only. Run the "
            "wizard as administrator to include them.", npcap=True)
    return RawAccess(True, "ok", "Raw packets are available (Npcap).", npcap=True)


# --- the question ---------------------------------------------------------------------------------


def raw_packets(platform: str | None = None) -> RawAccess:
    """Whether this process can send and receive raw packets now, with a reason and a note."""
    platform = platform or sys.platform
    if platform == "win32":
        return _windows_access(detect_npcap(), is_windows_admin())
    if platform.startswith(("linux", "darwin", "freebsd", "openbsd", "netbsd")):
        euid = os.geteuid() if hasattr(os, "geteuid") else -1  # a POSIX platform asked for on Windows
        return _posix_access(can_open_raw_socket, euid, platform)
    return RawAccess(False, "unsupported_platform",
                     f"Raw-packet tests were skipped: not supported on {platform}.")
