"""Delayed callbacks: does the router still let the server reach the phone after a quiet time?

A phone registers over UDP, then goes quiet; when a call comes in, the server sends an INVITE to the
public ``ip:port`` it saw. Some routers (and their ALGs) forget that mapping on port 5060 within
tens of seconds, so the INVITE never gets in: "inbound calls never ring". A probe asks for a
callback with a request header::

    X-Reflect-Callback: <milliseconds>

and the reflector, after that delay, sends one small, well-formed SIP ``OPTIONS`` from the socket
the request arrived on to the request's own source address. Its Call-ID carries a token the answer
announces (meta ``callback``: ``{"ms": D, "token": T}``, or ``{"refused": reason}``).

Safety, because the server sits on a public address and a UDP source can be forged:

* only ever to the request's own source ``ip:port`` (``arm`` refuses any other target);
* the callback's bytes are counted in the same budget as the answer (amplification <= 1 in total);
* at most one pending callback per source ``ip:port``, ``max_per_address`` per address, ``max_pending``
  in all; delay at most ``MAX_DELAY_MS``; a retransmitted request re-announces, never re-arms.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass

from sipalg_wizard.probe.sipmsg import SipMessage, host_port, plain_ip

HEADER = "X-Reflect-Callback"
MAX_DELAY_MS = 120_000
MIN_DELAY_MS = 1
MAX_PENDING = 1024
MAX_PER_ADDRESS = 64
CALL_ID_SUFFIX = "@callback.sipalg-reflector"


class CallbackError(ValueError):
    """The header asks for something the reflector will not do (the reason goes to the client)."""


def parse_delay(value: str | None) -> int | None:
    """Milliseconds from the header's value; None when absent; CallbackError when unusable."""
    if value is None:
        return None
    value = value.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 7:
        raise CallbackError("bad delay")
    delay = int(value)
    if not MIN_DELAY_MS <= delay <= MAX_DELAY_MS:
        raise CallbackError(f"delay must be {MIN_DELAY_MS}..{MAX_DELAY_MS} ms")
    return delay


def token_for(request: SipMessage) -> str:
    return hashlib.sha256(f"callback|{request.get('call-id')}".encode()).hexdigest()[:16]


def build_callback(token: str, target: str, via_host: str) -> bytes:
    """The callback: an OPTIONS a registered phone would answer (an ALG drops what it cannot parse).
    ``target`` is the client's public ``ip:port``; ``via_host`` is the reflector's ``host:port``
    as the client addressed it. No address of the client appears anywhere but the Request-URI/To."""
    lines = [
        f"OPTIONS sip:probe@{target} SIP/2.0",
        f"Via: SIP/2.0/UDP {via_host};branch=z9hG4bK{token}",
        "Max-Forwards: 70",
        f"From: <sip:reflector@{via_host}>;tag={token[:8]}",
        f"To: <sip:probe@{target}>",
        f"Call-ID: {token}{CALL_ID_SUFFIX}",
        "CSeq: 1 OPTIONS",
        "Content-Length: 0",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def token_of(data: bytes) -> str | None:
    """The client's side: the token of a callback datagram (None when it is not one)."""
    for line in data[:2048].split(b"\r\n"):
        name, sep, value = line.partition(b":")
        if sep and name.strip().lower() in (b"call-id", b"i"):
            value = value.strip()
            if value.endswith(CALL_ID_SUFFIX.encode()):
                return value[: -len(CALL_ID_SUFFIX)].decode("ascii", "replace")
            return None
    return None


@dataclass(frozen=True)
class Plan:
    """A callback the answer announces; armed only once the answer itself is sent."""

    key: tuple[str, int]  # the request's source (ip, port): the only place it may go
    local_port: int
    delay_ms: int
    token: str
    payload: bytes


class Callbacks:
    """The bounded table of pending callbacks (one event loop; no locking needed)."""

    def __init__(self, max_pending: int = MAX_PENDING, max_per_address: int = MAX_PER_ADDRESS,
                 max_delay_ms: int = MAX_DELAY_MS):
        self.max_pending = max_pending
        self.max_per_address = max_per_address
        self.max_delay_ms = max_delay_ms
        self._pending: dict[tuple[str, int], tuple[str, asyncio.TimerHandle | None]] = {}
        self._per_address: dict[str, int] = {}
        self.sent = 0
        self.refused = 0

    def __len__(self) -> int:
        return len(self._pending)

    def offer(self, request: SipMessage, ip: str, port: int, local_port: int, via_host: str
              ) -> tuple[Plan | None, dict | None]:
        """(plan, meta) for a request; (None, None) when it asks for nothing. ``meta`` is what the
        answer says: ``{"ms", "token"}`` or ``{"refused": why}``. Nothing is reserved here."""
        try:
            delay = parse_delay(request.get(HEADER))
        except CallbackError as exc:
            self.refused += 1
            return None, {"refused": str(exc)}
        if delay is None:
            return None, None
        ip = plain_ip(ip)
        key = (ip, port)
        token = token_for(request)
        held = self._pending.get(key)
        if held is not None:
            if held[0] == token:  # a retransmission: the same answer, nothing new armed
                return None, {"ms": delay, "token": token}
            self.refused += 1
            return None, {"refused": "one callback at a time per source"}
        why = self._full(ip)
        if delay > self.max_delay_ms:
            why = "delay too long"
        if why:
            self.refused += 1
            return None, {"refused": why}
        payload = build_callback(token, host_port(ip, port), via_host)
        return Plan(key, local_port, delay, token, payload), {"ms": delay, "token": token}

    def _full(self, ip: str) -> str | None:
        if len(self._pending) >= self.max_pending:
            return "busy"
        if self._per_address.get(ip, 0) >= self.max_per_address:
            return "too many from this address"
        return None

    def arm(self, plan: Plan, transport: asyncio.DatagramTransport, addr: tuple) -> bool:
        """Schedule ``plan`` to be sent by ``transport`` to ``addr``, which must be the plan's own
        source (the address the request came from); False when refused."""
        if (plain_ip(str(addr[0])), int(addr[1])) != plan.key or plan.key in self._pending \
                or self._full(plan.key[0]):
            self.refused += 1
            return False
        loop = asyncio.get_running_loop()
        handle = loop.call_later(plan.delay_ms / 1000, self._fire, plan, transport, tuple(addr))
        self._pending[plan.key] = (plan.token, handle)
        self._per_address[plan.key[0]] = self._per_address.get(plan.key[0], 0) + 1
        return True

    def _fire(self, plan: Plan, transport: asyncio.DatagramTransport, addr: tuple) -> None:
        self._release(plan.key)
        if not transport.is_closing():
            transport.sendto(plan.payload, addr)
            self.sent += 1

    def _release(self, key: tuple[str, int]) -> None:
        if self._pending.pop(key, None) is None:
            return
        left = self._per_address.get(key[0], 1) - 1
        if left > 0:
            self._per_address[key[0]] = left
        else:
            self._per_address.pop(key[0], None)

    def cancel_all(self) -> None:
        for key, (_token, handle) in list(self._pending.items()):
            if handle is not None:
                handle.cancel()
            self._release(key)


def cost(plan: Plan | None) -> int:
    """Bytes the callback adds to the answer's budget (datagram plus IP/UDP headers)."""
    from sipalg_wizard.reflector.protocol import UDP_IP_OVERHEAD

    return len(plan.payload) + UDP_IP_OVERHEAD if plan else 0
