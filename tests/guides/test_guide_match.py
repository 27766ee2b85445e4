"""Choosing the guide for a router: vendor aliases, product lines, models, strict guides."""

from __future__ import annotations

import pytest

from sipalg_wizard.guides import GuideLibrary, load_builtin, vendor_key
from sipalg_wizard.identify.models import RouterIdentity


@pytest.fixture(scope="module")
def library():
    return GuideLibrary(load_builtin().guides)


@pytest.mark.parametrize(
    ("vendor", "model", "product_line", "expected"),
    [
        ("cisco", None, None, "cisco-ios"),
        ("cisco", "ASA5506-X", None, "cisco-asa"),
        ("Cisco Systems", None, "Firepower", "cisco-asa"),
        ("cisco", "ISR4331", None, "cisco-ios"),
        ("ubiquiti", None, None, "unifi"),
        ("ubiquiti", "ER-X", None, "edgerouter"),
        ("ubiquiti", None, "EdgeRouter", "edgerouter"),
        ("Ubiquiti Networks Inc.", "UDM-Pro", "UniFi", "unifi"),
        ("TP-LINK TECHNOLOGIES CO.,LTD.", "Archer AX55", None, "tp-link"),
        ("NETGEAR", "R7000", None, "netgear"),
        ("AVM GmbH", "FRITZ!Box 7590", None, "avm"),
        ("fortigate", None, None, "fortigate"),
        ("AT&T", "BGW320-500", None, "att"),
        ("Virgin Media", "Hub 5", None, "virgin-media"),
        ("motorola", "SBG6580", None, "arris"),
        ("technicolor", "CGA4131COM", None, "technicolor"),
        ("zyxel", None, None, "zyxel"),
        ("ZyXEL Communications Corp.", "VMG8825-T50", None, "zyxel"),
        ("zyxel", "USG60", None, "zyxel-usg"),
        ("zyxel", None, "USG FLEX", "zyxel-usg"),
        ("d-link", "DIR-842", None, "d-link"),
        ("D-Link Corporation", "DSR-1000AC", None, "d-link-dsr"),
        ("acme networks", None, None, "generic"),
        (None, None, None, "generic"),
        ("", "R7000", None, "generic"),
    ],
)
def test_vendor_and_model_pick_the_right_guide(library, vendor, model, product_line, expected):
    assert library.for_vendor(vendor, model, product_line).id == expected


def test_identity_is_matched(library):
    identity = RouterIdentity(vendor="juniper", model="SRX300", confidence=0.9)
    assert library.for_identity(identity).id == "juniper-srx"
    assert library.for_identity(None).id == "generic"
    assert library.for_identity(RouterIdentity()).id == "generic"


def test_vendor_key_normalises_common_spellings():
    assert vendor_key("D-Link Corporation") == "d-link"
    assert vendor_key("  ASUSTek Computer Inc. ") == "asus"
    assert vendor_key("Zyxel Communications Corp.") == "zyxel"
    assert vendor_key("virgin media") == "virgin-media"
    assert vendor_key(None) == ""


def test_get_returns_guide_by_id(library):
    assert library.get("sonicwall").title.startswith("Turn off SIP Transformations")
    assert library.get("no-such-guide") is None


def test_reference_names_the_guide_for_reports(library):
    ref = library.get("juniper-srx").reference()
    assert ref["id"] == "juniper-srx" and ref["kind"] == "cli" and ref["confidence"] == "verified"
    assert ref["origin"] == "built-in"
    assert all(url.startswith("https://") for url in ref["sources"])
