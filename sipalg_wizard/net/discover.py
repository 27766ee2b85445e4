"""The Network step: default gateways, interface, local address, the gateway's MAC and its maker.

Everything here works without privileges:

* routes come from what each OS lets any user read (Linux ``/proc/net/route`` and
  ``/proc/net/ipv6_route``, falling back to ``ip -j route``; macOS ``route -n get default`` and
  ``netstat -rn``; Windows ``route print`` enriched with ``ipconfig /all`` for adapter names);
* the local address is what the kernel picks for a UDP socket *connected* to the gateway (connect
  on UDP sends nothing, it only chooses a route and a source address);
* the gateway's MAC comes from the neighbour cache; when it is not there yet (a fresh boot, a
  namespace), one ordinary UDP datagram to the gateway's discard port makes the OS resolve it,
  and the cache is read again for at most ``PROVOKE_WAIT`` seconds. No raw packets.

Every subprocess has a timeout and an output cap; failures never raise, they become ``problems``
codes (``no_default_route``, ``gateway_mac_unknown``, ``vpn_default_route``, ``routes_unreadable``,
``discovery_failed``) and human-readable ``notes``.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import platform
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sipalg_wizard.net import linux, macos, windows
from sipalg_wizard.net.models import MacVendor, Neighbour, NetworkInfo, Route
from sipalg_wizard.net.oui import lookup
from sipalg_wizard.net.routes import choose_defaults, mac_for

MAX_OUTPUT = 512 * 1024  # bytes kept from any command; routing tables are a few KiB
COMMAND_TIMEOUT = 2.0  # seconds for one command, further bounded by the overall deadline
PROVOKE_WAIT = 0.5  # seconds to wait for the neighbour cache after poking the gateway
POLL_INTERVAL = 0.05
DISCARD_PORT = 9
# Documentation addresses (RFC 5737 / RFC 3849) stand for "somewhere on the internet" when asking
# the kernel which source address it would use. Only ``connect()`` is called: nothing is sent.
INTERNET_STAND_IN = {4: "198.51.100.1", 6: "2001:db8::1"}

Runner = Callable[[list[str], float], str | None]


class Deadline:
    """The time left of the overall budget, so no step can overrun ``discover(timeout=)``."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self, cap: float = COMMAND_TIMEOUT) -> float:
        return max(0.0, min(cap, self.end - time.monotonic()))


def _oem_codepage() -> int | None:
    """Windows' OEM code page (850 in Germany/France/Spain, 437 in the US, 866 in Russia...),
    in which console tools such as ``route``, ``arp`` and ``ipconfig`` write to a pipe; None
    elsewhere. (With "Beta: use UTF-8" switched on it is 65001 and the UTF-8 attempt wins.)"""
    if os.name != "nt":
        return None
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetOEMCP())
    except (AttributeError, OSError, ValueError):
        return None


def _looks_utf16(data: bytes) -> bool:
    """UTF-16LE without a BOM (PowerShell with a Unicode output encoding, ``wmic``, ``cmd /u``):
    ASCII-heavy text then has a NUL in most odd bytes, which no 8-bit code page produces."""
    odd = data[1:2048:2]
    return len(odd) >= 4 and odd.count(0) * 2 > len(odd)


def _decode(data: bytes, oem: int | None = None) -> str:
    """Command output as text: UTF-16 (BOM or NUL pattern), else UTF-8, else the OEM code page
    on Windows (``oem``, default the system's), else Latin-1 (never fails)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if _looks_utf16(data):
        return data.decode("utf-16-le", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    oem = oem if oem is not None else _oem_codepage()
    if oem:
        try:
            return data.decode(f"cp{oem}", errors="replace")
        except LookupError:
            pass
    return data.decode("latin-1")


def run_command(args: list[str], timeout: float, cap: int = MAX_OUTPUT) -> str | None:
    """Standard output of ``args`` (at most ``cap`` bytes), or None when it cannot run in time.

    The process is killed when it overruns ``timeout`` or prints more than ``cap`` bytes.
    """
    if timeout <= 0:
        return None
    env = dict(os.environ)
    if os.name != "nt":
        env["LC_ALL"] = "C"
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    try:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                stdin=subprocess.DEVNULL, env=env, creationflags=flags)
    except (OSError, ValueError):
        return None
    box: list[bytes] = []
    reader = threading.Thread(target=lambda: box.append(proc.stdout.read(cap + 1)), daemon=True)
    reader.start()
    reader.join(timeout)
    timed_out = reader.is_alive()
    if timed_out or (box and len(box[0]) > cap):
        proc.kill()
    reader.join(1.0)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(1.0)
    proc.stdout.close()
    if timed_out or not box:
        return None
    return _decode(box[0][:cap])


def _read_file(path: str, cap: int = MAX_OUTPUT) -> str | None:
    try:
        with Path(path).open("rb") as fh:
            return _decode(fh.read(cap))
    except OSError:
        return None


# -- per-OS sources ----------------------------------------------------------------------------

class Source:
    """Where one OS keeps its routes and neighbours. Subclasses only run commands and parse."""

    def __init__(self, run: Runner = run_command,
                 read_file: Callable[[str], str | None] = _read_file) -> None:
        self.run = run
        self.read_file = read_file
        self.notes: list[str] = []

    def command(self, args: list[str], deadline: Deadline) -> str | None:
        output = self.run(args, deadline.left())
        if output is None:
            self.notes.append(f"could not run {' '.join(args)}")
        return output

    def routes(self, deadline: Deadline) -> list[Route] | None:
        """Every default route; None when the routing table could not be read at all."""
        raise NotImplementedError

    def neighbours(self, family: int, deadline: Deadline) -> list[Neighbour]:
        raise NotImplementedError


class LinuxSource(Source):
    def routes(self, deadline: Deadline) -> list[Route] | None:
        v4 = self.read_file("/proc/net/route")
        v6 = self.read_file("/proc/net/ipv6_route")
        routes: list[Route] = []
        if v4 is not None:
            routes += linux.parse_proc_net_route(v4)
        else:
            text = self.command(["ip", "-4", "-j", "route", "show", "default"], deadline)
            routes += linux.parse_ip_route_json(text, 4) if text else []
        if v6 is not None:
            routes += linux.parse_proc_net_ipv6_route(v6)
        elif os.path.exists("/proc/net/if_inet6"):  # IPv6 enabled but the table not readable
            text = self.command(["ip", "-6", "-j", "route", "show", "default"], deadline)
            routes += linux.parse_ip_route_json(text, 6) if text else []
        if v4 is None and not routes:
            return None
        return routes

    def neighbours(self, family: int, deadline: Deadline) -> list[Neighbour]:
        if family == 4:
            text = self.read_file("/proc/net/arp")
            if text is not None:
                return linux.parse_proc_net_arp(text)
        text = self.command(["ip", f"-{family}", "neigh", "show"], deadline)
        return linux.parse_ip_neigh(text) if text else []


class MacSource(Source):
    def routes(self, deadline: Deadline) -> list[Route] | None:
        used = []
        for family, args in ((4, ["route", "-n", "get", "default"]),
                             (6, ["route", "-n", "get", "-inet6", "default"])):
            text = self.command(args, deadline)
            route = macos.parse_route_get(text, family) if text else None
            if route is not None:
                used.append(route)
        table = self.command(["netstat", "-rn"], deadline)
        if table is None and not used:
            return None
        # ``route get`` names the default the system really uses; list it first.
        return used + (macos.parse_netstat_rn(table) if table else [])

    def neighbours(self, family: int, deadline: Deadline) -> list[Neighbour]:
        if family == 4:
            text = self.command(["arp", "-an"], deadline)
            return macos.parse_arp_an(text) if text else []
        text = self.command(["ndp", "-an"], deadline)
        return macos.parse_ndp_an(text) if text else []


class WindowsSource(Source):
    POWERSHELL_NEIGHBOURS = ("Get-NetNeighbor -AddressFamily IPv6 | Format-Table -AutoSize "
                             "ifIndex,IPAddress,LinkLayerAddress,State,PolicyStore | "
                             "Out-String -Width 400")

    def routes(self, deadline: Deadline) -> list[Route] | None:
        table = self.command(["route", "print"], deadline)
        config = self.command(["ipconfig", "/all"], deadline)
        adapters = windows.parse_ipconfig(config) if config else []
        if table is None:
            return windows.ipconfig_routes(adapters) if config else None
        return [self._enrich(route, adapters) for route in windows.parse_route_print(table)]

    @staticmethod
    def _enrich(route: Route, adapters: list[windows.Adapter]) -> Route:
        """``route print`` names interfaces by address (IPv4) or index (IPv6); ``ipconfig`` knows
        the adapter's name and description, which also tell a VPN adapter."""
        for adapter in adapters:
            if (route.family == 4 and route.local_address in adapter.ipv4) or (
                    route.family == 6 and route.interface is not None
                    and route.interface == adapter.index):
                local = route.local_address
                if local is None and route.family == 6:
                    local = next((a for a in adapter.ipv6 if not a.lower().startswith("fe80")),
                                 None)
                return replace(route, interface=adapter.name, local_address=local,
                               vpn=route.vpn or adapter.vpn)
        return route

    def neighbours(self, family: int, deadline: Deadline) -> list[Neighbour]:
        if family == 4:
            text = self.command(["arp", "-a"], deadline)
            return windows.parse_arp_a(text) if text else []
        text = self.command(["powershell", "-NoProfile", "-NonInteractive", "-Command",
                             self.POWERSHELL_NEIGHBOURS], deadline)
        return windows.parse_get_netneighbor(text) if text else []


def source_for_this_os() -> Source | None:
    return {"Linux": LinuxSource, "Darwin": MacSource, "Windows": WindowsSource}.get(
        platform.system(), lambda: None)()


# -- sockets -----------------------------------------------------------------------------------

def _sockaddr(address: str, family: int, port: int):
    af = socket.AF_INET if family == 4 else socket.AF_INET6
    return af, socket.getaddrinfo(address, port, af, socket.SOCK_DGRAM)[0][4]


def udp_local_address(gateway: str, family: int) -> str | None:
    """The source address the OS picks for traffic to ``gateway``. ``connect()`` on a UDP socket
    only selects a route; no packet leaves the machine."""
    try:
        af, addr = _sockaddr(gateway, family, DISCARD_PORT)
        with socket.socket(af, socket.SOCK_DGRAM) as sock:
            sock.connect(addr)
            local = sock.getsockname()[0]
    except (OSError, IndexError, UnicodeError):
        return None
    try:
        if ipaddress.ip_address(local.partition("%")[0]).is_unspecified:
            return None
    except ValueError:
        return None
    return local


def poke_gateway(gateway: str, family: int) -> None:
    """One empty UDP datagram to the gateway's discard port, so the OS resolves its MAC."""
    try:
        af, addr = _sockaddr(gateway, family, DISCARD_PORT)
        with socket.socket(af, socket.SOCK_DGRAM) as sock:
            sock.setblocking(False)
            sock.sendto(b"", addr)
    except (OSError, IndexError, UnicodeError):
        pass


# -- the step ----------------------------------------------------------------------------------

def discover(timeout: float = 3.0, *, source: Source | None = None,
             poke: Callable[[str, int], None] = poke_gateway,
             local_address: Callable[[str, int], str | None] = udp_local_address) -> NetworkInfo:
    """Find the default gateways, interface, local address, gateway MAC and its maker.

    Never raises: whatever goes wrong ends up in ``problems`` (codes) and ``notes`` (details).
    ``source``, ``poke`` and ``local_address`` are injectable so tests can drive every OS path on
    recorded outputs without touching the network.
    """
    deadline = Deadline(timeout)
    info = NetworkInfo()
    try:
        source = source or source_for_this_os()
        if source is None:
            info.problems.append("unsupported_os")
            info.notes.append(f"network discovery does not know {platform.system()}")
            return info
        _discover(info, source, deadline, poke, local_address)
        info.notes.extend(source.notes)
    except Exception as exc:  # the Network step must never take the program down
        info.problems.append("discovery_failed")
        info.notes.append(f"{type(exc).__name__}: {exc}")
    return info


def _discover(info: NetworkInfo, source: Source, deadline: Deadline,
              poke: Callable[[str, int], None],
              local_address: Callable[[str, int], str | None]) -> None:
    routes = source.routes(deadline)
    if routes is None:
        info.problems.append("routes_unreadable")
        routes = []
    chosen = choose_defaults(routes)
    info.ipv4, info.ipv6 = chosen.ipv4, chosen.ipv6
    info.other_defaults = chosen.other_defaults
    info.problems.extend(chosen.problems)
    if info.ipv4 is None and info.ipv6 is None:
        info.problems.append("no_default_route")
        return
    for attr in ("ipv4", "ipv6"):
        route = getattr(info, attr)
        if route is None:
            continue
        if route.family == 6:
            # For a link-local gateway the kernel picks a link-local source; the address that
            # matters (and that the internet sees) is the one for an internet destination. IPv6
            # source selection (ULA vs global, privacy addresses) also makes comparing the two
            # meaningless, so the policy-routing check below is IPv4 only.
            if route.local_address is None:
                local = (local_address(INTERNET_STAND_IN[6], 6)
                         or local_address(route.gateway, 6))
                setattr(info, attr, replace(route, local_address=local))
            continue
        if route.local_address is None:
            route = replace(route, local_address=local_address(route.gateway, route.family))
            setattr(info, attr, route)
        _check_internet_path(info, route, local_address)
    macs = _gateway_macs(info, source, deadline, poke)
    if info.ipv4 is not None:
        info.mac = _vendor(macs.get(4))
    if info.ipv6 is not None:
        info.ipv6_mac = _vendor(macs.get(6))
    if info.mac is None and info.ipv6_mac is None:
        info.problems.append("gateway_mac_unknown")
    elif info.mac is None and info.ipv6_mac is not None and info.ipv4 is not None:
        info.notes.append("the IPv4 gateway's MAC is unknown; only the IPv6 router's is known")


def _check_internet_path(info: NetworkInfo, route: Route,
                         local_address: Callable[[str, int], str | None]) -> None:
    """Policy routing (WireGuard's wg-quick, Tailscale exit nodes, some VPN clients) can send
    internet traffic through a tunnel while the main table's default still names the router. The
    source address the OS picks for an internet destination then differs from the one it picks
    for the gateway."""
    internet = local_address(INTERNET_STAND_IN[4], 4)
    if internet and route.local_address and internet != route.local_address:
        if "vpn_default_route" not in info.problems:
            info.problems.append("vpn_default_route")
        info.notes.append(f"IPv4 traffic to the internet leaves from {internet}, not "
                          f"from {route.local_address} on {route.interface}: a VPN or policy "
                          "routing carries it")


def _vendor(mac: str | None) -> MacVendor | None:
    return lookup(mac) if mac else None


def _gateway_macs(info: NetworkInfo, source: Source, deadline: Deadline,
                  poke: Callable[[str, int], None]) -> dict[int, str]:
    """Read the neighbour cache; poke gateways that are missing and re-read for a short while.

    Each family is poked as soon as its first read misses, so a slow read of the other family
    (``ip -6 neigh`` is a subprocess) overlaps with the resolution instead of delaying it. The
    waiting after the pokes is bounded by ``PROVOKE_WAIT`` and by the overall deadline, with one
    last read always made.
    """
    routes = [r for r in (info.ipv4, info.ipv6) if r is not None]
    macs: dict[int, str] = {}
    poked: list[int] = []
    for route in routes:
        mac = mac_for(source.neighbours(route.family, deadline), route.gateway)
        if mac:
            macs[route.family] = mac
        elif not route.vpn:  # a tunnel's next hop has no MAC: nothing to provoke
            poke(route.gateway, route.family)
            poked.append(route.family)
    if not poked:
        return macs
    wait_until = time.monotonic() + min(PROVOKE_WAIT, deadline.left(PROVOKE_WAIT))
    gateways = {r.family: r.gateway for r in routes}
    while True:
        time.sleep(POLL_INTERVAL)
        for family in [f for f in poked if f not in macs]:
            mac = mac_for(source.neighbours(family, deadline), gateways[family])
            if mac:
                macs[family] = mac
        if all(f in macs for f in poked) or time.monotonic() >= wait_until:
            return macs
