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


# Findings after which a clean-looking probe still says nothing about the router.
BLOCKING = ("reflector_unreachable", "control_path_failed", "no_probe_run", "vpn_active", "no_gateway")
# Of those, the ones no witness can overcome: the probe did not go through the router at all.
NOT_THROUGH_ROUTER = ("no_gateway", "vpn_active")


def verdict_for(probe: ProbeResult | None, findings: list[Finding]) -> str:
    """The verdict, decided here and nowhere else (CLI, wizard, Verify and reports all come here
    through ``pipeline.assemble``).

    ``alg_detected`` when any finding is ALG evidence. ``no_alg_detected`` when the reflector's
    probe really completed (at least one SIP-port test came back ``ok``, none failed), or, when the
    reflector did not answer, when a witness that sees the outgoing message whole (the TTL probe's
    quote from past the router) vouches that it left unchanged. Otherwise ``inconclusive``.
    """
    if any(BY_CODE[f.code].alg for f in findings if f.code in BY_CODE):
        return ALG_DETECTED
    if probe is None:
        return INCONCLUSIVE
    codes = {f.code for f in findings}
    # A VPN carries the probe past the router inside its tunnel: a clean result says nothing about
    # the router, so nothing can vouch for "no ALG".
    if codes & set(NOT_THROUGH_ROUTER):
        return INCONCLUSIVE
    if probe.tests and not codes & set(BLOCKING):
        sip_port = [t for t in probe.tests if not t.control]
        # An answer from something other than the reflector is no "ok" either: a one-off one
        # (not enough for a finding) still keeps the verdict from "no ALG".
        unsure = ("error", "intercepted")
        if any(t.outcome == "ok" for t in sip_port) and not any(t.outcome in unsure for t in sip_port):
            return NO_ALG_DETECTED
    return NO_ALG_DETECTED if witness_vouches(probe) else INCONCLUSIVE


def witness_vouches(probe: ProbeResult) -> bool:
    """No reflector answered, but another witness saw the outgoing message whole and unchanged
    (``vouches_no_alg`` in its ``probe.methods`` summary). When the reflector did answer, its own
    result stands and nothing overturns it."""
    reflector = next((m for m in probe.methods if m.get("method") == "reflector"), None)
    if reflector is not None and reflector.get("status") == "answered":
        return False
    return any(m.get("vouches_no_alg") for m in probe.methods)
