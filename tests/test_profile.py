"""The profile: the bundled default loads, and the SIP server setting is validated."""

from __future__ import annotations

import pytest

from sipalg_wizard.profile import Profile, ProfileError, load_profile


def write(tmp_path, text: str):
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_default_profile_has_no_sip_server(tmp_path):
    profile = load_profile(write(tmp_path, ""))
    assert profile.sip_server == "" and Profile().sip_server == ""
    assert profile.reflectors == [] and profile.product_name == "SIP ALG Wizard"


@pytest.mark.parametrize("value", ["sip.example.net", "sip.example.net:5080", "192.0.2.5",
                                   "[2001:db8::5]:5060", "  sip.example.net  "])
def test_sip_server_accepts_host_and_port(tmp_path, value):
    profile = load_profile(write(tmp_path, f'sip_server = "{value}"\n'))
    assert profile.sip_server == value.strip()
    assert profile.source.endswith("profile.toml")


@pytest.mark.parametrize("text", ['sip_server = "sip example net"', 'sip_server = "host:99999"',
                                  'sip_server = "[2001:db8::5"', "sip_server = 5060",
                                  'sip_server = ["a", "b"]'])
def test_sip_server_rejects_bad_values_and_names_the_key(tmp_path, text):
    with pytest.raises(ProfileError, match="sip_server"):
        load_profile(write(tmp_path, text + "\n"))


def test_empty_sip_server_means_none(tmp_path):
    assert load_profile(write(tmp_path, 'sip_server = "   "\n')).sip_server == ""
