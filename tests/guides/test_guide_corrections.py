"""The corrections made after the independent check of the guides (issue 19) stay made.

Sources: ``../shared/research/guide-sources.md`` (Linksys and ARRIS were WRONG, SonicWall and the
Zyxel firewalls had gaps, Cisco Meraki MX had no guide).
"""

from __future__ import annotations

import pytest

from sipalg_wizard.guides import GuideLibrary, load_builtin


@pytest.fixture(scope="module")
def by_id():
    return {guide.id: guide for guide in load_builtin().guides}


def words(guide) -> str:
    parts = [guide.title, guide.summary, *guide.quirks]
    for step in guide.steps:
        parts += [step.text, step.warning, *step.menu_path, step.page, *step.context]
        parts += [f"{c.label} {c.set} {c.note}" for c in step.controls]
    return "\n".join(parts)


def test_linksys_smart_wifi_path_is_the_sourced_one(by_id):
    linksys = by_id["linksys"]
    (control,) = [c for s in linksys.steps for c in s.controls]
    assert (control.label, control.type, control.set) == ("Enable SIP ALG", "checkbox", "unticked")
    step = next(s for s in linksys.steps if s.controls)
    assert step.menu_path == ("Connectivity", "Administration")
    assert "Application Layer Gateway" in step.text and "Apply" in step.text
    # the unsupported Administration > Management radio is gone, and so is "may have no switch"
    assert not any(s.menu_path == ("Administration", "Management") for s in linksys.steps)
    assert "no SIP ALG setting at all" not in words(linksys)
    assert any("WRVS4400N" in q and "SIP Application Layer Gateway" in q for q in linksys.quirks)


def test_arris_surfboard_has_no_sip_alg_step(by_id):
    arris = by_id["arris"]
    assert arris.kind == "cannot_disable"
    assert not any("SIP" in c.label for s in arris.steps for c in s.controls)
    text = words(arris)
    assert "SBG6580" in text and "SBG6700-AC" in text
    assert "5060" in text and "TLS" in text and "own router" in text
    assert any(s.kind == "vendor" and "sbg6700" in s.url.lower() for s in arris.sources)


def test_sonicwall_names_sonicos7_path_and_consistent_nat_caveat(by_id):
    sonicwall = by_id["sonicwall"]
    text = words(sonicwall)
    assert "NETWORK" in text and "VoIP > Settings" in text  # SonicOS 7
    assert "MANAGE" in text and "System Setup > VoIP" in text  # SonicOS 6.5
    assert "lowers overall security" in text
    assert any("sonicos-7" in s.url for s in sonicwall.sources)


def test_zyxel_firewall_names_the_uos_label(by_id):
    usg = by_id["zyxel-usg"]
    assert "Enable SIP ALG Globally" in words(usg)
    assert "USG FLEX H" in words(usg)


def test_meraki_has_its_own_honest_guide(by_id):
    meraki = by_id["meraki"]
    assert meraki.vendors == ("meraki",)
    assert meraki.confidence == "unverified"
    assert "found no Meraki documentation" in meraki.summary
    library = GuideLibrary(list(by_id.values()))
    assert library.for_vendor("meraki").id == "meraki"
    assert "meraki" not in by_id["generic"].vendors


@pytest.mark.parametrize("guide_id", ["xfinity", "att", "google", "avm"])
def test_unsourced_no_switch_claims_are_worded_as_not_found(by_id, guide_id):
    """No source shows these have no switch: the guides say none was found, not that none exists."""
    guide = by_id[guide_id]
    assert guide.confidence == "unverified"
    assert "found no" in f"{guide.title} {guide.summary}".lower()
