"""Guide translations (``guide.<lang>.toml``): loading, validation, fallback, language choice."""

from __future__ import annotations

import pytest

from sipalg_wizard.guides import GuideLibrary, language_candidates, load_guide
from sipalg_wizard.guides.loader import load_pack, translation_files
from sipalg_wizard.guides.model import DEFAULT_REBOOT, guide_phrase
from sipalg_wizard.paths import resource

TP_LINK_ES = """schema = 1
lang = "es"
title = "Desactivar SIP ALG en un router TP-Link"
[[steps]]
text = "Uno"
[[steps]]
text = "Dos"
  [[steps.controls]]
  note = "DESMARQUE"
"""


def test_every_builtin_translation_loads_and_validates():
    """Each guide.<lang>.toml in the built-in folder fits its English guide (counts, keys)."""
    library = GuideLibrary.load(packs_dir=resource("guides") / "no-such-dir")
    assert [str(p) for p in library.problems] == []
    files = [(lang, path) for g in library.guides for lang, path in translation_files(g.directory)]
    assert files, "no translation files at all"
    for lang, path in files:
        guide = next(g for g in library.guides if g.directory == path.parent)
        assert lang in guide.translations, path


def test_spanish_is_complete_for_the_generic_guide():
    guide = GuideLibrary.load().get("generic")
    es = guide.localized("es")
    assert es.language == "es" and guide.language == "en"
    assert es.title != guide.title and es.summary != guide.summary
    assert all(a.text != b.text for a, b in zip(es.steps, guide.steps, strict=True))
    assert es.reboot == guide_phrase("reboot", "es") != DEFAULT_REBOOT
    assert es.confidence_notice != guide.confidence_notice
    # structure and router labels stay English, as the router (and the picture) shows them
    assert [s.menu_path for s in es.steps] == [s.menu_path for s in guide.steps]
    assert [c.label for s in es.steps for c in s.controls] == \
        [c.label for s in guide.steps for c in s.controls]
    assert es.picture_path(0) == guide.picture_path(0)


@pytest.mark.parametrize(("preferences", "expected"), [
    (["es-MX", "en"], "es"), ("es_ES.UTF-8", "es"), (["de", "es"], "es"), (["en-US", "es"], "en"),
    (["fr"], "en"), ([], "en"), (None, "en"), (["C"], "en"),
])
def test_language_preference_with_english_fallback(preferences, expected):
    guide = GuideLibrary.load().get("tp-link")
    assert guide.localized(preferences).language == expected


def test_language_candidates():
    assert language_candidates(["es-MX", "pt_BR.UTF-8", "es"]) == ["es-mx", "es", "pt-br", "pt"]


def _write(folder, text, lang="es"):
    (folder / f"guide.{lang}.toml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("text", "message"), [
    (TP_LINK_ES.replace('[[steps]]\ntext = "Dos"', ""), "has 1 [[steps]], the English guide 2"),
    (TP_LINK_ES + '[[steps]]\ntext = "Tres"\n', "has 3 [[steps]]"),
    (TP_LINK_ES.replace('  note = "DESMARQUE"', '  note = "x"\n  [[steps.controls]]\n  note = "y"'),
     "controls: has 2 entries"),
    (TP_LINK_ES.replace('text = "Uno"', 'text = "Uno"\nwarning = "Cuidado"'), "has no warning"),
    (TP_LINK_ES.replace('  note = "DESMARQUE"', '  label = "SIP"'), "router labels are not translated"),
    (TP_LINK_ES.replace('title =', 'quirks = ["uno"]\ntitle ='), "quirks: has 1 entries"),
    (TP_LINK_ES.replace('lang = "es"', 'lang = "fr"'), "does not match"),
    ("not toml [", "not valid TOML"),
])
def test_a_wrong_translation_is_reported_and_english_still_works(tmp_path, copy_guide, text, message):
    folder = copy_guide("tp-link", tmp_path)
    _write(folder, text)
    problems = []
    guide = load_guide(folder, problems=problems)
    assert "es" not in guide.translations
    assert len(problems) == 1 and message in str(problems[0]), problems
    assert "translation ignored" in str(problems[0])
    assert guide.localized("es").language == "en" and guide.localized("es").title == guide.title


def test_a_partial_translation_falls_back_to_english_text_by_text(tmp_path, copy_guide):
    folder = copy_guide("tp-link", tmp_path)
    _write(folder, 'schema = 1\nlang = "es"\nsummary = "Resumen"\n')
    guide = load_guide(folder)
    es = guide.localized("es")
    assert (es.language, es.summary, es.title, es.steps) == ("es", "Resumen", guide.title, guide.steps)


def test_bad_language_file_names_are_reported(tmp_path, copy_guide):
    folder = copy_guide("tp-link", tmp_path)
    _write(folder, 'schema = 1\nlang = "en"\n', lang="en")
    _write(folder, 'schema = 1\nlang = "x"\n', lang="toolonglanguage")  # not even a candidate name
    problems = []
    guide = load_guide(folder, problems=problems)
    assert set(guide.translations) == {"es"}  # the copied Spanish file; no "en"
    assert len(problems) == 1 and "English is guide.toml itself" in str(problems[0])


def test_a_pack_with_a_broken_translation_still_loads(tmp_path, copy_guide):
    pack = tmp_path / "isp"
    folder = copy_guide("tp-link", pack, new_id="isp-box")
    _write(folder, "schema = 1\nlang = \"es\"\n[[steps]]\ntext = \"Solo uno\"\n")
    copy_guide("generic", pack, new_id="isp-other")
    loaded = load_pack(pack)
    assert {g.id for g in loaded.guides} == {"isp-box", "isp-other"}
    assert len(loaded.problems) == 1 and "translation ignored" in str(loaded.problems[0])
    other = next(g for g in loaded.guides if g.id == "isp-other")
    assert other.localized("es").language == "es"  # its copied Spanish file still fits


def test_library_for_identity_in_a_language():
    from sipalg_wizard.identify.models import RouterIdentity

    library = GuideLibrary.load()
    assert "es" in library.languages()
    guide = library.for_identity(RouterIdentity("tp-link", None, None, 0.9), ["es"])
    assert guide.id == "tp-link" and guide.language == "es"
    assert library.for_identity(None, "es").language == "es"


def test_the_wizard_logs_a_translation_it_ignores(tmp_path, copy_guide, monkeypatch, caplog):
    """The customer sees English; support finds why in the log ("Copy details")."""
    from sipalg_wizard.guides import loader
    from sipalg_wizard.ui.core import real_guides

    pack = tmp_path / "packs" / "isp"
    folder = copy_guide("tp-link", pack, new_id="isp-box")
    _write(folder, "schema = 1\nlang = \"es\"\n[[steps]]\ntext = \"Solo uno\"\n")
    monkeypatch.setattr(loader, "user_packs_dir", lambda: tmp_path / "packs")
    library = real_guides([])
    assert library.get("isp-box").localized("es").language == "en"
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "translation ignored" in warnings[0].getMessage()
