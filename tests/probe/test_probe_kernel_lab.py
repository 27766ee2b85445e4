"""The whole diagnosis through the Linux kernel's own SIP ALG (root, namespaces, nf_conntrack_sip).

The reflector runs in the lab's WAN namespace on 203.0.113.10 (its real default ports: 5060, control
5070, TLS 5061); ``sipalg-wizard diagnose`` runs in the LAN namespace behind the NAT router. Traffic
stays inside the namespaces this test built.
"""

from __future__ import annotations

import json
import sys
import time

import pytest

from sipalg_wizard.lab.netns import CLIENT_IP, ROUTER_WAN_IP, SERVER_IP, kernel_sip_ruleset
from sipalg_wizard.lab.netns import kernel_sip_helper_available as helper_available
from sipalg_wizard.reflector.process import ReflectorProcess

pytestmark = [
    pytest.mark.lab,
    pytest.mark.skipif(not helper_available(), reason="no nf_conntrack_sip in this kernel"),
]

DIAGNOSE = [sys.executable, "-m", "sipalg_wizard", "diagnose", "--reflector", SERVER_IP, "--json",
            "--no-identify"]


def diagnose(lab) -> tuple[int, dict, float]:
    started = time.monotonic()
    result = lab.run(lab.lan, DIAGNOSE, check=False, timeout=60)
    elapsed = time.monotonic() - started
    assert result.stdout, result.stderr
    doc = json.loads(result.stdout)
    print(json.dumps({"verdict": doc["verdict"], "findings": doc["findings"],
                      "tests": [(t["name"], t["outcome"], t["detail"]) for t in doc["probe"]["tests"]]},
                     indent=1))
    return result.returncode, doc, elapsed


def reflector_in(lab) -> ReflectorProcess:
    return ReflectorProcess(args=["--host", SERVER_IP, "--quiet"], prefix=lab.cmd(lab.wan, []))


def codes(doc) -> list[str]:
    return [f["code"] for f in doc["findings"]]


def by_name(doc) -> dict[str, dict]:
    return {t["name"]: t for t in doc["probe"]["tests"]}


def test_kernel_alg_is_detected_with_the_fields_it_rewrites(lab):
    lab.nft(lab.router, kernel_sip_ruleset())
    with reflector_in(lab):
        code, doc, _ = diagnose(lab)
    assert code == 3, doc
    assert doc["verdict"] == "alg_detected"
    found = codes(doc)
    for expected in ("via_rewritten", "contact_rewritten", "sdp_connection_rewritten",
                     "sdp_origin_rewritten", "from_to_rewritten", "inbound_rewritten",
                     "media_pinhole_opened"):
        assert expected in found, found
    # What the kernel does not do: a socket-matching ALG leaves the planted copy alone, never
    # drops the large fragmented INVITE, and does not look at TCP without a helper rule for it.
    for absent in ("blind_replace", "large_message_dropped", "tcp_rewritten", "call_id_rewritten",
                   "content_length_wrong", "message_mangled"):
        assert absent not in found, found
    tests = by_name(doc)
    via = next(r for r in tests["udp_invite"]["rewrites"] if r["field"] == "Via"
               and r["direction"] == "outbound")
    assert f"{CLIENT_IP}:" in via["sent"] and f"{ROUTER_WAN_IP}:" in via["received"]
    assert tests["udp_invite_large"]["outcome"] == "rewritten"  # reassembled and rewritten
    for name in ("tcp_invite", "control_udp_invite", "control_tcp_invite", "tls_invite"):
        assert tests[name]["outcome"] == "ok", tests[name]
    assert doc["probe"]["public_address"].startswith(f"{ROUTER_WAN_IP}:")


def test_without_the_helper_rule_nothing_is_rewritten(lab):
    with reflector_in(lab):
        code, doc, _ = diagnose(lab)
    assert code == 0, doc
    assert doc["verdict"] == "no_alg_detected"
    assert codes(doc) == []
    assert {t["outcome"] for t in doc["probe"]["tests"]} == {"ok"}


def test_helper_on_tcp_too(lab):
    lab.nft(lab.router, kernel_sip_ruleset(tcp=True))
    with reflector_in(lab):
        code, doc, _ = diagnose(lab)
    assert code == 3
    assert "tcp_rewritten" in codes(doc)
    tcp = by_name(doc)["tcp_invite"]
    assert tcp["outcome"] == "rewritten"
    assert {"Via", "Contact", "sdp c="} <= {r["field"] for r in tcp["rewrites"]}
    assert by_name(doc)["control_tcp_invite"]["outcome"] == "ok"


def test_reflector_down_is_inconclusive_fast(lab, time_limit):
    lab.nft(lab.router, kernel_sip_ruleset())
    code, doc, elapsed = diagnose(lab)
    assert code == 4
    assert doc["verdict"] == "inconclusive"
    assert "reflector_unreachable" in codes(doc)
    assert elapsed < time_limit(6.0), elapsed


def test_silent_reflector_host_is_inconclusive_within_six_seconds(lab, time_limit):
    """A host that drops everything (no ICMP, no RST): the probe must still give up in time."""
    lab.nft(lab.wan, """
table inet silence {
    chain input {
        type filter hook input priority 0; policy accept;
        meta l4proto { udp, tcp } drop
    }
}
""")
    code, doc, elapsed = diagnose(lab)
    assert code == 4 and "reflector_unreachable" in codes(doc)
    print(f"silent reflector: verdict after {elapsed:.2f} s (probe {doc['probe'].get('duration_ms')} ms)")
    assert elapsed < time_limit(6.0), elapsed
