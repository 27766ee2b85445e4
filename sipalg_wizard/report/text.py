"""The diagnosis as plain text for a terminal (``sipalg-wizard diagnose`` without ``--json``)."""

from __future__ import annotations

import textwrap

from sipalg_wizard.findings import BY_CODE

HEADLINES = {
    "alg_detected": "SIP ALG interference detected: your router changes your phone's SIP messages.",
    "no_alg_detected": "No SIP ALG interference seen: SIP messages crossed your router unchanged.",
    "inconclusive": "Inconclusive: the test could not finish, so we cannot tell yet.",
}


DETAIL_CHARS = 160


def _recorded_guide(doc: dict):
    """The guide the diagnosis chose (``doc["guide"]``), as the full guide with its steps when
    the built-in guides have it (else the record itself); None when it named none. Looked up by
    id: the choice itself is ``pipeline.choose_guide``'s, made once."""
    record = doc.get("guide")
    if not record or not record.get("id"):
        return None
    try:
        from sipalg_wizard.diagnosis.pipeline import guide_library

        return guide_library(()).get(record["id"]) or record
    except Exception:  # a missing or broken guide folder must not break the report
        return record


def _guide_steps(guide, languages) -> list[str]:
    """The guide's steps in the first of ``languages`` it has (English otherwise)."""
    from sipalg_wizard.guides.model import guide_phrase

    shown = guide.localized(languages)
    lang = shown.language
    total = len(shown.steps)
    lines = ["", guide_phrase("steps_heading", lang).format(title=shown.title)]
    for number, step in enumerate(shown.steps, 1):
        label = guide_phrase("step_label", lang).format(number=number, total=total)
        where = (f" ({guide_phrase('where_label', lang)} {' > '.join(step.menu_path)})"
                 if step.menu_path else "")
        lines.append(textwrap.fill(f"{label}{where}: {step.text}", width=96, initial_indent="  ",
                                   subsequent_indent="     "))
        lines += [f"       $ {command}" for command in step.commands]
        if step.warning:
            lines.append(textwrap.fill(f"⚠ {step.warning}", width=96, initial_indent="     ",
                                       subsequent_indent="     "))
    lines.append(textwrap.fill(f"{guide_phrase('afterwards_label', lang)} {shown.reboot}", width=96,
                               initial_indent="  ", subsequent_indent="     "))
    return lines


def render_text(doc: dict, guide=None, languages=None) -> str:
    """The verdict, the customer's explanation and next steps, then the technical details.

    With an ALG found and a full guide (by default the one the diagnosis chose), its
    steps follow, in the first of ``languages`` the guide has (default: the user's locale, see
    ``guides.model.system_languages``); the rest of the text is English (no Qt catalogue here).
    """
    from sipalg_wizard.diagnosis.explain import explain, text

    gw = doc["gateway"]
    router = doc["router"]
    guide = guide if guide is not None else _recorded_guide(doc)
    if languages is None:
        from sipalg_wizard.guides.model import system_languages

        languages = system_languages()
    full = hasattr(guide, "localized") and hasattr(guide, "steps")
    if full:
        guide = guide.localized(languages)
    told = explain(doc, guide=guide)
    lines = [HEADLINES.get(doc["verdict"], doc["verdict"])]
    for paragraph in told.paragraphs:
        lines += ["", textwrap.fill(str(paragraph), width=96)]
    if told.symptoms:
        lines += ["", text("label.explains")] + [f"  - {s}" for s in told.symptoms]
    lines += ["", str(told.confidence_text), "", text("label.what_to_do") + ":"]
    lines += [textwrap.fill(str(step.text), width=96, initial_indent=f"  {i}. ", subsequent_indent="     ")
              for i, step in enumerate(told.next_steps, 1)]
    if full and doc.get("verdict") == "alg_detected" and guide.steps:
        lines += _guide_steps(guide, languages)
    lines += ["", "Details:"]
    lines.append(f"Gateway (IPv4):  {gw['ipv4'] or 'none'}")
    lines.append(f"Gateway (IPv6):  {gw['ipv6'] or 'none'}")
    lines.append(f"Interface:       {gw['interface'] or 'unknown'}")
    lines.append(f"Local address:   {gw.get('local_address') or 'unknown'}")
    mac = gw["mac"] or "unknown"
    if gw.get("mac_vendor"):
        mac += f" ({gw['mac_vendor']})"
    elif gw.get("mac_locally_administered"):
        mac += " (randomised or virtual address: maker unknown)"
    lines.append(f"Router MAC:      {mac}")
    if router["vendor"]:
        name = " ".join(x for x in (router["vendor"], router.get("model")) if x)
        lines.append(f"Router:          {name} (confidence {router['confidence']:.0%})")
    for other in gw.get("other_defaults") or []:
        kind = "VPN" if other.get("vpn") else "other"
        lines.append(f"Also a default:  {other['gateway'] or 'on-link'} via {other['interface']}"
                     f" ({kind})")
    tests = doc["probe"]["tests"]
    if tests:
        lines += ["", f"Tests against {doc['probe']['reflector']}:"]
        for t in tests:
            lines.append(f"  {t['name']:<22} {t['transport']}/{t['port']:<6} {t['outcome']}")
            if t.get("detail"):  # e.g. the phone port in use, the ACK's and the callback's state
                detail = t["detail"]
                if len(detail) > DETAIL_CHARS:
                    detail = detail[:DETAIL_CHARS - 1].rstrip() + "…"
                lines.append(f"      {detail}")
            for r in t["rewrites"]:
                lines.append(f"      {r['direction']} {r['field']}: {r['sent']!r} -> "
                             f"{r['received']!r}")
    methods = doc["probe"].get("methods") or []
    if methods:  # which witness saw what (each finding also names its method)
        lines += ["", "Witnesses:"]
        for m in methods:
            seen = ", ".join(m.get("findings") or []) or (
                "whole message unchanged (vouches for no ALG)" if m.get("vouches_no_alg")
                else "nothing")
            where = f" (hop {m['witness_hop']})" if m.get("witness_hop") else ""
            line = f"  {m.get('method')} -> {m.get('target') or '-'}: {m.get('status')}{where}; {seen}"
            if m.get("status") != "answered" and m.get("note"):
                line += f" — {m['note']}"
            if len(line) > DETAIL_CHARS * 2:
                line = line[:DETAIL_CHARS * 2 - 1].rstrip() + "…"
            lines.append(line)
    if doc["findings"]:
        lines += ["", "Findings:"]
        for f in doc["findings"]:
            meaning = BY_CODE[f["code"]].meaning if f["code"] in BY_CODE else f["code"]
            detail = f.get("detail") or ""
            if len(detail) > DETAIL_CHARS:  # the per-test rewrites above say it in full
                detail = detail[:DETAIL_CHARS - 1].rstrip() + "…"
            lines.append(f"  - {meaning}" + (f" ({detail})" if detail else ""))
    lines += ["", f"Support code: {doc['support_code']}"]
    return "\n".join(lines)
