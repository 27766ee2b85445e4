"""Flood traffic for the reflector's tests and benchmark: UDP datagrams from many source addresses.

Loopback is a whole /8 on Linux: every 127.x.y.z is a local address, so datagrams "from" 65 000
different addresses need no namespace and never leave the machine. A raw socket (root) writes the
IP and UDP headers itself, which is also how a spoofed-source request is made. Destinations other
than loopback are refused here, whatever the caller asks.
"""

from __future__ import annotations

import contextlib
import ipaddress
import random
import select
import socket
import struct
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


class NotLoopback(PermissionError):
    """Flood traffic goes to loopback only."""


def _checked(address: str) -> str:
    if not ipaddress.ip_address(address).is_loopback:
        raise NotLoopback(f"refusing to send flood traffic to {address}: loopback only")
    return address


def udp_packet(src: tuple[str, int], dst: tuple[str, int], payload: bytes) -> bytes:
    """An IPv4 + UDP packet (UDP checksum 0 = none, allowed over IPv4; the kernel fills the IP id
    and checksum when left 0 on a raw IPPROTO_RAW socket)."""
    total = 20 + 8 + len(payload)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, 0, 0, 64, socket.IPPROTO_UDP, 0,
                     socket.inet_aton(src[0]), socket.inet_aton(dst[0]))
    udp = struct.pack("!HHHH", src[1], dst[1], 8 + len(payload), 0)
    return ip + udp + payload


class RawSender:
    """Sends UDP datagrams with any loopback source address (root: CAP_NET_RAW)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
        self.sent = 0
        self.bytes = 0

    def send(self, src: tuple[str, int], dst: tuple[str, int], payload: bytes) -> None:
        _checked(src[0])
        _checked(dst[0])
        try:
            self.sock.sendto(udp_packet(src, dst, payload), (dst[0], 0))
        except BlockingIOError:
            return
        self.sent += 1
        self.bytes += len(payload)

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> RawSender:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def many_sources(count: int, seed: int = 1, net: str = "127.64.0.0/10") -> Iterator[tuple[str, int]]:
    """``count`` (address, port) pairs spread over a loopback range (default ~4 M addresses)."""
    rng = random.Random(seed)
    network = ipaddress.ip_network(net)
    size = network.num_addresses - 2
    for _ in range(count):
        ip = str(network.network_address + 1 + rng.randrange(size))
        yield ip, rng.randrange(1024, 65536)


def junk(rng: random.Random) -> bytes:
    kind = rng.randrange(4)
    if kind == 0:
        return rng.randbytes(rng.randrange(1, 1400))
    if kind == 1:
        return b"OPTIONS sip:x SIP/2.0\r\nVia: broken\r\n\r\n"
    if kind == 2:
        return b"SIP/2.0 200 OK\r\nCSeq: 1 OPTIONS\r\n\r\n"
    return b"INVITE sip:a@b SIP/2.0\r\n" + b"X: " + b"y" * rng.randrange(10, 2000) + b"\r\n\r\n"


def flood(sender: RawSender, dst: tuple[str, int], sources: Iterable[tuple[str, int]],
          valid: bytes, valid_share: float = 0.5, seed: int = 2) -> int:
    """One datagram per source, a mix of ``valid`` requests and junk. Returns datagrams sent."""
    rng = random.Random(seed)
    for src in sources:
        sender.send(src, dst, valid if rng.random() < valid_share else junk(rng))
    return sender.sent


def rss_kib(pid: int) -> int:
    """Resident set size of a process (Linux /proc), KiB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise OSError(f"no VmRSS for {pid}")


def read_metrics(port: int, host: str = "127.0.0.1") -> dict[str, float]:
    """The reflector's unlabelled metrics (``/metrics`` on its ops port), by name without prefix."""
    import urllib.request

    with urllib.request.urlopen(f"http://{_checked(host)}:{port}/metrics", timeout=3) as reply:
        text = reply.read().decode()
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#") and "{" not in line:
            name, value = line.rsplit(" ", 1)
            out[name.removeprefix("sipalg_reflector_")] = float(value)
    return out


def wait_quiet(port: int, timeout: float = 10.0, poll: float = 0.3) -> dict[str, float]:
    """Metrics once the request counter stops moving (the reflector has read the flood)."""
    end, last = time.monotonic() + timeout, None
    while time.monotonic() < end:
        now = read_metrics(port)
        if last is not None and now["requests_total"] == last["requests_total"]:
            return now
        last = now
        time.sleep(poll)
    return last or read_metrics(port)


SEQ_MARK = b"lgseq##########"  # in a request template: replaced by "lgseq" + a 10-digit sequence number


@dataclass
class PacedLoad:
    """What :func:`paced_udp_load` measured: answers are matched to requests by sequence number."""

    rate: int
    sent: int
    answered: int
    send_seconds: float
    latencies: list[float]

    @property
    def lost(self) -> int:
        return self.sent - self.answered

    @property
    def offered(self) -> float:
        return self.sent / max(self.send_seconds, 1e-6)

    def percentile(self, share: float) -> float | None:
        ordered = sorted(self.latencies)
        return ordered[int(share * (len(ordered) - 1))] if ordered else None


def paced_udp_load(dst: tuple[str, int], template: bytes, rate: int, seconds: float, *,
                   sockets: int = 8, drain: float = 1.0, max_requests: int = 500_000) -> PacedLoad:
    """Send ``template`` (numbered through :data:`SEQ_MARK`) to loopback ``dst`` at ``rate``/s for
    ``seconds`` from ``sockets`` source ports, and count the answers that carry a number.

    A second generator for rates one single-threaded sipp cannot offer: non-blocking sockets, sends
    paced in ~1 ms batches, answers read between batches. Bounded: at most ``max_requests``
    datagrams and ``seconds + drain`` of wall time."""
    if SEQ_MARK not in template:
        raise ValueError("the template needs SEQ_MARK")
    host = _checked(dst[0])  # before any socket exists, so a refusal leaks none
    total = min(int(rate * seconds), max_requests)
    socks = []
    for _ in range(sockets):
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        sock.bind((host, 0))
        sock.setblocking(False)
        socks.append(sock)
    sent_at = [0.0] * total
    seen = bytearray(total)
    latencies: list[float] = []
    start = time.monotonic()
    sent = 0
    send_end = start + seconds
    with select.epoll() as poller:
        for sock in socks:
            poller.register(sock.fileno(), select.EPOLLIN)
        while len(latencies) < total:
            now = time.monotonic()
            if now > send_end + drain:
                break
            due = min(total, int((now - start) * rate) + 1)
            while sent < due:
                with contextlib.suppress(BlockingIOError):  # a full send buffer: counted as lost
                    socks[sent % sockets].sendto(template.replace(SEQ_MARK, b"lgseq%010d" % sent), dst)
                sent_at[sent] = now
                sent += 1
            if sent == total and send_end > now:
                send_end = now
            _read_answers(socks, sent_at, seen, latencies)
            poller.poll(0.001)
        sent_seconds = (send_end if sent == total else time.monotonic()) - start
    for sock in socks:
        sock.close()
    return PacedLoad(rate, sent, len(latencies), sent_seconds, latencies)


def _read_answers(socks: list[socket.socket], sent_at: list[float], seen: bytearray,
                  latencies: list[float]) -> None:
    now = time.monotonic()
    for sock in socks:
        while True:
            try:
                data = sock.recv(65535)
            except (BlockingIOError, ConnectionRefusedError):
                break
            at = data.find(b"lgseq")
            number = data[at + 5:at + 15]
            if at < 0 or not number.isdigit():
                continue
            seq = int(number)
            if seq < len(seen) and not seen[seq]:
                seen[seq] = 1
                latencies.append(now - sent_at[seq])
