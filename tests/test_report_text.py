from test_report_samples import alg_diagnosis, clean_diagnosis, inconclusive_diagnosis

from sipalg_wizard.diagnosis.explain import GuideRef, text
from sipalg_wizard.report.text import render_text


def test_text_report_has_the_explanation_steps_and_the_details():
    out = render_text(alg_diagnosis().to_dict(), guide=GuideRef("netgear", "NETGEAR guide"))
    assert out.splitlines()[0].startswith("SIP ALG interference detected")
    assert "Your router rewrites the addresses inside" in out
    assert "  1. Turn off the SIP ALG on your router. Follow the steps in “NETGEAR guide”." in out
    assert "outbound sdp c=: 'IN IP4 192.168.77.10' -> 'IN IP4 203.0.113.1'" in out
    assert out.rstrip().endswith(alg_diagnosis().support_code)
    assert out.index("What to do:") < out.index("Details:") < out.index("Tests against")


def test_text_report_picks_the_wizards_guide_when_none_is_given():
    out = render_text(alg_diagnosis().to_dict())
    # With the built-in guides present the NETGEAR guide is named; without them, the general one.
    assert "Follow the steps in" in out or text("step.guide_generic") in out


def test_text_report_for_clean_and_inconclusive_runs():
    assert text("step.nothing") in render_text(clean_diagnosis().to_dict())
    out = render_text(inconclusive_diagnosis().to_dict())
    assert text("why.reflector_unreachable") in out and text("step.check_internet") in out
