"""Verify after the fix: run the probe again and compare with the earlier run.

Each ALG finding of either run gets a status: ``fixed`` (gone), ``still_there``, ``changed`` (it
appeared only in the second run) or ``inconclusive`` (the second run could not finish). The overall
status uses the same words.

A Linux router keeps tracking a SIP flow for 3600 s, so right after the ALG is switched off the old
flow is often still being rewritten: "still there" then means "restart the router, then test again",
not "the change did not work". Only after a restart (``after_restart=True``) does the wording say
the change has not taken effect.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sipalg_wizard.diagnosis.explain import Said, inconclusive_steps
from sipalg_wizard.findings import BY_CODE

FIXED = "fixed"
STILL_THERE = "still_there"
CHANGED = "changed"
INCONCLUSIVE = "inconclusive"
STATUSES = (FIXED, STILL_THERE, CHANGED, INCONCLUSIVE)

CONNTRACK_SIP_TIMEOUT_S = 3600  # nf_conntrack_sip's default expectation / flow lifetime


@dataclass(frozen=True)
class FindingChange:
    code: str
    status: str
    before: str | None  # the finding's detail in the first run; None when absent
    after: str | None


@dataclass
class VerifyResult:
    status: str
    before_verdict: str
    after_verdict: str
    changes: list[FindingChange]
    headline: Said  # keys of explain.MESSAGES, rendered by the UI in its language
    advice: list[Said]  # what to do now
    restart_advised: bool
    seconds_between: float | None = None
    after_restart: bool = False
    after: Any = field(default=None, repr=False)  # the second Diagnosis (for the report)

    @property
    def fixed(self) -> list[str]:
        return [c.code for c in self.changes if c.status == FIXED]

    @property
    def remaining(self) -> list[str]:
        return [c.code for c in self.changes if c.status in (STILL_THERE, CHANGED)]

    def to_dict(self) -> dict:
        return {
            "status": self.status,
            "before_verdict": self.before_verdict,
            "after_verdict": self.after_verdict,
            "changes": [vars(c) | {} for c in self.changes],
            "headline": str(self.headline),
            "advice": [str(a) for a in self.advice],
            "restart_advised": self.restart_advised,
            "seconds_between": self.seconds_between,
            "after_restart": self.after_restart,
        }


def _doc(run: Any) -> dict:
    return dict(run) if isinstance(run, Mapping) else run.to_dict()


def _alg_findings(doc: Mapping) -> dict[str, str]:
    """ALG finding code -> detail (first occurrence), in the run's order."""
    out: dict[str, str] = {}
    for f in doc.get("findings") or []:
        code = f.get("code", "")
        if code in BY_CODE and BY_CODE[code].alg and code not in out:
            out[code] = f.get("detail", "")
    return out


def _created(run: Any):
    return getattr(run, "created", None)


def compare_runs(before: Any, after: Any, *, after_restart: bool = False) -> VerifyResult:
    """Compare two Diagnoses (or their JSON documents) finding by finding."""
    b_doc, a_doc = _doc(before), _doc(after)
    b_verdict, a_verdict = b_doc.get("verdict", INCONCLUSIVE), a_doc.get("verdict", INCONCLUSIVE)
    b_found, a_found = _alg_findings(b_doc), _alg_findings(a_doc)

    changes: list[FindingChange] = []
    for code, detail in b_found.items():
        if a_verdict == INCONCLUSIVE and code not in a_found:
            status = INCONCLUSIVE
        else:
            status = STILL_THERE if code in a_found else FIXED
        changes.append(FindingChange(code, status, detail, a_found.get(code)))
    changes += [FindingChange(code, CHANGED, None, detail)
                for code, detail in a_found.items() if code not in b_found]

    restart = False
    if a_verdict == "alg_detected":
        status = STILL_THERE if set(a_found) == set(b_found) else CHANGED
        headline = Said.of("verify.still_there" if status == STILL_THERE else "verify.changed")
        advice = []
        if any(c.status == CHANGED for c in changes):
            advice.append(Said.of("verify.new"))
        if after_restart:
            advice.append(Said.of("verify.still_there.after_restart"))
        else:
            advice.append(Said.of("verify.still_there.restart"))
            restart = True
    elif a_verdict == "no_alg_detected":
        status = FIXED
        headline = Said.of("verify.fixed" if b_found else "verify.clean")
        # The test opens fresh connections; the phones' own ones may still be tracked (up to
        # CONNTRACK_SIP_TIMEOUT_S) until the router restarts.
        advice = [Said.of("verify.fixed.next_restarted" if after_restart else "verify.fixed.next")] \
            if b_found else []
    else:
        status = INCONCLUSIVE
        headline = Said.of("verify.inconclusive")
        reasons = [f.get("code") for f in a_doc.get("findings") or []
                   if f.get("code") in ("no_gateway", "vpn_active", "no_probe_run",
                                         "reflector_unreachable", "control_path_failed")]
        advice = [s.text for s in inconclusive_steps(reasons or ["unknown"])]

    seconds = None
    b_time, a_time = _created(before), _created(after)
    if b_time is not None and a_time is not None:
        seconds = (a_time - b_time).total_seconds()
    return VerifyResult(status, b_verdict, a_verdict, changes, headline, advice, restart, seconds,
                        after_restart, after=after)


def told_at_stage(verdict: str, stage: str) -> tuple[Said, list[Said]] | None:
    """What the Verify page told the customer, as far as a support code's verdict and stage
    tell it (the agent's ``decode``: the first run's findings are not in the code, so a still
    rewriting router reads as "still there"); None for a first diagnosis."""
    if stage == "diagnosis":
        return None
    restarted = stage == "verify_after_restart"
    if verdict == "alg_detected":
        return Said.of("verify.still_there"), [Said.of(
            "verify.still_there.after_restart" if restarted else "verify.still_there.restart")]
    if verdict == "no_alg_detected":
        return Said.of("verify.fixed"), [Said.of(
            "verify.fixed.next_restarted" if restarted else "verify.fixed.next")]
    return Said.of("verify.inconclusive"), []


def verify(before: Any, options: Any, cancel: threading.Event | None = None, progress=None,
           *, after_restart: bool = False, guide: str | None = None, network: Any = None,
           runners: dict | None = None, test_progress=None, library: Any = None) -> VerifyResult:
    """Run the diagnosis again with ``options`` (a ``pipeline.Options``) and compare: the one
    Verify, for the wizard's Verify page and any other caller.

    The router was identified in the first run and has not changed, so the second run keeps the
    first run's identity (no second visit to the admin page). With ``network`` (what the wizard's
    Network step found) the network is not looked up again and only the witnesses run, with
    ``runners`` and ``test_progress`` as ``pipeline.run_probes`` takes them (the wizard's injected
    core, its live list) and ``library`` as ``pipeline.assemble`` takes it; without it, the whole
    ``pipeline.run_diagnosis`` runs again. The second run's support code carries the Verify stage
    and ``guide`` (the guide id used). Raises ``pipeline.Cancelled`` when ``cancel`` is set.
    """
    from sipalg_wizard.diagnosis import pipeline, supportcode
    from sipalg_wizard.identify.models import RouterIdentity

    cancel = cancel or threading.Event()
    router = getattr(before, "router", None)
    known = router is not None and (router.vendor or router.model)
    if network is not None:
        local = network.ipv4.local_address if network.ipv4 else None
        probe = pipeline.run_probes(options, local, progress or (lambda step, message: None), cancel,
                                    test_progress=test_progress, runners=runners)
        if cancel.is_set():
            raise pipeline.Cancelled()
        after = pipeline.assemble(network, router or RouterIdentity(), probe,
                                  guide_packs=options.guide_packs, library=library)
    else:
        run_options = dataclasses.replace(options, identify=False) if known else options
        after = pipeline.run_diagnosis(run_options, progress=progress, cancel=cancel)
        if known:
            after.router = router
    result = compare_runs(before, after, after_restart=after_restart)
    after.support_code = supportcode.code_for(after, guide, supportcode.stage_for(result))
    return result
