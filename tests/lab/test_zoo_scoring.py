"""Scoring a diagnosis against a zoo case (no lab needed): what counts as right, false or missed."""

from __future__ import annotations

from sipalg_wizard.lab.profiles import BY_NAME
from sipalg_wizard.lab.zoo import Outcome, score


def test_a_correct_answer_with_extra_true_and_tolerated_findings_passes():
    case = BY_NAME["kernel_alg"]
    s = score(case, Outcome(case.name, "alg_detected", [
        "via_rewritten", "contact_rewritten", "sdp_connection_rewritten", "inbound_rewritten",
        "from_to_rewritten", "symmetric_nat"]))
    assert s.passed and not s.false_positive and not s.false_negative
    assert s.true_fields == {"via_rewritten", "contact_rewritten", "sdp_connection_rewritten",
                             "inbound_rewritten"}
    assert not s.false_fields  # from_to is tolerated; symmetric_nat is no ALG evidence


def test_a_missing_key_finding_or_a_false_one_fails():
    case = BY_NAME["via_only"]
    missing = score(case, Outcome(case.name, "alg_detected", ["inbound_rewritten"]))
    assert not missing.passed and missing.missing_key == {"via_rewritten"}
    extra = score(case, Outcome(case.name, "alg_detected", ["via_rewritten", "contact_rewritten"]))
    assert not extra.passed and extra.unexpected == extra.false_fields == {"contact_rewritten"}


def test_false_positive_and_false_negative_are_about_the_verdict():
    clean = BY_NAME["clean_nat"]
    fp = score(clean, Outcome(clean.name, "alg_detected", ["via_rewritten"]))
    assert fp.false_positive and not fp.passed
    inconclusive = score(clean, Outcome(clean.name, "inconclusive", ["reflector_unreachable"]))
    assert not inconclusive.false_positive and not inconclusive.verdict_ok
    alg = BY_NAME["block_udp"]
    fn = score(alg, Outcome(alg.name, "no_alg_detected", []))
    assert fn.false_negative and fn.missing_key == {"sip_port_blocked"}
    crashed = score(alg, Outcome(alg.name, error="diagnose did not finish"))
    assert crashed.false_negative and not crashed.passed
