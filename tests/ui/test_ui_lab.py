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


SILENT_ISP = """
table ip silent {
    chain output {
        type filter hook output priority filter; policy accept;
        meta l4proto icmp drop
    }
}
"""


@pytest.mark.parametrize("case", ["kernel-alg", "no-alg", "silent-isp"])
def test_the_default_profile_alone_reaches_a_verdict_unprivileged(lab_with_isp, tmp_path, case):
    """The generic install: no reflector, no SIP server; the wizard runs as ``nobody`` in the LAN
    namespace, and its TTL witness aims at the default profile's ``ttl_target`` (held by the lab's
    WAN host, behind the ISP hop)."""
    lab = lab_with_isp
    if case == "kernel-alg":
        lab.nft(lab.router, kernel_sip_ruleset())
    if case == "silent-isp":
        lab.nft(lab.isp, SILENT_ISP)
    reports = Path("/tmp") / f"saw-ui-{lab.suffix}"  # nobody cannot enter pytest's tmp_path
    env = ["env", "XDG_CONFIG_HOME=/nonexistent/config", "HOME=/nonexistent",
           f"XDG_RUNTIME_DIR={reports}"]
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all"]
    reports.mkdir(mode=0o700)
    try:
        import os

        os.chown(reports, 65534, 65534)
        driver = lab.popen(lab.lan, [*env, *nobody, sys.executable, str(DRIVER), "default-profile",
                                     str(reports)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        try:
            probe = read_page(driver, "probe")
            verify = None
            if case == "kernel-alg":  # the customer turns SIP ALG off, then Verify: same witness
                lab.run(lab.router, ["nft", "delete", "table", "ip", "sipalg"])
                driver.stdin.write("verify\n")
                driver.stdin.flush()
                verify = read_page(driver, "verify")
            else:
                driver.stdin.write("done\n")
                driver.stdin.flush()
            assert driver.wait(30) == 0
        finally:
            if driver.poll() is None:
                driver.kill()
            driver.communicate(timeout=10)
    finally:
        import shutil

        shutil.rmtree(reports, ignore_errors=True)
    print(json.dumps(probe, indent=1))
    assert probe["uid"] == 65534 and probe["source"] == "built-in" and probe["ttl_target"]
    assert list(probe["methods"]) == ["ttl"]
    assert probe["seconds"] < 10
    if case == "kernel-alg":
        assert probe["verdict"] == "alg_detected", probe
        assert probe["findings"]["via_rewritten"] == "ttl"
        assert probe["lines"]["ttl"] == "saw your call message as it left your router: changed"
        assert verify["status"] == "fixed" and verify["headline"].startswith("Fixed."), verify
    elif case == "no-alg":
        assert probe["verdict"] == "no_alg_detected", probe
        assert probe["lines"]["ttl"] == \
            "saw your call message exactly as it left your router: unchanged"
    else:
        assert probe["verdict"] == "inconclusive", probe
        assert probe["methods"]["ttl"] == ["no_answer", "no_icmp"]
        assert probe["notice"][0] == "ttl_no_icmp" and probe["fields_visible"]
        assert probe["notice_text"].startswith(
            "The routers past yours did not answer our test message")
        assert "Type the test server or phone-provider server address" in probe["notice_text"]
        assert not probe["deeper_visible"]  # Linux needs no permission for this witness
