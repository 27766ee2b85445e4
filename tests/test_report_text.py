from test_report_samples import alg_diagnosis, clean_diagnosis, inconclusive_diagnosis

from sipalg_wizard.explain import GuideRef, text
from sipalg_wizard.textreport import render_text


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


def test_text_report_says_which_witness_saw_what():
    doc = inconclusive_diagnosis().to_dict()
    doc["probe"]["methods"] = [
        {"method": "ttl", "target": "8.8.8.8", "status": "answered", "witness_hop": 2,
         "findings": [], "vouches_no_alg": True},
        {"method": "provider", "target": "sip.example.net", "status": "no_answer",
         "findings": [], "note": "no answer over UDP or TCP"}]
    out = render_text(doc)
    assert "  ttl -> 8.8.8.8: answered (hop 2); whole message unchanged (vouches for no ALG)" in out
    assert "  provider -> sip.example.net: no_answer; nothing — no answer over UDP or TCP" in out


def test_text_report_lists_the_guide_steps_in_the_customers_language():
    from sipalg_wizard.guides import GuideLibrary

    guide = GuideLibrary.load().get("tp-link")
    spanish = render_text(alg_diagnosis().to_dict(), guide=guide, languages=["es-ES", "en"])
    assert "Paso 2 de 2 (Dónde: Advanced > NAT Forwarding > ALG): DESMARQUE \"SIP ALG\"" in spanish
    assert "Cómo desactivar SIP ALG: Desactive el SIP ALG en un router TP-Link" in spanish
    english = render_text(alg_diagnosis().to_dict(), guide=guide, languages=["fr", "en"])
    assert "Step 2 of 2 (Where: Advanced > NAT Forwarding > ALG): UNTICK" in english
    assert "Paso" not in english
    assert "Step 1 of" not in render_text(clean_diagnosis().to_dict(), guide=guide, languages=["en"])


def test_system_languages_read_the_wizard_variable_then_the_locale():
    from sipalg_wizard.guides.model import system_languages

    assert system_languages({"SIPALG_WIZARD_LANG": "es_MX", "LANG": "de_DE.UTF-8"}) == \
        ["es-mx", "de-de", "en"]
    assert system_languages({"LANGUAGE": "pt_BR:pt", "LANG": "C.UTF-8"}) == ["pt-br", "pt", "en"]
    assert system_languages({}) == ["en"]
