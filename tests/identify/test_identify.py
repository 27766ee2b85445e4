"""identify(): every source at once, within the time bound, with explicit conflict resolution."""

from __future__ import annotations

import threading
import time

import pytest

from sipalg_wizard.identify import http_banner
from sipalg_wizard.identify.fingerprints import database
from sipalg_wizard.identify.identify import combine, describe, identify
from sipalg_wizard.identify.models import Evidence, RouterIdentity
from sipalg_wizard.lab.imitation import PROFILES, _gzip_bomb
from sipalg_wizard.net.models import MacVendor, NetworkInfo

TIMEOUT = 3.0
SLACK = 0.5  # thread scheduling on a loaded 2-core machine; the bound itself is TIMEOUT

REAL = [name for name, p in PROFILES.items() if p.behaviour is None]
HOSTILE = [name for name, p in PROFILES.items() if p.behaviour is not None]


# -- combination (no network) ------------------------------------------------------------------

def _ev(source, vendor, weight, model=None, product_line=None, observed="x"):
    return Evidence(source, observed, vendor, model, product_line, weight)


def test_a_banner_naming_a_brand_beats_an_odm_oui():
    db = database()
    oui = _ev("oui", "arcadyan", 0.35, product_line="ISP gateway made by Arcadyan",
              observed="Arcadyan Corporation")
    title = _ev("html_title", "bt", 0.95, "Smart Hub 2", "BT Hub", "BT Smart Hub 2")
    result = combine([oui, title], db)
    assert (result.vendor, result.model) == ("bt", "Smart Hub 2")
    assert result.confidence >= 0.9  # a factory OUI is not a conflict
    explained = next(e for e in result.evidence if e.source == "oui")
    assert "Arcadyan built the gateway" in explained.note


def test_an_odm_oui_alone_says_isp_gateway_with_low_confidence():
    result = combine([_ev("oui", "sagemcom", 0.35, product_line="ISP gateway made by Sagemcom")],
                     database())
    assert result.vendor == "sagemcom" and result.product_line == "ISP gateway made by Sagemcom"
    assert result.confidence <= 0.4


def test_a_retail_oui_alone_is_a_moderate_answer():
    result = combine([_ev("oui", "netgear", 0.6)], database())
    assert result.vendor == "netgear" and 0.5 <= result.confidence <= 0.7


def test_agreeing_sources_raise_confidence_and_a_conflicting_retail_oui_lowers_it():
    db = database()
    realm = _ev("http_realm", "netgear", 0.95, "R7000")
    agree = combine([realm, _ev("oui", "netgear", 0.6)], db)
    conflict = combine([realm, _ev("oui", "tp-link", 0.6)], db)
    assert agree.vendor == conflict.vendor == "netgear"
    assert agree.confidence > conflict.confidence
    assert "conflict" in next(e for e in conflict.evidence if e.source == "oui").note


def test_replacement_firmware_beats_the_hardware_maker():
    db = database()
    result = combine([_ev("oui", "netgear", 0.6), _ev("html_title", "openwrt", 0.9),
                      _ev("upnp_manufacturer", "netgear", 0.9)], db)
    assert result.vendor == "openwrt"
    notes = " ".join(e.note or "" for e in result.evidence)
    assert "is what runs it" in notes


def test_two_brands_from_the_router_itself_lower_confidence():
    result = combine([_ev("html_title", "netgear", 0.9), _ev("http_server", "d-link", 0.85)],
                     database())
    assert result.vendor == "netgear" and result.confidence < 0.6
    assert any("outweighed by NETGEAR" in (e.note or "") for e in result.evidence)


def test_the_most_specific_vendor_of_a_family_is_named():
    result = combine([_ev("oui", "ubiquiti", 0.65),
                      _ev("html_title", "unifi", 0.95, "Dream Machine Pro", "UniFi gateway")],
                     database())
    assert result.vendor == "unifi" and result.model == "Dream Machine Pro"


def test_nothing_known_is_unknown():
    assert combine([], database()) == RouterIdentity()
    result = combine([Evidence("http_server", "lighttpd")], database())
    assert result.vendor is None and result.confidence == 0.0


def test_locally_administered_mac_is_no_evidence():
    network = NetworkInfo(mac=MacVendor("02:00:00:00:00:01", None, locally_administered=True))
    result = identify(network, timeout=0.5)
    assert result.vendor is None and result.evidence[0].source == "oui"


def test_describe():
    assert describe(RouterIdentity("netgear", "R7000", "Nighthawk")) == "NETGEAR Nighthawk R7000"
    assert describe(RouterIdentity("avm", "FRITZ!Box 7590", "FRITZ!Box")) == "AVM FRITZ!Box 7590"
    assert describe(RouterIdentity("tp-link", "Archer C7", "Archer")) == "TP-Link Archer C7"
    assert describe(RouterIdentity()) == "an unknown router"


# -- against imitation routers on loopback --------------------------------------------------

@pytest.mark.parametrize("name", REAL)
def test_imitation_routers_are_identified(imitation, name):
    profile = PROFILES[name]
    _, sources, network = imitation(name)
    started = time.monotonic()
    result = identify(network, TIMEOUT, sources=sources)
    elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT + SLACK
    assert result.vendor == profile.expected_vendor, result.evidence
    assert result.model == profile.expected_model
    assert result.confidence >= 0.8
    assert all(e.observed for e in result.evidence)


def test_netgear_with_its_oui_names_nighthawk(imitation):
    _, sources, network = imitation("netgear-r7000", mac_vendor="NETGEAR")
    result = identify(network, TIMEOUT, sources=sources)
    assert describe(result) == "NETGEAR Nighthawk R7000"
    assert result.confidence == 1.0
    assert {e.source for e in result.evidence if e.vendor == "netgear"} >= {
        "oui", "http_realm", "tls_subject", "upnp_manufacturer"}


def test_isp_gateway_on_an_odm_oui_is_the_isp_brand(imitation):
    _, sources, network = imitation("bt-smart-hub", mac_vendor="Arcadyan Corporation")
    result = identify(network, TIMEOUT, sources=sources)
    assert (result.vendor, result.model) == ("bt", "Smart Hub 2")
    assert any(e.source == "oui" and "Arcadyan" in (e.note or "") for e in result.evidence)


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_routers_end_in_time_and_yield_unknown(imitation, name):
    if name == "hostile-gzip-bomb":
        _gzip_bomb()  # build the bomb before the clock starts: it is the server's cost, not ours
    _, sources, network = imitation(name)
    if PROFILES[name].upnp is None:
        sources.multicast = False  # nothing to find there; keeps the test short
    started = time.monotonic()
    result = identify(network, TIMEOUT, sources=sources)
    elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT + SLACK, f"{name} took {elapsed:.2f}s"
    assert result.vendor is None, result.evidence
    assert result.confidence == 0.0
    assert not any("NETGEAR R7000" in e.observed for e in result.evidence)  # the bait stayed unread


def test_public_redirect_causes_no_connection_attempt(imitation):
    router, sources, network = imitation("hostile-public-redirect")
    attempts = []

    def connect(host, port, timeout):
        attempts.append(host)
        assert host == router.host, f"tried to connect to {host}"
        return http_banner.default_connect(host, port, timeout)

    sources.connect = connect
    result = identify(network, TIMEOUT, sources=sources)
    assert attempts and set(attempts) == {router.host}
    assert any(e.source == "http_location" and "198.51.100.77" in e.observed
               for e in result.evidence)


def test_cancel_ends_identification_at_once(imitation):
    _, sources, network = imitation("hostile-slow")
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    identify(network, TIMEOUT, cancel, sources=sources)
    assert time.monotonic() - started < 1.0


def test_the_whole_step_is_bounded_by_a_short_timeout(imitation):
    _, sources, network = imitation("hostile-slow")
    started = time.monotonic()
    identify(network, 1.0, sources=sources)
    assert time.monotonic() - started < 1.0 + SLACK


def test_the_customer_can_choose_the_vendor():
    from sipalg_wizard.identify.identify import chosen_by_user

    found = combine([_ev("oui", "sagemcom", 0.35, product_line="ISP gateway made by Sagemcom")],
                    database())
    chosen = chosen_by_user(found, "bt")
    assert (chosen.vendor, chosen.confidence, chosen.chosen_by_user) == ("bt", 1.0, True)
    assert chosen.evidence[0].source == "oui" and chosen.evidence[-1].source == "user"
    assert "replaces Sagemcom" in chosen.evidence[-1].note
    same = chosen_by_user(RouterIdentity("netgear", "R7000", "Nighthawk"), "netgear")
    assert same.model == "R7000" and same.product_line == "Nighthawk"
    with pytest.raises(ValueError):
        chosen_by_user(found, "no-such-vendor")


def test_vendor_choices_for_the_picker():
    choices = database().choices()
    assert dict(choices)["avm"] == "AVM FRITZ!Box" and dict(choices)["bt"] == "BT"
    assert [name.lower() for _, name in choices] == sorted(name.lower() for _, name in choices)


# What each imitation router should lead to in the guide library (the guides' own contract).
EXPECTED_GUIDE = {
    "netgear-r7000": "netgear", "tplink-archer-c7": "tp-link", "openwrt": "openwrt",
    "fritzbox-7590": "avm", "mikrotik": "mikrotik", "bt-smart-hub": "bt",
    "dlink-boa-broken": "d-link", "zyxel-usg20w-old-tls": "zyxel-usg", "zte-http09": "zte",
}


def test_identities_lead_to_the_right_guide(imitation):
    guides = pytest.importorskip("sipalg_wizard.guides")
    library = guides.GuideLibrary.load()
    assert set(EXPECTED_GUIDE) == set(REAL)
    results = {}
    threads = []
    for name in REAL:  # all at once: this checks the mapping, not the timing
        _, sources, network = imitation(name)
        sources.multicast = False

        def run(name=name, sources=sources, network=network):
            results[name] = identify(network, TIMEOUT, sources=sources)

        threads.append(threading.Thread(target=run))
        threads[-1].start()
    for thread in threads:
        thread.join(10)
    chosen = {name: library.for_identity(results[name]).id for name in REAL}
    assert chosen == EXPECTED_GUIDE


def test_a_failing_source_costs_only_itself(imitation, monkeypatch, caplog):
    from sipalg_wizard.identify import upnp

    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(upnp, "discover", broken)
    _, sources, network = imitation("netgear-r7000")
    result = identify(network, TIMEOUT, sources=sources)
    assert (result.vendor, result.model) == ("netgear", "R7000")
    assert "a source failed" in caplog.text
