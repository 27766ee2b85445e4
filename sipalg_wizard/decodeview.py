"""What a support code tells the agent: the one home of ``decode``'s answer.

``sipalg-wizard decode`` prints ``describe(code).lines()``; the agent's browser page
(``sipalg_wizard.agentpage``) is built from the same labels, templates and ``told()`` answers, and
its browser test compares the page with ``describe`` code by code. So a wording or a decision
changed here changes both, and nothing about it is kept twice.

No Qt, no I/O except ``known_guides`` (which reads the guide folders).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sipalg_wizard import supportcode
from sipalg_wizard.explain import GuideRef, explain_codes, text
from sipalg_wizard.findings import BY_CODE, SYMPTOMS

VERDICT_LABELS = {"alg_detected": "SIP ALG interference detected",
                  "no_alg_detected": "no SIP ALG interference seen",
                  "inconclusive": "inconclusive (the test could not finish)"}
STAGE_LABELS = {"diagnosis": "first diagnosis",
                "verify": "re-test after the fix (router not yet restarted)",
                "verify_after_restart": "re-test after the fix and a router restart"}
# How the guide line reads, by what the hash resolved to.
GUIDE_LINES = {"one": "{id} — {title}",
               "several": "one of {ids}",
               "unknown": "not in this copy's guides (#{hash}; an ISP guide pack?)",
               "none": "none chosen yet"}
# The names of decode's lines (the page's headings and labels are the same words).
LABELS = {"code": "Support code", "verdict": "Verdict", "stage": "Stage", "router": "Router",
          "guide": "Guide", "findings": "Findings", "none": "none", "explains": "Explains",
          "told": "What the customer was told"}
EXAMPLE_CODE = "C000-0040-89C0"
HINT = ("Ask the customer to read it again, one character at a time "
        "(a code has {length} characters, for example {example}).")


def hint() -> str:
    """What the agent should do about a refused code (the same under every reason)."""
    return HINT.format(length=supportcode.LENGTH, example=EXAMPLE_CODE)


@dataclass(frozen=True)
class CodeView:
    """Everything ``decode`` says about one valid code, as data (the page shows the same fields)."""

    code: str  # as typed, stripped and upper-cased
    verdict: str
    verdict_label: str
    stage: str
    stage_label: str
    vendor: str
    guide_id: str | None  # the guide, when the hash names exactly one known guide
    guide_line: str
    findings: tuple[tuple[str, str], ...]  # (code, meaning)
    explains: tuple[str, ...]  # symptoms, in SYMPTOMS order
    headline: str  # what the customer was told
    steps: tuple[str, ...]

    def lines(self) -> list[str]:
        """The terminal form, as ``sipalg-wizard decode`` prints it."""
        def line(key: str, value: str) -> str:
            return f"{LABELS[key] + ':':<11}{value}"

        out = [f"{LABELS['code']} {self.code}", line("verdict", self.verdict_label),
               line("stage", self.stage_label), line("router", self.vendor),
               line("guide", self.guide_line),
               f"{LABELS['findings']}:" + (f"  {LABELS['none']}" if not self.findings else "")]
        out += [f"  - {code}: {meaning}" for code, meaning in self.findings]
        if self.explains:
            out.append(line("explains", "; ".join(self.explains)))
        out += ["", f"{LABELS['told']}:", f"  {self.headline}"]
        out += [f"  {i}. {step}" for i, step in enumerate(self.steps, 1)]
        return out

    def to_dict(self) -> dict:
        """Plain JSON types (lists, not tuples), as the page's decoder returns them."""
        return {"code": self.code, "verdict": self.verdict, "verdict_label": self.verdict_label,
                "stage": self.stage, "stage_label": self.stage_label, "vendor": self.vendor,
                "guide_id": self.guide_id, "guide_line": self.guide_line,
                "findings": [list(f) for f in self.findings], "explains": list(self.explains),
                "headline": self.headline, "steps": list(self.steps)}


def told(verdict: str, stage: str, findings: Iterable[str],
         guide: GuideRef | None = None) -> tuple[str, tuple[str, ...]]:
    """The headline and next steps the customer saw for this verdict, findings, guide and stage.

    The first diagnosis's words come from ``explain`` (a guide for a router that cannot turn the
    ALG off leads to bridge mode / the ISP, as on the wizard's page); a code made on the Verify
    page carries the Verify page's words instead (still there / fixed, with or without a restart).
    The router's name never shows: a code does not carry the identification's confidence.
    """
    findings = tuple(findings)
    explanation = explain_codes(verdict, findings, None, guide=guide)
    headline = explanation.headline
    steps = tuple(step.text for step in explanation.next_steps)
    if stage != "diagnosis":
        if verdict == "alg_detected":
            headline = text("verify.still_there")
            steps = (text("verify.still_there.after_restart" if stage == "verify_after_restart"
                          else "verify.still_there.restart"),)
        elif verdict == "no_alg_detected":
            headline = text("verify.fixed")
            steps = (text("verify.fixed.next_restarted" if stage == "verify_after_restart"
                          else "verify.fixed.next"),)
        else:
            headline = text("verify.inconclusive")
    return headline, steps


def guide_line(decoded: supportcode.DecodedCode, guides: Mapping[str, GuideRef]) -> str:
    if decoded.guide:
        return GUIDE_LINES["one"].format(id=decoded.guide, title=guides[decoded.guide].title)
    if decoded.guide_candidates:
        return GUIDE_LINES["several"].format(ids=", ".join(decoded.guide_candidates))
    if decoded.guide_hash:
        return GUIDE_LINES["unknown"].format(hash=decoded.guide_hash)
    return GUIDE_LINES["none"]


def explained_symptoms(findings: Iterable[str]) -> tuple[str, ...]:
    """The customer symptoms these findings explain, in ``SYMPTOMS`` order."""
    keys = {s for code in findings for s in BY_CODE[code].symptoms}
    return tuple(SYMPTOMS[s] for s in SYMPTOMS if s in keys)


def describe(code: str, guides: Mapping[str, GuideRef]) -> CodeView:
    """Decode ``code`` against the known guides (``known_guides``); raise SupportCodeError if mistyped."""
    decoded = supportcode.decode(code, known_guides=guides)
    headline, steps = told(decoded.verdict, decoded.stage, decoded.findings,
                           guides[decoded.guide] if decoded.guide else None)
    return CodeView(
        code=code.strip().upper(), verdict=decoded.verdict,
        verdict_label=VERDICT_LABELS.get(decoded.verdict, decoded.verdict),
        stage=decoded.stage, stage_label=STAGE_LABELS.get(decoded.stage, decoded.stage),
        vendor=decoded.vendor, guide_id=decoded.guide, guide_line=guide_line(decoded, guides),
        findings=tuple((c, BY_CODE[c].meaning) for c in decoded.findings),
        explains=explained_symptoms(decoded.findings), headline=headline, steps=steps)


def known_guides(guides: Iterable) -> dict[str, GuideRef]:
    """Guide id -> what decode needs of it (title, can it disable); a pack's guide wins over the
    built-in one with the same id, as in the wizard."""
    best: dict[str, object] = {}
    for guide in guides:
        if guide.id not in best or guide.priority > best[guide.id].priority:
            best[guide.id] = guide
    return {gid: GuideRef.from_guide(g) for gid, g in sorted(best.items())}
