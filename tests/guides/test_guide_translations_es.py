"""The Spanish guide texts (``guide.es.toml``) line up with their English guides.

The format (agreed for issue 19): a translation holds only customer-facing words, never structure;
its lists match the English ones one to one (quirks, steps, each step's controls), a warning only
where the English step has one. Router labels are not translated: where the English step text
names a control by its label, the translated text names it with the same words, so the customer
finds on the router (and in the picture) what the sentence says.
"""

from __future__ import annotations

import tomllib

import pytest

from sipalg_wizard.guides import GENERIC_ID, load_builtin
from sipalg_wizard.paths import resource

# The generic guide and the most common vendors (the order of guide-sources.md / VENDORS) must
# have Spanish; any other guide may.
SPANISH_REQUIRED = {
    GENERIC_ID, "tp-link", "netgear", "asus", "linksys", "d-link", "xfinity", "att", "verizon",
    "arris", "huawei", "zte", "avm", "technicolor", "sagemcom", "tenda",
}
TOP_KEYS = {"schema", "lang", "title", "summary", "login_hint", "reboot", "quirks", "steps"}
STEP_KEYS = {"text", "warning", "controls"}
CONTROL_KEYS = {"note"}


@pytest.fixture(scope="module")
def guides():
    return {guide.id: guide for guide in load_builtin().guides}


def translations(language: str) -> list[tuple[str, dict]]:
    folder = resource("guides")
    return [(path.parent.name, tomllib.loads(path.read_text(encoding="utf-8")))
            for path in sorted(folder.glob(f"*/guide.{language}.toml"))]


def test_spanish_exists_for_the_generic_guide_and_the_common_vendors(guides):
    have = {guide_id for guide_id, _ in translations("es")}
    assert have >= SPANISH_REQUIRED, f"missing Spanish: {sorted(SPANISH_REQUIRED - have)}"
    assert have <= set(guides), f"translations without a guide: {sorted(have - set(guides))}"


@pytest.mark.parametrize(("guide_id", "data"), translations("es"),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_spanish_lines_up_with_english(guides, guide_id, data):
    english = guides[guide_id]
    assert data.get("schema") == 1 and data.get("lang") == "es"
    assert set(data) <= TOP_KEYS, f"only words, never structure: {sorted(set(data) - TOP_KEYS)}"
    for key in ("title", "summary", "login_hint", "reboot"):
        if key in data:
            assert isinstance(data[key], str) and data[key].strip(), key
    if "reboot" in data:
        assert "3600" in data["reboot"] or "3600" not in english.reboot
    if "quirks" in data:
        assert len(data["quirks"]) == len(english.quirks), "one quirk per English quirk, same order"
    steps = data.get("steps")
    if steps is None:
        return
    assert len(steps) == len(english.steps), "one step per English step, same order"
    for number, (words, step) in enumerate(zip(steps, english.steps, strict=True), start=1):
        assert set(words) <= STEP_KEYS, f"step {number}: {sorted(set(words) - STEP_KEYS)}"
        assert words.get("text", "x").strip(), f"step {number}: empty text"
        assert "warning" not in words or step.warning, f"step {number}: warning where English has none"
        controls = words.get("controls")
        if controls is not None:
            assert len(controls) == len(step.controls), f"step {number}: one entry per control"
            for entry, control in zip(controls, step.controls, strict=True):
                assert set(entry) <= CONTROL_KEYS, f"step {number}: only the note is translated"
                assert "note" not in entry or control.note, f"step {number}: note where English has none"
        for control in step.controls:
            if control.label in step.text:
                assert control.label in words.get("text", step.text), (
                    f"step {number}: keep the router's label {control.label!r} as it is")


def test_spanish_reads_as_spanish():
    """A cheap guard against a file left in English: common Spanish words appear in every text."""
    markers = (" el ", " la ", " de ", " y ", " su ", " en ", " que ", " los ", " las ", " un ", " una ")
    for guide_id, data in translations("es"):
        texts = [data.get("summary", "")] + [s.get("text", "") for s in data.get("steps", [])]
        for text in filter(None, texts):
            padded = f" {text.lower()} "
            assert any(m in padded for m in markers), f"{guide_id}: {text[:60]!r} does not look Spanish"


def test_built_in_spanish_is_complete(guides):
    """A customer reading Spanish never meets an English sentence in a built-in guide: every text
    the English guide has (a reboot text of its own, quirks, each step, warning and callout) has its
    Spanish. (The format allows partial files, e.g. in an ISP's pack; the built-in ones are whole.)"""
    from sipalg_wizard.guides.model import DEFAULT_REBOOT

    for guide_id, data in translations("es"):
        english = guides[guide_id]
        missing = [key for key in ("title", "summary", "login_hint")
                   if getattr(english, key) and key not in data]
        if english.reboot != DEFAULT_REBOOT and "reboot" not in data:
            missing.append("reboot")
        if english.quirks and "quirks" not in data:
            missing.append("quirks")
        for number, (step, words) in enumerate(zip(english.steps, data.get("steps", []),
                                                   strict=False), start=1):
            if step.warning and "warning" not in words:
                missing.append(f"steps[{number}].warning")
            notes = [entry.get("note") for entry in words.get("controls", [])]
            if any(c.note for c in step.controls) and len([n for n in notes if n]) != len(
                    [c for c in step.controls if c.note]):
                missing.append(f"steps[{number}].controls.note")
        if "steps" not in data:
            missing.append("steps")
        assert not missing, f"{guide_id}: no Spanish for {missing}"
