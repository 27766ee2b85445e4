"""Field-by-field comparison of a SIP message as one side sent it and as the other side got it.

The result is a list of ``Rewrite``s named by field (``Via``, ``Contact``, ``sdp c=``, ...), which the
analysis turns into finding codes. Anything that differs but is not a known field still shows up
(``header order``, ``headers removed``, ``body``, ``raw``), so a difference is never silently lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sipalg_wizard.probe.models import Rewrite
from sipalg_wizard.sip.message import SipMessage, SipParseError, canonical_name, header_key, parse
from sipalg_wizard.sip.sdp import sdp_lines

MAX_VALUE = 300  # characters of a field kept in a Rewrite (reports stay readable)

CONTENT_LENGTH_WRONG = "Content-Length (does not match body)"
VIA_ADDED = "Via (added)"
HEADERS_REMOVED = "headers removed"
HEADERS_ADDED = "headers added"
HEADER_ORDER = "header order"


@dataclass
class Comparison:
    rewrites: list[Rewrite] = field(default_factory=list)
    mangled: str | None = None  # why the received message cannot be read as SIP at all


def _cut(text: str) -> str:
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def _grouped(message: SipMessage) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for name, value in message.headers:
        key = header_key(name)
        # Comma-joined Via values count as separate Vias (an ALG may fold or unfold them).
        values = [v.strip() for v in value.split(",")] if key == "via" else [value]
        groups.setdefault(key, []).extend(values)
    return groups


def _first_order(message: SipMessage) -> list[str]:
    return list(dict.fromkeys(message.keys()))


def compare(sent: bytes, received: bytes, direction: str) -> Comparison:
    """Compare ``sent`` with ``received``; ``direction`` is ``outbound`` or ``inbound``."""
    result = Comparison()
    if sent == received:
        return result
    try:
        a = parse(sent)
    except SipParseError as exc:  # our own side is unreadable: not evidence of anything
        raise ValueError(f"the sent message is not SIP: {exc}") from None
    try:
        b = parse(received)
    except SipParseError as exc:
        result.mangled = str(exc)
        return result
    add = result.rewrites.append

    def rw(name: str, x: str, y: str) -> None:
        add(Rewrite(direction, name, _cut(x), _cut(y)))

    if a.is_request != b.is_request:
        result.mangled = "a request became a response or the reverse"
        return result
    if a.start_line != b.start_line:
        if a.is_request and a.method == b.method:
            rw("Request-URI", a.request_uri or "", b.request_uri or "")
        else:
            rw("start line", a.start_line, b.start_line)

    ga, gb = _grouped(a), _grouped(b)
    removed, added = [], []
    for key in dict.fromkeys([*ga, *gb]):
        va, vb = ga.get(key, []), gb.get(key, [])
        name = canonical_name(key)
        if key == "via" and len(vb) > len(va):
            # A proxy-like ALG puts its own Via on top; compare ours with the matching one below.
            extra = len(vb) - len(va)
            for value in vb[:extra]:
                rw(VIA_ADDED, "", value)
            vb = vb[extra:]
        for i in range(max(len(va), len(vb))):
            if i < len(va) and i < len(vb):
                if va[i] != vb[i]:
                    rw(name, va[i], vb[i])
            elif i < len(va):
                removed.append(name)
            else:
                added.append(name)
    if removed:
        rw(HEADERS_REMOVED, ", ".join(dict.fromkeys(removed)), "")
    if added:
        rw(HEADERS_ADDED, "", ", ".join(dict.fromkeys(added)))
    common = set(ga) & set(gb)
    order_a = [k for k in _first_order(a) if k in common]
    order_b = [k for k in _first_order(b) if k in common]
    if order_a != order_b:
        rw(HEADER_ORDER, ", ".join(map(canonical_name, order_a)), ", ".join(map(canonical_name, order_b)))

    declared = b.content_length()
    if declared is not None and declared != len(b.body):
        rw(CONTENT_LENGTH_WRONG, str(len(b.body)), str(declared))

    if a.body != b.body:
        content_type = (a.get("content-type") or "").split(";")[0].strip().lower()
        if content_type == "application/sdp":
            _compare_sdp(a.body, b.body, rw)
        else:
            rw("body", a.body[:MAX_VALUE].decode("utf-8", "replace"),
               b.body[:MAX_VALUE].decode("utf-8", "replace"))

    if not result.rewrites:  # the bytes differ but no field does: show where
        at = next((i for i, (x, y) in enumerate(zip(sent, received, strict=False)) if x != y),
                  min(len(sent), len(received)))
        rw("raw", sent[max(0, at - 20): at + 40].decode("utf-8", "replace"),
           received[max(0, at - 20): at + 40].decode("utf-8", "replace"))
    return result


_SDP_FIELDS = {"o": "sdp o=", "c": "sdp c=", "m": "sdp m="}


def _compare_sdp(sent: bytes, received: bytes, rw) -> None:
    la, lb = sdp_lines(sent), sdp_lines(received)

    def pick(lines, kind):
        if kind == "rtcp":
            return [v for t, v in lines if t == "a" and v.startswith("rtcp:")]
        return [v for t, v in lines if t == kind]

    for kind, name in [*_SDP_FIELDS.items(), ("rtcp", "sdp a=rtcp")]:
        va, vb = pick(la, kind), pick(lb, kind)
        for i in range(max(len(va), len(vb))):
            x = va[i] if i < len(va) else ""
            y = vb[i] if i < len(vb) else ""
            if x != y:
                rw(name, x, y)
    rest_a = [f"{t}={v}" for t, v in la if t not in _SDP_FIELDS and not v.startswith("rtcp:")]
    rest_b = [f"{t}={v}" for t, v in lb if t not in _SDP_FIELDS and not v.startswith("rtcp:")]
    if rest_a != rest_b:
        rw("sdp", " | ".join(x for x in rest_a if x not in rest_b),
           " | ".join(y for y in rest_b if y not in rest_a))

