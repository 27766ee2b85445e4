"""The binding check's rule: a callback on the control port but not on the SIP port is
``sip_binding_expired``; both missing, or a check that could not run, is no evidence."""

from __future__ import annotations

import pytest

from sipalg_wizard.findings import BY_CODE
from sipalg_wizard.probe.analysis import findings_for
from sipalg_wizard.probe.models import ProbeTest


def binding_tests(main_outcome, main_detail, ctl_outcome, ctl_detail):
    return [ProbeTest("udp_register", "udp", 5060, "REGISTER", "ok"),
            ProbeTest("udp_binding", "udp", 5060, "REGISTER", main_outcome, detail=main_detail),
            ProbeTest("control_udp_binding", "udp", 5070, "REGISTER", ctl_outcome,
                      detail=ctl_detail, control=True)]


def codes(tests):
    return [f.code for f in findings_for(tests, nat=True)]


def test_callback_missing_only_on_the_sip_port_is_an_expired_binding():
    found = findings_for(binding_tests("ok", "callback=missing after 3 s quiet",
                                    "ok", "callback=arrived after 3.0 s"), nat=True)
    assert [f.code for f in found] == ["sip_binding_expired"]
    assert "after 3 s" in found[0].detail
    info = BY_CODE["sip_binding_expired"]
    assert info.alg and info.symptoms == ("inbound_no_ring",)


@pytest.mark.parametrize("main, ctl", [
    (("ok", "callback=missing after 3 s quiet"), ("ok", "callback=missing after 3 s quiet")),
    (("ok", "callback=arrived after 3.0 s"), ("ok", "callback=arrived after 3.0 s")),
    (("ok", "callback=arrived after 3.0 s"), ("ok", "callback=missing after 3 s quiet")),
    (("skipped", "binding check: the reflector offers no callback"),
     ("ok", "callback=arrived after 3.0 s")),
    (("skipped", "binding check: no answer to the REGISTER"), ("ok", "callback=arrived after 3.0 s")),
    (("ok", "callback=missing after 3 s quiet"), ("skipped", "binding check: no answer")),
])
def test_no_evidence_without_a_working_control_and_an_answered_sip_port(main, ctl):
    # Both lost alike is a note about the NAT (nat_mapping_short), never ALG evidence.
    found = codes(binding_tests(*main, *ctl))
    assert [c for c in found if BY_CODE[c].alg] == []
    both_lost = "missing" in main[1] and "missing" in ctl[1] and main[0] == ctl[0] == "ok"
    assert found == (["nat_mapping_short"] if both_lost else [])
