"""The Network step: what it shows, how it explains problems, Stop and Retry, never blocking."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from flow_helpers import open_network_page, start_held_discovery

from sipalg_wizard.net.models import MacVendor, NetworkInfo, Route
from sipalg_wizard.ui.qt import Qt
from sipalg_wizard.ui.workers import State

CANCEL_BUDGET_S = 0.200


def shown(page) -> dict[str, str]:
    return {key: label.text() for key, label in page.values.items()}


def finish_enabled(wizard) -> bool:
    """Can the customer go on (Next; Finish while Network was the last page)."""
    return wizard.button(wizard.WizardButton.NextButton).isEnabled()


def test_shows_what_discovery_found(qtbot, make_wizard, network):
    wizard = make_wizard(lambda: network)
    page = open_network_page(qtbot, wizard)
    assert shown(page) == {
        "gateway_ipv4": "192.168.1.1",
        "gateway_ipv6": "fe80::1%wlan0",
        "interface": "wlan0",
        "local_address": "192.168.1.23\n2001:db8:5::23",
        "mac": "3c:37:86:5e:a1:01",
        "maker": "NETGEAR",
    }
    assert page.status.text() == "Found your router. Press Next to continue."
    assert not page.problems.isVisible() and page.advice == []
    assert not page.busy.isVisible()
    assert page.isComplete() and finish_enabled(wizard)


def test_busy_indicator_and_stop_while_running(qtbot, make_wizard, gate):
    wizard = make_wizard(gate)
    wizard.next()
    page = wizard.network_page
    assert page.running and page.busy.isVisible() and page.stop_button.isEnabled()
    assert not page.retry_button.isEnabled()
    assert "Looking for your router" in page.status.text()
    assert not finish_enabled(wizard)
    with qtbot.waitSignal(page.network_found, timeout=5000):
        gate.release.set()
    assert not page.busy.isVisible() and not page.stop_button.isEnabled()


def test_stop_reacts_within_200_ms_and_ignores_the_late_result(qtbot, make_wizard, gate):
    wizard, task = start_held_discovery(make_wizard, gate)
    page = wizard.network_page
    t0 = time.perf_counter()
    qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
    elapsed = time.perf_counter() - t0
    assert elapsed < CANCEL_BUDGET_S, f"Stop took {elapsed * 1000:.0f} ms"
    assert "Stopped" in page.status.text()
    assert not page.busy.isVisible() and page.retry_button.isEnabled()
    assert task.state is State.CANCELLED
    # The stubborn discovery finishes later: its result must not appear.
    found = []
    page.network_found.connect(found.append)
    with qtbot.waitSignal(task.discarded, timeout=5000):
        gate.release.set()
    assert found == [] and page.network is None
    assert shown(page)["gateway_ipv4"] == "\u2014"
    assert "Stopped" in page.status.text()


def test_going_back_stops_the_search(qtbot, make_wizard, gate):
    wizard, task = start_held_discovery(make_wizard, gate)
    wizard.back()
    assert task.state is State.CANCELLED and wizard.currentPage() is wizard.welcome_page


def test_an_error_is_explained_and_retry_works(qtbot, make_wizard, network):
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise OSError(19, "No such device")
        return network

    wizard = make_wizard(flaky)
    page = wizard.network_page
    with qtbot.waitSignal(page.settled, timeout=5000):
        wizard.next()
    assert page.problems.isVisible()
    assert "could not read your network settings" in page.problems_text.text()
    assert "Press Retry" in page.problems_text.text() and "No such device" in page.problems_text.text()
    assert "Something went wrong" in page.status.text()
    assert page.retry_button.isEnabled() and not finish_enabled(wizard)
    with qtbot.waitSignal(page.network_found, timeout=5000):
        qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    assert len(calls) == 2
    assert shown(page)["gateway_ipv4"] == "192.168.1.1"
    assert not page.problems.isVisible() and finish_enabled(wizard)


def test_not_permitted_is_explained(qtbot, make_wizard):
    def denied():
        raise PermissionError(1, "Operation not permitted")

    wizard = make_wizard(denied)
    with qtbot.waitSignal(wizard.network_page.settled, timeout=5000):
        wizard.next()
    assert [a.code for a in wizard.network_page.advice] == ["not_permitted"]
    assert "did not allow" in wizard.network_page.problems_text.text()


@pytest.fixture
def advice_codes(qtbot, make_wizard):
    wizards = []  # keep each wizard alive for the test (qtbot holds only weak references)

    def run(info: NetworkInfo) -> tuple[list[str], object]:
        wizards.append(make_wizard(lambda: info))
        page = open_network_page(qtbot, wizards[-1])
        return [a.code for a in page.advice], page

    return run


def test_no_network_at_all(advice_codes):
    codes, page = advice_codes(NetworkInfo(problems=["no_default_route"]))
    assert codes == ["no_gateway"]
    assert "no default gateway" in page.problems_text.text()
    assert "cable is plugged in" in page.problems_text.text()
    assert shown(page)["gateway_ipv4"] == "None found"
    assert "could not find your router" in page.status.text()
    assert not page.isComplete()


def test_no_network_code_gets_its_own_words(advice_codes):
    codes, page = advice_codes(NetworkInfo(problems=["no_network"]))
    assert codes == ["no_network"]
    assert "not connected to a network" in page.problems_text.text()


def test_vpn_active(advice_codes):
    info = NetworkInfo(ipv4=Route(4, None, "tun0", 50, "10.8.0.6", vpn=True),
                       other_defaults=[Route(4, "192.168.1.1", "eth0", 100, "192.168.1.23")],
                       problems=["vpn_default_route"])
    codes, page = advice_codes(info)
    assert codes == ["vpn_active", "other_default"]
    assert "VPN is switched on" in page.problems_text.text()
    assert "Turn the VPN off" in page.problems_text.text()
    assert shown(page)["interface"] == "tun0 (a VPN)"
    assert shown(page)["gateway_ipv4"] == "None found"


def test_an_idle_vpn_is_only_a_note(advice_codes, network):
    info = NetworkInfo(ipv4=network.ipv4, mac=network.mac,
                       other_defaults=[Route(4, None, "wg0", 500, None, vpn=True)])
    codes, page = advice_codes(info)
    assert codes == ["vpn_present"]
    assert "wg0" in page.problems_text.text() and page.isComplete()


def test_randomised_router_mac(advice_codes, network):
    info = NetworkInfo(ipv4=network.ipv4,
                       mac=MacVendor("da:a1:19:00:00:01", None, locally_administered=True))
    codes, page = advice_codes(info)
    assert codes == []
    assert "randomised" in shown(page)["maker"]


def test_unknown_problem_codes_are_still_shown(advice_codes, network):
    info = NetworkInfo(ipv4=network.ipv4, mac=network.mac, problems=["captive_portal"])
    codes, page = advice_codes(info)
    assert codes == ["captive_portal"]
    assert "captive_portal" in page.problems_text.text()


@pytest.mark.parametrize(("problems", "codes", "words"), [
    (["routes_unreadable"], ["routes_unreadable"], "could not read this computer's network"),
    (["discovery_failed"], ["discovery_failed"], "FileNotFoundError: ip"),
    (["unsupported_os"], ["unsupported_os"], "Windows, macOS or Linux"),
])
def test_discovery_problem_codes_in_plain_words(advice_codes, problems, codes, words):
    info = NetworkInfo(problems=problems, notes=["FileNotFoundError: ip"])
    got, page = advice_codes(info)
    assert got == codes
    assert words in plain(page.problems_text)
    assert not page.isComplete()  # no router found


def test_gateway_mac_unknown(advice_codes, network):
    got, page = advice_codes(NetworkInfo(ipv4=network.ipv4, problems=["gateway_mac_unknown"]))
    assert got == ["no_mac"]
    assert "hardware address could not be read" in plain(page.problems_text)
    assert page.isComplete()  # the test can go on without the maker


def plain(label) -> str:
    from sipalg_wizard.ui.qt import QtGui

    doc = QtGui.QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


LAB_SCRIPT = r"""
import json, sys
from sipalg_wizard.profile import Profile
from sipalg_wizard.ui.app import create_application, create_wizard
from sipalg_wizard.ui.qt import QtCore
app = create_application()
wizard = create_wizard(Profile())
wizard.show()
out = {}
def found(net):
    page = wizard.network_page
    out.update({k: v.text() for k, v in page.values.items()})
    out["advice"] = [a.code for a in page.advice]
    out["notes"] = list(net.notes) + list(net.problems)
    app.quit()
wizard.network_page.network_found.connect(found)
QtCore.QTimer.singleShot(0, wizard.next)
QtCore.QTimer.singleShot(20000, app.quit)
app.exec()
print(json.dumps(out))
"""


@pytest.mark.lab
def test_the_page_uses_the_real_discover_by_default(qtbot):
    from sipalg_wizard.net.discover import discover  # landed: no skipping any more
    from sipalg_wizard.ui.pages import network

    page = network.NetworkPage()
    qtbot.addWidget(page)
    assert page._discover is network.real_discover and callable(discover)


def test_real_discovery_in_the_lab_shows_the_router(lab):
    """The real discover() behind the page, inside the lab's LAN namespace (never the host's
    network): the page shows the lab router's address, MAC and maker."""
    from sipalg_wizard.lab.netns import NETGEAR_MAC, ROUTER_LAN_IP

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(lab.cmd(lab.lan, [sys.executable, "-c", LAB_SCRIPT]),
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["gateway_ipv4"] == ROUTER_LAN_IP
    assert out["mac"] == NETGEAR_MAC, out
    assert "NETGEAR" in out["maker"].upper()


def test_keyboard_stop_then_retry_keeps_the_focus_on_the_page_buttons(qtbot, make_wizard, gate):
    wizard = make_wizard(gate)
    with qtbot.waitActive(wizard):
        wizard.activateWindow()
    wizard.next()
    page = wizard.network_page
    page.stop_button.setFocus()
    qtbot.keyClick(page.stop_button, Qt.Key.Key_Space)
    assert not page.running and page.retry_button.hasFocus()
    gate.release.set()
    with qtbot.waitSignal(page.network_found, timeout=5000):
        qtbot.keyClick(page.retry_button, Qt.Key.Key_Space)
    assert shown(page)["gateway_ipv4"] == "192.168.1.1"
