"""The Probe page runs every witness through ``pipeline.run_probes`` (reflector, TTL-limited probe,
the phone provider's server) and says in one plain line each what it saw ("How we tested")."""

from __future__ import annotations

import threading
import time

import pytest
from flow_helpers import (
    FakeProbe,
    FakeWitness,
    kernel_alg_result,
    provider_answered,
    provider_silent,
    to_probe_page,
    to_router_page,
    ttl_clean,
    ttl_rewritten,
    ttl_unavailable,
)

from sipalg_wizard.probe.client import PLAN
from sipalg_wizard.profile import Profile
from sipalg_wizard.ui.settings import Settings


def test_every_witness_has_its_line(qtbot, make_wizard, fake_core):
    fake_core.probe = FakeProbe(kernel_alg_result())
    fake_core.ttl_probe = FakeWitness(ttl_rewritten())
    fake_core.provider_mirror = FakeWitness(provider_answered())
    wizard = make_wizard(None, core=fake_core, reflector="203.0.113.10:5060",
                         profile=Profile(sip_server="sip.example.net"))
    page = to_probe_page(qtbot, wizard)
    assert fake_core.probe.calls == ["203.0.113.10:5060"]
    assert fake_core.ttl_probe.calls == ["203.0.113.10"]  # towards the reflector's address
    assert fake_core.provider_mirror.calls == ["sip.example.net"]
    assert page.sip_server.text() == "sip.example.net"
    assert page.method_text("reflector") == "saw that your router changed your call messages"
    assert page.method_text("ttl") == "saw your call message as it left your router: changed"
    assert page.method_text("provider") == "answered, and saw no change (it cannot see every kind)"
    assert page.method_lines["reflector"][1].text() == \
        "Our test server: saw that your router changed your call messages"
    assert page.method_lines["ttl"][1].text().startswith("The first router past yours: saw")
    assert page.methods_box.isVisible() and not page.progress.isVisible()
    assert page.states["udp_invite"] == "rewritten" and page.progress.value() == len(PLAN)
    assert [m["method"] for m in page.result.methods] == ["reflector", "ttl", "provider"]
    via = next(f for f in wizard.diagnosis.findings if f.code == "via_rewritten")
    assert via.method == "reflector+ttl"  # both witnesses saw it; the pipeline merged them
    assert wizard.diagnosis.verdict == "alg_detected"
    wizard.next()  # the agent's details name each witness, its target, time and findings
    agent = wizard.diagnosis_page.agent.toPlainText()
    assert "method ttl: answered; target 203.0.113.10; 420 ms; witness hop 2" in agent
    assert "method provider: answered; target sip.example.net" in agent


def test_without_a_reflector_the_other_witnesses_decide(qtbot, make_wizard, fake_core):
    fake_core.ttl_probe = FakeWitness(ttl_clean("sip.example.net"))
    fake_core.provider_mirror = FakeWitness(provider_answered())
    settings = Settings.memory()
    settings.set("sip_server", "sip.example.net:5080")
    wizard = make_wizard(None, core=fake_core, settings=settings)
    assert wizard.sip_server == "sip.example.net:5080" and not wizard.reflector
    page = to_probe_page(qtbot, wizard)
    assert fake_core.probe.calls == []  # no test server of ours: its tests do not run
    assert fake_core.ttl_probe.calls == ["sip.example.net"]
    assert fake_core.provider_mirror.calls == ["sip.example.net:5080"]
    assert set(page.states.values()) == {"pending"}
    assert page.tests.topLevelItem(0).text(1) == "Not run"
    assert page.method_text("reflector") == ""
    assert page.method_text("ttl") == \
        "saw your call message exactly as it left your router: unchanged"
    assert wizard.diagnosis.verdict == "no_alg_detected"  # the TTL witness vouches
    assert page.status.text() == "Done: the test messages arrived unchanged. Press Next."
    assert page.progress.maximum() == len(PLAN)  # no longer "busy"
    assert page.notice.codes == []


def test_unavailable_and_silent_witnesses_say_so(qtbot, make_wizard, fake_core):
    fake_core.provider_mirror = FakeWitness(provider_silent())
    wizard = make_wizard(None, core=fake_core, reflector="203.0.113.10",
                         profile=Profile(sip_server="sip.example.net"))
    page = to_probe_page(qtbot, wizard)
    assert page.method_text("ttl") == \
        "not available on this computer: it needs your permission here"
    assert page.method_text("provider") == "no answer"
    tip = page.method_lines["ttl"][1].toolTip()
    assert tip.startswith("method ttl: unavailable") and "raw-packet rights" in tip


@pytest.mark.parametrize(("summary", "words"), [
    ({"method": "reflector", "status": "no_answer", "findings": ["reflector_unreachable"]},
     "no answer"),
    ({"method": "reflector", "status": "answered", "findings": []},
     "saw your call messages arrive unchanged"),
    ({"method": "ttl", "status": "answered", "findings": [], "vouches_no_alg": False},
     "saw only the start of your call message: no change there"),
    ({"method": "ttl", "status": "unavailable", "reason": "no_route", "note": "unavailable: no "
      "IPv4 route towards the target"},
     "not available on this computer: no internet connection over IPv4"),
    ({"method": "ttl", "status": "unavailable", "reason": "refused"},
     "not run: you did not give permission"),
    ({"method": "provider", "status": "answered", "findings": ["via_rewritten"]},
     "answered, and saw that your router changed your call messages"),
])
def test_plain_words_for_what_each_witness_saw(make_wizard, network, summary, words):
    page = make_wizard(lambda: network).probe_page
    assert page.method_words(summary)[1] == words


def test_stop_acts_at_once_while_every_witness_runs(qtbot, make_wizard, fake_core):
    hold = threading.Event()
    fake_core.probe = FakeProbe(kernel_alg_result(), hold=hold)
    witness_cancel = []

    def slow_ttl(target, *, timeout, cancel, local_hint):
        witness_cancel.append(cancel.wait(5))
        return ttl_unavailable(target)

    fake_core.ttl_probe = slow_ttl
    wizard = make_wizard(None, core=fake_core, reflector="203.0.113.10")
    to_router_page(qtbot, wizard)
    wizard.next()
    page = wizard.probe_page
    qtbot.waitUntil(lambda: page.states.get("udp_options") == "running", timeout=5000)
    assert page.method_text("ttl") == "Running\u2026"
    started = time.monotonic()
    page.stop_button.click()
    assert not page.running and time.monotonic() - started < 0.2
    assert page.method_text("ttl") == "Not run" and page.start_button.isEnabled()
    assert fake_core.probe.cancel_seen.wait(2)
    qtbot.waitUntil(lambda: witness_cancel == [True], timeout=3000)  # told to stop as well
    hold.set()


def test_settings_dialog_keeps_the_sip_server(qtbot, make_wizard, fake_core, tmp_path):
    settings = Settings.ini(str(tmp_path / "settings.ini"))
    wizard = make_wizard(None, core=fake_core, settings=settings,
                         profile=Profile(sip_server="sip.profile.example"))
    assert wizard.sip_server == "sip.profile.example"
    dialog = wizard.open_settings()
    assert dialog.sip_server.text() == ""
    dialog.sip_server.setText(" sip.example.net:5080 ")
    dialog.accept()
    assert Settings.ini(str(tmp_path / "settings.ini")).sip_server == "sip.example.net:5080"
    assert wizard.sip_server == "sip.example.net:5080"
    assert wizard.probe_page.sip_server.text() == "sip.example.net:5080"


def test_the_incoming_calls_check_is_offered_and_stops_at_once(qtbot, make_wizard, fake_core):
    """The binding check: a plain option, off by default; ticked, the run asks the probe for it,
    lists its two tests on their own lines, and Stop still ends it at once."""
    from sipalg_wizard.ui import core as corefns

    hold = threading.Event()
    fake_core.probe = FakeProbe(kernel_alg_result(), hold=hold)
    wizard = make_wizard(None, core=fake_core, reflector="203.0.113.10")
    to_router_page(qtbot, wizard)
    wizard.next()
    page = wizard.probe_page
    qtbot.waitUntil(lambda: page.states.get("udp_options") == "running", timeout=5000)
    box = page.binding_check
    assert box.isVisible() and not box.isChecked() and not box.isEnabled()  # fixed while running
    assert "incoming calls can reach you (1 more minute)" in box.text().replace("&", "")
    assert fake_core.probe.binding_checks == [0.0] and "udp_binding" not in page.states
    page.stop_button.click()
    assert fake_core.probe.cancel_seen.wait(2)
    assert box.isEnabled()
    hold.set()
    box.setChecked(True)
    fake_core.probe.cancel_seen.clear()
    hold.clear()
    page.start_button.click()
    qtbot.waitUntil(lambda: len(fake_core.probe.binding_checks) == 2, timeout=5000)
    assert fake_core.probe.binding_checks[-1] == corefns.BINDING_CHECK
    assert {"udp_binding", "control_udp_binding"} <= set(page.states)
    assert page.test_names()["udp_binding"] in [page.tests.topLevelItem(i).text(0)
                                                for i in range(page.tests.topLevelItemCount())]
    started = time.monotonic()
    page.stop_button.click()
    assert not page.running and time.monotonic() - started < 0.2
    assert fake_core.probe.cancel_seen.wait(2)
    hold.set()
