"""The whole wizard, page by page: with injected results (every page's content), and with the real
probe against a real reflector process on loopback (the no-ALG path)."""

from __future__ import annotations

import itertools
import json
import time

import pytest
from flow_helpers import FakeProbe, clean_result, netgear_identity

from sipalg_wizard.diagnosis import supportcode
from sipalg_wizard.net.models import NetworkInfo, Route
from sipalg_wizard.probe.client import PLAN
from sipalg_wizard.reflector.process import ReflectorProcess, free_ports
from sipalg_wizard.ui.core import Core, real_guides
from sipalg_wizard.ui.qt import QtCore, QtGui, QtWidgets
from sipalg_wizard.ui.settings import Settings


def go_next(qtbot, wizard, settled=None, timeout=15000):
    if settled is None:
        wizard.next()
    else:
        with qtbot.waitSignal(settled, timeout=timeout):
            wizard.next()


def walk_to_diagnosis(qtbot, wizard):
    go_next(qtbot, wizard, wizard.network_page.settled)
    go_next(qtbot, wizard, wizard.router_page.settled)
    go_next(qtbot, wizard, wizard.probe_page.settled)
    go_next(qtbot, wizard)
    assert wizard.currentPage() is wizard.diagnosis_page


def test_alg_path_every_page(qtbot, make_wizard, fake_core, tmp_path):
    wizard = make_wizard(None, core=fake_core, reflector="203.0.113.10")
    go_next(qtbot, wizard, wizard.network_page.settled)
    go_next(qtbot, wizard, wizard.router_page.settled)
    page = wizard.router_page
    assert page.title() == "Step 3 of 8: Your router"
    assert page.headline.text() == "Your router looks like a NETGEAR Nighthawk R7000"
    assert "90%" in page.confidence.text()
    assert page.evidence.topLevelItemCount() == 2
    assert page.chooser.findData("netgear") > 0 and page.chooser.findData("tp-link") > 0
    assert page.chooser.itemText(0) == "As detected (NETGEAR Nighthawk R7000)"

    go_next(qtbot, wizard, wizard.probe_page.settled)
    probe = wizard.probe_page
    assert probe.progress.value() == probe.progress.maximum() == len(PLAN)
    assert probe.states["udp_invite"] == "rewritten" and probe.states["tls_invite"] == "ok"
    assert wizard.diagnosis.verdict == "alg_detected"
    assert "support code: " in wizard.currentPage().subTitle()  # in sight once known

    go_next(qtbot, wizard)
    diag = wizard.diagnosis_page
    assert "NETGEAR" in diag.headline.text() and "changing" in diag.headline.text()
    assert diag.rewrites.rowCount() == 4
    fields = {diag.rewrites.item(r, 0).text(): (diag.rewrites.item(r, 2).text(),
                                                diag.rewrites.item(r, 3).text())
              for r in range(diag.rewrites.rowCount())}
    assert fields["Via"][0].startswith("SIP/2.0/UDP 192.168.1.23")
    assert "198.51.100.7" in fields["Via"][1]
    assert "This explains" in diag.body.text()

    go_next(qtbot, wizard)
    fix = wizard.fix_page
    assert fix.guide.id == "netgear" and fix.steps_box.isVisibleTo(fix)
    assert fix.counter.text() == "Step 1 of 2"
    assert fix.picture.pixmap() is not None and not fix.picture.pixmap().isNull()
    fix.next_button.click()
    assert fix.counter.text() == "Step 2 of 2" and "Disable SIP ALG" in fix.step_text.text()
    assert not fix.next_button.isEnabled()
    dialog = fix.enlarge()
    assert dialog is not None and dialog.isVisible()
    dialog.close()
    fix.copy_admin.click()
    assert QtGui.QGuiApplication.clipboard().text() == "http://192.168.1.1/"
    fix.open_admin.click()
    assert fake_core.opened == ["http://192.168.1.1/"]
    assert "Restart the router" in fix.reboot.text()

    go_next(qtbot, wizard)
    verify = wizard.verify_page
    assert "restart the router" in verify.intro.text()
    verify.restarted.setChecked(True)
    with qtbot.waitSignal(verify.settled, timeout=10000):
        verify.run_button.click()
    assert verify.result.status == "fixed"
    assert verify.headline.text().startswith("Fixed.")
    assert "arrived unchanged" in verify.after.text()

    go_next(qtbot, wizard)
    finish = wizard.finish_page
    code = finish.code_label.text()
    assert code == wizard.current_code() and code in wizard.currentPage().subTitle()
    decoded = supportcode.decode(code, ["netgear"])
    assert decoded.verdict == "alg_detected" and decoded.stage == "verify_after_restart"
    assert decoded.guide == "netgear" and decoded.vendor == "netgear"
    saved = finish.save()
    assert saved.json_path.parent == tmp_path and saved.html_path.is_file()
    doc = json.loads(saved.json_path.read_text())
    assert doc["support_code"] == code and doc["guide"]["id"] == "netgear"
    assert doc["verification"]["status"] == "fixed"
    finish.open_button.click()
    assert fake_core.opened[-1].endswith(".html")
    finish.copy_button.click()
    clip = QtGui.QGuiApplication.clipboard().text()
    assert code in clip and "--- log ---" in clip and '"verdict": "alg_detected"' in clip
    assert wizard.button(wizard.WizardButton.FinishButton).isVisible()


def test_every_page_names_its_controls_for_screen_readers(qtbot, make_wizard, fake_core):
    from test_ui_wizard import assert_all_named

    wizard = make_wizard(None, core=fake_core, reflector="203.0.113.10")
    go_next(qtbot, wizard, wizard.network_page.settled)
    go_next(qtbot, wizard, wizard.router_page.settled)
    wizard.router_page.evidence_section.set_open(True)
    assert assert_all_named(wizard) >= 8
    go_next(qtbot, wizard, wizard.probe_page.settled)
    assert_all_named(wizard)
    go_next(qtbot, wizard)
    wizard.diagnosis_page.evidence_section.set_open(True)
    wizard.diagnosis_page.agent_section.set_open(True)
    assert_all_named(wizard)
    for _page in ("fix", "verify", "finish"):
        go_next(qtbot, wizard)
        assert assert_all_named(wizard) >= 5


def test_copy_details_works_on_any_step(qtbot, make_wizard, fake_core):
    wizard = make_wizard(None, core=fake_core, reflector="203.0.113.10")
    go_next(qtbot, wizard, wizard.network_page.settled)
    wizard.button(wizard.WizardButton.CustomButton2).click()
    clip = QtGui.QGuiApplication.clipboard().text()
    assert "192.168.1.1" in clip and "--- log ---" in clip and "203.0.113.10" in clip


def test_the_vendor_choice_flows_into_guide_and_report(qtbot, make_wizard, fake_core):
    fake_core.identify = lambda net, cancel: netgear_identity().__class__()  # nothing known
    wizard = make_wizard(None, core=fake_core, reflector="203.0.113.10")
    go_next(qtbot, wizard, wizard.network_page.settled)
    go_next(qtbot, wizard, wizard.router_page.settled)
    page = wizard.router_page
    assert page.headline.text() == "We could not tell which router you have"
    page.choose("tp-link")
    assert page.headline.text() == "Your router: TP-Link"
    assert wizard.router.chosen_by_user and wizard.router.vendor == "tp-link"
    go_next(qtbot, wizard, wizard.probe_page.settled)
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    assert wizard.fix_page.guide.id == "tp-link"
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    doc = wizard.finish_page.document()
    assert doc["router"]["vendor"] == "tp-link" and doc["router"]["chosen_by_user"]
    assert doc["guide"]["id"] == "tp-link"


def test_choosing_another_maker_later_keeps_the_test_result(qtbot, make_wizard, fake_core):
    wizard = make_wizard(None, core=fake_core, reflector="203.0.113.10")
    walk_to_diagnosis(qtbot, wizard)
    first_code = wizard.support_code
    wizard.back()
    wizard.back()
    assert wizard.currentPage() is wizard.router_page
    wizard.router_page.choose("asus")
    wizard.next()
    assert fake_core.probe.calls == ["203.0.113.10"]  # not run again
    assert wizard.diagnosis.router.vendor == "asus" and wizard.guide.id == "asus"
    assert wizard.support_code != first_code and wizard.support_code in wizard.probe_page.subTitle()
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()


def test_settings_vendor_override_and_reflector(qtbot, make_wizard, fake_core, tmp_path):
    settings = Settings.ini(str(tmp_path / "settings.ini"))
    settings.set("vendor_override", "asus")
    settings.set("reflector", "198.51.100.99:5060")
    wizard = make_wizard(None, core=fake_core, settings=settings)
    assert wizard.reflector == "198.51.100.99:5060"
    go_next(qtbot, wizard, wizard.network_page.settled)
    go_next(qtbot, wizard, wizard.router_page.settled)
    assert wizard.router.vendor == "asus" and wizard.router_page.chooser.currentData() == "asus"
    dialog = wizard.open_settings()
    assert dialog.reflector.text() == "198.51.100.99:5060"
    dialog.reflector.setText("203.0.113.10")
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    dialog.accept()
    again = Settings.ini(str(tmp_path / "settings.ini"))
    assert again.reflector == "203.0.113.10" and again.language == "es"
    assert wizard.reflector == "203.0.113.10"


def test_no_test_server_is_explained_and_still_gives_a_code(qtbot, make_wizard, fake_core):
    wizard = make_wizard(None, core=fake_core)
    go_next(qtbot, wizard, wizard.network_page.settled)
    go_next(qtbot, wizard, wizard.router_page.settled)
    go_next(qtbot, wizard, wizard.probe_page.settled)
    probe = wizard.probe_page
    assert probe.notice.codes == ["no_reflector"] and probe.notice.isVisible()
    assert fake_core.probe.calls == []
    assert wizard.diagnosis.verdict == "inconclusive"
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()


def test_vpn_and_unreachable_server_are_explained(qtbot, make_wizard, fake_core):
    from sipalg_wizard.probe.models import Finding, ProbeResult

    fake_core.discover = lambda: NetworkInfo(
        ipv4=Route(4, None, "tun0", 50, "10.8.0.6", vpn=True), problems=["vpn_default_route"])
    fake_core.probe = FakeProbe(ProbeResult("203.0.113.10", [], [
        Finding("reflector_unreachable", "203.0.113.10: timed out")]))
    wizard = make_wizard(None, core=fake_core, reflector="203.0.113.10")
    wizard.network_page._discover = fake_core.discover
    go_next(qtbot, wizard, wizard.network_page.settled)
    go_next(qtbot, wizard, wizard.router_page.settled)
    go_next(qtbot, wizard, wizard.probe_page.settled)
    assert wizard.probe_page.notice.codes == ["reflector_unreachable", "vpn_active"]
    assert "203.0.113.10" in wizard.probe_page.notice.plain()


def test_not_permitted_is_explained(qtbot, make_wizard, fake_core):
    def refuse(*args):
        raise PermissionError(1, "Operation not permitted")

    fake_core.probe = refuse
    wizard = make_wizard(None, core=fake_core, reflector="203.0.113.10")
    walk_to_diagnosis(qtbot, wizard)
    assert wizard.probe_page.notice.codes == ["not_permitted"]


def test_captive_portal_is_explained(qtbot, make_wizard, fake_core):
    from sipalg_wizard.identify.models import Evidence, RouterIdentity

    fake_core.identify = lambda net, cancel: RouterIdentity(evidence=[Evidence(
        "http_location", "https://login.hotspot.example/portal", note="refused redirect")])
    wizard = make_wizard(None, core=fake_core, reflector="203.0.113.10")
    go_next(qtbot, wizard, wizard.network_page.settled)
    go_next(qtbot, wizard, wizard.router_page.settled)
    assert wizard.router_page.notice.codes == ["captive_portal"]
    assert "login.hotspot.example" in wizard.router_page.notice.plain()


def test_probe_stop_acts_at_once_and_the_loop_stays_responsive(qtbot, make_wizard, fake_core):
    import threading

    hold = threading.Event()
    fake_core.probe = FakeProbe(clean_result(), hold=hold)
    wizard = make_wizard(None, core=fake_core, reflector="203.0.113.10")
    go_next(qtbot, wizard, wizard.network_page.settled)
    go_next(qtbot, wizard, wizard.router_page.settled)
    wizard.next()
    page = wizard.probe_page
    qtbot.waitUntil(lambda: page.states.get("udp_options") == "running", timeout=5000)
    ticks = []
    timer = QtCore.QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    qtbot.wait(300)
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 5 and max(gaps) < 0.25  # generous: a shared 2-core machine
    started = time.monotonic()
    page.stop_button.click()
    assert not page.running and time.monotonic() - started < 0.2
    assert page.start_button.isEnabled()
    assert fake_core.probe.cancel_seen.wait(2)  # the probe itself was told to stop
    hold.set()


@pytest.fixture
def loopback_reflector():
    sip, control, tls = free_ports(3)
    process = ReflectorProcess(args=[
        "--host", "127.0.0.1", "--udp-port", str(sip), "--tcp-port", str(sip),
        "--control-udp-port", str(control), "--control-tcp-port", str(control),
        "--tls-port", str(tls), "--quiet", "--rate-limit", "0"]).start()
    try:
        yield f"127.0.0.1:{sip}"
    finally:
        process.stop()


def test_no_alg_path_with_the_real_probe_on_loopback(qtbot, make_wizard, tmp_path,
                                                      loopback_reflector):
    """Real probe, real reflector process, real guides, real report; the network is injected
    (the test process may only talk to loopback)."""
    loop = NetworkInfo(ipv4=Route(4, "127.0.0.1", "lo", 0, "127.0.0.1"))
    from sipalg_wizard.identify.models import RouterIdentity

    core = Core(discover=lambda: loop, identify=lambda net, cancel: RouterIdentity(),
                guides=real_guides, reports_dir=tmp_path, open_url=lambda url: True)
    wizard = make_wizard(None, core=core, reflector=loopback_reflector)
    go_next(qtbot, wizard, wizard.network_page.settled)
    go_next(qtbot, wizard, wizard.router_page.settled)
    ticks: list[float] = []
    timer = QtCore.QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    started = time.monotonic()
    go_next(qtbot, wizard, wizard.probe_page.settled, timeout=30000)
    ended = time.monotonic()
    timer.stop()
    page = wizard.probe_page
    assert wizard.diagnosis.verdict == "no_alg_detected", wizard.diagnosis.findings
    # The gaps between the event loop's ticks, from the click to the settled signal: a probe on
    # loopback can finish within one or two ticks, so it is the longest gap that tells a stall.
    gaps = sorted(b - a for a, b in itertools.pairwise([started, *ticks, ended]))
    print(f"event loop during the real probe: {len(ticks)} ticks, longest gap "
          f"{gaps[-1] * 1000:.0f} ms, median {gaps[len(gaps) // 2] * 1000:.0f} ms")
    assert gaps[-1] < 0.25  # the GUI never stalls (generous: shared CPU)
    assert page.states["udp_invite"] == "ok" and page.states["tcp_invite"] == "ok"
    assert page.progress.value() == len(PLAN)
    go_next(qtbot, wizard)
    assert wizard.diagnosis_page.headline.text() == \
        "Your router lets your phone's calls through unchanged."
    assert not wizard.diagnosis_page.evidence_section.isVisibleTo(wizard.diagnosis_page)
    go_next(qtbot, wizard)
    fix = wizard.fix_page
    assert "nothing to change" in fix.intro.text() and not fix.steps_box.isVisibleTo(fix)
    go_next(qtbot, wizard)
    verify = wizard.verify_page
    assert "Nothing needs checking" in verify.intro.text()
    with qtbot.waitSignal(verify.settled, timeout=30000):
        verify.run_button.click()
    assert verify.result.status == "fixed" and verify.headline.text().startswith("Still fine.")
    go_next(qtbot, wizard)
    code = wizard.finish_page.code_label.text()
    assert supportcode.decode(code).verdict == "no_alg_detected"
    assert wizard.finish_page.save().html_path.is_file()
    QtWidgets.QApplication.processEvents()
