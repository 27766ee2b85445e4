"""The guide schema: valid data loads, and every mistake is reported with where it is."""

from __future__ import annotations

import contextlib
import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sipalg_wizard.guides import DEFAULT_REBOOT, GuideError, parse_guide
from sipalg_wizard.guides.schema import _TOP_KEYS


def test_minimal_guide_parses_with_defaults(minimal_guide):
    guide = parse_guide(minimal_guide)
    assert guide.id == "acme"
    assert guide.steps[0].picture == "step-1.png"
    assert guide.steps[0].controls[0].change is True
    assert guide.reboot == DEFAULT_REBOOT and "3600" in guide.reboot
    assert guide.look.layout == "left"
    assert guide.confidence_notice  # unverified guides must say so


def test_every_error_is_collected_with_its_path(minimal_guide):
    bad = copy.deepcopy(minimal_guide)
    bad["kind"] = "magic"
    bad["colour"] = "red"  # unknown key
    bad["steps"][0]["controls"][0]["set"] = "yes"
    bad["steps"][0]["text"] = ""
    bad["look"]["header"] = "blue"
    with pytest.raises(GuideError) as info:
        parse_guide(bad, where="acme/guide.toml")
    errors = "\n".join(info.value.errors)
    assert "kind: 'magic' is not one of" in errors
    assert "colour: unknown key" in errors
    assert "steps[0].controls[0].set: 'yes' is not one of ticked, unticked" in errors
    assert "steps[0].text: must not be empty" in errors
    assert "look.header: 'blue' is not a #rrggbb colour" in errors
    assert str(info.value).startswith("acme/guide.toml: ")


def test_verified_needs_a_vendor_source(minimal_guide):
    data = dict(minimal_guide, confidence="verified",
                sources=[{"title": "a forum", "url": "https://example.org/x", "kind": "community"}])
    with pytest.raises(GuideError, match="needs at least one source of kind 'vendor'"):
        parse_guide(data)
    data["sources"][0]["kind"] = "vendor"
    assert parse_guide(data).confidence_notice == ""


def test_community_guide_must_name_sources(minimal_guide):
    with pytest.raises(GuideError, match="must name its sources"):
        parse_guide(dict(minimal_guide, confidence="community"))


def test_dropdown_state_must_be_one_of_its_options(minimal_guide):
    minimal_guide["steps"][0]["controls"] = [
        {"label": "SIP Passthrough", "type": "dropdown", "set": "Off", "options": ["Enable", "Disable"]}
    ]
    with pytest.raises(GuideError, match="not among the options"):
        parse_guide(minimal_guide)


def test_cli_step_needs_commands(minimal_guide):
    minimal_guide["kind"] = "cli"
    minimal_guide["steps"] = [{"text": "Type something."}]
    with pytest.raises(GuideError, match="a CLI step needs commands"):
        parse_guide(minimal_guide)


def test_strict_guide_must_say_what_it_is_strict_about(minimal_guide):
    with pytest.raises(GuideError, match="strict guide must list"):
        parse_guide(dict(minimal_guide, strict=True))


@pytest.mark.parametrize("picture", ["../escape.png", "step 1.png", "step-1.jpg", "/abs.png"])
def test_picture_must_be_a_plain_png_name(minimal_guide, picture):
    minimal_guide["steps"][0]["picture"] = picture
    with pytest.raises(GuideError, match="plain file name"):
        parse_guide(minimal_guide)


def test_wrong_types_are_reported_not_crashed_on(minimal_guide):
    minimal_guide["vendors"] = "netgear"
    minimal_guide["steps"] = {"text": "x"}
    minimal_guide["look"] = "ACME"
    with pytest.raises(GuideError) as info:
        parse_guide(minimal_guide)
    errors = "\n".join(info.value.errors)
    assert "vendors: must be a list" in errors
    assert "steps: must be a list of tables" in errors
    assert "look: is required" in errors


_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda children: (st.lists(children, max_size=3)
                      | st.dictionaries(st.text(max_size=8), children, max_size=3)),
    max_leaves=12,
)


@given(st.dictionaries(st.sampled_from([*sorted(_TOP_KEYS), "junk"]), _values, max_size=8))
@settings(max_examples=200, deadline=None)
def test_arbitrary_data_only_ever_raises_guide_error(data):
    """Guide packs come from third parties: any shape of data is a GuideError, never a crash."""
    with contextlib.suppress(GuideError):
        parse_guide(data)


@given(st.fixed_dictionaries({"steps": st.lists(st.dictionaries(
    st.sampled_from(["text", "menu_path", "controls", "commands", "picture", "context"]),
    _values, max_size=5), max_size=3)}))
@settings(max_examples=200, deadline=None)
def test_arbitrary_steps_only_ever_raise_guide_error(data):
    with contextlib.suppress(GuideError):
        parse_guide(data)
