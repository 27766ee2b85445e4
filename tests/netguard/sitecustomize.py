"""Test safety net: Python processes started by the tests may talk only to their own test hosts.

The test suite puts this folder on PYTHONPATH, so every Python child process (the CLI, the
reflector, the lab's programs) imports it at start-up, and ``tests/conftest.py`` installs the same
guard in the pytest process. In the host's own network namespace only loopback is allowed; inside
a namespace that the tests created, the lab's address ranges are allowed too. Anything else raises
``PermissionError`` before a packet leaves, so a test that would touch a real network fails loudly.
"""

from __future__ import annotations

import ipaddress
import os
import socket

LAB_NETWORKS = [ipaddress.ip_network(n) for n in (
    "192.168.77.0/24", "203.0.113.0/24", "100.64.0.0/30", "fd77::/64", "fe80::/10",
    "239.255.255.250/32", "192.168.78.0/24", "100.64.1.0/30",
    # The default profile's ttl_target: the lab assigns it to its WAN host (lab/netns.py), so
    # inside a lab namespace it is a lab host; in the host's namespace it stays forbidden.
    "8.8.8.8/32",
)]


def _netns_inode() -> int | None:
    try:
        return os.stat("/proc/self/ns/net").st_ino
    except OSError:
        return None


def _in_own_namespace() -> bool:
    """True inside a network namespace other than the one pytest runs in (i.e. one a test made).

    The pytest process records its namespace in SIPALG_WIZARD_HOST_NETNS (``/proc/1`` may not be
    readable in a sandbox); children compare their own with it.
    """
    host = os.environ.get("SIPALG_WIZARD_HOST_NETNS")
    own = _netns_inode()
    return bool(host and own is not None and str(own) != host)


def _allowed(address) -> bool:
    if not isinstance(address, tuple) or not address:
        return True  # AF_UNIX paths, netlink and the like: not network traffic
    host = str(address[0]).split("%")[0]
    if host in ("", "localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False  # a host name: tests never resolve real names
    if ip.is_loopback or ip.is_unspecified:
        return True
    if ip.version == 6 and ip.ipv4_mapped and ip.ipv4_mapped.is_loopback:
        return True
    return _IN_NAMESPACE and any(ip in net for net in LAB_NETWORKS)


def _guard(name: str):
    original = getattr(socket.socket, name)

    def guarded(self, *args):
        address = args[-1] if name in ("sendto",) else args[0]
        if name == "sendmsg":
            address = args[3] if len(args) > 3 else None
            if address is None:
                return original(self, *args)
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _allowed(address):
            raise PermissionError(f"test network guard: {name} to {address!r} is not a test host")
        return original(self, *args)

    guarded.__name__ = name
    return guarded


def install() -> None:
    if getattr(socket.socket, "_sipalg_guarded", False):
        return
    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        setattr(socket.socket, name, _guard(name))
    socket.socket._sipalg_guarded = True


_IN_NAMESPACE = _in_own_namespace()
if os.environ.get("SIPALG_WIZARD_NETGUARD") == "1":
    install()
