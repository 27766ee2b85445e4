"""The ALG emulator's mangling, on real SIP message text (no sockets, no namespaces: fast)."""

from __future__ import annotations

import pytest

from sipalg_wizard.lab import siptext
from sipalg_wizard.lab.alg_emulator import _frame, ruleset
from sipalg_wizard.lab.mangle import BEHAVIOURS, Flow, inbound, map_hostport, outbound, pinhole_ports

FLOW = Flow("192.168.77.10", 5062, "203.0.113.1", 5062)
SDP = (b"v=0\r\n"
       b"o=probe 1700000000 1700000000 IN IP4 192.168.77.10\r\n"
       b"s=sipalg probe\r\n"
       b"c=IN IP4 192.168.77.10\r\n"
       b"t=0 0\r\n"
       b"m=audio 40000 RTP/AVP 0 8\r\n"
       b"a=rtcp:40001 IN IP4 192.168.77.10\r\n"
       b"a=sendrecv\r\n")
INVITE = (
    "INVITE sip:alg-test@203.0.113.10 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 192.168.77.10:5062;branch=z9hG4bK74bf9;rport\r\n"
    "Max-Forwards: 70\r\n"
    "From: <sip:probe@192.168.77.10>;tag=9fxced76sl\r\n"
    "To: <sip:alg-test@203.0.113.10>\r\n"
    "Call-ID: 3848276298220188511@192.168.77.10\r\n"
    "CSeq: 1 INVITE\r\n"
    "Contact: <sip:probe@192.168.77.10:5062;transport=udp>\r\n"
    "X-Probe-Planted: 192.168.77.10:5062\r\n"
    "User-Agent: sipalg-wizard/0.1\r\n"
    "Content-Type: application/sdp\r\n"
    f"Content-Length: {len(SDP)}\r\n"
    "\r\n").encode() + SDP
RESPONSE = (
    b"SIP/2.0 200 OK\r\n"
    b"Via: SIP/2.0/UDP 203.0.113.1:5062;branch=z9hG4bK74bf9;rport=5062;received=203.0.113.1\r\n"
    b"From: <sip:probe@203.0.113.1>;tag=9fxced76sl\r\n"
    b"To: <sip:alg-test@203.0.113.10>;tag=1234\r\n"
    b"Call-ID: 3848276298220188511@203.0.113.1\r\n"
    b"CSeq: 1 INVITE\r\n"
    b"Contact: <sip:203.0.113.10:5060>\r\n"
    b"Content-Length: 0\r\n"
    b"\r\n")


def headers(data: bytes) -> dict[str, str]:
    msg = siptext.parse(data)
    assert msg is not None
    return {name: value for name, value in msg.headers}


def body_of(data: bytes) -> bytes:
    return data.partition(b"\r\n\r\n")[2]


def test_full_rewrites_only_what_matches_the_source_like_linux():
    out = outbound(INVITE, BEHAVIOURS["full"], FLOW)
    h = headers(out)
    assert h["Via"] == "SIP/2.0/UDP 203.0.113.1:5062;branch=z9hG4bK74bf9;rport"
    assert h["Contact"] == "<sip:probe@203.0.113.1:5062;transport=udp>"
    # From has no port (= 5060), which is not the source port 5062: Linux leaves it alone.
    assert h["From"] == "<sip:probe@192.168.77.10>;tag=9fxced76sl"
    assert h["Call-ID"] == "3848276298220188511@192.168.77.10"
    assert h["X-Probe-Planted"] == "192.168.77.10:5062"
    body = body_of(out)
    assert b"o=probe 1700000000 1700000000 IN IP4 203.0.113.1\r\n" in body
    assert b"c=IN IP4 203.0.113.1\r\n" in body
    assert b"m=audio 40000 RTP/AVP 0 8" in body
    assert b"a=rtcp:40001 IN IP4 192.168.77.10" in body  # the kernel does not touch a=rtcp
    assert int(h["Content-Length"]) == len(body) == len(SDP) - 4


def test_a_port_mismatch_or_a_longer_address_is_not_rewritten():
    assert map_hostport("sip:a@192.168.77.10:5070", ("192.168.77.10", 5062),
                        ("203.0.113.1", 5062)) == "sip:a@192.168.77.10:5070"
    assert map_hostport("sip:a@192.168.77.100:5062", ("192.168.77.10", 5062),
                        ("203.0.113.1", 5062)) == "sip:a@192.168.77.100:5062"
    assert map_hostport("sip:a@192.168.77.10", ("192.168.77.10", 5060),
                        ("203.0.113.1", 40123)) == "sip:a@203.0.113.1:40123"


def test_full_maps_the_response_back():
    back = inbound(RESPONSE, BEHAVIOURS["full"], FLOW)
    h = headers(back)
    assert h["Via"] == "SIP/2.0/UDP 192.168.77.10:5062;branch=z9hG4bK74bf9;rport=5062;received=192.168.77.10"
    assert h["Contact"] == "<sip:203.0.113.10:5060>"  # the server's own contact stays


def test_a_message_the_profile_does_not_touch_keeps_its_exact_bytes():
    odd = INVITE.replace(b"Max-Forwards: 70", b"Max-Forwards:   70")
    assert outbound(odd, BEHAVIOURS["passthrough"], FLOW) is odd
    assert outbound(odd, BEHAVIOURS["via_only"], Flow("10.0.0.9", 5062, "203.0.113.1", 5062)) == odd
    assert inbound(RESPONSE, BEHAVIOURS["contact_only"], FLOW) == RESPONSE
    assert outbound(b"\x00not sip at all", BEHAVIOURS["full"], FLOW) == b"\x00not sip at all"


@pytest.mark.parametrize(("profile", "changed"), [
    ("via_only", {"Via"}), ("contact_only", {"Contact"}), ("sdp_only", {"Content-Length", "body"}),
])
def test_partial_profiles_change_one_field(profile, changed):
    out = outbound(INVITE, BEHAVIOURS[profile], FLOW)
    before, after = headers(INVITE), headers(out)
    diff = {name for name in before if before[name] != after.get(name)}
    if body_of(out) != body_of(INVITE):
        diff.add("body")
    assert diff == changed


def test_bad_content_length_leaves_the_old_length():
    out = outbound(INVITE, BEHAVIOURS["bad_content_length"], FLOW)
    assert int(headers(out)["Content-Length"]) == len(SDP) != len(body_of(out))


def test_blind_replace_changes_every_copy_and_back():
    out = outbound(INVITE, BEHAVIOURS["blind_replace"], FLOW)
    assert b"192.168.77.10" not in out
    h = headers(out)
    assert h["Call-ID"] == "3848276298220188511@203.0.113.1"
    assert h["X-Probe-Planted"] == "203.0.113.1:5062"
    assert int(h["Content-Length"]) == len(body_of(out))
    back = inbound(RESPONSE, BEHAVIOURS["blind_replace"], FLOW)
    assert b"203.0.113.1:" not in back and b"@192.168.77.10" in back


def test_proxy_like_adds_a_via_decrements_max_forwards_reorders_and_strips_its_via():
    out = outbound(INVITE, BEHAVIOURS["proxy_like"], FLOW)
    msg = siptext.parse(out)
    names = [name for name, _ in msg.headers]
    assert names[0] == "Via" and msg.headers[0][1].startswith("SIP/2.0/UDP 203.0.113.1:5060;branch=")
    assert msg.headers[1][1].startswith("SIP/2.0/UDP 192.168.77.10:5062")
    assert msg.get("Max-Forwards") == "69"
    original = [name for name, _ in siptext.parse(INVITE).headers]
    assert sorted(names[1:]) == sorted(original) and names[1:] != original
    reply = RESPONSE.replace(b"SIP/2.0 200 OK\r\n", b"SIP/2.0 200 OK\r\n" + b"Via: " +
                             msg.headers[0][1].encode() + b"\r\n")
    assert inbound(reply, BEHAVIOURS["proxy_like"], FLOW) == RESPONSE  # its own Via removed


def test_strip_unknown_removes_extension_headers_only():
    out = outbound(INVITE, BEHAVIOURS["strip_unknown"], FLOW)
    h = headers(out)
    assert "X-Probe-Planted" not in h
    assert {"Via", "From", "To", "Call-ID", "CSeq", "Contact", "User-Agent"} <= set(h)
    assert body_of(out) == SDP


def test_responses_only_leaves_requests_and_maps_received_back():
    assert outbound(INVITE, BEHAVIOURS["responses_only"], FLOW) == INVITE
    unmangled_request_reply = RESPONSE.replace(b"Via: SIP/2.0/UDP 203.0.113.1:5062",
                                               b"Via: SIP/2.0/UDP 192.168.77.10:5062")
    back = inbound(unmangled_request_reply, BEHAVIOURS["responses_only"], FLOW)
    assert b"received=192.168.77.10" in back


def test_pinhole_ports_follow_the_direct_media_rule():
    assert pinhole_ports(INVITE, "192.168.77.10") == [40000]
    assert pinhole_ports(INVITE, "192.168.77.99") == []
    assert pinhole_ports(RESPONSE, "192.168.77.10") == []


def test_frame_splits_a_stream_by_content_length():
    stream = b"\r\n" + INVITE + RESPONSE + RESPONSE[:20]
    first, rest = _frame(stream)
    assert first == b"\r\n" + INVITE  # a keep-alive CRLF travels on with the next message
    second, rest = _frame(rest)
    assert second == RESPONSE
    assert _frame(rest) is None
    assert _frame(b"OPTIONS sip:x SIP/2.0\r\nVia: x\r\n\r\nNEXT") == (
        b"OPTIONS sip:x SIP/2.0\r\nVia: x\r\n\r\n", b"NEXT")  # no Content-Length: no body
    assert _frame(b"OPTIONS sip:x SIP/2.0\r\nl: 99999\r\n\r\n") is None  # too large: passed on


def test_rulesets_redirect_or_drop_the_sip_port():
    assert "udp dport 5060 redirect to :15060" in ruleset(BEHAVIOURS["full"])
    assert "tcp dport 5060 redirect to :15060" in ruleset(BEHAVIOURS["full"])
    assert "tcp dport" not in ruleset(BEHAVIOURS["via_only"])
    assert "udp dport" not in ruleset(BEHAVIOURS["tcp_only"])
    blocked = ruleset(BEHAVIOURS["block_udp"])
    assert "udp dport 5060 drop" in blocked and "redirect" not in blocked


def test_strip_unknown_both_ways_strips_the_answer_too():
    padded = RESPONSE.replace(b"CSeq: 1 INVITE\r\n", b"CSeq: 1 INVITE\r\nX-Reflect-Pad-To: 900\r\n")
    assert inbound(padded, BEHAVIOURS["strip_unknown"], FLOW) == RESPONSE
    assert inbound(padded, BEHAVIOURS["strip_unknown_requests"], FLOW) == padded


# sipp's own "uac" scenario INVITE (sipp -sd uac), filled in as sipp sends it: an independent
# SIP stack's text, with a Contact without <> and From carrying the source port.
SIPP_SDP = (b"v=0\r\no=user1 53655765 2353687637 IN IP4 192.168.77.10\r\ns=-\r\n"
            b"c=IN IP4 192.168.77.10\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")
SIPP_INVITE = (
    b"INVITE sip:service@203.0.113.10:5060 SIP/2.0\r\n"
    b"Via: SIP/2.0/UDP 192.168.77.10:5062;branch=z9hG4bK-4242-1-0\r\n"
    b"From: sipp <sip:sipp@192.168.77.10:5062>;tag=4242SIPpTag001\r\n"
    b"To: service <sip:service@203.0.113.10:5060>\r\n"
    b"Call-ID: 1-4242@192.168.77.10\r\n"
    b"CSeq: 1 INVITE\r\n"
    b"Contact: sip:sipp@192.168.77.10:5062\r\n"
    b"Max-Forwards: 70\r\n"
    b"Subject: Performance Test\r\n"
    b"Content-Type: application/sdp\r\n"
    b"Content-Length: " + str(len(SIPP_SDP)).encode() + b"\r\n\r\n" + SIPP_SDP)


def test_full_on_a_sipp_invite():
    out = outbound(SIPP_INVITE, BEHAVIOURS["full"], FLOW)
    h = headers(out)
    assert h["Via"] == "SIP/2.0/UDP 203.0.113.1:5062;branch=z9hG4bK-4242-1-0"
    assert h["From"] == "sipp <sip:sipp@203.0.113.1:5062>;tag=4242SIPpTag001"
    assert h["Contact"] == "sip:sipp@203.0.113.1:5062"
    assert h["To"] == "service <sip:service@203.0.113.10:5060>"
    assert h["Call-ID"] == "1-4242@192.168.77.10"  # Linux never touches the Call-ID
    assert body_of(out) == SIPP_SDP.replace(b"192.168.77.10", b"203.0.113.1")
    assert int(h["Content-Length"]) == len(body_of(out))
    assert pinhole_ports(SIPP_INVITE, "192.168.77.10") == [6000]
    blind = headers(outbound(SIPP_INVITE, BEHAVIOURS["blind_replace"], FLOW))
    assert blind["Call-ID"] == "1-4242@203.0.113.1"


def test_the_emulator_log_says_what_changed():
    from sipalg_wizard.lab.alg_emulator import _diff

    assert _diff(INVITE, outbound(INVITE, BEHAVIOURS["full"], FLOW)) == \
        "changed Via, Contact, Content-Length, sdp o=, sdp c="
    assert _diff(INVITE, outbound(INVITE, BEHAVIOURS["strip_unknown"], FLOW)) == \
        "removed X-Probe-Planted"
    assert _diff(INVITE, INVITE) == "unchanged"
