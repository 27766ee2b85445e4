"""Every built-in guide validates, has a valid picture for every step, and says what it must."""

from __future__ import annotations

import struct

import pytest

from sipalg_wizard.guides import GENERIC_ID, GuideLibrary, load_builtin
from sipalg_wizard.supportcode import VENDORS

MAX_PICTURE_BYTES = 40 * 1024
REQUIRED = {
    "netgear", "tp-link", "asus", "linksys", "d-link", "zyxel", "draytek", "avm", "unifi",
    "edgerouter", "mikrotik", "cisco-ios", "cisco-asa", "fortigate", "juniper-srx", "sonicwall",
    "watchguard", "sophos", "pfsense", "opnsense", "openwrt", "huawei", "zte", "technicolor",
    "sagemcom", "arris", "xfinity", "att", "verizon", "bt", "virgin-media", "calix", "grandstream",
    "tenda", "eero", "google", GENERIC_ID,
}


@pytest.fixture(scope="module")
def builtin():
    return load_builtin()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG signature"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_all_builtin_guides_load_without_problems(builtin):
    assert builtin.problems == []
    ids = {g.id for g in builtin.guides}
    assert len(ids) == len(builtin.guides), "duplicate guide ids"
    assert len(ids) >= 30
    assert ids >= REQUIRED, f"missing: {sorted(REQUIRED - ids)}"


def test_every_step_has_a_small_valid_picture_of_the_expected_size(builtin):
    for guide in builtin.guides:
        for index, _step in enumerate(guide.steps):
            path = guide.picture_path(index)
            data = path.read_bytes()
            assert png_size(data) == (900, 560), path
            assert len(data) < MAX_PICTURE_BYTES, f"{path} is {len(data)} bytes"
            assert data[25] == 3, f"{path} is not a palette PNG"  # IHDR colour type 3


def test_vendor_keys_are_supportcode_keys(builtin):
    for guide in builtin.guides:
        unknown = set(guide.vendors) - set(VENDORS)
        assert not unknown, f"{guide.id}: vendor keys not in supportcode.VENDORS: {unknown}"


def test_every_vendor_resolves_to_its_guide_or_explicitly_to_generic(builtin):
    library = GuideLibrary(builtin.guides)
    for vendor in VENDORS:
        guide = library.for_vendor(vendor)
        assert guide is not None
        assert vendor in guide.vendors, f"{vendor} falls back to {guide.id} without being listed there"


def test_kinds_and_commands(builtin):
    by_id = {g.id: g for g in builtin.guides}
    for guide_id in ("edgerouter", "mikrotik", "cisco-ios", "cisco-asa", "fortigate", "juniper-srx"):
        guide = by_id[guide_id]
        assert guide.kind == "cli"
        assert all(step.commands for step in guide.steps), guide_id
    assert by_id["pfsense"].kind == by_id["opnsense"].kind == "nothing_to_disable"
    assert by_id["att"].kind == by_id["xfinity"].kind == "cannot_disable"
    assert "set security alg sip disable" in by_id["juniper-srx"].steps[0].commands
    assert "no ip nat service sip udp port 5060" in by_id["cisco-ios"].steps[0].commands
    assert "/ip firewall service-port disable sip" in by_id["mikrotik"].steps[0].commands
    assert "set system conntrack modules sip disable" in by_id["edgerouter"].steps[1].commands
    assert "IP Passthrough" in by_id["att"].summary
    assert "Bridge Mode" in by_id["xfinity"].summary or "bridge" in by_id["xfinity"].summary.lower()


def test_netgear_inverted_box_is_unmistakable(builtin):
    netgear = next(g for g in builtin.guides if g.id == "netgear")
    (control,) = [c for s in netgear.steps for c in s.controls]
    assert (control.label, control.type, control.set) == ("Disable SIP ALG", "checkbox", "ticked")
    assert "TICK" in control.note and "OFF" in control.note
    step = next(s for s in netgear.steps if s.controls)
    assert "TICK" in step.text and "inverted" in step.warning.lower()


def test_sonicwall_boxes_go_in_opposite_directions(builtin):
    sonicwall = next(g for g in builtin.guides if g.id == "sonicwall")
    controls = {c.label: c for s in sonicwall.steps for c in s.controls}
    assert controls["Enable SIP Transformations"].set == "unticked"
    assert controls["Enable Consistent NAT"].set == "ticked"
    assert "UNTICK" in controls["Enable SIP Transformations"].note
    assert "TICK" in controls["Enable Consistent NAT"].note
    assert "opposite" in sonicwall.summary


def test_generic_guide_names_every_label_and_place(builtin):
    generic = next(g for g in builtin.guides if g.id == GENERIC_ID)
    for label in ("SIP ALG", "SIP Passthrough", "SIP Helper", "SIP Transformations", "VoIP ALG",
                  "Application Level Gateway"):
        assert label in generic.labels
        assert label in " ".join(s.text for s in generic.steps)
    places = " ".join(c for s in generic.steps for c in s.context)
    for place in ("WAN", "NAT", "Firewall", "Security"):
        assert place in places
    assert "bridge mode" in generic.summary and "provider" in generic.summary


def test_confidence_and_reboot_are_always_said(builtin):
    confidences = {g.confidence for g in builtin.guides}
    assert {"verified", "community", "unverified"} <= confidences
    for guide in builtin.guides:
        assert guide.reboot.strip()
        if guide.confidence == "unverified":
            assert "could not confirm" in guide.confidence_notice
        if guide.confidence == "verified":
            assert any(s.kind == "vendor" for s in guide.sources)
        for source in guide.sources:
            assert source.url.startswith(("https://", "http://"))
    rebooting = [g for g in builtin.guides if g.kind in ("gui", "cli")]
    assert sum("3600" in g.reboot for g in rebooting) >= len(rebooting) - 2
