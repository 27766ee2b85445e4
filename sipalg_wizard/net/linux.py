"""Parsers for what Linux exposes about routes and neighbours (text in, plain data out).

Sources: ``/proc/net/route``, ``/proc/net/ipv6_route``, ``/proc/net/arp`` (readable by any user,
no subprocess needed), and iproute2's ``ip route`` / ``ip -6 route`` / ``ip -j route`` /
``ip neigh`` (the IPv6 neighbour cache has no /proc file).
"""

from __future__ import annotations

import ipaddress
import json
import socket
import struct
from itertools import pairwise

from sipalg_wizard.net.models import Neighbour, Route
from sipalg_wizard.net.oui import normalise_mac
from sipalg_wizard.net.routes import mark_vpn, parse_ip, with_zone

RTF_UP = 0x0001
RTF_GATEWAY = 0x0002
RTF_REJECT = 0x0200
ATF_COM = 0x02  # /proc/net/arp: entry complete


def _route(family: int, gateway: str | None, interface: str | None, metric: int | None,
           local: str | None = None) -> Route:
    if gateway and family == 6:
        gateway = with_zone(gateway, interface)
    return mark_vpn(Route(family, gateway, interface, metric, local))


def parse_proc_net_route(text: str) -> list[Route]:
    """IPv4 default routes from ``/proc/net/route`` (addresses are little-endian hex)."""
    routes = []
    for line in text.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 8:
            continue
        iface, dest, gateway, flags, _, _, metric, mask = fields[:8]
        try:
            flags_n = int(flags, 16)
            if int(dest, 16) != 0 or int(mask, 16) != 0 or not flags_n & RTF_UP:
                continue
            if flags_n & RTF_REJECT or iface == "*":
                continue  # blackhole / unreachable default
            gw = socket.inet_ntoa(struct.pack("<I", int(gateway, 16)))
        except (ValueError, struct.error):
            continue
        has_gw = flags_n & RTF_GATEWAY and gw != "0.0.0.0"
        routes.append(_route(4, gw if has_gw else None, iface, int(metric)))
    return routes


def parse_proc_net_ipv6_route(text: str) -> list[Route]:
    """IPv6 default routes (``::/0``) from ``/proc/net/ipv6_route``; reject entries on lo skipped."""
    routes = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 10:
            continue
        dest, plen, _, _, nexthop, metric, _, _, flags, iface = fields[:10]
        try:
            if int(dest, 16) != 0 or int(plen, 16) != 0:
                continue
            flags_n = int(flags, 16)
            metric_n = int(metric, 16)
            hop = ipaddress.IPv6Address(bytes.fromhex(nexthop))
        except ValueError:
            continue
        if flags_n & RTF_REJECT or not flags_n & RTF_UP or iface == "lo":
            continue
        has_gw = flags_n & RTF_GATEWAY and not hop.is_unspecified
        routes.append(_route(6, hop.compressed if has_gw else None, iface, metric_n))
    return routes


def parse_proc_net_arp(text: str) -> list[Neighbour]:
    """``/proc/net/arp``: incomplete entries (flags without ATF_COM, all-zero MAC) have no MAC."""
    neighbours = []
    for line in text.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 6 or parse_ip(fields[0]) is None:
            continue
        try:
            complete = bool(int(fields[2], 16) & ATF_COM)
        except ValueError:
            complete = False
        mac = normalise_mac(fields[3]) if complete else None
        neighbours.append(Neighbour(fields[0], mac, fields[5],
                                    "complete" if complete else "incomplete"))
    return neighbours


_ROUTE_TYPES = {"unicast", "none"}  # ``none default via ...`` is how WSL1 prints it
_NOT_USABLE = {"unreachable", "blackhole", "prohibit", "throw", "local", "broadcast", "multicast",
               "nat", "anycast"}


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def parse_ip_route(text: str, family: int | None = None) -> list[Route]:
    """Default routes from ``ip route`` / ``ip -6 route`` text, multipath ``nexthop`` lines included.

    ``family`` is 4 or 6 when the caller knows it; otherwise each gateway's form decides (and a
    gateway-less default counts as IPv4).
    """
    routes: list[Route] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        words = lines[i].split()
        i += 1
        if not words:
            continue
        if words[0] in _NOT_USABLE:
            continue
        if words[0] in _ROUTE_TYPES:
            words = words[1:]
        if not words or words[0] not in ("default", "0.0.0.0/0", "::/0"):
            continue
        opts = _options(words[1:])
        metric = _int(opts.get("metric"))
        nexthops = []
        while i < len(lines) and lines[i][:1].isspace() and lines[i].split()[:1] == ["nexthop"]:
            nexthops.append(_options(lines[i].split()[1:]))
            i += 1
        for hop in nexthops or [opts]:
            gateway = parse_ip(hop.get("via"))
            if gateway is None and not hop.get("dev"):
                continue
            fam = family or (6 if gateway and ":" in gateway else 4)
            if words[0] == "::/0":
                fam = 6
            routes.append(_route(fam, gateway, hop.get("dev"), metric, parse_ip(opts.get("src"))))
    return routes


def _options(words: list[str]) -> dict[str, str]:
    """``via X dev Y metric 3 onlink`` -> {"via": "X", "dev": "Y", "metric": "3"}."""
    keys = {"via", "dev", "metric", "src", "proto", "scope", "table", "weight", "pref", "expires",
            "error", "mtu", "advmss", "realm", "hoplimit", "initcwnd", "from"}
    opts = {}
    for key, value in pairwise(words):
        if key in keys and key not in opts:
            opts[key] = value
    if "via" in opts and opts["via"] in ("inet", "inet6"):  # ``via inet6 fe80::1`` (RFC 5549)
        idx = words.index("via")
        if idx + 2 < len(words):
            opts["via"] = words[idx + 2]
    return opts


def parse_ip_route_json(text: str, family: int | None = None) -> list[Route]:
    """Default routes from ``ip -j route`` / ``ip -6 -j route`` (one JSON array)."""
    try:
        entries = json.loads(text)
    except ValueError:
        return []
    routes = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or entry.get("dst") not in ("default", "0.0.0.0/0", "::/0"):
            continue
        if entry.get("type", "unicast") not in _ROUTE_TYPES:
            continue
        metric = entry.get("metric") if isinstance(entry.get("metric"), int) else None
        hops = entry.get("nexthops") or [entry]
        for hop in hops:
            gateway = parse_ip(hop.get("gateway"))
            fam = family or (6 if (gateway and ":" in gateway) or entry.get("dst") == "::/0" else 4)
            routes.append(_route(fam, gateway, hop.get("dev"), metric,
                                 parse_ip(entry.get("prefsrc"))))
    return routes


def parse_ip_neigh(text: str) -> list[Neighbour]:
    """``ip neigh``: ``ADDR dev IF lladdr MAC [router] STATE``; FAILED/INCOMPLETE have no MAC."""
    neighbours = []
    for line in text.splitlines():
        words = line.split()
        if not words or parse_ip(words[0]) is None:
            continue
        opts = _neigh_options(words[1:])
        state = words[-1] if words[-1].isupper() else None
        mac = normalise_mac(opts.get("lladdr"))
        if state in ("FAILED", "INCOMPLETE"):
            mac = None
        address = words[0]
        if opts.get("dev"):
            address = with_zone(address, opts["dev"])
        neighbours.append(Neighbour(address, mac, opts.get("dev"), state))
    return neighbours


def _neigh_options(words: list[str]) -> dict[str, str]:
    opts = {}
    for key, value in pairwise(words):
        if key in ("dev", "lladdr") and key not in opts:
            opts[key] = value
    return opts
