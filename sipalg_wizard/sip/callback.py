"""Delayed callbacks, the wire half: the request header that asks for one, and the callback.

A phone registers over UDP, then goes quiet; when a call comes in, the server sends an INVITE to the
public ``ip:port`` it saw. Some routers (and their ALGs) forget that mapping on port 5060 within
tens of seconds, so the INVITE never gets in: "inbound calls never ring". A probe asks for a
callback with a request header::

    X-Reflect-Callback: <milliseconds>

and the reflector, after that delay, sends one small, well-formed SIP ``OPTIONS`` from the socket
the request arrived on to the request's own source address. Its Call-ID carries a token the answer
announces (meta ``callback``: ``{"ms": D, "token": T}``, or ``{"refused": reason}``).

The client (``probe/``) and the server (``reflector/``) both read this module; the server's bounded
table of pending callbacks, and its safety rules, are ``reflector/callbacks.py``.
"""

from __future__ import annotations

import hashlib

from sipalg_wizard.sip.message import SipMessage, header_key, serialize

HEADER = "X-Reflect-Callback"
MAX_DELAY_MS = 120_000
MIN_DELAY_MS = 1
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
    return serialize(f"OPTIONS sip:probe@{target} SIP/2.0", [
        ("Via", f"SIP/2.0/UDP {via_host};branch=z9hG4bK{token}"),
        ("Max-Forwards", "70"),
        ("From", f"<sip:reflector@{via_host}>;tag={token[:8]}"),
        ("To", f"<sip:probe@{target}>"),
        ("Call-ID", f"{token}{CALL_ID_SUFFIX}"),
        ("CSeq", "1 OPTIONS"),
        ("Content-Length", "0"),
    ])


def token_of(data: bytes) -> str | None:
    """The client's side: the token of a callback datagram (None when it is not one)."""
    for line in data[:2048].split(b"\r\n"):
        name, sep, value = line.partition(b":")
        if sep and header_key(name.decode("latin-1")) == "call-id":
            value = value.strip()
            if value.endswith(CALL_ID_SUFFIX.encode()):
                return value[: -len(CALL_ID_SUFFIX)].decode("ascii", "replace")
            return None
    return None
