"""The OS-independent rules: VPN names, address parsing, choosing the default, matching MACs,
and that no parser can be crashed by odd text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sipalg_wizard.net import linux, macos, windows
from sipalg_wizard.net.models import Neighbour, Route
from sipalg_wizard.net.routes import choose_defaults, is_vpn_interface, mac_for, parse_ip


@pytest.mark.parametrize("name", [
    "tun0", "tap1", "utun3", "wg0", "wg-home", "ppp0", "ipsec0", "happ-tun", "nordlynx",
    "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64",
    "TAP-Windows Adapter V9", "WireGuard Tunnel", "sing-tun Tunnel", "Tailscale Tunnel",
    "_Common_na_vpn", "TAP-NordVPN Windows Adapter V9", "PANGP Virtual Ethernet Adapter",
])
def test_vpn_names(name):
    assert is_vpn_interface(name)


@pytest.mark.parametrize("name", [
    "eth0", "en0", "en1", "wlan0", "wlp3s0", "enp0s3", "ens33", "br0", "bridge100", "docker0",
    "Ethernet", "Wi-Fi", "WLAN", "Intel(R) Wi-Fi 6 AX201 160MHz", "Teredo Tunneling Pseudo-Interface",
    "Microsoft-ISATAP-Adapter", "Hyper-V Virtual Ethernet Adapter", "lo", None, "",
])
def test_not_vpn_names(name):
    assert not is_vpn_interface(name)


@pytest.mark.parametrize(("text", "ip"), [
    ("192.168.1.1", "192.168.1.1"), (" 10.0.0.1 ", "10.0.0.1"),
    ("FE80::1%en0", "fe80::1%en0"), ("fe80:0:0:0:0:0:0:1", "fe80::1"),
    ("_gateway", None), ("dsldevice.attlocal", None), ("link#17", None), ("On-link", None),
    ("*", None), ("", None), (None, None), ("192.168.1.1%eth0", "192.168.1.1"),
])
def test_parse_ip(text, ip):
    assert parse_ip(text) == ip


def test_scoped_vpn_defaults_do_not_count_as_used():
    routes = [Route(4, "192.168.1.1", "en0"),
              Route(6, None, "utun0", vpn=True, scoped=True),
              Route(6, None, "utun1", vpn=True, scoped=True)]
    chosen = choose_defaults(routes)
    assert chosen.ipv4.gateway == "192.168.1.1" and chosen.ipv6 is None
    assert chosen.problems == [] and len(chosen.other_defaults) == 2


def test_unspecified_and_loopback_next_hops_are_not_gateways():
    chosen = choose_defaults([Route(4, "0.0.0.0", "eth0", 1), Route(6, "::", "eth0", 1),
                              Route(4, "127.0.0.1", "lo", 2), Route(4, "10.0.0.1", "eth0", 9)])
    assert chosen.ipv4.gateway == "10.0.0.1" and chosen.ipv6 is None


def test_equal_metrics_keep_the_os_order_and_duplicates_collapse():
    chosen = choose_defaults([Route(4, "10.0.0.1", "a", 5), Route(4, "10.0.0.2", "b", 5),
                              Route(4, "10.0.0.1", "a", 5)])
    assert chosen.ipv4.interface == "a"
    assert [r.interface for r in chosen.other_defaults] == ["b"]


def test_mac_for_prefers_the_matching_zone():
    entries = [Neighbour("fe80::1%wlan0", "02:00:00:00:00:01", "wlan0"),
               Neighbour("fe80::1%eth0", "3c:37:86:5e:a1:01", "eth0"),
               Neighbour("192.168.1.1", None, "eth0", "INCOMPLETE")]
    assert mac_for(entries, "fe80::1%eth0") == "3c:37:86:5e:a1:01"
    assert mac_for(entries, "fe80::1%wlan0") == "02:00:00:00:00:01"
    assert mac_for(entries, "fe80::1") == "02:00:00:00:00:01"
    assert mac_for(entries, "192.168.1.1") is None
    assert mac_for(entries, None) is None


PARSERS = [linux.parse_proc_net_route, linux.parse_proc_net_ipv6_route, linux.parse_proc_net_arp,
           linux.parse_ip_route, linux.parse_ip_route_json, linux.parse_ip_neigh,
           macos.parse_netstat_rn, macos.parse_netstat_neighbours, macos.parse_arp_an,
           macos.parse_ndp_an, macos.parse_route_get, windows.parse_route_print,
           windows.parse_get_netroute, windows.parse_ipconfig, windows.parse_arp_a,
           windows.parse_get_netneighbor]

_LINES = st.lists(st.one_of(
    st.text(max_size=60),
    st.sampled_from(["default via 10.0.0.1 dev", "Internet:", "Internet6:", "Destination Gateway Flags",
                     "default link#4 UCS", "  0.0.0.0  0.0.0.0  On-link  10.0.0.2  5", " 11 266 ::/0",
                     "Ethernet adapter X:", "   Default Gateway . . : ", "ifIndex IPAddress",
                     "------- ---------", "eth0\t00000000\tZZZZ\t0003", '[{"dst":"default"}]',
                     "   gateway: ", "destination: default", "  interface: en0", "{", "[1]"]),
), max_size=12).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(_LINES)
def test_parsers_never_raise(text):
    for parser in PARSERS:
        parser(text)
    choose_defaults(windows.ipconfig_routes(windows.parse_ipconfig(text)))
