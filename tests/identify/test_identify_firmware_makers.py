"""OpenWrt and the makers that ship it (GL.iNet, Turris), and model names where ISP gateways and
ONTs put them: fingerprints on realistic pages, then the whole identification against a loopback
HTTP server serving them (the stock start page's meta refresh followed as a browser would)."""

from __future__ import annotations

import pytest

from sipalg_wizard.guides import GuideLibrary
from sipalg_wizard.identify.fingerprints import database
from sipalg_wizard.identify.identify import identify, observation_evidence
from sipalg_wizard.lab.imitation import Page, Profile

HTML = [("Content-Type", "text/html; charset=UTF-8")]

# OpenWrt's stock /www/index.html (luci-base), older form: a *relative* meta refresh.
OPENWRT_START_RELATIVE = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" '
    b'"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">\n'
    b'<head>\n<meta http-equiv="Cache-Control" content="no-cache" />\n'
    b'<meta http-equiv="refresh" content="0; URL=cgi-bin/luci/" />\n</head>\n'
    b'<body style="background-color: white">\n<a style="color: black; font-family: arial, '
    b'helvetica, sans-serif;" href="cgi-bin/luci/">LuCI - Lua Configuration Interface</a>\n'
    b"</body>\n</html>\n")


def luci_login(hostname: str) -> bytes:
    """LuCI's login page (luci-theme-bootstrap header.ut + sysauth.ut): the title is the host
    name alone, the form posts luci_username / luci_password. Served with 403, as LuCI does."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{hostname}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="stylesheet" href="/luci-static/bootstrap/cascade.css">\n'
        '<script src="/cgi-bin/luci/admin/translations/en"></script>\n'
        '<script src="/luci-static/resources/cbi.js"></script>\n</head>\n'
        '<body class="lang_en " data-page="admin">\n<section hidden>\n'
        '<form method="post" class="cbi-map"><div class="cbi-section"><div class="cbi-section-node">'
        '<div class="cbi-value"><label class="cbi-value-title" for="luci_username">Username</label>'
        '<div class="cbi-value-field"><input name="luci_username" id="luci_username" type="text" '
        'autocomplete="username" value="root"></div></div>'
        '<div class="cbi-value"><label class="cbi-value-title" for="luci_password">Password</label>'
        '<div class="cbi-value-field"><input name="luci_password" id="luci_password" '
        'type="password" autocomplete="current-password"></div></div></div></div></form>\n'
        '<hr>\n<button class="btn cbi-button-positive important">Log in</button>\n</section>\n'
        '</body>\n</html>\n').encode()


# A Huawei ONT's login page: the title and a script variable name the model.
HUAWEI_ONT_LOGIN = (
    b'<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; '
    b'charset=utf-8"><title>EG8145V5</title>\n<script language="JavaScript" type="text/javascript">'
    b"\nvar ProductName = 'EG8145V5';\nvar LoginTimes = 0;\n</script></head>\n<body>"
    b'<form name="Login" method="post"><input type="text" id="txt_Username" name="txt_Username">'
    b'<input type="password" id="txt_Password" name="txt_Password" autocomplete="off">'
    b'<input type="button" id="loginbutton" value="Login"></form></body></html>\n')

# A ZTE ONT's login page: the bare model as title, ZTE's login form fields.
ZTE_ONT_LOGIN = (
    b'<!DOCTYPE html><html><head><meta charset="utf-8"><title>F670L</title></head><body>'
    b'<form name="fLogin" method="post"><input type="text" name="Frm_Username" id="Frm_Username">'
    b'<input type="password" name="Frm_Password" id="Frm_Password">'
    b'<input type="hidden" name="Frm_Logintoken" id="Frm_Logintoken" value="1">'
    b'<input type="submit" id="LoginId" value="Login"></form></body></html>')


def _vendors(source: str, text: str):
    return [(m.vendor, m.model, m.product_line) for m in database().classify(source, text)]


@pytest.mark.parametrize(("source", "text", "expected"), [
    ("http_location", "cgi-bin/luci/", ("openwrt", None, None)),  # relative refresh target
    ("html_title", "GL-MT3000", ("openwrt", "GL-MT3000", "GL.iNet")),  # LuCI: host name = model
    ("html_title", "GL-AXT1800 | Status", ("openwrt", "GL-AXT1800", "GL.iNet")),
    ("html_title", "GL.iNet Admin Panel", ("openwrt", None, "GL.iNet")),
    ("oui", "GL Technologies (Hong Kong) Limited", ("openwrt", None, "GL.iNet")),
    ("oui", "CZ.NIC, z.s.p.o.", ("openwrt", None, "Turris")),
    ("html_title", "turris", ("openwrt", None, "Turris")),
    ("html_title", "ZXHN F670L", ("zte", "ZXHN F670L", None)),
    ("html_title", "EG8145V5", ("huawei", "EG8145V5", None)),
])
def test_fingerprints_of_firmware_makers_and_gateway_titles(source, text, expected):
    assert _vendors(source, text)[0] == expected


@pytest.mark.parametrize(("body", "expected"), [
    (luci_login("GL-MT3000").decode(), ("openwrt", None, None)),
    (HUAWEI_ONT_LOGIN.decode(), ("huawei", "EG8145V5", None)),
    (ZTE_ONT_LOGIN.decode(), ("zte", None, None)),
])
def test_login_forms_name_the_firmware_or_model(body, expected):
    assert _vendors("html_body", body)[0] == expected


def test_a_bare_model_title_alone_is_a_weak_hint():
    """"F670L" could be anything's title: alone it must not reach a strong identification."""
    evidence = observation_evidence([_obs("html_title", "F670L")], database())
    assert evidence[0].vendor == "zte" and evidence[0].weight < 0.6


def _obs(source, text):
    from sipalg_wizard.identify.http_banner import Observation

    return Observation(source, text, "http://192.0.2.1/")


# --- end to end: identify() against a loopback HTTP server ---------------------------------------
def _profile(name: str, pages: dict[str, Page]) -> Profile:
    return Profile(name, name, pages)


CASES = {
    # GL.iNet hardware (OUI "GL Technologies") with OpenWrt's stock start page and LuCI
    "glinet-luci": (_profile("glinet-luci", {
        "/": Page(200, "OK", [("Content-Type", "text/html")], OPENWRT_START_RELATIVE),
        "/cgi-bin/luci/": Page(403, "Forbidden", HTML, luci_login("GL-MT3000"))}),
        "GL Technologies (Hong Kong) Limited", ("openwrt", "GL-MT3000", "GL.iNet"), "openwrt"),
    # the same start page and a LuCI whose host name says nothing: still OpenWrt
    "plain-openwrt": (_profile("plain-openwrt", {
        "/": Page(200, "OK", [("Content-Type", "text/html")], OPENWRT_START_RELATIVE),
        "/cgi-bin/luci/": Page(403, "Forbidden", HTML, luci_login("homerouter"))}),
        None, ("openwrt", None, None), "openwrt"),
    # a Turris (CZ.NIC) with LuCI, host name "turris"
    "turris": (_profile("turris", {
        "/": Page(200, "OK", [("Content-Type", "text/html")], OPENWRT_START_RELATIVE),
        "/cgi-bin/luci/": Page(403, "Forbidden", HTML, luci_login("turris"))}),
        "CZ.NIC, z.s.p.o.", ("openwrt", None, "Turris"), "openwrt"),
    "huawei-ont": (_profile("huawei-ont", {"/": Page(200, "OK", HTML, HUAWEI_ONT_LOGIN)}),
                   "Huawei Technologies Co.,Ltd", ("huawei", "EG8145V5", "EchoLife"), "huawei"),
    "zte-ont": (_profile("zte-ont", {"/": Page(200, "OK", HTML, ZTE_ONT_LOGIN)}),
                "zte corporation", ("zte", "F670L", "ZXHN"), "zte"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_identify_end_to_end_on_loopback(imitation, case):
    profile, mac_vendor, expected, guide_id = CASES[case]
    router, sources, network = imitation(profile, mac_vendor=mac_vendor)
    sources.multicast = False
    found = identify(network, 3.0, sources=sources)
    assert (found.vendor, found.model, found.product_line) == expected, found.evidence
    assert found.confidence >= 0.85, found.evidence
    assert GuideLibrary.load().for_identity(found).id == guide_id
    if "luci" in str(profile.pages):
        assert ("http", "/cgi-bin/luci/") in router.requests  # the meta refresh was followed


def test_a_meta_refresh_off_the_gateway_is_not_followed(imitation):
    page = (b'<html><head><meta http-equiv="refresh" content="0; URL=http://198.51.100.77/cgi-bin/'
            b'luci/"></head></html>')
    router, sources, network = imitation(_profile("away", {"/": Page(200, "OK", HTML, page)}))
    sources.multicast = False
    found = identify(network, 2.0, sources=sources)
    assert all(path == "/" for _, path in router.requests if _ == "http")
    refused = [e for e in found.evidence if e.source == "http_location"]
    assert refused and "198.51.100.77" in refused[0].observed
