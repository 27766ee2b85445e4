"""The agent's page in a real browser (Debian's Chromium, headless): it says what ``decode`` says.

Codes come from the Python side (every verdict x stage, every vendor with a guide, a spread of
findings, fields ``encode`` never writes) plus every single-character typo and neighbour swap of
some of them; each is decoded by the page's script and rendered into the page in one batch per
page load, and compared with ``decodeview.describe`` (what ``sipalg-wizard decode`` prints).
Every request the page makes is recorded: the only one allowed is the page itself.
"""

from __future__ import annotations

import base64
import functools
import http.server
import itertools
import shutil
import threading

import pytest
from agentpage_codes import expected, mistyped, valid_codes

from sipalg_wizard import decodeview
from sipalg_wizard.agentpage import write_page
from sipalg_wizard.diagnosis import supportcode
from sipalg_wizard.guides import GuideLibrary
from sipalg_wizard.paths import resource
from sipalg_wizard.profile import Profile

pytestmark = pytest.mark.slow


class Watched:
    """A browser tab that records requests, console errors, page errors and CSP violations."""

    def __init__(self, context):
        self.tab = context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.tab.on("request", lambda r: self.requests.append(r.url))
        self.tab.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.tab.on("pageerror", lambda e: self.errors.append(str(e)))
        self.tab.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")

    def open(self, url: str) -> None:
        self.tab.goto(url)
        self.tab.wait_for_function("window.agentPage !== undefined")

    def close(self) -> list[str]:
        violations = self.tab.evaluate("window.__csp")
        self.tab.close()
        return violations


@pytest.fixture
def tab(browser, page_file):
    watched = Watched(browser)
    yield watched
    violations = watched.close()
    assert violations == [], violations
    assert watched.errors == [], watched.errors
    # Only the page itself was fetched: no script, style, font, picture or beacon from anywhere.
    assert {u.split("#")[0] for u in watched.requests} <= {page_file.as_uri()}, watched.requests


def _decode_all(tab, codes):
    return tab.tab.evaluate("codes => codes.map(c => agentPage.describe(c))", codes)


def _render_all(tab, codes):
    return tab.tab.evaluate("codes => codes.map(c => { agentPage.show(c); return agentPage.read(); })",
                            codes)


def _shown(view: dict) -> dict:
    """The part of describe()'s answer the page prints (labels, not keys)."""
    if "error" in view:
        return view
    shown = {k: view[k] for k in ("code", "verdict_label", "stage_label", "vendor", "guide_line",
                                  "findings", "explains", "headline", "steps")}
    shown["guide_shown"] = view["guide_id"]
    return shown


def test_the_page_decodes_every_generated_code_as_decode_does(tab, page_file, library, known):
    codes = valid_codes(library)
    tab.open(page_file.as_uri())
    got = _decode_all(tab, codes)
    want = [expected(c, known) for c in codes]
    wrong = [(c, g, w) for c, g, w in zip(codes, got, want, strict=True) if g != w]
    assert not wrong, f"{len(wrong)} of {len(codes)} differ, first: {wrong[0]}"
    refused = sum("error" in w for w in want)
    assert len(codes) > 500 and refused == 5  # reserved verdict, stage; unknown bit; versions 0 and 3
    # ...and the page shows those same words in its result section.
    got = _render_all(tab, codes)
    wrong = [(c, g, _shown(w)) for c, g, w in zip(codes, got, want, strict=True) if g != _shown(w)]
    assert not wrong, f"{len(wrong)} of {len(codes)} shown differently, first: {wrong[0]}"


def test_typos_and_swaps_are_refused_with_decodes_reason_and_hint(tab, page_file, library, known):
    codes = mistyped(valid_codes(library))
    tab.open(page_file.as_uri())
    want = [expected(c, known) for c in codes]
    got = _decode_all(tab, codes)
    wrong = [(c, g, w) for c, g, w in zip(codes, got, want, strict=True) if g != w]
    assert not wrong, f"{len(wrong)} of {len(codes)} differ, first: {wrong[0]}"
    typos = [w for w in want if "error" in w]
    assert len(typos) > 4000
    assert all(w["hint"] == decodeview.hint() for w in typos)
    shown = [c for c in codes if c.strip()]
    got = _render_all(tab, shown)
    want = [_shown(expected(c, known)) for c in shown]
    assert got == want


def test_a_code_in_the_fragment_opens_verdict_router_guide_and_steps_with_pictures(
        tab, page_file, library):
    code = supportcode.encode("alg_detected", ["via_rewritten", "sdp_connection_rewritten"],
                              "netgear", "netgear")
    tab.open(f"{page_file.as_uri()}#{code}")
    result = tab.tab.locator("#result")
    assert "SIP ALG interference detected" in result.inner_text()
    assert "netgear" in result.locator("[data-field=vendor]").inner_text()
    guide = library.get("netgear")
    box = tab.tab.locator("#guide")
    assert box.locator("h3").inner_text() == guide.title
    headings = box.locator(".step h4").all_inner_texts()
    assert headings == [f"Step {i} of {len(guide.steps)}" for i in range(1, len(guide.steps) + 1)]
    for i, step in enumerate(guide.steps):
        if step.warning:
            assert step.warning in box.locator(".step").nth(i).inner_text()
    # Every picture is inline and has really loaded (decoded to its pixel size).
    pictures = tab.tab.evaluate("[...document.querySelectorAll('#guide img')].map("
                                "i => [i.src.slice(0, 22), i.complete && i.naturalWidth > 0, i.alt])")
    assert len(pictures) == len(guide.steps)
    assert all(src == "data:image/png;base64," and ok and alt for src, ok, alt in pictures)
    # Another code through the fragment (a ticket link clicked again) replaces the answer.
    other = supportcode.encode("no_alg_detected", [], "avm", None, "verify")
    tab.tab.evaluate(f"location.hash = '{other}'")
    tab.tab.wait_for_function("document.querySelector('[data-field=code]')?.textContent === "
                              f"'{other}'")
    assert "no SIP ALG interference seen" in result.inner_text()
    assert tab.tab.locator("#guide").inner_text() == ""


def test_typing_a_code_with_the_keyboard_decodes_it_and_keeps_it_in_the_fragment(tab, page_file,
                                                                                 library):
    code = supportcode.encode("alg_detected", ["contact_rewritten"], "tp-link", "tp-link", "verify")
    tab.open(page_file.as_uri())
    tab.tab.keyboard.press("Tab")  # the first stop is the code box
    assert tab.tab.evaluate("document.activeElement.id") == "code"
    tab.tab.keyboard.type(code.lower().replace("-", " ").replace("0", "o"))
    tab.tab.keyboard.press("Enter")
    assert tab.tab.evaluate("document.activeElement.id") == "code-title"  # focus moves to the answer
    assert "Restart the router, then test again." in tab.tab.locator("#result").inner_text()
    assert tab.tab.evaluate("location.hash") == "#" + code
    tab.tab.fill("#code", code[:-1] + ("0" if code[-1] != "0" else "1"))
    tab.tab.keyboard.press("Enter")
    alert = tab.tab.locator("[role=alert]")
    assert "not a valid support code" in alert.inner_text()
    assert decodeview.hint() in alert.inner_text()
    # The vendor list: the next stop after the Decode button; the arrow keys choose a maker.
    tab.tab.focus("#code")
    tab.tab.keyboard.press("Tab")
    tab.tab.keyboard.press("Tab")
    assert tab.tab.evaluate("document.activeElement.id") == "guide-choice"
    tab.tab.keyboard.press("ArrowDown")
    chosen = tab.tab.evaluate("document.activeElement.value")
    assert tab.tab.locator("#guide h3").inner_text() == library.get(chosen).title


def test_branding_narrow_window_and_print(tab, page_file):
    tab.tab.set_viewport_size({"width": 360, "height": 740})
    tab.open(f"{page_file.as_uri()}#{supportcode.encode('alg_detected', ['via_rewritten'], 'asus', 'asus')}")
    assert tab.tab.title().startswith("Acme Fibre Helper")
    assert "Acme Fibre support" in tab.tab.locator("header").inner_text()
    # Headings an agent (or a screen reader) can scan: one h1, no level skipped; every control
    # has a label, every picture a text.
    levels = tab.tab.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]"
                              ".map(h => +h.tagName[1])")
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    assert tab.tab.evaluate("[...document.querySelectorAll('input,select')].every(e => e.labels.length)")
    assert tab.tab.evaluate("[...document.images].every(i => i.alt.length > 10)")
    assert tab.tab.evaluate("document.documentElement.lang") == "en"
    # Nothing wider than a phone: no sideways scrolling.
    assert tab.tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # "Enlarge picture" (keyboard): full size inside its own sideways scroll, not the page's;
    # the sharp picture's full size is 900 CSS pixels (its 1800 pixels on a 2x screen).
    first = tab.tab.locator("#guide .picture").first
    assert first.locator("img").evaluate("i => i.width < 360 && i.naturalWidth === 1800")
    first.locator("button.zoom").focus()
    tab.tab.keyboard.press("Enter")
    assert first.locator("button.zoom").get_attribute("aria-pressed") == "true"
    assert first.locator("img").evaluate(  # its border included (box-sizing: border-box)
        "i => i.getBoundingClientRect().width === 900 && i.naturalWidth === 1800")
    assert tab.tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    tab.tab.emulate_media(media="print")
    assert not tab.tab.locator("#code-form").is_visible()
    assert tab.tab.locator("#result").is_visible() and tab.tab.locator("#guide img").first.is_visible()
    pdf = tab.tab.pdf()  # prints without error (headless Chromium only)
    assert pdf.startswith(b"%PDF")


def test_the_page_served_by_a_static_server_makes_one_request_only(browser, page_file):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(page_file.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *a: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watched = Watched(browser)
    try:
        code = supportcode.encode("alg_detected", ["via_rewritten"], "netgear", "netgear")
        url = f"http://127.0.0.1:{server.server_address[1]}/{page_file.name}"
        watched.open(f"{url}#{code}")
        assert watched.tab.locator("#guide img").count() == 2
        # The code travels in the fragment, which the browser never sends: the server saw the page only.
        assert [r.split("#")[0] for r in watched.requests] == [url]
    finally:
        violations = watched.close()
        server.shutdown()
        server.server_close()
    assert violations == [] and watched.errors == []


def test_the_watch_would_catch_a_request(browser, page_file, tmp_path):
    """The checks above are not blind: a picture from an address is refused and reported."""
    bad = tmp_path / "bad.html"
    bad.write_text(page_file.read_text(encoding="utf-8").replace(
        "</main>", '<img src="http://127.0.0.1:9/beacon.png" alt=""></main>'), encoding="utf-8")
    watched = Watched(browser)
    watched.open(bad.as_uri())
    watched.tab.wait_for_function("window.__csp.length > 0")
    violations = watched.close()
    assert violations == ["img-src http://127.0.0.1:9/beacon.png"]
    # The attempt shows in the request log too (blocked by the CSP before it leaves the browser).
    assert "http://127.0.0.1:9/beacon.png" in watched.requests


def test_a_pack_whose_guides_share_a_hash_names_both_as_decode_does(browser, tmp_path):
    """acme-79 and acme-81 travel as the same 10-bit number (version 2): decode names both candidates."""
    pack = tmp_path / "collide"
    for gid in ("acme-79", "acme-81"):
        shutil.copytree(resource("guides", "netgear"), pack / gid)
        toml = (pack / gid / "guide.toml").read_text()
        (pack / gid / "guide.toml").write_text(toml.replace('id = "netgear"', f'id = "{gid}"'))
    assert supportcode.guide_hash("acme-79") == supportcode.guide_hash("acme-81")
    library = GuideLibrary.load([str(pack)], packs_dir=tmp_path / "none")
    assert not library.problems
    page_file = tmp_path / "agent.html"
    write_page(page_file, Profile(guide_packs=[str(pack)]), library)
    known = decodeview.known_guides(library.guides)
    codes = [supportcode.encode(v, ["via_rewritten"], "netgear", "acme-79", s)
             for v in supportcode.VERDICTS for s in supportcode.STAGES]
    watched = Watched(browser)
    watched.open(f"{page_file.as_uri()}#%zz")  # a broken fragment is refused, not a script error
    assert "not a valid support code" in watched.tab.locator("[role=alert]").inner_text()
    got = _decode_all(watched, codes)
    shown = _render_all(watched, codes)
    assert watched.close() == [] and watched.errors == []
    want = [expected(c, known) for c in codes]
    assert got == want and shown == [_shown(w) for w in want]
    assert all(w["guide_line"] == "one of acme-79, acme-81" for w in want)


def _picture_file_uri(path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def test_the_pictures_shown_are_the_sharp_ones(tab, page_file, library):
    """Each step shows its ``step-N@2x.png`` (what the Fix page shows on a high-DPI screen and
    the HTML report embeds), decoded at 1800 pixels and laid out at 900 CSS pixels at most;
    on a 2x screen every one of those pixels is drawn."""
    code = supportcode.encode("alg_detected", ["via_rewritten"], "netgear", "netgear")
    tab.tab.set_viewport_size({"width": 1280, "height": 900})
    tab.open(f"{page_file.as_uri()}#{code}")
    guide = library.get("netgear")
    shown = tab.tab.evaluate("agentPage.guide()")
    assert [s["picture"] for s in shown["steps"]] == [
        _picture_file_uri(guide.picture_path(i, scale=2)) for i in range(len(guide.steps))]
    assert all(guide.picture_path(i, scale=2).name == f"step-{i + 1}@2x.png"
               for i in range(len(guide.steps)))
    sizes = tab.tab.evaluate("[...document.querySelectorAll('#guide img')].map("
                             "i => [i.complete, i.naturalWidth, i.naturalHeight, i.width])")
    assert sizes and all(ok and (w, h) == (1800, 1120) and 0 < shown_w <= 900
                         for ok, w, h, shown_w in sizes), sizes


def _choose_language(tab, code: str) -> None:
    tab.tab.select_option("#guide-language", code)


def test_the_spanish_switch_shows_the_spanish_steps_and_keeps_the_router_labels(tab, page_file,
                                                                                 library):
    code = supportcode.encode("alg_detected", ["via_rewritten"], "tp-link", "tp-link")
    tab.open(f"{page_file.as_uri()}#{code}")
    english, spanish = library.get("tp-link"), library.get("tp-link").localized("es")
    assert spanish.language == "es"
    assert tab.tab.locator("#guide-language").input_value() == "en"  # English by default
    assert tab.tab.evaluate("[...document.querySelectorAll('#guide-language option')]"
                            ".map(o => [o.value, o.textContent])") == [
        ["en", "English"], ["es", "Spanish (español)"]]
    before = tab.tab.evaluate("agentPage.guide()")
    assert before["language"] == "en" and before["steps"][0]["heading"] == "Step 1 of 2"
    _choose_language(tab, "es")
    shown = tab.tab.evaluate("agentPage.guide()")
    total = len(spanish.steps)
    assert shown["language"] == "es" and shown["title"] == spanish.title
    assert [s["heading"] for s in shown["steps"]] == [f"Paso {i} de {total}"
                                                      for i in range(1, total + 1)]
    assert [s["text"] for s in shown["steps"]] == [s.text for s in spanish.steps]
    assert [s["where"] for s in shown["steps"]] == [
        "Dónde: " + " \u203a ".join(s.menu_path) for s in english.steps]  # the router's words
    assert shown["reboot"] == f"Después: {spanish.reboot}"
    assert shown["notes"].startswith("Conviene saber")
    assert shown["admin"].startswith("Página del router: ")
    # the same pictures in every language (they show the router's screen)
    assert [s["picture"] for s in shown["steps"]] == [s["picture"] for s in before["steps"]]
    assert tab.tab.locator("#guide article").get_attribute("lang") == "es"
    assert tab.tab.evaluate("[...document.querySelectorAll('#guide img')].map(i => i.alt)")[0] \
        .startswith("Imagen del paso 1: ")
    # remembered in the fragment (never sent anywhere): a ticket link opens in Spanish
    assert tab.tab.evaluate("location.hash") == f"#{code}&lang=es"
    # ...and on the page: another code, or a guide from the list, stays in Spanish
    other = supportcode.encode("alg_detected", ["via_rewritten"], "netgear", "netgear")
    tab.tab.fill("#code", other)
    tab.tab.keyboard.press("Enter")
    assert tab.tab.evaluate("location.hash") == f"#{other}&lang=es"
    assert tab.tab.evaluate("agentPage.guide()")["steps"][0]["text"] == \
        library.get("netgear").localized("es").steps[0].text
    tab.tab.select_option("#guide-choice", "asus")
    assert tab.tab.evaluate("agentPage.guide()")["language"] == "es"
    # a ticket link without a language keeps the one on show, and the address says it
    tab.tab.evaluate(f"location.hash = '{code.lower()}'")
    tab.tab.wait_for_function(f"location.hash === '#{code}&lang=es'")
    assert tab.tab.evaluate("agentPage.guide()")["id"] == "tp-link"
    _choose_language(tab, "en")
    assert tab.tab.evaluate("agentPage.guide()")["steps"][0]["heading"].startswith("Step 1 of ")
    assert tab.tab.evaluate("location.hash") == f"#{code}"


def test_a_ticket_link_with_a_language_opens_the_guide_in_it(tab, page_file, library):
    code = supportcode.encode("alg_detected", ["via_rewritten"], "netgear", "netgear")
    tab.open(f"{page_file.as_uri()}#{code}&lang=es")
    assert "SIP ALG interference detected" in tab.tab.locator("#result").inner_text()
    assert tab.tab.locator("#guide-language").input_value() == "es"
    assert tab.tab.evaluate("agentPage.guide()")["title"] == library.get("netgear").localized("es").title
    tab.tab.evaluate("location.hash = 'lang=en'")  # a language alone keeps the guide on show
    tab.tab.wait_for_function("agentPage.guide().language === 'en'")
    assert tab.tab.evaluate("agentPage.guide()")["id"] == "netgear"


def test_spanish_for_a_guide_without_spanish_is_the_english_guide_under_spanish_labels(
        browser, tmp_path):
    """As the Spanish wizard shows it: the guide's words in English, the Fix page's own labels
    in Spanish (e.g. an ISP pack's guide translated into English only)."""
    library = GuideLibrary.load((), packs_dir=tmp_path / "no-packs")
    juniper = library.get("juniper-srx")
    juniper.translations.clear()
    page_file = tmp_path / "agent.html"
    write_page(page_file, Profile(), library)
    watched = Watched(browser)
    code = supportcode.encode("alg_detected", ["via_rewritten"], "juniper", "juniper-srx")
    watched.open(f"{page_file.as_uri()}#{code}&lang=es")
    shown = watched.tab.evaluate("agentPage.guide()")
    assert shown["id"] == "juniper-srx" and shown["chosen"] == "es" and shown["language"] == "en"
    assert shown["title"] == juniper.title
    assert [s["text"] for s in shown["steps"]] == [s.text for s in juniper.steps]
    assert shown["steps"][0]["heading"] == f"Paso 1 de {len(juniper.steps)}"
    assert watched.tab.locator("#guide article").get_attribute("lang") == "en"
    assert watched.tab.locator("#guide article h4 span[lang=es]").count() >= len(juniper.steps)
    # a guide that has Spanish, on the same page, is in Spanish
    watched.tab.select_option("#guide-choice", "netgear")
    assert watched.tab.evaluate("agentPage.guide()")["language"] == "es"
    assert watched.close() == [] and watched.errors == []
    assert {u.split("#")[0] for u in watched.requests} == {page_file.as_uri()}  # no network
