"""End to end in the namespace lab: an imitation NETGEAR R7000 in the router namespace (web page on
192.168.77.1:80/443, SSDP on 1900, NETGEAR's OUI on its LAN MAC) is identified from the LAN."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sipalg_wizard.lab.netns import CLIENT_IP, ROUTER_LAN_IP

pytestmark = pytest.mark.lab

IDENTIFY = f"""
import json, time
from sipalg_wizard.identify.identify import identify, describe
from sipalg_wizard.net.models import NetworkInfo, Route, MacVendor
network = NetworkInfo(ipv4=Route(4, "{ROUTER_LAN_IP}", "eth0", local_address="{CLIENT_IP}"),
                      mac=MacVendor("3c:37:86:5e:a1:01", "NETGEAR"))
started = time.perf_counter()
result = identify(network, 3.0)
print(json.dumps({{"vendor": result.vendor, "model": result.model, "confidence": result.confidence,
                  "describe": describe(result), "seconds": time.perf_counter() - started,
                  "sources": sorted({{e.source for e in result.evidence if e.vendor}})}}))
"""


SSDP = f"""
import json
from sipalg_wizard.identify import upnp
result = upnp.discover("{ROUTER_LAN_IP}", timeout=3.0, unicast_wait=0.3)
desc = result.description
print(json.dumps({{"via": result.via, "model": desc.model_name if desc else None,
                  "elapsed": result.elapsed, "error": result.error}}))
"""


def _start_imitation(lab, *extra: str) -> subprocess.Popen:
    process = lab.popen(lab.router, [
        sys.executable, "-m", "sipalg_wizard.lab.imitation", "--profile", "netgear-r7000",
        "--host", ROUTER_LAN_IP, "--http-port", "80", "--https-port", "443", "--ssdp-port", "1900",
        "--multicast", "--seconds", "60", "--stop-on-eof", *extra],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if not line.startswith("READY"):
        process.kill()
        raise AssertionError(f"imitation router did not start: {line} {process.stderr.read()}")
    return process


def _stop(process: subprocess.Popen) -> None:
    process.stdin.close()
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)
    process.stdout.close()
    process.stderr.close()


def _identify_from_lan(lab) -> dict:
    out = lab.run(lab.lan, [sys.executable, "-c", IDENTIFY], timeout=30)
    return json.loads(out.stdout)


def test_identify_in_the_lab_unicast(lab):
    process = _start_imitation(lab)
    try:
        result = _identify_from_lan(lab)
    finally:
        _stop(process)
    print(f"\nlab identification: {result}")
    assert (result["vendor"], result["model"]) == ("netgear", "R7000")
    assert result["describe"] == "NETGEAR Nighthawk R7000"
    assert {"oui", "http_realm", "tls_subject", "upnp_manufacturer"} <= set(result["sources"])
    assert result["seconds"] < 3.5


def test_ssdp_in_the_lab_over_real_multicast(lab):
    """The router ignores unicast M-SEARCH: the search falls back to 239.255.255.250."""
    process = _start_imitation(lab, "--multicast-only")
    try:
        out = lab.run(lab.lan, [sys.executable, "-c", SSDP], timeout=30)
    finally:
        _stop(process)
    result = json.loads(out.stdout)
    assert (result["via"], result["model"]) == ("multicast", "R7000"), result
    assert result["elapsed"] < 3.5


def test_diagnose_json_names_the_router(lab):
    pytest.importorskip("sipalg_wizard.net.discover")
    process = _start_imitation(lab)
    try:
        out = lab.run(lab.lan, [sys.executable, "-m", "sipalg_wizard", "diagnose", "--json"],
                      check=False, timeout=60)
    finally:
        _stop(process)
    document = json.loads(out.stdout)
    router = document["router"]
    print(f"\ndiagnose --json router: vendor={router['vendor']} model={router['model']} "
          f"confidence={router['confidence']}")
    assert (router["vendor"], router["model"]) == ("netgear", "R7000")
    assert router["confidence"] >= 0.9
    assert document["gateway"]["ipv4"] == ROUTER_LAN_IP
