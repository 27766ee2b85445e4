"""Linux parsers on every recorded output of the commands discovery uses (oracle: INDEX.md)."""

from __future__ import annotations

import pytest

from sipalg_wizard.net import linux
from sipalg_wizard.net.routes import choose_defaults, mac_for

# file, parser, expected IPv4 gateway, interface, IPv6 gateway, number of other defaults
ROUTES = [
    ("proc-net-route__1.txt", linux.parse_proc_net_route, "192.168.16.2", "ens33", None, 0),
    ("proc-net-route__2.txt", linux.parse_proc_net_route, "10.0.2.2", "eth0", None, 0),
    ("proc-net-route__3.txt", linux.parse_proc_net_route, None, None, None, 0),
    ("proc-net-route__4.txt", linux.parse_proc_net_route, "192.168.8.1", "wlp4s0", None, 0),
    ("proc-net-route__5.txt", linux.parse_proc_net_route, None, None, None, 0),  # blackhole
    ("proc-net-route__6.txt", linux.parse_proc_net_route, "192.168.71.2", "ens33", None, 0),
    ("proc-net-ipv6_route__1.txt", linux.parse_proc_net_ipv6_route, None, None, None, 0),
    ("proc-net-ipv6_route__2.txt", linux.parse_proc_net_ipv6_route, None, "enp3s0f0",
     "fe80::2ef2:a5ff:fe6e:7b40%enp3s0f0", 1),
    ("ip-route__1.txt", linux.parse_ip_route, "192.168.16.2", "ens33", None, 0),
    ("ip-route__2.txt", linux.parse_ip_route, "10.0.0.1", "eth0", None, 0),
    ("ip-route__3.txt", linux.parse_ip_route, "10.0.2.2", "eth0", None, 0),
    ("ip-route__4.txt", linux.parse_ip_route, None, None, None, 0),
    ("ip-route__5.txt", linux.parse_ip_route, "10.16.112.1", "ens192", None, 0),
    ("ip-route__6.txt", linux.parse_ip_route, None, None, None, 1),  # "default dev br0"
    ("ip-route__7.txt", linux.parse_ip_route, "10.0.2.2", "enp0s3", None, 0),
    ("ip-route__8.txt", linux.parse_ip_route, "10.100.24.1", "tun0", None, 1),
    ("ip-route__9.txt", linux.parse_ip_route, "10.11.0.254", "lan0", None, 1),
    ("ip-route__10.txt", linux.parse_ip_route, "192.168.0.1", "enp68s0", None, 1),
    ("ip-6-route__1.txt", linux.parse_ip_route, None, None, None, 0),  # unreachable default
    ("ip-6-route__2.txt", linux.parse_ip_route, None, "eth0",
     "fe80::2efa:a2ff:fe90:e275%eth0", 0),
    ("ip-6-route__3.txt", linux.parse_ip_route, None, "wlp3s0",
     "fe80::c24a:ff:fedd:6800%wlp3s0", 2),  # multipath: three nexthops
    ("ip-j-route__1.txt", linux.parse_ip_route_json, "10.0.0.1", "ens3", None, 0),
    ("ip-j-route__2.txt", linux.parse_ip_route_json, "172.17.0.1", "eth0", None, 0),
    ("ip-6-j-route__1.txt", linux.parse_ip_route_json, None, "ens3", "2a12:bec4:1bb0:de5::1", 0),
]


@pytest.mark.parametrize(("name", "parser", "ipv4", "interface", "ipv6", "others"), ROUTES,
                         ids=[r[0] for r in ROUTES])
def test_default_routes(recorded, name, parser, ipv4, interface, ipv6, others):
    chosen = choose_defaults(parser(recorded(f"linux/{name}")))
    assert (chosen.ipv4.gateway if chosen.ipv4 else None) == ipv4
    assert (chosen.ipv6.gateway if chosen.ipv6 else None) == ipv6
    route = chosen.ipv4 or chosen.ipv6
    assert (route.interface if route else None) == interface
    assert len(chosen.other_defaults) == others


def test_vpn_default_is_used_and_flagged(recorded):
    chosen = choose_defaults(linux.parse_ip_route(recorded("linux/ip-route__8.txt")))
    assert chosen.ipv4.vpn and chosen.ipv4.metric == 50
    assert chosen.problems == ["vpn_default_route"]
    [lan] = chosen.other_defaults
    assert (lan.gateway, lan.interface, lan.metric, lan.vpn) == ("192.168.1.1", "wlp3s0", 600, False)


def test_two_defaults_same_gateway_lowest_metric_wins(recorded):
    chosen = choose_defaults(linux.parse_proc_net_ipv6_route(
        recorded("linux/proc-net-ipv6_route__2.txt")))
    assert chosen.ipv6.metric == 100
    assert chosen.other_defaults[0].interface == "wlp2s0" and chosen.other_defaults[0].metric == 600
    assert chosen.problems == []


def test_on_link_default_is_not_a_gateway(recorded):
    [route] = linux.parse_ip_route(recorded("linux/ip-route__6.txt"))
    assert route.gateway is None and route.interface == "br0" and route.metric == 10


def test_ip_route_keeps_the_source_address(recorded):
    [route] = linux.parse_ip_route(recorded("linux/ip-route__5.txt"))
    assert route.local_address == "10.16.125.217" and route.metric == 100


# file, parser, address, expected MAC (None: present but unusable / absent)
NEIGHBOURS = [
    ("proc-net-arp__1.txt", linux.parse_proc_net_arp, "192.168.16.2", "00:50:56:f1:4c:50"),
    ("proc-net-arp__2.txt", linux.parse_proc_net_arp, "192.168.16.2", "00:50:56:e1:a8:4a"),
    ("proc-net-arp__2.txt", linux.parse_proc_net_arp, "104.198.143.177", None),  # incomplete
    ("proc-net-arp__3.txt", linux.parse_proc_net_arp, "10.0.2.2", "52:55:0a:00:02:02"),
    ("proc-net-arp__4.txt", linux.parse_proc_net_arp, "192.168.71.2", "00:50:56:f7:4a:fc"),
    ("ip-neigh__1.txt", linux.parse_ip_neigh, "192.168.16.2", "00:50:56:f1:4c:50"),
    ("ip-neigh__2.txt", linux.parse_ip_neigh, "192.168.232.1", "02:00:00:00:01:00"),
    ("ip-neigh__2.txt", linux.parse_ip_neigh, "fe80::ff:fe00:100%wlan0", "02:00:00:00:01:00"),
    ("ip-neigh__3.txt", linux.parse_ip_neigh, "10.0.2.2", "52:55:0a:00:02:02"),
    ("ip-neigh__4.txt", linux.parse_ip_neigh, "192.168.0.254", "f4:ca:e5:4f:89:04"),
    ("ip-neigh__4.txt", linux.parse_ip_neigh, "fe80::f6ca:e5ff:fe4f:8904%enp0s3",
     "f4:ca:e5:4f:89:04"),
]


@pytest.mark.parametrize(("name", "parser", "address", "mac"), NEIGHBOURS,
                         ids=[f"{n[0]}-{n[2]}" for n in NEIGHBOURS])
def test_gateway_mac(recorded, name, parser, address, mac):
    assert mac_for(parser(recorded(f"linux/{name}")), address) == mac


def test_gateway_mac_from_route_and_neighbour_of_the_same_host(recorded):
    chosen = choose_defaults(linux.parse_ip_route(recorded("linux/ip-route__1.txt")))
    neighbours = linux.parse_ip_neigh(recorded("linux/ip-neigh__1.txt"))
    assert mac_for(neighbours, chosen.ipv4.gateway) == "00:50:56:f1:4c:50"


def test_ip_neigh_failed_entry_has_no_mac():
    [entry] = linux.parse_ip_neigh("192.168.1.1 dev eth0 FAILED\n")
    assert entry.mac is None and entry.state == "FAILED"


# Hand-written odd cases.
def test_ipv6_only_host():
    text = "default via fe80::1 dev wlan0 proto ra metric 600 pref medium\n"
    chosen = choose_defaults(linux.parse_ip_route(text, family=6))
    assert chosen.ipv4 is None and chosen.ipv6.gateway == "fe80::1%wlan0"


def test_no_default_route():
    text = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n" \
           "eth0\t0000A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n"
    chosen = choose_defaults(linux.parse_proc_net_route(text))
    assert chosen.ipv4 is None and chosen.other_defaults == []


def test_wireguard_default_in_proc_is_flagged():
    text = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n" \
           "wg0\t00000000\t00000000\t0001\t0\t0\t0\t00000000\t0\t0\t0\n" \
           "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
    chosen = choose_defaults(linux.parse_proc_net_route(text))
    assert chosen.ipv4.gateway == "192.168.1.1"
    assert chosen.other_defaults[0].interface == "wg0" and chosen.other_defaults[0].vpn
    assert chosen.problems == ["vpn_default_route"]


def test_garbage_gives_nothing():
    for parser in (linux.parse_proc_net_route, linux.parse_proc_net_ipv6_route, linux.parse_ip_route,
                   linux.parse_ip_route_json, linux.parse_proc_net_arp, linux.parse_ip_neigh):
        assert parser("default via\n\x00zz 00000000 GG\n[{\n") == []
