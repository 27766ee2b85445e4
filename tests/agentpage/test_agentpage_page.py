"""The agent's page without a browser: its tables come from the Python decoder and agree with it,
it is self-contained, branded by the profile and carries the profile's guide packs."""

from __future__ import annotations

import base64
import hashlib
import json
import random
import re
import shutil
import subprocess
import sys

import pytest

from sipalg_wizard import decodeview
from sipalg_wizard.agentpage import build_page
from sipalg_wizard.agentpage.decoder import code_tables, guide_class, told_table
from sipalg_wizard.diagnosis import supportcode
from sipalg_wizard.diagnosis.explain import GuideRef, text
from sipalg_wizard.findings import FINDINGS
from sipalg_wizard.paths import resource
from sipalg_wizard.profile import Profile


def _data(page) -> dict:
    text = re.search(r'<script type="application/json" id="agent-data">(.*?)</script>', page.html,
                     re.S).group(1)
    return json.loads(text)


def test_told_table_answers_like_decodeview_for_random_finding_sets():
    """The lookup the page's script does (groups present -> answer) gives told()'s answer."""
    table = told_table()
    coded = [f.code for f in FINDINGS[:supportcode.FINDING_BITS]]
    rnd = random.Random(7)
    for _ in range(3000):
        findings = tuple(c for c in coded if rnd.random() < rnd.choice((0.05, 0.2, 0.5)))
        mask = sum(1 << coded.index(c) for c in findings)
        verdict, stage = rnd.choice(supportcode.VERDICTS), rnd.choice(supportcode.STAGES)
        guide = rnd.choice([None, GuideRef("x", "T"), GuideRef("x", "T", can_disable=False)])
        ctx = table["contexts"][f"{verdict}|{stage}|{guide_class(guide)}"]
        key = "".join("1" if mask & table["groups"][g] else "0" for g in ctx["groups"])
        headline, steps = table["answers"][ctx["entries"][key]]
        title = "Turn off SIP ALG on a $1 {guide} router"
        steps = [s.replace(table["guide_title"], title) for s in steps]
        if guide is not None:
            guide = GuideRef("x", title, guide.can_disable)
        want = decodeview.told(verdict, stage, findings, guide)
        assert (headline, tuple(steps)) == want, (verdict, stage, guide, findings)


def test_check_terms_rebuild_the_check_symbol():
    terms = supportcode.check_terms()
    rnd = random.Random(3)
    for _ in range(500):
        data = rnd.getrandbits(55)
        symbols = [(data >> s) & 31 for s in range(50, -1, -5)]
        check = 0
        for position, symbol in enumerate(symbols):
            check ^= terms[position][symbol]
        assert check == supportcode._check(data)


def test_code_tables_are_the_decoders_own():
    tables = code_tables({"netgear": GuideRef("netgear", "Turn off SIP ALG on a NETGEAR router"),
                          "att": GuideRef("att", "AT&T", can_disable=False)})
    assert tables["vendors"] == list(supportcode.VENDORS)
    assert tables["values"]["O"] == 0 and tables["values"]["L"] == 1 and "U" not in tables["values"]
    current = tables["layouts"][str(supportcode.VERSION)]
    assert current["guide_hashes"] == {str(supportcode.guide_hash("netgear")): ["netgear"],
                                       str(supportcode.guide_hash("att")): ["att"]}
    assert tables["guide_classes"] == {"netgear": 1, "att": 2}
    for version, layout in tables["layouts"].items():  # every version still decoded
        assert sum(bits for _, bits in layout["fields"]) + 2 == 55  # + the version's two bits
        assert [bits for _, bits in layout["fields"][:3]] == \
            list(reversed(supportcode.LAYOUTS[int(version)]))
    assert tables["version_shift"] == 53
    assert tables["errors"] == supportcode.ERRORS and tables["hint"] == decodeview.hint()


def test_the_page_is_one_self_contained_file(page):
    html = page.html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert csp.startswith("default-src 'none'; img-src data:;")
    # The script and style are allowed by their hashes only: exactly the ones in the page.
    for tag, directive in (("script", "script-src"), ("style", "style-src")):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp
    # No address anywhere the browser would fetch from.
    assert not re.search(r'(src|href)\s*=\s*"(?!data:)', html)
    assert "@import" not in html and "url(" not in html
    data = _data(page)
    pictures = data["pictures"]
    assert pictures and all(v.startswith("data:image/png;base64,") for v in pictures.values())
    steps = [s for g in data["guides"] for v in g["views"].values() for s in v["steps"]]
    assert all(s["picture"] in pictures for s in steps)
    assert page.guides == len(data["guides"]) and page.size == len(html.encode())
    # 40 guides, 76 sharp (@2x) pictures: about 3.7 MB, nearly all of it the pictures
    assert page.size < 4_500_000


def test_the_pictures_are_the_sharp_ones_the_fix_page_and_the_report_show(page, library):
    """Each step's picture is its ``step-N@2x.png`` (``guides.view``, as the HTML report embeds
    it), stored once, shown at 900 CSS pixels; every language refers to the same picture."""
    from sipalg_wizard.guides.view import guide_view

    data = _data(page)
    shown = 0
    for entry in data["guides"]:
        guide = library.get(entry["id"])
        view = guide_view(guide)
        for index, step in enumerate(entry["views"]["en"]["steps"]):
            if not guide.steps[index].picture:
                assert step["picture"] == ""
                continue
            path = guide.picture_path(index, scale=2)
            assert path.name.endswith("@2x.png"), path
            uri = data["pictures"][step["picture"]]
            assert uri == view["steps"][index]["picture"]
            assert base64.b64decode(uri.split(",", 1)[1]) == path.read_bytes()
            assert data["picture_widths"][step["picture"]] == 900
            assert {v["steps"][index]["picture"] for v in entry["views"].values()} == {step["picture"]}
            shown += 1
    assert shown == len(data["pictures"]) == page.pictures > 70


def test_every_guide_in_every_language_it_has_with_the_fix_pages_labels(page, library):
    """The language switch's data: each guide's views (English, and each translation), and the
    Fix page's labels per language from the guides' fixed sentences (one source)."""
    from sipalg_wizard.guides.model import guide_phrase

    data = _data(page)
    assert data["languages"] == ["en", "es"]
    for lang in data["languages"]:
        assert data["labels"][lang]["step_label"] == guide_phrase("step_label", lang)
    assert data["labels"]["es"] == {
        "step_label": "Paso {number} de {total}", "where_label": "Dónde:",
        "afterwards_label": "Después:", "notes_label": "Conviene saber",
        "admin_label": "Página del router:", "picture_label": "Imagen del paso {number}"}
    netgear = next(g for g in data["guides"] if g["id"] == "netgear")
    spanish, english = library.get("netgear").localized("es"), library.get("netgear")
    assert netgear["languages"] == ["en", "es"]
    assert [s["text"] for s in netgear["views"]["es"]["steps"]] == [s.text for s in spanish.steps]
    assert [s["text"] for s in netgear["views"]["en"]["steps"]] == [s.text for s in english.steps]
    # router labels stay as the router shows them
    assert [s["where"] for s in netgear["views"]["es"]["steps"]] == [list(s.menu_path)
                                                                     for s in english.steps]
    assert netgear["views"]["es"]["title"] == spanish.title and netgear["title"] == english.title


def test_data_cannot_close_its_script_element(tmp_path):
    pack = tmp_path / "evil-pack"
    shutil.copytree(resource("guides", "netgear"), pack / "netgear")
    toml = (pack / "netgear" / "guide.toml").read_text()
    (pack / "netgear" / "guide.toml").write_text(
        toml.replace('title = "Turn off SIP ALG on a NETGEAR router"',
                     'title = "</script><script>alert(1)</script> {{SCRIPT}}"'))
    page = build_page(Profile(guide_packs=[str(pack)]))
    assert page.html.count("</script>") == 2 and page.html.count("<script") == 2
    assert "{{SCRIPT}}" in page.html  # placeholders in data are not filled in
    assert any(g["title"].startswith("</script>") for g in _data(page)["guides"])


def test_branding_and_guide_packs_come_from_the_profile(tmp_path):
    pack = tmp_path / "acme-pack"
    shutil.copytree(resource("guides", "netgear"), pack / "netgear")
    toml = (pack / "netgear" / "guide.toml").read_text()
    (pack / "netgear" / "guide.toml").write_text(
        toml.replace('title = "Turn off SIP ALG on a NETGEAR router"',
                     'title = "Acme Box 3000: SIP ALG off"'))
    profile = Profile(product_name="Acme <Fibre>", support_name="Acme & Co support",
                      guide_packs=[str(pack)])
    page = build_page(profile)
    assert "<title>Acme &lt;Fibre&gt; — support codes</title>" in page.html
    assert "Acme &amp; Co support" in page.html
    data = _data(page)
    netgear = [g for g in data["guides"] if g["id"] == "netgear"]
    assert len(netgear) == 1 and netgear[0]["title"] == "Acme Box 3000: SIP ALG off"
    assert netgear[0]["origin"].startswith("pack:")
    assert data["code"]["titles"]["netgear"] == "Acme Box 3000: SIP ALG off"


def test_decode_tells_what_the_wizard_told_for_a_router_that_cannot_turn_it_off(library):
    """A guide of kind cannot_disable: the customer was sent to bridge mode / the ISP."""
    known = decodeview.known_guides(library.guides)
    code = supportcode.encode("alg_detected", ["via_rewritten"], "att", "att")
    view = decodeview.describe(code, known)
    assert view.steps == (text("step.no_switch"), text("step.bridge"), text("step.isp"))


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sipalg_wizard", *args], capture_output=True,
                          text=True, timeout=120, check=False)


def test_cli_writes_the_page(tmp_path):
    out = tmp_path / "agent.html"
    profile = tmp_path / "profile.toml"
    profile.write_text('product_name = "Acme Fibre Helper"\nsupport_name = "Acme support"\n')
    run = _cli("agent-page", "--output", str(out), "--profile", str(profile))
    assert run.returncode == 0, run.stderr
    assert out.stat().st_size > 100_000 and "Acme Fibre Helper" in out.read_text()
    assert f"{out.stat().st_size} bytes" in run.stderr


@pytest.mark.parametrize(("args", "status"), [
    (("agent-page",), 2),
    (("agent-page", "--output", "/nonexistent-dir/agent.html"), 1),
    (("agent-page", "--output", "x.html", "--profile", "/nonexistent/profile.toml"), 2),
])
def test_cli_refuses_clearly(args, status):
    run = _cli(*args)
    assert run.returncode == status
    assert run.stderr.strip() and run.stdout == ""
