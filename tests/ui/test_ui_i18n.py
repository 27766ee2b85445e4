"""The translation pipeline: tr() strings -> .ts (lupdate) -> .qm (lrelease) -> the wizard in Spanish."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sipalg_wizard.paths import resource
from sipalg_wizard.ui import i18n
from sipalg_wizard.ui.qt import QtCore, QtWidgets

TS = resource("translations", "sipalg_wizard_es.ts")
QM = resource("translations", "sipalg_wizard_es.qm")
PLACEHOLDER = re.compile(r"\{\w+\}")


@pytest.fixture
def spanish(qapp):
    translators = i18n.install_translators(qapp, "es")
    yield translators
    i18n.remove_translators(qapp, translators)


def test_spanish_changes_the_page_titles_and_buttons(qtbot, make_wizard, network, spanish):
    assert spanish, "the Spanish catalogue should load"
    wizard = make_wizard(lambda: network)
    assert wizard.welcome_page.title() == "Paso 1 de 8: Bienvenido a Acme Call Doctor"
    assert wizard.network_page.title() == "Paso 2 de 8: Su red"
    assert wizard.buttonText(QtWidgets.QWizard.WizardButton.NextButton) == "&Siguiente >"
    with qtbot.waitSignal(wizard.network_page.network_found, timeout=5000):
        wizard.next()
    assert wizard.network_page.status.text().startswith("Hemos encontrado su router.")
    assert [wizard.page(i).title().split(": ", 1)[1] for i in wizard.pageIds()[2:]] == [
        "Su router", "Probar su router", "Lo que encontramos", "Desactivar SIP ALG",
        "Comprobar la soluci\u00f3n", "Su c\u00f3digo de soporte y su informe"]


def test_english_is_the_source_language(make_wizard, network, qapp):
    assert i18n.install_translators(qapp, "en") == []
    wizard = make_wizard(lambda: network)
    assert wizard.welcome_page.title().startswith("Step 1 of 8")


def test_language_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(i18n.ENV_VAR, "es_ES")
    assert i18n.requested_locale().language() == QtCore.QLocale.Language.Spanish
    assert i18n.requested_locale("de").language() == QtCore.QLocale.Language.German


def catalogue() -> list[tuple[str, str, str, bool]]:
    out = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            out.append((name, message.findtext("source"), translation.text or "",
                        translation.get("type") == "unfinished"))
    return out


def test_translations_keep_every_placeholder():
    for _context, source, translation, unfinished in catalogue():
        if translation and not unfinished:
            assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation)), source


def test_the_compiled_qm_matches_the_ts(qapp):
    translator = QtCore.QTranslator()
    assert translator.load(str(QM))
    for context, source, translation, unfinished in catalogue():
        if translation and not unfinished:
            assert translator.translate(context, source) == translation, (
                f"{QM.name} is stale: run resources/translations/update.sh")


def _lupdate() -> Path | None:
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    return exe if exe.exists() else (Path(p) if (p := shutil.which("pyside6-lupdate")) else None)


@pytest.mark.skipif(_lupdate() is None, reason="pyside6-lupdate is not installed")
def test_the_catalogue_lists_every_tr_string(tmp_path):
    """A new tr() string not yet in the .ts would stay English in every language."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in Path(i18n.__file__).parent.rglob("*.py"))
    subprocess.run([str(_lupdate()), *sources, "-ts", str(fresh)], check=True,
                   capture_output=True, timeout=60)
    wanted = {(c.findtext("name"), m.findtext("source"))
              for c in ET.parse(fresh).getroot().iter("context") for m in c.iter("message")}
    have = {(context, source) for context, source, _t, _u in catalogue()}
    assert wanted <= have, (f"not in {TS.name} (run resources/translations/update.sh): "
                            f"{sorted(wanted - have)[:5]}")


def test_core_words_lists_every_customer_sentence_of_the_core():
    from sipalg_wizard.explain import MESSAGES
    from sipalg_wizard.ui.core_words import LABELS, SENTENCES

    wanted = [v for k, v in MESSAGES.items() if not k.startswith("label.")]
    assert list(SENTENCES) == wanted, "run python -m sipalg_wizard.ui.core_words and paste"
    labels = [v for k, v in MESSAGES.items() if k.startswith("label.")]
    assert list(LABELS) == labels, "run python -m sipalg_wizard.ui.core_words --labels and paste"


def test_core_sentences_are_translated_one_by_one(spanish):
    from sipalg_wizard.ui.core_words import translate

    joined = ("Your router rewrites the addresses inside your phone's call set-up messages. "
              "That is why calls may drop after about 30 seconds.")
    assert translate(joined) == (
        "Su router reescribe las direcciones dentro de los mensajes con los que su tel\u00e9fono "
        "inicia las llamadas. Por eso las llamadas pueden cortarse a los 30 segundos m\u00e1s o menos.")
    assert translate("Your router (NETGEAR R7000) is changing your phone's call messages.") == \
        "Su router (NETGEAR R7000) est\u00e1 cambiando los mensajes de llamada de su tel\u00e9fono."
    assert translate("Something the core never said.") == "Something the core never said."


def test_core_sentences_stay_english_without_a_translation(qapp):
    from sipalg_wizard.ui.core_words import translate

    assert translate("Calls drop after about 30 seconds.") == "Calls drop after about 30 seconds."


def test_the_measured_workaround_is_translated_with_its_port(spanish):
    from sipalg_wizard.explain import text
    from sipalg_wizard.ui.core_words import translate

    for key in ("step.workaround.port", "step.workaround.port_tls", "step.workaround.tls"):
        english = text(key, port="5070") if "port" in key else text(key)
        spanish_text = translate(english)
        assert spanish_text != english and "Pida a su proveedor" in spanish_text, key
        assert ("(5070)" in spanish_text) == ("port" in key)


def test_report_labels_translate_with_a_value_of_several_words(spanish):
    from sipalg_wizard.ui.core_words import translate

    verdict = translate("SIP ALG interference detected")
    assert verdict == "Interferencia de SIP ALG detectada"
    assert translate(f"Before: {verdict}") == f"Antes: {verdict}"
    assert translate("Second test 3 min after the first.") == \
        "Segunda prueba 3 min después de la primera."
