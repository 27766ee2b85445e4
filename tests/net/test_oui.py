"""MAC normalisation and the offline IEEE lookup."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sipalg_wizard.net import oui


@pytest.mark.parametrize(("text", "normal"), [
    ("3C:37:86:5E:A1:01", "3c:37:86:5e:a1:01"),
    ("3c-37-86-5e-a1-01", "3c:37:86:5e:a1:01"),  # Windows
    ("0:4:ed:de:41:bf", "00:04:ed:de:41:bf"),  # macOS arp -an, unpadded
    ("bc:67:1c:40:3:f6", "bc:67:1c:40:03:f6"),
    ("3c37.865e.a101", "3c:37:86:5e:a1:01"),  # Cisco
    ("3c37865ea101", "3c:37:86:5e:a1:01"),
    ("00-00-00-00-00-00", None),  # Windows: unresolved neighbour
    ("00:00:00:00:00:00", None),
    ("00-00-00-00-00-00-00-E0", None),  # 8-byte tunnel address
    ("3c:37:86:5e:a1", None),
    ("3c:37-86:5e:a1:01", None),  # mixed separators
    ("(incomplete)", None),
    ("", None),
    (None, None),
])
def test_normalise(text, normal):
    assert oui.normalise_mac(text) == normal


@given(st.binary(min_size=6, max_size=6), st.sampled_from([":", "-"]), st.booleans())
def test_normalise_round_trip(raw, sep, pad):
    text = sep.join(f"{b:02X}" if pad else f"{b:x}" for b in raw)
    expected = ":".join(f"{b:02x}" for b in raw)
    assert oui.normalise_mac(text) == (None if expected == "00:00:00:00:00:00" else expected)


@given(st.text(max_size=40))
def test_normalise_never_raises(text):
    result = oui.normalise_mac(text)
    assert result is None or len(result) == 17


@pytest.mark.parametrize(("mac", "vendor"), [
    ("3c:37:86:5e:a1:01", "NETGEAR"),  # the lab router
    ("00-50-56-F1-4C-50", "VMware, Inc."),
    ("0:4:ed:de:41:bf", "Billion Electric"),  # macOS unpadded octets
    ("fc:ae:34:a1:3a:80", "ARRIS"),
])
def test_registered_vendor(mac, vendor):
    result = oui.lookup(mac)
    assert result.locally_administered is False and result.note is None
    assert vendor in result.vendor


def test_locally_administered_is_not_guessed():
    for mac in ("de:9f:c0:e9:89:9d", "02:00:00:00:01:00", "6a-d7-9a-29-2b-82", "12:34:56:26:a0:20"):
        result = oui.lookup(mac)
        assert result.vendor is None and result.locally_administered
        assert "locally administered" in result.note


def test_multicast_and_broadcast():
    assert "multicast" in oui.lookup("1:0:5e:0:0:fb").note
    assert oui.lookup("ff:ff:ff:ff:ff:ff").note == "broadcast address"
    assert oui.lookup("01:00:5e:7f:ff:fa").vendor is None


def test_unregistered_oui_says_so():
    # 00:00:00 is registered (XEROX); use an unassigned globally administered block.
    result = oui.lookup("fc:ff:ff:00:00:01")
    assert result.vendor is None and not result.locally_administered
    assert "not in the IEEE registry" in result.note


def test_not_a_mac():
    assert oui.lookup("nonsense") is None
    assert oui.lookup("00-00-00-00-00-00") is None


def test_the_record_read_through_the_index_file_is_netaddrs_own():
    """``organisation`` reads one record through netaddr's index file instead of loading the
    whole index: for a spread of registered OUIs (and unregistered ones) it must say exactly what
    netaddr's own API says."""
    index = oui._netaddr_data("oui.idx")
    assert index is not None and oui._netaddr_data("oui.txt") is not None
    registered = [int(line.split(b",")[0]) for line in index.read_bytes().splitlines()[::97]]
    prefixes = [*registered, 0xFCFFFF, 0xFEFEFE, 0x000000]
    for prefix in prefixes:
        mac = ":".join(f"{(prefix << 24 | 0x0A0B0C) >> shift & 0xFF:02x}" for shift in range(40, -1, -8))
        assert oui._org_from_index(prefix) == oui._org_from_netaddr(mac), mac


def test_a_lookup_does_not_load_netaddrs_whole_index():
    import subprocess
    import sys

    code = ("import sys; from sipalg_wizard.net import oui; v = oui.lookup('3c:37:86:5e:a1:01'); "
            "print(v.vendor, 'netaddr.eui.ieee' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split()[-1] == "False", out
    assert out.stdout.startswith("NETGEAR")
