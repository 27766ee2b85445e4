"""The fix guide is chosen once, with the profile's guide packs, and every output names that one."""

from __future__ import annotations

from dataclasses import replace

from test_report_samples import alg_probe, clean_probe, netgear, network

from sipalg_wizard.diagnosis import pipeline, supportcode
from sipalg_wizard.guides import GuideLibrary
from sipalg_wizard.report.text import render_text


def isp_library() -> GuideLibrary:
    """The built-in guides plus an ISP's own NETGEAR guide (a pack's guide wins)."""
    library = GuideLibrary.load()
    builtin = library.get("netgear")
    isp = replace(builtin, id="isp-netgear", title="Your ISP's NETGEAR guide", origin="isp-pack",
                  priority=builtin.priority + 10)
    return GuideLibrary([isp, *library.guides], library.problems)


def test_the_diagnosis_names_the_profiles_guide_in_the_report_and_the_code():
    library = isp_library()
    assert library.for_identity(netgear()).id == "isp-netgear"
    d = pipeline.assemble(network(), netgear(), alg_probe(), library=library)
    assert d.fix_guide.id == d.guide["id"] == "isp-netgear"
    assert supportcode.decode(d.support_code, ["isp-netgear"]).guide == "isp-netgear"


def test_the_text_report_names_the_diagnosis_guide_rather_than_choosing_again():
    d = pipeline.assemble(network(), netgear(), alg_probe(), library=isp_library())
    assert "Your ISP's NETGEAR guide" in render_text(d.to_dict())


def test_the_fix_guide_is_kept_for_every_verdict_but_reported_only_for_an_alg():
    d = pipeline.assemble(network(), netgear(), clean_probe())
    assert d.verdict == "no_alg_detected" and d.guide is None and d.fix_guide.id == "netgear"
    assert supportcode.decode(d.support_code, ["netgear"]).guide is None
