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
  const ENGLISH = DATA.languages[0];  // the guides' own language, and the page's default

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
  const languageChoice = document.getElementById("guide-language");
  let shownGuide = null;  // the guide id on show, redrawn when the language changes

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
  // like the Fix page's enlarge button. A sharp @2x picture has its CSS width (half its pixels),
  // so enlarged it is as large as the Fix page's, and crisp on a high-density screen.
  function picture(key, alt) {
    const width = DATA.picture_widths[key];
    const img = el("img", width ? { src: DATA.pictures[key], alt, width: String(width) }
      : { src: DATA.pictures[key], alt });
    const button = el("button", { type: "button", class: "zoom", "aria-pressed": "false" }, "Enlarge picture");
    const figure = el("figure", { class: "picture" }, img, button);
    button.addEventListener("click", () => {
      const zoomed = figure.classList.toggle("zoomed");
      button.setAttribute("aria-pressed", String(zoomed));
      button.textContent = zoomed ? "Fit picture" : "Enlarge picture";
    });
    return figure;
  }

  // The wizard's Fix page, every step at once: "Step N of M", where, text, warning, commands, picture,
  // in the customer's language: the guide's words where it has that language (English where it
  // has not, as the Fix page does), the Fix page's own labels in that language (common.<lang>.toml).
  // Router labels (where, commands, pictures) stay as the router shows them.
  function showGuide(id) {
    guideBox.replaceChildren();
    shownGuide = id || null;
    const g = GUIDES.get(id);
    if (!g) return;
    const lang = languageChoice.value;
    const v = g.views[lang] || g.views[ENGLISH];
    const L = DATA.labels[lang] || DATA.labels[ENGLISH];
    const label = (key, values) => el("span", lang === v.language ? null : { lang }, fill(L[key], values || {}));
    const n = v.steps.length;
    guideBox.append(el("article", { class: "guide", lang: v.language, "aria-labelledby": "guide-title",
      "data-guide": g.id, "data-language": v.language },
    el("h3", { id: "guide-title" }, v.title),
    el("p", { class: "summary" }, v.summary),
    v.admin_urls.length ? el("p", { class: "admin" }, label("admin_label"), " ",
      el("b", null, v.admin_urls.join(" \u00b7 "))) : null,
    v.login_hint ? el("p", null, v.login_hint) : null,
    v.notes ? el("aside", { class: "notes" }, el("h4", null, label("notes_label")), el("p", null, v.notes)) : null,
    el("ol", { class: "steps" }, v.steps.map((s, i) => el("li", { class: "step" },
      el("h4", null, label("step_label", { number: i + 1, total: n })),
      s.where.length ? el("p", { class: "where" }, label("where_label"), ` ${s.where.join(" \u203a ")}`) : null,
      el("p", { class: "text" }, s.text),
      s.warning ? el("p", { class: "warning" }, el("b", null, `\u26a0 ${s.warning}`)) : null,
      s.commands.length ? el("pre", { class: "commands", "aria-label": "Commands to type" },
        s.commands.join("\n")) : null,
      s.picture ? picture(s.picture, `${fill(L.picture_label, { number: i + 1 })}: ${s.text}`) : null))),
    el("p", { class: "reboot" }, el("b", null, label("afterwards_label")), " ", v.reboot)));
  }

  // The customer's language for the guide: every language any guide has, English by default.
  // Its name in English and in itself, from the browser's own tables (no request).
  const languageName = (code) => {
    try {
      const english = new Intl.DisplayNames(["en"], { type: "language" }).of(code);
      const own = new Intl.DisplayNames([code], { type: "language" }).of(code);
      return own && own.toLowerCase() !== english.toLowerCase() ? `${english} (${own})` : english;
    } catch (e) {
      return code;
    }
  };
  languageChoice.append(...DATA.languages.map((code) => el("option", { value: code }, languageName(code))));
  languageChoice.value = ENGLISH;

  // The vendor list: each maker with a guide, then every guide by title.
  const makers = el("optgroup", { label: "Router makers" },
    DATA.vendors.map(([vendor, id]) => el("option", { value: id }, `${vendor} — ${GUIDES.get(id).title}`)));
  const all = el("optgroup", { label: "All guides" },
    [...DATA.guides].sort((a, b) => a.title.localeCompare(b.title))
      .map((g) => el("option", { value: g.id }, g.title)));
  choice.append(makers, all);
  choice.addEventListener("change", () => showGuide(choice.value));

  // The fragment (agent.html#CODE, agent.html#CODE&lang=es) opens a code, in a language; typing a
  // code or choosing a language keeps the fragment in step, so the address can be copied into a
  // ticket. A fragment is never sent to any server; the language is otherwise kept on the page.
  let shownCode = "";  // the clean form of the valid code on show, for the fragment
  const setFragment = () => {
    const parts = [shownCode, languageChoice.value !== ENGLISH ? `lang=${languageChoice.value}` : ""];
    const hash = parts.filter(Boolean).join("&");
    try {
      history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
    } catch (e) { /* file: in some browsers */ }
  };
  const showAndRemember = (code, options) => {
    const v = showCode(code, options);
    shownCode = v && !v.error ? decodeCode(v.code).clean : "";
    return v;
  };
  const fromHash = () => {
    const parts = location.hash.slice(1).split("&");
    const lang = parts.find((p) => p.startsWith("lang="));
    if (lang && DATA.languages.includes(lang.slice(5))) languageChoice.value = lang.slice(5);
    let code = parts.filter((p) => !p.startsWith("lang=")).join("&");
    try { code = decodeURIComponent(code); } catch (e) { /* a stray "%": decode it as typed */ }
    if (code) {
      if (code !== input.value) input.value = code;
      if (showAndRemember(code) && shownCode) setFragment();  // the clean code, and the language on show
    } else {  // no code (only a language): the guide on show stays, in that language
      showAndRemember("");
      showGuide(shownGuide);
    }
  };
  document.getElementById("code-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const v = showAndRemember(input.value, { focus: true });
    if (v && !v.error) setFragment();  // the clean form (C012-61W0-89CF), however it was typed
  });
  languageChoice.addEventListener("change", () => {
    showGuide(shownGuide);
    setFragment();
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
    // The guide on show, as the customer's Fix page reads: its language and each step's words.
    guide() {
      const article = guideBox.querySelector("[data-guide]");
      if (!article) return null;
      const text = (node, selector) => node.querySelector(selector)?.textContent ?? null;
      return {
        id: article.dataset.guide, language: article.dataset.language, chosen: languageChoice.value,
        title: text(article, "h3"), reboot: text(article, ".reboot"), notes: text(article, ".notes"),
        admin: text(article, ".admin"),
        steps: [...article.querySelectorAll(".step")].map((step) => ({
          heading: text(step, "h4"), where: text(step, ".where"), text: text(step, ".text"),
          warning: text(step, ".warning"), picture: step.querySelector("img")?.getAttribute("src") ?? null,
          width: step.querySelector("img")?.getAttribute("width") ?? null,
        })),
      };
    },
  };
})();
