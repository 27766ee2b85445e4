"""The reflector's transport-free core: configuration, rate limits, and ``Reflector`` — one request
in, at most one answer out (``Answer``), with the logs and metrics of every request.

Safety is part of the design, because the server sits on a public address:

* UDP amplification <= 1: an answer (plus any media pinhole packets) is never more bytes than the
  request it answers; a request too small gets a short "pad to N" answer or silence.
* per-source rate limits, two of them so carrier-grade NAT does not lock customers out: a generous
  token bucket per source *address* (thousands of customers may share one) and a smaller one per
  source *address:port* (one customer's probe), tables bounded, least recently seen forgotten first;
* malformed input gets silence (UDP) or a short 400 (streams), never an exception escaping.

No sockets here: ``server.py`` (asyncio listeners) and ``udp_pump.py`` (batched UDP) feed it bytes
and send what it returns. One structured log line per request (JSON with ``--log-format json``),
without bodies unless asked for; counters and a latency histogram in ``metrics``.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from sipalg_wizard.reflector import acks, callbacks, fastpath
from sipalg_wizard.reflector.metrics import Metrics
from sipalg_wizard.sip import ackstate, protocol
from sipalg_wizard.sip.address import host_port, plain_ip
from sipalg_wizard.sip.message import (
    SipMessage,
    SipParseError,
    cached_header_key,
    parse,
    serialize,
    split_host_port,
)
from sipalg_wizard.sip.sdp import sdp_media_port

log = logging.getLogger("sipalg.reflector")

REQUIRED = ("via", "from", "to", "call-id", "cseq")
PAD_MARGIN = 64


@dataclass
class Config:
    hosts: list[str] = field(default_factory=lambda: ["0.0.0.0"])
    udp_ports: list[int] = field(default_factory=lambda: [5060])
    tcp_ports: list[int] = field(default_factory=lambda: [5060])
    control_udp_ports: list[int] = field(default_factory=lambda: [5070])
    control_tcp_ports: list[int] = field(default_factory=lambda: [5070])
    tls_port: int | None = None
    tls_cert: str | None = None
    tls_key: str | None = None
    rate_limit: float = 200.0  # requests per second per source address (CGNAT: shared); 0 = off
    burst: float | None = None  # bucket size; default 3 x rate
    port_rate_limit: float = 20.0  # requests per second per source address:port; 0 = off
    port_burst: float | None = None  # default 3 x port_rate_limit (a probe is a burst of ~25)
    max_sources: int = 10000  # remembered addresses, and separately address:port pairs
    max_connections: int = 256
    idle_timeout: float = 10.0
    reuse_port: bool = False  # SO_REUSEPORT: several worker processes share the ports
    max_stream_messages: int = 64
    pinhole: bool = True
    log_messages: bool = False
    fast_path: bool = True  # the compiled answer path for ordinary UDP requests, where built

    def control(self) -> dict[str, list[int]]:
        ctl = {"udp": list(self.control_udp_ports), "tcp": list(self.control_tcp_ports)}
        ctl["tls"] = [self.tls_port] if self.tls_port else []
        return ctl


class RateLimiter:
    """Token bucket per source address, at most ``max_sources`` remembered (LRU)."""

    def __init__(self, rate: float, burst: float | None = None, max_sources: int = 10000):
        self.rate = rate
        self.burst = burst if burst is not None else max(1.0, 3 * rate)
        self.max_sources = max_sources
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, source: str, now: float | None = None) -> bool:
        if self.rate <= 0:
            return True
        now = time.monotonic() if now is None else now
        tokens, last, noticed = self._buckets.pop(source, (self.burst, now, -1e9))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        self._buckets[source] = (tokens, now, noticed)
        while len(self._buckets) > self.max_sources:
            self._buckets.popitem(last=False)
        return allowed

    def notice_due(self, source: str, now: float | None = None, every: float = 1.0) -> bool:
        """May this (limited) source be told "busy" now? At most once per ``every`` seconds, so
        the notices cannot become a stream of their own."""
        now = time.monotonic() if now is None else now
        entry = self._buckets.get(source)
        if entry is None or now - entry[2] < every:
            return False
        self._buckets[source] = (entry[0], entry[1], now)
        return True

    def forget(self, source: str) -> None:
        self._buckets.pop(source, None)

    def __len__(self) -> int:
        return len(self._buckets)


class _Request(SipMessage):
    """A parsed request whose header look-ups are indexed once: the reflector asks for the same
    few headers a dozen times per request, and a linear scan each time was its hottest path."""

    def __init__(self, message: SipMessage):
        super().__init__(message.start_line, message.headers, message.body)
        index: dict[str, list[str]] = {}
        for name, value in message.headers:
            index.setdefault(cached_header_key(name), []).append(value)
        self._index = index

    def get_all(self, name: str) -> list[str]:
        return list(self._index.get(cached_header_key(name), ()))

    def get(self, name: str) -> str | None:
        values = self._index.get(name) or self._index.get(cached_header_key(name))
        return values[0] if values else None


@dataclass
class Answer:
    reply: bytes | None
    pinholes: list[tuple[str, int, bytes]] = field(default_factory=list)
    note: str = ""
    callback: callbacks.Plan | None = None  # a delayed callback to arm once the reply is sent


class Reflector:
    """The transport-independent core: one request in, at most one answer out."""

    def __init__(self, config: Config, metrics: Metrics | None = None):
        self.config = config
        self.limiter = RateLimiter(config.rate_limit, config.burst, config.max_sources)
        self.port_limiter = RateLimiter(config.port_rate_limit, config.port_burst,
                                        config.max_sources)
        self.metrics = metrics or Metrics()
        self.metrics.gauges["rate_limit_addresses"] = lambda: len(self.limiter)
        self.metrics.gauges["rate_limit_address_ports"] = lambda: len(self.port_limiter)
        self.callbacks = callbacks.Callbacks()  # delayed UDP callbacks (binding check), bounded
        self.acks = acks.AckTable()  # ACK state of dialogs that asked for it (X-Reflect-Ack), bounded
        self.metrics.gauges["ack_dialogs"] = lambda: len(self.acks)
        self.metrics.gauges["callbacks_pending"] = lambda: len(self.callbacks)
        self.stats = {"requests": 0, "answered": 0, "silenced": 0, "limited": 0}
        self._limited_logged = float("-inf")  # the first refusal is logged at once
        self._limited_since_log = 0
        self._limited_first = 0.0  # when the first refusal not yet logged came
        # The compiled path cannot log message bodies, so --log-messages keeps the Python one.
        self.fast = fastpath.AVAILABLE and config.fast_path and not config.log_messages
        self.metrics.gauges["fast_path"] = lambda: int(self.fast)
        self._control_json = fastpath.control_json(config.control())

    def handle(self, data: bytes, src: tuple[str, int], transport: str, local_port: int,
               budget: int | None) -> Answer:
        """Answer ``data`` from ``src``. ``budget`` is the most bytes we may send back (UDP), or
        None for streams, where the handshake already proves the source and nothing amplifies."""
        started = time.perf_counter()
        counters = self.metrics.counters
        counters["requests"] += 1
        counters["bytes_in"] += len(data)
        self.metrics.by_transport[transport] = self.metrics.by_transport.get(transport, 0) + 1
        try:
            answer = self._handle(data, src, transport, local_port, budget)
        except Exception:
            counters["errors"] += 1
            raise
        if answer.reply:
            counters["bytes_out"] += len(answer.reply) + sum(len(p[2]) for p in answer.pinholes)
            counters["pinholes"] += len(answer.pinholes)
        self.metrics.observe(time.perf_counter() - started)
        return answer

    def _limited(self, ip: str, port: int) -> str | None:
        """Which limit (if any) refuses this request: the address:port bucket is checked first so
        one noisy customer behind a CGNAT address cannot spend the address's shared budget."""
        if self.port_limiter.rate > 0:
            key = f"{ip}|{port}"
            if not self.port_limiter.allow(key):
                return key
        if not self.limiter.allow(ip):
            return ip
        return None

    def handle_udp_batch(self, batch: list[tuple[bytes, str, int]], local_port: int,
                         out: list[tuple[bytes, str, int]], arm: Callable[[callbacks.Plan, tuple], object]
                         ) -> None:
        """Answer a batch of UDP datagrams ``(data, ip, port)`` (udp_pump.py): what to send goes
        to ``out`` as ``(bytes, ip, port)`` — answers, then pinhole packets to the address as
        received — and delayed callbacks to ``arm(plan, (ip, port))``. The same answers, limits,
        logs and metrics as handle() one datagram at a time."""
        self._count_udp(len(batch), sum(len(data) for data, _, _ in batch))
        for data, raw_ip, port in batch:
            self._answer_datagram(data, raw_ip, port, local_port, out, arm, None, checked=False)

    def native_udp_args(self) -> tuple[bytes, bool, Callable | None, Callable | None] | None:
        """What udp_pump's compiled serving loop needs (see _udpbatch.c ``serve``): the control
        JSON, pinholes on, and the two limiters' ``allow`` (None when off) — or None when it must
        not run: without the compiled answer path, or when every request is logged (the loop
        logs nothing; at its rates a log line per request would cost more than the answer)."""
        if not self.fast or log.isEnabledFor(logging.INFO):
            return None
        return (self._control_json, self.config.pinhole,
                self.port_limiter.allow if self.port_limiter.rate > 0 else None,
                self.limiter.allow if self.limiter.rate > 0 else None)

    def account_native(self, counts: tuple) -> None:
        """Add what the compiled serving loop counted to the metrics (once per batch)."""
        requests, bytes_in, answered, fast_answers, bytes_out, pinholes, latency_sum, buckets = counts
        self._count_udp(requests, bytes_in)
        self.stats["answered"] += answered
        counters = self.metrics.counters
        counters["probes"] += answered
        counters["fast_path_answers"] += fast_answers
        counters["bytes_out"] += bytes_out
        counters["pinholes"] += pinholes
        self.metrics.observe_many(buckets, latency_sum)

    def handle_udp_leftovers(self, items: list[tuple[bytes, str, int, str | None, bool]],
                             local_port: int, out: list[tuple[bytes, str, int]],
                             arm: Callable[[callbacks.Plan, tuple], object]) -> None:
        """The datagrams the compiled serving loop handed back (already counted): ``checked``
        ones had their rate limits applied there (``limited_key`` refused them, or None) and were
        declined by the compiled answer path, so the Python path answers them."""
        for data, raw_ip, port, limited_key, checked in items:
            self._answer_datagram(data, raw_ip, port, local_port, out, arm, limited_key, checked)

    def _count_udp(self, requests: int, size: int) -> None:
        self.metrics.counters["requests"] += requests
        self.metrics.counters["bytes_in"] += size
        self.metrics.by_transport["udp"] = self.metrics.by_transport.get("udp", 0) + requests
        self.stats["requests"] += requests

    def _answer_datagram(self, data: bytes, raw_ip: str, port: int, local_port: int,
                         out: list[tuple[bytes, str, int]], arm: Callable[[callbacks.Plan, tuple], object],
                         limited_key: str | None, checked: bool) -> None:
        """One UDP datagram of a batch, as handle() would answer it (without counting it in)."""
        started = time.perf_counter()
        size = len(data)
        ip = plain_ip(raw_ip) if ":" in raw_ip else raw_ip
        if not checked:
            limited_key = self._limited(ip, port)
        try:  # checked: the compiled path declined it already, no second try
            answer = self._respond(data, ip, port, "udp", local_port, size, limited_key,
                                   try_fast=not checked)
        except Exception:  # never let one datagram stop the server
            self.metrics.counters["errors"] += 1
            log.exception("internal error on a datagram from %s", ip)
            return
        if answer.reply:
            out.append((answer.reply, raw_ip, port))
            sent = len(answer.reply)
            for _, media_port, payload in answer.pinholes:
                out.append((payload, raw_ip, media_port))
                sent += len(payload)
            self.metrics.counters["bytes_out"] += sent
            self.metrics.counters["pinholes"] += len(answer.pinholes)
            if answer.callback is not None:  # only ever back to this datagram's own source
                arm(answer.callback, (raw_ip, port))
        self.metrics.observe(time.perf_counter() - started)

    def _handle(self, data: bytes, src: tuple[str, int], transport: str, local_port: int,
                budget: int | None) -> Answer:
        self.stats["requests"] += 1
        ip, port = src[0], src[1]
        if ":" in ip:  # the kernel's IPv4 text is canonical already; IPv6 may be v4-mapped
            ip = plain_ip(ip)
        return self._respond(data, ip, port, transport, local_port, budget, self._limited(ip, port),
                             try_fast=True)

    def _respond(self, data: bytes, ip: str, port: int, transport: str, local_port: int,
                 budget: int | None, limited_key: str | None, try_fast: bool) -> Answer:
        """Refused (``limited_key``), or answered by the compiled path, or by the Python one."""
        if limited_key is not None:
            return self._refuse(data, ip, port, transport, budget, limited_key)
        if try_fast and self.fast and transport == "udp":
            fast = fastpath.reflect_udp(data, ip, port, local_port, self._control_json,
                                        self.config.pinhole)
            answer = self._from_fast(fast, data, ip, port, budget) if fast is not None else None
            if answer is not None:
                return answer
        return self._answer(data, ip, port, transport, local_port, budget)

    def _refuse(self, data: bytes, ip: str, port: int, transport: str, budget: int | None,
                limited_key: str) -> Answer:
        """A request over a rate limit: counted, logged at most every 10 s, maybe told "busy"."""
        # Not logged one by one: a flood must not become a flood of log lines.
        self.stats["limited"] += 1
        self.metrics.counters["rate_limited"] += 1
        self._limited_since_log += 1
        now = time.monotonic()
        if self._limited_since_log == 1:
            self._limited_first = now
        if now - self._limited_logged >= 10.0:
            log.warning("rate limit: %d request(s) refused in the last %.0f s (latest from %s)",
                        self._limited_since_log, now - self._limited_first, ip,
                        extra={"fields": {"event": "rate_limited",
                                          "count": self._limited_since_log, "latest": ip}})
            self._limited_logged, self._limited_since_log = now, 0
        limiter = self.limiter if limited_key == ip else self.port_limiter
        return self._busy(data, ip, port, transport, budget, limiter, limited_key)

    def _answer(self, data: bytes, ip: str, port: int, transport: str, local_port: int,
                budget: int | None) -> Answer:
        """The Python answer path: everything the compiled one declines, and every stream."""
        try:
            request = _Request(parse(data))
        except SipParseError as exc:
            return self.malformed(transport, ip, port, len(data), str(exc))
        if not request.is_request:
            return self._silence(transport, ip, port, "-", len(data), "not a request")
        method = request.method or "-"
        missing = [h for h in REQUIRED if request.get(h) is None]
        if missing or request.cseq() is None:
            return self.malformed(transport, ip, port, len(data), f"missing {', '.join(missing) or 'cseq'}")
        if method == "ACK":
            checked = transport == "udp" and self.acks.observe(request, ip)
            self._log(transport, ip, port, method, request.get("call-id"), len(data), 0,
                      "ack checked" if checked else "ack")
            return Answer(None, note="ack")
        pinhole = None
        if transport == "udp" and method == "INVITE" and self.config.pinhole:
            media_port = sdp_media_port(request.body)
            if media_port and media_port >= 1024:  # media never uses system ports
                pinhole = {"port": media_port, "count": protocol.PINHOLE_COUNT,
                           "token": protocol.pinhole_token(request)}
        plan = callback_meta = None
        if transport == "udp":  # X-Reflect-Callback: a delayed OPTIONS back (sip/callback.py)
            plan, callback_meta = self.callbacks.offer(
                request, ip, port, local_port, _uri_hostport(request.request_uri, local_port))
        contact = contact_uri = None
        if method == "INVITE":
            hostport = _uri_hostport(request.request_uri, local_port)
            contact_uri = f"sip:reflector@{hostport};transport={transport}"
            contact = f"<{contact_uri}>"
        ack_meta = None
        if transport == "udp" and request.get(ackstate.HEADER) is not None:
            ack_meta = self.acks.answer_meta(request, ip, contact_uri, protocol.to_tag(request))
        meta = protocol.Meta(src=host_port(ip, port), transport=transport, port=local_port,
                             control=self.config.control(), pinhole=pinhole, callback=callback_meta,
                             ack=ack_meta)
        try:
            reply = protocol.build_response(request, data, meta, contact=contact)
        except SipParseError as exc:  # an unreadable Via
            return self.malformed(transport, ip, port, len(data), str(exc))
        pinholes = []
        if pinhole:
            payload = protocol.pinhole_payload(pinhole["token"])
            pinholes = [(ip, pinhole["port"], payload)] * pinhole["count"]
        if budget is not None:
            cost = len(reply) + (protocol.pinhole_budget() if pinholes else 0) + callbacks.cost(plan)
            if cost > budget:
                try:
                    small = protocol.build_pad_request(request, ip, port, cost + PAD_MARGIN, contact)
                except SipParseError as exc:
                    return self.malformed(transport, ip, port, len(data), str(exc))
                if len(small) > budget:
                    return self._silence(transport, ip, port, method, len(data), "too small to answer")
                self._log(transport, ip, port, method, request.get("call-id"), len(data), len(small),
                          f"pad-to {cost + PAD_MARGIN}")
                self.stats["answered"] += 1
                self.metrics.counters["pad_answers"] += 1
                return Answer(small, note="pad")
        self.stats["answered"] += 1
        self.metrics.counters["probes"] += 1
        self._log(transport, ip, port, method, request.get("call-id"), len(data), len(reply),
                  "reflected" + (f" +{len(pinholes)} pinhole" if pinholes else ""))
        if self.config.log_messages:
            log.info("request from %s:\n%s", host_port(ip, port), data.decode("utf-8", "replace"),
                     extra={"fields": {"event": "message", "src": host_port(ip, port),
                                       "text": data.decode("utf-8", "replace")}})
        return Answer(reply, pinholes, note="reflected", callback=plan)

    # -- helpers ------------------------------------------------------------------------------
    def _busy(self, data: bytes, ip: str, port: int, transport: str, budget: int | None,
              limiter: RateLimiter, key: str) -> Answer:
        """A rate-limited request: ``503`` + ``Retry-After`` so a prober knows its silence is not
        the network's. On UDP only when small enough and at most once a second per source."""
        if transport == "udp" and not limiter.notice_due(key):
            return Answer(None, note="rate-limited")
        try:
            request = parse(data)
            if not request.is_request or request.method == "ACK" or request.cseq() is None \
                    or any(request.get(h) is None for h in REQUIRED):
                return Answer(None, note="rate-limited")
            reply = protocol.build_busy(request, ip, port)
        except SipParseError:
            return Answer(None, note="rate-limited")
        if budget is not None and len(reply) > budget:
            return Answer(None, note="rate-limited")
        self.metrics.counters["busy_answers"] += 1
        return Answer(reply, note="busy")

    def malformed(self, transport: str, ip: str, port: int, size: int, why: str) -> Answer:
        self.metrics.counters["malformed"] += 1
        if transport == "udp":  # never answer junk on UDP: the source may be spoofed
            return self._silence(transport, ip, port, "-", size, f"malformed: {why}")
        self.stats["answered"] += 1
        reply = serialize("SIP/2.0 400 Bad Request", [("Server", protocol.SERVER), ("Content-Length", "0")])
        self._log(transport, ip, port, "-", None, size, len(reply), f"400 malformed: {why[:60]}")
        return Answer(reply, note="400")

    def _silence(self, transport: str, ip: str, port: int, method: str, size: int, why: str) -> Answer:
        self.stats["silenced"] += 1
        self.metrics.counters["dropped"] += 1
        self._log(transport, ip, port, method, None, size, 0, why[:80])
        return Answer(None, note=why)

    def _from_fast(self, fast: fastpath.FastAnswer, data: bytes, ip: str, port: int,
                   budget: int | None) -> Answer | None:
        """The Answer for what the compiled path built (see fastpath.py), or None to go the
        Python way: when its full answer would not fit the budget, the Python path builds the
        short "pad to N" answer."""
        reply, pinhole_port, pinhole_token, method, call_id = fast
        if reply is None:  # an ACK
            if self.acks.watching(ip, call_id):  # one of a tracked dialog: check it (rare)
                with contextlib.suppress(SipParseError):
                    self.acks.observe(_Request(parse(data)), ip)
            self.metrics.counters["fast_path_answers"] += 1
            self._log("udp", ip, port, method, call_id, len(data), 0, "ack")
            return Answer(None, note="ack")
        pinholes = []
        cost = len(reply)
        if pinhole_port:
            payload = protocol.pinhole_payload(pinhole_token)
            pinholes = [(ip, pinhole_port, payload)] * protocol.PINHOLE_COUNT
            cost += protocol.pinhole_budget()
        if budget is not None and cost > budget:
            return None
        self.stats["answered"] += 1
        self.metrics.counters["probes"] += 1
        self.metrics.counters["fast_path_answers"] += 1
        self._log("udp", ip, port, method, call_id, len(data), len(reply),
                  "reflected" + (f" +{len(pinholes)} pinhole" if pinholes else ""))
        return Answer(reply, pinholes, note="reflected")

    def _log(self, transport, ip, port, method, call_id, size_in, size_out, what) -> None:
        """One line per request; ``call_id`` is logged only as a short hash."""
        if not log.isEnabledFor(logging.INFO):  # --quiet under load: skip the formatting too
            return
        fields = {"event": "request", "transport": transport, "src": host_port(ip, port),
                  "method": method, "call": None if call_id is None else protocol.call_hash(call_id),
                  "in": size_in, "out": size_out, "result": what}
        log.info("%s %s %s in=%d out=%d call=%s %s", transport, fields["src"], method, size_in,
                 size_out, fields["call"], what, extra={"fields": fields})


def _uri_hostport(uri: str | None, port: int) -> str:
    """host:port for our Contact: the host the client addressed in its Request-URI."""
    host = "reflector.invalid"
    if uri and ":" in uri:
        rest = uri.split(":", 1)[1].split(";", 1)[0].split("?", 1)[0].rsplit("@", 1)[-1]
        try:
            candidate, _ = split_host_port(rest)
        except SipParseError:
            candidate = ""
        if candidate and all(c.isalnum() or c in ".-[]:" for c in candidate):
            host = candidate
    return f"{host}:{port}"
