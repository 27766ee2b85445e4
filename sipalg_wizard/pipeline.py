"""The whole diagnosis in one call, shared by the CLI and the wizard: network, router, probe.

Each step is a function of the step before. ``progress`` receives ``(step, message)`` so a caller
can show what is happening; ``cancel`` (a ``threading.Event``) stops the run between and inside
steps. Nothing here imports Qt.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from sipalg_wizard import diagnosis, supportcode
from sipalg_wizard.identify.models import RouterIdentity
from sipalg_wizard.net.models import NetworkInfo
from sipalg_wizard.probe.models import Finding, ProbeResult
from sipalg_wizard.report import Diagnosis

Progress = Callable[[str, str], None]


class Cancelled(Exception):
    """The user pressed Cancel."""


METHODS = ("auto", "reflector", "ttl", "provider")


@dataclass
class Options:
    reflector: str | None = None
    timeout: float = 10.0
    identify: bool = True
    # Which witnesses probe the router: "auto" runs every one that has a target (the reflector;
    # the TTL-limited probe towards the reflector's or SIP server's address; the SIP server as a
    # mirror), so they stand in when the reflector does not answer and corroborate when it does.
    method: str = "auto"
    sip_server: str | None = None
    # The profile's default TTL target (a literal public IPv4 address): the TTL witness aims there
    # when neither a reflector nor a SIP server gives it an address, so that a generic install
    # with nothing configured still runs a witness. None: no default.
    ttl_target: str | None = None
    guide_packs: tuple[str, ...] = ()
    # Seconds of the reflector's delayed-callback binding check (0 = off; it lengthens the run).
    binding_check: float = 0.0


def _noop(step: str, message: str) -> None:
    pass


def network_findings(network: NetworkInfo) -> list[Finding]:
    findings = []
    if network.ipv4 is None and network.ipv6 is None:
        findings.append(Finding("no_gateway", "no default route"))
    if network.vpn_active:
        findings.append(Finding("vpn_active", "the default route goes through a VPN"))
    return findings


@functools.cache
def _guide_library(packs: tuple[str, ...]):
    from sipalg_wizard.guides import GuideLibrary

    return GuideLibrary.load(packs)


def guide_for(router: RouterIdentity, packs: tuple[str, ...] = ()) -> dict | None:
    """The fix guide the wizard would show for this router, as the report records it (id, title,
    kind, confidence); None when no guide could be loaded (a broken install must not stop the
    diagnosis)."""
    try:
        guide = _guide_library(tuple(packs)).for_identity(router)
    except Exception:  # guides are advice: the verdict stands without them
        return None
    if guide is None:
        return None
    return {"id": guide.id, "title": guide.title, "kind": guide.kind,
            "confidence": guide.confidence, "origin": guide.origin}


def assemble(network: NetworkInfo, router: RouterIdentity, probe: ProbeResult | None,
             extra: list[Finding] | None = None, guide_packs: tuple[str, ...] = ()) -> Diagnosis:
    """Combine the steps' results into a Diagnosis with verdict, the fix guide (when an ALG was
    found) and the support code, which carries the guide so the agent knows what was shown."""
    findings = list(extra or []) + network_findings(network)
    if probe is None:
        findings.append(Finding("no_probe_run", "no reflector was configured"))
    else:
        findings.extend(probe.findings)
    verdict = diagnosis.verdict_for(probe, findings)
    guide = guide_for(router, guide_packs) if verdict == diagnosis.ALG_DETECTED else None
    vendor_key = (router.vendor or "unknown").lower()
    code = supportcode.encode(verdict, [f.code for f in findings], vendor_key,
                              guide["id"] if guide else None)
    return Diagnosis(verdict, network, router, probe, findings, code, guide=guide)


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

    # Identifying the router (its web page, UPnP: up to 3 s) and probing through it are
    # independent, so they run side by side: the verdict does not wait for the router's banner.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="identify") as pool:
        identifying = None
        if options.identify and (network.gateway_ipv4 or network.gateway_ipv6):
            from sipalg_wizard.identify.identify import identify

            progress("router", "Identifying your router")
            identifying = pool.submit(identify, network, timeout=min(3.0, options.timeout),
                                      cancel=cancel)
        probe = run_probes(options, network.ipv4.local_address if network.ipv4 else None,
                           progress, cancel)
        router = identifying.result() if identifying else RouterIdentity()
    check()
    return assemble(network, router, probe, guide_packs=options.guide_packs)


# -- the witnesses ------------------------------------------------------------------------------
def _target_host(address: str | None) -> str | None:
    if not address:
        return None
    from sipalg_wizard.hostport import parse_host_port

    try:
        return parse_host_port(address, 5060)[0]
    except ValueError:
        return None


def plan_witnesses(options: Options) -> dict[str, str]:
    """``{method: target}`` of the witnesses ``run_probes`` will run for these options, in order
    (the wizard lists them before they answer)."""
    wanted = {"auto": set(METHODS), "reflector": {"reflector"}, "ttl": {"ttl"},
              "provider": {"provider"}}.get(options.method, set(METHODS))
    ttl_target = (_target_host(options.reflector) or _target_host(options.sip_server)
                  or options.ttl_target)
    plan = {}
    if options.reflector and "reflector" in wanted:
        plan["reflector"] = options.reflector
    if ttl_target and "ttl" in wanted:
        plan["ttl"] = ttl_target
    if options.sip_server and "provider" in wanted:
        plan["provider"] = options.sip_server
    return plan


def _real_runner(method: str) -> Callable:
    """The core's own witness function (imported only when that witness runs)."""
    if method == "reflector":
        from sipalg_wizard.probe.client import run_probe

        return run_probe
    if method == "ttl":
        from sipalg_wizard.probe.ttl import run_ttl_probe

        return run_ttl_probe
    from sipalg_wizard.probe.provider import run_provider_mirror

    return run_provider_mirror


def run_probes(options: Options, local_hint: str | None, progress: Progress,
               cancel: threading.Event, *, test_progress: Callable[[str, str], None] | None = None,
               runners: dict[str, Callable] | None = None) -> ProbeResult | None:
    """Run the chosen witnesses at once (each bounded by its own timeout) and merge what they saw:
    the reflector's tests stay ``probe.tests``; each witness adds a summary to ``probe.methods``;
    every finding names the method(s) that saw it.

    ``test_progress`` receives the reflector's ``(test name, state)`` as each test runs (the
    wizard's live list); ``runners`` replaces witness functions by name (the wizard's injected
    core, tests), with the signatures of ``run_probe``, ``run_ttl_probe``, ``run_provider_mirror``.
    """
    plan = plan_witnesses(options)
    run = {m: (runners or {}).get(m) or _real_runner(m) for m in plan}
    jobs = {}
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="probe") as pool:
        if "reflector" in plan:
            progress("probe", f"Testing SIP through your router with {options.reflector}")
            extra = {"progress": test_progress} if test_progress is not None else {}
            if options.binding_check > 0:  # only then: injected runners need not know it
                extra["binding_check"] = options.binding_check
            jobs["reflector"] = pool.submit(run["reflector"], options.reflector,
                                            timeout=options.timeout, cancel=cancel,
                                            local_hint=local_hint, **extra)
        if "ttl" in plan:
            progress("probe", "Asking the first router past yours what it received")
            jobs["ttl"] = pool.submit(run["ttl"], plan["ttl"], cancel=cancel,
                                      local_hint=local_hint,
                                      timeout=min(2.5, max(1.0, options.timeout / 4)))
        if "provider" in plan:
            progress("probe", f"Asking your SIP provider {options.sip_server} what it saw")
            jobs["provider"] = pool.submit(run["provider"], options.sip_server, cancel=cancel,
                                           local_hint=local_hint, timeout=min(3.0, options.timeout))
    if not jobs:
        return None
    results = {name: job.result() for name, job in jobs.items()}
    probe = results.get("reflector") or ProbeResult(reflector=options.reflector)
    found: list[Finding] = []
    if "reflector" in results:
        answered = any(t.outcome in ("ok", "rewritten", "mangled") for t in probe.tests)
        probe.methods.append({
            "method": "reflector", "target": options.reflector,
            "status": "answered" if answered else "no_answer",
            "duration_ms": probe.duration_ms, "findings": [f.code for f in probe.findings]})
        found += [dataclasses.replace(f, method="reflector") for f in probe.findings]
    if "ttl" in results:
        probe.methods.append(_ttl_summary(results["ttl"]))
        found += results["ttl"].findings
    if "provider" in results:
        probe.methods.append(_provider_summary(results["provider"]))
        found += results["provider"].findings
    probe.findings = merge_findings(found)
    return probe


def merge_findings(findings: list[Finding]) -> list[Finding]:
    """One finding per code; where several witnesses saw it, the methods are listed together."""
    merged: dict[str, Finding] = {}
    for finding in findings:
        seen = merged.get(finding.code)
        if seen is None:
            merged[finding.code] = finding
        elif finding.method and finding.method not in (seen.method or "").split("+"):
            merged[finding.code] = dataclasses.replace(
                seen, method="+".join(filter(None, [seen.method, finding.method])),
                detail=f"{seen.detail} | {finding.method}: {finding.detail}"[:500])
    return list(merged.values())


def _ttl_summary(result) -> dict:
    answered = any(h.quote is not None and h.quote.time_exceeded and h.ttl > 1 for h in result.hops)
    return {
        "method": "ttl", "target": result.target,
        "status": "unavailable" if not result.available else "answered" if answered else "no_answer",
        "note": result.note, "reason": getattr(result, "reason", ""),
        "gateway_hops": result.gateway_hops, "witness_hop": result.witness_ttl,
        # What went out: the bound the docs promise (no TTL past the second public router).
        "datagrams_sent": sum(h.sends for h in result.hops),
        "max_ttl_sent": max((h.ttl for h in result.hops if h.sends), default=0),
        "vouches_no_alg": result.sees_all and not result.findings,
        "confidence": "high" if result.witness_ttl and result.tests
        and result.tests[0].outcome == "ok" else "medium" if result.witness_ttl else "none",
        "duration_ms": result.duration_ms, "tests": [t.to_dict() for t in result.tests],
        "findings": [f.code for f in result.findings]}


def _provider_summary(result) -> dict:
    return {
        "method": "provider", "target": result.server,
        "status": "answered" if result.reachable else "no_answer",
        "public_address": result.public_address, "note": result.note,
        "vouches_no_alg": False,  # a provider cannot see a reverse-mapping ALG: never "no ALG"
        "confidence": "medium" if result.findings else "low",
        "duration_ms": result.duration_ms, "tests": [t.to_dict() for t in result.tests],
        "findings": [f.code for f in result.findings]}
