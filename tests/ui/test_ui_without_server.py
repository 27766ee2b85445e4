"""With nothing configured the Probe page still tests (the profile's ``ttl_target``), never
dead-ends (one sentence why, what to do, the fields right there), and offers the deeper test where
the TTL witness needs permission; "No" at the prompt is an ordinary outcome with its own words.
The witnesses are injected: nothing is sent, no prompt is shown."""

from __future__ import annotations

import time

from flow_helpers import FakeWitness, to_probe_page, ttl_rewritten, ttl_unavailable

from sipalg_wizard.probe.ttl import TtlResult
from sipalg_wizard.profile import Profile

TARGET = "8.8.8.8"  # only ever handed to fakes here
DEFAULT = Profile(ttl_target=TARGET, support_name="Acme Support", support_phone="0800 555 0199")


def refused(target, *, timeout, cancel, local_hint):
    return TtlResult(target, available=False, reason="refused",
                     note="unavailable: permission for the deeper test was not given")


def test_the_default_target_is_tested_with_nothing_configured(qtbot, make_wizard, fake_core):
    fake_core.ttl_probe = FakeWitness(ttl_rewritten(TARGET))
    wizard = make_wizard(None, core=fake_core, profile=DEFAULT)
    page = to_probe_page(qtbot, wizard)
    assert fake_core.ttl_probe.calls == [TARGET] and fake_core.probe.calls == []
    assert wizard.diagnosis.verdict == "alg_detected"
    assert page.method_text("ttl") == "saw your call message as it left your router: changed"
    assert not page.deeper_button.isVisible()


def test_needs_permission_offers_the_deeper_test_which_decides(qtbot, make_wizard, fake_core):
    fake_core.ttl_probe = FakeWitness(ttl_unavailable(TARGET))
    fake_core.elevated_ttl_probe = FakeWitness(ttl_rewritten(TARGET))
    fake_core.can_elevate = lambda: True
    wizard = make_wizard(None, core=fake_core, profile=DEFAULT)
    page = to_probe_page(qtbot, wizard)
    assert wizard.diagnosis.verdict == "inconclusive"
    assert page.notice.codes[0] == "ttl_needs_admin"
    told = page.notice.plain()
    assert ("Without a test server, the test needs your permission on this computer, so your "
            "router has not been tested yet.") in told
    assert "Type the test server or phone-provider server address" in told
    assert "call Acme Support on 0800 555 0199" in told
    assert page.deeper_button.isVisible() and page.server.isVisible() and page.sip_server.isVisible()
    assert "your computer will ask for permission" in page.deeper_button.text()
    with qtbot.waitSignal(page.settled, timeout=15000):
        page.deeper_button.click()
    assert fake_core.elevated_ttl_probe.calls == [TARGET]
    assert fake_core.ttl_probe.calls == [TARGET]  # the ordinary run only, not again
    assert wizard.diagnosis.verdict == "alg_detected"
    assert not page.deeper_button.isVisible() and "ttl_needs_admin" not in page.notice.codes


def test_no_at_the_prompt_has_its_own_words(qtbot, make_wizard, fake_core):
    fake_core.ttl_probe = FakeWitness(ttl_unavailable(TARGET))
    fake_core.elevated_ttl_probe = refused
    fake_core.can_elevate = lambda: True
    wizard = make_wizard(None, core=fake_core, profile=DEFAULT)
    page = to_probe_page(qtbot, wizard)
    with qtbot.waitSignal(page.settled, timeout=15000):
        page.deeper_button.click()
    assert wizard.diagnosis.verdict == "inconclusive"
    assert page.notice.codes[0] == "ttl_refused"
    assert "You did not give permission for the deeper test" in page.notice.plain()
    assert page.method_text("ttl") == "not run: you did not give permission"
    assert not page.deeper_button.isVisible()  # asked once; Start the test offers it again
    assert page.start_button.isEnabled()


def test_without_a_prompt_on_this_system_no_button_but_still_a_way_forward(qtbot, make_wizard,
                                                                           fake_core):
    fake_core.ttl_probe = FakeWitness(ttl_unavailable(TARGET))
    wizard = make_wizard(None, core=fake_core, profile=DEFAULT)
    page = to_probe_page(qtbot, wizard)
    assert not page.deeper_button.isVisible()
    assert page.notice.codes[0] == "ttl_needs_admin"
    assert "Type the test server" in page.notice.plain()


def test_a_silent_isp_says_why_and_what_to_do(qtbot, make_wizard, fake_core):
    fake_core.ttl_probe = FakeWitness(TtlResult(TARGET, reason="no_icmp", note="no router past "
                                                "the home router answered", duration_ms=2500.0))
    wizard = make_wizard(None, core=fake_core, profile=DEFAULT)
    page = to_probe_page(qtbot, wizard)
    assert wizard.diagnosis.verdict == "inconclusive"
    assert page.notice.codes[0] == "ttl_no_icmp"
    assert page.notice.plain().startswith("The routers past yours did not answer our test message")
    assert page.status.text().startswith("The test could not finish.")
    # One reason, in the same words, on this page and on the Diagnosis page and in the reports.
    from sipalg_wizard.diagnosis.explain import explain
    from sipalg_wizard.ui.core_words import words

    assert page.notice.plain().startswith(words(explain(wizard.diagnosis).paragraphs[0]))


def test_an_isp_profile_without_a_target_still_points_to_the_fields(qtbot, make_wizard, fake_core):
    wizard = make_wizard(None, core=fake_core, profile=Profile(support_name="Acme Support"))
    page = to_probe_page(qtbot, wizard)
    assert fake_core.ttl_probe.calls == []
    assert page.notice.codes == ["no_reflector"]
    assert "call Acme Support" in page.notice.plain()


def test_stop_during_the_deeper_test_acts_at_once(qtbot, make_wizard, fake_core):
    seen = []

    def waiting_for_the_prompt(target, *, timeout, cancel, local_hint):
        seen.append(cancel.wait(5))
        return refused(target, timeout=timeout, cancel=cancel, local_hint=local_hint)

    fake_core.ttl_probe = FakeWitness(ttl_unavailable(TARGET))
    fake_core.elevated_ttl_probe = waiting_for_the_prompt
    fake_core.can_elevate = lambda: True
    wizard = make_wizard(None, core=fake_core, profile=DEFAULT)
    page = to_probe_page(qtbot, wizard)
    page.deeper_button.click()
    assert page.running and page.status.text().startswith("Waiting for your permission")
    started = time.monotonic()
    page.stop_button.click()
    assert not page.running and time.monotonic() - started < 0.2
    qtbot.waitUntil(lambda: seen == [True], timeout=3000)


def test_verify_runs_the_same_witness_again_without_a_server(qtbot, make_wizard, fake_core):
    from flow_helpers import ttl_clean

    answers = [ttl_rewritten(TARGET), ttl_clean(TARGET)]
    calls = []

    def ttl_probe(target, *, timeout, cancel, local_hint):
        calls.append(target)
        return answers[len(calls) - 1]

    fake_core.ttl_probe = ttl_probe
    wizard = make_wizard(None, core=fake_core, profile=DEFAULT)
    to_probe_page(qtbot, wizard)
    assert wizard.diagnosis.verdict == "alg_detected"
    wizard.next()  # Diagnosis
    wizard.next()  # Fix
    wizard.next()  # Verify
    verify = wizard.verify_page
    assert verify.run_button.isEnabled()
    with qtbot.waitSignal(verify.settled, timeout=10000):
        verify.run_button.click()
    assert calls == [TARGET, TARGET] and fake_core.probe.calls == []
    assert verify.result.status == "fixed" and verify.headline.text().startswith("Fixed.")
