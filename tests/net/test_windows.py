"""Windows parsers on every recorded output of the commands discovery uses (oracle: INDEX.md),
including German, French and Spanish ``route print`` / ``arp -a`` / ``ipconfig``."""

from __future__ import annotations

import pytest

from sipalg_wizard.net import windows
from sipalg_wizard.net.routes import choose_defaults, mac_for

# file, IPv4 gateway, its local (interface) address, metric, IPv6 gateway, other defaults
ROUTE_PRINT = [
    ("route-print__1.txt", "10.21.38.1", "10.21.38.97", 2, None, 1),  # AnyConnect + Wi-Fi
    ("route-print__2.txt", "192.168.100.1", "192.168.100.80", 35, None, 0),  # Spanish
    ("route-print__3.txt", "192.168.182.1", "192.168.182.187", 55, None, 0),  # French
    ("route-print__4.txt", "192.168.31.1", "192.168.31.221", 30, None, 0),  # CRLF
    ("route-print__5.txt", None, None, None, None, 1),  # only an On-link VPN default
    ("route-print-4__1.txt", "10.0.0.1", "10.0.0.185", 25, None, 0),
    ("route-print-6__1.txt", None, None, None, None, 0),
    ("netstat-rn__1.txt", "10.211.55.1", "10.211.55.3", 10, "fe80::21c:42ff:fe00:18%11", 0),
]


@pytest.mark.parametrize(("name", "ipv4", "local", "metric", "ipv6", "others"), ROUTE_PRINT,
                         ids=[r[0] for r in ROUTE_PRINT])
def test_route_print(recorded, name, ipv4, local, metric, ipv6, others):
    chosen = choose_defaults(windows.parse_route_print(recorded(f"windows/{name}")))
    assert (chosen.ipv4.gateway if chosen.ipv4 else None) == ipv4
    assert (chosen.ipv4.local_address if chosen.ipv4 else None) == local
    assert (chosen.ipv4.metric if chosen.ipv4 else None) == metric
    assert (chosen.ipv6.gateway if chosen.ipv6 else None) == ipv6
    assert len(chosen.other_defaults) == others


def test_route_print_on_link_is_never_a_gateway(recorded):
    for name in ("route-print__2.txt", "route-print__5.txt", "netstat-rn__1.txt"):
        routes = windows.parse_route_print(recorded(f"windows/{name}"))
        assert all(r.gateway is None or r.gateway[0].isdigit() or ":" in r.gateway for r in routes)
    [route] = windows.parse_route_print(recorded("windows/route-print__5.txt"))
    assert (route.gateway, route.local_address, route.metric) == (None, "192.0.2.5", 1)


def test_route_print_interface_list(recorded):
    interfaces = windows.parse_route_print_interfaces(recorded("windows/netstat-rn__1.txt"))
    assert interfaces["11"] == "Intel(R) PRO/1000 MT-Netzwerkverbindung"
    assert interfaces["13"] == "Microsoft-ISATAP-Adapter"
    assert interfaces["1"] == "Software Loopback Interface 1"


# file, IPv4 gateway, interface, metric, IPv6 gateway, other defaults, problems
NETROUTE = [
    ("get-netroute__1.txt", "192.168.1.1", "24", 50, None, 0, []),
    ("get-netroute__2.txt", None, "13", 256, "fe80::224:d4ff:fea0:a6d7%13", 0, []),
    ("get-netroute__3.txt", "172.16.30.1", "54", 25, None, 0, []),
    # Two RouteMetric-0 defaults and no interface metric: the tie keeps PowerShell's order.
    ("get-netroute-json__1.txt", "172.18.0.2", "happ-tun", 0, None, 1, ["vpn_default_route"]),
    ("get-netroute-json__2.txt", "192.168.64.1", "Ethernet", 0, None, 0, []),
]


@pytest.mark.parametrize(("name", "ipv4", "interface", "metric", "ipv6", "others", "problems"),
                         NETROUTE, ids=[r[0] for r in NETROUTE])
def test_get_netroute(recorded, name, ipv4, interface, metric, ipv6, others, problems):
    chosen = choose_defaults(windows.parse_get_netroute(recorded(f"windows/{name}")))
    assert (chosen.ipv4.gateway if chosen.ipv4 else None) == ipv4
    assert (chosen.ipv6.gateway if chosen.ipv6 else None) == ipv6
    route = chosen.ipv4 or chosen.ipv6
    assert (route.interface, route.metric) == (interface, metric)
    assert len(chosen.other_defaults) == others
    assert chosen.problems == problems


def test_get_netroute_json_vpn_and_lan(recorded):
    chosen = choose_defaults(windows.parse_get_netroute(recorded("windows/get-netroute-json__1.txt")))
    assert chosen.ipv4.vpn
    [lan] = chosen.other_defaults
    assert (lan.gateway, lan.interface, lan.vpn) == ("192.168.0.1", "Ethernet", False)
    route = choose_defaults(windows.parse_get_netroute(
        recorded("windows/get-netroute-json__2.txt"))).ipv4
    assert route.local_address == "192.168.64.3"


def test_get_netroute_interface_metric_breaks_the_tie():
    text = ("\nifIndex DestinationPrefix NextHop      RouteMetric ifMetric PolicyStore\n"
            "------- ----------------- -------      ----------- -------- -----------\n"
            "10      0.0.0.0/0         172.18.0.2             0 35       ActiveStore\n"
            "2       0.0.0.0/0         192.168.0.1            0 25       ActiveStore\n")
    chosen = choose_defaults(windows.parse_get_netroute(text))
    assert (chosen.ipv4.gateway, chosen.ipv4.metric) == ("192.168.0.1", 25)


# file, adapter name, IPv4 gateway, local IPv4 address, IPv6 gateway
IPCONFIG = [
    ("ipconfig-all__1.txt", "Ethernet 3", "10.0.0.1", "10.0.0.104", None),
    ("ipconfig-all__2.txt", "WLAN", "10.40.170.141", "10.40.170.76", None),  # German
    ("ipconfig-all__3.txt", "Carte réseau sans fil Wi-Fi", None, None,
     "fe80::e8a7:30ff:fef0:f164%11"),  # French, IPv6 gateway only
    ("ipconfig-all__4.txt", "Ethernet 2", "10.50.13.1", "10.50.13.132", None),
    ("ipconfig-all__5.txt", "Wi-Fi", "192.168.1.1", "192.168.1.169", None),
    ("ipconfig-all__6.txt", "Local Area Connection", "192.168.22.1", "192.168.22.135", None),
    ("ipconfig__1.txt", "Ethernet", "10.74.0.250", "169.254.51.84",
     "fe80::7642:7fff:fe19:bb05%16"),  # second gateway on a continuation line
]


@pytest.mark.parametrize(("name", "adapter", "ipv4", "local", "ipv6"), IPCONFIG,
                         ids=[r[0] for r in IPCONFIG])
def test_ipconfig(recorded, name, adapter, ipv4, local, ipv6):
    chosen = choose_defaults(windows.ipconfig_routes(windows.parse_ipconfig(
        recorded(f"windows/{name}"))))
    assert (chosen.ipv4.gateway if chosen.ipv4 else None) == ipv4
    assert (chosen.ipv4.local_address if chosen.ipv4 else None) == local
    assert (chosen.ipv6.gateway if chosen.ipv6 else None) == ipv6
    assert (chosen.ipv4 or chosen.ipv6).interface == adapter
    assert chosen.other_defaults == []


def test_ipconfig_adapter_details(recorded):
    adapters = {a.name: a for a in windows.parse_ipconfig(recorded("windows/ipconfig-all__2.txt"))}
    wlan = adapters["WLAN"]
    assert wlan.description == "Intel(R) Wi-Fi 6 AX201 160MHz"
    assert wlan.mac == "de:9f:c0:e9:89:9d" and wlan.index == "23"
    assert adapters["LAN-Verbindung"].vpn  # TAP-Windows Adapter V9
    assert not wlan.vpn
    adapters = {a.name: a for a in windows.parse_ipconfig(recorded("windows/ipconfig-all__1.txt"))}
    teredo = adapters["Local Area Connection* 1"]
    assert teredo.mac is None and not teredo.vpn  # 8-byte tunnel address is not a MAC
    assert adapters["Ethernet 3"].ipv4 == ["10.0.0.104"]
    tailscale = windows.parse_ipconfig(recorded("windows/ipconfig-all__4.txt"))[0]
    assert tailscale.name == "Tailscale" and tailscale.vpn and tailscale.gateways == []


@pytest.mark.parametrize(("name", "parser", "address", "mac"), [
    ("arp-a__1.txt", windows.parse_arp_a, "10.0.0.1", "6a:d7:9a:29:2b:82"),
    ("arp-a__2.txt", windows.parse_arp_a, "172.17.67.254", "44:1e:a1:9b:a0:00"),  # German
    ("arp-a__3.txt", windows.parse_arp_a, "10.33.79.254", "7c:5a:1c:d3:d8:76"),  # French
    ("arp-a__4.txt", windows.parse_arp_a, "172.16.30.1", "90:6c:ac:4b:60:56"),
    ("get-netneighbor__1.txt", windows.parse_get_netneighbor, "192.168.1.1", "84:aa:9c:41:18:f9"),
    ("get-netneighbor__1.txt", windows.parse_get_netneighbor, "fe80::86aa:9cff:fe41:18f9%16",
     "84:aa:9c:41:18:f9"),
    ("get-netneighbor__2.txt", windows.parse_get_netneighbor, "172.16.30.1", "90:6c:ac:4b:60:56"),
    ("get-netneighbor__3.txt", windows.parse_get_netneighbor, "192.168.1.1", "60:31:92:11:8d:d0"),
    ("get-netneighbor__4.txt", windows.parse_get_netneighbor, "192.168.1.1", None),  # all zero
    ("get-netneighbor__5.txt", windows.parse_get_netneighbor, "192.168.5.1", None),
    ("get-netneighbor__5.txt", windows.parse_get_netneighbor, "10.100.45.1", None),
])
def test_neighbours(recorded, name, parser, address, mac):
    entries = parser(recorded(f"windows/{name}"))
    assert mac_for(entries, address) == mac
    assert any(e.address.partition("%")[0] == address.partition("%")[0] for e in entries)


def test_arp_a_interface_grouping(recorded):
    entries = windows.parse_arp_a(recorded("windows/arp-a__3.txt"))
    gateway = next(e for e in entries if e.address == "10.33.79.254")
    assert (gateway.interface, gateway.state) == ("10.33.77.199", "dynamique")


def test_get_netneighbor_empty_link_layer_address(recorded):
    entries = windows.parse_get_netneighbor(recorded("windows/get-netneighbor__1.txt"))
    loopback = [e for e in entries if e.interface == "1"]
    assert loopback and all(e.mac is None for e in loopback)
