"""Parsers for macOS (BSD) route and neighbour tools: ``route -n get default``, ``netstat -rn``,
``arp -an``, ``ndp -an``. Text in, plain data out.

Host names are never taken for addresses (``netstat -r`` without ``-n`` prints ``dsldevice.attlocal``;
we always run ``-n`` and reject names anyway). ``link#17`` or ``fe80::%utun0`` as a default's
gateway is an interface route (typical of VPNs and iCloud Private Relay), not a router. A route
with the ``I`` flag is interface-scoped: it serves sockets bound to that interface, not the system
default.
"""

from __future__ import annotations

import re

from sipalg_wizard.net.models import Neighbour, Route
from sipalg_wizard.net.oui import normalise_mac
from sipalg_wizard.net.routes import mark_vpn, parse_ip, usable_gateway


def parse_route_get(text: str, family: int = 4) -> Route | None:
    """``route -n get default`` (or ``-inet6``): the system's current default, or None.

    A VPN default may show ``interface: utun3`` with no ``gateway:`` line; that route is returned
    with gateway None.
    """
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() in ("route to", "destination", "gateway", "interface", "flags"):
            values.setdefault(key.strip(), value.strip())
    if values.get("destination") not in ("default", "0.0.0.0", "::") or "interface" not in values:
        return None
    gateway = parse_ip(values.get("gateway"))
    if (gateway and ":" in gateway) or values.get("destination") == "::":
        family = 6
    if gateway and family == 6 and "%" not in gateway and gateway.lower().startswith("fe80"):
        gateway = f"{gateway}%{values['interface']}"
    if not usable_gateway(gateway):
        gateway = None
    return mark_vpn(Route(family, gateway, values["interface"]))


def _sections(text: str):
    """Yield (family, header tokens, row tokens, gateway column width) for the Internet /
    Internet6 tables."""
    family = None
    header: list[str] | None = None
    width = 0
    for line in text.splitlines():
        stripped = line.strip()
        if stripped in ("Internet:", "Internet6:"):
            family = 4 if stripped == "Internet:" else 6
            header = None
            continue
        if family is None or not stripped:
            continue
        tokens = stripped.split()
        if tokens[0] == "Destination":
            header = tokens
            width = line.find("Flags") - line.find("Gateway") if "Flags" in line else 0
            continue
        if header is not None:
            yield family, header, tokens, width


def _column(header: list[str], tokens: list[str], name: str) -> str | None:
    """The value in column ``name``; Expire (last) may be absent, so index from the left."""
    try:
        idx = header.index(name)
    except ValueError:
        return None
    return tokens[idx] if idx < len(tokens) else None


def parse_netstat_rn(text: str) -> list[Route]:
    """Default routes from ``netstat -rn`` (also ``-f inet``/``-f inet6``/``-rnl``), in the order the
    system prefers them: system-wide defaults before interface-scoped (``I`` flag) ones."""
    routes = []
    for family, header, tokens, width in _sections(text):
        if tokens[0] not in ("default", "0/0", "::/0") or len(tokens) < 3:
            continue
        raw_gateway, flags = tokens[1], _column(header, tokens, "Flags") or ""
        netif = _column(header, tokens, "Netif")
        # Without -n, netstat cuts names and addresses to the column width: a gateway that fills
        # its column may be a cut-off address ("fe80::feae:34ff:fe") that still parses.
        truncated = width > 0 and len(raw_gateway) >= width - 1
        gateway = None if truncated else parse_ip(raw_gateway)
        if gateway and family == 6 and "%" not in gateway and gateway.startswith("fe80") and netif:
            gateway = f"{gateway}%{netif}"
        if not usable_gateway(gateway) or "G" not in flags:
            gateway = None
        routes.append(mark_vpn(Route(family, gateway, netif, scoped="I" in flags)))
    return sorted(routes, key=lambda r: r.scoped)


def parse_netstat_neighbours(text: str) -> list[Neighbour]:
    """The ARP/NDP rows that ``netstat -rn`` mixes into its tables (gateway column holds a MAC)."""
    neighbours = []
    for _family, header, tokens, _width in _sections(text):
        address = parse_ip(tokens[0])
        mac = normalise_mac(tokens[1]) if len(tokens) > 1 else None
        flags = _column(header, tokens, "Flags") or ""
        if address is None or mac is None or "L" not in flags:
            continue
        neighbours.append(Neighbour(address, mac, _column(header, tokens, "Netif"),
                                    "router" if "r" in flags else None))
    return neighbours


_ARP_LINE = re.compile(r"^\S+ \((?P<ip>[0-9.]+)\) at (?P<mac>\S+)(?: on (?P<iface>\S+))?")


def parse_arp_an(text: str) -> list[Neighbour]:
    """``arp -an``: ``? (10.0.2.2) at 52:54:0:12:35:2 on en0 ifscope [ethernet]`` (unpadded)."""
    neighbours = []
    for line in text.splitlines():
        m = _ARP_LINE.match(line.strip())
        if not m:
            continue
        state = "permanent" if " permanent" in line else None
        neighbours.append(Neighbour(m["ip"], normalise_mac(m["mac"]), m["iface"], state))
    return neighbours


def parse_ndp_an(text: str) -> list[Neighbour]:
    """``ndp -an``: Neighbor, Linklayer Address, Netif, Expire, St, Flgs (``R`` = router)."""
    neighbours = []
    for line in text.splitlines():
        tokens = line.split()
        if len(tokens) < 3 or parse_ip(tokens[0]) is None:
            continue
        mac = normalise_mac(tokens[1])
        flags = tokens[5] if len(tokens) > 5 else ""
        neighbours.append(Neighbour(parse_ip(tokens[0]), mac, tokens[2],
                                    "router" if "R" in flags else (tokens[4] if len(tokens) > 4
                                                                   else None)))
    return neighbours
