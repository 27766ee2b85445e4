"""Counters and a latency histogram for the reflector, served in Prometheus text format.

Kept dependency-free and cheap: the hot path only increments dict entries and bisects a short
bucket list. ``OpsServer`` answers ``GET /metrics`` and ``GET /healthz`` on a separate HTTP port
(loopback by default), so monitoring never shares a socket with the public SIP ports.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import time
from collections.abc import Callable

# Seconds spent inside the reflector per request (parse, build, digest): a few tens of µs normally.
LATENCY_BUCKETS = (0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05)
MAX_HTTP_REQUEST = 4096
HTTP_TIMEOUT = 2.0
MAX_HTTP_CONNECTIONS = 16

COUNTERS = {
    "requests": "SIP messages received (all transports)",
    "probes": "requests answered with a full reflection",
    "pad_answers": "requests answered with a short 'pad to N' 200 OK (the client must pad)",
    "busy_answers": "503 answers sent to rate-limited sources",
    "rate_limited": "requests refused by a per-source rate limit",
    "dropped": "requests dropped in silence (malformed, not a request, too small to answer)",
    "malformed": "unparseable or incomplete messages (a subset of dropped on UDP, 400 on streams)",
    "errors": "internal errors (bugs): always worth a look",
    "bytes_in": "bytes of SIP messages received",
    "bytes_out": "bytes sent back (answers and pinhole datagrams)",
    "pinholes": "media pinhole datagrams sent",
    "fast_path_answers": "UDP requests answered (or ACKs taken) by the compiled answer path",
    "tcp_connections": "stream connections accepted",
    "tcp_rejected": "stream connections refused at the connection cap",
    "tcp_idle_closed": "stream connections closed by the idle timeout",
}


class Metrics:
    def __init__(self) -> None:
        self.counters: dict[str, int] = dict.fromkeys(COUNTERS, 0)
        self.by_transport: dict[str, int] = {}
        self.buckets = [0] * (len(LATENCY_BUCKETS) + 1)
        self.latency_sum = 0.0
        self.latency_count = 0
        self.gauges: dict[str, Callable[[], float]] = {}
        self.started = time.time()

    def observe(self, seconds: float) -> None:
        self.buckets[bisect.bisect_left(LATENCY_BUCKETS, seconds)] += 1
        self.latency_sum += seconds
        self.latency_count += 1

    def observe_many(self, per_bucket: list[int], seconds: float) -> None:
        """Many observations at once, already binned by LATENCY_BUCKETS (the compiled loop)."""
        for i, count in enumerate(per_bucket):
            self.buckets[i] += count
        self.latency_sum += seconds
        self.latency_count += sum(per_bucket)

    def render(self) -> str:
        p = "sipalg_reflector_"
        out: list[str] = []
        for name, help_text in COUNTERS.items():
            out += [f"# HELP {p}{name}_total {help_text}", f"# TYPE {p}{name}_total counter",
                    f"{p}{name}_total {self.counters[name]}"]
        out += [f"# HELP {p}requests_by_transport_total SIP messages received per transport",
                f"# TYPE {p}requests_by_transport_total counter"]
        out += [f'{p}requests_by_transport_total{{transport="{t}"}} {n}'
                for t, n in sorted(self.by_transport.items())]
        out += [f"# HELP {p}handle_seconds time spent answering one request inside the reflector",
                f"# TYPE {p}handle_seconds histogram"]
        cumulative = 0
        for bound, count in zip((*LATENCY_BUCKETS, "+Inf"), self.buckets, strict=True):
            cumulative += count
            out.append(f'{p}handle_seconds_bucket{{le="{bound}"}} {cumulative}')
        out += [f"{p}handle_seconds_sum {self.latency_sum:.6f}",
                f"{p}handle_seconds_count {self.latency_count}"]
        for name, read in sorted(self.gauges.items()):
            out += [f"# TYPE {p}{name} gauge", f"{p}{name} {read()}"]
        out += [f"# TYPE {p}start_time_seconds gauge", f"{p}start_time_seconds {self.started:.0f}"]
        return "\n".join(out) + "\n"


class OpsServer:
    """``GET /metrics`` (Prometheus text) and ``GET /healthz`` (``ok`` while every listener is
    open) on one small HTTP/1.0 port; one request per connection, bounded in size and time."""

    def __init__(self, metrics: Metrics, healthy: Callable[[], bool]):
        self.metrics = metrics
        self.healthy = healthy
        self._server: asyncio.Server | None = None
        self._open = 0

    async def start(self, host: str, port: int, reuse_port: bool = False) -> None:
        self._server = await asyncio.start_server(self._handle, host, port, reuse_address=True,
                                                  reuse_port=reuse_port or None)

    @property
    def port(self) -> int | None:
        return self._server.sockets[0].getsockname()[1] if self._server else None

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            if self._open >= MAX_HTTP_CONNECTIONS:
                return
            self._open += 1
            try:
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HTTP_TIMEOUT)
            except (asyncio.LimitOverrunError, asyncio.IncompleteReadError, TimeoutError,
                    ConnectionError):
                return
            finally:
                self._open -= 1
            if len(head) > MAX_HTTP_REQUEST:
                return
            parts = head.split(b"\r\n", 1)[0].split()
            path = parts[1].split(b"?", 1)[0] if len(parts) >= 2 and parts[0] == b"GET" else None
            if path == b"/metrics":
                status, ctype, body = "200 OK", "text/plain; version=0.0.4", self.metrics.render()
            elif path == b"/healthz":
                ok = self.healthy()
                status = "200 OK" if ok else "503 Service Unavailable"
                ctype, body = "text/plain", "ok\n" if ok else "not listening\n"
            else:
                status, ctype, body = "404 Not Found", "text/plain", "not found\n"
            data = body.encode()
            writer.write(f"HTTP/1.0 {status}\r\nContent-Type: {ctype}\r\n"
                         f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode() + data)
            with contextlib.suppress(ConnectionError, TimeoutError):
                await asyncio.wait_for(writer.drain(), HTTP_TIMEOUT)
        finally:
            writer.close()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
