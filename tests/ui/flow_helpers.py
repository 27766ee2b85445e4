"""Sample core results for the flow tests (a NETGEAR router, a kernel ALG, a clean path)."""

from __future__ import annotations

import threading


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

    def __call__(self, reflector, cancel, local_hint, progress):
        self.calls.append(reflector)
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
