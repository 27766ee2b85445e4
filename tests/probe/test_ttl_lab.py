"""The TTL-limited probe through the Linux kernel's SIP ALG, with no reflector answering.

Lab: LAN 192.168.77.10 -> home router 192.168.77.1 (NAT, optionally the kernel SIP helper) -> ISP
router 100.64.0.2 (plain forwarding: Linux quotes 576 bytes in its Time Exceeded) -> WAN host
203.0.113.10 (nothing listens on 5060 unless a test starts the reflector). Every TTL-limited
packet goes to 203.0.113.10 inside the namespaces this test built.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sipalg_wizard.lab.netns import SERVER_IP, kernel_sip_ruleset
from sipalg_wizard.lab.netns import kernel_sip_helper_available as helper_available
from sipalg_wizard.reflector.process import ReflectorProcess

pytestmark = [
    pytest.mark.lab,
    pytest.mark.skipif(not helper_available(), reason="no nf_conntrack_sip in this kernel"),
]

DIAGNOSE = [sys.executable, "-m", "sipalg_wizard", "diagnose", "--reflector", SERVER_IP, "--json",
            "--no-identify", "--timeout", "4"]
RELAY = Path(__file__).with_name("ttl_short_quote_relay.py")
# The ISP router's kernel must not answer TTL-1 UDP itself (it would quote 576 bytes): the relay
# answers instead, quoting 8 bytes.
SHORT_QUOTE_RULES = """
table ip shortquote {
    chain prerouting {
        type filter hook prerouting priority -300; policy accept;
        ip ttl 1 meta l4proto udp drop
    }
}
"""
ALG_FIELDS = {"via_rewritten", "contact_rewritten", "sdp_connection_rewritten",
              "sdp_origin_rewritten"}


def diagnose(lab, *extra: str) -> tuple[int, dict]:
    result = lab.run(lab.lan, [*DIAGNOSE, *extra], check=False, timeout=60)
    assert result.stdout, result.stderr
    doc = json.loads(result.stdout)
    print(json.dumps({"verdict": doc["verdict"], "findings": doc["findings"],
                      "methods": doc["probe"]["methods"]}, indent=1))
    return result.returncode, doc


def method(doc, name: str) -> dict:
    return next(m for m in doc["probe"]["methods"] if m["method"] == name)


def by_code(doc) -> dict[str, dict]:
    return {f["code"]: f for f in doc["findings"]}


def test_kernel_alg_is_found_by_the_isp_hops_quote_without_a_reflector(lab_with_isp):
    lab = lab_with_isp
    lab.nft(lab.router, kernel_sip_ruleset())
    code, doc = diagnose(lab)
    assert (code, doc["verdict"]) == (3, "alg_detected")
    found = by_code(doc)
    assert set(found) >= ALG_FIELDS, found
    assert all(found[c]["method"] == "ttl" for c in ALG_FIELDS)
    assert found["reflector_unreachable"]["method"] == "reflector"
    ttl = method(doc, "ttl")
    assert (ttl["status"], ttl["gateway_hops"], ttl["witness_hop"]) == ("answered", 1, 2)
    tests = {t["name"]: t for t in ttl["tests"]}
    assert tests["ttl1_invite"]["outcome"] == "ok"  # the home router quotes before its ALG
    via = next(r for r in tests["ttl2_invite"]["rewrites"] if r["field"] == "Via")
    assert "192.168.77.10:" in via["sent"] and "100.64.0.1:" in via["received"]


def test_without_the_helper_rule_the_quote_is_unchanged(lab_with_isp):
    code, doc = diagnose(lab_with_isp)
    assert (code, doc["verdict"]) == (0, "no_alg_detected")
    assert [f["code"] for f in doc["findings"]] == ["reflector_unreachable"]
    ttl = method(doc, "ttl")
    assert ttl["vouches_no_alg"] and ttl["witness_hop"] == 2
    assert {t["outcome"] for t in ttl["tests"] if t["name"] != "ttl3_invite"} == {"ok"}


def test_unprivileged_error_queue_alone_sees_the_rewrite(lab_with_isp):
    """No root, no raw socket: IP_RECVERR and the socket's error queue are enough on Linux."""
    lab = lab_with_isp
    lab.nft(lab.router, kernel_sip_ruleset())
    code = ("import json, os, sipalg_wizard.privileges, sipalg_wizard.probe.client\n"
            "from sipalg_wizard.probe.ttl import run_ttl_probe\n"
            "os.setgid(65534); os.setuid(65534)\n"
            f"r = run_ttl_probe({SERVER_IP!r}, timeout=2)\n"
            "print(json.dumps({'codes': [f.code for f in r.findings], 'available': r.available,"
            " 'sources': [h.quote.source for h in r.hops if h.quote], 'note': r.note}))\n")
    result = lab.run(lab.lan, [sys.executable, "-c", code], check=False, timeout=30)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["available"] and set(seen["sources"]) == {"errqueue"}, seen
    assert set(seen["codes"]) >= ALG_FIELDS, seen


def _short_quotes(lab) -> subprocess.Popen:
    lab.nft(lab.isp, SHORT_QUOTE_RULES)
    relay = lab.popen(lab.isp, [sys.executable, str(RELAY), "--seconds", "60"],
                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert relay.stdout.readline().strip() == "ready"
    return relay


def _stop(relay: subprocess.Popen) -> None:
    relay.stdin.close()
    try:
        relay.wait(5)
    except subprocess.TimeoutExpired:
        relay.kill()
        relay.wait()
    relay.stdout.close()


def test_an_eight_byte_quote_still_shows_a_length_changing_rewrite(lab_with_isp):
    lab = lab_with_isp
    lab.nft(lab.router, kernel_sip_ruleset())
    relay = _short_quotes(lab)
    try:
        code, doc = diagnose(lab, "--method", "ttl")
    finally:
        _stop(relay)
    assert (code, doc["verdict"]) == (3, "alg_detected")
    assert by_code(doc)["payload_rewritten"]["method"] == "ttl"
    witness = next(t for t in method(doc, "ttl")["tests"] if t["name"] == "ttl2_invite")
    assert witness["detail"].count("8-byte quote") == 1
    assert witness["rewrites"][0]["field"] == "UDP length"


def test_an_eight_byte_quote_of_an_unchanged_message_claims_nothing(lab_with_isp):
    relay = _short_quotes(lab_with_isp)
    try:
        code, doc = diagnose(lab_with_isp, "--method", "ttl")
    finally:
        _stop(relay)
    assert doc["verdict"] != "alg_detected" and code != 3
    assert not any(f["code"] == "payload_rewritten" for f in doc["findings"])


def test_with_the_reflector_answering_both_methods_corroborate(lab_with_isp):
    lab = lab_with_isp
    lab.nft(lab.router, kernel_sip_ruleset())
    with ReflectorProcess(args=["--host", SERVER_IP, "--quiet"], prefix=lab.cmd(lab.wan, [])):
        code, doc = diagnose(lab)
    assert (code, doc["verdict"]) == (3, "alg_detected")
    via = by_code(doc)["via_rewritten"]
    assert set(via["method"].split("+")) == {"reflector", "ttl"}, via
    assert method(doc, "reflector")["status"] == "answered"
    assert "reflector_unreachable" not in by_code(doc)
