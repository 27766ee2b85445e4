import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_report_samples import (
    alg_diagnosis,
    clean_diagnosis,
    inconclusive_diagnosis,
    netgear,
    network,
)

from sipalg_wizard import explain as ex
from sipalg_wizard import pipeline
from sipalg_wizard.findings import FINDINGS, SYMPTOMS
from sipalg_wizard.probe.models import Finding, ProbeResult, ProbeTest
from sipalg_wizard.report import redact_report

GUIDE = ex.GuideRef("netgear", "NETGEAR routers: turn off SIP ALG")
# Words a customer should not have to know. ("SIP ALG" itself is allowed: it is the setting's name.)
JARGON = re.compile(r"\b(Via|Contact|SDP|RTP|Content-Length|NAT|Request-URI|Call-ID|header|UDP|TCP|"
                    r"port 5060|reflector|rewrit\w+ field)\b|[a-z_]+_[a-z_]+|\bc=|\bo=|\bm=")


def customer_sentences(e: ex.Explanation) -> list[str]:
    return [e.headline, *e.paragraphs, *e.symptoms, e.confidence_text, *(s.text for s in e.next_steps)]


def test_alg_explanation_tells_what_the_router_does_and_why_calls_fail():
    e = ex.explain(alg_diagnosis(), guide=GUIDE)
    assert e.verdict == "alg_detected" and e.confidence == "high"
    first = e.paragraphs[0]
    assert first.startswith("Your router rewrites the addresses inside your phone's call set-up messages.")
    # SDP c=/m= were rewritten: the customer hears about the sound first.
    assert "people you call may not hear you" in first
    assert e.symptom_codes[0] == "one_way_audio"
    assert set(e.symptom_codes) == {"one_way_audio", "drops_30s", "inbound_no_ring", "registration",
                                    "transfer_fails"}
    kinds = [s.kind for s in e.next_steps]
    assert kinds[:2] == ["guide", "restart"] and {"bridge", "isp"} <= set(kinds)
    assert GUIDE.title in e.next_steps[0].text and e.next_steps[0].guide_id == "netgear"


def test_customer_wording_is_short_and_free_of_jargon_for_every_finding():
    for entry in FINDINGS:
        probe = ProbeResult(reflector="203.0.113.10", tests=[ProbeTest("t", "udp", 5060, "OPTIONS", "ok")],
                            findings=[Finding(entry.code, "detail with Via and c= 10.0.0.1")])
        e = ex.explain(pipeline.assemble(network(), netgear(), probe), guide=GUIDE)
        for sentence in customer_sentences(e):
            assert not JARGON.search(sentence), (entry.code, sentence)
            for part in re.split(r"(?<=[.:])\s+", sentence):
                assert len(part.split()) <= 22, (entry.code, part)


def test_every_message_key_used_exists_and_every_symptom_has_customer_words():
    for code in SYMPTOMS:
        assert f"symptom.{code}" in ex.MESSAGES and f"because.{code}" in ex.MESSAGES
    package = Path(ex.__file__).parent
    used = set()
    for module in ("explain.py", "verify.py", "htmlreport.py", "textreport.py", "cli.py"):
        source = (package / module).read_text(encoding="utf-8")
        used.update(re.findall(r"""text\(\s*["']([a-z_.]+)["']""", source))
    assert len(used) > 40
    assert used - set(ex.MESSAGES) == set()


def test_agent_details_carry_the_technical_facts_apart_from_the_customer_text():
    e = ex.explain(alg_diagnosis(), guide=GUIDE)
    lines = "\n".join(e.agent.lines())
    assert "udp_invite udp/5060 outbound sdp c=: 'IN IP4 192.168.77.10' -> 'IN IP4 203.0.113.1'" in lines
    assert "test udp_control udp/5099 INVITE (control): ok" in lines
    assert e.agent.router == "NETGEAR R7000" and e.agent.support_code == alg_diagnosis().support_code
    assert len(e.agent.rewrites) == 7
    assert "192.168.77.10" not in e.customer_text()


def test_indirect_evidence_gives_medium_confidence_and_a_careful_headline():
    probe = ProbeResult(reflector="r", tests=[ProbeTest("udp_invite_large", "udp", 5060, "INVITE",
                                                        "dropped")],
                        findings=[Finding("large_message_dropped")])
    e = ex.explain(pipeline.assemble(network(), netgear(), probe))
    assert e.confidence == "medium" and e.headline == ex.text("headline.alg_suspected")
    assert e.paragraphs[0].startswith(ex.text("does.large"))
    assert e.next_steps[0].text == ex.text("step.guide_generic")


def test_router_without_a_switch_gets_bridge_mode_and_isp_advice():
    guide = {"id": "isp-locked", "title": "Locked gateway", "can_disable": False}
    e = ex.explain(alg_diagnosis(), guide=guide)
    # the sample's control INVITE on UDP 5099 arrived unchanged: that way round is offered too
    assert [s.kind for s in e.next_steps] == ["no_switch", "workaround", "bridge", "isp"]
    assert e.next_steps[1].key == "step.workaround.port" and "(5099)" in e.next_steps[1].text


def test_clean_run_says_there_is_nothing_to_change():
    e = ex.explain(clean_diagnosis())
    assert e.verdict == "no_alg_detected" and e.confidence == "high"
    assert e.next_steps[0].kind == "nothing" and not e.symptoms


@pytest.mark.parametrize(("finding", "step"), [
    ("reflector_unreachable", "check_internet"),
    ("vpn_active", "vpn_off"),
    ("no_gateway", "connect"),
    ("no_probe_run", "ask_server"),
    ("control_path_failed", "retry"),
])
def test_inconclusive_says_what_to_check(finding, step):
    doc = inconclusive_diagnosis().to_dict()
    doc["findings"] = [{"code": finding, "detail": ""}]
    e = ex.explain(doc)
    assert e.confidence == "low" and e.headline == ex.text("headline.inconclusive")
    assert e.paragraphs[0] == ex.text(f"why.{finding}")
    assert e.next_steps[0].kind == step
    assert e.next_steps[-1].kind == "support"


def test_a_redacted_document_explains_the_same_way():
    doc = alg_diagnosis().to_dict()
    assert ex.explain(redact_report(doc)).paragraphs == ex.explain(doc).paragraphs


def test_router_override_and_explain_codes():
    e = ex.explain(alg_diagnosis(), router={"vendor": "AVM", "model": "FRITZ!Box 7590", "confidence": 1})
    assert e.agent.router == "AVM FRITZ!Box 7590"
    e = ex.explain_codes("alg_detected", ["sdp_connection_rewritten"], "tp-link")
    assert e.paragraphs[0].startswith(ex.text("does.audio_only"))


def test_guide_objects_from_the_guide_loader_are_understood():
    from types import SimpleNamespace

    locked = SimpleNamespace(id="bridge-only", title="Locked gateway", kind="cannot_disable",
                             origin="acme-isp")
    ref = ex.GuideRef.from_guide(locked)
    assert ref == ex.GuideRef("bridge-only", "Locked gateway", False, "acme-isp")
    gui = ex.GuideRef.from_guide(SimpleNamespace(id="netgear", title="N", kind="gui", origin="built-in"))
    assert gui.can_disable is None and gui.source == "built-in"


@pytest.mark.parametrize("code", ["headers_removed", "inbound_rewritten", "tcp_rewritten", "via_added"])
def test_a_finding_on_its_own_never_starts_with_also_or_it(code):
    first = ex.explain_codes("alg_detected", [code]).paragraphs[0]
    assert not first.startswith("It ") and " also " not in first.split(".")[0]
    both = ex.explain_codes("alg_detected", ["via_rewritten", code]).paragraphs
    assert both[0].startswith(ex.text("does.addresses")) and len(both) == 3


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["alg_detected", "no_alg_detected", "inconclusive"]),
       st.sets(st.sampled_from([f.code for f in FINDINGS]), max_size=6))
def test_any_combination_of_findings_gets_a_calm_complete_explanation(verdict, codes):
    e = ex.explain_codes(verdict, sorted(codes), "netgear", guide=GUIDE)
    assert e.headline and e.paragraphs and e.next_steps and e.confidence_text
    sentences = customer_sentences(e)
    assert all(not JARGON.search(s) for s in sentences), sentences
    assert len(set(e.paragraphs)) == len(e.paragraphs)  # nothing said twice
    assert all("!" not in s for s in sentences)  # calm: no exclamations


def test_malformed_documents_still_explain_and_render():
    from sipalg_wizard.htmlreport import render_html

    assert ex.explain({}).headline == ex.text("headline.inconclusive")
    odd = {"verdict": "weird", "findings": [{"code": "nonexistent"}],
           "probe": {"tests": [{"name": "x", "rewrites": [{}]}]}}
    assert ex.explain(odd).confidence == "low"
    assert "nonexistent" in render_html(odd)


def test_headline_names_the_router_only_when_identification_is_sure():
    headline = ex.explain(alg_diagnosis()).headline
    assert headline == "Your router (NETGEAR R7000) is changing your phone's call messages."
    unsure = {"vendor": "NETGEAR", "model": None, "confidence": 0.3}
    assert ex.explain(alg_diagnosis(), router=unsure).headline == ex.text("headline.alg_detected")
    chosen = dict(unsure, chosen_by_user=True)
    assert "(NETGEAR)" in ex.explain(alg_diagnosis(), router=chosen).headline


@pytest.mark.parametrize(("reason", "why", "first_step"), [
    ("no_icmp", "why.ttl_no_icmp", "type_server"),
    ("needs_admin", "why.ttl_needs_admin", "deeper_test"),
    ("refused", "why.ttl_refused", "type_server"),
])
def test_an_inconclusive_ttl_only_run_says_why_from_the_witness(reason, why, first_step):
    """Nothing configured, only the TTL witness ran and saw nothing: the reason is the witness's."""
    from sipalg_wizard.explain import explain, text

    doc = {"verdict": "inconclusive", "findings": [], "router": {}, "probe": {
        "tests": [], "methods": [{"method": "ttl", "status": "no_answer", "reason": reason}]}}
    told = explain(doc)
    assert told.paragraphs == [text(why)]
    assert told.next_steps[0].kind == first_step and told.next_steps[-1].kind == "support"


def test_another_witness_that_answered_keeps_its_own_story():
    from sipalg_wizard.explain import witness_reasons

    doc = {"probe": {"methods": [{"method": "provider", "status": "answered"},
                                 {"method": "ttl", "status": "no_answer", "reason": "no_icmp"}]}}
    assert witness_reasons(doc) == []


# --- the measured workaround (no switch / nothing found) --------------------------------------
def _doc_with(*controls):
    """An ALG on port 5060 (UDP INVITE rewritten) plus the given control tests."""
    main = {"name": "udp_invite", "transport": "udp", "port": 5060, "method": "INVITE",
            "outcome": "rewritten", "control": False,
            "rewrites": [{"direction": "outbound", "field": "Via", "sent": "a", "received": "b"}]}
    tests = [main] + [{"name": f"c{i}", "transport": t, "port": p, "method": m, "outcome": o,
                       "control": True, "rewrites": list(r)} for i, (t, p, m, o, r) in enumerate(controls)]
    return {"verdict": "alg_detected", "findings": [{"code": "via_rewritten", "detail": ""}],
            "router": {}, "probe": {"tests": tests}}


def _rw(field):
    return {"direction": "outbound", "field": field, "sent": "a", "received": "b"}


NO_SWITCH = {"id": "arris", "title": "ARRIS", "can_disable": False}
GENERIC = {"id": "generic", "title": "Turn off SIP ALG on your router"}
CLEAN_UDP = ("udp", 5070, "INVITE", "ok", ())
CLEAN_TLS = ("tls", 5061, "INVITE", "ok", ())


@pytest.mark.parametrize(("controls", "key"), [
    ((CLEAN_UDP, CLEAN_TLS), "step.workaround.port_tls"),
    ((CLEAN_UDP, ("tls", 5061, "INVITE", "skipped", ())), "step.workaround.port"),
    ((("udp", 5070, "INVITE", "error", ()), CLEAN_TLS), "step.workaround.tls"),
    (((("tcp", 5070, "INVITE", "ok", ())),), "step.workaround.port"),
])
def test_workaround_is_offered_when_the_control_tests_support_it(controls, key):
    for guide in (NO_SWITCH, GENERIC, None):
        e = ex.explain(_doc_with(*controls), guide=guide)
        found = [s for s in e.next_steps if s.kind == "workaround"]
        assert len(found) == 1 and found[0].key == key, guide
        assert found[0].text == ex.text(key, **found[0].params)
        if "port" in key:
            assert found[0].params == {"port": "5070"} and "(5070)" in found[0].text


@pytest.mark.parametrize("controls", [
    (),  # no control tests ran (e.g. the reflector offered no control port)
    (("udp", 5070, "INVITE", "rewritten", (_rw("Via"),)),
     ("tls", 5061, "INVITE", "dropped", ())),  # the router touches SIP on every port
    (("udp", 5070, "INVITE", "skipped", ()), ("tls", 5061, "INVITE", "error", ())),
    (("udp", 5060, "INVITE", "ok", ()),),  # a "control" on 5060 proves nothing about other ports
    (("udp", 5070, "REGISTER", "ok", ()),),  # the binding check: not an INVITE the ALG rewrites
    (("udp", 5070, "INVITE", "ok", (_rw("Contact"),)),),  # changed after all
])
def test_workaround_is_not_offered_without_a_measurement_that_supports_it(controls):
    for guide in (NO_SWITCH, GENERIC, None):
        e = ex.explain(_doc_with(*controls), guide=guide)
        assert not [s for s in e.next_steps if s.kind == "workaround"]


def test_workaround_is_not_offered_when_the_guide_has_a_switch():
    e = ex.explain(_doc_with(CLEAN_UDP, CLEAN_TLS), guide=GUIDE)
    assert "workaround" not in [s.kind for s in e.next_steps]


def test_workaround_is_not_offered_without_an_alg():
    doc = _doc_with(CLEAN_UDP, CLEAN_TLS)
    doc["verdict"], doc["findings"] = "no_alg_detected", []
    doc["probe"]["tests"][0].update(outcome="ok", rewrites=[])
    assert "workaround" not in [s.kind for s in ex.explain(doc, guide=NO_SWITCH).next_steps]


def test_no_switch_steps_put_the_measured_workaround_before_bridge_mode():
    e = ex.explain(_doc_with(CLEAN_UDP, CLEAN_TLS), guide=NO_SWITCH)
    assert [s.kind for s in e.next_steps] == ["no_switch", "workaround", "bridge", "isp"]
