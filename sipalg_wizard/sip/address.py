"""Addresses as SIP text writes them: ``ip:port`` with IPv6 in brackets, IPv4 without the
IPv4-mapped IPv6 wrapping a dual-stack socket reports."""

from __future__ import annotations

import ipaddress


def host_port(ip: str, port: int) -> str:
    """``ip:port`` with IPv6 in brackets, as SIP writes it."""
    return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"


def uri_host(ip: str) -> str:
    return f"[{ip}]" if ":" in ip else ip


def plain_ip(ip: str) -> str:
    """An address as text without IPv4-mapped IPv6 wrapping (``::ffff:1.2.3.4`` -> ``1.2.3.4``)."""
    try:
        addr = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return ip
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        return str(addr.ipv4_mapped)
    return str(addr)
