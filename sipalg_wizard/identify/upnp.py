"""UPnP: ask the gateway for its device description (manufacturer, model) over SSDP.

The M-SEARCH goes to the gateway by unicast first: that reaches only the router, needs no
multicast permission (macOS 15+ asks the user before an app may multicast) and most IGD stacks
answer it. Only when that stays silent do we ask the SSDP multicast group, and even then we accept
an answer only from the gateway's own address, and only a ``LOCATION`` URL on that address: a
description is fetched from the gateway and nowhere else. The description is untrusted XML, so it
is parsed with defusedxml (no entities, no external references) within the same byte and time
bounds as the web banner.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sipalg_wizard.identify import http_banner
from sipalg_wizard.identify.http_banner import Connector, Deadline

SSDP_GROUP = "239.255.255.250"
SSDP_PORT = 1900
MAX_DATAGRAM = 8192
MAX_REPLIES = 32
MULTICAST_WAIT = 1.1  # seconds: MX 1 plus a little
SEARCH_TARGETS = ("urn:schemas-upnp-org:device:InternetGatewayDevice:1", "upnp:rootdevice")


@dataclass
class DeviceDescription:
    manufacturer: str | None = None
    model_name: str | None = None
    model_number: str | None = None
    friendly_name: str | None = None
    model_description: str | None = None
    device_type: str | None = None


@dataclass
class UpnpResult:
    server: str | None = None  # the SSDP reply's SERVER header
    location: str | None = None
    description: DeviceDescription | None = None
    via: str | None = None  # "unicast" or "multicast"
    ignored: list[str] = field(default_factory=list)  # replies or locations we refused, and why
    error: str | None = None
    elapsed: float = 0.0


def _same_address(a: str | None, b: str) -> bool:
    if not a:
        return False
    try:
        return ipaddress.ip_address(a.split("%", 1)[0]) == ipaddress.ip_address(b.split("%", 1)[0])
    except ValueError:
        return False


def m_search(target: str, mx: int = 1) -> bytes:
    return (f"M-SEARCH * HTTP/1.1\r\nHOST: {SSDP_GROUP}:{SSDP_PORT}\r\nMAN: \"ssdp:discover\"\r\n"
            f"MX: {mx}\r\nST: {target}\r\nUSER-AGENT: {http_banner.USER_AGENT}\r\n\r\n"
            ).encode("ascii")


def parse_ssdp_reply(data: bytes) -> dict[str, str]:
    """Header fields of an SSDP reply (an HTTP-like head), lower-case names; lenient."""
    head = data.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    _, status, _, headers = http_banner.parse_head(head)
    if status is None:
        return {}
    return {name.lower(): value for name, value in headers}


def _text(element, name: str) -> str | None:
    for child in element:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == name and child.text and child.text.strip():
            return http_banner.clean_text(child.text)
    return None


def parse_description(xml: bytes) -> DeviceDescription:
    """The root device's identity from a UPnP device description (untrusted XML)."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(xml)
    except (DefusedXmlException, ElementTree.ParseError, ValueError) as exc:
        raise ValueError(f"unreadable device description: {exc}") from exc
    device = None
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "device":
            device = element
            break
    if device is None:
        raise ValueError("the description has no <device>")
    return DeviceDescription(
        manufacturer=_text(device, "manufacturer"),
        model_name=_text(device, "modelName"),
        model_number=_text(device, "modelNumber"),
        friendly_name=_text(device, "friendlyName"),
        model_description=_text(device, "modelDescription"),
        device_type=_text(device, "deviceType"),
    )


def _family(address: str) -> int:
    return socket.AF_INET6 if ":" in address else socket.AF_INET


def _collect(sock: socket.socket, gateway: str, until: float, result: UpnpResult,
             cancel: threading.Event | None) -> dict[str, str] | None:
    """Wait for a reply from the gateway with a LOCATION on the gateway, until ``until``."""
    replies = 0
    while replies < MAX_REPLIES:
        left = until - time.monotonic()
        if left <= 0 or (cancel is not None and cancel.is_set()):
            return None
        sock.settimeout(min(left, 0.1))
        try:
            data, source = sock.recvfrom(MAX_DATAGRAM)
        except TimeoutError:
            continue
        except OSError as exc:  # ICMP port unreachable surfaces here on some systems
            result.error = f"{type(exc).__name__}: {exc}"
            continue
        replies += 1
        if not _same_address(source[0], gateway):
            if len(result.ignored) < 8:
                result.ignored.append(f"reply from {source[0]} (not the gateway)")
            continue
        fields = parse_ssdp_reply(data)
        location = fields.get("location", "")
        if not _same_address(urlsplit(location).hostname, gateway):
            if len(result.ignored) < 8:
                result.ignored.append(f"LOCATION {location[:120]!r} is not on the gateway")
            continue
        return fields
    return None


def discover(gateway: str, *, timeout: float = 3.0, deadline: Deadline | None = None,
             ssdp_port: int = SSDP_PORT, multicast: bool = True,
             multicast_group: str = SSDP_GROUP, unicast_wait: float = 0.6,
             bind_address: str | None = None, connect: Connector | None = None,
             cancel: threading.Event | None = None) -> UpnpResult:
    """SSDP to ``gateway`` (unicast, then ``multicast_group``), then its description.

    ``multicast_group`` and ``ssdp_port`` are parameters so tests can point the "multicast" step
    at a second loopback address; ``multicast=False`` skips it altogether. Never raises for
    network trouble.
    """
    started = time.monotonic()
    deadline = deadline or Deadline(timeout)
    result = UpnpResult()
    fields = None
    family = _family(gateway)
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as sock:
            if bind_address:
                with contextlib.suppress(OSError):  # a stale local address: let the OS choose
                    sock.bind((bind_address, 0))
            if family == socket.AF_INET:
                sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
            target = (gateway, ssdp_port)
            if family == socket.AF_INET6:
                target = socket.getaddrinfo(gateway, ssdp_port, family, socket.SOCK_DGRAM,
                                            flags=socket.AI_NUMERICHOST)[0][4]
            for st in SEARCH_TARGETS:
                sock.sendto(m_search(st), target)
            fields = _collect(sock, gateway, min(time.monotonic() + unicast_wait, deadline.end),
                              result, cancel)
            result.via = "unicast" if fields else None
            same_family = (":" in multicast_group) == (family == socket.AF_INET6)
            if fields is None and multicast and same_family and deadline.remaining() > 0.3:
                group_target = (multicast_group, ssdp_port)
                for st in SEARCH_TARGETS:
                    sock.sendto(m_search(st), group_target)
                # MX is 1 s: answers come within it; leave time to fetch the description
                until = min(time.monotonic() + MULTICAST_WAIT,
                            deadline.end - min(1.0, deadline.remaining() / 2))
                fields = _collect(sock, gateway, until, result, cancel)
                result.via = "multicast" if fields else None
    except OSError as exc:
        result.error = f"{type(exc).__name__}: {exc}"[:200]
    if fields:
        result.server = http_banner.clean_text(fields.get("server", "")) or None
        result.location = fields.get("location")
        result.description = fetch_description(gateway, result.location or "", deadline=deadline,
                                               connect=connect, result=result)
    result.elapsed = time.monotonic() - started
    return result


def fetch_description(gateway: str, location: str, *, deadline: Deadline,
                      connect: Connector | None = None,
                      result: UpnpResult | None = None) -> DeviceDescription | None:
    """GET the description at ``location`` (which must be on the gateway), within the bounds."""
    parts = urlsplit(location)
    if parts.scheme not in ("http", "https") or not _same_address(parts.hostname, gateway):
        if result is not None:
            result.ignored.append(f"LOCATION {location[:120]!r} is not on the gateway")
        return None
    tls = parts.scheme == "https"
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        port = parts.port or (443 if tls else 80)
        response = http_banner.fetch(gateway, port, tls, path,
                                     deadline=Deadline(http_banner.REQUEST_TIMEOUT, deadline.end),
                                     connect=connect)
        if response.status not in (None, 200):
            raise ValueError(f"HTTP status {response.status}")
        return parse_description(response.body)
    except (http_banner.BannerError, OSError, ValueError) as exc:
        if result is not None:
            result.error = f"description: {type(exc).__name__}: {exc}"[:200]
        return None


def observations(result: UpnpResult) -> list[http_banner.Observation]:
    found = []
    where = result.location or "ssdp"
    if result.server:
        found.append(http_banner.Observation("ssdp_server", result.server, where))
    desc = result.description
    if desc:
        for source, value in (("upnp_manufacturer", desc.manufacturer),
                              ("upnp_model", desc.model_name),
                              ("upnp_model", desc.model_number),
                              ("upnp_friendly_name", desc.friendly_name)):
            if value and not any(o.source == source and o.text == value for o in found):
                found.append(http_banner.Observation(source, value, where))
    return found
