"""Answers on the SIP port that are not the reflector's: when they are evidence, when not.

A proxy-style ALG (or the router's own SIP stack) answers the phone's requests itself. That is
ALG evidence only when it is consistent: the same answering agent on at least two requests while a
control test reached the reflector. One odd answer (forged, a stray) never is, and it still keeps
the verdict from "no ALG".
"""

from __future__ import annotations

from sipalg_wizard.diagnosis.verdict import ALG_DETECTED, INCONCLUSIVE, verdict_for
from sipalg_wizard.probe.analysis import findings_for
from sipalg_wizard.probe.client import PLAN, foreign_agent
from sipalg_wizard.probe.models import ProbeResult, ProbeTest
from sipalg_wizard.sip import protocol
from sipalg_wizard.sip.message import parse


def plan_with(**outcomes) -> list[ProbeTest]:
    out = []
    for p in PLAN:
        outcome, detail = outcomes.get(p.name, ("ok", ""))
        out.append(ProbeTest(p.name, p.transport, 5060, p.method, outcome, detail=detail,
                             control=p.control))
    return out


def by(agent: str, status: str = "SIP/2.0 200 OK") -> tuple[str, str]:
    return "intercepted", f"intercepted: answered {status!r} by {agent!r}"


def judge(tests):
    findings = findings_for(tests, nat=True)
    return [f.code for f in findings], verdict_for(ProbeResult(tests=tests), findings), findings


def test_two_answers_from_one_agent_with_control_intact_is_a_finding():
    codes, verdict, findings = judge(plan_with(udp_options=by("FRITZ!OS"),
                                                udp_register=by("FRITZ!OS", "SIP/2.0 403 Forbidden")))
    assert codes == ["sip_answered_by_router"] and verdict == ALG_DETECTED
    assert "403 Forbidden" in findings[0].detail and "FRITZ!OS" in findings[0].detail


def test_one_odd_answer_is_no_finding_and_no_clean_verdict():
    codes, verdict, _ = judge(plan_with(udp_options=by("forger")))
    assert codes == [] and verdict == INCONCLUSIVE


def test_two_different_agents_are_not_consistent():
    codes, _, _ = judge(plan_with(udp_options=by("a"), udp_register=by("b")))
    assert "sip_answered_by_router" not in codes


def test_control_path_down_too_is_no_evidence():
    control_down = {p.name: ("dropped", "dropped: no answer in time") for p in PLAN if p.control}
    codes, verdict, _ = judge(plan_with(udp_options=by("x"), udp_register=by("x"), **control_down))
    assert "sip_answered_by_router" not in codes and verdict != ALG_DETECTED


def test_busy_reflector_voids_it():
    codes, _, _ = judge(plan_with(udp_options=by("x"), udp_register=by("x"),
                                   udp_invite=("error", "busy: the reflector is rate-limiting")))
    assert "sip_answered_by_router" not in codes


def _answer(*headers: str, body: bytes = b"") -> object:
    head = "\r\n".join(["SIP/2.0 200 OK", "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1",
                        "CSeq: 1 OPTIONS", "Call-ID: a@b", *headers,
                        f"Content-Length: {len(body)}"])
    return parse(head.encode() + b"\r\n\r\n" + body)


def test_foreign_agent_reads_server_or_user_agent():
    assert foreign_agent(_answer("Server: Gateway 1.0")) == "Gateway 1.0"
    assert foreign_agent(_answer("User-Agent: Phone\x01X")) == "Phone?X"
    assert foreign_agent(_answer()) is None  # a bare 200: a stripped "pad to N" looks the same
    refused = parse(b"SIP/2.0 403 Forbidden\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
    assert foreign_agent(refused) == "unnamed"


def test_the_reflectors_own_answers_are_never_foreign():
    assert foreign_agent(_answer(f"Server: {protocol.SERVER}")) is None
    assert foreign_agent(_answer(f"{protocol.PAD_TO_HEADER}: 900")) is None
    assert foreign_agent(_answer(body=protocol.MAGIC + b"\r\ngarbled")) is None
    busy = parse(b"SIP/2.0 503 Service Unavailable\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
    assert foreign_agent(busy) is None


def test_one_request_answered_twice_alike_is_consistent():
    """A helper that answers keep-alives itself: the probe asked once more and got the same."""
    detail = "intercepted: answered 'SIP/2.0 200 OK' by 'helper'; asked again: same answer"
    codes, verdict, _ = judge(plan_with(udp_options=("intercepted", detail)))
    assert codes == ["sip_answered_by_router"] and verdict == ALG_DETECTED


def test_asked_again_and_the_reflector_answered_is_a_one_off():
    detail = "intercepted: answered 'SIP/2.0 200 OK' by 'x'; asked again: the reflector answered"
    codes, verdict, _ = judge(plan_with(udp_options=("intercepted", detail)))
    assert codes == [] and verdict == INCONCLUSIVE


def test_both_binding_callbacks_lost_is_a_note_not_an_alg():
    from sipalg_wizard.probe.client import BINDING_PLAN

    tests = plan_with() + [
        ProbeTest(p.name, p.transport, 5060, p.method, "ok",
                  detail="callback=missing after 4 s quiet", control=p.control)
        for p in BINDING_PLAN]
    codes, verdict, _ = judge(tests)
    assert codes == ["nat_mapping_short"] and verdict != ALG_DETECTED
