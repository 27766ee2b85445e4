"""The provider mirror in the lab: a SIP server in the WAN namespace plays the customer's provider.

Two kinds of provider: the project's reflector, which adds ``received``/``rport`` like Asterisk or
Kamailio, and sipp with a scenario that answers every request with 401 and echoes the Via as it
got it (an echo-only server). Traffic stays inside the namespaces the test built.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from sipalg_wizard.lab.netns import SERVER_IP, kernel_sip_ruleset
from sipalg_wizard.lab.netns import kernel_sip_helper_available as helper_available
from sipalg_wizard.reflector.process import ReflectorProcess

pytestmark = [
    pytest.mark.lab,
    pytest.mark.skipif(not helper_available(), reason="no nf_conntrack_sip in this kernel"),
]

DIAGNOSE = [sys.executable, "-m", "sipalg_wizard", "diagnose", "--sip-server", SERVER_IP,
            "--method", "provider", "--json", "--no-identify", "--timeout", "3"]
SIPP_401 = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="a provider answering every request with 401">
  <recv request="." regexp_match="true" />
  <send>
    <![CDATA[
SIP/2.0 401 Unauthorized
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
WWW-Authenticate: Digest realm="lab", nonce="[call_number]n", algorithm=MD5
Content-Length: 0

    ]]>
  </send>
</scenario>
"""


def diagnose(lab) -> tuple[int, dict, dict]:
    result = lab.run(lab.lan, DIAGNOSE, check=False, timeout=60)
    assert result.stdout, result.stderr
    doc = json.loads(result.stdout)
    summary = next(m for m in doc["probe"]["methods"] if m["method"] == "provider")
    print(json.dumps({"verdict": doc["verdict"], "findings": doc["findings"], "provider": summary},
                     indent=1))
    return result.returncode, doc, summary


def provider_in(lab) -> ReflectorProcess:
    return ReflectorProcess(args=["--host", SERVER_IP, "--quiet"], prefix=lab.cmd(lab.wan, []))


def test_kernel_alg_maps_the_answer_back_and_the_provider_shows_it(lab_with_isp):
    lab = lab_with_isp
    lab.nft(lab.router, kernel_sip_ruleset())
    with provider_in(lab):
        code, doc, seen = diagnose(lab)
    assert (code, doc["verdict"]) == (3, "alg_detected")
    finding = next(f for f in doc["findings"] if f["code"] == "inbound_rewritten")
    assert finding["method"] == "provider" and "192.168.77.10" in finding["detail"]
    assert seen["status"] == "answered" and seen["public_address"] == "100.64.0.1"
    udp = next(t for t in seen["tests"] if t["name"] == "provider_udp_options")
    assert "received=192.168.77.10" in udp["detail"]  # the ALG rewrote received= on the way back


def test_without_the_alg_the_provider_sees_the_public_address_and_never_vouches(lab_with_isp):
    with provider_in(lab_with_isp):
        code, doc, seen = diagnose(lab_with_isp)
    assert seen["status"] == "answered" and seen["findings"] == []
    assert all("received=100.64.0.1" in t["detail"] for t in seen["tests"])
    # What a provider cannot see keeps it from saying "no ALG" on its own.
    assert (code, doc["verdict"]) == (4, "inconclusive")
    assert "hides" in seen["note"]


def test_an_echo_only_provider_answering_401_is_reachable_and_blind(lab_with_isp, tmp_path):
    lab = lab_with_isp
    lab.nft(lab.router, kernel_sip_ruleset())
    scenario = tmp_path / "provider.xml"
    scenario.write_text(SIPP_401)
    sipp = lab.popen(lab.wan, ["sipp", "-sf", str(scenario), "-i", SERVER_IP, "-p", "5060",
                               "-t", "u1", "-nostdin", "-timeout", "30"],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            listening = lab.run(lab.wan, ["ss", "-lnu"], check=False).stdout
            if f"{SERVER_IP}:5060" in listening:
                break
            time.sleep(0.05)
        code, doc, seen = diagnose(lab)
    finally:
        sipp.terminate()
        sipp.wait(5)
    udp = {t["name"]: t for t in seen["tests"]}
    assert udp["provider_udp_register"]["detail"].startswith("401")
    assert udp["provider_udp_options"]["outcome"] == "ok"
    assert seen["status"] == "answered" and seen["findings"] == []  # the ALG hides from it
    assert doc["verdict"] == "inconclusive" and code == 4
