"""Delayed callbacks, the server's half: the bounded table of callbacks waiting to be sent.

What a callback is and how a probe asks for one: ``sip/callback.py``. Safety, because the server
sits on a public address and a UDP source can be forged:

* only ever to the request's own source ``ip:port`` (``arm`` refuses any other target);
* the callback's bytes are counted in the same budget as the answer (amplification <= 1 in total);
* at most one pending callback per source ``ip:port``, ``max_per_address`` per address, ``max_pending``
  in all; delay at most ``MAX_DELAY_MS``; a retransmitted request re-announces, never re-arms.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sipalg_wizard.sip.address import host_port, plain_ip
from sipalg_wizard.sip.callback import (
    HEADER,
    MAX_DELAY_MS,
    CallbackError,
    build_callback,
    parse_delay,
    token_for,
)
from sipalg_wizard.sip.message import SipMessage
from sipalg_wizard.sip.protocol import UDP_IP_OVERHEAD

MAX_PENDING = 1024
MAX_PER_ADDRESS = 64


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
    return len(plan.payload) + UDP_IP_OVERHEAD if plan else 0
