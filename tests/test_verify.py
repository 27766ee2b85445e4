import threading
from datetime import timedelta

import pytest
from test_report_samples import (
    PRIVATE,
    PUBLIC,
    alg_diagnosis,
    alg_probe,
    clean_diagnosis,
    inconclusive_diagnosis,
    netgear,
    network,
)

from sipalg_wizard.diagnosis import pipeline, supportcode, verify
from sipalg_wizard.diagnosis.explain import Said
from sipalg_wizard.identify.models import RouterIdentity
from sipalg_wizard.probe.models import Finding, ProbeResult


def partly_fixed():
    """The router stopped rewriting SDP but still rewrites Via, and now also the Call-ID."""
    probe = alg_probe()
    probe.findings = [Finding("via_rewritten", f"Via {PRIVATE} -> {PUBLIC}"),
                      Finding("call_id_rewritten", "Call-ID host changed")]
    return pipeline.assemble(network(), netgear(), probe)


def test_alg_gone_after_the_change_is_fixed_finding_by_finding():
    result = verify.compare_runs(alg_diagnosis(), clean_diagnosis())
    assert result.status == verify.FIXED
    assert {c.status for c in result.changes} == {verify.FIXED}
    assert result.fixed == ["via_rewritten", "contact_rewritten", "sdp_connection_rewritten",
                            "sdp_origin_rewritten", "sdp_media_port_rewritten"]
    assert result.headline == Said.of("verify.fixed") and not result.restart_advised
    assert result.seconds_between == 11 * 60
    # The test used fresh connections; the phones' own are still tracked until a restart.
    assert "Restart the router now if you have not done so yet" in str(result.advice[0])
    restarted = verify.compare_runs(alg_diagnosis(), clean_diagnosis(), after_restart=True)
    assert restarted.advice == [Said.of("verify.fixed.next_restarted")]


def test_still_there_right_after_the_change_asks_for_a_restart():
    before = alg_diagnosis()
    after = alg_diagnosis()
    after.created = before.created + timedelta(minutes=2)
    result = verify.compare_runs(before, after)
    assert result.status == verify.STILL_THERE and result.restart_advised
    assert all(c.status == verify.STILL_THERE for c in result.changes)
    assert "Restart the router, then test again." in " ".join(map(str, result.advice))


def test_still_there_after_a_restart_says_the_change_did_not_work():
    result = verify.compare_runs(alg_diagnosis(), alg_diagnosis(), after_restart=True)
    assert result.status == verify.STILL_THERE and not result.restart_advised
    assert result.advice == [Said.of("verify.still_there.after_restart")]


def test_partly_fixed_is_changed_with_per_finding_status():
    result = verify.compare_runs(alg_diagnosis(), partly_fixed())
    assert result.status == verify.CHANGED
    by_code = {c.code: c for c in result.changes}
    assert by_code["via_rewritten"].status == verify.STILL_THERE
    assert by_code["sdp_connection_rewritten"].status == verify.FIXED
    assert by_code["call_id_rewritten"].status == verify.CHANGED
    assert by_code["call_id_rewritten"].before is None
    assert result.advice[0] == Said.of("verify.new") and result.restart_advised
    assert result.remaining == ["via_rewritten", "call_id_rewritten"]


def test_second_run_that_cannot_finish_is_inconclusive_with_what_to_check():
    result = verify.compare_runs(alg_diagnosis(), inconclusive_diagnosis())
    assert result.status == verify.INCONCLUSIVE
    assert {c.status for c in result.changes} == {verify.INCONCLUSIVE}
    assert Said.of("step.check_internet") in result.advice


def test_clean_before_and_after_is_still_fine_and_json_documents_work():
    result = verify.compare_runs(clean_diagnosis().to_dict(), clean_diagnosis().to_dict())
    assert result.status == verify.FIXED and result.headline == Said.of("verify.clean")
    assert result.changes == [] and result.seconds_between is None
    assert result.to_dict()["status"] == "fixed"


def test_verify_reruns_the_pipeline_with_the_options_and_cancel(monkeypatch):
    seen = {}

    def fake_run(options, progress=None, cancel=None):
        seen.update(options=options, cancel=cancel)
        return clean_diagnosis()

    monkeypatch.setattr(pipeline, "run_diagnosis", fake_run)
    cancel = threading.Event()
    options = pipeline.Options(reflector="203.0.113.10")
    result = verify.verify(alg_diagnosis(), options, cancel=cancel, guide="netgear")
    # The router is known from the first run: no second identification, same identity.
    assert seen == {"options": pipeline.Options(reflector="203.0.113.10", identify=False),
                    "cancel": cancel}
    assert result.status == verify.FIXED and result.after.verdict == "no_alg_detected"
    assert result.after.router.model == "R7000"
    decoded = supportcode.decode(result.after.support_code, ["netgear"])
    assert (decoded.stage, decoded.guide, decoded.verdict) == ("verify", "netgear", "no_alg_detected")


def test_verify_identifies_again_when_the_first_run_did_not_know_the_router(monkeypatch):
    seen = []
    monkeypatch.setattr(pipeline, "run_diagnosis", lambda o, progress=None, cancel=None:
                        seen.append(o) or clean_diagnosis())
    before = alg_diagnosis()
    before.router = RouterIdentity()
    result = verify.verify(before, pipeline.Options(reflector="r"), after_restart=True)
    assert seen[0].identify is True and result.after_restart
    assert supportcode.decode(result.after.support_code).stage == "verify_after_restart"


def test_verify_lets_cancel_through(monkeypatch):
    def cancelled(options, progress=None, cancel=None):
        raise pipeline.Cancelled()

    monkeypatch.setattr(pipeline, "run_diagnosis", cancelled)
    with pytest.raises(pipeline.Cancelled):
        verify.verify(alg_diagnosis(), pipeline.Options())


@pytest.mark.lab
def test_turning_the_kernel_alg_off_in_the_lab_verifies_as_fixed(lab, tmp_path):
    """The real thing end to end: the Linux SIP helper on the lab router, the real reflector and
    ``diagnose`` in the LAN namespace; then the helper rule removed ("turned off") and a second run.
    Explanation, HTML and support code are made from the real documents."""
    import json
    import sys

    from sipalg_wizard.diagnosis.explain import explain
    from sipalg_wizard.lab.netns import SERVER_IP, kernel_sip_helper_available, kernel_sip_ruleset
    from sipalg_wizard.reflector.process import ReflectorProcess
    from sipalg_wizard.report import store as reportstore

    if not kernel_sip_helper_available():
        pytest.skip("no nf_conntrack_sip in this kernel")
    diagnose = [sys.executable, "-m", "sipalg_wizard", "diagnose", "--reflector", SERVER_IP, "--json",
                "--no-identify"]

    def run() -> dict:
        result = lab.run(lab.lan, diagnose, check=False, timeout=60)
        assert result.stdout, result.stderr
        return json.loads(result.stdout)

    lab.nft(lab.router, kernel_sip_ruleset())
    with ReflectorProcess(args=["--host", SERVER_IP, "--quiet"], prefix=lab.cmd(lab.wan, [])):
        before = run()
        lab.run(lab.router, ["nft", "delete", "table", "ip", "sipalg"])  # the customer unticks it
        unticked = run()
        lab.flush_conntrack(lab.router)  # ... and restarts the router, as the guides say
        after = run()
    assert before["verdict"] == "alg_detected" and after["verdict"] == "no_alg_detected"
    # Before the restart, the flow from the phone's port 5060 still carries the helper (tracked
    # for up to an hour): what a desk phone would still suffer, and why the guides say restart.
    phone = next(t for t in unticked["probe"]["tests"] if t["name"] == "udp_phone_port")
    others = [t for t in unticked["probe"]["tests"] if t["name"] != "udp_phone_port"]
    assert phone["outcome"] == "rewritten" and all(t["outcome"] != "rewritten" for t in others)

    told = explain(before)
    assert told.paragraphs[0].keys[0] == "does.addresses"
    assert told.symptom_codes[0] == "one_way_audio" and told.confidence == "high"
    result = verify.compare_runs(before, after)
    assert result.status == verify.FIXED and "via_rewritten" in result.fixed
    assert all(c.status == verify.FIXED for c in result.changes)
    saved = reportstore.save_report(after, base_dir=tmp_path, verified=result, guide={
        "id": "openwrt", "title": "OpenWrt"})
    page = saved.html_path.read_text(encoding="utf-8")
    assert "Before and after the change" in page and "via_rewritten" in page
    before_page = reportstore.save_report(before, base_dir=tmp_path).html_path.read_text(encoding="utf-8")
    assert "<del>192.168.77.10</del>" in before_page and "<ins>203.0.113.1</ins>" in before_page


def test_verify_with_the_wizards_network_runs_only_the_witnesses_it_is_given():
    """The Verify page's path: no second look at the network, the injected witnesses, the live
    list, and the same comparison and support code as any other Verify."""
    calls, ticks = [], []

    def reflector(address, *, timeout, cancel, local_hint, progress=None):
        calls.append((address, local_hint))
        progress("udp_options", "ok")
        return ProbeResult(reflector=address, tests=clean_diagnosis().probe.tests)

    options = pipeline.Options(reflector="203.0.113.10", method="reflector")
    result = verify.verify(alg_diagnosis(), options, after_restart=True, guide="netgear",
                           network=network(), runners={"reflector": reflector},
                           test_progress=lambda name, state: ticks.append((name, state)))
    assert calls == [("203.0.113.10", network().ipv4.local_address)]
    assert ticks == [("udp_options", "ok")]
    assert result.status == verify.FIXED and result.after.router.model == "R7000"
    decoded = supportcode.decode(result.after.support_code, ["netgear"])
    assert (decoded.stage, decoded.guide) == ("verify_after_restart", "netgear")


def test_the_stage_of_a_code_follows_the_verification():
    assert supportcode.stage_for(None) == "diagnosis"
    fixed = verify.compare_runs(alg_diagnosis(), clean_diagnosis())
    assert supportcode.stage_for(fixed) == supportcode.stage_for(fixed.to_dict()) == "verify"
    again = verify.compare_runs(alg_diagnosis(), clean_diagnosis(), after_restart=True)
    assert supportcode.stage_for(again) == "verify_after_restart"
