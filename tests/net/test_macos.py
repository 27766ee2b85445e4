"""macOS parsers on every recorded output of the commands discovery uses (oracle: INDEX.md)."""

from __future__ import annotations

import pytest

from sipalg_wizard.net import macos
from sipalg_wizard.net.routes import choose_defaults, mac_for


@pytest.mark.parametrize(("name", "gateway", "interface"), [
    ("route-n-get-default__1.txt", "10.0.2.2", "en0"),
    ("route-n-get-default__2.txt", "10.20.10.1", "en1"),
    ("route-n-get-default__3.txt", "10.160.24.1", "en0"),
    ("route-get-default__4.txt", "198.51.100.1", "en0"),
])
def test_route_get_default(recorded, name, gateway, interface):
    route = macos.parse_route_get(recorded(f"macos/{name}"))
    assert (route.family, route.gateway, route.interface, route.vpn) == (4, gateway, interface, False)


def test_route_get_vpn_default_without_gateway():
    text = ("   route to: default\ndestination: default\n       mask: default\n"
            "  interface: utun3\n      flags: <UP,DONE,CLONING,STATIC>\n")
    route = macos.parse_route_get(text)
    assert route.gateway is None and route.interface == "utun3" and route.vpn


def test_route_get_ipv6_link_local_keeps_scope():
    text = ("   route to: ::\ndestination: ::\n       mask: default\n"
            "    gateway: fe80::4e2e:feff:fe36:2ce7\n  interface: en0\n")
    route = macos.parse_route_get(text, family=6)
    assert (route.family, route.gateway) == (6, "fe80::4e2e:feff:fe36:2ce7%en0")


def test_route_get_without_default():
    assert macos.parse_route_get("route: writing to routing socket: not in table\n") is None


# file, IPv4 gateway, its interface, gateway MAC from netstat's own ARP rows, IPv6 gateway,
# number of other defaults, problems
NETSTAT = [
    ("netstat-rn__1.txt", "10.0.2.2", "en0", "52:54:00:12:35:02", None, 0, []),
    ("netstat-rn__2.txt", "192.168.1.254", "en0", None, None, 1, ["vpn_default_route"]),
    ("netstat-rn__3.txt", "10.10.56.1", "en0", "00:90:7f:a2:7a:a3", None, 2, []),
    ("netstat-rn__4.txt", "192.168.1.1", "en1", "74:37:5f:96:ab:30",
     "fe80::7637:5fff:fe96:ab30%en1", 3, []),
    ("netstat-rn__5.txt", "10.10.10.1", "en0", "bc:67:1c:40:03:f6", None, 0, []),
    ("netstat-rn__6.txt", "192.168.1.1", "en1", None, None, 1, []),
    ("netstat-rn__7.txt", "198.51.100.1", "en0", "12:34:56:26:a0:20", None, 4, []),
    ("netstat-rnl__1.txt", "192.168.1.254", "en0", "fc:ae:34:a1:3a:80",
     "fe80::feae:34ff:fea1:3a80%en0", 4, []),
    ("netstat-rn-f-inet__1.txt", "192.168.28.1", "en0", "88:32:9c:f5:4e:ea", None, 0, []),
    ("netstat-rn-f-inet__2.txt", "192.168.122.1", "en0", "52:54:00:c0:b7:af", None, 0, []),
    ("netstat-rn-f-inet6__1.txt", None, "en0", None, "fe80::ba26:8aff:fe5f:4eef%en0", 0, []),
    ("netstat-rn-f-inet6__2.txt", None, None, None, None, 0, []),
    ("netstat-rn-f-inet6__3.txt", None, "en0", None, "fe80::4e2e:feff:fe36:2ce7%en0", 2, []),
    # Without -n: host names and a cut-off "fe80::feae:34ff:fe" must never become gateways.
    ("netstat-r__1.txt", None, None, None, None, 6, []),
]


@pytest.mark.parametrize(("name", "ipv4", "interface", "mac", "ipv6", "others", "problems"),
                         NETSTAT, ids=[n[0] for n in NETSTAT])
def test_netstat_rn(recorded, name, ipv4, interface, mac, ipv6, others, problems):
    text = recorded(f"macos/{name}")
    chosen = choose_defaults(macos.parse_netstat_rn(text))
    assert (chosen.ipv4.gateway if chosen.ipv4 else None) == ipv4
    assert (chosen.ipv6.gateway if chosen.ipv6 else None) == ipv6
    route = chosen.ipv4 or chosen.ipv6
    assert (route.interface if route else None) == interface
    assert len(chosen.other_defaults) == others
    assert chosen.problems == problems
    if ipv4:
        assert mac_for(macos.parse_netstat_neighbours(text), ipv4) == mac


def test_netstat_vpn_and_tunnel_defaults_are_reported_not_chosen(recorded):
    chosen = choose_defaults(macos.parse_netstat_rn(recorded("macos/netstat-rn__2.txt")))
    [vpn] = chosen.other_defaults
    assert (vpn.gateway, vpn.interface, vpn.vpn, vpn.scoped) == (None, "utun3", True, False)
    assert chosen.ipv4.scoped  # en0's default is interface-scoped while the VPN is up
    chosen = choose_defaults(macos.parse_netstat_rn(recorded("macos/netstat-rn__7.txt")))
    assert {r.interface for r in chosen.other_defaults} == {"utun0", "utun1", "utun2", "utun3"}
    assert all(r.vpn and r.scoped and r.gateway is None for r in chosen.other_defaults)


def test_netstat_ipv6_router_mac(recorded):
    text = recorded("macos/netstat-rn-f-inet6__1.txt")
    gateway = choose_defaults(macos.parse_netstat_rn(text)).ipv6.gateway
    assert mac_for(macos.parse_netstat_neighbours(text), gateway) == "b8:26:8a:5f:4e:ef"


def test_netstat_without_n_never_takes_a_host_name(recorded):
    routes = macos.parse_netstat_rn(recorded("macos/netstat-r__1.txt"))
    assert all(r.gateway is None for r in routes)


@pytest.mark.parametrize(("name", "address", "mac"), [
    ("arp-an__1.txt", "10.0.2.2", "52:54:00:12:35:02"),
    ("arp-an__2.txt", "192.168.1.1", "58:6d:8f:07:c9:94"),
    ("arp-an__3.txt", "10.20.10.1", "00:04:ed:de:41:bf"),
    ("arp-an__4.txt", "192.168.1.1", "74:37:5f:96:ab:30"),
    ("arp-an__5.txt", "192.168.0.1", "f8:ce:21:39:5b:f4"),
    ("arp-an__5.txt", "169.254.169.254", None),  # (incomplete)
    ("arp-an__6.txt", "198.51.100.1", "12:34:56:26:a0:20"),
    ("ndp-an__1.txt", "fe80::a1:a110:a120:a130%en0", "12:34:56:26:a0:10"),
    ("ndp-an__1.txt", "fe80::a200:a210:a220:a230%utun0", None),  # (incomplete)
    ("ndp-an__2.txt", "fe80::face:21ff:fe39:5bf4%en0", "f8:ce:21:39:5b:f4"),
    ("ndp-an__3.txt", "fe80::4e2e:feff:fe36:2ce7%en0", "4c:2e:fe:36:2c:e7"),
])
def test_neighbour_caches(recorded, name, address, mac):
    parser = macos.parse_ndp_an if name.startswith("ndp") else macos.parse_arp_an
    assert mac_for(parser(recorded(f"macos/{name}")), address) == mac


def test_ndp_router_flag(recorded):
    entries = macos.parse_ndp_an(recorded("macos/ndp-an__2.txt"))
    assert [e.address for e in entries if e.state == "router"] == ["fe80::face:21ff:fe39:5bf4%en0"]
    assert not [e for e in macos.parse_ndp_an(recorded("macos/ndp-an__1.txt"))
                if e.state == "router"]


def test_ipv6_only_and_no_default():
    text = ("Routing tables\n\nInternet:\nDestination        Gateway            Flags"
            "               Netif Expire\n127                127.0.0.1          UCS"
            "                   lo0\n\nInternet6:\nDestination                             "
            "Gateway                                 Flags               Netif Expire\n"
            "default                                 fe80::1%en0                             "
            "UGcg                  en0\n")
    chosen = choose_defaults(macos.parse_netstat_rn(text))
    assert chosen.ipv4 is None and chosen.ipv6.gateway == "fe80::1%en0"
    assert choose_defaults(macos.parse_netstat_rn(text.split("Internet6:")[0])).ipv6 is None
