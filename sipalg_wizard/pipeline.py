"""The whole diagnosis in one call, shared by the CLI and the wizard: network, router, probe.

Each step is a function of the step before. ``progress`` receives ``(step, message)`` so a caller
can show what is happening; ``cancel`` (a ``threading.Event``) stops the run between and inside
steps. Nothing here imports Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from sipalg_wizard import diagnosis, supportcode
from sipalg_wizard.identify.models import RouterIdentity
from sipalg_wizard.net.models import NetworkInfo
from sipalg_wizard.probe.models import Finding, ProbeResult
from sipalg_wizard.report import Diagnosis

Progress = Callable[[str, str], None]


class Cancelled(Exception):
    """The user pressed Cancel."""


@dataclass
class Options:
    reflector: str | None = None
    timeout: float = 10.0
    identify: bool = True


def _noop(step: str, message: str) -> None:
    pass


def network_findings(network: NetworkInfo) -> list[Finding]:
    findings = []
    if network.ipv4 is None and network.ipv6 is None:
        findings.append(Finding("no_gateway", "no default route"))
    if "vpn_default_route" in network.problems:
        findings.append(Finding("vpn_active", "the default route goes through a VPN"))
    return findings


def assemble(network: NetworkInfo, router: RouterIdentity, probe: ProbeResult | None,
             extra: list[Finding] | None = None) -> Diagnosis:
    """Combine the steps' results into a Diagnosis with verdict and support code."""
    findings = list(extra or []) + network_findings(network)
    if probe is None:
        findings.append(Finding("no_probe_run", "no reflector was configured"))
    else:
        findings.extend(probe.findings)
    verdict = diagnosis.verdict_for(probe, findings)
    vendor_key = (router.vendor or "unknown").lower()
    code = supportcode.encode(verdict, [f.code for f in findings], vendor_key)
    return Diagnosis(verdict, network, router, probe, findings, code)


def run_diagnosis(options: Options, progress: Progress | None = None,
                  cancel: threading.Event | None = None) -> Diagnosis:
    progress = progress or _noop
    cancel = cancel or threading.Event()

    def check() -> None:
        if cancel.is_set():
            raise Cancelled()

    from sipalg_wizard.net.discover import discover

    progress("network", "Finding your router")
    network = discover()
    check()

    router = RouterIdentity()
    if options.identify and (network.gateway_ipv4 or network.gateway_ipv6):
        from sipalg_wizard.identify.identify import identify

        progress("router", "Identifying your router")
        router = identify(network, timeout=min(3.0, options.timeout), cancel=cancel)
        check()

    probe = None
    if options.reflector:
        from sipalg_wizard.probe.client import run_probe

        progress("probe", f"Testing SIP through your router with {options.reflector}")
        probe = run_probe(options.reflector, timeout=options.timeout, cancel=cancel,
                          local_hint=network.ipv4.local_address if network.ipv4 else None)
        check()
    return assemble(network, router, probe)
