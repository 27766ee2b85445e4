"""OS-independent rules about default routes: which one the OS uses, and which ones are VPNs.

The per-OS parsers list every default route they see, in the order the OS prefers them when the OS
itself gives no metric; ``choose_defaults`` picks, per address family, the route the OS really
sends through (lowest metric) and keeps the rest as ``other_defaults``.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field, replace

from sipalg_wizard.net.models import Neighbour, Route

# Interface names that are VPN or tunnel devices on Linux, macOS and BSD.
_VPN_NAME = re.compile(
    r"^(tun|tap|utun|wg|ppp|ipsec|gpd|zt|tailscale|nordlynx|cscotun)\d*$|^wg-|vpn|-tun\b",
    re.IGNORECASE)
# Words that Windows adapter names and descriptions use for VPN adapters.
_VPN_WORDS = re.compile(
    r"anyconnect|tap-windows|\btap adapter|wireguard|openvpn|vpn|"
    r"globalprotect|pangp|fortinet|forticlient|juniper|pulse secure|zscaler|tailscale|zerotier|"
    r"sing-tun|wintun|nordlynx|sonicwall|checkpoint|"
    r"sgn\w* tunnel|\bl2tp\b|\bpptp\b|\bsstp\b|ikev2",
    re.IGNORECASE)
# Tunnels that carry IPv6 over IPv4 but are not a VPN: the LAN router still sees the traffic.
_NOT_VPN = re.compile(r"teredo|isatap|6to4|ip-https", re.IGNORECASE)


def is_vpn_interface(*names: str | None) -> bool:
    """Whether an interface name or adapter description belongs to a VPN or tunnel device."""
    for name in names:
        if not name or _NOT_VPN.search(name):
            continue
        if _VPN_NAME.search(name.strip()) or _VPN_WORDS.search(name):
            return True
    return False


def parse_ip(text: str | None) -> str | None:
    """The address in ``text`` in canonical form (IPv6 zone kept: ``fe80::1%en0``), or None.

    Host names (``_gateway``, ``dsldevice.attlocal``), ``link#4``, ``On-link`` and ``*`` are not
    addresses and give None.
    """
    if not text:
        return None
    text = text.strip()
    address, _, zone = text.partition("%")
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if zone and ip.version == 6:
        return f"{ip.compressed}%{zone}"
    return ip.compressed


def with_zone(address: str, interface: str | None) -> str:
    """A link-local IPv6 gateway is only meaningful with its interface: ``fe80::1%eth0``."""
    if "%" in address or not interface:
        return address
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6 and ip.is_link_local:
        return f"{address}%{interface}"
    return address


def usable_gateway(address: str | None) -> bool:
    """A next hop we can talk to: not unspecified (``0.0.0.0``, ``::``, ``fe80::%utun0``)."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address.partition("%")[0])
    except ValueError:
        return False
    if ip.is_unspecified or ip.is_loopback or ip.is_multicast:
        return False
    # ``fe80::%utun0`` on macOS is the interface itself, not a neighbour.
    return not (ip.version == 6 and ip == ipaddress.IPv6Address("fe80::"))


@dataclass
class Defaults:
    """The outcome of choosing among default routes."""

    ipv4: Route | None = None
    ipv6: Route | None = None
    other_defaults: list[Route] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _order(routes: list[Route]) -> list[Route]:
    # Scoped routes (macOS IFSCOPE) come after the system-wide ones; then lowest metric; a stable
    # sort keeps the OS's own order where it gives no metric or two are equal.
    return sorted(routes, key=lambda r: (r.scoped, r.metric is None, r.metric or 0))


def choose_defaults(routes: list[Route]) -> Defaults:
    """Per family: the default the OS uses (with a gateway address), the others, and problems.

    A default without a usable gateway (an on-link VPN default, ``link#17``, ``fe80::%utun0``)
    cannot be the router we look for; it is reported in ``other_defaults``. When the route the OS
    really prefers is a VPN, ``vpn_default_route`` is added to ``problems``.
    """
    result = Defaults()
    seen: set[tuple] = set()
    for family in (4, 6):
        ordered = []
        for route in _order([r for r in routes if r.family == family]):
            key = (route.family, route.gateway, route.interface)
            if key not in seen:
                seen.add(key)
                ordered.append(route)
        if not ordered:
            continue
        chosen = next((r for r in ordered if usable_gateway(r.gateway)), None)
        used = ordered[0]
        if used.vpn and not used.scoped and "vpn_default_route" not in result.problems:
            result.problems.append("vpn_default_route")
        if chosen is not None:
            setattr(result, f"ipv{family}", chosen)
        result.other_defaults.extend(r for r in ordered if r is not chosen)
    return result


def mark_vpn(route: Route, *names: str | None) -> Route:
    """``route`` with ``vpn`` set when its interface (or any alias given) looks like a VPN."""
    if route.vpn or not is_vpn_interface(route.interface, *names):
        return route
    return replace(route, vpn=True)


def mac_for(neighbours: list[Neighbour], gateway: str | None) -> str | None:
    """The MAC of ``gateway`` in a neighbour list, or None.

    Addresses are compared without their zone (``fe80::1%en0`` vs ``fe80::1%11`` name the same
    router when the interface matches); an entry whose zone matches is preferred.
    """
    if not gateway:
        return None
    bare, _, zone = gateway.partition("%")
    target = parse_ip(bare)
    best = None
    for entry in neighbours:
        address, _, entry_zone = entry.address.partition("%")
        if entry.mac is None or parse_ip(address) != target:
            continue
        if not zone or not entry_zone or entry_zone == zone or entry.interface == zone:
            if entry_zone == zone or entry.interface == zone:
                return entry.mac
            best = best or entry.mac
    return best
