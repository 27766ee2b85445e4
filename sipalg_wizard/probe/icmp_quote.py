"""Reading the quote inside an ICMP error about a UDP packet we sent.

When a router drops a packet because its TTL ran out it answers with ICMP Time Exceeded, quoting
the packet *as it left the routers before it* — after any SIP ALG on the way. RFC 1812 asks for as
much as fits in 576 bytes (Linux does that); many routers quote only the IP header and 8 bytes,
i.e. the UDP header (ports, length, checksum).

Two ways in:

* Linux, unprivileged: a UDP socket with ``IP_RECVERR`` gets the error in its error queue
  (``recvmsg(MSG_ERRQUEUE)``): a ``sock_extended_err`` control message names the offending router
  and the data is the quoted UDP *payload* (the kernel strips the quoted IP and UDP headers, so an
  8-byte quote arrives as zero bytes);
* a raw ICMP socket (root / CAP_NET_RAW / Npcap): the whole ICMP message, including the quoted UDP
  header with its length and checksum.

Everything here is parsing of bytes from the network, so every length is checked.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
from dataclasses import dataclass

IP_RECVERR = getattr(socket, "IP_RECVERR", 11)  # linux/in.h
MSG_ERRQUEUE = getattr(socket, "MSG_ERRQUEUE", 0x2000)
SO_EE_ORIGIN_ICMP = 2
ICMP_DEST_UNREACH = 3
ICMP_TIME_EXCEEDED = 11
MAX_QUOTE = 2048  # an ICMP error is at most 576 bytes on a Linux router; never read more than this
_EXT_ERR = struct.Struct("=IBBBBII")  # ee_errno, ee_origin, ee_type, ee_code, ee_pad, ee_info, ee_data


@dataclass(frozen=True)
class IcmpQuote:
    """One ICMP error about one of our UDP packets, and what it quoted."""

    offender: str | None  # the router that sent the ICMP error
    icmp_type: int
    icmp_code: int
    payload: bytes  # the quoted UDP payload (empty for an 8-byte quote)
    udp_length: int | None = None  # from the quoted UDP header (raw sources only)
    udp_checksum: int | None = None
    inner_src: tuple[str, int] | None = None  # the quoted packet's source, as it reached us
    inner_dst: tuple[str, int] | None = None
    source: str = "errqueue"  # "errqueue" | "raw"

    @property
    def time_exceeded(self) -> bool:
        return self.icmp_type == ICMP_TIME_EXCEEDED


def parse_extended_err(data: bytes) -> tuple[int, int, int, int, str | None] | None:
    """``(errno, origin, type, code, offender)`` of a ``sock_extended_err`` control message."""
    if len(data) < _EXT_ERR.size:
        return None
    errno, origin, icmp_type, code, _pad, _info, _data = _EXT_ERR.unpack_from(data)
    offender = None
    addr = data[_EXT_ERR.size:]
    if len(addr) >= 8 and int.from_bytes(addr[:2], "little") == socket.AF_INET:
        offender = socket.inet_ntoa(addr[4:8])
    return errno, origin, icmp_type, code, offender


def read_error_queue(sock: socket.socket) -> IcmpQuote | None:
    """One ICMP error from ``sock``'s error queue (``IP_RECVERR`` set), or None when it is empty or
    the entry is not an ICMP error (a local error such as EMSGSIZE)."""
    try:
        data, ancdata, _flags, _addr = sock.recvmsg(MAX_QUOTE, 512, MSG_ERRQUEUE)
    except (BlockingIOError, InterruptedError):
        return None
    for level, kind, cdata in ancdata:
        if level == socket.IPPROTO_IP and kind == IP_RECVERR:
            parsed = parse_extended_err(cdata)
            if parsed is None or parsed[1] != SO_EE_ORIGIN_ICMP:
                return None
            _errno, _origin, icmp_type, code, offender = parsed
            return IcmpQuote(offender, icmp_type, code, bytes(data[:MAX_QUOTE]))
    return None


def parse_icmp_packet(packet: bytes) -> IcmpQuote | None:
    """An IPv4 packet carrying an ICMP Time Exceeded or Destination Unreachable that quotes a UDP
    packet; None for anything else or anything malformed."""
    if len(packet) < 20 or packet[0] >> 4 != 4:
        return None
    ihl = (packet[0] & 0x0F) * 4
    if ihl < 20 or packet[9] != socket.IPPROTO_ICMP or len(packet) < ihl + 8 + 20:
        return None
    offender = socket.inet_ntoa(packet[12:16])
    icmp_type, code = packet[ihl], packet[ihl + 1]
    if icmp_type not in (ICMP_TIME_EXCEEDED, ICMP_DEST_UNREACH):
        return None
    inner = packet[ihl + 8:ihl + 8 + MAX_QUOTE]
    if inner[0] >> 4 != 4:
        return None
    inner_ihl = (inner[0] & 0x0F) * 4
    if inner_ihl < 20 or inner[9] != socket.IPPROTO_UDP or len(inner) < inner_ihl + 8:
        return None
    src, dst = socket.inet_ntoa(inner[12:16]), socket.inet_ntoa(inner[16:20])
    sport, dport, length, checksum = struct.unpack_from("!HHHH", inner, inner_ihl)
    return IcmpQuote(offender, icmp_type, code, bytes(inner[inner_ihl + 8:]), length, checksum,
                     (src, sport), (dst, dport), source="raw")


def _fold(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return total


def internet_checksum(data: bytes) -> int:
    """The RFC 1071 checksum of an IP or ICMP header (and the like)."""
    return ~_fold(data) & 0xFFFF


def _pseudo_header(src: str, dst: str, length: int) -> bytes:
    return (ipaddress.IPv4Address(src).packed + ipaddress.IPv4Address(dst).packed
            + struct.pack("!BBH", 0, socket.IPPROTO_UDP, length))


def udp_checksum(src: str, dst: str, sport: int, dport: int, payload: bytes) -> int:
    """The IPv4 UDP checksum (RFC 768) of ``payload`` between these endpoints."""
    length = 8 + len(payload)
    data = _pseudo_header(src, dst, length) + struct.pack("!HHHH", sport, dport, length, 0) + payload
    return (~_fold(data) & 0xFFFF) or 0xFFFF


def offload_checksum(src: str, dst: str, length: int) -> int:
    """What the checksum field holds while the network card is still to compute it (checksum
    offload: only the pseudo-header's sum is there). A quote of such a packet — virtual links in a
    lab, some hosts' own routers — has nothing to compare."""
    return _fold(_pseudo_header(src, dst, length))


def nat_adjusted(checksum: int, old_ip: str, new_ip: str) -> int:
    """``checksum`` after the incremental update (RFC 1624) a NAT makes when it changes the
    source address from ``old_ip`` to ``new_ip`` (ports unchanged)."""
    total = ~checksum & 0xFFFF
    for old, new in zip(struct.unpack("!HH", ipaddress.IPv4Address(old_ip).packed),
                        struct.unpack("!HH", ipaddress.IPv4Address(new_ip).packed), strict=True):
        total += (~old & 0xFFFF) + new
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF
