"""The TTL probe without a lab: quote parsing, checksum arithmetic, quote comparison, the analysis,
and a real run on loopback (the only address these tests send to)."""

from __future__ import annotations

import socket
import struct
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sipalg_wizard.privileges import RawAccess
from sipalg_wizard.probe import ttl
from sipalg_wizard.probe.icmp_quote import (
    SO_EE_ORIGIN_ICMP,
    IcmpQuote,
    nat_adjusted,
    offload_checksum,
    parse_extended_err,
    parse_icmp_packet,
    udp_checksum,
)
from sipalg_wizard.probe.messages import Dialog
from sipalg_wizard.sip.message import parse

LOCAL, PUBLIC, TARGET = "192.168.77.10", "100.64.0.1", "203.0.113.10"
LINUX_QUOTE = 520  # SIP bytes in a 576-byte ICMP error: 576 - 20 (IP) - 8 (ICMP) - 20 (IP) - 8 (UDP)



# Unprivileged ICMP error queue (IP_RECVERR): Linux only; on macOS and Windows the probe needs
# administrator rights (raw socket, Npcap) and reports itself unavailable (tested above).
LINUX_ONLY = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the unprivileged TTL probe (IP_RECVERR) is Linux-only")

def invite(port: int = 40000) -> bytes:
    return ttl.compact_invite(Dialog("ttl2_invite", "udp", LOCAL, port, TARGET, 5060,
                                     media_port=40002))


def alg(message: bytes) -> bytes:
    """What the Linux SIP ALG does to the INVITE: every private ip:port becomes the public one,
    Content-Length follows the body."""
    head, _, body = message.replace(LOCAL.encode(), PUBLIC.encode()).partition(b"\r\n\r\n")
    lines = [b"Content-Length: %d" % len(body) if line.startswith(b"Content-Length")
             else line for line in head.split(b"\r\n")]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def icmp_packet(inner_payload: bytes, *, udp_length: int | None = None, checksum: int = 0,
                icmp_type: int = 11) -> bytes:
    length = udp_length if udp_length is not None else 8 + len(inner_payload)
    inner = (struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + length, 1, 0, 1, 17, 0,
                         socket.inet_aton(LOCAL), socket.inet_aton(TARGET))
             + struct.pack("!HHHH", 40000, 5060, length, checksum) + inner_payload)
    icmp = struct.pack("!BBHI", icmp_type, 0, 0, 0) + inner
    outer = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(icmp), 1, 0, 64, 1, 0,
                        socket.inet_aton("100.64.0.2"), socket.inet_aton(LOCAL))
    return outer + icmp


# -- bytes from the network ----------------------------------------------------------------------
def test_extended_error_names_the_router():
    data = struct.pack("=IBBBBII", 113, SO_EE_ORIGIN_ICMP, 11, 0, 0, 0, 0)
    data += struct.pack("=H", socket.AF_INET) + struct.pack("!H", 0) + socket.inet_aton("100.64.0.2")
    data += b"\0" * 8
    assert parse_extended_err(data) == (113, SO_EE_ORIGIN_ICMP, 11, 0, "100.64.0.2")
    assert parse_extended_err(data[:10]) is None


def test_raw_icmp_packet_gives_header_and_payload():
    quote = parse_icmp_packet(icmp_packet(b"INVITE sip:x", checksum=0x1234))
    assert quote is not None
    assert (quote.offender, quote.icmp_type, quote.payload) == ("100.64.0.2", 11, b"INVITE sip:x")
    assert quote.udp_length == 20 and quote.udp_checksum == 0x1234
    assert quote.inner_src == (LOCAL, 40000) and quote.inner_dst == (TARGET, 5060)
    assert parse_icmp_packet(icmp_packet(b"", icmp_type=0)) is None  # an echo reply is no error


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_icmp_parser_never_crashes(data):
    parse_icmp_packet(data)
    parse_extended_err(data)


@given(st.binary(min_size=0, max_size=64), st.integers(1, 65535), st.integers(1, 65535))
def test_checksum_verifies_and_nat_update_equals_recomputation(payload, sport, dport):
    full = udp_checksum(LOCAL, TARGET, sport, dport, payload)
    natted = udp_checksum(PUBLIC, TARGET, sport, dport, payload)
    adjusted = nat_adjusted(full, LOCAL, PUBLIC)
    assert adjusted == natted or {adjusted, natted} == {0, 0xFFFF}  # +0 and -0 in one's complement


# -- the message ---------------------------------------------------------------------------------
def test_compact_invite_is_a_valid_invite_that_mostly_fits_a_linux_quote():
    data = invite()
    message = parse(data)
    assert message.method == "INVITE" and message.content_length() == len(message.body)
    assert LOCAL in message.get("via") and LOCAL in message.get("contact")
    assert b"c=IN IP4 " + LOCAL.encode() in message.body and message.get("user-agent") is None
    assert len(data) < 600  # the headers and the SDP's o=/c= lines fit in 520 bytes
    assert b"c=IN IP4" in data[:LINUX_QUOTE]


# -- comparing quotes ----------------------------------------------------------------------------
def test_whole_unchanged_quote_vouches_for_nothing_rewritten():
    sent = invite()
    outcome, rewrites, _, sees_all = ttl.compare_quote(sent, IcmpQuote("100.64.0.2", 11, 0, sent))
    assert (outcome, rewrites, sees_all) == ("ok", [], True)


def test_linux_length_quote_of_the_alg_shows_the_fields():
    sent = invite()
    outcome, rewrites, detail, _ = ttl.compare_quote(
        sent, IcmpQuote("100.64.0.2", 11, 0, alg(sent)[:LINUX_QUOTE]))
    fields = {r.field for r in rewrites}
    assert outcome == "rewritten", detail
    assert {"Via", "Contact", "From", "sdp c=", "sdp o="} <= fields
    assert not fields & {"Content-Length (does not match body)", "headers removed", "sdp m="}


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 700))
def test_a_cut_quote_of_an_unchanged_message_is_never_a_rewrite(cut):
    sent = invite()
    outcome, rewrites, detail, _ = ttl.compare_quote(sent, IcmpQuote("r", 11, 0, sent[:cut]))
    assert outcome == "ok" and rewrites == [], (cut, detail, rewrites)


def test_eight_byte_quote_length_and_checksum():
    sent = invite()
    changed = IcmpQuote("r", 11, 0, b"", udp_length=8 + len(alg(sent)), udp_checksum=1,
                        inner_src=(LOCAL, 40000), inner_dst=(TARGET, 5060), source="raw")
    outcome, rewrites, _, _ = ttl.compare_quote(sent, changed)
    assert outcome == "rewritten" and rewrites[0].field == ttl.UDP_LENGTH
    good = udp_checksum(LOCAL, TARGET, 40000, 5060, sent)
    same = IcmpQuote("r", 11, 0, b"", 8 + len(sent), good, (LOCAL, 40000), (TARGET, 5060), "raw")
    assert ttl.compare_quote(sent, same)[0::3] == ("ok", True)
    # Checksum offload (virtual links): the field holds the pseudo-header sum, set by the NAT for
    # its own address and mapped back with the quote. Nothing to compare, and no false alarm.
    offload = nat_adjusted(offload_checksum(PUBLIC, TARGET, 8 + len(sent)), PUBLIC, LOCAL)
    quote = IcmpQuote("r", 11, 0, b"", 8 + len(sent), offload, (LOCAL, 40000), (TARGET, 5060), "raw")
    outcome, _, detail, sees_all = ttl.compare_quote(sent, quote, PUBLIC)
    assert (outcome, sees_all) == ("ok", False) and "offload" in detail
    unreadable = ttl.compare_quote(sent, IcmpQuote("r", 11, 0, b""))
    assert unreadable[0] == "error" and "raw-packet" in unreadable[2]


# -- the analysis --------------------------------------------------------------------------------
def hop(ttl_: int, offender: str | None, payload_of=lambda sent: sent, **quote) -> ttl.Hop:
    sent = invite(40000 + ttl_)
    h = ttl.Hop(ttl_, 40000 + ttl_, sent)
    if offender:
        h.quote = IcmpQuote(offender, quote.pop("icmp_type", 11), 0, payload_of(sent), **quote)
    return h


def test_analysis_finds_the_alg_past_the_home_router_with_its_method():
    result = ttl.TtlResult(TARGET, hops=[hop(1, "192.168.77.1"), hop(2, "100.64.0.2", alg),
                                         hop(3, TARGET, alg, icmp_type=3)])
    ttl.analyse(result)
    assert result.gateway_hops == 1 and result.witness_ttl == 2 and not result.sees_all
    codes = [f.code for f in result.findings]
    assert {"via_rewritten", "contact_rewritten", "sdp_connection_rewritten"} <= set(codes)
    assert all(f.method == "ttl" and "confidence high" in f.detail for f in result.findings)
    assert "ttl3_invite" not in " ".join(f.detail for f in result.findings)  # Port Unreachable


def test_analysis_behind_double_nat_uses_the_hop_after_both_routers():
    result = ttl.TtlResult(TARGET, hops=[hop(1, "192.168.1.1"), hop(2, "192.168.0.1"),
                                         hop(3, "198.51.100.1")])
    ttl.analyse(result)
    assert (result.gateway_hops, result.witness_ttl, result.sees_all) == (2, 3, True)
    assert result.findings == []


def test_analysis_eight_byte_witness_gives_payload_rewritten():
    def short(sent):
        return b""

    h2 = hop(2, "100.64.0.2", short, udp_length=8 + len(alg(invite(40002))))
    result = ttl.TtlResult(TARGET, hops=[hop(1, "192.168.77.1"), h2, hop(3, None)])
    ttl.analyse(result)
    assert [f.code for f in result.findings] == ["payload_rewritten"]
    assert result.tests[2].outcome == "skipped"  # past the witness: not waited for


def test_silent_path_and_a_rewriting_control():
    result = ttl.TtlResult(TARGET, hops=[hop(1, None), hop(2, None)])
    ttl.analyse(result)
    assert result.witness_ttl is None and not result.sees_all and result.findings == []
    result = ttl.TtlResult(TARGET, hops=[hop(1, "192.168.77.1", alg), hop(2, "100.64.0.2", alg)])
    ttl.analyse(result)
    assert "this computer" in result.note
    assert all("confidence low" in f.detail for f in result.findings)


# -- platforms and a real run --------------------------------------------------------------------
def test_without_raw_rights_elsewhere_it_says_why(monkeypatch):
    import sipalg_wizard.privileges as privileges

    monkeypatch.setattr(privileges, "raw_packets", lambda platform=None: RawAccess(
        False, "not_privileged", "Raw-packet tests were skipped: they need administrator rights."))
    result = ttl.run_ttl_probe("127.0.0.1", platform="darwin", timeout=0.5)
    assert not result.available and result.note.startswith("unavailable")
    assert "administrator" in result.note and result.hops == []


@LINUX_ONLY
def test_real_run_on_loopback_ends_fast_and_claims_nothing():
    """Loopback has no routers: the target (nothing listens on the port) answers Port Unreachable,
    which the probe shows but never counts as a witness."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as spare:
        spare.bind(("127.0.0.1", 0))
        port = spare.getsockname()[1]
    result = ttl.run_ttl_probe("127.0.0.1", port=port, timeout=1.5, max_hops=2)
    assert result.available
    assert result.findings == [] and result.witness_ttl is None and not result.sees_all
    assert result.hops and result.hops[0].quote is not None and result.hops[0].quote.icmp_type == 3


@LINUX_ONLY
def test_cancel_and_names():
    import threading

    cancel = threading.Event()
    cancel.set()
    result = ttl.run_ttl_probe("localhost", timeout=5, cancel=cancel)
    assert result.available and result.findings == [] and len(result.hops) == ttl.MAX_HOPS
    assert result.duration_ms < 4000  # it did not wait for its timeout
    bad = ttl.run_ttl_probe("name.invalid", timeout=1)
    assert not bad.available and bad.note.startswith("unavailable")


def _hop(n: int, offender: str | None) -> ttl.Hop:
    quote = IcmpQuote(offender, 11, 0, b"") if offender else None
    return ttl.Hop(n, 40000 + n, b"INVITE", quote=quote)


@pytest.mark.parametrize(("offenders", "limit"), [
    ([None, None, None], 2),  # nothing known: hop 1 may be public, so TTL 2 at most
    (["192.168.1.1", None, None], 3),  # the home router answered: one more
    (["192.168.1.1", "10.0.0.1", None], 4),  # double NAT: the first public hop is 3
    (["198.51.100.1", None, None], 2),  # no home router (public hop 1): never past public hop 2
    (["192.168.1.1", "203.0.113.1", None], 3),
])
def test_never_a_ttl_past_the_second_public_router(offenders, limit):
    hops = [_hop(i + 1, o) for i, o in enumerate(offenders)]
    assert ttl.allowed_ttl(hops) == limit


def test_without_an_error_queue_only_plain_reads():
    """Windows has no recvmsg: a socket that becomes readable is read plainly, never crashes."""

    class NoRecvmsg:
        def recv(self, size):
            raise ConnectionResetError("ICMP port unreachable, as Windows reports it")

    hop = _hop(1, None)
    ttl._drain(NoRecvmsg(), hop, errqueue=False)
    assert hop.quote is None and not hop.reached
