"""Realistic Diagnoses built from the dataclasses, shared by the report, explain and verify tests.

They mirror the netns lab: the PC 192.168.77.10 behind a NETGEAR router (LAN 192.168.77.1, WAN
203.0.113.1) whose Linux SIP helper rewrites the private address, and a reflector at 203.0.113.10.
The tests at the bottom hold the samples to the JSON contract so the other tests rest on sound data.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sipalg_wizard.diagnosis import pipeline, supportcode
from sipalg_wizard.diagnosis.document import SCHEMA
from sipalg_wizard.identify.models import Evidence, RouterIdentity
from sipalg_wizard.net.models import MacVendor, NetworkInfo, Route
from sipalg_wizard.probe.models import Finding, ProbeResult, ProbeTest, Rewrite

PRIVATE = "192.168.77.10"
PUBLIC = "203.0.113.1"
REFLECTOR = "203.0.113.10:5060"
ROUTER_MAC = "3c:37:86:5e:a1:01"


def network() -> NetworkInfo:
    return NetworkInfo(
        ipv4=Route(4, "192.168.77.1", "eth0", 100, PRIVATE),
        mac=MacVendor(ROUTER_MAC, "NETGEAR"),
    )


def netgear() -> RouterIdentity:
    return RouterIdentity(
        vendor="NETGEAR", model="R7000", product_line="Nighthawk", confidence=0.85,
        evidence=[
            Evidence("oui", ROUTER_MAC, vendor="NETGEAR", weight=0.5),
            Evidence("http_realm", 'Basic realm="NETGEAR R7000"', vendor="NETGEAR", model="R7000",
                     weight=0.8),
            Evidence("upnp", "serialNumber: 4LK1234567890", vendor="NETGEAR", model="R7000",
                     weight=0.6),
        ],
    )


def _alg_tests() -> list[ProbeTest]:
    invite = [
        Rewrite("outbound", "Via", f"SIP/2.0/UDP {PRIVATE}:5060;branch=z9hG4bK-1;rport",
                f"SIP/2.0/UDP {PUBLIC}:5060;branch=z9hG4bK-1;rport"),
        Rewrite("outbound", "Contact", f"<sip:probe@{PRIVATE}:5060>", f"<sip:probe@{PUBLIC}:5060>"),
        Rewrite("outbound", "sdp c=", f"IN IP4 {PRIVATE}", f"IN IP4 {PUBLIC}"),
        Rewrite("outbound", "sdp o=", f"probe 1 1 IN IP4 {PRIVATE}", f"probe 1 1 IN IP4 {PUBLIC}"),
        Rewrite("outbound", "sdp m=", "audio 40000 RTP/AVP 0", "audio 1034 RTP/AVP 0"),
    ]
    return [
        ProbeTest("udp_options", "udp", 5060, "OPTIONS", "rewritten", invite[:2], duration_ms=21.0),
        ProbeTest("udp_invite", "udp", 5060, "INVITE", "rewritten", invite, duration_ms=25.5),
        ProbeTest("udp_invite_large", "udp", 5060, "INVITE", "ok", duration_ms=40.2,
                  detail="2612 bytes, fragmented"),
        ProbeTest("tcp_invite", "tcp", 5060, "INVITE", "ok", duration_ms=31.0),
        ProbeTest("udp_control", "udp", 5099, "INVITE", "ok", control=True, duration_ms=19.9),
    ]


def alg_probe() -> ProbeResult:
    return ProbeResult(
        reflector=REFLECTOR, tests=_alg_tests(), public_address=f"{PUBLIC}:5060",
        findings=[
            Finding("via_rewritten", f"Via sent-by {PRIVATE}:5060 -> {PUBLIC}:5060"),
            Finding("contact_rewritten", f"Contact {PRIVATE}:5060 -> {PUBLIC}:5060"),
            Finding("sdp_connection_rewritten", f"c= {PRIVATE} -> {PUBLIC}"),
            Finding("sdp_origin_rewritten", f"o= {PRIVATE} -> {PUBLIC}"),
            Finding("sdp_media_port_rewritten", "m= 40000 -> 1034"),
        ],
        duration_ms=140.0,
    )


def clean_probe() -> ProbeResult:
    return ProbeResult(
        reflector=REFLECTOR, public_address=f"{PUBLIC}:5060",
        tests=[
            ProbeTest("udp_options", "udp", 5060, "OPTIONS", "ok"),
            ProbeTest("udp_invite", "udp", 5060, "INVITE", "ok"),
            ProbeTest("tcp_invite", "tcp", 5060, "INVITE", "ok"),
            ProbeTest("udp_control", "udp", 5099, "INVITE", "ok", control=True),
        ],
    )


def unreachable_probe() -> ProbeResult:
    return ProbeResult(
        reflector=REFLECTOR,
        tests=[ProbeTest("udp_options", "udp", 5060, "OPTIONS", "error", detail="no answer in 3 s"),
               ProbeTest("udp_control", "udp", 5099, "OPTIONS", "error", control=True,
                         detail="no answer in 3 s")],
        findings=[Finding("reflector_unreachable", "no answer from 203.0.113.10 on any port")],
    )


CREATED = datetime(2026, 11, 25, 14, 30, 5, tzinfo=UTC)


def alg_diagnosis():
    d = pipeline.assemble(network(), netgear(), alg_probe())
    d.created = CREATED
    return d


def clean_diagnosis():
    d = pipeline.assemble(network(), netgear(), clean_probe())
    d.created = CREATED.replace(minute=41)
    return d


def inconclusive_diagnosis():
    d = pipeline.assemble(network(), netgear(), unreachable_probe())
    d.created = CREATED.replace(minute=41)
    return d


def test_samples_have_the_verdicts_their_names_promise():
    assert alg_diagnosis().verdict == "alg_detected"
    assert clean_diagnosis().verdict == "no_alg_detected"
    assert inconclusive_diagnosis().verdict == "inconclusive"


def test_samples_follow_the_json_contract():
    doc = json.loads(alg_diagnosis().to_json())
    assert doc["schema"] == SCHEMA
    assert set(doc) >= {"schema", "verdict", "gateway", "router", "probe", "findings", "support_code"}
    assert set(doc["gateway"]) >= {"ipv4", "ipv6", "interface", "mac"}
    test = doc["probe"]["tests"][1]
    assert {"transport", "port", "method", "outcome", "rewrites"} <= set(test)
    assert set(test["rewrites"][0]) == {"direction", "field", "sent", "received"}


def test_an_alg_diagnosis_names_its_guide_and_the_code_carries_it():
    d = pipeline.assemble(network(), netgear(), alg_probe())
    assert d.guide is not None and d.guide["id"] == "netgear"
    assert d.to_dict()["guide"]["title"]
    decoded = supportcode.decode(d.support_code, known_guides=["netgear", "generic", "tp-link"])
    assert decoded.guide == "netgear"


def test_no_guide_without_an_alg():
    assert pipeline.assemble(network(), netgear(), clean_probe()).guide is None


def test_a_clean_probe_through_a_vpn_does_not_vouch_for_the_router():
    net = network()
    net.problems.append("vpn_default_route")
    d = pipeline.assemble(net, netgear(), clean_probe())
    assert d.verdict == "inconclusive"
    assert "vpn_active" in [f.code for f in d.findings]
