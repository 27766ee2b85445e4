"""The verdict and the VPN rule: each decided in one function that every caller goes through."""

from __future__ import annotations

from dataclasses import replace

from test_report_samples import clean_probe, netgear, network, unreachable_probe

from sipalg_wizard import pipeline
from sipalg_wizard.diagnosis import ALG_DETECTED, INCONCLUSIVE, NO_ALG_DETECTED, verdict_for
from sipalg_wizard.probe.models import Finding, ProbeResult


def vouching_ttl(vouches: bool = True) -> dict:
    return {"method": "ttl", "status": "answered", "vouches_no_alg": vouches, "findings": []}


def test_a_witness_that_saw_the_message_whole_vouches_when_the_reflector_is_silent():
    probe = unreachable_probe()
    probe.methods = [{"method": "reflector", "status": "no_answer"}, vouching_ttl()]
    findings = [Finding("reflector_unreachable", "no answer")]
    assert verdict_for(probe, findings) == NO_ALG_DETECTED
    probe.methods[1] = vouching_ttl(vouches=False)
    assert verdict_for(probe, findings) == INCONCLUSIVE


def test_a_witness_alone_vouches_without_any_reflector_test():
    assert verdict_for(ProbeResult(methods=[vouching_ttl()]), []) == NO_ALG_DETECTED


def test_nothing_overturns_an_answering_reflector_an_alg_or_a_vpn():
    answered = ProbeResult(tests=clean_probe().tests,
                           methods=[{"method": "reflector", "status": "answered"}, vouching_ttl()])
    assert verdict_for(answered, [Finding("control_path_failed", "")]) == INCONCLUSIVE
    assert verdict_for(answered, [Finding("via_rewritten", "")]) == ALG_DETECTED
    silent = ProbeResult(methods=[vouching_ttl()])
    for code in ("vpn_active", "no_gateway"):
        assert verdict_for(silent, [Finding(code, "")]) == INCONCLUSIVE
    assert verdict_for(None, []) == INCONCLUSIVE


def test_the_diagnosis_and_the_verdict_function_agree():
    probe = unreachable_probe()
    probe.methods = [{"method": "reflector", "status": "no_answer"}, vouching_ttl()]
    d = pipeline.assemble(network(), netgear(), probe)
    assert d.verdict == verdict_for(probe, d.findings) == NO_ALG_DETECTED


def test_the_vpn_rule_counts_a_vpn_route_we_test_through():
    """The pages warned about a VPN route in use while the diagnosis only looked at the problem
    code: the diagnosis now applies the same rule (NetworkInfo.vpn_active)."""
    net = network()
    net.ipv4 = replace(net.ipv4, vpn=True)
    assert net.vpn_active and "vpn_default_route" not in net.problems
    d = pipeline.assemble(net, netgear(), clean_probe())
    assert d.verdict == INCONCLUSIVE and "vpn_active" in [f.code for f in d.findings]


def test_a_vpn_that_is_only_set_up_is_not_active():
    net = network()
    net.other_defaults = [replace(net.ipv4, interface="tun0", vpn=True)]
    assert not net.vpn_active
    assert pipeline.assemble(net, netgear(), clean_probe()).verdict == NO_ALG_DETECTED
