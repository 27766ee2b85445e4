"""Sample core results for the flow tests (a NETGEAR router, a kernel ALG, a clean path), and
the steps that many GUI tests begin with."""

from __future__ import annotations

import threading


def open_network_page(qtbot, wizard, activate: bool = False):
    """Next from Welcome, waiting until discovery has answered. ``activate``: then make the window
    the active one, so key presses reach it (keyboard tests)."""
    with qtbot.waitSignal(wizard.network_page.network_found, timeout=5000):
        wizard.next()
    if activate:
        with qtbot.waitActive(wizard):
            wizard.activateWindow()
    return wizard.network_page


def to_router_page(qtbot, wizard):
    """Next through the Network and Router steps, each waited for until it has settled."""
    for settled in (wizard.network_page.settled, wizard.router_page.settled):
        with qtbot.waitSignal(settled, timeout=15000):
            wizard.next()
    return wizard.router_page


def to_probe_page(qtbot, wizard):
    """Next through Network and Router, then through the Probe step until its run settled."""
    to_router_page(qtbot, wizard)
    with qtbot.waitSignal(wizard.probe_page.settled, timeout=15000):
        wizard.next()
    return wizard.probe_page


def start_held_discovery(make_wizard, gate):
    """A wizard on the Network step whose discovery is running, held there by ``gate`` (the
    conftest fixture) until the test releases it. Returns (wizard, the running task)."""
    wizard = make_wizard(gate)
    wizard.next()
    assert gate.entered.wait(5), "discovery should have started in the background"
    return wizard, wizard.network_page.task


def netgear_identity():
    from sipalg_wizard.identify.models import Evidence, RouterIdentity

    return RouterIdentity("netgear", "R7000", "Nighthawk", 0.9, [
        Evidence("oui", "3c:37:86", "netgear", weight=0.5),
        Evidence("http_server", "NETGEAR R7000", "netgear", "R7000", "Nighthawk", 0.9)])


def kernel_alg_result(reflector: str = "203.0.113.10:5060"):
    """What the probe reports through a Linux-kernel SIP ALG (fields as the lab records them)."""
    from sipalg_wizard.probe.analysis import findings_for
    from sipalg_wizard.probe.client import PLAN
    from sipalg_wizard.probe.models import ProbeResult, ProbeTest, Rewrite

    tests = []
    for plan in PLAN:
        test = ProbeTest(plan.name, plan.transport, 5060 if not plan.control else 5070,
                         plan.method, "ok", control=plan.control)
        if plan.transport == "udp" and not plan.control:
            test.outcome = "rewritten"
            test.rewrites = [
                Rewrite("outbound", "Via", "SIP/2.0/UDP 192.168.1.23:40512;branch=z9hG4bK1;rport",
                        "SIP/2.0/UDP 198.51.100.7:40512;branch=z9hG4bK1;rport"),
                Rewrite("outbound", "Contact", "<sip:probe@192.168.1.23:40512>",
                        "<sip:probe@198.51.100.7:40512>"),
            ]
            if plan.method == "INVITE":
                test.rewrites += [
                    Rewrite("outbound", "sdp c=", "c=IN IP4 192.168.1.23", "c=IN IP4 198.51.100.7"),
                    Rewrite("outbound", "sdp o=", "o=- 1 1 IN IP4 192.168.1.23",
                            "o=- 1 1 IN IP4 198.51.100.7"),
                ]
        tests.append(test)
    return ProbeResult(reflector, tests, findings_for(tests, nat=True), "198.51.100.7:40512", 900.0)


def clean_result(reflector: str = "203.0.113.10:5060"):
    from sipalg_wizard.probe.analysis import findings_for
    from sipalg_wizard.probe.client import PLAN
    from sipalg_wizard.probe.models import ProbeResult, ProbeTest

    tests = [ProbeTest(p.name, p.transport, 5060, p.method, "ok", control=p.control) for p in PLAN]
    return ProbeResult(reflector, tests, findings_for(tests, nat=True), "198.51.100.7:40512", 800.0)


class FakeProbe:
    """A probe that reports progress like the real one and returns the queued results in turn."""

    def __init__(self, *results, hold: threading.Event | None = None) -> None:
        self.results = list(results)
        self.calls: list[str] = []
        self.hold = hold
        self.cancel_seen = threading.Event()
        self.binding_checks: list[float] = []

    def __call__(self, reflector, cancel, local_hint, progress, binding_check: float = 0.0):
        self.calls.append(reflector)
        self.binding_checks.append(binding_check)
        result = self.results.pop(0) if len(self.results) > 1 else self.results[0]
        for test in result.tests:
            progress(test.name, "running")
            if self.hold is not None:
                while not self.hold.is_set():
                    if cancel.wait(0.02):
                        self.cancel_seen.set()
                        return result
            progress(test.name, test.outcome)
        return result


class FakeWitness:
    """The TTL probe or the provider mirror as the core returns them, without sending anything:
    ``result`` (a TtlResult or ProviderResult) each call; ``calls`` records the targets."""

    def __init__(self, result) -> None:
        self.result = result
        self.calls: list[str] = []

    def __call__(self, target, *, timeout, cancel, local_hint):
        self.calls.append(target)
        return self.result


def ttl_unavailable(target: str = "203.0.113.10"):
    from sipalg_wizard.probe.ttl import TtlResult

    return TtlResult(target, available=False, reason="needs_admin",
                     note="unavailable: reading ICMP Time Exceeded needs raw-packet rights on this "
                     "system. (test)", duration_ms=1.0)


def ttl_clean(target: str = "203.0.113.10"):
    """The first hop past the router quoted the INVITE whole and unchanged."""
    from sipalg_wizard.probe.models import ProbeTest
    from sipalg_wizard.probe.ttl import Hop, TtlResult

    result = TtlResult(target, gateway_hops=1, witness_ttl=2, sees_all=True, duration_ms=420.0)
    result.hops = [Hop(2, 40000, b"INVITE", quote=_quote(), sends=1)]
    result.tests = [ProbeTest("ttl2_invite", "udp", 5060, "INVITE", "ok")]
    return result


def ttl_rewritten(target: str = "203.0.113.10"):
    from sipalg_wizard.probe.models import Finding, ProbeTest, Rewrite

    result = ttl_clean(target)
    result.tests = [ProbeTest("ttl2_invite", "udp", 5060, "INVITE", "rewritten", rewrites=[
        Rewrite("outbound", "Via", "SIP/2.0/UDP 192.168.1.23:40000", "SIP/2.0/UDP 198.51.100.7:40000")])]
    result.findings = [Finding("via_rewritten", "Via rewritten (TTL quote)", method="ttl")]
    return result


def provider_answered(server: str = "sip.example.net"):
    from sipalg_wizard.probe.provider import ProviderResult

    return ProviderResult(server, reachable=True, public_address="198.51.100.7:40000",
                          duration_ms=310.0)


def provider_silent(server: str = "sip.example.net"):
    from sipalg_wizard.probe.provider import ProviderResult

    return ProviderResult(server, reachable=False, duration_ms=3000.0)


def _quote():
    from sipalg_wizard.probe.icmp_quote import IcmpQuote

    return IcmpQuote("203.0.113.1", 11, 0, b"INVITE sip:probe@203.0.113.10 SIP/2.0\r\n")
