"""Discovery end to end through the CLI inside network namespaces (root only; skips otherwise).

The first test runs in the lab's fresh LAN namespace, whose neighbour cache starts empty: finding
the router's MAC there proves the "provoke an entry, read again" path. Traffic goes only to the
lab router inside the namespaces this test built.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys

import pytest

from sipalg_wizard.lab.netns import CLIENT_IP, NETGEAR_MAC, ROUTER_LAN_IP, ROUTER_LAN_IP6, lab_available

DIAGNOSE = [sys.executable, "-m", "sipalg_wizard", "diagnose", "--no-identify"]


@pytest.mark.lab
def test_diagnose_in_the_lan_finds_router_mac_and_vendor(lab):
    assert lab.run(lab.lan, ["cat", "/proc/net/arp"]).stdout.count("\n") == 1  # header only
    result = lab.run(lab.lan, [*DIAGNOSE, "--json"], check=False)
    assert result.returncode == 4, result.stderr
    doc = json.loads(result.stdout)
    gateway = doc["gateway"]
    assert gateway["ipv4"] == ROUTER_LAN_IP == "192.168.77.1"
    assert gateway["ipv6"] == ROUTER_LAN_IP6 == "fd77::1"
    assert gateway["interface"] == "eth0"
    assert gateway["mac"] == NETGEAR_MAC == "3c:37:86:5e:a1:01", gateway
    assert "NETGEAR" in gateway["mac_vendor"]
    assert gateway["local_address"] == CLIENT_IP
    assert gateway["problems"] == [] and gateway["other_defaults"] == []
    assert doc["verdict"] == "inconclusive"
    # No server configured: only the TTL witness ran, towards the default profile's target (which
    # this lab's WAN host holds, one hop past the router: no router there to quote it).
    assert doc["findings"] == []
    assert [(m["method"], m["status"]) for m in doc["probe"]["methods"]] == [("ttl", "no_answer")]
    assert doc["why"]


@pytest.fixture
def bare_namespace():
    """A namespace with only loopback up: no address, no route, no gateway."""
    ok, why = lab_available()
    if not ok:
        pytest.skip(why)
    name = f"saw-nogw-{secrets.token_hex(3)}"
    subprocess.run(["ip", "netns", "add", name], check=True, capture_output=True)
    try:
        subprocess.run(["ip", "netns", "exec", name, "ip", "link", "set", "lo", "up"], check=True,
                       capture_output=True)
        yield name
    finally:
        subprocess.run(["ip", "netns", "del", name], capture_output=True)


def _run_in(ns: str, args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(["ip", "netns", "exec", ns, *args], capture_output=True, text=True,
                          timeout=60)


@pytest.mark.lab
def test_diagnose_without_default_route_says_so(bare_namespace):
    result = _run_in(bare_namespace, [*DIAGNOSE, "--json"])
    assert result.returncode == 4, result.stderr
    doc = json.loads(result.stdout)
    assert doc["gateway"]["ipv4"] is None and doc["gateway"]["ipv6"] is None
    assert doc["gateway"]["mac"] is None
    assert "no_default_route" in doc["gateway"]["problems"]
    assert "no_gateway" in [f["code"] for f in doc["findings"]]
    assert doc["verdict"] == "inconclusive"

    human = _run_in(bare_namespace, DIAGNOSE)
    assert human.returncode == 4, human.stderr
    assert "no default gateway" in human.stdout.lower()
    assert "Gateway (IPv4):  none" in human.stdout
