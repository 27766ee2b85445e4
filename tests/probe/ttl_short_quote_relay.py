"""Lab helper: make the ISP hop quote only 8 bytes, like many non-Linux routers.

Run inside the lab's ISP namespace (root). The namespace's nftables drop UDP packets that arrive
with TTL 1 before the kernel can answer them (with its full 576-byte quote); this process sees
those packets first on a packet socket and answers each with an ICMP Time Exceeded that quotes the
IP header and the first 8 bytes after it (RFC 792), i.e. the UDP header only. It prints ``ready``
once listening and stops when stdin closes or after ``--seconds``.
"""

from __future__ import annotations

import argparse
import select
import socket
import struct
import sys
import time

from sipalg_wizard.probe.icmp_quote import internet_checksum

ETH_P_IP = 0x0800


def time_exceeded(packet: bytes) -> bytes:
    ihl = (packet[0] & 0x0F) * 4
    quote = packet[: ihl + 8]
    header = struct.pack("!BBHI", 11, 0, 0, 0)
    return struct.pack("!BBHI", 11, 0, internet_checksum(header + quote), 0) + quote


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--interface", default="cpe0")
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    sniff = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_IP))
    sniff.bind((args.interface, ETH_P_IP))
    icmp = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    print("ready", flush=True)
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        readable, _, _ = select.select([sniff, sys.stdin], [], [], 0.2)
        if sys.stdin in readable and not sys.stdin.readline():
            break
        if sniff not in readable:
            continue
        packet, (_, _, pkttype, _, _) = sniff.recvfrom(65535)
        if pkttype == socket.PACKET_OUTGOING or len(packet) < 28 or packet[0] >> 4 != 4:
            continue
        if packet[8] == 1 and packet[9] == socket.IPPROTO_UDP:
            icmp.sendto(time_exceeded(packet), (socket.inet_ntoa(packet[12:16]), 0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
