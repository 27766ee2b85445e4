"""The TTL-limited SIP probe: the first router past the home router quotes what the ALG sent.

Why: without a reflector of ours there is still a witness on every path. A SIP INVITE sent towards
any address with a TTL that runs out one hop past the home router comes back quoted inside that
hop's ICMP Time Exceeded — *after* the home router's ALG acted on it. With TTL 1 the home router
itself answers, quoting the message *before* its ALG: a built-in control.

How: one UDP socket per TTL (1 .. ``max_hops``), each bound to exactly the ``ip:port`` its INVITE
claims (a Linux-type ALG only rewrites text equal to the packet's source), all sent at once. The
quotes are read from the socket's error queue (Linux, ``IP_RECVERR``, unprivileged) and, where raw
packets are allowed, from a raw ICMP socket (which also shows the quoted UDP header: with an 8-byte
quote the UDP length still tells a length-changing rewrite). The leading hops whose addresses are
private are the home router(s); the first hop after them is the witness.

How far it goes (why it is harmless towards any target): TTL 1 and 2 leave at once; TTL ``n`` > 2
only once hops 1 .. ``n``-2 have answered from private addresses (home routers). So no packet
ever gets past the second public router, whatever the target, and nothing is ever sent with a
higher TTL. Each TTL is sent at most ``SENDS`` times, ``RESEND`` seconds apart, and the run ends at
its timeout: at most ``MAX_HOPS * SENDS`` datagrams of about 500 bytes.

Receive paths: Linux reads the socket's error queue unprivileged (raw ICMP adds the UDP header
when root). macOS and Windows need administrator rights: a raw ICMP socket (on Windows bound to
the local address: no driver needed), with Npcap through scapy only as Windows' fallback.

What it cannot see: rewrites of the answers (inbound), media pinholes, TCP; routers that send no
Time Exceeded (then it says so); a quote shorter than the fields an ALG rewrote.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import dataclasses
import ipaddress
import secrets
import select
import socket
import sys
import threading
import time
from dataclasses import dataclass, field

from sipalg_wizard.probe import analysis, compare
from sipalg_wizard.probe.icmp_quote import (
    IP_RECVERR,
    IcmpQuote,
    nat_adjusted,
    offload_checksum,
    parse_icmp_packet,
    read_error_queue,
    udp_checksum,
)
from sipalg_wizard.probe.messages import PLANTED_HEADER, Dialog, build_request
from sipalg_wizard.probe.models import Finding, ProbeTest, Rewrite
from sipalg_wizard.sip.message import SipParseError, parse, serialize
from sipalg_wizard.sip.sdp import sdp_lines

METHOD = "ttl"
MAX_HOPS = 3
RESEND = 0.4  # seconds before a hop without a quote gets its INVITE again (routers rate-limit ICMP)
SENDS = 3  # sends per TTL at most
UDP_LENGTH = "UDP length"
# Headers an ALG has no business with: left out so the INVITE fits a 576-byte quote (520 bytes of
# SIP after the IP, ICMP and UDP headers) with its SDP.
_DROP_HEADERS = {"allow", "user-agent", PLANTED_HEADER.lower()}
_KEEP_SDP = {"v", "o", "s", "c", "t", "m"}


@dataclass
class Hop:
    ttl: int
    local_port: int
    sent: bytes
    quote: IcmpQuote | None = None
    sends: int = 0
    reached: bool = False  # the target itself answered: this TTL goes past every router
    waited_ms: float | None = None  # from the first send to the quote


@dataclass
class TtlResult:
    target: str
    available: bool = True
    note: str = ""
    # Why it could not run or saw nothing, as a code for the UI and the explanation:
    # "needs_admin" (no way to read ICMP without administrator rights), "no_route", "bad_target",
    # "receiver_failed", "no_icmp" (ran, no router past the home router answered), "" otherwise.
    reason: str = ""
    gateway_hops: int | None = None
    witness_ttl: int | None = None
    sees_all: bool = False  # the witness saw enough to vouch for "nothing rewritten"
    hops: list[Hop] = field(default_factory=list)
    tests: list[ProbeTest] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    duration_ms: float | None = None


# -- the message --------------------------------------------------------------------------------
def compact_invite(dialog: Dialog) -> bytes:
    """The probe's INVITE (from ``messages.build_request``) without the headers and SDP attributes
    no ALG reads, so that a 576-byte ICMP quote holds it whole or nearly."""
    message = parse(build_request(dialog, "INVITE"))
    body = "".join(f"{kind}={value}\r\n" for kind, value in sdp_lines(message.body)
                   if kind in _KEEP_SDP or value.startswith("rtcp:")).encode()
    headers = [(n, v) for n, v in message.headers if n.lower() not in _DROP_HEADERS]
    headers = [(n, str(len(body)) if n.lower() == "content-length" else v) for n, v in headers]
    return serialize(message.start_line, headers, body)


# -- comparing a quote --------------------------------------------------------------------------
def _complete_lines(data: bytes) -> bytes:
    cut = data.rfind(b"\r\n")
    return data[: cut + 2] if cut >= 0 else b""


def _truncated_pair(sent: bytes, quote: bytes) -> tuple[bytes, bytes, str]:
    """Cut ``sent`` and ``quote`` to the same number of whole lines (headers and SDP), so the two
    can be compared as messages although the quote stops early. Returns the pair and what the quote
    covered."""
    quoted = _complete_lines(quote)
    q_head, q_sep, q_body = quoted.partition(b"\r\n\r\n")
    s_head, _, s_body = sent.partition(b"\r\n\r\n")
    if not q_sep:  # the quote ends inside the headers
        lines = q_head.split(b"\r\n")
        lines = lines[:-1] if lines and lines[-1] == b"" else lines
        count = len(lines)
        cut_sent = b"\r\n".join(s_head.split(b"\r\n")[:count])
        return cut_sent + b"\r\n\r\n", q_head.rstrip(b"\r\n") + b"\r\n\r\n", f"{count} header lines"
    count = q_body.count(b"\r\n")
    s_lines = s_body.split(b"\r\n")[:count]
    cut_body = b"".join(line + b"\r\n" for line in s_lines)
    return s_head + b"\r\n\r\n" + cut_body, q_head + b"\r\n\r\n" + q_body, \
        f"the headers and {count} SDP lines"


def compare_quote(sent: bytes, quote: IcmpQuote, public_ip: str | None = None,
                  ) -> tuple[str, list[Rewrite], str, bool]:
    """``(outcome, rewrites, detail, sees_all)`` for one quote of ``sent``. ``public_ip`` (the NAT's
    address, where known) lets an 8-byte quote's checksum be checked through the NAT's updates."""
    payload = quote.payload
    if payload:
        if payload == sent:
            return "ok", [], f"quote of {len(payload)} bytes: the whole message, unchanged", True
        complete = False
        with contextlib.suppress(SipParseError):
            message = parse(payload)
            complete = message.content_length() == len(message.body)
        if complete:
            result = compare.compare(sent, payload, "outbound")
            covered, sees_all = "the whole message", True
        else:
            a, b, covered = _truncated_pair(sent, payload)
            result = compare.compare(a, b, "outbound") if a != b else compare.Comparison()
            # A cut body cannot be checked against Content-Length; the cut itself is no rewrite.
            result.rewrites = [r for r in result.rewrites if r.field != compare.CONTENT_LENGTH_WRONG
                               and r.field != compare.HEADERS_REMOVED]
            sees_all = b"\r\n\r\n" in payload
        if result.mangled:
            return "mangled", [], f"quote of {len(payload)} bytes is not SIP: {result.mangled}", False
        detail = f"quote of {len(payload)} bytes covers {covered}"
        return ("rewritten" if result.rewrites else "ok"), result.rewrites, detail, sees_all
    if quote.udp_length is None:
        return ("error", [], "8-byte quote: only the UDP header was quoted, and reading it needs "
                "raw-packet rights", False)
    length = 8 + len(sent)
    if quote.udp_length != length:
        return ("rewritten", [Rewrite("outbound", UDP_LENGTH, str(length), str(quote.udp_length))],
                f"8-byte quote: UDP length {quote.udp_length}, sent {length}: the payload was "
                "rewritten", False)
    if quote.inner_src and quote.inner_dst and quote.udp_checksum:
        expected = udp_checksum(quote.inner_src[0], quote.inner_dst[0], quote.inner_src[1],
                                quote.inner_dst[1], sent)
        if expected == quote.udp_checksum:
            return "ok", [], "8-byte quote: same UDP length and checksum (payload unchanged)", True
        src, dst = quote.inner_src[0], quote.inner_dst[0]
        offload = {offload_checksum(src, dst, length)}
        if public_ip:  # offloaded, set by the NAT for its address, then mapped back in the quote
            offload.add(nat_adjusted(offload_checksum(public_ip, dst, length), public_ip, src))
        if quote.udp_checksum in offload:
            return ("ok", [], "8-byte quote: same UDP length; the checksum was left to the network "
                    "card (offload), so there is none to compare", False)
        return ("ok", [], "8-byte quote: same UDP length, different checksum (a same-length "
                "rewrite, or a NAT that did not correct the quoted checksum)", False)
    return "ok", [], "8-byte quote: same UDP length (no checksum to compare)", False


def home_hops(hops: list[Hop]) -> int:
    """How many hops the home router(s) are away: the leading hops with RFC 1918 addresses (2 behind
    double NAT), at least 1 (the default gateway)."""
    count = 0
    for hop in sorted(hops, key=lambda h: h.ttl):
        offender = hop.quote.offender if hop.quote else None
        if offender is None or not _rfc1918(offender):
            break
        count += 1
    return max(1, count)


def _rfc1918(ip: str) -> bool:
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(addr in ipaddress.ip_network(net) for net in
               ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"))


def analyse(result: TtlResult, public_ip: str | None = None) -> None:
    """Fill ``result.tests``/``findings``/``gateway_hops``/``witness_ttl``/``sees_all``.

    The witness is the first hop past the home router(s) that answered with Time Exceeded. A Port
    Unreachable from the target itself is shown but not counted: the method rests on routers."""
    result.gateway_hops = home_hops(result.hops)
    tests, evidence = [], []
    for hop in sorted(result.hops, key=lambda h: h.ttl):
        test = ProbeTest(f"ttl{hop.ttl}_invite", "udp", 0, "INVITE", control=hop.ttl == 1)
        if hop.quote is None:
            test.outcome = "skipped" if hop.reached or result.witness_ttl or not hop.sends \
                else "dropped"
            test.detail = (f"hop {hop.ttl}: the target itself answered (no router at this distance)"
                           if hop.reached else
                           f"hop {hop.ttl}: not sent (only sent once the hops before it answer "
                           "from private addresses: never past the second public router)"
                           if not hop.sends else
                           f"hop {hop.ttl}: not waited for (hop {result.witness_ttl} is the witness)"
                           if result.witness_ttl else
                           f"hop {hop.ttl}: no ICMP answer (the router sends none, or rate-limits them)")
        else:
            outcome, rewrites, detail, sees_all = compare_quote(hop.sent, hop.quote, public_ip)
            test.outcome, test.rewrites = outcome, rewrites
            kind = "Time Exceeded" if hop.quote.time_exceeded else f"ICMP type {hop.quote.icmp_type}"
            witness = (hop.ttl > result.gateway_hops and hop.quote.time_exceeded
                       and result.witness_ttl is None)
            role = ("control: the home router, before its ALG" if hop.ttl == 1 else
                    "witness" if witness else "not counted" if not hop.quote.time_exceeded
                    else "further hop")
            test.detail = f"hop {hop.ttl} ({hop.quote.offender}, {kind}, {role}): {detail}"
            if witness:
                result.witness_ttl = hop.ttl
                result.sees_all = sees_all and outcome == "ok"
            if hop.ttl > 1 and outcome == "rewritten" and hop.quote.time_exceeded:
                evidence.append(test)
        test.duration_ms = hop.waited_ms
        tests.append(test)
    control = next((t for t in tests if t.control), None)
    findings = analysis.findings_for([dataclasses.replace(
        t, rewrites=[r for r in t.rewrites if r.field != UDP_LENGTH]) for t in evidence])
    findings = [f for f in findings if f.code != "reflector_unreachable"]
    for test in evidence:
        for rw in test.rewrites:
            if rw.field == UDP_LENGTH:
                findings.append(Finding("payload_rewritten", f"{test.name}: UDP length {rw.sent} -> "
                                        f"{rw.received} in the quote of the hop past the router"))
    confidence = "high" if control is not None and control.outcome == "ok" else "medium"
    if control is not None and control.outcome == "rewritten":
        result.note = ("the home router's own quote (TTL 1) already differs from what was sent: "
                       "something on this computer changes SIP")
        confidence = "low"
    result.findings = [dataclasses.replace(f, detail=f"{f.detail} [confidence {confidence}]"[:500],
                                           method=METHOD) for f in findings]
    result.tests = tests


# -- sending and receiving ----------------------------------------------------------------------
class _RawIcmp:
    """A raw ICMP socket (Linux/macOS with root or CAP_NET_RAW, Windows as administrator): every
    ICMP error, whole, IP header included."""

    def __init__(self, bind_ip: str | None = None) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
        try:
            if bind_ip:  # Windows delivers ICMP to a raw socket only once it is bound
                self.sock.bind((bind_ip, 0))
            self.sock.setblocking(False)
        except OSError:
            self.sock.close()
            raise

    def fileno(self) -> int:
        return self.sock.fileno()

    def read(self) -> list[IcmpQuote]:
        out = []
        for _ in range(64):
            try:
                packet = self.sock.recv(4096)
            except (BlockingIOError, InterruptedError):
                break
            quote = parse_icmp_packet(packet)
            if quote is not None:
                out.append(quote)
        return out

    def close(self) -> None:
        self.sock.close()


class _ScapySniffer:
    """Windows with Npcap: scapy's sniffer for ICMP (imported only here: it costs ~0.7 s)."""

    def __init__(self) -> None:
        from scapy.all import AsyncSniffer

        self.sniffer = AsyncSniffer(filter="icmp", store=True)
        self.sniffer.start()
        self.seen = 0

    def fileno(self) -> int | None:
        return None

    def read(self) -> list[IcmpQuote]:
        packets = list(self.sniffer.results or [])
        out = []
        for packet in packets[self.seen:]:
            with contextlib.suppress(Exception):
                from scapy.layers.inet import IP

                quote = parse_icmp_packet(bytes(packet[IP]))
                if quote is not None:
                    out.append(quote)
        self.seen = len(packets)
        return out

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.sniffer.stop()


def receive_mode(platform: str | None = None) -> tuple[bool, bool, str]:
    """``(error_queue, raw, note)``: which ways of reading the quotes this process has."""
    platform = platform or sys.platform
    errqueue = platform.startswith("linux")
    from sipalg_wizard.privileges import raw_packets

    access = raw_packets(platform)
    if errqueue or access.available:
        return errqueue, access.available, ""
    return False, False, ("unavailable: reading ICMP Time Exceeded needs raw-packet rights on this "
                          f"system. {access.note}")


def _open_raw(platform: str, local_ip: str | None = None):
    """The lightest ICMP receiver this system allows: a raw ICMP socket (Windows: bound to the
    local address, administrator rights, no driver); on Windows without it, Npcap via scapy."""
    try:
        return _RawIcmp(local_ip if platform == "win32" else None)
    except OSError:
        if platform != "win32":
            return None
    try:
        return _ScapySniffer()
    except Exception:
        return None


def run_ttl_probe(target: str, *, port: int = 5060, timeout: float = 2.5,
                  cancel: threading.Event | None = None, local_hint: str | None = None,
                  max_hops: int = MAX_HOPS, platform: str | None = None,
                  public_ip: str | None = None) -> TtlResult:
    """Send the INVITE with TTL 1..``max_hops`` towards ``target`` (an IPv4 address or name) and
    read the quotes. Never raises for network trouble; ``result.available`` says if it could run."""
    started = time.monotonic()
    platform = platform or sys.platform
    result = TtlResult(target=target)
    cancel = cancel or threading.Event()
    errqueue, raw_ok, note = receive_mode(platform)
    if not (errqueue or raw_ok):
        result.available, result.note, result.reason = False, note, "needs_admin"
        return result
    try:
        ip = _resolve_v4(target, min(2.0, timeout))
    except OSError as exc:
        result.available, result.note = False, f"unavailable: {target}: {exc}"
        result.reason = "bad_target"
        return result
    from sipalg_wizard.probe.exchange import local_ip_for  # one definition of "our address"

    local_ip = local_ip_for(ip, socket.AF_INET) or local_hint
    if not local_ip:
        result.available, result.note = False, "unavailable: no IPv4 route towards the target"
        result.reason = "no_route"
        return result
    raw = _open_raw(platform, local_ip) if raw_ok else None
    if raw is None and not errqueue:
        result.available, result.note = False, "unavailable: the raw ICMP receiver could not start"
        result.reason = "receiver_failed"
        return result
    socks: dict[int, socket.socket] = {}
    try:
        for ttl in range(1, max_hops + 1):
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.setblocking(False)
            socks[ttl] = sock
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, ttl)
            if errqueue:
                sock.setsockopt(socket.IPPROTO_IP, IP_RECVERR, 1)
            sock.bind((local_ip, 0))
            sock.connect((ip, port))
            local_port = sock.getsockname()[1]
            dialog = Dialog(f"ttl{ttl}_invite", "udp", local_ip, local_port, target, port,
                            media_port=40000 + 2 * secrets.randbelow(10000))
            hop = Hop(ttl, local_port, compact_invite(dialog))
            result.hops.append(hop)
        _exchange(result.hops, socks, raw, ip, port, started + timeout, cancel, errqueue)
    except OSError as exc:
        result.note = f"error: {exc}"
    finally:
        for sock in socks.values():
            sock.close()
        if raw is not None:
            raw.close()
    analyse(result, public_ip)
    if result.witness_ttl is None and result.available:
        result.reason = "no_icmp"
        result.note = result.note or (
            "no router past the home router answered with ICMP Time Exceeded within "
            f"{timeout:g} s (routers that send none, or rate-limit them, leave this test silent)")
    result.duration_ms = round((time.monotonic() - started) * 1000, 1)
    return result


def _resolve_v4(target: str, timeout: float) -> str:
    """The IPv4 address of ``target``; a name is looked up in a daemon thread, so a hung resolver
    cannot outlast ``timeout``."""
    try:
        return str(ipaddress.IPv4Address(target))
    except ValueError:
        pass
    box: dict = {}

    def lookup() -> None:
        try:
            box["ip"] = socket.getaddrinfo(target, None, socket.AF_INET, socket.SOCK_DGRAM)[0][4][0]
        except (OSError, IndexError) as exc:
            box["error"] = exc

    worker = threading.Thread(target=lookup, name="ttl-resolve", daemon=True)
    worker.start()
    worker.join(timeout)
    if "ip" in box:
        return box["ip"]
    raise OSError(str(box.get("error") or "name lookup timed out"))


def allowed_ttl(hops: list[Hop]) -> int:
    """The highest TTL that may be sent now: 2, plus one per leading hop that answered from a
    private address (a home router). So a packet never gets past the second public router."""
    private = 0
    for hop in sorted(hops, key=lambda h: h.ttl):
        offender = hop.quote.offender if hop.quote is not None else None
        if offender is None or not _rfc1918(offender):
            break
        private += 1
    return private + 2


def _done(hops: list[Hop], ip: str) -> bool:
    """Nothing more to wait for: every hop up to the witness (the first public router answering
    Time Exceeded, all hops before it answered) has its quote, or the target itself answered."""
    for hop in sorted(hops, key=lambda h: h.ttl):
        if hop.reached or (hop.quote is not None and hop.quote.offender == ip):
            return True
        if hop.quote is None:
            return False
        if hop.ttl > 1 and hop.quote.time_exceeded and not _rfc1918(hop.quote.offender or ""):
            return True
    return True


def _exchange(hops: list[Hop], socks: dict[int, socket.socket], raw, ip: str, port: int,
              deadline: float, cancel: threading.Event, errqueue: bool = True) -> None:
    by_port = {h.local_port: h for h in hops}
    first = time.monotonic()
    next_send = 0.0
    while time.monotonic() < deadline and not cancel.is_set():
        now = time.monotonic()
        limit = allowed_ttl(hops)
        resend = now >= next_send
        for hop in hops:
            # Each RESEND, every allowed hop without a quote (again). In between, only the hop
            # right past routers that just answered from private addresses (double NAT) goes
            # out at once; one past a hop not heard from yet waits a round: that hop may still
            # answer and make it unnecessary.
            due = resend or (hop.sends == 0 and hop.ttl <= limit - 1)
            if due and hop.ttl <= limit and hop.quote is None and not hop.reached \
                    and hop.sends < SENDS:
                with contextlib.suppress(OSError):  # an earlier ICMP error is reported here
                    socks[hop.ttl].send(hop.sent)
                hop.sends += 1
        if resend:
            next_send = now + RESEND
        if _done(hops, ip):
            return
        waitables: list = list(socks.values())
        polled = raw is not None and raw.fileno() is None  # scapy's sniffer: no descriptor
        if raw is not None and not polled:
            waitables.append(raw)
        wait = max(0.0, min(next_send, deadline) - time.monotonic())
        # Short waits: Cancel is honoured within 0.1 s, a polled sniffer is read every 50 ms.
        readable, _, errored = select.select(waitables, [], waitables,
                                             min(wait, 0.05 if polled else 0.1))
        for sock in socks.values():
            if sock in readable or sock in errored:
                _drain(sock, by_port[sock.getsockname()[1]], errqueue)
        if raw is not None:
            for quote in raw.read():
                hop = by_port.get(quote.inner_src[1]) if quote.inner_src else None
                if hop is None or quote.inner_dst != (ip, port):
                    continue
                hop.quote = _merge(hop.quote, quote)
        for hop in hops:
            if hop.waited_ms is None and (hop.quote is not None or hop.reached):
                hop.waited_ms = round((time.monotonic() - first) * 1000, 1)


def _drain(sock: socket.socket, hop: Hop, errqueue: bool = True) -> None:
    """Read the error queue (Linux only: Windows has no ``recvmsg``, macOS no error queue);
    ordinary data is the target itself answering (read and dropped)."""
    for _ in range(8 if errqueue else 0):
        quote = None
        with contextlib.suppress(OSError):
            quote = read_error_queue(sock)
        if quote is None:
            break
        hop.quote = _merge(hop.quote, quote)
    for _ in range(8):
        try:
            sock.recv(4096)
        except (BlockingIOError, InterruptedError):
            break
        except OSError:  # the ICMP error itself, reported once more as an errno
            continue
        hop.reached = True


def _merge(old: IcmpQuote | None, new: IcmpQuote) -> IcmpQuote:
    """The error queue gives the payload, the raw socket the UDP header too: keep the most."""
    if old is None:
        return new
    raw, other = (new, old) if new.source == "raw" else (old, new)
    if raw.source != "raw":
        return old
    payload = raw.payload if len(raw.payload) >= len(other.payload) else other.payload
    return dataclasses.replace(raw, payload=payload)


# -- the raw facts as JSON (the elevated helper's answer) ---------------------------------------
SCHEMA = "sipalg-wizard/ttl-witness/1"
_MAX_HOPS_IN_JSON = 8
_MAX_BYTES_IN_JSON = 4096


def to_json_dict(result: TtlResult) -> dict:
    """What the probe observed (hops, messages, quotes), not what it concluded: the elevated helper
    prints this, and the unprivileged side runs :func:`analyse` on it itself."""

    def quote(q: IcmpQuote | None) -> dict | None:
        if q is None:
            return None
        return {"offender": q.offender, "icmp_type": q.icmp_type, "icmp_code": q.icmp_code,
                "payload": base64.b64encode(q.payload).decode("ascii"),
                "udp_length": q.udp_length, "udp_checksum": q.udp_checksum,
                "inner_src": list(q.inner_src) if q.inner_src else None,
                "inner_dst": list(q.inner_dst) if q.inner_dst else None, "source": q.source}

    return {"schema": SCHEMA, "target": result.target, "available": result.available,
            "note": result.note, "reason": result.reason, "duration_ms": result.duration_ms,
            "hops": [{"ttl": h.ttl, "local_port": h.local_port,
                      "sent": base64.b64encode(h.sent).decode("ascii"), "sends": h.sends,
                      "reached": h.reached, "waited_ms": h.waited_ms, "quote": quote(h.quote)}
                     for h in result.hops]}


class WitnessJsonError(ValueError):
    """The helper's JSON is not a TTL witness answer (wrong schema, type or size)."""


def from_json_dict(doc: object, public_ip: str | None = None) -> TtlResult:
    """The :class:`TtlResult` of a :func:`to_json_dict` document, analysed here. Strict about types
    and sizes: the document crossed a process (and privilege) boundary."""

    def need(value, kinds, what: str):
        kinds = kinds if isinstance(kinds, tuple) else (kinds,)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise WitnessJsonError(f"{what}: unexpected {type(value).__name__}")
        return value

    def blob(value, what: str) -> bytes:
        data = base64.b64decode(need(value, str, what), validate=True)
        if len(data) > _MAX_BYTES_IN_JSON:
            raise WitnessJsonError(f"{what}: {len(data)} bytes")
        return data

    def pair(value, what: str) -> tuple[str, int] | None:
        if value is None:
            return None
        host, port = need(value, list, what)
        return need(host, str, what), need(port, int, what)

    try:
        doc = need(doc, dict, "document")
        if doc.get("schema") != SCHEMA:
            raise WitnessJsonError(f"schema {doc.get('schema')!r}")
        result = TtlResult(target=need(doc.get("target"), str, "target"),
                           available=need(doc.get("available"), bool, "available"),
                           note=need(doc.get("note", ""), str, "note")[:500],
                           reason=need(doc.get("reason", ""), str, "reason")[:40])
        duration = doc.get("duration_ms")
        result.duration_ms = None if duration is None else float(need(duration, (int, float), "ms"))
        hops = need(doc.get("hops", []), list, "hops")
        if len(hops) > _MAX_HOPS_IN_JSON:
            raise WitnessJsonError(f"{len(hops)} hops")
        for raw in hops:
            raw = need(raw, dict, "hop")
            q = raw.get("quote")
            quote = None
            if q is not None:
                q = need(q, dict, "quote")
                quote = IcmpQuote(
                    offender=None if q.get("offender") is None else need(q["offender"], str, "offender"),
                    icmp_type=need(q.get("icmp_type"), int, "icmp_type"),
                    icmp_code=need(q.get("icmp_code"), int, "icmp_code"),
                    payload=blob(q.get("payload", ""), "payload"),
                    udp_length=None if q.get("udp_length") is None
                    else need(q["udp_length"], int, "udp_length"),
                    udp_checksum=None if q.get("udp_checksum") is None
                    else need(q["udp_checksum"], int, "udp_checksum"),
                    inner_src=pair(q.get("inner_src"), "inner_src"),
                    inner_dst=pair(q.get("inner_dst"), "inner_dst"),
                    source=need(q.get("source", "raw"), str, "source"))
            waited = raw.get("waited_ms")
            result.hops.append(Hop(
                ttl=need(raw.get("ttl"), int, "ttl"), local_port=need(raw.get("local_port"), int,
                                                                       "local_port"),
                sent=blob(raw.get("sent"), "sent"), quote=quote,
                sends=need(raw.get("sends", 0), int, "sends"),
                reached=need(raw.get("reached", False), bool, "reached"),
                waited_ms=None if waited is None else float(need(waited, (int, float), "waited"))))
    except (TypeError, ValueError, binascii.Error) as exc:
        if isinstance(exc, WitnessJsonError):
            raise
        raise WitnessJsonError(str(exc)) from exc
    if result.available:
        analyse(result, public_ip)
    return result
