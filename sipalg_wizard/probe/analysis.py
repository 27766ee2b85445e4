"""From probe tests to findings: which finding codes the rewrites and outcomes add up to.

Rules, in words:

* a field rewritten on the way out is evidence of its own code (``Via`` -> ``via_rewritten``, ...);
  ``Content-Length`` recomputed after a rewrite is a consequence, not a finding of its own;
* anything rewritten on the way back is ``inbound_rewritten``;
* a rewrite on TCP to the SIP port adds ``tcp_rewritten``;
* a large INVITE lost where the small one got through is ``large_message_dropped``;
* the SIP port silent while a control port answers is ``sip_port_blocked``;
* every request of one method silent on the SIP port while another method got through there (and
  the control port answers) is ``sip_method_blocked`` (a filter that reads SIP methods);
* media test packets that reach the client through a NAT after the INVITE on the SIP port, but not
  after the same INVITE on the control port, are ``media_pinhole_opened``;
* nothing answering at all is ``reflector_unreachable``;
* with the binding check, the reflector's delayed callback reaching the client on the control port
  but not on the SIP port (both REGISTERs answered) is ``sip_binding_expired``; both missing is
  no evidence at all;
* readable SIP answers to our requests on the SIP port that are not the reflector's (outcome
  ``intercepted``), from the same answering agent on at least two requests, while a control test
  reached the reflector, are ``sip_answered_by_router`` (a proxy-style ALG or the router's own SIP
  stack answers); a single such answer, or one with the control path down too, is no evidence;
* the reflector reporting the ACK for its 200 OK to the SIP-port INVITE missing or changed
  (``ack=missing`` / ``ack=changed ...``, asked twice) while the control INVITE's ACK arrived
  intact (``ack=matched``) is ``ack_lost``: the far end hangs up after 64×T1 = 32 s;
* both binding-check callbacks lost (both REGISTERs answered) is ``nat_mapping_short``: the NAT
  forgets every quiet mapping alike (context for keep-alives, not an ALG);
* one socket seen from two public ports (SIP port, control port) through a NAT is
  ``symmetric_nat`` (context, not ALG evidence).

Hostile or broken answers make a test ``error``, which never becomes ALG evidence; and once the
reflector has said it is rate-limiting us (503), no silence counts as evidence either.
"""

from __future__ import annotations

from collections import Counter

from sipalg_wizard.findings import BY_CODE
from sipalg_wizard.probe import compare
from sipalg_wizard.probe.messages import PLANTED_HEADER
from sipalg_wizard.probe.models import Finding, ProbeTest

FIELD_CODES = {
    "Via": "via_rewritten",
    compare.VIA_ADDED: "via_added",
    "Max-Forwards": "via_added",
    compare.HEADERS_ADDED: "via_added",
    "Contact": "contact_rewritten",
    "sdp c=": "sdp_connection_rewritten",
    "sdp o=": "sdp_origin_rewritten",
    "sdp m=": "sdp_media_port_rewritten",
    compare.CONTENT_LENGTH_WRONG: "content_length_wrong",
    compare.HEADERS_REMOVED: "headers_removed",
    compare.HEADER_ORDER: "headers_removed",
    "Request-URI": "request_uri_rewritten",
    "From": "from_to_rewritten",
    "To": "from_to_rewritten",
    "Call-ID": "call_id_rewritten",
    PLANTED_HEADER: "blind_replace",
}
CONSEQUENCES = {"Content-Length"}  # recomputed by a correct ALG after it changed the body
ANSWERED = ("ok", "rewritten", "mangled")


def _canonical_planted() -> str:
    from sipalg_wizard.sip.message import canonical_name

    return canonical_name(PLANTED_HEADER)


def _silent(test: ProbeTest) -> bool:
    """Nothing came back, or the network refused: a block, not a broken answer."""
    return test.outcome == "dropped" or (test.outcome == "error" and test.detail.startswith(
        ("refused", "unreachable")))


def _agent(detail: str) -> str:
    """The answering agent named in an ``intercepted`` test's detail ("... by 'X'; ...")."""
    return detail.split("; asked again:", 1)[0].rpartition(" by ")[2]


def _answers(test: ProbeTest) -> int:
    """How many requests of this test that agent answered (the probe asks once more)."""
    return 2 if "; asked again: same answer" in test.detail else 1


def _rtcp_codes(rw) -> list[str]:
    """``a=rtcp:PORT [IN IP4 ADDR]``: a changed port and a changed address are different faults."""
    sent, got = rw.sent.split(None, 1), rw.received.split(None, 1)
    codes = []
    if sent[:1] != got[:1]:
        codes.append("sdp_media_port_rewritten")
    if sent[1:] != got[1:]:
        codes.append("sdp_connection_rewritten")
    return codes or ["message_mangled"]


def findings_for(tests: list[ProbeTest], *, nat: bool | None = None) -> list[Finding]:
    """The findings of a finished probe, in a stable order, one per code with its evidence."""
    evidence: dict[str, list[str]] = {}

    def note(code: str, text: str) -> None:
        assert code in BY_CODE, code
        items = evidence.setdefault(code, [])
        if text not in items:
            items.append(text)

    planted = _canonical_planted()
    for test in tests:
        outbound_fields = []
        for rw in test.rewrites:
            if rw.direction == "inbound":
                note("inbound_rewritten", f"{test.name}: {rw.field}")
                continue
            if rw.field in CONSEQUENCES:
                continue
            outbound_fields.append(rw.field)
            name = PLANTED_HEADER if rw.field == planted else rw.field
            codes = _rtcp_codes(rw) if name == "sdp a=rtcp" else [FIELD_CODES.get(name, "message_mangled")]
            for code in codes:
                note(code, f"{test.name}: {rw.field} {rw.sent!r} -> {rw.received!r}")
        if outbound_fields and test.transport == "tcp" and not test.control:
            note("tcp_rewritten", f"{test.name}: {', '.join(dict.fromkeys(outbound_fields))}")
        if test.outcome == "mangled":
            note("message_mangled", f"{test.name}: {test.detail}")

    by_name = {t.name: t for t in tests}
    main = [t for t in tests if not t.control and t.outcome != "skipped"]
    control = [t for t in tests if t.control and t.outcome != "skipped"]
    answered = [t for t in tests if t.outcome in ANSWERED]
    # A reflector that said it is rate-limiting us may have dropped anything: then silence is
    # not evidence against the router.
    busy = any(t.detail.startswith("busy") for t in tests)
    large, small = by_name.get("udp_invite_large"), by_name.get("udp_invite")
    if not busy and large and small and large.outcome == "dropped" and small.outcome in ANSWERED:
        note("large_message_dropped", f"{large.name}: no answer, while {small.name} got one")
    # A method silent (after every retransmission) where other methods got through on the same
    # port and transport, with the control port answering: a filter that reads SIP methods.
    udp_main = [t for t in main if t.transport == "udp" and not t.name.endswith("_binding")]
    ctl_udp_ok = any(t.transport == "udp" and t.outcome in ANSWERED for t in control)
    for test in udp_main:
        others = [t for t in udp_main if t.method != test.method and t.outcome in ANSWERED]
        if not busy and ctl_udp_ok and others and test.outcome == "dropped" and not any(
                t.method == test.method and t.outcome in ANSWERED for t in udp_main):
            note("sip_method_blocked", f"{test.name}: no {test.method} answered on the SIP port, "
                 f"while {others[0].method} was (control port answered)")
    for transport in ("udp", "tcp"):
        on_port = [t for t in main if t.transport == transport]
        ctl_ok = [t for t in control if t.transport == transport and t.outcome in ANSWERED]
        if not busy and on_port and ctl_ok and all(_silent(t) for t in on_port):
            note("sip_port_blocked", f"no {transport.upper()} answer on the SIP port, "
                 f"answers on the {transport.upper()} control port")
    if not answered and tests:
        reasons = sorted({t.detail.split(":")[0] for t in tests if t.detail})
        note("reflector_unreachable", "; ".join(reasons)[:200] or "no answer")
    pin, ctl_pin = by_name.get("udp_invite"), by_name.get("control_udp_invite")
    if (nat and pin and ctl_pin and "pinhole=open" in pin.detail
            and ctl_pin.outcome in ANSWERED and "pinhole=closed" in ctl_pin.detail):
        note("media_pinhole_opened", "media test packets reached the client after the INVITE on "
             "the SIP port, not after the one on the control port")
    bind, ctl_bind = by_name.get("udp_binding"), by_name.get("control_udp_binding")
    if (bind and ctl_bind and bind.outcome in ANSWERED and ctl_bind.outcome in ANSWERED
            and "callback=missing" in bind.detail and "callback=arrived" in ctl_bind.detail):
        quiet = bind.detail.split("callback=missing after", 1)[1].split(";")[0].strip()
        note("sip_binding_expired", f"the reflector's callback after {quiet} reached the client "
             "on the control port, not on the SIP port")
    inv, ctl_inv = by_name.get("udp_invite"), by_name.get("control_udp_invite")
    if (not busy and inv and ctl_inv and inv.outcome in ANSWERED and ctl_inv.outcome in ANSWERED
            and "ack=matched" in ctl_inv.detail
            and ("ack=missing" in inv.detail or "ack=changed" in inv.detail)):
        state = inv.detail.split("ack=", 1)[1].split(";")[0].strip()
        note("ack_lost", f"{inv.name}: the reflector saw the ACK for its 200 OK {state} "
             f"(route, tags, CSeq checked); the control port's ACK arrived intact")
    intercepted = [t for t in main if t.outcome == "intercepted"]
    if not busy and intercepted and any(t.outcome in ANSWERED for t in control):
        agents: Counter[str] = Counter()
        for t in intercepted:
            agents[_agent(t.detail)] += _answers(t)
        agent, count = agents.most_common(1)[0]
        if count >= 2:
            said = "; ".join(f"{t.name}: {t.detail.removeprefix('intercepted: ')}"
                             for t in intercepted if _agent(t.detail) == agent)
            note("sip_answered_by_router", f"{said}; the control port reached the reflector")
    if (bind and ctl_bind and bind.outcome in ANSWERED and ctl_bind.outcome in ANSWERED
            and "callback=missing" in bind.detail and "callback=missing" in ctl_bind.detail):
        # Both lost alike: the NAT forgets every quiet mapping, whatever the port. Not an ALG.
        quiet = bind.detail.split("callback=missing after", 1)[1].split(";")[0].strip()
        note("nat_mapping_short", f"the reflector's callbacks after {quiet} reached the client "
             "on neither port")
    options = by_name.get("udp_options")
    if nat and options and "nat_ports=per-destination" in options.detail:
        ports = options.detail.split("nat_ports=per-destination", 1)[1].split(";")[0].strip()
        note("symmetric_nat", f"public source port differs per destination ({ports})")
    order = {info.code: i for i, info in enumerate(BY_CODE.values())}
    return [Finding(code, "; ".join(items)[:500])
            for code, items in sorted(evidence.items(), key=lambda kv: order[kv[0]])]
