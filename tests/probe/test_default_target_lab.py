"""Out of the box: the DEFAULT profile (no reflector, no SIP server), unprivileged, reaches a verdict.

Lab: LAN 192.168.77.10 -> home router (NAT, optionally the kernel SIP helper) -> ISP router
100.64.0.2 -> WAN host 203.0.113.10, which also holds the default profile's public ``ttl_target``
(the lab assigns it there, routed behind the ISP hop), so every packet of the run is addressed to
a host inside the namespaces this test built. ``diagnose`` runs as ``nobody`` (no root, no
CAP_NET_RAW): the TTL witness reads its quotes from the socket error queue.
"""

from __future__ import annotations

import json
import os
import sys
import time

import pytest

from sipalg_wizard.lab.netns import kernel_sip_helper_available as helper_available
from sipalg_wizard.lab.netns import kernel_sip_ruleset
from sipalg_wizard.profile import default_ttl_target

pytestmark = pytest.mark.lab

NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all"]
DIAGNOSE = [sys.executable, "-m", "sipalg_wizard", "diagnose", "--json"]
# The ISP router sends no ICMP at all (some do exactly that).
SILENT_ISP = """
table ip silent {
    chain output {
        type filter hook output priority filter; policy accept;
        meta l4proto icmp drop
    }
}
"""
ALG_FIELDS = {"via_rewritten", "contact_rewritten", "sdp_connection_rewritten",
              "sdp_origin_rewritten"}


def diagnose_as_nobody(lab) -> tuple[int, dict, float]:
    env = ["env", "XDG_CONFIG_HOME=/nonexistent/config", "HOME=/nonexistent"]
    started = time.monotonic()
    result = lab.run(lab.lan, [*env, *NOBODY, *DIAGNOSE], check=False, timeout=60)
    seconds = time.monotonic() - started
    assert result.stdout, result.stderr
    doc = json.loads(result.stdout)
    ttl = next(m for m in doc["probe"]["methods"] if m["method"] == "ttl")
    print(f"\nverdict {doc['verdict']} (exit {result.returncode}) in {seconds:.2f} s; "
          f"findings {[f['code'] for f in doc['findings']]}; ttl {json.dumps(ttl)[:600]}")
    return result.returncode, doc, seconds


def ttl_method(doc) -> dict:
    methods = doc["probe"]["methods"]
    assert [m["method"] for m in methods] == ["ttl"], methods  # the only witness with a target
    return methods[0]


def check_bounds(ttl: dict, target: str) -> None:
    """Never past the second public router, never more than the promised datagrams."""
    assert ttl["target"] == target
    assert ttl["max_ttl_sent"] <= 3 and ttl["datagrams_sent"] <= 9, ttl


@pytest.fixture
def target() -> str:
    address = default_ttl_target()
    assert address, "the default profile names a ttl_target"
    return address


def test_the_default_profile_names_a_target_the_lab_holds(lab_with_isp, target):
    shown = lab_with_isp.run(lab_with_isp.wan, ["ip", "-4", "-o", "addr", "show"]).stdout
    assert f" {target}/32 " in shown


@pytest.mark.skipif(not helper_available(), reason="no nf_conntrack_sip in this kernel")
def test_kernel_alg_found_unprivileged_with_nothing_configured(lab_with_isp, target):
    lab_with_isp.nft(lab_with_isp.router, kernel_sip_ruleset())
    code, doc, seconds = diagnose_as_nobody(lab_with_isp)
    assert (code, doc["verdict"]) == (3, "alg_detected"), doc["findings"]
    assert seconds < 10
    ttl = ttl_method(doc)
    check_bounds(ttl, target)
    found = {f["code"]: f for f in doc["findings"]}
    assert set(found) >= ALG_FIELDS and all(found[c]["method"] == "ttl" for c in ALG_FIELDS)
    assert (ttl["status"], ttl["gateway_hops"], ttl["witness_hop"]) == ("answered", 1, 2)
    assert ttl["max_ttl_sent"] == 2  # the ISP hop answered: TTL 3 was never needed
    assert "no_probe_run" not in found


def test_no_alg_vouched_unprivileged_with_nothing_configured(lab_with_isp, target):
    code, doc, seconds = diagnose_as_nobody(lab_with_isp)
    assert (code, doc["verdict"]) == (0, "no_alg_detected"), doc["findings"]
    assert seconds < 10
    ttl = ttl_method(doc)
    check_bounds(ttl, target)
    assert ttl["vouches_no_alg"] and ttl["witness_hop"] == 2
    assert doc["findings"] == []


def test_a_silent_isp_hop_is_inconclusive_within_ten_seconds_and_says_why(lab_with_isp, target):
    lab_with_isp.nft(lab_with_isp.isp, SILENT_ISP)
    code, doc, seconds = diagnose_as_nobody(lab_with_isp)
    assert (code, doc["verdict"]) == (4, "inconclusive")
    assert seconds < 10
    ttl = ttl_method(doc)
    check_bounds(ttl, target)
    assert (ttl["status"], ttl["reason"]) == ("no_answer", "no_icmp")
    assert "answered with ICMP Time Exceeded" in ttl["note"]
    from sipalg_wizard.explain import explain, text

    told = explain(doc)
    assert told.paragraphs[0] == text("why.ttl_no_icmp"), told.paragraphs
    assert doc["why"] == text("why.ttl_no_icmp")


def test_nobody_really_has_no_raw_socket(lab_with_isp):
    probe = "import socket; socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)"
    result = lab_with_isp.run(lab_with_isp.lan, [*NOBODY, sys.executable, "-c", probe],
                              check=False)
    assert result.returncode != 0 and "PermissionError" in result.stderr
    assert os.geteuid() == 0  # the lab itself needs root; only the diagnosis runs as nobody


@pytest.mark.skipif(not helper_available(), reason="no nf_conntrack_sip in this kernel")
def test_the_deeper_test_helper_end_to_end_through_the_kernel_alg(lab_with_isp, target):
    """The real ``witness ttl`` subcommand, run unelevated as root in the LAN namespace the way the
    prompt would start it (same command line, same output file), read back and analysed here."""
    import subprocess
    import threading

    from sipalg_wizard import elevation

    lab = lab_with_isp
    lab.nft(lab.router, kernel_sip_ruleset())
    seen: list[list[str]] = []

    def launcher(argv, wait, cancel):  # the OS boundary: "granted", run as is
        seen.append(argv)
        done = subprocess.run(argv, timeout=wait, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return elevation.Launch("ok", done.returncode)

    result = elevation.elevated_ttl_probe(
        target, timeout=2.5, cancel=threading.Event(), platform="win32",
        launcher=lambda argv, wait, cancel: launcher(
            lab.cmd(lab.lan, argv), wait, cancel))
    assert seen and seen[0][7:11] == ["witness", "ttl", target, "--timeout"], seen
    assert result.available and result.witness_ttl == 2, result.note
    assert {f.code for f in result.findings} >= ALG_FIELDS
    assert {h.quote.source for h in result.hops if h.quote} == {"raw"}  # root: the raw socket too
