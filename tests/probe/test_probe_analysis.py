"""Outcome-level rules: large drops, a blocked SIP port, pinholes, an unreachable reflector."""

from __future__ import annotations

from sipalg_wizard.diagnosis.verdict import ALG_DETECTED, INCONCLUSIVE, NO_ALG_DETECTED, verdict_for
from sipalg_wizard.probe.analysis import findings_for
from sipalg_wizard.probe.client import PLAN
from sipalg_wizard.probe.models import ProbeResult, ProbeTest, Rewrite


def make_tests(**outcomes) -> list[ProbeTest]:
    out = []
    for plan in PLAN:
        outcome, detail = outcomes.get(plan.name, ("ok", ""))
        out.append(ProbeTest(plan.name, plan.transport, 5060, plan.method, outcome, detail=detail,
                             control=plan.control))
    return out


def verdict(tests, nat=True):
    findings = findings_for(tests, nat=nat)
    return [f.code for f in findings], verdict_for(ProbeResult(tests=tests), findings)


def test_all_ok_is_no_alg():
    assert verdict(make_tests()) == ([], NO_ALG_DETECTED)


def test_large_invite_dropped():
    codes, v = verdict(make_tests(udp_invite_large=("dropped", "dropped: no answer in time")))
    assert codes == ["large_message_dropped"] and v == ALG_DETECTED


def test_large_invite_error_is_not_a_drop():
    codes, _ = verdict(make_tests(udp_invite_large=("error", "error: answers that did not match")))
    assert "large_message_dropped" not in codes


def test_sip_port_blocked_but_control_answers():
    main = {p.name: ("dropped", "dropped: no answer in time") for p in PLAN if not p.control}
    codes, v = verdict(make_tests(**main))
    assert codes == ["sip_port_blocked"] and v == ALG_DETECTED


def test_udp_sip_port_blocked_while_tcp_works():
    udp = {p.name: ("dropped", "dropped: no answer in time") for p in PLAN
           if not p.control and p.transport == "udp"}
    codes, v = verdict(make_tests(**udp))
    assert codes == ["sip_port_blocked"] and v == ALG_DETECTED
    refused = {name: ("error", "refused: ICMP port unreachable") for name in udp}
    assert verdict(make_tests(**refused))[0] == ["sip_port_blocked"]
    broken = {name: ("error", "error: unreadable answer: not SIP") for name in udp}
    assert verdict(make_tests(**broken))[0] == []  # a broken answer is not a block


def test_nothing_answers():
    everything = {p.name: ("error", "refused: ICMP port unreachable") for p in PLAN}
    codes, v = verdict(make_tests(**everything))
    assert codes == ["reflector_unreachable"] and v == INCONCLUSIVE


def test_pinhole_needs_nat_and_a_closed_control():
    opened = {"udp_invite": ("ok", "pinhole=open"), "control_udp_invite": ("ok", "pinhole=closed")}
    assert verdict(make_tests(**opened))[0] == ["media_pinhole_opened"]
    assert verdict(make_tests(**opened), nat=False)[0] == []  # no NAT: proves nothing
    dmz = {"udp_invite": ("ok", "pinhole=open"), "control_udp_invite": ("ok", "pinhole=open")}
    assert verdict(make_tests(**dmz))[0] == []  # everything inbound is open (DMZ)


def test_tcp_rewrite_on_the_sip_port_only():
    tests = make_tests()
    via = Rewrite("outbound", "Via", "SIP/2.0/TCP 192.168.1.2:1", "SIP/2.0/TCP 198.51.100.1:1")
    next(t for t in tests if t.name == "tcp_invite").rewrites = [via]
    codes, _ = verdict(tests)
    assert codes == ["via_rewritten", "tcp_rewritten"]
    tests = make_tests()
    next(t for t in tests if t.name == "control_tcp_invite").rewrites = [via]
    assert verdict(tests)[0] == ["via_rewritten"]


def test_content_length_recomputed_alone_is_not_evidence():
    tests = make_tests()
    tests[0].rewrites = [Rewrite("outbound", "Content-Length", "266", "262")]
    assert verdict(tests)[0] == []


def test_symmetric_nat_is_context_not_alg():
    tests = make_tests(udp_options=("ok", "nat_ports=per-destination 40000/51234"))
    codes, v = verdict(tests)
    assert codes == ["symmetric_nat"] and v == NO_ALG_DETECTED
    assert verdict(tests, nat=False)[0] == []
    assert verdict(make_tests(udp_options=("ok", "nat_ports=same")))[0] == []


def test_a_busy_reflector_makes_silence_meaningless():
    busy = "busy: the reflector is rate-limiting this address (503)"
    tests = make_tests(udp_invite_large=("dropped", "dropped: no answer in time"),
                       tcp_invite=("error", busy))
    codes, v = verdict(tests)
    assert codes == [] and v == INCONCLUSIVE


def test_one_method_blocked_while_others_pass():
    codes, v = verdict(make_tests(udp_register=("dropped", "dropped: no answer in time")))
    assert codes == ["sip_method_blocked"] and v == ALG_DETECTED


def test_a_method_blocked_needs_the_control_port_and_another_method():
    main = {p.name: ("dropped", "dropped: no answer in time") for p in PLAN if not p.control
            and p.transport == "udp"}
    assert "sip_method_blocked" not in verdict(make_tests(**main))[0]  # all silent: port blocked
    ctl = {p.name: ("dropped", "dropped: no answer in time") for p in PLAN if p.control}
    codes, _ = verdict(make_tests(udp_register=("dropped", "dropped: no answer in time"), **ctl))
    assert "sip_method_blocked" not in codes
