"""The Fix page in the customer's language (guide.<lang>.toml) and with sharp pictures at 2x."""

from __future__ import annotations

import json

import pytest
from flow_helpers import netgear_identity

from sipalg_wizard.ui import i18n
from sipalg_wizard.ui.pages.fix import PICTURE_WIDTH, FixPage


@pytest.fixture
def spanish(qapp):
    translators = i18n.install_translators(qapp, "es")
    yield translators
    i18n.remove_translators(qapp, translators)


def to_fix_page(qtbot, make_wizard, fake_core, vendor="tp-link"):
    fake_core.identify = lambda net, cancel: netgear_identity().__class__()  # nothing known
    wizard = make_wizard(None, core=fake_core, reflector="203.0.113.10")
    with qtbot.waitSignal(wizard.network_page.settled, timeout=15000):
        wizard.next()
    with qtbot.waitSignal(wizard.router_page.settled, timeout=15000):
        wizard.next()
    wizard.router_page.choose(vendor)
    with qtbot.waitSignal(wizard.probe_page.settled, timeout=15000):
        wizard.next()
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.fix_page
    return wizard


def test_spanish_fix_page_shows_spanish_steps_and_keeps_router_labels(
        qtbot, make_wizard, fake_core, spanish):
    wizard = to_fix_page(qtbot, make_wizard, fake_core)
    fix = wizard.fix_page
    assert fix.guide.id == "tp-link" and fix.guide.language == "es"
    assert fix.counter.text() == "Paso 1 de 2"
    assert fix.step_text.text().startswith("Inicie sesión")
    assert "Advanced \u203a NAT Forwarding \u203a ALG" in fix.where.text()  # the router's words
    assert "reinicie el router" in fix.reboot.text()
    fix.next_button.click()
    assert 'DESMARQUE "SIP ALG"' in fix.step_text.text()
    # the report names the guide in Spanish and records the language shown
    wizard.next()
    wizard.next()
    saved = wizard.finish_page.save()
    doc = json.loads(saved.json_path.read_text(encoding="utf-8"))
    assert doc["guide"]["id"] == "tp-link" and doc["guide"]["language"] == "es"
    page = saved.html_path.read_text(encoding="utf-8")

    assert 'lang="es"' in page and "Paso 2 de 2" in page and "DESMARQUE &quot;SIP ALG&quot;" in page
    assert page.count('<img src="data:image/png;base64,') == 2
    # the rest of the customer's part of the report is in the UI's language too
    assert '<html lang="es' in page and "Qué hacer" in page and "Código de soporte" in page
    assert "Su router reescribe" in page and "Interferencia de SIP ALG detectada" in page


def test_a_guide_without_spanish_stays_english_in_the_spanish_wizard(
        qtbot, make_wizard, fake_core, spanish):
    from sipalg_wizard.guides import GuideLibrary

    library = GuideLibrary.load()
    library.get("juniper-srx").translations.clear()  # e.g. an ISP pack's guide, English only
    fake_core.guides = lambda packs: library
    wizard = to_fix_page(qtbot, make_wizard, fake_core, vendor="juniper")
    fix = wizard.fix_page
    assert fix.guide.language == "en" and fix.counter.text().startswith("Paso 1 de")
    assert fix.step_text.text() == fix.guide.steps[0].text


def test_english_wizard_shows_english_guide(qtbot, make_wizard, fake_core, qapp):
    i18n.install_translators(qapp, "en")
    wizard = to_fix_page(qtbot, make_wizard, fake_core)
    assert wizard.fix_page.guide.language == "en"
    assert wizard.fix_page.step_text.text().startswith("Log in")


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_step_picture_is_sharp_at_the_screen_scale(qtbot, make_wizard, fake_core, monkeypatch, ratio):
    monkeypatch.setattr(FixPage, "devicePixelRatioF", lambda self: ratio)
    wizard = to_fix_page(qtbot, make_wizard, fake_core)
    fix = wizard.fix_page
    # What the page hands the label (QLabel itself re-reads the real screen's ratio, which the
    # offscreen platform keeps at 1, so the label's copy is checked only for being there).
    shown = fix._thumbnail(fix._pixmap)
    assert not fix.picture.pixmap().isNull()
    assert shown.devicePixelRatio() == ratio
    assert shown.width() == round(PICTURE_WIDTH * ratio)  # every physical pixel drawn, no upscale
    assert fix._pixmap.width() == (1800 if ratio > 1 else 900)  # the @2x file on a 2x screen
    dialog = fix.enlarge()
    assert dialog.width() <= 900 + 60  # laid out at the logical size, not 1800 pixels wide
    dialog.close()


def test_the_diagnosis_offers_the_measured_workaround_for_a_router_without_a_switch(
        qtbot, make_wizard, fake_core, spanish):
    """ARRIS SBG gateways have no documented switch; the probe's control tests (another port,
    TLS) arrived unchanged, so the page says so, in Spanish, with the port it measured."""
    fake_core.identify = lambda net, cancel: netgear_identity().__class__()
    wizard = make_wizard(None, core=fake_core, reflector="203.0.113.10")
    with qtbot.waitSignal(wizard.network_page.settled, timeout=15000):
        wizard.next()
    with qtbot.waitSignal(wizard.router_page.settled, timeout=15000):
        wizard.next()
    wizard.router_page.choose("arris")
    with qtbot.waitSignal(wizard.probe_page.settled, timeout=15000):
        wizard.next()
    wizard.next()
    body = wizard.diagnosis_page.body.text()
    assert "Otra forma de evitarlo:" in body
    assert "otro puerto (5070)" in body and "SIP sobre TLS" in body
    wizard.next()
    assert wizard.fix_page.guide.id == "arris"
    assert "otro puerto (5070)" in wizard.fix_page.intro.text()


def test_a_router_with_a_switch_gets_no_workaround_sentence(qtbot, make_wizard, fake_core):
    wizard = to_fix_page(qtbot, make_wizard, fake_core, vendor="tp-link")
    assert "another port" not in wizard.diagnosis_page.body.text()
    assert "another port" not in wizard.fix_page.intro.text()


SCALED = r"""
import sys
from sipalg_wizard.guides import GuideLibrary
from sipalg_wizard.ui.qt import QtWidgets
from sipalg_wizard.ui.pages.fix import FixPage
app = QtWidgets.QApplication(sys.argv)
page = FixPage()
page.show()
guide = GuideLibrary.load().get("netgear")
picture = page._load_picture(guide, 1)
page.picture.setPixmap(page._thumbnail(picture))
shown = page.picture.pixmap()
print(page.devicePixelRatioF(), picture.width(), shown.devicePixelRatio(), shown.width())
"""


def test_at_a_real_2x_scale_factor_the_label_gets_the_sharp_picture():
    """In a process started with QT_SCALE_FACTOR=2, as on a 200 % screen (no monkeypatching)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", SCALED], env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    ratio, source_width, shown_ratio, shown_width = done.stdout.split()
    assert (float(ratio), int(source_width)) == (2.0, 1800)
    assert (float(shown_ratio), int(shown_width)) == (2.0, 2 * PICTURE_WIDTH)
