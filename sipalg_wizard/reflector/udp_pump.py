"""A UDP listener that reads and answers datagrams in batches (``_udpbatch.c``: recvmmsg/sendmmsg).

Why: once the answer itself is compiled (fastpath.py), the event loop's per-datagram work — a
wake-up, a recvmsg, a Python callback and a sendto for every request — is the largest cost left per
request. The pump asks the loop only "is the socket readable?", then takes up to ``BATCH`` datagrams
per system call, answers them with ``Reflector.handle_udp_batch`` (the same answers, rate limits,
logs and metrics as ``handle`` one by one), and sends all the answers with one call. When requests
are not logged one by one (``--quiet``), the compiled loop ``_udpbatch.serve`` does even that per
datagram — rate limits through the reflector's own limiters, the compiled answer, the pinholes,
counts for the metrics — and hands back only what the Python path must answer. Where the extension
was not compiled, ``AVAILABLE`` is False and the server keeps asyncio's datagram endpoint.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from typing import TYPE_CHECKING

from sipalg_wizard.reflector import fastpath
from sipalg_wizard.reflector.metrics import LATENCY_BUCKETS
from sipalg_wizard.sip import protocol

try:
    from sipalg_wizard.reflector import _udpbatch
except ImportError:  # not compiled here
    _udpbatch = None
else:
    if fastpath.AVAILABLE:  # the serving loop calls the compiled answer builder directly
        _udpbatch.configure(protocol.PINHOLE_MAGIC, protocol.PINHOLE_PAYLOAD, protocol.PINHOLE_COUNT,
                            protocol.UDP_IP_OVERHEAD, LATENCY_BUCKETS)

if TYPE_CHECKING:
    from sipalg_wizard.reflector import callbacks
    from sipalg_wizard.reflector.handler import Reflector

AVAILABLE = _udpbatch is not None
BATCH = 64  # datagrams per system call (the C side's buffers)
MAX_BATCHES = 8  # per wake-up, so streams and timers get their turn under a flood

log = logging.getLogger("sipalg.reflector")


class UdpPump:
    """One bound UDP socket served in batches; ``sendto``/``is_closing`` let delayed callbacks
    (reflector/callbacks.py) use it like an asyncio datagram transport."""

    def __init__(self, reflector: Reflector, port: int, sock: socket.socket):
        self.reflector = reflector
        self.port = port
        self.sock = sock
        self._fd = sock.fileno()
        self._closed = False
        asyncio.get_running_loop().add_reader(self._fd, self._readable)

    @classmethod
    def open(cls, reflector: Reflector, host: str, port: int, reuse_port: bool,
             receive_buffer: int) -> UdpPump:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_DGRAM)
        try:
            if reuse_port:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            with contextlib.suppress(OSError):  # the kernel caps it at net.core.rmem_max
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
            sock.bind((host, port))
            sock.setblocking(False)
            return cls(reflector, port, sock)
        except BaseException:
            sock.close()
            raise

    def _readable(self) -> None:
        native = self.reflector.native_udp_args()
        if native is not None:
            self._serve_natively(native)
            return
        for _ in range(MAX_BATCHES):
            try:
                batch = _udpbatch.recv_many(self._fd, BATCH)
            except OSError as exc:
                log.debug("udp receive error: %s", exc)
                return
            out: list[tuple[bytes, str, int]] = []
            self.reflector.handle_udp_batch(batch, self.port, out, self._arm)
            if out:
                self._send(out)
            if len(batch) < BATCH:
                return

    def _serve_natively(self, args: tuple) -> None:
        """The compiled loop answers what it can (rate limits through the reflector's own
        limiters) and hands the rest back for the Python path."""
        for _ in range(MAX_BATCHES):
            try:
                received, leftovers, counts = _udpbatch.serve(self._fd, BATCH, self.port, *args)
            except Exception:  # a bug or memory exhaustion: this batch is lost, the server lives
                self.reflector.metrics.counters["errors"] += 1
                log.exception("internal error in the compiled UDP loop")
                return
            self.reflector.account_native(counts)
            if leftovers:
                out: list[tuple[bytes, str, int]] = []
                self.reflector.handle_udp_leftovers(leftovers, self.port, out, self._arm)
                self._send(out)
            if received < BATCH:
                return

    def _send(self, out: list[tuple[bytes, str, int]]) -> None:
        try:
            _udpbatch.send_many(self._fd, out)
        except (OSError, ValueError) as exc:  # never expected; never fatal either
            log.warning("udp send error: %s", exc)

    def _arm(self, plan: callbacks.Plan, addr: tuple) -> None:
        self.reflector.callbacks.arm(plan, self, addr)

    def sendto(self, data: bytes, addr: tuple) -> None:
        if not self._closed:
            with contextlib.suppress(OSError):  # UDP: a refused or full send is a lost datagram
                self.sock.sendto(data, addr[:2])

    def is_closing(self) -> bool:
        return self._closed

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):
            asyncio.get_running_loop().remove_reader(self._fd)
        self.sock.close()
