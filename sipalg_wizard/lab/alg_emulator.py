"""A user-space SIP ALG for the lab's router namespace: a transparent middlebox with named faults.

How it sits in the path (all inside the router namespace, installed and removed by this process):

* an nftables ``redirect`` sends LAN -> WAN SIP (udp/tcp dport 5060 arriving on ``lan0``) to the
  relay port on the router itself; conntrack remembers the original destination, so the relay's
  replies to the client (sent from the redirected socket) leave with the reflector's address again;
* the relay keeps NAT semantics: upstream it sends from the router's WAN address, from the
  client's own port (port-preserving) or a random one (``random_ports``), one binding per client
  ``ip:port`` with a lifetime; responses are mapped back through the same binding;
* each message is mangled by the profile (``sipalg_wizard.lab.mangle``) on its way through.

Upstream target: over **TCP** it is the redirect's original destination (``SO_ORIGINAL_DST``). For
**UDP** the kernel gives no such thing to a ``redirect``-ed socket, so it is configured
(``--upstream``, the address the lab knows the reflector at; port 5060, the only one redirected).

Other pieces: ``block_udp`` is a plain nft drop rule (no relay); ``pinhole`` adds an nft DNAT rule
for the SDP media port towards the client, like a conntrack expectation (only from the upstream).

Run (as root, in the router namespace)::

    python -m sipalg_wizard.lab.alg_emulator --profile full --wan-ip 203.0.113.1 \\
        --upstream 203.0.113.10

It prints ``ready`` on standard output once the rules and sockets are in place, one line per
message on standard error (what it did), and removes its nft table when stopped (SIGINT/SIGTERM).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import logging
import random
import signal
import socket
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field

from sipalg_wizard.lab import mangle
from sipalg_wizard.lab.mangle import BEHAVIOURS, Behaviour, Flow
from sipalg_wizard.sip.message import MAX_MESSAGE, SipParseError, frame

log = logging.getLogger("sipalg_wizard.lab.alg_emulator")

SIP_PORT = 5060
RELAY_PORT = 15060
TABLE = "sawalg"
SO_ORIGINAL_DST = 80  # linux/netfilter_ipv4.h
MAX_BINDINGS = 1024
MAX_PINHOLES = 64
TCP_CONNECT_TIMEOUT = 3.0
TCP_IDLE_TIMEOUT = 30.0


def ruleset(behaviour: Behaviour, *, relay_port: int = RELAY_PORT, lan_if: str = "lan0") -> str:
    """The nftables table this emulator needs in the router (redirects, drop rule, pinhole chain);
    the ALG's port is ``behaviour.port`` (5060 unless moved)."""
    rules = []
    port = behaviour.port
    if behaviour.block_udp:
        rules.append(f'iifname "{lan_if}" udp dport {port} drop')
    else:
        if behaviour.udp:
            rules.append(f'iifname "{lan_if}" udp dport {port} redirect to :{relay_port}')
        if behaviour.tcp:
            rules.append(f'iifname "{lan_if}" tcp dport {port} redirect to :{relay_port}')
    body = "\n        ".join(rules)
    hook = "filter hook prerouting priority filter" if behaviour.block_udp else \
        "nat hook prerouting priority dstnat"
    return f"""
table ip {TABLE} {{
    chain sip {{
        type {hook}; policy accept;
        {body}
    }}
    chain pinholes {{
        type nat hook prerouting priority dstnat; policy accept;
    }}
}}
"""


def nft(script: str) -> None:
    result = subprocess.run(["nft", "-f", "-"], input=script, capture_output=True, text=True,
                            timeout=10)
    if result.returncode != 0:
        raise RuntimeError(f"nft failed: {result.stderr.strip()}")


def original_dst(sock: socket.socket) -> tuple[str, int]:
    """Where a redirected TCP connection was going (IPv4 ``SO_ORIGINAL_DST``)."""
    raw = sock.getsockopt(socket.SOL_IP, SO_ORIGINAL_DST, 16)
    port, addr = struct.unpack_from("!2xH4s", raw)
    return socket.inet_ntoa(addr), port


def upstream_socket(kind: int, wan_ip: str, port: int, random_ports: bool) -> socket.socket:
    """A socket bound on the WAN address: the client's port when free (port-preserving NAT),
    else (or for symmetric NAT) a random one."""
    sock = socket.socket(socket.AF_INET, kind)
    if kind == socket.SOCK_STREAM:  # reuse a port in TIME_WAIT; a UDP port must stay exclusive
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setblocking(False)
    try:
        sock.bind((wan_ip, random.randint(20000, 60000) if random_ports else port))
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            sock.close()
            raise
        sock.bind((wan_ip, 0))
    return sock


def _summary(data: bytes) -> str:
    line = data.split(b"\r\n", 1)[0][:60].decode("utf-8", "replace")
    return line or f"{len(data)} bytes"


def _diff(before: bytes, after: bytes) -> str:
    if before == after:
        return "unchanged"
    old = set(before.split(b"\r\n"))
    changed = [f"sdp {line[:2].decode('ascii', 'replace')}" if line[1:2] == b"=" else
               line.split(b":", 1)[0].decode("utf-8", "replace")[:20]
               for line in after.split(b"\r\n") if line and line not in old]
    new = set(after.split(b"\r\n"))
    removed = [line.split(b":", 1)[0].decode("utf-8", "replace")[:20]
               for line in before.split(b"\r\n") if b":" in line and line not in new]
    parts = []
    if changed:
        parts.append("changed " + ", ".join(dict.fromkeys(changed)))
    if removed and not changed:
        parts.append("removed " + ", ".join(dict.fromkeys(removed)))
    return "; ".join(parts) or "reordered"


@dataclass
class Binding:
    client: tuple[str, int]
    public_port: int
    transport: asyncio.DatagramTransport
    last_used: float = field(default_factory=time.monotonic)


class _Upstream(asyncio.DatagramProtocol):
    """Receives the server's datagrams for one binding and passes them back to the client."""

    def __init__(self, emulator: Emulator, client: tuple[str, int]) -> None:
        self.emulator, self.client = emulator, client

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.emulator.from_upstream(self.client, data)

    def error_received(self, exc: Exception) -> None:  # ICMP unreachable etc.: a NAT drops it
        log.debug("upstream error for %s: %s", self.client, exc)


class _Listener(asyncio.DatagramProtocol):
    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.emulator.from_client(data, addr)


class Emulator:
    """The relay. ``start()`` binds the sockets (the caller installs ``ruleset()``)."""

    def __init__(self, behaviour: Behaviour, *, wan_ip: str, upstream: str,
                 relay_port: int = RELAY_PORT, wan_if: str = "wan0",
                 binding_lifetime: float | None = None, install_pinholes: bool = True) -> None:
        self.behaviour = behaviour
        self.wan_ip, self.upstream, self.relay_port, self.wan_if = wan_ip, upstream, relay_port, wan_if
        self.lifetime = binding_lifetime or behaviour.binding_lifetime
        self.install_pinholes = install_pinholes
        self.bindings: dict[tuple[str, int], Binding] = {}
        self.pinholes: set[tuple[str, int]] = set()
        self.listener: asyncio.DatagramTransport | None = None
        self.server: asyncio.AbstractServer | None = None
        self.tasks: set[asyncio.Task] = set()
        self.queue: asyncio.Queue[tuple[bytes, tuple[str, int]]] = asyncio.Queue()

    # -- life cycle ---------------------------------------------------------------------------
    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        if not self.behaviour.relays:
            return
        if self.behaviour.udp:
            self.listener, _ = await loop.create_datagram_endpoint(
                lambda: _Listener(self), local_addr=("0.0.0.0", self.relay_port),
                reuse_port=False)
            self._spawn(self._sweep())
            self._spawn(self._udp_worker())
        if self.behaviour.tcp:
            self.server = await asyncio.start_server(self._tcp_client, "0.0.0.0", self.relay_port,
                                                     reuse_address=True)

    async def stop(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        if self.listener:
            self.listener.close()
        for binding in self.bindings.values():
            binding.transport.close()
        self.bindings.clear()
        if self.server:
            self.server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.server.wait_closed(), 1.0)

    def _spawn(self, coro) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    # -- UDP ------------------------------------------------------------------------------------
    def from_client(self, data: bytes, client: tuple[str, int]) -> None:
        b = self.behaviour
        if b.max_udp_bytes is not None and len(data) > b.max_udp_bytes:
            log.info("udp %s:%d -> dropped %s (%d bytes > %d)", *client, _summary(data), len(data),
                     b.max_udp_bytes)
            return
        if self.queue.qsize() < MAX_BINDINGS:
            self.queue.put_nowait((data, client))

    async def _udp_worker(self) -> None:
        """One at a time, in arrival order, so a client's first datagrams share one binding."""
        while True:
            data, client = await self.queue.get()
            try:
                await self._udp_out(data, client)
            except OSError as exc:
                log.info("udp %s:%d: %s", *client, exc)

    async def _udp_out(self, data: bytes, client: tuple[str, int]) -> None:
        if mangle.dropped(data, self.behaviour):
            log.info("udp %s:%d -> dropped %s", *client, _summary(data))
            return
        answer = mangle.local_answer(data, self.behaviour)
        if answer is not None and self.listener is not None:
            # Answered here, from the redirected socket: the client sees the server's address.
            log.info("udp %s:%d -> %s: answered by the router (%s)", *client, _summary(data),
                     _summary(answer))
            self.listener.sendto(answer, client)
            return
        binding = self.bindings.get(client)
        if binding is None:
            if len(self.bindings) >= MAX_BINDINGS:
                log.warning("binding table full; dropping %s:%d", *client)
                return
            sock = upstream_socket(socket.SOCK_DGRAM, self.wan_ip, client[1], self.behaviour.random_ports)
            try:
                sock.connect((self.upstream, self.behaviour.port))
                loop = asyncio.get_running_loop()
                transport, _ = await loop.create_datagram_endpoint(lambda: _Upstream(self, client),
                                                                   sock=sock)
            except BaseException:
                sock.close()
                raise
            binding = Binding(client, sock.getsockname()[1], transport)
            self.bindings[client] = binding
            log.info("udp binding %s:%d <-> %s:%d", *client, self.wan_ip, binding.public_port)
        binding.last_used = time.monotonic()
        flow = Flow(client[0], client[1], self.wan_ip, binding.public_port)
        out = mangle.outbound(data, self.behaviour, flow, "udp")
        log.info("udp %s:%d -> %s: %s", *client, _summary(data), _diff(data, out))
        await self._pinholes(data, client[0])  # like an expectation: in place before the message
        binding.transport.sendto(out)

    def from_upstream(self, client: tuple[str, int], data: bytes) -> None:
        binding = self.bindings.get(client)
        if binding is None or self.listener is None:
            return
        binding.last_used = time.monotonic()
        flow = Flow(client[0], client[1], self.wan_ip, binding.public_port)
        back = mangle.inbound(data, self.behaviour, flow)
        log.info("udp %s:%d <- %s: %s", *client, _summary(data), _diff(data, back))
        self.listener.sendto(back, client)

    async def _sweep(self) -> None:
        """Forget bindings idle longer than their lifetime (the port closes: late answers drop)."""
        while True:
            await asyncio.sleep(min(self.lifetime / 4, 1.0))
            now = time.monotonic()
            for client, binding in list(self.bindings.items()):
                if now - binding.last_used > self.lifetime:
                    binding.transport.close()
                    del self.bindings[client]
                    log.info("udp binding %s:%d expired after %.1f s", *client, self.lifetime)

    # -- pinholes -------------------------------------------------------------------------------
    async def _pinholes(self, data: bytes, client_ip: str) -> None:
        if not self.behaviour.pinhole:
            return
        for port in mangle.pinhole_ports(data, client_ip):
            for media_port in (port, port + 1):  # RTP and RTCP
                key = (client_ip, media_port)
                if key in self.pinholes or len(self.pinholes) >= MAX_PINHOLES or media_port > 65535:
                    continue
                self.pinholes.add(key)
                log.info("pinhole %s:%d -> %s:%d (from %s)", self.wan_ip, media_port, client_ip,
                         media_port, self.upstream)
                if self.install_pinholes:
                    rule = (f'add rule ip {TABLE} pinholes iifname "{self.wan_if}" ip saddr '
                            f'{self.upstream} ip daddr {self.wan_ip} udp dport {media_port} '
                            f'dnat to {client_ip}\n')
                    await asyncio.to_thread(nft, rule)

    # -- TCP ------------------------------------------------------------------------------------
    async def _tcp_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        client = writer.get_extra_info("peername")[:2]
        up_writer = None
        try:
            target = original_dst(writer.get_extra_info("socket"))
            sock = upstream_socket(socket.SOCK_STREAM, self.wan_ip, client[1], self.behaviour.random_ports)
            loop = asyncio.get_running_loop()
            try:
                await asyncio.wait_for(loop.sock_connect(sock, target), TCP_CONNECT_TIMEOUT)
            except BaseException:
                sock.close()
                raise
            up_reader, up_writer = await asyncio.open_connection(sock=sock)
            flow = Flow(client[0], client[1], self.wan_ip, sock.getsockname()[1])
            log.info("tcp %s:%d <-> %s:%d -> %s:%d", *client, self.wan_ip, flow.public_port, *target)
            await asyncio.gather(
                self._pump(reader, up_writer, lambda d: mangle.outbound(d, self.behaviour, flow, "tcp"),
                           f"tcp {client[0]}:{client[1]} ->", flow if self.behaviour.pinhole else None),
                self._pump(up_reader, writer, lambda d: mangle.inbound(d, self.behaviour, flow),
                           f"tcp {client[0]}:{client[1]} <-", None))
        except (TimeoutError, OSError) as exc:
            log.info("tcp %s:%d: %s", *client, exc or type(exc).__name__)
        finally:
            for w in (writer, up_writer):
                if w is not None:
                    w.close()

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, change,
                    label: str, pinhole_flow: Flow | None) -> None:
        """Copy one direction message by message (framed by Content-Length), mangling each; bytes
        that cannot be framed within 64 KB are passed on as they are."""
        buffer = b""
        try:
            while True:
                chunk = await asyncio.wait_for(reader.read(16384), TCP_IDLE_TIMEOUT)
                if not chunk:
                    break
                buffer += chunk
                while (split := _frame(buffer)) is not None:
                    message, buffer = split
                    out = change(message)
                    log.info("%s %s: %s", label, _summary(message.lstrip()), _diff(message, out))
                    if pinhole_flow is not None:
                        await self._pinholes(message, pinhole_flow.private_ip)
                    writer.write(out)
                if len(buffer) > MAX_MESSAGE:
                    writer.write(buffer)
                    buffer = b""
                await writer.drain()
        finally:
            if buffer:
                writer.write(buffer)
            with contextlib.suppress(OSError):
                if writer.can_write_eof():
                    writer.write_eof()


def _frame(buffer: bytes) -> tuple[bytes, bytes] | None:
    """The next message of a stream as a router frames it: leniently (a head without
    Content-Length is a message without body), keep-alive CRLFs before it passed on with it, and
    None (wait, then pass the bytes on as they are) when no message can be framed."""
    try:
        split = frame(buffer, lenient=True)
    except SipParseError:
        return None
    if split is None:
        return None
    rest = split[1]
    return buffer[: len(buffer) - len(rest)], rest


async def _serve(args: argparse.Namespace) -> None:
    behaviour = BEHAVIOURS[args.profile]
    emulator = Emulator(behaviour, wan_ip=args.wan_ip, upstream=args.upstream,
                        relay_port=args.relay_port, wan_if=args.wan_if,
                        binding_lifetime=args.binding_lifetime)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await emulator.start()
    nft(ruleset(behaviour, relay_port=args.relay_port, lan_if=args.lan_if))
    try:
        print("ready", flush=True)
        log.info("ALG emulator '%s': %s", behaviour.name, behaviour.description)
        await stop.wait()
    finally:
        await emulator.stop()
        with contextlib.suppress(Exception):
            nft(f"delete table ip {TABLE}\n")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m sipalg_wizard.lab.alg_emulator",
                                description="A user-space SIP ALG for the namespace lab's router.")
    p.add_argument("--profile", required=True, choices=sorted(BEHAVIOURS))
    p.add_argument("--wan-ip", required=True, help="the router's WAN address (upstream source)")
    p.add_argument("--upstream", required=True, help="where UDP SIP goes (the reflector's address)")
    p.add_argument("--relay-port", type=int, default=RELAY_PORT)
    p.add_argument("--lan-if", default="lan0")
    p.add_argument("--wan-if", default="wan0")
    p.add_argument("--binding-lifetime", type=float, default=None,
                   help="seconds an idle UDP binding lives (default: the profile's)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="alg: %(message)s", stream=sys.stderr)
    try:
        asyncio.run(_serve(args))
    except (OSError, RuntimeError) as exc:
        print(f"alg_emulator: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
