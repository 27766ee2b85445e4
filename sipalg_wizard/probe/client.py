"""The probe client: real SIP through the router to a reflector, compared byte for byte.

``run_probe`` runs independent tests concurrently (each bounded in time, the whole probe bounded by
``timeout``), on an asyncio loop of its own in the calling thread; ``cancel`` stops it within about
100 ms. Each test sends from a socket bound to exactly the ``ip:port`` its messages claim, then
compares what it sent with the reflector's encoded copy (outbound) and the reflector's response as
sent with the response as received (inbound).

Tests (see ``PLAN``): OPTIONS, REGISTER, INVITE (with ACK/BYE and a media pinhole check) and a large
fragmented INVITE over UDP to the SIP port; an INVITE over TCP to the SIP port; the same INVITE on
the control ports (UDP, TCP) and over TLS, which no ALG reads.

``udp_phone_port`` sends the INVITE from local port 5060, as desk phones do (some ALGs act only on
that port), when nothing on this computer holds it; otherwise it is skipped and says so.

Optional binding check (``binding_check`` seconds, off by default: it makes the run that much
longer): a REGISTER over UDP to the SIP port and one to the control port each ask the reflector to
call back after that delay (``X-Reflect-Callback``); the socket stays open and silent. A callback
that arrives on the control path but not on the SIP port means the router forgot the SIP port's
mapping while the phone was quiet (``sip_binding_expired``: inbound calls do not ring).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sipalg_wizard.hostport import parse_host_port
from sipalg_wizard.probe import analysis, compare
from sipalg_wizard.probe.exchange import (
    TestFailed,
    check_status,
    local_ip_for,
    read_answer,
    resolve,
    to_tag,
    udp_transact,
)
from sipalg_wizard.probe.messages import LARGE_SIZE, Dialog, build_request, padded_request
from sipalg_wizard.probe.models import Finding, ProbeResult, ProbeTest
from sipalg_wizard.sip import callback, protocol
from sipalg_wizard.sip.address import plain_ip
from sipalg_wizard.sip.message import MAX_MESSAGE, SipParseError, parse

Progress = Callable[[str, str], None]

# How long to listen for the media pinhole packets after the 200 OK: they leave the reflector right
# behind it, so a little more than the exchange took (jitter), within these bounds.
PINHOLE_WAIT = (0.06, 0.3)
BYE_WAIT = 0.3
ADVERT_WAIT = 0.4  # how long control tests wait for the reflector to advertise its ports
CALLBACK_GRACE = 1.0  # seconds past the asked delay that the binding check waits for the callback
MAX_BINDING_CHECK = 120.0  # the reflector's limit (sip/callback.py MAX_DELAY_MS)
PHONE_PORT = 5060  # the local port desk phones send from
ACK_SETTLE = 0.01  # between the ACK and the question about it (so the question does not overtake it)
ACK_ASK_WAIT = 1.0  # at most this long for the reflector's answer about the ACK
ACK_STATES = ("matched", "changed", "missing", "untracked")


def _number(text: str) -> bool:
    """ASCII digits only: ``str.isdigit`` also accepts '²', which ``int()`` then refuses."""
    return text.isascii() and text.isdigit()


@dataclass(frozen=True)
class Plan:
    name: str
    transport: str  # udp | tcp | tls
    method: str
    control: bool = False
    large: bool = False
    pinhole: bool = False
    binding: bool = False  # the delayed-callback binding check (run only when asked for)
    phone_port: bool = False  # send from local port 5060, as desk phones do, when it is free


PLAN = (
    Plan("udp_options", "udp", "OPTIONS"),
    Plan("udp_register", "udp", "REGISTER"),
    Plan("udp_invite", "udp", "INVITE", pinhole=True),
    Plan("udp_invite_large", "udp", "INVITE", large=True),
    Plan("udp_phone_port", "udp", "INVITE", phone_port=True),
    Plan("tcp_invite", "tcp", "INVITE"),
    Plan("control_udp_invite", "udp", "INVITE", control=True, pinhole=True),
    Plan("control_tcp_invite", "tcp", "INVITE", control=True),
    Plan("tls_invite", "tls", "INVITE", control=True),
)
BINDING_PLAN = (
    Plan("udp_binding", "udp", "REGISTER", binding=True),
    Plan("control_udp_binding", "udp", "REGISTER", control=True, binding=True),
)


@dataclass
class Context:
    host: str  # as the user gave it (Request-URI host)
    ip: str  # resolved
    port: int
    local_ip: str
    family: int
    deadline: float
    per_test: float
    binding_check: float = 0.0
    advert: asyncio.Future = field(default_factory=lambda: asyncio.get_running_loop().create_future())
    public: str | None = None
    main_pending: set[str] = field(default_factory=lambda: {p.name for p in PLAN if not p.control})

    def control_ports(self, kind: str) -> list[int]:
        if self.advert.done():
            ports = self.advert.result().get(kind)
            if isinstance(ports, list):
                return [p for p in ports if isinstance(p, int) and 0 < p < 65536][:1]
        return [self.port + 1] if kind == "tls" else [self.port + 10]


# -- public API ---------------------------------------------------------------------------------
def run_probe(reflector: str, timeout: float = 10.0, cancel: threading.Event | None = None,
              local_hint: str | None = None, progress: Progress | None = None,
              binding_check: float = 0.0) -> ProbeResult:
    """Probe the path to ``reflector`` (``HOST[:PORT]``); never raises for network trouble.
    ``binding_check`` > 0 adds the delayed-callback binding check (the run takes that much
    longer; at most ``MAX_BINDING_CHECK`` seconds)."""
    started = time.monotonic()
    cancel = cancel or threading.Event()
    result = ProbeResult(reflector=reflector)
    binding_check = min(max(0.0, float(binding_check)), MAX_BINDING_CHECK)
    plans = PLAN + (BINDING_PLAN if binding_check > 0 else ())
    tests = {p.name: ProbeTest(p.name, p.transport, 0, p.method, control=p.control) for p in plans}

    def report(name: str, state: str) -> None:
        if progress is not None:
            with contextlib.suppress(Exception):  # a UI bug must not break the probe
                progress(name, state)

    try:
        host, port = parse_host_port(reflector, 5060)
    except ValueError as exc:
        result.findings = [Finding("reflector_unreachable", f"bad reflector address: {exc}")]
        return result
    local_ip = None
    with contextlib.suppress(asyncio.CancelledError):
        local_ip = asyncio.run(_probe(host, port, timeout, cancel, local_hint, tests, result, report,
                                      plans, binding_check))
    for test in tests.values():
        if test.outcome == "skipped" and not test.detail:
            test.detail = "cancelled" if cancel.is_set() else "not run"
    result.tests = list(tests.values())
    nat = None
    if result.public_address and result.tests:
        public_ip = result.public_address.rsplit(":", 1)[0].strip("[]")
        nat = public_ip != local_ip
    if not any(f.code == "reflector_unreachable" for f in result.findings):
        result.findings = analysis.findings_for(result.tests, nat=nat) + result.findings
    result.duration_ms = round((time.monotonic() - started) * 1000, 1)
    return result


async def _probe(host, port, timeout, cancel, local_hint, tests, result, report, plans=PLAN,
                 binding_check=0.0) -> str | None:
    """Run the plan; fills ``tests`` and ``result``; returns the local address used."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    watcher = asyncio.ensure_future(_watch(cancel))
    lookup = asyncio.ensure_future(asyncio.wait_for(resolve(host, port), min(3.0, timeout)))
    await asyncio.wait([lookup, watcher], return_when=asyncio.FIRST_COMPLETED)
    if not lookup.done():  # cancelled while the name was being looked up
        lookup.cancel()
        await asyncio.gather(lookup, return_exceptions=True)
        return None
    try:
        ip, family = lookup.result()
        local_ip = local_ip_for(ip, family) or local_hint
        if not local_ip:
            raise OSError("no route to the reflector")
    except (OSError, TimeoutError, ValueError) as exc:
        watcher.cancel()
        for test in tests.values():
            test.outcome, test.detail = "error", f"unreachable: {exc or 'name lookup timed out'}"
        result.findings = [Finding("reflector_unreachable", f"{host}: {exc or 'lookup timed out'}")]
        return None
    ctx = Context(host, ip, port, local_ip, family, deadline,
                  per_test=min(max(1.5, timeout * 0.25), 2.5), binding_check=binding_check)
    runners = [asyncio.ensure_future(_run_test(ctx, plan, tests[plan.name], report)) for plan in plans]
    # The binding check outlives the other tests by its delay (and they stay bounded as before).
    end = deadline + (binding_check + CALLBACK_GRACE + ctx.per_test if binding_check > 0 else 0)
    try:
        while not watcher.done() and not all(r.done() for r in runners):
            remaining = end - loop.time()
            if remaining <= 0:
                break
            await asyncio.wait([*runners, watcher], timeout=remaining,
                               return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in [*runners, watcher]:
            task.cancel()
        await asyncio.gather(*runners, watcher, return_exceptions=True)
    for test in tests.values():
        if test.outcome == "skipped" and not cancel.is_set() and not test.detail:
            test.outcome, test.detail = "dropped", "dropped: the probe's time ran out"
    result.public_address = ctx.public
    return local_ip


async def _watch(cancel: threading.Event) -> None:
    while not cancel.is_set():
        await asyncio.sleep(0.05)


# -- one test -----------------------------------------------------------------------------------
async def _run_test(ctx: Context, plan: Plan, test: ProbeTest, report) -> None:
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        if plan.control:
            await _await_advert(ctx)
            kind = plan.transport
            ports = ctx.control_ports(kind)
            if not ports:
                test.outcome, test.detail = "skipped", f"the reflector offers no {kind} control port"
                report(test.name, test.outcome)
                return
            test.port = ports[0]
        else:
            test.port = ctx.port
        report(test.name, "running")
        deadline = min(ctx.deadline, loop.time() + ctx.per_test)
        if plan.binding:
            await _binding_test(ctx, plan, test, loop.time() + ctx.per_test)
        elif plan.transport == "udp":
            await _udp_test(ctx, plan, test, deadline)
        else:
            await _stream_test(ctx, plan, test, deadline)
    except TestFailed as exc:
        test.outcome, test.detail = exc.outcome, exc.detail
    except asyncio.CancelledError:
        test.outcome, test.detail = "skipped", test.detail or "cancelled"
        raise
    except Exception as exc:  # a bug or a hostile answer must never crash the probe
        test.outcome, test.detail = "error", f"error: {type(exc).__name__}: {exc}"[:200]
    finally:
        test.duration_ms = round((loop.time() - start) * 1000, 1)
        ctx.main_pending.discard(plan.name)
    report(test.name, test.outcome)


async def _await_advert(ctx: Context) -> None:
    """Wait briefly for the reflector to name its control ports; stop waiting as soon as every
    SIP-port test has ended without it (then the defaults are all we will get)."""
    end = asyncio.get_running_loop().time() + ADVERT_WAIT
    while not ctx.advert.done() and ctx.main_pending and asyncio.get_running_loop().time() < end:
        await asyncio.sleep(0.01)


def _learn(ctx: Context, reflection: protocol.Reflection, control: bool) -> None:
    if not ctx.advert.done() and isinstance(reflection.meta.get("control"), dict):
        ctx.advert.set_result(reflection.meta["control"])
    src = reflection.meta.get("src")
    if not control and ctx.public is None and isinstance(src, str) and len(src) < 64:
        ctx.public = src


def _evaluate(test: ProbeTest, sent: bytes, received: bytes) -> protocol.Reflection:
    """Fill ``test`` from one request and the raw response to it."""
    try:
        reflection = protocol.decode(received)
    except protocol.ReflectionError as exc:
        raise TestFailed("error", f"error: unreadable answer: {exc}") from None
    outbound = compare.compare(sent, reflection.request_copy, "outbound")
    rewrites = list(outbound.rewrites)
    notes = []
    if reflection.digest_ok:
        rewrites += compare.compare(reflection.response_sent, received, "inbound").rewrites
    else:
        notes.append("inbound not checked: digest mismatch")
    test.rewrites = rewrites
    if outbound.mangled:
        test.outcome = "mangled"
        notes.insert(0, f"request arrived unreadable: {outbound.mangled}")
    else:
        test.outcome = "rewritten" if rewrites else "ok"
    test.detail = "; ".join(notes)
    return reflection


def _media_socket(ctx: Context) -> socket.socket:
    """A UDP socket on an even port, as RTP uses (RTCP is the odd one above); some ALGs care."""
    sock = _bind(ctx, socket.SOCK_DGRAM)
    for _ in range(20):
        if sock.getsockname()[1] % 2 == 0:
            return sock
        sock.close()
        sock = _bind(ctx, socket.SOCK_DGRAM)
    return sock


def _bind_phone_port(ctx: Context) -> socket.socket:
    """A UDP socket on local port 5060, as desk phones and many softphones send from (some ALGs
    act only on that port). Bound on the wildcard address *without* SO_REUSEADDR/REUSEPORT (and
    with SO_EXCLUSIVEADDRUSE on Windows), so the bind fails whenever anything on this computer
    already holds 5060 on any address: a softphone is never disturbed, and the test is skipped
    with the reason. The port is held only for this one exchange."""
    sock = socket.socket(ctx.family, socket.SOCK_DGRAM)
    try:
        if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):  # Windows: refuse to share the port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        sock.bind(("::" if ctx.family == socket.AF_INET6 else "0.0.0.0", PHONE_PORT))
    except OSError as exc:
        sock.close()
        why = "in use on this computer (a phone app may hold it)" \
            if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)) \
            else f"not available ({exc.strerror or exc})"
        raise TestFailed("skipped", f"phone port: {PHONE_PORT} {why}: not tested") from None
    sock.setblocking(False)
    return sock


def _bind(ctx: Context, kind: int) -> socket.socket:
    sock = socket.socket(ctx.family, kind)
    sock.setblocking(False)
    sock.bind((ctx.local_ip, 0))
    return sock


async def _udp_test(ctx: Context, plan: Plan, test: ProbeTest, deadline: float) -> None:
    loop = asyncio.get_running_loop()
    sock = _bind_phone_port(ctx) if plan.phone_port else _bind(ctx, socket.SOCK_DGRAM)
    media = _media_socket(ctx) if plan.method == "INVITE" else None
    try:
        if plan.large and hasattr(socket, "IP_MTU_DISCOVER") and ctx.family == socket.AF_INET:
            # Let the OS fragment it, as a phone's stack does, instead of refusing (EMSGSIZE).
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_MTU_DISCOVER, getattr(socket, "IP_PMTUDISC_DONT", 0))
        try:
            await loop.sock_connect(sock, (ctx.ip, test.port))
        except OSError as exc:
            raise TestFailed("error", f"unreachable: {exc.strerror or exc}") from None
        local_port = sock.getsockname()[1]
        dialog = Dialog(test.name, "udp", ctx.local_ip, local_port, ctx.host, test.port,
                        media_port=media.getsockname()[1] if media else None)
        minimum = LARGE_SIZE if plan.large else 0
        pinhole = plan.pinhole and media is not None
        # The small INVITEs ask the reflector to watch for their ACK (the 32-second drop).
        track = "track" if plan.method == "INVITE" and plan.pinhole else ""
        strays_total = 0
        reply = sent = None
        pad_header = protocol.PAD_HEADER
        for _ in range(3):  # the reflector may ask for more padding
            sent = padded_request(dialog, plan.method, minimum=minimum, pinhole=pinhole,
                                  pad_header=pad_header, ack=track)
            asked = loop.time()
            reply, strays = await udp_transact(sock, sent, dialog, dialog.cseq, plan.method, deadline)
            exchange = loop.time() - asked
            strays_total += strays
            if reply is None:
                break
            answer = parse(reply)
            _check_foreign(answer)
            check_status(answer)
            pad_to = answer.get(protocol.PAD_TO_HEADER)
            if pad_to is None and (answer.body or pad_header != protocol.PAD_HEADER):
                break  # an answer (or something _evaluate will call unreadable)
            if pad_to is not None and (not _number(pad_to) or int(pad_to) > MAX_MESSAGE - 100):
                raise TestFailed("error", f"error: unusable padding request {pad_to[:20]!r}")
            if pad_to is None or int(pad_to) <= len(sent):
                # Our padding did not arrive (the reflector saw less than we sent, or its answer
                # lost its headers too): a router strips unknown headers. Pad in a standard one.
                if pad_header != protocol.PAD_HEADER:
                    raise TestFailed("error", "error: the request keeps arriving too small to answer")
                pad_header, pad_to = "Subject", str(len(sent) + 64)
            minimum = max(minimum, int(pad_to))
            dialog.cseq += 1
            reply = None
        else:
            raise TestFailed("error", "error: the reflector kept asking for more padding")
        if reply is None:
            if strays_total:
                raise TestFailed("error", f"error: {strays_total} answer(s) that did not match the request")
            raise TestFailed("dropped", "dropped: no answer in time")
        reflection = _evaluate(test, sent, reply)
        _learn(ctx, reflection, plan.control)
        if plan.method == "INVITE":
            dialog.to_tag = to_tag(reply)
            target = _remote_target(reply)
            # The media socket listens for the pinhole packets while the signalling socket does
            # the ACK check: the two waits overlap instead of adding up.
            listening = None
            if pinhole:
                wait = min(max(PINHOLE_WAIT[0], 0.05 + exchange), PINHOLE_WAIT[1])
                listening = asyncio.ensure_future(
                    _pinhole(media, ctx.ip, reflection.meta.get("pinhole"), wait))
            try:
                ack_state = None
                if track:
                    ack_state = await _ack_check(sock, dialog, target, reflection.meta.get("ack"),
                                                 deadline + BYE_WAIT)
                if listening is not None:
                    arrived = await listening
                    test.detail = "; ".join(filter(None, [
                        test.detail, f"pinhole={'open' if arrived else 'closed'}"]))
            finally:
                if listening is not None and not listening.done():
                    listening.cancel()
            test.detail = "; ".join(filter(None, [test.detail, ack_state]))
            await _end_dialog(sock, dialog, deadline + BYE_WAIT, send_ack=not track,
                              request_uri=target)
        elif plan.name == "udp_options":
            mapping = await _mapping_check(ctx, sock, dialog, len(sent), reflection, deadline)
            test.detail = "; ".join(filter(None, [test.detail, mapping]))
    except TestFailed as exc:
        if exc.outcome == INTERCEPTED and not plan.control:
            exc.detail += await _ask_again(ctx, sock, test, plan, exc.detail, deadline)
        raise
    finally:
        sock.close()
        if media is not None:
            media.close()


async def _ask_again(ctx: Context, sock: socket.socket, test: ProbeTest, plan: Plan, first: str,
                     deadline: float) -> str:
    """One more request (a new dialog) after an answer that was not the reflector's: the same
    agent answering again is consistent evidence (a helper that answers keep-alives itself); the
    reflector answering it, or silence, marks the first one as a one-off."""
    loop = asyncio.get_running_loop()
    dialog = Dialog(test.name, "udp", ctx.local_ip, sock.getsockname()[1], ctx.host, test.port)
    try:
        data = padded_request(dialog, plan.method)
        reply, _ = await udp_transact(sock, data, dialog, dialog.cseq, plan.method,
                                       min(deadline, loop.time() + 1.0))
        agent = foreign_agent(parse(reply)) if reply else None
    except (OSError, TestFailed, SipParseError):
        return "; asked again: no answer"
    if reply is None:
        return "; asked again: no answer"
    if agent is not None and first.endswith(f" by {agent!r}"):
        return "; asked again: same answer"
    return "; asked again: " + ("another answer" if agent else "the reflector answered")


async def _binding_test(ctx: Context, plan: Plan, test: ProbeTest, deadline: float) -> None:
    """REGISTER asking for a callback in ``ctx.binding_check`` seconds, then stay silent and wait
    for it on the same socket (connected: only the reflector's port can reach it). The test never
    counts as a failure of the path (the other tests say that): anything but a readable answer
    leaves it ``skipped`` with the reason, so it can only add ``callback=arrived|missing``."""
    loop = asyncio.get_running_loop()
    delay_ms = max(1, round(ctx.binding_check * 1000))
    sock = _bind(ctx, socket.SOCK_DGRAM)
    try:
        try:
            await loop.sock_connect(sock, (ctx.ip, test.port))
            dialog = Dialog(test.name, "udp", ctx.local_ip, sock.getsockname()[1], ctx.host,
                            test.port)
            minimum, reply, sent = 0, None, b""
            for _ in range(3):  # the reflector may ask for more padding
                sent = padded_request(dialog, "REGISTER", minimum=minimum, callback_ms=delay_ms)
                reply, _ = await udp_transact(sock, sent, dialog, dialog.cseq, "REGISTER", deadline)
                if reply is None:
                    raise TestFailed("skipped", "binding check: no answer to the REGISTER")
                answer = parse(reply)
                check_status(answer)
                pad_to = answer.get(protocol.PAD_TO_HEADER)
                if pad_to is None:
                    break
                if not _number(pad_to) or not len(sent) < int(pad_to) <= MAX_MESSAGE - 100:
                    raise TestFailed("skipped", "binding check: unusable padding request")
                minimum, reply = int(pad_to), None
                dialog.cseq += 1
            if reply is None:
                raise TestFailed("skipped", "binding check: the reflector kept asking for padding")
            reflection = _evaluate(test, sent, reply)
        except (TestFailed, OSError, SipParseError) as exc:
            detail = exc.detail if isinstance(exc, TestFailed) else str(exc)
            raise TestFailed("skipped", detail if detail.startswith("binding check")
                             else f"binding check: {detail}"[:200]) from None
        _learn(ctx, reflection, plan.control)
        offer = reflection.meta.get("callback")
        token = offer.get("token") if isinstance(offer, dict) else None
        if not isinstance(token, str):
            why = offer.get("refused") if isinstance(offer, dict) else None
            test.rewrites, test.outcome = [], "skipped"
            test.detail = ("binding check: the reflector refused the callback: " + str(why)[:60]
                           if why else "binding check: the reflector offers no callback")
            return
        asked = loop.time()
        arrived = await _await_callback(sock, token, asked + ctx.binding_check + CALLBACK_GRACE)
        state = (f"callback=arrived after {arrived - asked:.1f} s" if arrived is not None
                 else f"callback=missing after {ctx.binding_check:g} s quiet")
        test.detail = "; ".join(filter(None, [test.detail, state]))
    finally:
        sock.close()


async def _await_callback(sock: socket.socket, token: str, end: float) -> float | None:
    """The loop time the reflector's callback (Call-ID token) arrived, or None by ``end``."""
    loop = asyncio.get_running_loop()
    while loop.time() < end:
        try:
            data = await asyncio.wait_for(loop.sock_recv(sock, MAX_MESSAGE), end - loop.time())
        except TimeoutError:
            return None
        except OSError:  # ICMP errors from earlier sends, a closed path: keep listening
            await asyncio.sleep(0.05)
            continue
        if callback.token_of(data) == token:
            return loop.time()
    return None


async def _mapping_check(ctx: Context, sock: socket.socket, dialog: Dialog, size: int,
                         first: protocol.Reflection, deadline: float) -> str:
    """Send from the same socket to the control port: does the NAT keep our public port for a
    second destination? A different port there is a symmetric NAT (not an ALG, but phones then
    need keep-alives or STUN). Returns ``nat_ports=...`` for the test's detail, or ``""``."""
    loop = asyncio.get_running_loop()
    await _await_advert(ctx)
    ports = ctx.control_ports("udp")
    first_src = first.meta.get("src")
    if not ports or not isinstance(first_src, str):
        return ""
    try:
        await loop.sock_connect(sock, (ctx.ip, ports[0]))
        dialog.cseq += 1
        data = padded_request(dialog, "OPTIONS", minimum=size)
        reply, _ = await udp_transact(sock, data, dialog, dialog.cseq, "OPTIONS",
                                       min(deadline, loop.time() + 1.0))
        second_src = protocol.decode(reply).meta.get("src") if reply else None
    except (OSError, TestFailed, protocol.ReflectionError, SipParseError):
        return ""
    if not isinstance(second_src, str):
        return ""
    first_port, second_port = first_src.rsplit(":", 1)[-1], second_src.rsplit(":", 1)[-1]
    if first_port == second_port:
        return "nat_ports=same"
    return f"nat_ports=per-destination {first_port}/{second_port}"


INTERCEPTED = "intercepted"


def foreign_agent(answer) -> str | None:
    """Who answered, when a readable SIP answer to our request is not the reflector's: the value
    of its ``Server`` (or ``User-Agent``) header, ``"unnamed"`` without one; None when the answer
    is (or says it is) the reflector's: a reflector copy, a padding request, its ``Server``, or a
    ``503`` (which ``check_status`` reads as the reflector being busy).

    Proxy-style ALGs (FortiGate's proxy-based SIP ALG, ISP gateways with their own SIP stack on
    5060) answer SIP themselves; what they say is the evidence. A garbled reflector answer keeps
    the reflector's marks and stays an ``error``, never this."""
    if answer.body.startswith(protocol.MAGIC) or answer.get(protocol.PAD_TO_HEADER) is not None:
        return None
    if (answer.status or 0) == 503:
        return None
    agent = (answer.get("server") or answer.get("user-agent") or "").strip()
    if agent.startswith(protocol.SERVER.split("/")[0] + "/"):
        return None
    if not agent and not answer.body and 200 <= (answer.status or 0) < 300:
        # A bare 2xx is what the reflector's "pad to N" answer looks like once a router strips
        # the headers it does not know: ambiguous, so the padding logic decides, never this.
        return None
    return "".join(ch if ch.isprintable() else "?" for ch in agent[:60]) or "unnamed"


def _check_foreign(answer) -> None:
    agent = foreign_agent(answer)
    if agent is not None:
        status = "".join(ch if ch.isprintable() else "?" for ch in answer.start_line[:60])
        raise TestFailed(INTERCEPTED, f"intercepted: answered {status!r} by {agent!r}")


async def _pinhole(media: socket.socket, reflector_ip: str, announced, wait: float) -> bool:
    """Did the reflector's media test packets reach our media socket (from the reflector)?"""
    if not isinstance(announced, dict) or not isinstance(announced.get("token"), str):
        return False
    loop = asyncio.get_running_loop()
    expected = protocol.pinhole_payload(announced["token"])
    end = loop.time() + wait
    while loop.time() < end:
        try:
            data, addr = await asyncio.wait_for(loop.sock_recvfrom(media, 2048), end - loop.time())
        except (TimeoutError, OSError):
            return False
        if data == expected and plain_ip(addr[0]) == plain_ip(reflector_ip):
            return True
    return False


def _remote_target(reply: bytes) -> str | None:
    """The 200 OK's Contact URI as received: where a phone sends its ACK and in-dialog requests
    (RFC 3261 12.1.2). An ALG that mangles it sends the ACK astray: the 32-second drop."""
    try:
        contact = parse(reply).get("contact") or ""
    except SipParseError:
        return None
    lt, gt = contact.find("<"), contact.find(">")
    uri = contact[lt + 1:gt] if 0 <= lt < gt else contact.split(";")[0].strip()
    ok = uri.startswith("sip:") and len(uri) < 200 and uri.isprintable() and " " not in uri
    return uri if ok else None


async def _ack_check(sock: socket.socket, dialog: Dialog, target: str | None, tracked,
                     deadline: float) -> str:
    """ACK the 200 OK as a phone does (to its Contact), then ask the reflector in the dialog
    (an OPTIONS with ``X-Reflect-Ack: state``) whether that ACK arrived and matched: route
    (Request-URI), tags, CSeq. A missing ACK is sent and asked about once more, so one lost
    datagram is not mistaken for an ALG. Returns ``ack=matched|missing|changed <fields>|
    untracked|unknown`` for the test's detail."""
    if not isinstance(tracked, dict) or tracked.get("tracked") is not True:
        return "ack=untracked"
    loop = asyncio.get_running_loop()
    ack = build_request(dialog, "ACK", body=False, ack="ack", request_uri=target)
    meta: dict = {}
    for _ in range(2):
        try:
            await loop.sock_sendall(sock, ack)
            await asyncio.sleep(ACK_SETTLE)
            dialog.cseq += 1
            ask = padded_request(dialog, "OPTIONS", ack="state", request_uri=target)
            reply, _ = await udp_transact(sock, ask, dialog, dialog.cseq, "OPTIONS",
                                           min(deadline, loop.time() + ACK_ASK_WAIT))
            found = protocol.decode(reply).meta.get("ack") if reply else None
        except (OSError, TestFailed, protocol.ReflectionError, SipParseError):
            return "ack=unknown"
        if not isinstance(found, dict) or found.get("state") not in ACK_STATES:
            return "ack=unknown"
        meta = found
        if meta["state"] != "missing":
            break
    if meta["state"] == "changed":
        changed = meta.get("changed") if isinstance(meta.get("changed"), list) else []
        fields = ",".join(str(f)[:20].replace(" ", "-") for f in changed[:4]) or "?"
        return f"ack=changed {fields}"
    return f"ack={meta['state']}"


async def _end_dialog(sock: socket.socket, dialog: Dialog, deadline: float, *,
                      send_ack: bool = True, request_uri: str | None = None) -> None:
    """ACK the 200 (unless ``_ack_check`` did) and BYE the call, so the router's SIP state ends
    clean (best effort)."""
    loop = asyncio.get_running_loop()
    with contextlib.suppress(OSError):
        if send_ack:
            await loop.sock_sendall(sock, build_request(dialog, "ACK", body=False,
                                                        request_uri=request_uri))
        dialog.cseq += 1
        bye = build_request(dialog, "BYE", body=False, request_uri=request_uri)
        await udp_transact(sock, bye, dialog, dialog.cseq, "BYE",
                            min(deadline, loop.time() + BYE_WAIT))


async def _stream_test(ctx: Context, plan: Plan, test: ProbeTest, deadline: float) -> None:
    loop = asyncio.get_running_loop()
    sock = _bind(ctx, socket.SOCK_STREAM)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    writer = None
    try:
        try:
            await asyncio.wait_for(loop.sock_connect(sock, (ctx.ip, test.port)), deadline - loop.time())
        except TimeoutError:
            raise TestFailed("dropped", "dropped: no TCP connection in time") from None
        except OSError as exc:
            raise TestFailed("error", f"refused: {exc.strerror or exc}") from None
        local_port = sock.getsockname()[1]
        ssl_context = None
        if plan.transport == "tls":
            from sipalg_wizard.sip.protocol import client_context

            ssl_context = client_context()
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(sock=sock, ssl=ssl_context,
                                        server_hostname="" if ssl_context else None,
                                        limit=2 * MAX_MESSAGE),
                deadline - loop.time())
        except (TimeoutError, OSError) as exc:
            raise TestFailed("error", f"error: TLS/TCP set-up failed: {exc}") from None
        dialog = Dialog(test.name, plan.transport, ctx.local_ip, local_port, ctx.host, test.port,
                        media_port=_free_even_port_hint(local_port))
        sent = build_request(dialog, plan.method)
        writer.write(sent)  # one write, one segment: a Linux ALG only parses whole messages
        reply = await read_answer(reader, dialog, dialog.cseq, plan.method, deadline)
        _check_foreign(parse(reply))
        check_status(parse(reply))
        reflection = _evaluate(test, sent, reply)
        _learn(ctx, reflection, plan.control)
        if plan.method == "INVITE":
            dialog.to_tag = to_tag(reply)
            with contextlib.suppress(Exception):
                writer.write(build_request(dialog, "ACK", body=False))
                dialog.cseq += 1
                writer.write(build_request(dialog, "BYE", body=False))
                await read_answer(reader, dialog, dialog.cseq, "BYE", min(deadline, loop.time() + BYE_WAIT))
    finally:
        if writer is not None:
            # abort, not close: a TLS close waits for the peer's close_notify, and the loop may
            # end first and leak the socket; the dialog is over, nothing is lost.
            writer.transport.abort()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 0.5)
        sock.close()


def _free_even_port_hint(port: int) -> int:
    """A media port to name in a stream test's SDP (nothing listens there: no pinhole test)."""
    return 40000 + (port % 10000) * 2
