"""Field-by-field comparison on hand-made rewritten, reordered and damaged SIP messages."""

from __future__ import annotations

import pytest

from sipalg_wizard.probe import compare
from sipalg_wizard.probe.analysis import findings_for
from sipalg_wizard.probe.messages import Dialog, build_request
from sipalg_wizard.probe.models import ProbeTest

PRIVATE, PUBLIC = "192.168.77.10", "203.0.113.1"


def invite() -> bytes:
    dialog = Dialog("udp_invite", "udp", PRIVATE, 40000, "203.0.113.10", 5060, media_port=40002)
    return build_request(dialog, "INVITE")


def kernel_like(data: bytes) -> bytes:
    """What the Linux ALG does: every ip:port equal to the source, SDP addresses, new length."""
    head, _, body = data.partition(b"\r\n\r\n")
    body = body.replace(PRIVATE.encode(), PUBLIC.encode())
    head = head.replace(f"{PRIVATE}:40000".encode(), f"{PUBLIC}:40000".encode())
    head = head.replace(b"origin=" + f"{PUBLIC}:40000".encode(), b"origin=" + f"{PRIVATE}:40000".encode())
    lines = [ln for ln in head.split(b"\r\n") if not ln.startswith(b"Content-Length")]
    return b"\r\n".join([*lines, b"Content-Length: %d" % len(body)]) + b"\r\n\r\n" + body


def fields(rewrites) -> set[str]:
    return {r.field for r in rewrites}


def test_identical_messages_have_no_rewrites():
    data = invite()
    assert compare.compare(data, data, "outbound").rewrites == []


def test_kernel_style_rewrite_is_named_field_by_field():
    sent = invite()
    result = compare.compare(sent, kernel_like(sent), "outbound")
    assert result.mangled is None
    assert fields(result.rewrites) == {"Via", "From", "Contact", "Content-Length", "sdp o=", "sdp c=",
                                       "sdp a=rtcp"}
    via = next(r for r in result.rewrites if r.field == "Via")
    assert PRIVATE in via.sent and PUBLIC in via.received and via.direction == "outbound"
    codes = [f.code for f in findings_for([ProbeTest("udp_invite", "udp", 5060, "INVITE",
                                                      "rewritten", result.rewrites)])]
    # a=rtcp changed its address, not its port: that is not a media-port rewrite
    assert codes == ["via_rewritten", "contact_rewritten", "sdp_connection_rewritten",
                     "sdp_origin_rewritten", "from_to_rewritten"]


def test_blind_replace_touches_the_planted_header():
    sent = invite()
    blind = sent.replace(PRIVATE.encode(), b"10.0.0.1")  # same length everywhere: CL stays right
    result = compare.compare(sent, blind, "outbound")
    assert "X-Sipalg-Probe" in fields(result.rewrites)
    assert "Call-ID" in fields(result.rewrites)
    codes = {f.code for f in findings_for([ProbeTest("udp_invite", "udp", 5060, "INVITE",
                                                      "rewritten", result.rewrites)])}
    assert {"blind_replace", "call_id_rewritten", "via_rewritten"} <= codes


def test_reordered_and_removed_headers():
    sent = invite()
    head, _, body = sent.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    start, headers = lines[0], lines[1:]
    headers = [h for h in headers if not h.startswith(b"User-Agent")]
    headers[1], headers[2] = headers[2], headers[1]  # Max-Forwards <-> From
    received = b"\r\n".join([start, *headers]) + b"\r\n\r\n" + body
    result = compare.compare(sent, received, "outbound")
    assert fields(result.rewrites) == {compare.HEADERS_REMOVED, compare.HEADER_ORDER}
    removed = next(r for r in result.rewrites if r.field == compare.HEADERS_REMOVED)
    assert removed.sent == "User-Agent"
    codes = [f.code for f in findings_for([ProbeTest("t", "udp", 5060, "INVITE", "rewritten",
                                                     result.rewrites)])]
    assert codes == ["headers_removed"]


def test_proxy_like_alg_adds_via_and_decrements_max_forwards():
    sent = invite()
    received = sent.replace(b"Max-Forwards: 70", b"Max-Forwards: 69").replace(
        b"Via: ", b"Via: SIP/2.0/UDP 203.0.113.1:5060;branch=z9hG4bKalg\r\nVia: ", 1)
    result = compare.compare(sent, received, "outbound")
    assert fields(result.rewrites) == {compare.VIA_ADDED, "Max-Forwards"}
    codes = [f.code for f in findings_for([ProbeTest("t", "udp", 5060, "INVITE", "rewritten",
                                                     result.rewrites)])]
    assert codes == ["via_added"]


def test_compact_header_forms_compare_equal_by_meaning():
    sent = invite()
    received = sent.replace(b"\r\nCall-ID: ", b"\r\ni: ").replace(b"\r\nContact: ", b"\r\nm: ")
    result = compare.compare(sent, received, "outbound")
    assert "Call-ID" not in fields(result.rewrites) and "Contact" not in fields(result.rewrites)
    assert result.rewrites  # but the bytes differ, and that is shown (raw/order), never lost


def test_wrong_content_length_is_its_own_finding():
    sent = invite()
    received = sent.replace(PRIVATE.encode() + b"\r\n", PUBLIC.encode() + b"\r\n")  # body shorter
    result = compare.compare(sent, received, "outbound")
    assert compare.CONTENT_LENGTH_WRONG in fields(result.rewrites)
    codes = {f.code for f in findings_for([ProbeTest("t", "udp", 5060, "INVITE", "rewritten",
                                                     result.rewrites)])}
    assert "content_length_wrong" in codes


def test_media_port_rewrite():
    sent = invite()
    received = sent.replace(b"m=audio 40002", b"m=audio 61000").replace(b"a=rtcp:40003", b"a=rtcp:61001")
    result = compare.compare(sent, received, "outbound")
    assert fields(result.rewrites) == {"sdp m=", "sdp a=rtcp"}
    codes = [f.code for f in findings_for([ProbeTest("t", "udp", 5060, "INVITE", "rewritten",
                                                     result.rewrites)])]
    assert codes == ["sdp_media_port_rewritten"]


@pytest.mark.parametrize("damage", [lambda d: d[:40], lambda d: b"\x00\xff" + d[2:],
                                    lambda d: d.replace(b"\r\n\r\n", b"\r\n")])
def test_unreadable_copy_is_mangled(damage):
    result = compare.compare(invite(), damage(invite()), "outbound")
    assert result.mangled


def test_inbound_rewrites_make_one_finding():
    sent = (b"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 203.0.113.1:4000;received=203.0.113.1\r\n"
            b"Content-Length: 0\r\n\r\n")
    got = sent.replace(b"203.0.113.1", PRIVATE.encode())
    result = compare.compare(sent, got, "inbound")
    assert {r.direction for r in result.rewrites} == {"inbound"}
    codes = [f.code for f in findings_for([ProbeTest("t", "udp", 5060, "OPTIONS", "rewritten",
                                                     result.rewrites)])]
    assert codes == ["inbound_rewritten"]
