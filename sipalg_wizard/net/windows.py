"""Parsers for Windows route and neighbour tools (text in, plain data out).

``route print`` and ``arp -a`` are localised (German "Auf Verbindung", Spanish "En vínculo", French
"Interface :"), so these parsers recognise rows by their shape — addresses, masks, numbers — and
never by the words. ``ipconfig /all`` labels are localised too; there the few labels we need are
matched by keyword in several languages, and values are recognised by their form. PowerShell's
``Get-NetRoute`` / ``Get-NetNeighbor`` print English column names in every locale.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from sipalg_wizard.net.models import Neighbour, Route
from sipalg_wizard.net.oui import normalise_mac
from sipalg_wizard.net.routes import is_vpn_interface, mark_vpn, parse_ip, usable_gateway

_IP4 = r"\d{1,3}(?:\.\d{1,3}){3}"
_IFLIST = re.compile(r"^\s*(\d+)\.\.\.((?:[0-9a-fA-F]{2} ){6,8})?\s*\.*\s*(.+?)\s*$")
_ROUTE4 = re.compile(rf"^\s*({_IP4})\s+({_IP4})\s+(.+?)\s+({_IP4})\s+(\d+)\s*$")
_ROUTE6 = re.compile(r"^\s*(\d+)\s+(\d+)\s+([0-9a-fA-F:.]+/\d+)(?:\s+(\S.*?))?\s*$")


def parse_route_print_interfaces(text: str) -> dict[str, str]:
    """The "Interface List" of ``route print``: interface index -> adapter description."""
    interfaces = {}
    for line in text.splitlines():
        m = _IFLIST.match(line)
        if m:
            interfaces[m[1]] = m[3]
    return interfaces


def _zone6(gateway: str | None, index: str) -> str | None:
    if gateway and "%" not in gateway and gateway.lower().startswith("fe80"):
        return f"{gateway}%{index}"
    return gateway


def parse_route_print(text: str) -> list[Route]:
    """Default routes from ``route print`` (or ``netstat -rn``) in any language.

    IPv4 rows carry the interface *address* (kept as ``local_address``; the adapter name comes from
    ``ipconfig``); IPv6 rows carry the interface index (kept as ``interface``, and as the zone of a
    link-local gateway). "On-link" in any language is not a gateway. Metrics are the effective ones
    (route metric + interface metric), which is how Windows chooses.
    """
    interfaces = parse_route_print_interfaces(text)
    routes = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m4 = _ROUTE4.match(line)
        if m4:
            if m4[1] == "0.0.0.0" and m4[2] == "0.0.0.0":
                gateway = parse_ip(m4[3])
                routes.append(Route(4, gateway if usable_gateway(gateway) else None, None,
                                    int(m4[5]), m4[4]))
            continue
        m6 = _ROUTE6.match(line)
        if m6 and m6[3] == "::/0":
            raw = m6[4]
            if raw is None and i + 1 < len(lines):  # long destinations wrap the gateway
                raw = lines[i + 1].strip()
            gateway = parse_ip(raw)
            gateway = _zone6(gateway, m6[1]) if usable_gateway(gateway) else None
            routes.append(mark_vpn(Route(6, gateway, m6[1], int(m6[2])), interfaces.get(m6[1])))
    return routes


# -- Get-NetRoute -------------------------------------------------------------------------------

def _family(value, prefix: str) -> int:
    if str(value) in ("2", "IPv4"):
        return 4
    if str(value) in ("23", "IPv6"):
        return 6
    return 6 if ":" in prefix else 4


def _as_int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _netroute(entry: dict) -> Route | None:
    prefix = str(entry.get("DestinationPrefix") or "")
    if prefix not in ("0.0.0.0/0", "::/0"):
        return None
    index = entry.get("ifIndex", entry.get("InterfaceIndex"))
    index = str(index) if index not in (None, "") else None
    alias = entry.get("InterfaceAlias") or None
    gateway = parse_ip(entry.get("NextHop"))
    gateway = gateway if usable_gateway(gateway) else None
    if gateway and index:
        gateway = _zone6(gateway, index)
    route_metric = _as_int(entry.get("RouteMetric"))
    if_metric = _as_int(entry.get("InterfaceMetric", entry.get("ifMetric")))
    metric = route_metric + if_metric if None not in (route_metric, if_metric) else route_metric
    local = parse_ip(entry.get("InterfaceIP"))
    family = _family(entry.get("AddressFamily"), prefix)
    return mark_vpn(Route(family, gateway, alias or index, metric, local), alias)


def _json_routes(node) -> list[dict]:
    if isinstance(node, list):
        return [e for item in node for e in _json_routes(item)]
    if isinstance(node, dict):
        if "DestinationPrefix" in node:
            return [node]
        return [e for value in node.values() for e in _json_routes(value)]
    return []


def parse_get_netroute(text: str) -> list[Route]:
    """Default routes from ``Get-NetRoute`` as a table, as ``Format-List``, or as JSON."""
    stripped = text.strip()
    entries: list[dict] = []
    if stripped.startswith(("[", "{")):
        try:
            entries = _json_routes(json.loads(stripped))
        except ValueError:
            entries = []
    elif re.search(r"^\s*DestinationPrefix\s+:", text, re.MULTILINE):
        entries = _list_blocks(text)
    else:
        entries = _table(text, "DestinationPrefix")
    return [r for r in (_netroute(e) for e in entries) if r is not None]


def _list_blocks(text: str) -> list[dict]:
    """``Format-List`` output: blocks of ``Key : value`` separated by blank lines."""
    blocks, current = [], {}
    for line in text.splitlines():
        key, sep, value = line.partition(" : ") if " : " in line else line.partition(" :")
        if not line.strip():
            if current:
                blocks.append(current)
            current = {}
        elif sep:
            current[key.strip()] = value.strip()
    if current:
        blocks.append(current)
    return blocks


def _table(text: str, needed: str) -> list[dict]:
    """A default PowerShell table: header, dashes, rows. Empty cells are found by column position
    (the dashes give each column's span)."""
    lines = text.splitlines()
    for i, line in enumerate(lines[:-1]):
        if needed in line.split() and set(lines[i + 1].strip()) <= {"-", " "}:
            spans = [m.span() for m in re.finditer(r"-+", lines[i + 1])]
            names = line.split()
            if len(names) != len(spans):
                return []
            rows = []
            for row in lines[i + 2:]:
                if not row.strip():
                    continue
                tokens = row.split()
                if len(tokens) == len(names):
                    rows.append(dict(zip(names, tokens, strict=True)))
                else:
                    rows.append(_by_position(row, names, spans))
            return rows
    return []


def _by_position(row: str, names: list[str], spans: list[tuple[int, int]]) -> dict:
    """Assign each whitespace-separated token to the column whose span it overlaps."""
    result = {}
    for m in re.finditer(r"\S+", row):
        start, end = m.span()
        for name, (s, e) in zip(names, spans, strict=True):
            if start < e + 1 and end > s - 1 and name not in result:
                result[name] = m.group(0)
                break
    return result


# -- ipconfig ------------------------------------------------------------------------------------

_GATEWAY_WORDS = ("gateway", "passerelle", "puerta de enlace", "brama", "шлюз", "geçidi", "brána",
                  "yhdyskäytävä", "átjáró", "gateway padrão", "gatewa")
_DESCRIPTION_WORDS = ("description", "beschreibung", "descripción", "descrizione", "beschrijving",
                      "descrição", "opis", "описание", "açıklama", "popis", "kuvaus", "leírás")
_LABEL = re.compile(r"^\s+(.+?)\s*:(?:\s+(.*?))?\s*$")
_VALUE = re.compile(r"^[0-9A-Za-z:.%-]+")


@dataclass
class Adapter:
    """One adapter block of ``ipconfig /all``."""

    title: str  # the header as printed, e.g. "Ethernet adapter Ethernet 3"
    name: str  # the connection name, e.g. "Ethernet 3" (best effort in other languages)
    description: str | None = None
    mac: str | None = None
    ipv4: list[str] = field(default_factory=list)
    ipv6: list[str] = field(default_factory=list)
    gateways: list[str] = field(default_factory=list)
    index: str | None = None  # interface index, from a link-local address's zone

    @property
    def vpn(self) -> bool:
        return is_vpn_interface(self.name, self.description, self.title)


def _adapter_name(title: str) -> str:
    m = re.search(r"adapter\s+(.+)$", title, re.IGNORECASE)
    return m.group(1).strip() if m else title


def parse_ipconfig(text: str) -> list[Adapter]:
    """Adapters from ``ipconfig`` or ``ipconfig /all`` in any language, with continuation lines
    (a second gateway or DNS server on the next line) attached to their label."""
    adapters: list[Adapter] = []
    current: Adapter | None = None
    label = ""
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line[0].isspace():
            title = line.strip()
            if title.endswith(":"):
                title = title[:-1].strip()
                current = Adapter(title, _adapter_name(title))
                adapters.append(current)
            else:
                current = None  # "Windows IP Configuration"
            continue
        if current is None:
            continue
        indent = len(line) - len(line.lstrip())
        m = _LABEL.match(line)
        if indent >= 8 or not m:
            value = line.strip()
        else:
            label = re.sub(r"[\s.]+$", "", m[1]).lower()
            value = m[2] or ""
        _take(current, label, value)
    return adapters


def _take(adapter: Adapter, label: str, value: str) -> None:
    if not value:
        return
    m = _VALUE.match(value)
    token = m.group(0) if m else value
    address = parse_ip(token)
    if any(word in label for word in _GATEWAY_WORDS):
        if address and usable_gateway(address):
            adapter.gateways.append(address)
        return
    if any(label.startswith(word) for word in _DESCRIPTION_WORDS) and adapter.description is None:
        adapter.description = value
        return
    if "duid" not in label and "iaid" not in label and adapter.mac is None:
        mac = normalise_mac(token)
        if mac:
            adapter.mac = mac
            return
    if address is None or "dns" in label or "dhcp" in label or "wins" in label:
        return
    if ":" in address and "ipv6" in label:
        bare, _, zone = address.partition("%")
        if zone and bare.lower().startswith("fe80") and adapter.index is None:
            adapter.index = zone
        adapter.ipv6.append(address)
    elif ":" not in address and ("ipv4" in label or re.search(r"\bip\b", label)):
        adapter.ipv4.append(address)


def ipconfig_routes(adapters: list[Adapter]) -> list[Route]:
    """The default gateways ``ipconfig`` lists, as routes (ipconfig shows no metrics)."""
    routes = []
    for adapter in adapters:
        for gateway in adapter.gateways:
            family = 6 if ":" in gateway else 4
            if family == 4:
                local = adapter.ipv4[0] if adapter.ipv4 else None
            else:
                local = next((a for a in adapter.ipv6 if not a.lower().startswith("fe80")), None)
            routes.append(Route(family, gateway, adapter.name, None, local, vpn=adapter.vpn))
    return routes


# -- neighbours ----------------------------------------------------------------------------------

_ARP_IFACE = re.compile(rf"^\S.*?:\s*({_IP4})\s+---\s+0x([0-9a-fA-F]+)")
_ARP_ROW = re.compile(rf"^\s+({_IP4})\s+([0-9a-fA-F]{{2}}(?:-[0-9a-fA-F]{{2}}){{5}})\s+(\S+)")


def parse_arp_a(text: str) -> list[Neighbour]:
    """``arp -a`` in any language; ``interface`` is the interface address Windows groups by."""
    neighbours = []
    iface = None
    for line in text.splitlines():
        m = _ARP_IFACE.match(line)
        if m:
            iface = m[1]
            continue
        m = _ARP_ROW.match(line)
        if m:
            neighbours.append(Neighbour(m[1], normalise_mac(m[2]), iface, m[3]))
    return neighbours


def parse_get_netneighbor(text: str) -> list[Neighbour]:
    """``Get-NetNeighbor``: an empty or all-zero LinkLayerAddress, or an Unreachable/Incomplete
    state, means the MAC is not known."""
    neighbours = []
    for row in _table(text, "LinkLayerAddress"):
        address = parse_ip(row.get("IPAddress"))
        if address is None:
            continue
        state = row.get("State")
        mac = normalise_mac(row.get("LinkLayerAddress"))
        if state in ("Unreachable", "Incomplete"):
            mac = None
        index = row.get("ifIndex")
        if index:
            address = _zone6(address, index)
        neighbours.append(Neighbour(address, mac, index, state))
    return neighbours
