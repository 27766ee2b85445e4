"""The fingerprint database: it loads, it covers the vendors we have guides for, and its rules
say what real routers' banners mean."""

from __future__ import annotations

import pytest

from sipalg_wizard.diagnosis import supportcode
from sipalg_wizard.identify.fingerprints import FingerprintError, database, parse

# Every vendor the issue asks for, by our key.
REQUIRED = [
    "netgear", "tp-link", "asus", "linksys", "d-link", "zyxel", "draytek", "avm", "ubiquiti",
    "unifi", "edgerouter", "mikrotik", "cisco", "meraki", "fortinet", "juniper", "sonicwall",
    "watchguard", "sophos", "pfsense", "opnsense", "openwrt", "huawei", "zte", "sagemcom",
    "technicolor", "arris", "motorola", "xfinity", "att", "verizon", "bt", "virgin-media", "sky",
    "calix", "eero", "google", "synology", "tenda", "belkin", "actiontec", "arcadyan", "askey",
    "sercomm", "vodafone", "telekom", "orange", "free", "grandstream", "peplink",
]


def test_database_loads_and_covers_every_required_vendor():
    db = database()
    missing = [key for key in REQUIRED if key not in db.vendors]
    assert not missing
    assert all(any(r.vendor == key for r in db.rules) for key in REQUIRED)


def test_vendor_keys_follow_the_support_code_list():
    db = database()
    known = set(supportcode.VENDORS)
    # every required vendor has a support-code index, so the agent can decode it
    assert [k for k in REQUIRED if k not in known] == []
    for key, vendor in db.vendors.items():
        assert key == key.lower() and " " not in key
        if vendor.parent:
            assert vendor.parent in db.vendors


@pytest.mark.parametrize("key", ["sagemcom", "arcadyan", "askey", "sercomm", "technicolor",
                                 "actiontec"])
def test_factories_are_marked_odm(key):
    assert database().is_odm(key)


@pytest.mark.parametrize(("source", "text", "vendor", "model"), [
    ("http_realm", "NETGEAR R7000", "netgear", "R7000"),
    ("http_realm", "NETGEAR Orbi-mini", "netgear", "Orbi-mini"),
    ("html_title", "NETGEAR Router RAX50", "netgear", "RAX50"),
    ("http_location", "http://www.routerlogin.net/", "netgear", None),
    ("http_realm", "TP-LINK Wireless N Router WR841N", "tp-link", "WR841N"),
    ("html_title", "Archer AX55", "tp-link", "Archer AX55"),
    ("http_server", "ipos/7.0 UPnP/1.0 TL-WR940N/1.0", "tp-link", "TL-WR940N"),
    ("http_server", "AsusWRT/386.7 UPnP/1.1 MiniUPnPd/2.2.0", "asus", None),
    ("html_title", "ASUS Wireless Router RT-AX88U - Login", "asus", "RT-AX88U"),
    ("http_realm", "WRT54GL", "linksys", "WRT54GL"),
    ("html_title", "Linksys Smart Wi-Fi", "linksys", None),
    ("http_server", "Linux, HTTP/1.1, DIR-882 Ver 1.30", "d-link", "DIR-882"),
    ("tls_subject", "CN=usg60_5CF4AB615FAC", "zyxel", "usg60"),
    ("html_title", "Zyxel VMG8825-T50", "zyxel", "VMG8825-T50"),
    ("http_server", "DrayTek/Vigor2865 UPnP/1.0 miniupnpd/1.0", "draytek", "Vigor2865"),
    ("html_title", "FRITZ!Box 7530 AX", "avm", "FRITZ!Box 7530 AX"),
    ("upnp_manufacturer", "AVM Berlin", "avm", None),
    ("tls_subject", "CN=UBNT Router UI,O=Ubiquiti Networks,L=San Jose,ST=CA,C=US", "edgerouter",
     None),
    ("html_title", "UniFi Dream Machine Pro", "unifi", "Dream Machine Pro"),
    ("html_title", "RouterOS router configuration page", "mikrotik", None),
    ("http_server", "cisco-IOS", "cisco", None),
    ("tls_subject", "CN=c0:ff:ee:00:00:01,OU=RV340,O=Cisco Systems\\, Inc.,C=US", "cisco", "RV340"),
    ("html_title", "Meraki MX68 local status", "meraki", "MX68"),
    ("tls_subject", "CN=FGT60F0000000000,OU=FortiGate,O=Fortinet,L=Sunnyvale,C=US", "fortinet",
     "FGT60F"),
    ("http_server", "xxxxxxxx-xxxxx", "fortinet", None),
    ("html_title", "Log In - Juniper Web Device Manager", "juniper", None),
    ("http_server", "SonicWALL", "sonicwall", None),
    ("tls_subject", "CN=Fireware web CA,OU=Fireware,O=WatchGuard", "watchguard", None),
    ("tls_subject", "CN=SophosApplianceCertificate_C0000000,OU=OU,O=Sophos", "sophos", None),
    ("html_title", "pfSense - Login", "pfsense", None),
    ("tls_subject", "O=OPNsense,L=Middelharnis,ST=Zuid-Holland,C=NL", "opnsense", None),
    ("html_title", "OpenWrt - LuCI", "openwrt", None),
    ("html_body", '<a href="/cgi-bin/luci">LuCI</a>', "openwrt", None),
    ("html_title", "DD-WRT (build 50000) - Info", "dd-wrt", None),
    ("http_realm", "HuaweiHomeGateway", "huawei", None),
    ("http_realm", "ZXHN H267A", "zte", "ZXHN H267A"),
    ("upnp_manufacturer", "Sagemcom", "sagemcom", None),
    ("http_realm", "SpeedTouch", "technicolor", None),
    ("http_server", "NET-DK/1.0", "arris", None),
    ("html_title", "Motorola Cable Modem MB8600", "motorola", "MB8600"),
    ("http_server", "Xfinity Broadband Router Server", "xfinity", None),
    ("html_title", "BGW320-505 Device Status", "att", "BGW320-505"),
    ("html_title", "Verizon Router CR1000A", "verizon", "CR1000A"),
    ("html_title", "BT Smart Hub 2", "bt", "Smart Hub 2"),
    ("html_title", "Virgin Media Hub 3", "virgin-media", "Hub 3"),
    ("html_title", "Sky Hub", "sky", "Hub"),
    ("html_title", "Calix GigaSpire", "calix", None),
    ("upnp_manufacturer", "eero inc.", "eero", None),
    ("html_title", "Google Wifi", "google", None),
    ("html_title", "Synology Router - RT6600ax", "synology", None),
    ("html_title", "Tenda Wi-Fi", "tenda", None),
    ("html_title", "Belkin Router Setup", "belkin", None),
    ("upnp_manufacturer", "Actiontec Electronics, Inc.", "actiontec", None),
    ("upnp_manufacturer", "Arcadyan Corporation", "arcadyan", None),
    ("upnp_manufacturer", "ASKEY COMPUTER CORP", "askey", None),
    ("http_realm", "SERCOMM CPE Authentication", "sercomm", None),
    ("html_title", "Vodafone Station", "vodafone", "Station"),
    ("html_title", "Speedport Smart 4", "telekom", "Smart 4"),
    ("http_location", "http://speedport.ip/", "telekom", None),
    ("html_title", "Livebox 6", "orange", "6"),
    ("http_server", "FbxWSD/1.0", "free", None),
    ("html_title", "Grandstream GWN7062", "grandstream", "GWN7062"),
    ("html_title", "Peplink Balance 20X", "peplink", None),
])
def test_rules_name_vendor_and_model(source, text, vendor, model):
    match = database().best(source, text)
    assert match is not None, f"no rule for {text!r}"
    assert match.vendor == vendor
    if model is not None:
        assert match.model == model


@pytest.mark.parametrize(("organisation", "vendor", "odm"), [
    ("NETGEAR", "netgear", False),
    ("TP-LINK TECHNOLOGIES CO.,LTD.", "tp-link", False),
    ("AVM Audiovisuelles Marketing und Computersysteme GmbH", "avm", False),
    ("Routerboard.com", "mikrotik", False),
    ("Cisco Meraki", "meraki", False),
    ("Sagemcom Broadband SAS", "sagemcom", True),
    ("Arcadyan Corporation", "arcadyan", True),
    ("ASKEY COMPUTER CORP", "askey", True),
    ("Sercomm Corporation.", "sercomm", True),
    ("Technicolor CH USA Inc for Telus", "technicolor", True),
    ("Vantiva USA LLC", "technicolor", True),
    ("eero inc.", "eero", False),
])
def test_oui_organisations(organisation, vendor, odm):
    match = database().best("oui", organisation)
    assert match is not None and match.vendor == vendor and match.odm is odm


@pytest.mark.parametrize("organisation", ["PACE Telematics GmbH", "Apple, Inc.",
                                          "Intel Corporate", "Shenzhen Orange Digital Technology"])
def test_unrelated_organisations_name_no_router_vendor(organisation):
    assert database().best("oui", organisation) is None


@pytest.mark.parametrize("text", [
    "Apache/2.4.57 (Debian)", "nginx", "lighttpd/1.4.59", "Microsoft-IIS/10.0", "401 Unauthorized",
    "Remote UI: Login: MF632C/634C",
])
def test_generic_banners_name_nobody(text):
    db = database()
    for source in ("http_server", "html_title", "http_realm"):
        assert db.best(source, text) is None


def test_model_rules_give_product_lines():
    db = database()
    assert db.product_line("netgear", "R7000") == "Nighthawk"
    assert db.product_line("netgear", "RBR50") == "Orbi"
    assert db.product_line("tp-link", "Archer C7") == "Archer"
    assert db.product_line("cisco", "RV340") == "Small Business RV"
    assert db.family("unifi") == "ubiquiti" and db.family("netgear") == "netgear"


@pytest.mark.parametrize("text", [
    "[[vendor]]\nkey = 'x'\n[[vendor.rule]]\nsource = 'nowhere'\npattern = 'a'\n",
    "[[vendor]]\nkey = 'x'\n[[vendor.rule]]\nsource = 'html_title'\npattern = '(unclosed'\n",
    "[[vendor]]\nkey = 'x'\n[[vendor.rule]]\nsource = 'html_title'\npattern = 'a'\nweight = 2\n",
    "[[vendor]]\nkey = 'X'\n",
    "[[vendor]]\nkey = 'x'\n[[vendor.rule]]\nsource = 'html_title'\npattern = 'a'\ntypo = 1\n",
    "not toml at all = = =",
])
def test_malformed_rules_are_rejected_with_a_reason(text):
    with pytest.raises(FingerprintError):
        parse(text, "test.toml")


@pytest.mark.parametrize(("pattern", "text"), [
    (r"\brouterlogin\.(?:net|com)\b", "see http://www.RouterLogin.net/ for help"),
    (r"/cgi-bin/luci\b|\bluci-static/", '<link href="/luci-static/bootstrap/x.css">'),
    (r"\bAT&amp;T\b|\bAT&T\b|\batt\.com\b", "AT&amp;T Inc."),
    (r"\bcolou?r\b", "color"),
    (r"\bBT Smart Hub\b", "bt smart hub"),
])
def test_needles_are_necessary_for_a_match(pattern, text):
    import re

    from sipalg_wizard.identify.fingerprints import needles

    assert re.search(pattern, text, re.IGNORECASE)
    found = needles(pattern)
    assert found is None or any(n in text.lower() for n in found)


def test_every_body_rule_has_a_prefilter_and_a_big_page_scans_fast():
    import time

    db = database()
    assert all(rule.needles for rule in db.rules_for("html_body"))
    page = "<script src=/luci-static/x.js>" + 'word <a href="/x/y">link</a> ' * 3000
    started = time.perf_counter()
    matches = db.classify("html_body", page)
    assert [m.vendor for m in matches] == ["openwrt"]
    assert time.perf_counter() - started < 0.5
