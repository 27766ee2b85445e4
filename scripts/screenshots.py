#!/usr/bin/env python3
"""Save a PNG of every wizard page (offscreen), for the README and for reviewing the look.

    python scripts/screenshots.py [OUT_DIR] [--lang es] [--real]

OUT_DIR defaults to ``docs/screenshots/``. By default the Network page shows a realistic, fixed
result (a home router), so the pictures do not reveal this machine's network and stay the same
from run to run. ``--real`` runs the real discovery instead: it reads this machine's routes and
may send one UDP datagram to the gateway, so use it where that is fine (e.g. inside the lab's LAN
namespace: ``ip netns exec saw-lan-XXXX python scripts/screenshots.py --real``).
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sipalg_wizard.net.models import MacVendor, NetworkInfo, Route
from sipalg_wizard.profile import Profile
from sipalg_wizard.ui import i18n, workers
from sipalg_wizard.ui.app import create_application, create_wizard
from sipalg_wizard.ui.qt import QtCore, QtGui, QtWidgets
from sipalg_wizard.ui.wizard import DEFAULT_SIZE

SIZE = DEFAULT_SIZE  # what a customer first sees

DEMO_PROFILE = Profile(product_name="SIP ALG Wizard", support_phone="0800 555 0199",
                       support_name="Example Telecom support", sip_server="sip.example.net")

HOME = NetworkInfo(
    ipv4=Route(4, "192.168.1.1", "wlan0", 600, "192.168.1.23"),
    ipv6=Route(6, "fe80::1%wlan0", "wlan0", 1024, "2001:db8:5::23"),
    mac=MacVendor("3c:37:86:5e:a1:01", "NETGEAR"),
)
VPN = NetworkInfo(
    ipv4=Route(4, None, "tun0", 50, "10.8.0.6", vpn=True),
    other_defaults=[Route(4, "192.168.1.1", "wlan0", 600, "192.168.1.23")],
    problems=["vpn_default_route"],
)
OFFLINE = NetworkInfo(problems=["no_default_route"])
REFLECTOR = "203.0.113.10"


def netgear():
    from sipalg_wizard.identify.models import Evidence, RouterIdentity

    return RouterIdentity("netgear", "R7000", "Nighthawk", 0.9, [
        Evidence("oui", "3c:37:86:5e:a1:01", "netgear", weight=0.5),
        Evidence("http_server", "Server: NETGEAR R7000", "netgear", "R7000", "Nighthawk", 0.8),
        Evidence("http_title", "NETGEAR Router R7000", "netgear", "R7000", "Nighthawk", 0.9)])


def probe_result(alg: bool):
    """What the probe reports behind a Linux-kernel SIP ALG (alg=True) or a clean router."""
    from sipalg_wizard.probe.analysis import findings_for
    from sipalg_wizard.probe.client import PLAN
    from sipalg_wizard.probe.models import ProbeResult, ProbeTest, Rewrite

    tests = []
    for plan in PLAN:
        test = ProbeTest(plan.name, plan.transport, 5070 if plan.control else 5060, plan.method,
                         "ok", control=plan.control)
        if alg and plan.transport == "udp" and not plan.control:
            test.outcome = "rewritten"
            test.rewrites = [
                Rewrite("outbound", "Via", "SIP/2.0/UDP 192.168.1.23:40512;rport",
                        "SIP/2.0/UDP 198.51.100.7:40512;rport"),
                Rewrite("outbound", "Contact", "<sip:probe@192.168.1.23:40512>",
                        "<sip:probe@198.51.100.7:40512>"),
                Rewrite("inbound", "Via", "SIP/2.0/UDP 198.51.100.7:40512;received=198.51.100.7",
                        "SIP/2.0/UDP 192.168.1.23:40512;received=198.51.100.7")]
            if plan.method == "INVITE":
                test.rewrites += [
                    Rewrite("outbound", "sdp c=", "c=IN IP4 192.168.1.23", "c=IN IP4 198.51.100.7"),
                    Rewrite("outbound", "sdp o=", "o=- 1 1 IN IP4 192.168.1.23",
                            "o=- 1 1 IN IP4 198.51.100.7")]
        tests.append(test)
    return ProbeResult(REFLECTOR, tests, findings_for(tests, nat=True), "198.51.100.7:40512", 900.0)


class DemoProbe:
    """Reports progress like the real probe; ``hold`` keeps it mid-way for the 'running' shot."""

    def __init__(self, results, hold: threading.Event | None = None, stop_after: int = 3):
        self.results, self.hold, self.stop_after = list(results), hold, stop_after

    def __call__(self, reflector, cancel, local_hint, progress):
        result = self.results.pop(0) if len(self.results) > 1 else self.results[0]
        for index, test in enumerate(result.tests):
            progress(test.name, "running")
            if self.hold is not None and index >= self.stop_after:
                self.hold.wait(timeout=30)
                return result
            progress(test.name, test.outcome)
        return result


class DemoWitness:
    """The TTL probe or the provider mirror, answering with a fixed result (nothing is sent)."""

    def __init__(self, result, hold: threading.Event | None = None) -> None:
        self.result, self.hold = result, hold

    def __call__(self, target, *, timeout, cancel, local_hint):
        if self.hold is not None:
            self.hold.wait(timeout=30)
        return self.result


def ttl_rewritten():
    """The first router past the home router quoted the INVITE with its Via rewritten."""
    from sipalg_wizard.probe.icmp_quote import IcmpQuote
    from sipalg_wizard.probe.models import Finding, ProbeTest, Rewrite
    from sipalg_wizard.probe.ttl import Hop, TtlResult

    quote = IcmpQuote("203.0.113.1", 11, 0, b"INVITE sip:probe@203.0.113.10 SIP/2.0\r\n")
    return TtlResult(REFLECTOR, gateway_hops=1, witness_ttl=2, sees_all=True, duration_ms=640.0,
                     hops=[Hop(2, 40514, b"INVITE", quote=quote, sends=1)],
                     tests=[ProbeTest("ttl2_invite", "udp", 5060, "INVITE", "rewritten", [
                         Rewrite("outbound", "Via", "SIP/2.0/UDP 192.168.1.23:40514",
                                 "SIP/2.0/UDP 198.51.100.7:40514")])],
                     findings=[Finding("via_rewritten", "ttl2_invite: Via", method="ttl")])


def provider_answered():
    from sipalg_wizard.probe.provider import ProviderResult

    return ProviderResult("sip.example.net", reachable=True, public_address="198.51.100.7:40516",
                          duration_ms=310.0)


def demo_core(probe, out_reports: Path, hold: threading.Event | None = None):
    from sipalg_wizard.ui.core import Core

    return Core(discover=lambda: HOME, identify=lambda net, cancel: netgear(), probe=probe,
                ttl_probe=DemoWitness(ttl_rewritten(), hold),
                provider_mirror=DemoWitness(provider_answered(), hold),
                # never the real permission prompt
                elevated_ttl_probe=DemoWitness(ttl_rewritten(), hold), can_elevate=lambda: True,
                reports_dir=out_reports, open_url=lambda url: True)


def wait_for(signal, timeout_ms: int = 15000) -> None:
    loop = QtCore.QEventLoop()
    signal.connect(loop.quit)
    QtCore.QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def settle() -> None:
    """Let layouts and repaints happen before a grab."""
    loop = QtCore.QEventLoop()
    QtCore.QTimer.singleShot(50, loop.quit)
    loop.exec()


def save(widget: QtWidgets.QWidget, path: Path) -> None:
    settle()
    image = posterize(widget.grab().toImage())
    if not image.save(str(path), "PNG", 0):  # quality 0 = smallest PNG
        raise SystemExit(f"could not write {path}")
    print(f"{path}  {image.width()}x{image.height()}  {path.stat().st_size // 1024} KiB")


def posterize(image: QtGui.QImage, step: int = 16) -> QtGui.QImage:
    """Round every colour channel to a multiple of ``step``: invisible on a UI (flat colours,
    anti-aliased text), and it halves the PNG size for the repository."""
    rgb = image.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    table = bytes(min(255, round(v / step) * step) for v in range(256))
    data = bytes(rgb.constBits())[: rgb.sizeInBytes()].translate(table)
    return QtGui.QImage(data, rgb.width(), rgb.height(), rgb.bytesPerLine(),
                        QtGui.QImage.Format.Format_RGB888).copy()


def open_wizard(discover, profile: Profile):
    wizard = create_wizard(profile, discover=discover, reflector=REFLECTOR)
    wizard.resize(SIZE)
    wizard.show()
    settle()
    return wizard


def act_and_wait(action, signal, timeout_ms: int = 15000) -> None:
    """Do ``action`` and let the event loop run until ``signal`` (or the timeout)."""
    loop = QtCore.QEventLoop()
    signal.connect(loop.quit)
    QtCore.QTimer.singleShot(timeout_ms, loop.quit)
    action()
    loop.exec()
    signal.disconnect(loop.quit)


def next_and_wait(wizard, signal=None) -> None:
    if signal is None:
        wizard.next()
        settle()
        return
    act_and_wait(wizard.next, signal)


def shoot_flow(out: Path, suffix: str) -> None:
    """Every later page, on the kernel-ALG path and the clean path, with realistic results."""
    import tempfile

    reports = Path(tempfile.mkdtemp(prefix="sipalg-shots-"))
    hold = threading.Event()
    wizard = create_wizard(DEMO_PROFILE, core=demo_core(DemoProbe([probe_result(True)], hold),
                                                        reports, hold), reflector=REFLECTOR)
    wizard.resize(SIZE)
    wizard.show()
    next_and_wait(wizard, wizard.network_page.settled)
    next_and_wait(wizard, wizard.router_page.settled)
    save(wizard, out / f"router{suffix}.png")
    wizard.router_page.evidence_section.set_open(True)
    save(wizard, out / f"router-evidence{suffix}.png")
    wizard.next()
    deadline = QtCore.QDeadlineTimer(5000)
    while wizard.probe_page.states.get("udp_invite_large") != "running" and not deadline.hasExpired():
        QtCore.QCoreApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 50)
    save(wizard, out / f"probe-running{suffix}.png")
    hold.set()
    wizard.close()

    wizard = create_wizard(DEMO_PROFILE, core=demo_core(
        DemoProbe([probe_result(True), probe_result(False)]), reports), reflector=REFLECTOR)
    wizard.resize(SIZE)
    wizard.show()
    next_and_wait(wizard, wizard.network_page.settled)
    next_and_wait(wizard, wizard.router_page.settled)
    next_and_wait(wizard, wizard.probe_page.settled)
    save(wizard, out / f"probe{suffix}.png")
    next_and_wait(wizard)
    save(wizard, out / f"diagnosis{suffix}.png")
    wizard.diagnosis_page.evidence_section.set_open(True)
    settle()
    scroll = wizard.diagnosis_page.findChild(QtWidgets.QScrollArea)
    scroll.ensureWidgetVisible(wizard.diagnosis_page.rewrites)
    save(wizard, out / f"diagnosis-evidence{suffix}.png")
    next_and_wait(wizard)
    wizard.fix_page.show_step(1)
    save(wizard, out / f"fix{suffix}.png")
    next_and_wait(wizard)
    wizard.verify_page.restarted.setChecked(True)
    wait_for_click(wizard.verify_page.run_button, wizard.verify_page.settled)
    save(wizard, out / f"verify{suffix}.png")
    next_and_wait(wizard)
    wizard.finish_page.save()
    save(wizard, out / f"finish{suffix}.png")
    wizard.close()
    shoot_without_server(out, suffix, reports)


def shoot_without_server(out: Path, suffix: str, reports: Path) -> None:
    """The generic install on Windows or macOS: no server, the TTL witness needs permission, so
    the Probe page says why and offers the deeper test (nothing is sent, no prompt is shown)."""
    from dataclasses import replace

    from sipalg_wizard.probe.ttl import TtlResult

    core = demo_core(DemoProbe([probe_result(True)]), reports)
    core.ttl_probe = DemoWitness(TtlResult("8.8.8.8", available=False, reason="needs_admin",
                                           note="unavailable: needs administrator rights"))
    wizard = create_wizard(replace(DEMO_PROFILE, reflectors=[], sip_server="",
                                   ttl_target="8.8.8.8"), core=core)
    wizard.resize(SIZE)
    wizard.show()
    next_and_wait(wizard, wizard.network_page.settled)
    next_and_wait(wizard, wizard.router_page.settled)
    next_and_wait(wizard, wizard.probe_page.settled)
    save(wizard, out / f"probe-permission{suffix}.png")
    wizard.close()


def wait_for_click(button, signal) -> None:
    act_and_wait(button.click, signal)


def shoot(out: Path, real: bool, suffix: str) -> None:
    gate = threading.Event()

    def searching() -> NetworkInfo:  # stays busy until the picture is taken
        gate.wait(timeout=30)
        return HOME

    wizard = open_wizard(lambda: HOME, DEMO_PROFILE)
    save(wizard, out / f"welcome{suffix}.png")

    if real:
        from sipalg_wizard.ui.pages.network import real_discover

        wizard.network_page._discover = real_discover
    wizard.next()
    wait_for(wizard.network_page.settled)
    save(wizard, out / f"network{suffix}.png")
    wizard.close()

    for name, discover in (("searching", searching), ("vpn", lambda: VPN),
                           ("no-gateway", lambda: OFFLINE)):
        wizard = open_wizard(discover, DEMO_PROFILE)
        wizard.next()
        if name != "searching":
            wait_for(wizard.network_page.settled)
        save(wizard, out / f"network-{name}{suffix}.png")
        gate.set()
        wizard.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", default="docs/screenshots", help="folder for the PNGs")
    parser.add_argument("--lang", help="language code, e.g. es (default: English)")
    parser.add_argument("--real", action="store_true",
                        help="run the real network discovery of this machine for the Network page")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = create_application([sys.argv[0]])
    if args.lang:
        app._sipalg_translators = i18n.install_translators(app, args.lang)
        if not app._sipalg_translators:
            raise SystemExit(f"no translation for {args.lang!r}")
    suffix = f"-{args.lang}" if args.lang else ""
    shoot(out, args.real, suffix)
    shoot_flow(out, suffix)
    workers.shutdown(3000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
