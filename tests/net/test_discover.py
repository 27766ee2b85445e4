"""``discover()`` driven through each OS's source on recorded outputs, with the network replaced
by fakes (no packet leaves this machine), plus the command runner and socket helpers on loopback."""

from __future__ import annotations

import platform
import socket
import sys
import time

import pytest

from sipalg_wizard.net import discover as disc
from sipalg_wizard.net.models import Neighbour, Route


class Fake:
    """Records pokes; must never be replaced by the real one in these tests."""

    def __init__(self):
        self.pokes = []

    def poke(self, gateway, family):
        self.pokes.append((gateway, family))

    @staticmethod
    def local(address, family):
        """The UDP-connect answer; for the internet stand-in, "don't know" (no policy check)."""
        if address in disc.INTERNET_STAND_IN.values():
            return None
        return "192.0.2.10" if family == 4 else "2001:db8::10"


def runner(outputs: dict):
    calls = []

    def run(args, timeout):
        calls.append(tuple(args))
        assert 0 < timeout <= disc.COMMAND_TIMEOUT
        return outputs.get(tuple(args))

    run.calls = calls
    return run


def files(mapping: dict):
    return lambda path: mapping.get(path)


def test_linux_proc_files(recorded):
    fake = Fake()
    source = disc.LinuxSource(run=runner({}), read_file=files({
        "/proc/net/route": recorded("linux/proc-net-route__1.txt"),
        "/proc/net/ipv6_route": recorded("linux/proc-net-ipv6_route__1.txt"),
        "/proc/net/arp": recorded("linux/proc-net-arp__2.txt"),  # same host
    }))
    info = disc.discover(source=source, poke=fake.poke, local_address=fake.local)
    assert (info.gateway_ipv4, info.interface, info.ipv4.metric) == ("192.168.16.2", "ens33", 100)
    assert info.ipv4.local_address == "192.0.2.10"
    assert info.gateway_ipv6 is None
    assert info.mac.mac == "00:50:56:e1:a8:4a" and info.mac.vendor == "VMware, Inc."
    assert info.problems == [] and fake.pokes == []


def test_linux_falls_back_to_ip_json_when_proc_is_unreadable(recorded):
    fake = Fake()
    run = runner({("ip", "-4", "-j", "route", "show", "default"):
                  recorded("linux/ip-j-route__2.txt"),
                  ("ip", "-4", "neigh", "show"): "172.17.0.1 dev eth0 lladdr 02:42:ac:11:00:01 "
                                                 "REACHABLE\n"})
    source = disc.LinuxSource(run=run, read_file=files({}))
    info = disc.discover(source=source, poke=fake.poke, local_address=fake.local)
    assert (info.gateway_ipv4, info.interface) == ("172.17.0.1", "eth0")
    assert info.mac.locally_administered and info.mac.vendor is None  # docker's 02:42:...


def test_linux_ipv6_router_mac_via_ip_neigh(recorded):
    fake = Fake()
    run = runner({("ip", "-6", "neigh", "show"): recorded("linux/ip-neigh__4.txt")})
    source = disc.LinuxSource(run=run, read_file=files({
        "/proc/net/route": "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n",
        "/proc/net/ipv6_route": "00000000000000000000000000000000 00 00000000000000000000000000000000"
        " 00 fe80000000000000f6cae5fffe4f8904 00000400 00000001 00000000 00450003   enp0s3\n",
    }))
    info = disc.discover(source=source, poke=fake.poke, local_address=fake.local)
    assert info.ipv4 is None  # IPv6-only host
    assert info.gateway_ipv6 == "fe80::f6ca:e5ff:fe4f:8904%enp0s3"
    assert info.ipv6_mac.mac == "f4:ca:e5:4f:89:04" and info.mac is None
    assert "gateway_mac_unknown" not in info.problems


def test_no_default_route_never_pokes(recorded):
    fake = Fake()
    source = disc.LinuxSource(run=runner({}), read_file=files({
        "/proc/net/route": recorded("linux/proc-net-route__3.txt"),
        "/proc/net/ipv6_route": recorded("linux/proc-net-ipv6_route__1.txt"),
    }))
    info = disc.discover(source=source, poke=fake.poke, local_address=fake.local)
    assert info.ipv4 is None and info.ipv6 is None
    assert info.problems == ["no_default_route"] and fake.pokes == []


def test_macos(recorded):
    fake = Fake()
    run = runner({
        ("route", "-n", "get", "default"): recorded("macos/route-n-get-default__1.txt"),
        ("netstat", "-rn"): recorded("macos/netstat-rn__1.txt"),
        ("arp", "-an"): recorded("macos/arp-an__1.txt"),
    })
    info = disc.discover(source=disc.MacSource(run=run), poke=fake.poke, local_address=fake.local)
    assert (info.gateway_ipv4, info.interface) == ("10.0.2.2", "en0")
    assert info.mac.mac == "52:54:00:12:35:02"
    assert info.mac.locally_administered and "locally administered" in info.mac.note  # QEMU
    assert info.other_defaults == [] and info.problems == []
    assert "could not run route -n get -inet6 default" in info.notes


def test_macos_vpn_default(recorded):
    fake = Fake()
    run = runner({
        ("route", "-n", "get", "default"): "   route to: default\ndestination: default\n"
                                           "       mask: default\n  interface: utun3\n",
        ("netstat", "-rn"): recorded("macos/netstat-rn__2.txt"),
        ("arp", "-an"): recorded("macos/arp-an__2.txt"),
    })
    info = disc.discover(source=disc.MacSource(run=run), poke=fake.poke, local_address=fake.local)
    assert (info.gateway_ipv4, info.interface) == ("192.168.1.254", "en0")
    assert [(r.interface, r.vpn) for r in info.other_defaults] == [("utun3", True)]
    assert "vpn_default_route" in info.problems


def test_macos_ipv6_router_from_ndp(recorded):
    fake = Fake()
    run = runner({  # netstat-rn-f-inet6__3 and ndp-an__3 come from the same Mac
        ("route", "-n", "get", "-inet6", "default"):
            "   route to: ::\ndestination: ::\n       mask: default\n"
            "    gateway: fe80::4e2e:feff:fe36:2ce7%en0\n  interface: en0\n",
        ("netstat", "-rn"): recorded("macos/netstat-rn-f-inet6__3.txt"),
        ("ndp", "-an"): recorded("macos/ndp-an__3.txt"),
    })
    info = disc.discover(source=disc.MacSource(run=run), poke=fake.poke, local_address=fake.local)
    assert info.ipv4 is None and info.gateway_ipv6 == "fe80::4e2e:feff:fe36:2ce7%en0"
    assert info.ipv6_mac.mac == "4c:2e:fe:36:2c:e7" and fake.pokes == []
    assert len(info.other_defaults) == 2 and info.problems == []  # scoped utun0/utun1


def test_macos_nothing_runs():
    info = disc.discover(source=disc.MacSource(run=runner({})), poke=Fake().poke)
    assert info.problems == ["routes_unreadable", "no_default_route"]


def test_read_file_caps_and_survives(tmp_path):
    path = tmp_path / "route"
    path.write_bytes(b"x" * 5000)
    assert disc._read_file(str(path), cap=100) == "x" * 100
    assert disc._read_file(str(tmp_path / "missing")) is None


def test_windows_route_print_with_ipconfig_names(recorded):
    fake = Fake()
    # ipconfig of the same adapter as route-print-4__1 / arp-a__1: the getmac sample from that
    # repository, its address set to the one route print shows.
    config = recorded("windows/ipconfig-all__1.txt").replace("10.0.0.104", "10.0.0.185")
    run = runner({
        ("route", "print"): recorded("windows/route-print-4__1.txt"),
        ("ipconfig", "/all"): config,
        ("arp", "-a"): recorded("windows/arp-a__1.txt"),
    })
    info = disc.discover(source=disc.WindowsSource(run=run), poke=fake.poke,
                         local_address=fake.local)
    assert (info.gateway_ipv4, info.interface) == ("10.0.0.1", "Ethernet 3")
    assert info.ipv4.local_address == "10.0.0.185" and info.ipv4.metric == 25
    assert info.mac.mac == "6a:d7:9a:29:2b:82" and info.mac.locally_administered
    assert info.problems == []


def test_windows_anyconnect_default_is_flagged(recorded):
    fake = Fake()
    config = ("\nWindows IP Configuration\n\nEthernet adapter Ethernet 2:\n\n"
              "   Description . . . . . . . . . . . : Cisco AnyConnect Secure Mobility Client "
              "Virtual Miniport Adapter for Windows x64\n"
              "   IPv4 Address. . . . . . . . . . . : 10.21.38.97(Preferred)\n"
              "   Default Gateway . . . . . . . . . : 10.21.38.1\n\n"
              "Wireless LAN adapter Wi-Fi:\n\n"
              "   IPv4 Address. . . . . . . . . . . : 192.168.100.74(Preferred)\n"
              "   Default Gateway . . . . . . . . . : 192.168.100.1\n")
    run = runner({("route", "print"): recorded("windows/route-print__1.txt"),
                  ("ipconfig", "/all"): config})
    info = disc.discover(source=disc.WindowsSource(run=run), poke=fake.poke,
                         local_address=fake.local)
    assert (info.gateway_ipv4, info.interface, info.ipv4.vpn) == ("10.21.38.1", "Ethernet 2", True)
    assert [(r.gateway, r.interface, r.vpn) for r in info.other_defaults] == [
        ("192.168.100.1", "Wi-Fi", False)]
    assert "vpn_default_route" in info.problems
    assert fake.pokes == []  # a tunnel's next hop has no MAC to provoke


def test_windows_ipv6_gateway_named_by_zone(recorded):
    fake = Fake()
    config = ("\nEthernet adapter Ethernet:\n\n"
              "   Link-local IPv6 Address . . . . . : fe80::1234%11(Preferred)\n"
              "   IPv6 Address. . . . . . . . . . . : 2001:db8::5(Preferred)\n"
              "   IPv4 Address. . . . . . . . . . . : 10.211.55.3(Preferred)\n")
    neighbours = "ifIndex IPAddress LinkLayerAddress State PolicyStore\n" \
                 "------- --------- ---------------- ----- -----------\n" \
                 "11 fe80::21c:42ff:fe00:18 00-1C-42-00-00-18 Reachable ActiveStore\n"
    run = runner({("route", "print"): recorded("windows/netstat-rn__1.txt"),
                  ("ipconfig", "/all"): config,
                  ("arp", "-a"): "",
                  ("powershell", "-NoProfile", "-NonInteractive", "-Command",
                   disc.WindowsSource.POWERSHELL_NEIGHBOURS): neighbours})
    info = disc.discover(source=disc.WindowsSource(run=run), poke=fake.poke,
                         local_address=fake.local)
    assert info.gateway_ipv6 == "fe80::21c:42ff:fe00:18%11"
    assert (info.ipv6.interface, info.ipv6.local_address) == ("Ethernet", "2001:db8::5")
    assert info.ipv4.interface == "Ethernet"
    assert info.ipv6_mac.vendor == "Parallels, Inc." and info.mac is None
    assert fake.pokes == [("10.211.55.1", 4)]  # the IPv4 MAC was missing: provoked, still absent
    assert "gateway_mac_unknown" not in info.problems


def test_windows_without_route_print_uses_ipconfig(recorded):
    fake = Fake()
    run = runner({("ipconfig", "/all"): recorded("windows/ipconfig-all__2.txt"),
                  ("arp", "-a"): ""})
    info = disc.discover(source=disc.WindowsSource(run=run), poke=fake.poke,
                         local_address=fake.local)
    assert (info.gateway_ipv4, info.interface) == ("10.40.170.141", "WLAN")
    assert info.ipv4.local_address == "10.40.170.76"
    assert "gateway_mac_unknown" in info.problems


def test_policy_routed_vpn_is_noticed(recorded):
    """wg-quick keeps eth0's default in the main table but routes the internet through wg0."""
    source = disc.LinuxSource(run=runner({}), read_file=files({
        "/proc/net/route": recorded("linux/proc-net-route__6.txt"),
        "/proc/net/arp": recorded("linux/proc-net-arp__4.txt"),
    }))
    lookups = []

    def local(address, family):
        lookups.append(address)
        return "10.66.0.2" if address == disc.INTERNET_STAND_IN[4] else "192.168.71.128"

    info = disc.discover(source=source, poke=Fake().poke, local_address=local)
    assert info.gateway_ipv4 == "192.168.71.2" and info.ipv4.local_address == "192.168.71.128"
    assert info.problems == ["vpn_default_route"]
    assert "10.66.0.2" in info.notes[0]
    assert lookups == ["192.168.71.2", "198.51.100.1"]


def test_link_local_ipv6_gateway_reports_the_global_source_address(recorded):
    source = disc.LinuxSource(run=runner({}), read_file=files({
        "/proc/net/route": recorded("linux/proc-net-route__6.txt"),
        "/proc/net/ipv6_route": recorded("linux/proc-net-ipv6_route__2.txt"),
        "/proc/net/arp": recorded("linux/proc-net-arp__4.txt"),
    }))
    answers = {"192.168.71.2": "192.168.71.128", "198.51.100.1": "192.168.71.128",
               "2001:db8::1": "2a01:cb19:d27:2f00::5"}

    def local(address, family):
        return answers.get(address, "fe80::5%enp3s0f0")

    info = disc.discover(source=source, poke=Fake().poke, local_address=local)
    assert info.gateway_ipv6 == "fe80::2ef2:a5ff:fe6e:7b40%enp3s0f0"
    assert info.ipv6.local_address == "2a01:cb19:d27:2f00::5"
    assert "vpn_default_route" not in info.problems


class LateNeighbourSource(disc.Source):
    """The cache holds the gateway only after it was poked (as on a fresh boot)."""

    def __init__(self, appear_after_poke: bool):
        super().__init__()
        self.appear = appear_after_poke
        self.poked = False
        self.reads = 0

    def routes(self, deadline):
        return [Route(4, "192.0.2.1", "eth0", 100)]

    def neighbours(self, family, deadline):
        self.reads += 1
        if self.poked and self.appear:
            return [Neighbour("192.0.2.1", "3c:37:86:5e:a1:01", "eth0", "REACHABLE")]
        return [Neighbour("192.0.2.1", None, "eth0", "INCOMPLETE")]


def test_missing_mac_is_provoked_and_read_again():
    source = LateNeighbourSource(appear_after_poke=True)

    def poke(gateway, family):
        assert (gateway, family) == ("192.0.2.1", 4)
        source.poked = True

    info = disc.discover(source=source, poke=poke, local_address=Fake.local)
    assert info.mac.mac == "3c:37:86:5e:a1:01" and info.mac.vendor == "NETGEAR"
    assert info.problems == [] and source.reads == 2


def test_an_exhausted_deadline_still_reads_once_after_the_poke():
    source = LateNeighbourSource(appear_after_poke=True)

    def poke(gateway, family):
        source.poked = True

    info = disc.discover(timeout=0.0, source=source, poke=poke, local_address=Fake.local)
    assert info.mac.mac == "3c:37:86:5e:a1:01" and source.reads == 2


def test_provoking_is_bounded():
    source = LateNeighbourSource(appear_after_poke=False)
    fake = Fake()
    started = time.monotonic()
    info = disc.discover(source=source, poke=fake.poke, local_address=Fake.local)
    assert time.monotonic() - started < 3.0  # PROVOKE_WAIT is 0.5 s; generous for a busy machine
    assert fake.pokes == [("192.0.2.1", 4)]
    assert info.mac is None and info.problems == ["gateway_mac_unknown"]
    assert 2 <= source.reads <= disc.PROVOKE_WAIT / disc.POLL_INTERVAL + 2


def test_errors_become_problems():
    class Broken(disc.Source):
        def routes(self, deadline):
            raise RuntimeError("netlink exploded")

    info = disc.discover(source=Broken(), poke=Fake().poke)
    assert info.problems == ["discovery_failed"]
    assert "netlink exploded" in info.notes[0]

    class Unreadable(disc.Source):
        def routes(self, deadline):
            return None

    info = disc.discover(source=Unreadable(), poke=Fake().poke)
    assert info.problems == ["routes_unreadable", "no_default_route"]


def test_unsupported_os(monkeypatch):
    monkeypatch.setattr(platform, "system", lambda: "Plan9")
    info = disc.discover(poke=Fake().poke)
    assert info.problems == ["unsupported_os"]


def test_this_os_has_a_source():
    assert isinstance(disc.source_for_this_os(), disc.LinuxSource)


# -- the command runner and the socket helpers (loopback only) -------------------------------

def test_run_command_output():
    assert disc.run_command([sys.executable, "-c", "print('héllo')"], 10).strip() == "héllo"


def test_run_command_timeout_kills():
    started = time.monotonic()
    assert disc.run_command([sys.executable, "-c", "import time; time.sleep(30)"], 0.5) is None
    assert time.monotonic() - started < 10


def test_run_command_caps_output():
    out = disc.run_command([sys.executable, "-c", "import sys; sys.stdout.write('x' * 200000)"],
                           10, cap=1000)
    assert out == "x" * 1000


def test_run_command_missing_program():
    assert disc.run_command(["sipalg-no-such-program-xyz"], 1) is None
    assert disc.run_command([sys.executable, "-c", "print(1)"], 0) is None


def test_decode_falls_back_for_legacy_code_pages(monkeypatch):
    # Off Windows (no OEM code page) Latin-1 reads cp1252 text; Windows: tests/net/test_codepages.py
    monkeypatch.setattr(disc, "_oem_codepage", lambda: None)
    assert disc._decode("Ständige Routen".encode("cp1252")) == "Ständige Routen"


def test_udp_local_address_loopback():
    assert disc.udp_local_address("127.0.0.1", 4) == "127.0.0.1"
    if socket.has_ipv6:
        assert disc.udp_local_address("::1", 6) in ("::1", None)
    assert disc.udp_local_address("not an address", 4) is None


def test_poke_reaches_the_target():
    """The provoking datagram is an ordinary UDP packet to port 9 (checked on loopback)."""
    try:
        sink = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sink.bind(("127.0.0.1", disc.DISCARD_PORT))
    except OSError:
        pytest.skip("port 9 on loopback needs root or is taken")
    with sink:
        sink.settimeout(2)
        disc.poke_gateway("127.0.0.1", 4)
        data, _ = sink.recvfrom(64)
    assert data == b""
