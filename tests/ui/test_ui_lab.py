"""The whole wizard inside the lab (root): kernel SIP ALG found -> NETGEAR guide -> ALG off -> Verify.

pytest runs in the host namespace, so a driver script (``lab_driver.py``) runs the real wizard,
offscreen, inside the LAN namespace and reports what each page showed; the reflector runs in the
WAN namespace; the router namespace has NAT plus the kernel's SIP helper.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sipalg_wizard.lab.netns import SERVER_IP, kernel_sip_ruleset
from sipalg_wizard.lab.netns import kernel_sip_helper_available as helper_available
from sipalg_wizard.probe.client import PLAN
from sipalg_wizard.reflector.process import ReflectorProcess

pytestmark = [
    pytest.mark.lab,
    pytest.mark.skipif(not helper_available(), reason="no nf_conntrack_sip in this kernel"),
]

DRIVER = Path(__file__).with_name("lab_driver.py")


def read_page(process, name: str) -> dict:
    line = process.stdout.readline()
    assert line, f"the driver stopped before the {name} page: {process.stderr.read()[-2000:]}"
    page = json.loads(line)
    assert page["page"] == name, page
    return page


def _start_imitation_router(lab) -> subprocess.Popen:
    """An imitation NETGEAR R7000 admin page + UPnP description on the lab router's own address."""
    process = lab.popen(lab.router, [
        sys.executable, "-m", "sipalg_wizard.lab.imitation", "--lab", "--seconds", "120",
        "netgear-r7000"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if not line.startswith("READY"):
        process.kill()
        raise AssertionError(f"imitation router did not start: {line} {process.stderr.read()}")
    return process


def test_kernel_alg_found_guide_shown_then_verified_fixed(lab, tmp_path):
    lab.nft(lab.router, kernel_sip_ruleset())
    imitation = _start_imitation_router(lab)
    try:
        pages = _drive_the_wizard(lab, tmp_path)
    finally:
        imitation.kill()
        imitation.communicate(timeout=10)
    _check_pages(pages)


def _drive_the_wizard(lab, tmp_path) -> dict:
    with ReflectorProcess(args=["--host", SERVER_IP, "--quiet"], prefix=lab.cmd(lab.wan, [])):
        driver = lab.popen(lab.lan, [sys.executable, str(DRIVER), SERVER_IP, str(tmp_path)],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
        try:
            pages = {name: read_page(driver, name) for name in
                     ("welcome", "network", "router", "probe", "diagnosis", "fix")}
            # The customer turns SIP ALG off and restarts the router (the driver ticks
            # "restarted"): the helper goes, and so do the flows it still tracks — the phone
            # port's (5060 -> 5060) would otherwise keep it for up to an hour.
            lab.run(lab.router, ["nft", "delete", "table", "ip", "sipalg"])
            lab.flush_conntrack(lab.router)
            driver.stdin.write("done\n")
            driver.stdin.flush()
            pages["verify"] = read_page(driver, "verify")
            pages["finish"] = read_page(driver, "finish")
            assert driver.wait(30) == 0
        finally:
            if driver.poll() is None:
                driver.kill()
            driver.communicate(timeout=10)  # closes the pipes
    return pages


def _check_pages(pages: dict) -> None:
    print(json.dumps(pages, indent=1))
    titles = [pages[n]["title"] for n in ("welcome", "network", "router", "probe", "diagnosis",
                                          "fix", "verify", "finish")]
    assert [t.split(":")[0] for t in titles] == [f"Step {n} of 8" for n in range(1, 9)]
    assert pages["network"]["gateway"] == "192.168.77.1" and pages["network"]["maker"] == "NETGEAR"
    # Identified from the imitation's admin page and UPnP description, not just the MAC's OUI.
    assert pages["router"]["vendor"] == "netgear" and "R7000" in pages["router"]["headline"]
    probe = pages["probe"]
    assert probe["verdict"] == "alg_detected", probe
    assert probe["states"]["udp_invite"] == "rewritten" and probe["states"]["tls_invite"] == "ok"
    assert probe["progress"] == [len(PLAN), len(PLAN)]
    # Every witness ran as diagnose runs them; the page says what each saw (no hop past the
    # router in this lab: the TTL probe reaches the server itself, so it has no witness).
    assert list(probe["methods"]) == ["reflector", "ttl"]
    assert probe["lines"]["reflector"] == "saw that your router changed your call messages"
    assert probe["lines"]["ttl"]
    assert {"via_rewritten", "contact_rewritten", "sdp_connection_rewritten"} <= set(probe["findings"])
    diagnosis = pages["diagnosis"]
    assert "changing your phone's call messages" in diagnosis["headline"]
    via = next(r for r in diagnosis["rewrites"] if r[0] == "Via" and "computer" in r[1].split()[0])
    assert "192.168.77.10" in via[2] and "192.168.77.10" not in via[3]
    fix = pages["fix"]
    assert fix["guide"] == "netgear" and fix["counter"] == "Step 1 of 2" and fix["steps_visible"]
    assert fix["admin"] == "http://192.168.77.1/"
    verify = pages["verify"]
    assert verify["status"] == "fixed" and verify["headline"].startswith("Fixed."), verify
    finish = pages["finish"]
    assert finish["code"] in finish["header"]
    doc = json.loads(Path(finish["report"]).read_text())
    assert doc["support_code"] == finish["code"] and doc["verification"]["status"] == "fixed"
    assert doc["guide"]["id"] == "netgear"


@pytest.mark.parametrize("alg", [True, False], ids=["kernel-alg", "no-alg"])
def test_without_a_reflector_the_sip_server_and_the_ttl_probe_decide(lab_with_isp, tmp_path, alg):
    """No test server of ours; the profile names the phone provider's SIP server (a reflector
    process in the WAN plays it). The TTL probe towards it is quoted by the ISP hop."""
    lab = lab_with_isp
    if alg:
        lab.nft(lab.router, kernel_sip_ruleset())
    with ReflectorProcess(args=["--host", SERVER_IP, "--quiet"], prefix=lab.cmd(lab.wan, [])):
        driver = lab.popen(lab.lan, [sys.executable, str(DRIVER), f"sip-server={SERVER_IP}",
                                     str(tmp_path)], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        try:
            probe = read_page(driver, "probe")
            assert driver.wait(30) == 0
        finally:
            if driver.poll() is None:
                driver.kill()
            driver.communicate(timeout=10)
    print(json.dumps(probe, indent=1))
    assert list(probe["methods"]) == ["ttl", "provider"]
    assert probe["methods"]["ttl"][0] == "answered" and probe["methods"]["provider"][0] == "answered"
    assert probe["states"] == ["pending"]  # the reflector's tests did not run
    if alg:
        assert probe["verdict"] == "alg_detected", probe
        assert "ttl" in probe["findings"]["via_rewritten"]
        assert probe["lines"]["ttl"] == "saw your call message as it left your router: changed"
    else:
        assert probe["verdict"] == "no_alg_detected", probe
        assert probe["lines"]["ttl"] == \
            "saw your call message exactly as it left your router: unchanged"
