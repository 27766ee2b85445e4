"""From findings to a verdict.

The probe and the network step emit finding codes; this module decides what they add up to. It
does not write sentences for the customer (that is the UI's and the report's job).
"""

from __future__ import annotations

from sipalg_wizard.findings import BY_CODE
from sipalg_wizard.probe.models import Finding, ProbeResult

ALG_DETECTED = "alg_detected"
NO_ALG_DETECTED = "no_alg_detected"
INCONCLUSIVE = "inconclusive"

EXIT_CODES = {NO_ALG_DETECTED: 0, ALG_DETECTED: 3, INCONCLUSIVE: 4}


def verdict_for(probe: ProbeResult | None, findings: list[Finding]) -> str:
    """``alg_detected`` when any finding is ALG evidence; ``no_alg_detected`` only when the probe
    really completed (at least one SIP-port test came back ``ok``); otherwise ``inconclusive``."""
    if any(BY_CODE[f.code].alg for f in findings if f.code in BY_CODE):
        return ALG_DETECTED
    if probe is None or not probe.tests:
        return INCONCLUSIVE
    # A VPN carries the probe past the router inside its tunnel: a clean result says nothing about
    # the router, so it cannot vouch for "no ALG".
    blocking = {"reflector_unreachable", "control_path_failed", "no_probe_run", "vpn_active",
                "no_gateway"}
    if any(f.code in blocking for f in findings):
        return INCONCLUSIVE
    sip_port_ok = [t for t in probe.tests if not t.control and t.outcome == "ok"]
    # An answer from something other than the reflector is no "ok" either: a one-off one (not
    # enough for a finding) still keeps the verdict from "no ALG".
    unsure = ("error", "intercepted")
    if sip_port_ok and not any(t.outcome in unsure for t in probe.tests if not t.control):
        return NO_ALG_DETECTED
    return INCONCLUSIVE
