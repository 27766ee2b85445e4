"""The reflector server: asyncio listeners on UDP, TCP and TLS around the transport-free
``handler.Reflector``, which answers each request with a protocol-v1 reflection.

What the listeners add to the handler's safety rules (``handler.py``): size caps on datagrams and
streams (framed by ``sip.message.frame``), a cap on concurrent connections and an idle timeout, and
a larger UDP receive buffer. Where the batch extension is built, UDP goes through ``udp_pump.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import ssl

from sipalg_wizard.reflector import fastpath, udp_pump
from sipalg_wizard.reflector.handler import Config, Reflector
from sipalg_wizard.reflector.metrics import Metrics
from sipalg_wizard.sip.address import plain_ip
from sipalg_wizard.sip.message import MAX_MESSAGE, SipParseError, frame

log = logging.getLogger("sipalg.reflector")

RECEIVE_BUFFER = 4 << 20  # UDP socket receive buffer: absorbs bursts (capped by net.core.rmem_max)


class _UdpProtocol(asyncio.DatagramProtocol):
    def __init__(self, reflector: Reflector, port: int):
        self.reflector = reflector
        self.port = port
        self.transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport

    def datagram_received(self, data: bytes, addr) -> None:
        try:
            answer = self.reflector.handle(data, addr[:2], "udp", self.port, budget=len(data))
        except Exception:  # never let one datagram stop the server
            log.exception("internal error on a datagram from %s", addr[0])
            return
        if answer.reply and self.transport is not None:
            self.transport.sendto(answer.reply, addr)
            for ip, port, payload in answer.pinholes:
                target = (ip, port) if len(addr) == 2 else (addr[0], port, 0, 0)
                self.transport.sendto(payload, target)
            if answer.callback is not None:  # only ever back to this datagram's own source
                self.reflector.callbacks.arm(answer.callback, self.transport, addr)

    def error_received(self, exc: Exception) -> None:  # ICMP errors from earlier sends
        log.debug("udp error: %s", exc)


class Server:
    """All listeners of one reflector; ``async with Server(config):`` or start()/close()."""

    def __init__(self, config: Config, metrics: Metrics | None = None):
        self.config = config
        self.metrics = metrics or Metrics()
        self.reflector = Reflector(config, self.metrics)
        self.metrics.gauges["tcp_open_connections"] = lambda: self._connections
        self._udp: list[asyncio.DatagramTransport | udp_pump.UdpPump] = []
        self._tcp: list[asyncio.Server] = []
        self._connections = 0

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        reuse_port = True if self.config.reuse_port else None
        try:
            for host in self.config.hosts:
                for port in dict.fromkeys([*self.config.udp_ports, *self.config.control_udp_ports]):
                    if self.reflector.fast and udp_pump.AVAILABLE:  # batched, see udp_pump.py
                        self._udp.append(udp_pump.UdpPump.open(self.reflector, host, port,
                                                               bool(reuse_port), RECEIVE_BUFFER))
                        continue
                    transport, _ = await loop.create_datagram_endpoint(
                        lambda port=port: _UdpProtocol(self.reflector, port), local_addr=(host, port),
                        reuse_port=reuse_port)
                    _grow_receive_buffer(transport)
                    self._udp.append(transport)
                for port in dict.fromkeys([*self.config.tcp_ports, *self.config.control_tcp_ports]):
                    self._tcp.append(await asyncio.start_server(
                        self._stream_handler("tcp", port), host, port, reuse_address=True,
                        reuse_port=reuse_port))
                if self.config.tls_port:
                    self._tcp.append(await asyncio.start_server(
                        self._stream_handler("tls", self.config.tls_port), host, self.config.tls_port,
                        ssl=self._tls_context(), reuse_address=True, ssl_handshake_timeout=5.0,
                        reuse_port=reuse_port))
        except BaseException:
            self.close()
            raise
        log.info("listening on %s udp %s tcp %s tls %s (rate limit %s/s per address, %s/s per "
                 "address:port; compiled UDP answer path %s)", ",".join(self.config.hosts),
                 sorted({*self.config.udp_ports, *self.config.control_udp_ports}),
                 sorted({*self.config.tcp_ports, *self.config.control_tcp_ports}),
                 self.config.tls_port or "off", self.config.rate_limit or "off",
                 self.config.port_rate_limit or "off", self._fast_path_state())

    def _fast_path_state(self) -> str:
        if self.reflector.fast:
            return "on"
        if not fastpath.AVAILABLE:
            return "not built (pure Python: a few thousand requests/s per core)"
        return "off"

    def healthy(self) -> bool:
        """Every listener open (what ``/healthz`` reports)."""
        return bool(self._udp or self._tcp) and all(not t.is_closing() for t in self._udp) \
            and all(s.is_serving() for s in self._tcp)

    def _tls_context(self) -> ssl.SSLContext:
        from sipalg_wizard.reflector.tlscert import server_context

        return server_context(self.config.tls_cert, self.config.tls_key)

    def _stream_handler(self, transport: str, port: int):
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            if self._connections >= self.config.max_connections:
                self.metrics.counters["tcp_rejected"] += 1
                writer.transport.abort()  # no FIN handshake to wait for: the cap must be cheap
                return
            self._connections += 1
            self.metrics.counters["tcp_connections"] += 1
            try:
                await self._serve_stream(reader, writer, transport, port)
            except TimeoutError:
                self.metrics.counters["tcp_idle_closed"] += 1
            except (ConnectionError, ssl.SSLError, asyncio.IncompleteReadError):
                pass
            except Exception:
                self.metrics.counters["errors"] += 1
                log.exception("internal error on a %s connection", transport)
            finally:
                self._connections -= 1
                writer.close()
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(writer.wait_closed(), 1.0)

        return handler

    async def _serve_stream(self, reader, writer, transport: str, port: int) -> None:
        peer = writer.get_extra_info("peername")
        buffer = b""
        for _ in range(self.config.max_stream_messages):
            while True:
                try:
                    framed = frame(buffer)
                except SipParseError as exc:
                    answer = self.reflector.malformed(transport, plain_ip(peer[0]), peer[1],
                                                       len(buffer), str(exc))
                    writer.write(answer.reply or b"")
                    await asyncio.wait_for(writer.drain(), self.config.idle_timeout)
                    return
                if framed is not None:
                    break
                chunk = await asyncio.wait_for(reader.read(16384), self.config.idle_timeout)
                if not chunk:
                    return
                buffer += chunk
                if len(buffer) > 2 * MAX_MESSAGE:
                    return
            message, buffer = framed
            answer = self.reflector.handle(message, peer[:2], transport, port, budget=None)
            if answer.reply:
                writer.write(answer.reply)
                # a peer that never reads must not pin the connection (and its buffer) forever
                await asyncio.wait_for(writer.drain(), self.config.idle_timeout)

    def close(self) -> None:
        for transport in self._udp:
            transport.close()
        for server in self._tcp:
            server.close()
        self._udp.clear()
        self._tcp.clear()

    async def __aenter__(self) -> Server:
        await self.start()
        return self

    async def __aexit__(self, *exc) -> None:
        self.close()


def _grow_receive_buffer(transport: asyncio.DatagramTransport, size: int = RECEIVE_BUFFER) -> None:
    """A larger socket receive buffer absorbs bursts (the kernel caps it at net.core.rmem_max)."""
    sock = transport.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, size)
