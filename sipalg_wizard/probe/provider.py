"""The customer's own SIP provider as a partial mirror.

Why: a VoIP provider's SIP server answers OPTIONS and REGISTER from anyone, and every answer copies
the top Via as the server got it, with ``received``/``rport`` (RFC 3261 18.2.1, RFC 3581): where it
saw us come from. That is a mirror of part of what left the router — no reflector of ours needed.
We never send credentials: an unauthenticated REGISTER earns a 401/407, which is a fine answer.

What it can see:

* reachability of the SIP port over UDP and TCP (a router blocking 5060, a firewall);
* a Via sent-by that comes back different from what we sent (an ALG that rewrites it on the way out
  and does not undo it on the way back);
* ``received``/``rport`` that disagree with what the path must look like: behind a NAT a server can
  only have seen our public address, so a UDP answer naming our *private* address while the TCP
  answer (which the ALG does not touch) names the public one means something mapped the answer
  back — a reverse-mapping ALG.

What it cannot see: a Linux-type ALG that rewrites the request and maps the answer back hides
itself from a server that only echoes (sipp, many small PBXs); the SDP of a call; media pinholes.
So a clean result here is never "no ALG" on its own — it corroborates the other methods.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field

from sipalg_wizard.hostport import parse_host_port
from sipalg_wizard.probe import exchange
from sipalg_wizard.probe.messages import Dialog, build_request
from sipalg_wizard.probe.models import Finding, ProbeTest, Rewrite
from sipalg_wizard.sip.address import host_port, plain_ip
from sipalg_wizard.sip.message import SipParseError, parse, parse_via

METHOD = "provider"
PLAN = (("udp", "OPTIONS"), ("udp", "REGISTER"), ("tcp", "OPTIONS"), ("tcp", "REGISTER"))
CANNOT_SEE = ("a provider only echoes the Via: an ALG that rewrites the request and maps the answer "
              "back (the Linux one does) hides from it, and it sees neither the call's SDP nor media")


@dataclass
class Echo:
    """What one answer said about us."""

    status: int
    reason: str
    sent_by: str  # as we wrote it
    echoed: str | None  # the sent-by of our Via in the answer
    received: str | None
    rport: str | None
    local: str  # our socket


@dataclass
class ProviderResult:
    server: str
    reachable: bool = False
    tests: list[ProbeTest] = field(default_factory=list)
    echoes: dict[str, Echo] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    public_address: str | None = None  # where the server says it saw us (if not reverse-mapped)
    note: str = CANNOT_SEE
    duration_ms: float | None = None


def run_provider_mirror(server: str, *, timeout: float = 3.0, cancel: threading.Event | None = None,
                        local_hint: str | None = None) -> ProviderResult:
    """OPTIONS and REGISTER to ``server`` (``HOST[:PORT]``, default 5060) over UDP and TCP."""
    started = time.monotonic()
    result = ProviderResult(server=server)
    cancel = cancel or threading.Event()
    tests = {f"provider_{t}_{m.lower()}": ProbeTest(f"provider_{t}_{m.lower()}", t, 0, m)
             for t, m in PLAN}
    result.tests = list(tests.values())
    try:
        host, port = parse_host_port(server, 5060)
    except ValueError as exc:
        for test in result.tests:
            test.outcome, test.detail = "error", f"bad server address: {exc}"
        return result
    with contextlib.suppress(asyncio.CancelledError):
        asyncio.run(_run(host, port, timeout, cancel, local_hint, tests, result))
    analyse(result)
    result.duration_ms = round((time.monotonic() - started) * 1000, 1)
    return result


async def _run(host, port, timeout, cancel, local_hint, tests, result) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    try:
        ip, family = await asyncio.wait_for(exchange.resolve(host, port), min(3.0, timeout))
    except (OSError, TimeoutError, ValueError) as exc:
        for test in tests.values():
            test.outcome, test.detail = "error", f"unreachable: {exc or 'name lookup timed out'}"
        return
    local_ip = exchange.local_ip_for(ip, family) or local_hint
    if not local_ip:
        for test in tests.values():
            test.outcome, test.detail = "error", "unreachable: no route to the server"
        return
    runners = [asyncio.ensure_future(_one(ip, family, port, host, local_ip, test, result, deadline))
               for test in tests.values()]
    while not cancel.is_set() and not all(r.done() for r in runners) and loop.time() < deadline:
        await asyncio.wait(runners, timeout=0.05)
    for task in runners:
        task.cancel()
    await asyncio.gather(*runners, return_exceptions=True)
    for test in tests.values():
        if test.outcome == "skipped" and not test.detail:
            test.outcome, test.detail = "dropped", "dropped: no answer in time"


async def _one(ip, family, port, host, local_ip, test: ProbeTest, result, deadline) -> None:
    loop = asyncio.get_running_loop()
    start = loop.time()
    test.port = port
    kind = socket.SOCK_DGRAM if test.transport == "udp" else socket.SOCK_STREAM
    sock = socket.socket(family, kind)
    sock.setblocking(False)
    writer = None
    try:
        sock.bind((local_ip, 0))
        try:
            await asyncio.wait_for(loop.sock_connect(sock, (ip, port)), deadline - loop.time())
        except TimeoutError:
            raise exchange.TestFailed("dropped", "dropped: no TCP connection in time") from None
        except OSError as exc:
            raise exchange.TestFailed("error", f"refused: {exc.strerror or exc}") from None
        local_port = sock.getsockname()[1]
        dialog = Dialog(test.name, test.transport, local_ip, local_port, host, port)
        sent = build_request(dialog, test.method)  # no credentials, ever
        if test.transport == "udp":
            reply, strays = await exchange.udp_transact(sock, sent, dialog, dialog.cseq, test.method,
                                                        deadline)
            if reply is None:
                raise exchange.TestFailed("error" if strays else "dropped",
                                          "error: answers that did not match" if strays
                                          else "dropped: no answer in time")
        else:
            reader, writer = await asyncio.open_connection(sock=sock, limit=2 * 65535)
            writer.write(sent)  # one write: a Linux ALG only reads whole messages
            reply = await exchange.read_answer(reader, dialog, dialog.cseq, test.method, deadline)
        echo = read_echo(reply, dialog, local_ip, local_port)
        result.echoes[test.name] = echo
        _fill(test, echo)
    except exchange.TestFailed as exc:
        test.outcome, test.detail = exc.outcome, exc.detail
    except asyncio.CancelledError:
        test.outcome, test.detail = "dropped", "dropped: no answer in time"
        raise
    except Exception as exc:  # a hostile or broken server must never crash the diagnosis
        test.outcome, test.detail = "error", f"error: {type(exc).__name__}: {exc}"[:200]
    finally:
        test.duration_ms = round((loop.time() - start) * 1000, 1)
        if writer is not None:
            writer.close()
        else:
            sock.close()


def read_echo(reply: bytes, dialog: Dialog, local_ip: str, local_port: int) -> Echo:
    """Our Via as the server echoed it (found by our branch), with its received/rport."""
    message = parse(reply)
    status = message.status or 0
    reason = message.start_line[12:60]
    ours = None
    for value in message.get_all("via"):
        for part in value.split(","):
            with contextlib.suppress(SipParseError):
                via = parse_via(part)
                if via.param("branch") in dialog.branches:
                    ours = via
                    break
        if ours:
            break
    sent_by = dialog.local
    local = host_port(local_ip, local_port)
    if ours is None:
        return Echo(status, reason, sent_by, None, None, None, local)
    echoed = ours.host if ours.port is None else host_port(ours.host.strip("[]"), ours.port)
    return Echo(status, reason, sent_by, echoed, ours.param("received") or None,
                ours.param("rport") or None, local)


def _fill(test: ProbeTest, echo: Echo) -> None:
    if echo.echoed is not None and echo.echoed != echo.sent_by:
        test.rewrites = [Rewrite("outbound", "Via", echo.sent_by, echo.echoed)]
    test.outcome = "rewritten" if test.rewrites else "ok"
    seen = "received=" + (echo.received or "-") + " rport=" + (echo.rport or "-")
    test.detail = (f"{echo.status} {echo.reason}".strip() + f"; Via echoed "
                   f"{'as sent' if echo.echoed == echo.sent_by else echo.echoed or 'missing'}; "
                   f"{seen}; local {echo.local}")


def _private(ip: str | None) -> bool:
    try:
        addr = ipaddress.ip_address(plain_ip(ip or ""))
    except ValueError:
        return False
    return any(addr in ipaddress.ip_network(n) for n in
               ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"))


def analyse(result: ProviderResult) -> None:
    """Findings from the echoes: a Via that came back changed, and ``received`` that was mapped
    back to our private address on one transport but not on the other."""
    result.reachable = bool(result.echoes)
    findings: list[Finding] = []
    changed = [(n, e) for n, e in result.echoes.items() if e.echoed and e.echoed != e.sent_by]
    for name, echo in changed:
        findings.append(Finding("via_rewritten", f"{name}: sent {echo.sent_by}, the server got "
                                f"{echo.echoed}", METHOD))
        if name.startswith("provider_tcp"):
            findings.append(Finding("tcp_rewritten", f"{name}: Via {echo.echoed}", METHOD))
    local_ip = next((e.local.rsplit(":", 1)[0].strip("[]") for e in result.echoes.values()), None)
    public = {e.received for e in result.echoes.values()
              if e.received and plain_ip(e.received) != local_ip}
    if public:
        result.public_address = sorted(public)[0]
    mapped_back = [n for n, e in result.echoes.items()
                   if e.received and plain_ip(e.received) == local_ip]
    if mapped_back and public and _private(local_ip):
        findings.append(Finding(
            "inbound_rewritten", f"{', '.join(mapped_back)}: the server's answer names our private "
            f"address {local_ip} as where it saw us, while other answers say {sorted(public)[0]}: "
            "the answer was mapped back on the way (a reverse-mapping ALG)", METHOD))
    seen = {f.code: f for f in findings}  # one finding per code, in order
    result.findings = list(seen.values())
