"""Small helpers for host/port text that users type or profiles carry."""

from __future__ import annotations

import ipaddress
import re

_HOSTNAME = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?)+$")


def parse_host_port(text: str, default_port: int) -> tuple[str, int]:
    """Split ``HOST``, ``HOST:PORT``, ``[V6]`` or ``[V6]:PORT``; raise ValueError with a reason."""
    text = text.strip()
    if not text:
        raise ValueError("empty address")
    if text.startswith("["):
        host, sep, rest = text[1:].partition("]")
        if not sep:
            raise ValueError(f"missing ']' in {text!r}")
        ipaddress.IPv6Address(host.split("%")[0])
        port_text = rest[1:] if rest.startswith(":") else None
        if rest and not rest.startswith(":"):
            raise ValueError(f"unexpected text after ']' in {text!r}")
    elif text.count(":") > 1:  # bare IPv6 address without a port
        ipaddress.IPv6Address(text.split("%")[0])
        host, port_text = text, None
    else:
        host, _, port_text = text.partition(":")
        port_text = port_text or None
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            if not _HOSTNAME.match(host):
                raise ValueError(f"{host!r} is neither an IP address nor a host name") from None
    port = default_port
    if port_text is not None:
        if not (port_text.isascii() and port_text.isdigit()) or not 1 <= int(port_text) <= 65535:
            raise ValueError(f"port must be a number from 1 to 65535, not {port_text!r}")
        port = int(port_text)
    return host, port
