"""The diagnosis as one self-contained, printable HTML page.

Inline CSS only: no scripts, no fonts, no links to fetch, so the file opens the same offline, in a
mail attachment or on paper; the only images are the fix guide's step pictures, embedded as
``data:`` URIs (the sharp ``@2x`` ones, shown at 900 CSS pixels). The guide's steps are in the
customer's language (the guide object passed in is already localized); ``sentence`` says the
core's messages, by key, in the UI's language (the wizard passes its ``core_words.sentence``).
Everything that comes from the report is escaped: rewritten SIP fields, banners and evidence
come from the network and may be hostile.

Layout: the verdict and the support code first (what the customer and the agent need on the phone),
then the plain-language explanation and next steps, before/after when verified, and the technical
part for the agent: router and gateway, the rewritten fields side by side with the differences
marked, the tests and the findings.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sipalg_wizard.diagnosis.explain import MESSAGES, Explanation, GuideRef, Said, Sentence, english, explain
from sipalg_wizard.findings import BY_CODE

MAX_FIELD_CHARS = 600  # a rewritten field longer than this is cut for display (the JSON keeps it)
DETAIL_CHARS = 160  # a finding's detail in the before/after table (twice that in the findings table)

_VERDICT_CLASS = {"alg_detected": "bad", "no_alg_detected": "good", "inconclusive": "unsure"}


def _say(sentence: Sentence, key: str, **values: str) -> str:
    """One of the core's messages (a label, a heading) in the page's language."""
    return Said.of(key, **values).render(sentence)


def _verdict_label(verdict: Any, sentence: Sentence = english) -> str:
    key = f"label.verdict.{verdict}"
    return _say(sentence, key) if key in MESSAGES else str(verdict)


def _status_label(status: Any, sentence: Sentence = english) -> str:
    key = f"label.status.{status}"
    return _say(sentence, key) if key in MESSAGES else str(status)


_OUTCOME_CLASS = {"ok": "good", "rewritten": "bad", "mangled": "bad", "dropped": "bad",
                  "error": "unsure", "skipped": "muted", "intercepted": "bad"}

CSS = """
*{box-sizing:border-box}
body{font-family:"Segoe UI",Helvetica,Arial,sans-serif;color:#1d2733;background:#fff;margin:0;
 font-size:15px;line-height:1.45}
main{max-width:940px;margin:0 auto;padding:28px 32px 40px}
header{display:flex;justify-content:space-between;align-items:baseline;border-bottom:2px solid #1d2733;
 padding-bottom:8px;margin-bottom:18px}
header h1{font-size:20px;margin:0}
header .meta{color:#5b6773;font-size:13px;text-align:right}
.redacted{display:inline-block;background:#333;color:#fff;font-size:11px;padding:1px 6px;
 border-radius:3px;margin-left:6px;letter-spacing:.05em}
.top{display:flex;gap:18px;align-items:stretch;margin-bottom:22px}
.verdict{flex:1;border-radius:8px;padding:16px 20px;border-left:10px solid}
.verdict .label{font-size:13px;text-transform:uppercase;letter-spacing:.06em;font-weight:600}
.verdict h2{font-size:23px;margin:4px 0 6px;line-height:1.25}
.verdict p{margin:0;color:#37424d}
.verdict.bad{background:#fdecea;border-color:#c62828}.verdict.bad .label{color:#b71c1c}
.verdict.good{background:#e8f5e9;border-color:#2e7d32}.verdict.good .label{color:#1b5e20}
.verdict.unsure{background:#fff8e1;border-color:#f9a825}.verdict.unsure .label{color:#8d6e00}
.code{flex:0 0 auto;min-width:300px;max-width:42%;border:2px solid #1d2733;border-radius:8px;
 padding:12px 16px;text-align:center}
.code .label{font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:#5b6773}
.code .value{font-family:"DejaVu Sans Mono",Consolas,Menlo,monospace;font-size:34px;font-weight:700;
 letter-spacing:.08em;margin:6px 0 2px;overflow-wrap:anywhere}
.code .hint{font-size:12px;color:#5b6773}
h3{font-size:17px;margin:24px 0 8px;border-bottom:1px solid #d5dbe1;padding-bottom:4px}
h3 small{font-weight:normal;color:#5b6773;font-size:13px}
section.customer p{margin:0 0 8px}
ul.symptoms{margin:4px 0 10px 0;padding-left:22px}
ol.steps{padding-left:24px;margin:4px 0}
ol.steps li{margin:3px 0}
section.fix .step{margin:10px 0 16px;break-inside:avoid}
section.fix .step h4{font-size:15px;margin:0 0 4px}
section.fix .where{color:#37424d;font-size:14px}
section.fix .warn{background:#fff3cd;color:#7a4b00;font-weight:600;padding:4px 8px;border-radius:4px}
section.fix img{display:block;width:100%;max-width:900px;height:auto;border:1px solid #d5dbe1;
 margin:6px 0}
.guide{background:#eef3f8;border-radius:6px;padding:8px 12px;margin:8px 0;font-size:14px}
.agent{margin-top:30px;border-top:3px double #9aa5b1}
.agent h2{font-size:18px;margin:14px 0 0;color:#37424d}
table{border-collapse:collapse;width:100%;font-size:13.5px;margin:4px 0 6px}
th,td{border:1px solid #d5dbe1;padding:5px 8px;text-align:left;vertical-align:top;
 overflow-wrap:anywhere}
th{background:#f1f4f7;font-weight:600}
table.kv th{width:28%}
td.mono,span.mono{font-family:"DejaVu Sans Mono",Consolas,Menlo,monospace;font-size:12.5px;
 white-space:pre-wrap;overflow-wrap:anywhere}
table.rw td:first-child{width:13%}table.rw td:last-child{width:15%}
table.bat td:nth-child(2),table.bat td:nth-child(3){width:36%}
.result{border-radius:8px;padding:10px 14px;margin:8px 0}
.result.good{background:#e8f5e9}.result.bad{background:#fdecea}.result.unsure{background:#fff8e1}
.result p{margin:4px 0}
del,ins{text-decoration:none;border-radius:2px;padding:0 1px}
del{background:#ffcdd2;color:#8e0000;font-weight:600}
ins{background:#c8e6c9;color:#0d4d12;font-weight:600}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;
 white-space:nowrap}
td.nw{font-family:"DejaVu Sans Mono",Consolas,Menlo,monospace;font-size:12.5px;white-space:nowrap}
.badge.good{background:#c8e6c9;color:#1b5e20}.badge.bad{background:#ffcdd2;color:#b71c1c}
.badge.unsure{background:#ffecb3;color:#7a5d00}.badge.muted{background:#eceff1;color:#546e7a}
.ba{display:flex;gap:12px;align-items:center;margin:6px 0 10px}
.ba .arrow{font-size:22px;color:#5b6773}
.muted{color:#5b6773}
footer{margin-top:28px;color:#7b8691;font-size:12px;border-top:1px solid #d5dbe1;padding-top:6px}
@page{margin:14mm}
@media print{main{padding:0;max-width:none}.top,.verdict,.code,table,tr,.guide{break-inside:avoid}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def esc(value: Any) -> str:
    """Escape any value for HTML text or attribute context; None becomes an em dash."""
    if value is None or value == "":
        return "—"
    return html.escape(str(value), quote=True)


def _clip(value: Any, limit: int = MAX_FIELD_CHARS) -> str:
    value = "" if value is None else str(value)
    return value if len(value) <= limit else value[:limit].rstrip() + " …"


_TOKEN = re.compile(r"[A-Za-z0-9.\-]+|.", re.S)


def diff_html(sent: str, received: str) -> tuple[str, str]:
    """Both sides escaped, with what changed marked: ``<del>`` in the sent, ``<ins>`` in the received.

    Compared token by token (an address or a number is one token), so "192.168.77.10:5060" ->
    "203.0.113.1:5060" marks the whole address and leaves the port alone.
    """
    a, b = _TOKEN.findall(_clip(sent)), _TOKEN.findall(_clip(received))
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old, new = html.escape("".join(a[i1:i2])), html.escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(old)
            right.append(new)
        else:
            if old:
                left.append(f"<del>{old}</del>")
            if new:
                right.append(f"<ins>{new}</ins>")
    return "".join(left), "".join(right)


def _when(created: Any) -> str | None:
    """``2026-11-25T14:30:05+00:00`` as ``25 Nov 2026, 14:30 UTC`` (the stored text if unparsable)."""
    if not created:
        return None
    try:
        moment = datetime.fromisoformat(str(created))
    except ValueError:
        return str(created)
    zone = moment.tzname() or ""
    return moment.strftime("%d %b %Y, %H:%M ") + ("UTC" if zone in ("UTC", "UTC+00:00") else zone)


def _kv(rows: list[tuple[str, Any]]) -> str:
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return f'<table class="kv">{body}</table>'


def _customer(ex: Explanation, guide: GuideRef | None, sentence: Sentence = english) -> str:
    parts = [f'<section class="customer"><h3>{esc(_say(sentence, "label.what_this_means"))}</h3>']
    parts += [f"<p>{esc(p.render(sentence))}</p>" for p in ex.paragraphs]
    if ex.symptoms:
        parts.append(f'<p><strong>{esc(_say(sentence, "label.explains"))}</strong></p><ul class="symptoms">')
        parts += [f"<li>{esc(s.render(sentence))}</li>" for s in ex.symptoms]
        parts.append("</ul>")
    parts.append(f'<h3>{esc(_say(sentence, "label.what_to_do"))}</h3><ol class="steps">')
    parts += [f"<li>{esc(s.text.render(sentence))}</li>" for s in ex.next_steps]
    parts.append("</ol>")
    if guide is not None:
        source = "" if guide.source == "built-in" else f" ({esc(guide.source)})"
        parts.append(f'<div class="guide">{esc(_say(sentence, "label.guide_used"))} '
                     f'<strong>{esc(guide.title)}</strong> '
                     f'<span class="muted">[{esc(guide.id)}]{source}</span></div>')
    parts.append("</section>")
    return "".join(parts)


def _fix_steps(guide: Any) -> str:
    """The guide's steps with their pictures, in the guide's (the customer's) language."""
    from sipalg_wizard.guides.model import guide_phrase
    from sipalg_wizard.guides.view import guide_view

    view = guide_view(guide)
    lang = view["language"]

    def label(key: str, **values: Any) -> str:
        return guide_phrase(key, lang).format(**values)

    total = len(view["steps"])
    parts = [f'<section class="fix" lang="{esc(lang)}"><h3>'
             f'{esc(label("steps_heading", title=view["title"]))}</h3>']
    if view["summary"]:
        parts.append(f"<p>{esc(view['summary'])}</p>")
    if view["login_hint"]:
        parts.append(f"<p><strong>{esc(label('login_label'))}</strong> {esc(view['login_hint'])}</p>")
    for step in view["steps"]:
        parts.append(f'<div class="step"><h4>{esc(label("step_label", number=step["number"], total=total))}'
                     "</h4>")
        if step["menu_path"]:
            parts.append(f'<div class="where">{esc(label("where_label"))} '
                         f'{esc(" › ".join(step["menu_path"]))}</div>')
        parts.append(f"<p>{esc(step['text'])}</p>")
        if step["warning"]:
            parts.append(f'<p class="warn">⚠ {esc(step["warning"])}</p>')
        if step["commands"]:
            parts.append(f'<p class="mono">{esc(chr(10).join(step["commands"]))}</p>')
        if step["picture"]:
            # only our own base64 PNG: the URI is built by guide_view, never taken from the report
            parts.append(f'<img src="{esc(step["picture"])}" width="{view["picture_width"]}" '
                         f'alt="{esc(label("picture_label", number=step["number"]))}">')
        parts.append("</div>")
    if view["confidence_notice"]:
        parts.append(f'<p class="muted">{esc(view["confidence_notice"])}</p>')
    parts.append(f"<p><strong>{esc(label('afterwards_label'))}</strong> {esc(view['reboot'])}</p>")
    parts.append("</section>")
    return "".join(parts)


def _verified(result: Mapping, sentence: Sentence = english,
              told: tuple[Said, list[Said]] | None = None) -> str:
    """Before and after; ``told`` is what Verify said (keys), else the document's English."""
    before, after = result.get("before_verdict"), result.get("after_verdict")
    status = result.get("status", "inconclusive")
    cls = {"fixed": "good", "still_there": "bad", "changed": "bad"}.get(status, "unsure")
    headline = result.get("headline")
    parts = [f"<section><h3>{esc(_say(sentence, 'label.before_after'))}</h3>",
             f'<div class="ba"><span class="badge {_VERDICT_CLASS.get(before, "muted")}">'
             f"{esc(_say(sentence, 'label.before', verdict=_verdict_label(before, sentence)))}</span>"
             '<span class="arrow">→</span>'
             f'<span class="badge {_VERDICT_CLASS.get(after, "muted")}">'
             f"{esc(_say(sentence, 'label.after', verdict=_verdict_label(after, sentence)))}</span></div>",
             f'<div class="result {cls}"><p><strong>'
             f'{esc(told[0].render(sentence) if told else headline)}</strong></p>']
    advice = [a.render(sentence) for a in told[1]] if told else result.get("advice") or []
    parts += [f"<p>{esc(a)}</p>" for a in advice]
    parts.append("</div>")
    changes = result.get("changes") or []
    if changes:
        parts.append('<table class="bat"><tr><th>Finding</th><th>Before</th><th>After</th>'
                     "<th>Status</th></tr>")
        for c in changes:
            st = c.get("status")
            st_cls = {"fixed": "good", "still_there": "bad", "changed": "bad"}.get(st, "unsure")
            parts.append(
                f"<tr><td class=\"nw\">{esc(c.get('code'))}</td>"
                f"<td class=\"mono\">{esc(_clip(c.get('before'), DETAIL_CHARS) or None)}</td>"
                f"<td class=\"mono\">{esc(_clip(c.get('after'), DETAIL_CHARS) or None)}</td>"
                f'<td><span class="badge {st_cls}">{esc(_status_label(st, sentence))}</span></td></tr>')
        parts.append("</table>")
    seconds = result.get("seconds_between")
    if seconds is not None:
        gap = _say(sentence, "label.second_test_soon") if seconds < 60 else \
            _say(sentence, "label.second_test", minutes=str(round(seconds / 60)))
        parts.append(f'<p class="muted">{esc(gap)}</p>')
    parts.append("</section>")
    return "".join(parts)


def _router_gateway(doc: Mapping) -> str:
    router, gw, probe = doc.get("router") or {}, doc.get("gateway") or {}, doc.get("probe") or {}
    mac = gw.get("mac")
    if mac and gw.get("mac_vendor"):
        mac = f"{mac} ({gw['mac_vendor']})"
    rows = [
        ("Router", " ".join(str(x) for x in (router.get("vendor"), router.get("model")) if x)
         or "not identified"),
        ("Product line", router.get("product_line")),
        ("Identification confidence", f"{float(router.get('confidence') or 0):.0%}"
         + (" (chosen by the customer)" if router.get("chosen_by_user") else "")),
        ("Gateway IPv4", gw.get("ipv4")), ("Gateway IPv6", gw.get("ipv6")),
        ("Interface", gw.get("interface")), ("Local address", gw.get("local_address")),
        ("Router MAC", mac), ("Test server", probe.get("reflector")),
        ("Public address (seen by the test server)", probe.get("public_address")),
    ]
    parts = ["<h3>Router and gateway</h3>", _kv(rows)]
    evidence = router.get("evidence") or []
    if evidence:
        parts.append("<table><tr><th>Evidence</th><th>Observed</th><th>Concludes</th><th>Weight</th></tr>")
        for e in evidence:
            concl = " ".join(str(x) for x in (e.get("vendor"), e.get("model")) if x) or None
            parts.append(f"<tr><td>{esc(e.get('source'))}</td><td class=\"mono\">"
                         f"{esc(_clip(e.get('observed', '')))}</td><td>{esc(concl)}</td>"
                         f"<td>{esc(e.get('weight'))}</td></tr>")
        parts.append("</table>")
    return "".join(parts)


def _rewrites(doc: Mapping) -> str:
    """One row per rewritten field and direction, with its first example marked side by side.

    A real ALG rewrites the same field in every test (34 rewrites in the kernel lab); the row says
    in which tests, and how many other examples the JSON holds, so the page stays readable.
    """
    groups: dict[tuple, dict] = {}
    for t in (doc.get("probe") or {}).get("tests") or []:
        for r in t.get("rewrites") or []:
            key = (r.get("direction"), r.get("field"))
            group = groups.setdefault(key, {"example": r, "tests": [], "count": 0})
            group["count"] += 1
            if t.get("name") not in group["tests"]:
                group["tests"].append(t.get("name"))
    if not groups:
        return ""
    parts = ["<h3>Rewritten fields <small>what one side sent vs what arrived at the other; "
             "changes marked</small></h3>",
             '<table class="rw"><tr><th>Field</th><th>Sent</th><th>Received</th><th>Seen in</th></tr>']
    order = sorted(groups, key=lambda k: k[0] != "outbound")  # outbound first, else as found
    for direction, field in order:
        group = groups[(direction, field)]
        example = group["example"]
        left, right = diff_html(str(example.get("sent", "")), str(example.get("received", "")))
        arrow = "computer → server" if direction == "outbound" else "server → computer"
        more = group["count"] - len(group["tests"])  # several in one test: the JSON has them all
        extra = f'<br><span class="muted">+{more} more in the JSON</span>' if more > 0 else ""
        parts.append(f"<tr><td><strong>{esc(field)}</strong><br><span class=\"muted\">{esc(arrow)}"
                     f"</span></td><td class=\"mono\">{left}</td><td class=\"mono\">{right}</td>"
                     f"<td>{', '.join(esc(t) for t in group['tests'])}{extra}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


def _tests(doc: Mapping) -> str:
    tests = (doc.get("probe") or {}).get("tests") or []
    if not tests:
        return '<h3>Tests</h3><p class="muted">No SIP test was run.</p>'
    parts = ["<h3>Tests</h3><table><tr><th>Test</th><th>Transport / port</th><th>Method</th>"
             "<th>Outcome</th><th>Time</th><th>Detail</th></tr>"]
    for t in tests:
        outcome = t.get("outcome")
        ms = t.get("duration_ms")
        role = ' <span class="muted">(control)</span>' if t.get("control") else ""
        parts.append(
            f"<tr><td>{esc(t.get('name'))}{role}</td><td>{esc(t.get('transport'))}/{esc(t.get('port'))}"
            f"</td><td>{esc(t.get('method'))}</td><td><span class=\"badge "
            f"{_OUTCOME_CLASS.get(outcome, 'muted')}\">{esc(outcome)}</span></td>"
            f"<td>{esc(f'{ms:.0f} ms' if isinstance(ms, int | float) else None)}</td>"
            f"<td>{esc(_clip(t.get('detail') or ''))}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


def _findings(doc: Mapping) -> str:
    findings = doc.get("findings") or []
    if not findings:
        return ""
    parts = ["<h3>Findings</h3><table><tr><th>Code</th><th>Meaning</th><th>Detail</th></tr>"]
    for f in findings:
        code = f.get("code")
        meaning = BY_CODE[code].meaning if code in BY_CODE else None
        parts.append(f"<tr><td class=\"nw\">{esc(code)}</td><td>{esc(meaning)}</td>"
                     f"<td class=\"mono\">{esc(_clip(f.get('detail'), DETAIL_CHARS * 2) or None)}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


def render_html(report: Any, explanation: Explanation | None = None, *, guide: Any = None,
                verified: Any = None, product_name: str = "SIP ALG Wizard",
                sentence: Sentence | None = None, language: str = "en") -> str:
    """The whole page for a Diagnosis or its JSON document (redacted or not).

    ``verified`` is a ``verify.VerifyResult`` (or its ``to_dict()``) to show before/after.
    ``guide`` may be a full ``guides.Guide`` (then its steps and pictures are included, in the
    language it was localized to) or just a reference (id and title). ``sentence`` and
    ``language`` (the page's ``lang``) come from the UI; the agent's section stays English.
    """
    sentence = sentence or english
    full_guide = guide if hasattr(guide, "steps") and hasattr(guide, "picture_path") else None
    doc = dict(report) if isinstance(report, Mapping) else report.to_dict()
    guide_ref = GuideRef.from_guide(guide) if guide is not None else None
    ex = explanation or explain(doc, guide=guide_ref)
    verdict = doc.get("verdict", "inconclusive")
    told = None
    if verified is not None and not isinstance(verified, Mapping):  # a VerifyResult: its keys
        told = (verified.headline, list(verified.advice))
        # A redacted document carries the redacted comparison; the words hold no address.
        verified = doc.get("verification") if doc.get("redacted") and doc.get("verification") \
            else verified.to_dict()
    redacted = '<span class="redacted">REDACTED</span>' if doc.get("redacted") else ""
    body = [
        "<header><h1>", esc(_say(sentence, "label.report", product=product_name)), redacted, "</h1>",
        f'<div class="meta">{esc(_when(doc.get("created")))}<br>version {esc(doc.get("tool_version"))}'
        "</div>",
        "</header>",
        '<div class="top">',
        f'<div class="verdict {_VERDICT_CLASS.get(verdict, "unsure")}">'
        f'<div class="label">{esc(_verdict_label(verdict, sentence))}</div>'
        f"<h2>{esc(ex.headline.render(sentence))}</h2><p>{esc(ex.confidence_text.render(sentence))}</p></div>",
        f'<div class="code"><div class="label">{esc(_say(sentence, "label.support_code"))}</div>'
        f'<div class="value">{esc(doc.get("support_code"))}</div>'
        f'<div class="hint">{esc(_say(sentence, "label.read_out"))}</div></div>',
        "</div>",
        _verified(verified, sentence, told) if verified else "",
        _customer(ex, guide_ref, sentence),
        _fix_steps(full_guide) if full_guide is not None else "",
        f'<section class="agent" lang="en"><h2>{esc(_say(sentence, "label.agent"))}</h2>',
        _router_gateway(doc), _rewrites(doc), _tests(doc), _findings(doc),
        "</section>",
        f"<footer>{esc(doc.get('schema'))} · generated by {esc(product_name)}. "
        "This page contains no scripts and loads nothing from the internet.</footer>",
    ]
    title = f"{product_name} — {_verdict_label(verdict, sentence)}"
    lang = language if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?", language or "") else "en"
    return (f"<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:\">"
            f"<title>{esc(title)}</title><style>{CSS}</style></head><body><main>"
            + "".join(body) + "</main></body></html>\n")
