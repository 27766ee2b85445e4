// The agent's page: decode a support code exactly as `sipalg-wizard decode` does, show the guide.
// Every table (alphabet, check terms, bit layout, vendors, findings, sentences, told answers) comes
// from the Python code through the JSON in #agent-data (sipalg_wizard/agentpage/decoder.py); this
// script only mirrors the algorithm of supportcode.decode and decodeview.describe. Nothing here
// makes a request: the page's Content-Security-Policy forbids it anyway.
"use strict";
(function () {
  const DATA = JSON.parse(document.getElementById("agent-data").textContent);
  const C = DATA.code;
  const GUIDES = new Map(DATA.guides.map((g) => [g.id, g]));

  // str.format for our templates: "{name}" -> value.
  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));

  class Refusal extends Error {}

  // supportcode.decode: clean, read 5 bits a character, verify the check, unpack the fields.
  function decodeCode(code) {
    const chars = Array.from(code.toUpperCase()).filter((ch) => !C.ignored.includes(ch));
    if (chars.length !== C.length) {
      throw new Refusal(fill(C.errors.length, { length: C.length, got: chars.length }));
    }
    const symbols = [];
    for (const ch of chars) {
      if (!Object.hasOwn(C.values, ch)) throw new Refusal(fill(C.errors.character, { char: ch }));
      symbols.push(C.values[ch]);
    }
    // The check symbol: XOR of each data symbol's term at its position (GF(32) weights, precomputed).
    let check = 0;
    symbols.slice(0, -1).forEach((s, i) => { check ^= C.check_terms[i][s]; });
    if (check !== symbols[symbols.length - 1]) throw new Refusal(C.errors.check);
    // 55 data bits do not fit a JS number's 53: unpack with BigInt, low fields first.
    let data = symbols.slice(0, -1).reduce((v, s) => (v << 5n) | BigInt(s), 0n);
    // The version (top two bits) says the layout: older codes read out before stay readable.
    const version = Number(data >> BigInt(C.version_shift));
    const layout = C.layouts[String(version)];
    if (!layout) throw new Refusal(fill(C.errors.version, { version }));
    const f = {};
    for (const [name, bits] of layout.fields) {
      f[name] = Number(data & ((1n << BigInt(bits)) - 1n));
      data >>= BigInt(bits);
    }
    if (f.verdict >= C.verdicts.length || f.stage >= C.stages.length) throw new Refusal(C.errors.check);
    if (Math.floor(f.findings / 2 ** C.finding_count) > 0) throw new Refusal(C.errors.findings);
    const candidates = f.guide ? (layout.guide_hashes[String(f.guide)] || []) : [];
    const clean = symbols.map((s) => C.alphabet[s]).join("");
    return {
      clean: `${clean.slice(0, 4)}-${clean.slice(4, 8)}-${clean.slice(8)}`,
      verdict: C.verdicts[f.verdict], stage: C.stages[f.stage], mask: f.findings,
      findings: C.findings.filter((_, bit) => f.findings & (1 << bit)).map((x) => x.code),
      vendor: f.vendor < C.vendors.length ? C.vendors[f.vendor] : `vendor #${f.vendor}`,
      guideHash: f.guide, candidates, guide: candidates.length === 1 ? candidates[0] : null,
    };
  }

  // decodeview.told, looked up: which finding groups are present picks the answer for this context.
  function told(d) {
    const guided = d.guide !== null;  // class 0: no guide; 1: a guide; 2: one that cannot turn it off
    const ctx = C.told.contexts[`${d.verdict}|${d.stage}|${guided ? C.guide_classes[d.guide] : 0}`];
    const key = ctx.groups.map((g) => ((d.mask & C.told.groups[g]) ? "1" : "0")).join("");
    const [headline, steps] = C.told.answers[ctx.entries[key]];
    const title = guided ? C.titles[d.guide] : "";
    const put = (s) => s.split(C.told.guide_title).join(title);
    return { headline: put(headline), steps: steps.map(put) };
  }

  // decodeview.describe: the same fields, words and order; throws Refusal for a mistyped code.
  function describe(code) {
    const d = decodeCode(code);
    let guideLine = C.guide_lines.none;
    if (d.guide) guideLine = fill(C.guide_lines.one, { id: d.guide, title: C.titles[d.guide] });
    else if (d.candidates.length) guideLine = fill(C.guide_lines.several, { ids: d.candidates.join(", ") });
    else if (d.guideHash) guideLine = fill(C.guide_lines.unknown, { hash: d.guideHash });
    const byCode = new Map(C.findings.map((x) => [x.code, x]));
    const symptoms = new Set(d.findings.flatMap((c) => byCode.get(c).symptoms));
    const t = told(d);
    return {
      code: code.trim().toUpperCase(), verdict: d.verdict,
      verdict_label: C.verdict_labels[d.verdict] ?? d.verdict,
      stage: d.stage, stage_label: C.stage_labels[d.stage] ?? d.stage, vendor: d.vendor,
      guide_id: d.guide, guide_line: guideLine,
      findings: d.findings.map((c) => [c, byCode.get(c).meaning]),
      explains: C.symptoms.filter(([key]) => symptoms.has(key)).map(([, words]) => words),
      headline: t.headline, steps: t.steps,
    };
  }

  // ---- the page ---------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }
  const result = document.getElementById("result");
  const guideBox = document.getElementById("guide");
  const choice = document.getElementById("guide-choice");
  const input = document.getElementById("code");

  function showCode(code, { focus = false } = {}) {
    result.replaceChildren();
    if (!code.trim()) return null;
    let v;
    try {
      v = describe(code);
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      result.append(el("div", { class: "refusal", role: "alert", "data-field": "refusal" },
        el("h2", { tabindex: "-1" }, `“${code.trim()}” is not a valid support code`),
        el("p", { "data-field": "reason" }, `${e.message}.`),
        el("p", { "data-field": "hint" }, C.hint)));
      if (focus) result.querySelector("h2").focus();
      return { error: e.message, hint: C.hint };
    }
    const L = C.labels;  // decode's own line names
    const facts = el("dl", { class: "facts" });
    for (const [label, field] of [[L.verdict, "verdict_label"], [L.stage, "stage_label"],
      [L.router, "vendor"], [L.guide, "guide_line"]]) {
      facts.append(el("dt", null, label), el("dd", { "data-field": field }, v[field]));
    }
    result.append(el("article", { class: `decoded verdict-${v.verdict}`, "aria-labelledby": "code-title" },
      el("h2", { id: "code-title", tabindex: "-1" }, `${L.code} `, el("span", { "data-field": "code" }, v.code)),
      facts,
      el("h3", null, L.findings),
      v.findings.length
        ? el("ul", { "data-field": "findings" }, v.findings.map(([c, m]) =>
          el("li", { "data-code": c }, el("code", null, c), ": ", el("span", null, m))))
        : el("p", { "data-field": "findings" }, L.none),
      v.explains.length ? [el("h3", null, L.explains),
        el("ul", { "data-field": "explains" }, v.explains.map((s) => el("li", null, s)))] : null,
      el("h3", null, L.told),
      el("p", { class: "headline", "data-field": "headline" }, v.headline),
      el("ol", { "data-field": "steps" }, v.steps.map((s) => el("li", null, s)))));
    choice.value = v.guide_id || "";  // the code's guide, or none (not the previous code's)
    showGuide(v.guide_id);
    if (focus) result.querySelector("h2").focus();
    return v;
  }

  // A step picture, fitted to the column; "Enlarge" shows it at full size (scrolls sideways),
  // like the Fix page's enlarge button.
  function picture(src, alt) {
    const button = el("button", { type: "button", class: "zoom", "aria-pressed": "false" }, "Enlarge picture");
    const figure = el("figure", { class: "picture" }, el("img", { src, alt }), button);
    button.addEventListener("click", () => {
      const zoomed = figure.classList.toggle("zoomed");
      button.setAttribute("aria-pressed", String(zoomed));
      button.textContent = zoomed ? "Fit picture" : "Enlarge picture";
    });
    return figure;
  }

  // The wizard's Fix page, every step at once: "Step N of M", where, text, warning, commands, picture.
  function showGuide(id) {
    guideBox.replaceChildren();
    const g = GUIDES.get(id);
    if (!g) return;
    const n = g.steps.length;
    guideBox.append(el("article", { class: "guide", "aria-labelledby": "guide-title", "data-guide": g.id },
      el("h3", { id: "guide-title" }, g.title),
      el("p", { class: "summary" }, g.summary),
      g.admin_urls.length ? el("p", null, "Router's page: ", el("b", null, g.admin_urls.join(" or "))) : null,
      g.login_hint ? el("p", null, g.login_hint) : null,
      g.notes ? el("aside", { class: "notes" }, el("h4", null, "Good to know"), el("p", null, g.notes)) : null,
      el("ol", { class: "steps" }, g.steps.map((s, i) => el("li", { class: "step" },
        el("h4", null, `Step ${i + 1} of ${n}`),
        s.where.length ? el("p", { class: "where" }, `Where: ${s.where.join(" \u203a ")}`) : null,
        el("p", { class: "text" }, s.text),
        s.warning ? el("p", { class: "warning" }, el("b", null, `\u26a0 ${s.warning}`)) : null,
        s.commands.length ? el("pre", { class: "commands", "aria-label": "Commands to type" },
          s.commands.join("\n")) : null,
        s.picture ? picture(DATA.pictures[s.picture], `Picture of step ${i + 1}: ${s.text}`) : null))),
      el("p", { class: "reboot" }, el("b", null, "Afterwards:"), " ", g.reboot)));
  }

  // The vendor list: each maker with a guide, then every guide by title.
  const makers = el("optgroup", { label: "Router makers" },
    DATA.vendors.map(([vendor, id]) => el("option", { value: id }, `${vendor} — ${GUIDES.get(id).title}`)));
  const all = el("optgroup", { label: "All guides" },
    [...DATA.guides].sort((a, b) => a.title.localeCompare(b.title))
      .map((g) => el("option", { value: g.id }, g.title)));
  choice.append(makers, all);
  choice.addEventListener("change", () => showGuide(choice.value));

  // The fragment (agent.html#CODE) opens a code; typing one keeps the fragment in step, so the
  // address can be copied into a ticket. A fragment is never sent to any server.
  const fromHash = () => {
    let code = location.hash.slice(1);
    try { code = decodeURIComponent(code); } catch (e) { /* a stray "%": decode it as typed */ }
    if (code && code !== input.value) input.value = code;
    showCode(code);
  };
  document.getElementById("code-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const v = showCode(input.value, { focus: true });
    if (v && !v.error) {  // the clean form (C012-61W0-89CF), however it was typed
      try { history.replaceState(null, "", `#${decodeCode(v.code).clean}`); } catch (e) { /* file: in some browsers */ }
    }
  });
  window.addEventListener("hashchange", fromHash);
  if (location.hash.length > 1) fromHash();

  // For the browser test: the decoder alone, and what the page shows for a code.
  window.agentPage = {
    describe(code) {
      try { return describe(code); } catch (e) {
        if (e instanceof Refusal) return { error: e.message, hint: C.hint };
        throw e;
      }
    },
    show(code) { return showCode(code); },
    read() {
      const get = (field) => result.querySelector(`[data-field="${field}"]`);
      if (get("refusal")) return { error: get("reason").textContent.replace(/\.$/, ""), hint: get("hint").textContent };
      const items = (field) => (get(field) && get(field).tagName !== "P"
        ? [...get(field).children].map((li) => li.textContent) : []);
      return {
        code: get("code").textContent, verdict_label: get("verdict_label").textContent,
        stage_label: get("stage_label").textContent, vendor: get("vendor").textContent,
        guide_line: get("guide_line").textContent,
        findings: items("findings").map((line) => line.split(/: (.*)/s).slice(0, 2)),
        explains: items("explains"), headline: get("headline").textContent, steps: items("steps"),
        guide_shown: guideBox.querySelector("[data-guide]")?.dataset.guide ?? null,
      };
    },
  };
})();
